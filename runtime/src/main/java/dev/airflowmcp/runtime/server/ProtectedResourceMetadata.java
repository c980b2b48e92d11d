package dev.airflowmcp.runtime.server;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * OAuth 2.0 Protected Resource Metadata (RFC 9728), which MCP clients read to find the
 * authorization server: {@code resource} (this server's canonical URL), {@code
 * authorization_servers}, {@code scopes_supported}, {@code bearer_methods_supported} ({@code
 * header} only) and {@code resource_name}. Served, for GET and HEAD, at {@code
 * /.well-known/oauth-protected-resource} followed by the resource URL's path ({@code /mcp}; the
 * document RFC 9728 derives from the resource) and at the bare well-known path (the fallback MCP
 * clients try next). The {@link HttpGuardFilter} still checks Host and Origin first.
 */
final class ProtectedResourceMetadata extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /** The well-known prefix (RFC 9728 section 3). */
  static final String WELL_KNOWN = "/.well-known/oauth-protected-resource";

  private final transient byte[] document;
  private final transient Set<String> paths;

  /**
   * @param resource this server's canonical URL (the resource identifier)
   * @param issuer the authorization server
   * @param scopes the scopes a token needs (empty: none listed)
   * @param resourceName a human-readable name
   */
  ProtectedResourceMetadata(
      String resource, String issuer, List<String> scopes, String resourceName) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("resource", resource);
    doc.put("authorization_servers", List.of(issuer));
    if (!scopes.isEmpty()) {
      doc.put("scopes_supported", scopes);
    }
    doc.put("bearer_methods_supported", List.of("header"));
    if (resourceName != null && !resourceName.isBlank()) {
      doc.put("resource_name", resourceName);
    }
    this.document = JsonMapper.builder().build().writeValueAsBytes(doc);
    Set<String> p = new LinkedHashSet<>();
    p.add(WELL_KNOWN);
    p.add(WELL_KNOWN + HttpServer.ENDPOINT);
    String resourcePath = resourcePath(resource);
    if (!resourcePath.isEmpty()) {
      p.add(WELL_KNOWN + resourcePath);
    }
    this.paths = Set.copyOf(p);
  }

  /** Where this document is served (paths on this server). */
  Set<String> paths() {
    return paths;
  }

  /** The metadata URL for a resource: its origin, the well-known prefix, then its path. */
  static String metadataUrl(String resource) {
    URI uri = URI.create(resource);
    return uri.getScheme() + "://" + uri.getRawAuthority() + WELL_KNOWN + resourcePath(resource);
  }

  private static String resourcePath(String resource) {
    String path = URI.create(resource).getRawPath();
    if (path == null || path.equals("/")) {
      return "";
    }
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path =
        request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    if (!paths.contains(path)) {
      write(response, 404, "{\"error\":\"not found\"}".getBytes(StandardCharsets.UTF_8));
      return;
    }
    response.setHeader("Cache-Control", "max-age=300");
    write(response, 200, document);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    methodNotAllowed(response);
  }

  @Override
  protected void doPut(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    methodNotAllowed(response);
  }

  @Override
  protected void doDelete(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    methodNotAllowed(response);
  }

  @Override
  protected void doTrace(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    methodNotAllowed(response);
  }

  private static void methodNotAllowed(HttpServletResponse response) throws IOException {
    response.setHeader("Allow", "GET, HEAD");
    write(response, 405, "{\"error\":\"use GET\"}".getBytes(StandardCharsets.UTF_8));
  }

  private static void write(HttpServletResponse response, int status, byte[] body)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
