package dev.airflowmcp.runtime.server;

import dev.airflowmcp.runtime.server.revision.DualRevisionServlet;
import dev.airflowmcp.runtime.server.revision.Revisions;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Guards the HTTP transport: Host and Origin validation (against DNS rebinding and cross-site
 * calls), request size capped, credentials decided by the {@link HttpAuthenticator} (refused
 * requests never reach the MCP servlet; the decided credentials travel in the request attribute
 * {@link #CREDENTIALS_ATTRIBUTE}), and no stack trace or exception text in any error body. The
 * protected resource metadata is served after the Host and Origin checks, without credentials. The
 * SDK servlet writes its exception objects into error bodies (message, cause and the whole stack
 * trace as JSON), so every answer with an error status gets a fixed JSON-RPC error body instead,
 * keeping only the JSON-RPC error code.
 */
final class HttpGuardFilter implements Filter {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The JSON-RPC 2.0 standard messages, by code. */
  private static final Map<Integer, String> RPC_MESSAGES =
      Map.of(
          -32700, "Parse error",
          -32600, "Invalid request",
          -32601, "Method not found",
          -32602, "Invalid params",
          -32603, "Internal error");

  /** The request attribute holding the {@code AirflowCredentials} a request acts with. */
  static final String CREDENTIALS_ATTRIBUTE = "dev.airflowmcp.credentials";

  private final Set<String> allowedHosts;
  private final Set<String> allowedOrigins;
  private final HttpAuthenticator authenticator;
  private final int maxRequestBytes;
  private final Set<String> openPaths;

  /**
   * @param allowedHosts host names accepted in {@code Host} (port ignored); empty = any
   * @param allowedOrigins exact origins accepted in {@code Origin} besides loopback origins
   * @param authenticator decides each request's credentials or refusal
   * @param openPaths paths that pass the Host, Origin and size checks without credentials and
   *     answer with their own bodies (the health and metrics endpoints)
   */
  HttpGuardFilter(
      Set<String> allowedHosts,
      Set<String> allowedOrigins,
      HttpAuthenticator authenticator,
      int maxRequestBytes,
      Set<String> openPaths) {
    this.openPaths = Set.copyOf(openPaths);
    this.allowedHosts = Set.copyOf(allowedHosts);
    this.allowedOrigins = Set.copyOf(allowedOrigins);
    this.authenticator = authenticator;
    this.maxRequestBytes = maxRequestBytes;
  }

  /** Loopback names plus the bind host; any host when bound to every interface. */
  static Set<String> allowedHosts(String bindHost) {
    String h = bindHost.toLowerCase(Locale.ROOT);
    if (h.equals("0.0.0.0") || h.equals("::") || h.equals("[::]")) {
      return Set.of();
    }
    Set<String> out = new TreeSet<>(List.of("localhost", "127.0.0.1", "[::1]", "::1"));
    out.add(h);
    return out;
  }

  static Set<String> allowedOrigins(List<String> configured) {
    Set<String> out = new TreeSet<>();
    for (String o : configured) {
      out.add(stripSlash(o.toLowerCase(Locale.ROOT)));
    }
    return out;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;

    String host = request.getHeader("Host");
    if (!allowedHosts.isEmpty() && (host == null || !allowedHosts.contains(hostName(host)))) {
      reject(response, 403, "forbidden host");
      return;
    }
    String origin = request.getHeader("Origin");
    if (origin != null && !originAllowed(origin)) {
      reject(response, 403, "forbidden origin");
      return;
    }
    if (request.getContentLengthLong() > maxRequestBytes) {
      reject(response, 413, "request too large");
      return;
    }
    if (openPaths.contains(request.getRequestURI())
        || ProtectedResourceMetadata.WELL_KNOWN.equals(request.getServletPath())) {
      // Public by design: probes and metrics scrapers hold no Airflow credentials, and clients
      // read the protected resource metadata (RFC 9728) before they hold a token.
      chain.doFilter(request, response);
      return;
    }
    request.removeAttribute(CREDENTIALS_ATTRIBUTE);
    HttpAuthenticator.Decision decision = authenticator.decide(request.getHeader("Authorization"));
    if (decision instanceof HttpAuthenticator.Refused refused) {
      if (refused.challenge() != null) {
        response.setHeader("WWW-Authenticate", refused.challenge());
      }
      reject(response, refused.status(), refused.error(), refused.description());
      return;
    }
    request.setAttribute(
        CREDENTIALS_ATTRIBUTE, ((HttpAuthenticator.Allowed) decision).credentials());
    SafeResponse safe = new SafeResponse(response, request);
    chain.doFilter(request, safe);
    safe.finish();
  }

  private boolean originAllowed(String origin) {
    String o = stripSlash(origin.toLowerCase(Locale.ROOT));
    if (allowedOrigins.contains(o)) {
      return true;
    }
    try {
      URI uri = URI.create(o);
      String h = uri.getHost();
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && h != null
          && (h.equals("localhost") || h.equals("127.0.0.1") || h.equals("[::1]"));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  private static String hostName(String hostHeader) {
    String h = hostHeader.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end > 0 ? h.substring(0, end + 1) : h;
    }
    int colon = h.lastIndexOf(':');
    return colon >= 0 ? h.substring(0, colon) : h;
  }

  private static void reject(HttpServletResponse response, int status, String message)
      throws IOException {
    reject(response, status, message, null);
  }

  /** A fixed JSON body {@code {"error": ..., "error_description": ...}} (description optional). */
  private static void reject(
      HttpServletResponse response, int status, String message, String description)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    Map<String, String> fields = new java.util.LinkedHashMap<>();
    fields.put("error", message);
    if (description != null) {
      fields.put("error_description", description);
    }
    byte[] body = JSON.writeValueAsBytes(fields);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  /**
   * Buffers the body (responses of the stateless transport are small JSON documents), and on an
   * error status replaces the body with a fixed JSON-RPC error.
   */
  private static final class SafeResponse extends HttpServletResponseWrapper {
    private final Body buffer = new Body();
    private final ServletOutputStream stream =
        new ServletOutputStream() {
          @Override
          public boolean isReady() {
            return true;
          }

          @Override
          public void setWriteListener(WriteListener listener) {
            throw new UnsupportedOperationException("blocking only");
          }

          @Override
          public void write(int b) {
            buffer.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            buffer.write(b, off, len);
          }
        };
    private PrintWriter writer;
    private int status = 200;
    private final HttpServletRequest request;

    SafeResponse(HttpServletResponse response, HttpServletRequest request) {
      super(response);
      this.request = request;
    }

    @Override
    public void setStatus(int sc) {
      status = sc;
      super.setStatus(sc);
    }

    @Override
    public void sendError(int sc, String msg) {
      sendError(sc);
    }

    @Override
    public void sendError(int sc) {
      // The body is written by finish(), like every other error body.
      status = sc;
      super.setStatus(sc);
      buffer.reset();
    }

    @Override
    public void resetBuffer() {
      buffer.reset();
      super.resetBuffer();
    }

    @Override
    public void reset() {
      buffer.reset();
      status = 200;
      super.reset();
    }

    @Override
    public ServletOutputStream getOutputStream() {
      return stream;
    }

    @Override
    public PrintWriter getWriter() {
      if (writer == null) {
        writer = new PrintWriter(new Utf8Chars(buffer));
      }
      return writer;
    }

    @Override
    public void setContentLength(int len) {
      // The length is set when the buffered body is written.
    }

    @Override
    public void setContentLengthLong(long len) {
      // The length is set when the buffered body is written.
    }

    @Override
    public void flushBuffer() {
      if (writer != null) {
        writer.flush();
      }
    }

    void finish() throws IOException {
      if (writer != null) {
        writer.flush();
      }
      HttpServletResponse real = (HttpServletResponse) getResponse();
      if (status < 400) {
        // Written from the buffer itself: no copy of a large result.
        if (!real.isCommitted()) {
          real.setContentLength(buffer.size());
        }
        buffer.writeTo(real.getOutputStream());
        real.flushBuffer();
        return;
      }
      byte[] body = buffer.toByteArray();
      if (!modernRpcError(body)) {
        super.setContentType("application/json");
        body = jsonRpcError(status, rpcCode(body)).getBytes(StandardCharsets.UTF_8);
      }
      if (!real.isCommitted()) {
        real.setContentLength(body.length);
      }
      real.getOutputStream().write(body);
      real.flushBuffer();
    }

    /**
     * Whether the body is a JSON-RPC error response the 2026-07-28 server wrote: the revision
     * answers with HTTP 400/404 and requires the request's id and the error's data (supported
     * versions, the missing capability) in it. That server puts no exception text in responses.
     */
    private boolean modernRpcError(byte[] body) {
      if (request.getAttribute(DualRevisionServlet.GENERATION_ATTRIBUTE)
              != Revisions.Generation.MODERN
          || body.length == 0) {
        return false;
      }
      try {
        JsonNode node = JSON.readTree(body);
        return node != null
            && node.isObject()
            && "2.0".equals(node.path("jsonrpc").asString(""))
            && node.has("id")
            && node.path("error").path("code").isInt()
            && node.path("error").path("message").isString();
      } catch (JacksonException e) {
        return false;
      }
    }

    /**
     * The standard JSON-RPC code in an error body the SDK wrote ({@code jsonRpcError.code} of a
     * serialised {@code McpError}, or {@code error.code} of a JSON-RPC response), else null.
     */
    private static Integer rpcCode(byte[] body) {
      if (body.length == 0) {
        return null;
      }
      try {
        JsonNode node = JSON.readTree(body);
        for (String key : List.of("jsonRpcError", "error")) {
          JsonNode code = node == null ? null : node.path(key).path("code");
          if (code != null && code.isInt() && RPC_MESSAGES.containsKey(code.intValue())) {
            return code.intValue();
          }
        }
        return null;
      } catch (JacksonException e) {
        return null;
      }
    }

    /**
     * The buffered body. The SDK writes its whole answer as one string through {@link #getWriter}:
     * its UTF-8 bytes become the buffer itself instead of being copied into it.
     */
    private static final class Body extends ByteArrayOutputStream {
      /**
       * Appends {@code bytes}, which no one else holds, taking them over when nothing is buffered.
       */
      synchronized void appendOwned(byte[] bytes) {
        if (count == 0 && bytes.length > buf.length) {
          buf = bytes;
          count = bytes.length;
        } else {
          write(bytes, 0, bytes.length);
        }
      }
    }

    /**
     * The response's writer: keeps the characters written and encodes them as UTF-8 into the body
     * when flushed ({@link String#getBytes} instead of a stream encoder and its buffers per
     * response). A high surrogate at the end waits for its pair, as a stream encoder's would.
     */
    private static final class Utf8Chars extends Writer {
      private final Body body;
      private final StringBuilder pending = new StringBuilder();
      private String single;

      Utf8Chars(Body body) {
        this.body = body;
      }

      @Override
      public void write(String s, int off, int len) {
        String part = off == 0 && len == s.length() ? s : s.substring(off, off + len);
        if (single == null && pending.length() == 0) {
          single = part;
        } else {
          spill();
          pending.append(part);
        }
      }

      @Override
      public void write(char[] chars, int off, int len) {
        spill();
        pending.append(chars, off, len);
      }

      @Override
      public void write(int c) {
        spill();
        pending.append((char) c);
      }

      private void spill() {
        if (single != null) {
          pending.append(single);
          single = null;
        }
      }

      @Override
      public void flush() {
        String text;
        if (single != null) {
          text = single;
          single = null;
        } else {
          text = pending.toString();
          pending.setLength(0);
        }
        if (!text.isEmpty() && Character.isHighSurrogate(text.charAt(text.length() - 1))) {
          pending.append(text.charAt(text.length() - 1));
          text = text.substring(0, text.length() - 1);
        }
        if (!text.isEmpty()) {
          body.appendOwned(text.getBytes(StandardCharsets.UTF_8));
        }
      }

      @Override
      public void close() {
        flush();
      }
    }

    /** A fixed JSON-RPC error: no text from the failed request or from an exception. */
    private static String jsonRpcError(int status, Integer rpcCode) {
      int code = rpcCode != null ? rpcCode : status >= 500 ? -32603 : -32600;
      String message =
          switch (status) {
            case 404 -> "Not found: the MCP endpoint is " + HttpServer.ENDPOINT;
            case 405 -> "Method not allowed: send JSON-RPC messages with POST";
            case 406 -> "Not acceptable: accept application/json and text/event-stream";
            case 413 -> "Request too large";
            case 415 -> "Unsupported media type: send Content-Type application/json";
            default -> RPC_MESSAGES.get(code);
          };
      return "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":"
          + code
          + ",\"message\":\""
          + message
          + " (HTTP "
          + status
          + ")\"}}";
    }
  }
}
