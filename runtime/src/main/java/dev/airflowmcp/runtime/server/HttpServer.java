package dev.airflowmcp.runtime.server;

import dev.airflowmcp.runtime.auth.AccessTokenValidator;
import dev.airflowmcp.runtime.auth.AirflowCredentials;
import dev.airflowmcp.runtime.auth.IssuerKeys;
import dev.airflowmcp.runtime.server.revision.DualRevisionServlet;
import dev.airflowmcp.runtime.server.revision.ModernServer;
import dev.airflowmcp.runtime.tool.PromptDescriptor;
import dev.airflowmcp.runtime.tool.ResourceDescriptor;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.modern.server.transport.HttpServletMcpTransport;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.McpTransportContextExtractor;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Streamable HTTP transport on Jetty, stateless (no sessions), at {@code /mcp}. In front of the
 * SDK servlet, {@link HttpGuardFilter} validates Host and Origin, caps request size, decides each
 * request's Airflow credentials with the {@link HttpAuthenticator} of the configured {@link
 * HttpAuthSettings.Mode} (refusing it before anything reaches Airflow) and keeps stack traces out
 * of every response body. With an authorization server configured, the protected resource metadata
 * (RFC 9728) is served too.
 */
public final class HttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

  /** The MCP endpoint path. */
  public static final String ENDPOINT = "/mcp";

  /** Largest accepted request body; tool arguments are small. */
  public static final int MAX_REQUEST_BYTES = 1024 * 1024;

  static final String CREDENTIALS_KEY = "airflow-credentials";

  private final Server jetty;
  private final McpStatelessSyncServer mcp;
  private final io.modelcontextprotocol.modern.server.McpServer modern;

  private HttpServer(
      Server jetty,
      McpStatelessSyncServer mcp,
      io.modelcontextprotocol.modern.server.McpServer modern) {
    this.jetty = jetty;
    this.mcp = mcp;
    this.modern = modern;
  }

  /** Starts the server; returns once it accepts connections. */
  public static HttpServer start(ServerRuntime runtime, ServerConfig config) throws Exception {
    HttpAuthSettings auth = config.httpAuth();
    try {
      auth.checkBind(config.host());
    } catch (ServerConfig.ConfigException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    // The same credentials for both revisions: what HttpGuardFilter decided for the request.
    McpTransportContextExtractor<HttpServletRequest> contextExtractor =
        request -> {
          Object credentials = request.getAttribute(HttpGuardFilter.CREDENTIALS_ATTRIBUTE);
          return credentials == null
              ? McpTransportContext.EMPTY
              : McpTransportContext.create(Map.of(CREDENTIALS_KEY, credentials));
        };
    HttpServletStatelessServerTransport transport =
        HttpServletStatelessServerTransport.builder()
            .jsonMapper(McpJsonDefaults.getMapper())
            .messageEndpoint(ENDPOINT)
            .maxRequestSize(MAX_REQUEST_BYTES)
            .contextExtractor(contextExtractor)
            .build();

    List<McpStatelessServerFeatures.SyncToolSpecification> tools = new ArrayList<>();
    for (ToolRegistry.Entry entry : runtime.registry().entries()) {
      tools.add(
          new McpStatelessServerFeatures.SyncToolSpecification(
              runtime.definition(entry),
              (context, request) ->
                  runtime.call(entry, request.arguments(), credentials(context))));
    }
    List<McpStatelessServerFeatures.SyncResourceSpecification> resources = new ArrayList<>();
    for (ResourceDescriptor r : runtime.registry().resources()) {
      resources.add(
          new McpStatelessServerFeatures.SyncResourceSpecification(
              ServerRuntime.resourceEntry(r),
              (context, request) -> runtime.readResource(r, credentials(context))));
    }
    List<McpStatelessServerFeatures.SyncPromptSpecification> prompts = new ArrayList<>();
    for (PromptDescriptor p : runtime.registry().prompts()) {
      prompts.add(
          new McpStatelessServerFeatures.SyncPromptSpecification(
              ServerRuntime.promptEntry(p),
              (context, request) -> runtime.getPrompt(p, request.arguments())));
    }
    Set<String> hidden = runtime.hiddenTools();
    McpStatelessSyncServer mcp =
        McpServer.sync(transport)
            .serverInfo(runtime.registry().serverName(), runtime.version())
            .instructions(runtime.registry().instructions())
            .capabilities(ServerRuntime.capabilities(runtime.registry()))
            .validateToolInputs(false)
            // Our own tools' schemas were checked when the jar was built, not at every start.
            .jsonSchemaValidator(StartupSchemaValidator.of(runtime.registry()))
            // Run tools on the Jetty thread that waits for them anyway instead of handing each
            // call to Reactor's boundedElastic pool: one thread switch less per call, and
            // concurrency bounded by Jetty's pool and the Airflow transport's bulkhead.
            .immediateExecution(true)
            .addToolFilter((context, tool) -> !hidden.contains(tool.name()))
            .tools(tools)
            .resources(resources)
            .prompts(prompts)
            .build();

    // 2026-07-28 clients: the SDK's session-less server, beside the 2025-era one (see
    // dev.airflowmcp.runtime.server.revision).
    io.modelcontextprotocol.modern.server.McpServer modern =
        ModernServer.build(runtime, HttpServer::credentials);
    HttpServletMcpTransport modernTransport =
        HttpServletMcpTransport.builder(modern)
            .jsonMapper(McpJsonDefaults.getMapper())
            .endpoint(ENDPOINT)
            .maxRequestSize(MAX_REQUEST_BYTES)
            .contextExtractor(contextExtractor)
            .build();

    Server jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setName(MCP_CONNECTOR);
    connector.setHost(config.host());
    connector.setPort(config.port());
    jetty.addConnector(connector);
    // Bind now: the default resource URL names the port (port 0 picks a free one).
    connector.open();
    String resource =
        auth.resourceUrl() != null
            ? auth.resourceUrl()
            : defaultResourceUrl(config.host(), connector.getLocalPort());
    HttpAuthenticator authenticator = authenticator(auth, resource, runtime.serviceCredentials());
    ServletContextHandler context = guardedContext(config, authenticator);
    ServletHolder servlet =
        new ServletHolder(new DualRevisionServlet(transport, modernTransport, MAX_REQUEST_BYTES));
    servlet.setAsyncSupported(true);
    context.addServlet(servlet, ENDPOINT);
    if (auth.publishesMetadata()) {
      ServletHolder metadata =
          new ServletHolder(
              new ProtectedResourceMetadata(
                  resource, auth.issuer(), auth.scopes(), runtime.registry().serverName()));
      context.addServlet(metadata, ProtectedResourceMetadata.WELL_KNOWN);
      context.addServlet(metadata, ProtectedResourceMetadata.WELL_KNOWN + "/*");
    }
    OpsSettings ops = config.ops();
    OpsEndpoints.addTo(context, runtime, !ops.separatePort());
    if (ops.separatePort()) {
      // Metrics and health on a port of their own: /metrics only there.
      ServerConnector opsConnector = new ServerConnector(jetty);
      opsConnector.setName(OPS_CONNECTOR);
      opsConnector.setHost(config.host());
      opsConnector.setPort(ops.metricsPort());
      jetty.addConnector(opsConnector);
      context.setVirtualHosts(List.of("@" + MCP_CONNECTOR));
      ServletContextHandler opsContext = guardedContext(config, authenticator);
      opsContext.setVirtualHosts(List.of("@" + OPS_CONNECTOR));
      OpsEndpoints.addTo(opsContext, runtime, true);
      jetty.setHandler(new ContextHandlerCollection(context, opsContext));
    } else {
      jetty.setHandler(context);
    }
    jetty.setErrorHandler(new SafeErrorHandler());
    jetty.start();
    logMode(auth, resource, runtime.serviceCredentials(), config.host());
    LOG.info(
        "Airflow MCP server ready on http://{}:{}{} with {} tools",
        config.host(),
        connector.getLocalPort(),
        ENDPOINT,
        tools.size() - hidden.size());
    HttpServer server = new HttpServer(jetty, mcp, modern);
    LOG.info(
        "health at {} and {}, metrics {}",
        OpsEndpoints.HEALTHZ,
        OpsEndpoints.READYZ,
        runtime.metrics() == null
            ? "off"
            : "at "
                + OpsEndpoints.METRICS
                + (ops.separatePort() ? " on port " + server.metricsPort() : ""));
    return server;
  }

  private static final String MCP_CONNECTOR = "mcp";
  private static final String OPS_CONNECTOR = "ops";

  /** A root context behind {@link HttpGuardFilter}. */
  private static ServletContextHandler guardedContext(
      ServerConfig config, HttpAuthenticator authenticator) {
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.addFilter(
        new FilterHolder(
            new HttpGuardFilter(
                HttpGuardFilter.allowedHosts(config.host()),
                HttpGuardFilter.allowedOrigins(config.allowedOrigins()),
                authenticator,
                MAX_REQUEST_BYTES,
                OpsEndpoints.OPEN_PATHS)),
        "/*",
        EnumSet.of(DispatcherType.REQUEST));
    return context;
  }

  /** The credentials {@link HttpGuardFilter} decided for the request, or null (none). */
  static AirflowCredentials credentials(McpTransportContext context) {
    return context.get(CREDENTIALS_KEY) instanceof AirflowCredentials c ? c : null;
  }

  /** {@code http://<bind host>:<port>/mcp}, with an IPv6 host in brackets. */
  static String defaultResourceUrl(String host, int port) {
    String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return "http://" + h + ":" + port + ENDPOINT;
  }

  private static HttpAuthenticator authenticator(
      HttpAuthSettings auth, String resource, AirflowCredentials service) {
    AccessTokenValidator validator = null;
    if (auth.mode() == HttpAuthSettings.Mode.OAUTH) {
      validator =
          new AccessTokenValidator(
              auth.issuer(),
              audiences(auth, resource),
              auth.scopes(),
              auth.clockSkew(),
              IssuerKeys.overHttp(
                  auth.issuer(), auth.jwksUrl() == null ? null : URI.create(auth.jwksUrl())),
              Clock.systemUTC());
    }
    return new HttpAuthenticator(
        auth.mode(),
        service,
        validator,
        auth.publishesMetadata() ? ProtectedResourceMetadata.metadataUrl(resource) : null,
        auth.scopes(),
        Clock.systemUTC());
  }

  private static List<String> audiences(HttpAuthSettings auth, String resource) {
    return auth.audiences().isEmpty() ? List.of(resource) : auth.audiences();
  }

  /** The one startup line that says which HTTP auth mode is in force. */
  private static void logMode(
      HttpAuthSettings auth, String resource, AirflowCredentials service, String host) {
    String metadata =
        auth.publishesMetadata()
            ? "; 401 answers point to "
                + ProtectedResourceMetadata.metadataUrl(resource)
                + " (authorization server "
                + auth.issuer()
                + ")"
            : "";
    switch (auth.mode()) {
      case PASSTHROUGH ->
          LOG.info(
              "HTTP auth mode: passthrough - each caller's own Authorization header goes to Airflow"
                  + " unchanged; requests without one get 401{}",
              metadata);
      case OAUTH ->
          LOG.info(
              "HTTP auth mode: oauth - only bearer tokens issued by {} for {}{}, signed with its"
                  + " keys ({}) and unexpired, are accepted and passed to Airflow; others get"
                  + " 401{}",
              auth.issuer(),
              String.join(" or ", audiences(auth, resource)),
              auth.scopes().isEmpty() ? "" : " with scopes " + String.join(" ", auth.scopes()),
              auth.jwksUrl() == null ? "jwks_uri of its metadata" : auth.jwksUrl(),
              metadata);
      case SERVICE_ACCOUNT ->
          LOG.warn(
              "HTTP auth mode: service-account - callers without an Authorization header act on"
                  + " Airflow as {}; bound to {}{}",
              service.principal(),
              host,
              auth.exposeServiceAccount() && !HttpAuthSettings.isLoopback(host)
                  ? ", beyond loopback (--expose-service-account): anyone who reaches the port"
                      + " has that account's access"
                  : "");
    }
    if (auth.mode() != HttpAuthSettings.Mode.SERVICE_ACCOUNT && service != null) {
      LOG.warn(
          "the configured Airflow credentials ({}) are not used on HTTP in mode {}; use"
              + " --http-auth service-account to serve callers without credentials with them",
          service.principal(),
          auth.mode().flagValue());
    }
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
  }

  /** The bound port of the separate metrics port, or -1 without one. */
  public int metricsPort() {
    for (var c : jetty.getConnectors()) {
      if (OPS_CONNECTOR.equals(c.getName())) {
        return ((ServerConnector) c).getLocalPort();
      }
    }
    return -1;
  }

  public void join() throws InterruptedException {
    jetty.join();
  }

  @Override
  public void close() {
    try {
      mcp.close();
      modern.closeGracefully();
      jetty.stop();
    } catch (Exception e) {
      throw new IllegalStateException("stopping the HTTP server failed", e);
    }
  }
}
