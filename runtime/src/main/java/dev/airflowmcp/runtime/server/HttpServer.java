package dev.airflowmcp.runtime.server;

import dev.airflowmcp.runtime.auth.AirflowCredentials;
import dev.airflowmcp.runtime.auth.PassthroughCredentials;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import dev.airflowmcp.runtime.tool.PromptDescriptor;
import dev.airflowmcp.runtime.tool.ResourceDescriptor;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Streamable HTTP transport on Jetty, stateless (no sessions), at {@code /mcp}. In front of
 * the SDK servlet, {@link HttpGuardFilter} validates Host and Origin, demands credentials, caps
 * request size and keeps stack traces out of every response body.
 */
public final class HttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

  /** The MCP endpoint path. */
  public static final String ENDPOINT = "/mcp";

  /** Largest accepted request body; tool arguments are small. */
  public static final int MAX_REQUEST_BYTES = 1024 * 1024;

  static final String AUTHORIZATION_KEY = "authorization";

  private final Server jetty;
  private final McpStatelessSyncServer mcp;

  private HttpServer(Server jetty, McpStatelessSyncServer mcp) {
    this.jetty = jetty;
    this.mcp = mcp;
  }

  /** Starts the server; returns once it accepts connections. */
  public static HttpServer start(ServerRuntime runtime, ServerConfig config) throws Exception {
    HttpServletStatelessServerTransport transport =
        HttpServletStatelessServerTransport.builder()
            .jsonMapper(McpJsonDefaults.getMapper())
            .messageEndpoint(ENDPOINT)
            .maxRequestSize(MAX_REQUEST_BYTES)
            .contextExtractor(
                request -> {
                  String auth = request.getHeader("Authorization");
                  return auth == null
                      ? McpTransportContext.EMPTY
                      : McpTransportContext.create(Map.of(AUTHORIZATION_KEY, auth));
                })
            .build();

    List<McpStatelessServerFeatures.SyncToolSpecification> tools = new ArrayList<>();
    for (ToolRegistry.Entry entry : runtime.registry().entries()) {
      tools.add(
          new McpStatelessServerFeatures.SyncToolSpecification(
              runtime.definition(entry),
              (context, request) ->
                  runtime.call(entry, request.arguments(), credentials(context, runtime))));
    }
    List<McpStatelessServerFeatures.SyncResourceSpecification> resources = new ArrayList<>();
    for (ResourceDescriptor r : runtime.registry().resources()) {
      resources.add(
          new McpStatelessServerFeatures.SyncResourceSpecification(
              ServerRuntime.resourceEntry(r),
              (context, request) -> runtime.readResource(r, credentials(context, runtime))));
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
            // Run tools on the Jetty thread that waits for them anyway instead of handing each
            // call to Reactor's boundedElastic pool: one thread switch less per call, and
            // concurrency bounded by Jetty's pool and the Airflow client's bulkhead.
            .immediateExecution(true)
            .addToolFilter((context, tool) -> !hidden.contains(tool.name()))
            .tools(tools)
            .resources(resources)
            .prompts(prompts)
            .build();

    Server jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setName(MCP_CONNECTOR);
    connector.setHost(config.host());
    connector.setPort(config.port());
    jetty.addConnector(connector);
    ServletContextHandler context = guardedContext(runtime, config);
    ServletHolder servlet = new ServletHolder(transport);
    servlet.setAsyncSupported(true);
    context.addServlet(servlet, ENDPOINT);
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
      ServletContextHandler opsContext = guardedContext(runtime, config);
      opsContext.setVirtualHosts(List.of("@" + OPS_CONNECTOR));
      OpsEndpoints.addTo(opsContext, runtime, true);
      jetty.setHandler(new ContextHandlerCollection(context, opsContext));
    } else {
      jetty.setHandler(context);
    }
    jetty.setErrorHandler(new SafeErrorHandler());
    jetty.start();
    LOG.info(
        "Airflow MCP server ready on http://{}:{}{} with {} tools",
        config.host(),
        connector.getLocalPort(),
        ENDPOINT,
        tools.size() - hidden.size());
    HttpServer server = new HttpServer(jetty, mcp);
    LOG.info(
        "health at {} and {}, metrics {}",
        OpsEndpoints.HEALTHZ,
        OpsEndpoints.READYZ,
        runtime.metrics() == null
            ? "off"
            : "at " + OpsEndpoints.METRICS + (ops.separatePort()
                ? " on port " + server.metricsPort() : ""));
    return server;
  }

  private static final String MCP_CONNECTOR = "mcp";
  private static final String OPS_CONNECTOR = "ops";

  /** A root context behind {@link HttpGuardFilter}. */
  private static ServletContextHandler guardedContext(ServerRuntime runtime, ServerConfig config) {
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.addFilter(
        new FilterHolder(
            new HttpGuardFilter(
                HttpGuardFilter.allowedHosts(config.host()),
                HttpGuardFilter.allowedOrigins(config.allowedOrigins()),
                runtime.serviceCredentials() != null,
                MAX_REQUEST_BYTES,
                OpsEndpoints.OPEN_PATHS)),
        "/*",
        EnumSet.of(DispatcherType.REQUEST));
    return context;
  }

  private static AirflowCredentials credentials(McpTransportContext context, ServerRuntime runtime) {
    Object header = context.get(AUTHORIZATION_KEY);
    if (header instanceof String h && !h.isBlank()) {
      return new PassthroughCredentials(h);
    }
    return runtime.serviceCredentials();
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
      jetty.stop();
    } catch (Exception e) {
      throw new IllegalStateException("stopping the HTTP server failed", e);
    }
  }
}
