package dev.airflowmcp.runtime.server.revision;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Streamable HTTP endpoint of both generations: reads a POST body once, lets {@link
 * Revisions#classify} pick the 2025-era servlet or the 2026-07-28 one, and hands the request (body
 * replayed) to it. Other HTTP methods go to the 2026 servlet, which answers {@code GET} and {@code
 * DELETE} with 405 as both revisions allow for a server without sessions or a GET stream.
 *
 * <p>The request's generation is left in the attribute {@link #GENERATION_ATTRIBUTE}, so filters in
 * front can tell a 2026 error response (whose id and data the revision requires) from others.
 */
public final class DualRevisionServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Request attribute: the {@link Revisions.Generation} that answered. */
  public static final String GENERATION_ATTRIBUTE = "dev.airflowmcp.generation";

  private final transient HttpServlet legacy;
  private final transient HttpServlet modern;
  private final int maxRequestBytes;

  /**
   * @param legacy the SDK's 2025-era Streamable HTTP servlet
   * @param modern the SDK's 2026-07-28 servlet
   * @param maxRequestBytes larger bodies are left to the 2025-era servlet, which refuses them
   */
  public DualRevisionServlet(HttpServlet legacy, HttpServlet modern, int maxRequestBytes) {
    this.legacy = legacy;
    this.modern = modern;
    this.maxRequestBytes = maxRequestBytes;
  }

  @Override
  public void init(ServletConfig config) throws ServletException {
    super.init(config);
    legacy.init(config);
    modern.init(config);
  }

  @Override
  public void destroy() {
    legacy.destroy();
    modern.destroy();
    super.destroy();
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    if (!"POST".equals(request.getMethod())) {
      request.setAttribute(GENERATION_ATTRIBUTE, Revisions.Generation.MODERN);
      modern.service(request, response);
      return;
    }
    byte[] body = request.getInputStream().readNBytes(maxRequestBytes + 1);
    Object message = body.length <= maxRequestBytes ? peek(body) : null;
    Revisions.Generation generation = Revisions.classify(message, request::getHeader);
    request.setAttribute(GENERATION_ATTRIBUTE, generation);
    String problem =
        generation == Revisions.Generation.LEGACY ? ParamsCheck.problem(message) : null;
    if (problem != null) {
      // Answered here: the SDK would turn it into an internal error (see ParamsCheck).
      response.setContentType("application/json");
      response
          .getOutputStream()
          .write(JSON.writeValueAsBytes(ParamsCheck.errorResponse((Map<?, ?>) message, problem)));
      return;
    }
    HttpServletRequest replay = new Replayed(request, body);
    if (generation == Revisions.Generation.MODERN) {
      if (taskNameMismatch(message, request)) {
        headerMismatch(JSON.readValue(body, Object.class), response);
        return;
      }
      modern.service(replay, response);
    } else {
      legacy.service(replay, response);
    }
  }

  /**
   * What {@link Revisions#classify}, {@link #taskNameMismatch} and {@link ParamsCheck} read of a
   * message, in the shape the whole message parsed as a map would give them: {@code method} when a
   * string, {@code id} when a scalar, {@code params} when an object (an empty list when another
   * type that is not null), with its {@code taskId} when a string, its {@code _meta} (only the key
   * {@link Revisions#META_PROTOCOL_VERSION}) when an object, and its {@code arguments} only as an
   * empty list when they are neither an object nor null. Read with one pass of the parser instead
   * of building the whole message, which the SDK parses again anyway. A repeated name counts with
   * its last value, as in a parsed map; null when the body is not one JSON object (malformed,
   * trailing content, another type), as when parsing it fails or gives no map.
   */
  static Map<String, Object> peek(byte[] body) {
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      Map<String, Object> message = new HashMap<>();
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals("method") && value == JsonToken.VALUE_STRING) {
          message.put(name, p.getString());
        } else if (name.equals("params") && value == JsonToken.START_OBJECT) {
          message.put(name, peekParams(p));
        } else if (name.equals("params") && value != JsonToken.VALUE_NULL) {
          message.put(name, NOT_AN_OBJECT);
          p.skipChildren();
        } else if (name.equals("id") && value.isScalarValue()) {
          message.put(name, scalar(p, value));
        } else {
          if (name.equals("method") || name.equals("params") || name.equals("id")) {
            message.remove(name);
          }
          p.skipChildren();
        }
      }
      return p.nextToken() == null ? message : null;
    } catch (JacksonException e) {
      return null;
    }
  }

  /** What {@link #peek} records for a {@code params} or {@code arguments} that is no object. */
  private static final List<Object> NOT_AN_OBJECT = List.of();

  /** A scalar id as the parsed map holds it (string, number, boolean or null). */
  private static Object scalar(JsonParser p, JsonToken value) {
    return switch (value) {
      case VALUE_STRING -> p.getString();
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getNumberValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      default -> null;
    };
  }

  /** {@link #peek} of {@code params}, the parser at its start. */
  private static Map<String, Object> peekParams(JsonParser p) {
    Map<String, Object> params = new HashMap<>();
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if (name.equals("taskId") && value == JsonToken.VALUE_STRING) {
        params.put(name, p.getString());
      } else if (name.equals("arguments")
          && value != JsonToken.START_OBJECT
          && value != JsonToken.VALUE_NULL) {
        params.put(name, NOT_AN_OBJECT);
        p.skipChildren();
      } else if (name.equals("_meta") && value == JsonToken.START_OBJECT) {
        Map<String, Object> meta = new HashMap<>();
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
          String key = p.currentName();
          p.nextToken();
          p.skipChildren();
          if (key.equals(Revisions.META_PROTOCOL_VERSION)) {
            meta.put(key, Boolean.TRUE);
          }
        }
        params.put(name, meta);
      } else {
        if (name.equals("taskId") || name.equals("_meta") || name.equals("arguments")) {
          params.remove(name);
        }
        p.skipChildren();
      }
    }
    return params;
  }

  /**
   * Whether a task request ({@code tasks/get}, {@code tasks/update}, {@code tasks/cancel}) lacks an
   * {@code Mcp-Name} header equal to its {@code params.taskId}, which the tasks extension requires
   * on Streamable HTTP (so that a balancer can route by it). The SDK checks {@code Mcp-Name} for
   * the core methods only; this adds the tasks rows. Surrounding whitespace is ignored, as for the
   * core headers. Like the TypeScript SDK's server, which validates the same table of methods, the
   * check does not depend on whether the server offers the extension.
   */
  static boolean taskNameMismatch(Object message, HttpServletRequest request) {
    if (!(message instanceof Map<?, ?> m)
        || !(m.get("method") instanceof String method)
        || !TasksExtension.METHODS.contains(method)
        || !(m.get("params") instanceof Map<?, ?> params)
        || !(params.get("taskId") instanceof String taskId)) {
      return false;
    }
    List<String> values = Collections.list(request.getHeaders(MCP_NAME));
    return values.size() != 1 || !values.get(0).strip().equals(taskId);
  }

  private static void headerMismatch(Object message, HttpServletResponse response)
      throws IOException {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", HEADER_MISMATCH);
    error.put("message", "Mcp-Name header does not match params.taskId");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("jsonrpc", "2.0");
    body.put("id", ((Map<?, ?>) message).get("id"));
    body.put("error", error);
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    response.setContentType("application/json");
    response.getOutputStream().write(JSON.writeValueAsBytes(body));
  }

  private static final String MCP_NAME = "Mcp-Name";

  /** The revision's HeaderMismatch error code. */
  static final int HEADER_MISMATCH = -32020;

  /** The request with its body read again from memory. */
  private static final class Replayed extends HttpServletRequestWrapper {
    private final byte[] body;

    Replayed(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        private boolean finished;

        @Override
        public int read() throws IOException {
          int b = in.read();
          finished = b < 0;
          return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          int n = in.read(b, off, len);
          finished = n < 0;
          return n;
        }

        @Override
        public boolean isFinished() {
          return finished || in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("blocking reads only");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      java.nio.charset.Charset charset = StandardCharsets.UTF_8;
      String encoding = getCharacterEncoding();
      if (encoding != null) {
        try {
          charset = java.nio.charset.Charset.forName(encoding);
        } catch (IllegalArgumentException e) {
          // Unknown charset: JSON is UTF-8.
        }
      }
      return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
