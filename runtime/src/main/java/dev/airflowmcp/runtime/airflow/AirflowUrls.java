package dev.airflowmcp.runtime.airflow;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the path and query of a request to Airflow. Path and query values are percent-encoded so
 * that no value can change the path ({@code /}, {@code ..}, {@code ?}, {@code #} are all encoded).
 */
final class AirflowUrls {
  private AirflowUrls() {}

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  /**
   * The request's path with each placeholder replaced by its percent-encoded value; refuses an
   * unfilled, empty, unopened or unclosed placeholder and a value without a placeholder.
   */
  static String expandPath(AirflowRequest request) throws AirflowCallException {
    String template = request.pathTemplate();
    StringBuilder out = new StringBuilder(template.length() + 32);
    Set<String> used = new HashSet<>();
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c == '{') {
        int close = template.indexOf('}', i);
        if (close < 0) {
          throw RequestGuard.refused("the path template has an unclosed placeholder", request);
        }
        String name = template.substring(i + 1, close);
        String value = pathValue(request.pathParams(), name);
        if (value == null) {
          throw RequestGuard.refused("no value for path parameter '" + name + "'", request);
        }
        if (value.isEmpty()) {
          throw RequestGuard.refused("empty value for path parameter '" + name + "'", request);
        }
        out.append(encodePathValue(value));
        used.add(name);
        i = close + 1;
      } else if (c == '}') {
        throw RequestGuard.refused("the path template has an unopened placeholder", request);
      } else {
        out.append(c);
        i++;
      }
    }
    for (AirflowRequest.Param p : request.pathParams()) {
      if (!used.contains(p.name())) {
        throw RequestGuard.refused(
            "path parameter '" + p.name() + "' is not in the path template", request);
      }
    }
    return out.toString();
  }

  private static String pathValue(List<AirflowRequest.Param> params, String name) {
    for (AirflowRequest.Param p : params) {
      if (p.name().equals(name)) {
        return p.value();
      }
    }
    return null;
  }

  private static String encodePathValue(String value) {
    if (value.equals(".")) {
      return "%2E";
    }
    if (value.equals("..")) {
      return "%2E%2E";
    }
    return encode(value);
  }

  /** {@code ?name=value&...}, each part percent-encoded, or nothing for no parameters. */
  static String queryString(Collection<AirflowRequest.Param> query) {
    if (query.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    char sep = '?';
    for (AirflowRequest.Param p : query) {
      out.append(sep).append(encode(p.name())).append('=').append(encode(p.value()));
      sep = '&';
    }
    return out.toString();
  }

  /** Percent-encodes (UTF-8, upper-case hex) everything outside RFC 3986 unreserved characters. */
  static String encode(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length + 8);
    for (byte b : bytes) {
      int c = b & 0xFF;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    return out.toString();
  }
}
