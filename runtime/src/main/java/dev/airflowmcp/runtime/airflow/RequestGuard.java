package dev.airflowmcp.runtime.airflow;

import dev.airflowmcp.runtime.airflow.AirflowCallException.Kind;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * What the transport refuses to send, before anything is sent (defence in depth behind the
 * generator's own checks): only {@code GET} unless writes are allowed, only paths under {@code
 * /api/v1/} or {@code /api/v2/}, never {@code /auth/login} or {@code /auth/logout}, no unresolved
 * lookups, a path template of plain characters without empty, {@code .} or {@code ..} segments.
 */
public final class RequestGuard {
  private RequestGuard() {}

  private static final Set<String> READ_METHODS = Set.of("GET");
  private static final Set<String> WRITE_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");
  static final List<String> API_PREFIXES = List.of("/api/v1/", "/api/v2/");
  private static final Pattern TEMPLATE_CHARS =
      Pattern.compile("[A-Za-z0-9\\-._~/:@!$&'()*+,;={}]*");

  /** Refuses what {@link #guardMethodAndPath} refuses, and a request with unresolved lookups. */
  static void guard(AirflowRequest request, boolean allowWrites) throws AirflowCallException {
    guardMethodAndPath(request, allowWrites);
    if (!request.lookups().isEmpty()) {
      throw refused("lookups must be resolved before sending", request);
    }
  }

  /** Refuses a method or path this client never sends (writes in read-only mode included). */
  static void guardMethodAndPath(AirflowRequest request, boolean allowWrites)
      throws AirflowCallException {
    String method = request.method();
    if (WRITE_METHODS.contains(method)) {
      if (!allowWrites) {
        throw readOnly(
            request, "the server is in read-only mode, so only reads are sent to Airflow");
      }
    } else if (!READ_METHODS.contains(method)) {
      throw refused("unsupported HTTP method", request);
    }
    String template = request.pathTemplate();
    if (ALLOWED_TEMPLATES.contains(template)) {
      return;
    }
    if (API_PREFIXES.stream().noneMatch(template::startsWith)) {
      throw refused("only /api/v1/ and /api/v2/ paths may be called", request);
    }
    if (isLoginOrLogout(template)) {
      throw refused("login and logout endpoints are never called", request);
    }
    if (!TEMPLATE_CHARS.matcher(template).matches()) {
      throw refused("the path template contains characters that are not allowed", request);
    }
    for (String segment : template.substring(1).split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw refused("the path template has an empty, '.' or '..' segment", request);
      }
    }
    if (ALLOWED_TEMPLATES.size() < MAX_ALLOWED_TEMPLATES) {
      ALLOWED_TEMPLATES.add(template);
    }
  }

  /**
   * Path templates that passed the checks above, which depend on the template alone: the tools'
   * templates are a fixed set, so each is checked once instead of on every call. Bounded, in case a
   * hand-written tool builds templates from values.
   */
  private static final Set<String> ALLOWED_TEMPLATES = ConcurrentHashMap.newKeySet();

  private static final int MAX_ALLOWED_TEMPLATES = 4096;

  /** Whether the path ends in Airflow's login or logout endpoint (any case, trailing slashes). */
  static boolean isLoginOrLogout(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    int end = p.length();
    while (end > 0 && p.charAt(end - 1) == '/') {
      end--;
    }
    p = p.substring(0, end);
    return p.endsWith("/auth/login") || p.endsWith("/auth/logout");
  }

  /**
   * The exception for a write that is not allowed: {@code "'PATCH dags/my_dag' refused: <why>"},
   * naming the method and the percent-encoded path after the API prefix (as the caller gave the
   * values), or the path template when the path cannot be filled.
   */
  public static AirflowCallException readOnly(AirflowRequest request, String why) {
    String path;
    try {
      path = AirflowUrls.expandPath(request);
    } catch (AirflowCallException unfilled) {
      path = request.pathTemplate();
    }
    for (String prefix : API_PREFIXES) {
      if (path.startsWith(prefix)) {
        path = path.substring(prefix.length());
        break;
      }
    }
    return new AirflowCallException(
        Kind.READ_ONLY, "'" + request.method() + " " + path + "' refused: " + why);
  }

  /** The exception for a request the guard refuses: {@code "refused <request>: <why>"}. */
  static AirflowCallException refused(String why, AirflowRequest request) {
    return new AirflowCallException(Kind.REFUSED, "refused " + request.describe() + ": " + why);
  }
}
