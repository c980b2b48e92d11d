package dev.airflowmcp.compat;

import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One {@code java -jar airflow-mcp-server.jar ...} process with a controlled environment: the
 * inherited environment is cleared and only the given variables are set. Its stderr goes to a
 * temporary file ({@link #stderr()}) for diagnostics. {@link #close()} always ends the process.
 *
 * <p>The process is started either here ({@link #start}, {@link #startHttp}) or by the MCP SDK's
 * own {@link StdioClientTransport} ({@link #forStdioClient}); in the latter case it is found again
 * through a unique {@code -D} marker on its command line, so it can be killed too.
 */
final class ServerProcess implements AutoCloseable {
  private static final String FALLBACK_JAR = "../generated-example/target/airflow-mcp-server.jar";
  private static final String MARKER_PROPERTY = "-Dairflowmcp.compat.instance=";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final Map<String, String> env;
  private final Build build;
  private final String marker;
  private final Path stderrFile;
  private final Process process;
  private final int port;
  private ProcessHandle handle;

  private ServerProcess(
      Map<String, String> env,
      Build build,
      String marker,
      Path stderrFile,
      Process process,
      int port) {
    this.env = env;
    this.build = build;
    this.marker = marker;
    this.stderrFile = stderrFile;
    this.process = process;
    this.port = port;
    this.handle = process == null ? null : process.toHandle();
  }

  /**
   * The environment variables a server reads (and nothing else).
   *
   * @param airflowUrl {@code AIRFLOW_API_URL}
   * @param authToken {@code AIRFLOW_AUTH_TOKEN}, or null
   * @param username {@code AIRFLOW_USERNAME}, or null
   * @param password {@code AIRFLOW_PASSWORD}, or null
   */
  record Settings(String airflowUrl, String authToken, String username, String password) {
    static Settings token(String airflowUrl, String token) {
      return new Settings(airflowUrl, token, null, null);
    }

    static Settings password(String airflowUrl, String username, String password) {
      return new Settings(airflowUrl, null, username, password);
    }

    static Settings noCredentials(String airflowUrl) {
      return new Settings(airflowUrl, null, null, null);
    }

    Map<String, String> environment() {
      Map<String, String> out = new LinkedHashMap<>();
      out.put("AIRFLOW_API_URL", airflowUrl);
      if (authToken != null) {
        out.put("AIRFLOW_AUTH_TOKEN", authToken);
      }
      if (username != null) {
        out.put("AIRFLOW_USERNAME", username);
      }
      if (password != null) {
        out.put("AIRFLOW_PASSWORD", password);
      }
      return out;
    }

    @Override
    public String toString() {
      return "Settings["
          + airflowUrl
          + (authToken != null ? ", token" : "")
          + (username != null ? ", user/password" : "")
          + "]";
    }
  }

  /** Which server is started. */
  enum Build {
    /**
     * The packaged read-only server: {@code java -jar airflow-mcp-server.jar} (generated-example).
     */
    PACKAGED_JAR,
    /**
     * The write-enabled server this module generates into its test sources (curated spec with
     * allowWrites, plus trigger_dag_and_wait registered in the test resources), started as {@code
     * java -cp <test class path> dev.airflowmcp.runtime.Main}.
     */
    WRITE_ENABLED;

    /** The java arguments before the server's own: how the server is launched. */
    List<String> launch() {
      return this == PACKAGED_JAR
          ? List.of("-jar", jar().toString())
          : List.of("-cp", testClassPath(), "dev.airflowmcp.runtime.Main");
    }
  }

  /**
   * The test class path (generated write-enabled catalog, its service files, the runtime and
   * slf4j-simple among it): surefire's {@code surefire.test.class.path}, else {@code
   * java.class.path}.
   */
  static String testClassPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire == null || surefire.isBlank()
        ? System.getProperty("java.class.path")
        : surefire;
  }

  /**
   * The server jar: system property {@code server.jar}, else the generated-example build output.
   */
  static Path jar() {
    String configured = System.getProperty("server.jar");
    Path jar = Path.of(configured == null || configured.isBlank() ? FALLBACK_JAR : configured);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "server jar not found: " + jar + " (build generated-example)");
    }
    return jar;
  }

  /**
   * Starts the jar with {@code args}; stdin and stdout are pipes (see {@link #process()}). Returns
   * immediately.
   */
  static ServerProcess start(Map<String, String> env, String... args) {
    String marker = UUID.randomUUID().toString();
    Path stderr = stderrFile();
    ProcessBuilder pb =
        builder(env, stderr).command(command(marker, Build.PACKAGED_JAR, List.of(args)));
    return new ServerProcess(Map.copyOf(env), Build.PACKAGED_JAR, marker, stderr, launch(pb), -1);
  }

  /**
   * Starts the jar with {@code --transport http --port <free port>} (plus {@code extraArgs}) and
   * returns once the port accepts connections.
   */
  static ServerProcess startHttp(Map<String, String> env, String... extraArgs) {
    return startHttp(env, Build.PACKAGED_JAR, extraArgs);
  }

  /** {@link #startHttp(Map, String...)} for a chosen build. */
  static ServerProcess startHttp(Map<String, String> env, Build build, String... extraArgs) {
    int port = freePort();
    List<String> args =
        new ArrayList<>(List.of("--transport", "http", "--port", Integer.toString(port)));
    args.addAll(Arrays.asList(extraArgs));
    String marker = UUID.randomUUID().toString();
    Path stderr = stderrFile();
    ProcessBuilder pb =
        builder(env, stderr)
            .command(command(marker, build, args))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    ServerProcess server =
        new ServerProcess(Map.copyOf(env), build, marker, stderr, launch(pb), port);
    try {
      server.awaitListening(port);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /**
   * A stdio server that the MCP SDK's {@link StdioClientTransport} (from {@link #stdioTransport})
   * will start when the client connects.
   */
  static ServerProcess forStdioClient(Map<String, String> env) {
    return forStdioClient(env, Build.PACKAGED_JAR);
  }

  /** {@link #forStdioClient(Map)} for a chosen build. */
  static ServerProcess forStdioClient(Map<String, String> env, Build build) {
    return new ServerProcess(
        Map.copyOf(env), build, UUID.randomUUID().toString(), stderrFile(), null, -1);
  }

  /**
   * The SDK stdio transport that launches {@code java -jar <jar> --transport stdio} with this
   * process's environment (the SDK adds only its own short list of inherited variables such as PATH
   * and HOME); the SDK reads stderr and hands each line to {@link #stderr()}'s file.
   */
  StdioClientTransport stdioTransport(McpJsonMapper json) {
    if (process != null) {
      throw new IllegalStateException("this process was started directly");
    }
    List<String> cmd = command(marker, build, List.of("--transport", "stdio"));
    ServerParameters params =
        ServerParameters.builder(cmd.get(0)).args(cmd.subList(1, cmd.size())).env(env).build();
    StdioClientTransport transport = new IsolatedStdioTransport(params, json);
    transport.setStdErrorHandler(this::appendStderr);
    return transport;
  }

  private synchronized void appendStderr(String line) {
    try {
      Files.writeString(
          stderrFile,
          line + System.lineSeparator(),
          StandardCharsets.UTF_8,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      // Diagnostics only; the test result does not depend on it.
    }
  }

  /** The process started by {@link #start} or {@link #startHttp}. */
  Process process() {
    if (process == null) {
      throw new IllegalStateException("the SDK transport owns this process");
    }
    return process;
  }

  /** The HTTP port ({@link #startHttp} only). */
  int port() {
    if (port < 0) {
      throw new IllegalStateException("not an HTTP server");
    }
    return port;
  }

  /** {@code http://localhost:<port>}. */
  String baseUrl() {
    return "http://localhost:" + port();
  }

  /** Everything the server wrote to stderr so far. */
  String stderr() {
    try {
      return Files.readString(stderrFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(stderr unavailable: " + e.getMessage() + ")";
    }
  }

  /** Waits for the process to end; true when it did within {@code limit}. */
  boolean waitForExit(Duration limit) throws InterruptedException {
    return process().waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Ends the process (TERM, then KILL after 5 s) and deletes the stderr file. */
  @Override
  public void close() {
    handle().ifPresent(ServerProcess::terminate);
    try {
      Files.deleteIfExists(stderrFile);
    } catch (IOException e) {
      // A temporary file; leaving it behind is harmless.
    }
  }

  private static void terminate(ProcessHandle p) {
    p.destroy();
    if (!awaitExit(p, Duration.ofSeconds(5))) {
      p.destroyForcibly();
      awaitExit(p, Duration.ofSeconds(5));
    }
  }

  private static boolean awaitExit(ProcessHandle p, Duration limit) {
    try {
      p.onExit().get(limit.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "ServerProcess[" + build + ", " + marker + (port > 0 ? ", port " + port : "") + "]";
  }

  /** The running process, if it could be found (the SDK transport may not have started it). */
  private synchronized Optional<ProcessHandle> handle() {
    if (handle == null) {
      String arg = MARKER_PROPERTY + marker;
      handle =
          ProcessHandle.current()
              .children()
              .filter(
                  p ->
                      p.info().arguments().map(a -> Arrays.asList(a).contains(arg)).orElse(false)
                          || p.info().commandLine().map(c -> c.contains(arg)).orElse(false))
              .findFirst()
              .orElse(null);
    }
    return Optional.ofNullable(handle);
  }

  /**
   * Returns once {@code port} accepts connections; fails when the process exits first or after the
   * start timeout, with the server's stderr.
   */
  void awaitListening(int port) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the server exited with code "
                + process.exitValue()
                + " before listening on port "
                + port
                + "; stderr:\n"
                + stderr());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("localhost", port), 200);
        return;
      } catch (IOException notYet) {
        sleep(100);
      }
    }
    throw new IllegalStateException(
        "the server did not listen on port "
            + port
            + " within "
            + START_TIMEOUT.toSeconds()
            + " s; stderr:\n"
            + stderr());
  }

  private static List<String> command(String marker, Build build, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add(MARKER_PROPERTY + marker);
    cmd.addAll(build.launch());
    cmd.addAll(args);
    return cmd;
  }

  private static ProcessBuilder builder(Map<String, String> env, Path stderr) {
    ProcessBuilder pb = new ProcessBuilder();
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.redirectError(stderr.toFile());
    return pb;
  }

  private static Process launch(ProcessBuilder pb) {
    try {
      return pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + pb.command(), e);
    }
  }

  private static Path stderrFile() {
    try {
      return Files.createTempFile("airflow-mcp-server-", ".stderr");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the server", e);
    }
  }

  /** The SDK's stdio transport, launching the process with a cleared environment. */
  private static final class IsolatedStdioTransport extends StdioClientTransport {
    IsolatedStdioTransport(ServerParameters params, McpJsonMapper json) {
      super(params, json);
    }

    @Override
    protected ProcessBuilder getProcessBuilder() {
      // The SDK sets the command and adds the parameters' environment to this builder. Stderr
      // stays a pipe: at end of stderr the SDK marks the transport closing and stops sending.
      ProcessBuilder pb = new ProcessBuilder();
      pb.environment().clear();
      return pb;
    }
  }
}
