package dev.airflowmcp.compat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The packaged server ({@code java -jar airflow-mcp-server.jar --transport stdio}) started by the
 * MCP Java SDK's stdio client transport with only {@code AIRFLOW_API_URL} and {@code
 * AIRFLOW_AUTH_TOKEN} set, and an initialized SDK client talking to it. {@link #close()} ends the
 * client and makes sure the process is gone: the SDK starts the process itself, so it is found
 * again by a unique {@code -D} marker on its command line.
 */
final class AstroInterfaceServer implements AutoCloseable {
  private static final String FALLBACK_JAR = "../generated-example/target/airflow-mcp-server.jar";
  private static final String MARKER = "-Dairflowmcp.astro-interface.instance=";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final String marker;
  private final McpSyncClient client;
  private final ConcurrentLinkedQueue<String> stderr;

  private AstroInterfaceServer(
      String marker, McpSyncClient client, ConcurrentLinkedQueue<String> stderr) {
    this.marker = marker;
    this.client = client;
    this.stderr = stderr;
  }

  /**
   * The server jar: system property {@code server.jar}, else the generated-example build output.
   */
  static Path jar() {
    String configured = System.getProperty("server.jar");
    Path jar = Path.of(configured == null || configured.isBlank() ? FALLBACK_JAR : configured);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "server jar not found: " + jar.toAbsolutePath() + " (package generated-example first)");
    }
    return jar;
  }

  /** Starts the server against {@code airflowUrl} with a static token and initializes a client. */
  static AstroInterfaceServer start(String airflowUrl) {
    return start(airflowUrl, ServerProcess.Build.PACKAGED_JAR);
  }

  /**
   * {@link #start(String)} for a chosen build, with these flags after {@code --transport stdio}.
   */
  static AstroInterfaceServer start(String airflowUrl, ServerProcess.Build build, String... flags) {
    String marker = UUID.randomUUID().toString();
    List<String> args = new ArrayList<>();
    args.add(MARKER + marker);
    if (build == ServerProcess.Build.PACKAGED_JAR) {
      args.add("-jar");
      args.add(jar().toAbsolutePath().toString());
    } else {
      args.addAll(build.launch());
    }
    args.add("--transport");
    args.add("stdio");
    args.addAll(List.of(flags));
    ServerParameters params =
        ServerParameters.builder(Path.of(System.getProperty("java.home"), "bin", "java").toString())
            .args(args)
            .env(Map.of("AIRFLOW_API_URL", airflowUrl, "AIRFLOW_AUTH_TOKEN", "compat-test-token"))
            .build();
    ConcurrentLinkedQueue<String> stderr = new ConcurrentLinkedQueue<>();
    StdioClientTransport transport =
        new CleanEnvironmentTransport(params, McpJsonDefaults.getMapper());
    transport.setStdErrorHandler(stderr::add);
    McpSyncClient client =
        McpClient.sync(transport)
            .clientInfo(McpSchema.Implementation.builder("astro-interface-tests", "1.0.0").build())
            .requestTimeout(TIMEOUT)
            .initializationTimeout(TIMEOUT)
            .build();
    AstroInterfaceServer server = new AstroInterfaceServer(marker, client, stderr);
    try {
      client.initialize();
    } catch (RuntimeException e) {
      String log = server.stderr();
      server.close();
      throw new IllegalStateException("the server did not start: " + e + "\nstderr:\n" + log, e);
    }
    return server;
  }

  McpSyncClient client() {
    return client;
  }

  /** Calls a tool through the MCP client. */
  McpSchema.CallToolResult call(String tool, Map<String, Object> arguments) {
    return client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(arguments).build());
  }

  /** What the server wrote to stderr so far, for failure messages. */
  String stderr() {
    return String.join("\n", stderr);
  }

  @Override
  public void close() {
    try {
      client.closeGracefully();
    } catch (RuntimeException e) {
      // The process is ended below in any case.
    } finally {
      ProcessHandle.current()
          .descendants()
          .filter(this::isOurs)
          .forEach(AstroInterfaceServer::terminate);
    }
  }

  private boolean isOurs(ProcessHandle p) {
    String arg = MARKER + marker;
    return p.info().arguments().map(a -> Arrays.asList(a).contains(arg)).orElse(false)
        || p.info().commandLine().map(c -> c.contains(arg)).orElse(false);
  }

  private static void terminate(ProcessHandle p) {
    p.destroy();
    try {
      p.onExit().get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
    } catch (ExecutionException | TimeoutException stillRunning) {
      p.destroyForcibly();
    }
  }

  /** The SDK's stdio transport, but the child inherits no environment beyond the parameters'. */
  private static final class CleanEnvironmentTransport extends StdioClientTransport {
    CleanEnvironmentTransport(ServerParameters params, McpJsonMapper json) {
      super(params, json);
    }

    @Override
    protected ProcessBuilder getProcessBuilder() {
      ProcessBuilder pb = new ProcessBuilder();
      pb.environment().clear();
      return pb;
    }
  }
}
