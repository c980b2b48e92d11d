package dev.airflowmcp.compat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A fake Airflow, a server process pointed at it and an initialized MCP SDK client connected to
 * that server: everything one end-to-end scenario needs. {@link #close()} stops all three.
 */
final class Deployment implements AutoCloseable {
  /** The MCP endpoint of the HTTP transport. */
  static final String MCP_ENDPOINT = "/mcp";

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Scenario scenario;
  private final FakeAirflow airflow;
  private final ServerProcess server;
  private final McpSyncClient client;

  private Deployment(
      Scenario scenario, FakeAirflow airflow, ServerProcess server, McpSyncClient client) {
    this.scenario = scenario;
    this.airflow = airflow;
    this.server = server;
    this.client = client;
  }

  /**
   * Starts a fake Airflow in the scenario's mode, a server configured by {@code settings} and a
   * client over the scenario's transport, and initializes the client.
   *
   * @param settings the server's settings for the started fake
   * @param clientAuthorization HTTP only: an {@code Authorization} header the client sends, or null
   *     for none, in which case the server runs with {@code MCP_HTTP_AUTH=service-account} (unless
   *     the options set another mode) so that the configured credentials serve the client
   */
  static Deployment start(
      Scenario scenario,
      Function<FakeAirflow, ServerProcess.Settings> settings,
      String clientAuthorization) {
    return start(scenario, settings, clientAuthorization, Options.DEFAULT);
  }

  /**
   * What else a deployment may vary.
   *
   * @param build which server is started
   * @param extraEnvironment variables set besides the settings' (e.g. {@code AF_READ_ONLY})
   * @param progress receives the progress notifications the client gets
   */
  record Options(
      ServerProcess.Build build,
      Map<String, String> extraEnvironment,
      Consumer<McpSchema.ProgressNotification> progress) {
    static final Options DEFAULT =
        new Options(ServerProcess.Build.PACKAGED_JAR, Map.of(), notification -> {});

    Options {
      Objects.requireNonNull(build, "build");
      extraEnvironment = Map.copyOf(extraEnvironment);
      Objects.requireNonNull(progress, "progress");
    }
  }

  /** {@link #start(Scenario, Function, String)} with a chosen build, environment and progress. */
  static Deployment start(
      Scenario scenario,
      Function<FakeAirflow, ServerProcess.Settings> settings,
      String clientAuthorization,
      Options options) {
    FakeAirflow airflow = FakeAirflow.start(scenario.mode());
    ServerProcess server = null;
    McpSyncClient client = null;
    try {
      Map<String, String> env = new LinkedHashMap<>(settings.apply(airflow).environment());
      env.putAll(options.extraEnvironment());
      McpClientTransport transport;
      if (scenario.transport() == Scenario.Transport.STDIO) {
        if (clientAuthorization != null) {
          throw new IllegalArgumentException("stdio has no Authorization header");
        }
        server = ServerProcess.forStdioClient(env, options.build());
        transport = server.stdioTransport(McpJsonDefaults.getMapper());
      } else {
        if (clientAuthorization == null && !env.containsKey("MCP_HTTP_AUTH")) {
          // A client without its own credentials is served only by an explicit service account.
          env.put("MCP_HTTP_AUTH", "service-account");
        }
        server = ServerProcess.startHttp(env, options.build());
        transport = httpTransport(server.baseUrl(), clientAuthorization);
      }
      client =
          McpClient.sync(transport)
              .clientInfo(
                  McpSchema.Implementation.builder("airflow-mcp-compat-tests", "1.0.0").build())
              .requestTimeout(TIMEOUT)
              .initializationTimeout(TIMEOUT)
              .progressConsumer(options.progress())
              .build();
      client.initialize();
      return new Deployment(scenario, airflow, server, client);
    } catch (RuntimeException e) {
      String stderr = server == null ? "" : server.stderr();
      closeQuietly(client, server, airflow);
      throw new IllegalStateException(
          "cannot start "
              + scenario
              + ": "
              + e
              + (stderr.isEmpty() ? "" : "\nserver stderr:\n" + stderr),
          e);
    }
  }

  /** The SDK's Streamable HTTP client transport, optionally sending an Authorization header. */
  static HttpClientStreamableHttpTransport httpTransport(String baseUrl, String authorization) {
    HttpClientStreamableHttpTransport.Builder builder =
        HttpClientStreamableHttpTransport.builder(baseUrl)
            .endpoint(MCP_ENDPOINT)
            .jsonMapper(McpJsonDefaults.getMapper());
    if (authorization != null) {
      builder.addHttpRequestCustomizer(
          (request, method, uri, body, context) -> request.header("Authorization", authorization));
    }
    return builder.build();
  }

  Scenario scenario() {
    return scenario;
  }

  FakeAirflow airflow() {
    return airflow;
  }

  ServerProcess server() {
    return server;
  }

  McpSyncClient client() {
    return client;
  }

  /** Calls a tool through the MCP client. */
  McpSchema.CallToolResult call(String tool, Map<String, Object> arguments) {
    return client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(arguments).build());
  }

  /** For assertion messages: the scenario and what the server wrote to stderr. */
  String diagnostics() {
    return scenario + "; server stderr:\n" + server.stderr();
  }

  @Override
  public void close() {
    closeQuietly(client, server, airflow);
  }

  private static void closeQuietly(
      McpSyncClient client, ServerProcess server, FakeAirflow airflow) {
    try {
      if (client != null) {
        client.closeGracefully();
      }
    } catch (RuntimeException e) {
      // The process is ended below in any case.
    } finally {
      try {
        if (server != null) {
          server.close();
        }
      } finally {
        Objects.requireNonNull(airflow, "airflow").close();
      }
    }
  }
}
