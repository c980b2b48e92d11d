package dev.airflowmcp.runtime.server.revision;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Requests whose {@code params} have the wrong JSON type, answered before the SDK sees them. The
 * SDK 2.1.0 turns such a request into an internal error: an {@code initialize} without params, or
 * with params that are not an object, came back as {@code -32603} carrying the Java exception's
 * text (class names of the SDK); a {@code tools/call} whose arguments are not an object came back
 * as an HTTP 500 without the request's id. Both transports now answer these with {@code -32602
 * Invalid params}, the request's id and a hint, and never pass them on.
 *
 * <p>Only the JSON types are checked, and only where every revision agrees: {@code params}, when
 * present and not null, is an object (JSON-RPC 2.0 allows arrays, MCP never uses them); {@code
 * initialize} has params; {@code tools/call} arguments, when present and not null, are an object.
 * Everything else (missing fields, unknown versions, unknown tools) stays with the SDK, which
 * answers it as before. Notifications are never answered.
 */
public final class ParamsCheck {
  private ParamsCheck() {}

  /** JSON-RPC's code for invalid method parameters. */
  public static final int INVALID_PARAMS = -32602;

  /**
   * What is wrong with a request's params, or null when nothing this class checks is wrong (or the
   * message is no request with a string or number id: a notification, a response, a batch, not an
   * object; those stay with the SDK).
   *
   * @param message the message parsed as a map, or what {@link DualRevisionServlet#peek} reads of
   *     it (the same shape for {@code method}, {@code params} and its {@code arguments})
   */
  public static String problem(Object message) {
    if (!(message instanceof Map<?, ?> m)
        || !(m.get("method") instanceof String method)
        || !(m.get("id") instanceof String || m.get("id") instanceof Number)) {
      return null;
    }
    Object params = m.get("params");
    if (params != null && !(params instanceof Map)) {
      return "params must be a JSON object";
    }
    if (method.equals("initialize") && params == null) {
      return "initialize needs params: {\"protocolVersion\": ..., \"capabilities\": {...},"
          + " \"clientInfo\": {\"name\": ..., \"version\": ...}}";
    }
    if (method.equals("tools/call")
        && params instanceof Map<?, ?> p
        && p.get("arguments") != null
        && !(p.get("arguments") instanceof Map)) {
      return "tools/call arguments must be a JSON object of the tool's parameters";
    }
    return null;
  }

  /** The JSON-RPC error response to {@code message} for {@code problem}. */
  static Map<String, Object> errorResponse(Map<?, ?> message, String problem) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", INVALID_PARAMS);
    error.put("message", "Invalid params: " + problem);
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("jsonrpc", "2.0");
    response.put("id", message.get("id"));
    response.put("error", error);
    return response;
  }
}
