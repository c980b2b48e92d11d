package dev.airflowmcp.runtime;

import dev.airflowmcp.runtime.redaction.RedactCli;
import dev.airflowmcp.runtime.server.HttpAuthSettings;
import dev.airflowmcp.runtime.server.HttpServer;
import dev.airflowmcp.runtime.server.ServerConfig;
import dev.airflowmcp.runtime.server.ServerRuntime;
import dev.airflowmcp.runtime.server.StdioServer;
import dev.airflowmcp.runtime.server.ToolRegistry;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;

/**
 * Entry point of a generated server jar: {@code java -jar airflow-mcp-server.jar [--transport
 * stdio|http] [--port N] ...}. Exit codes: 0 after a clean stop, 2 for bad configuration, 1 when
 * the server cannot start. {@code java -jar airflow-mcp-server.jar redact [--jsonl]} runs the
 * redactor on stdin instead ({@link RedactCli}).
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    poolForAsyncCompletions();
    System.exit(run(args, System.getenv(), System.err));
  }

  /** The system property that sizes the JDK's common fork-join pool. */
  static final String COMMON_POOL_PARALLELISM =
      "java.util.concurrent.ForkJoinPool.common.parallelism";

  /**
   * The JDK's HTTP client completes every {@code sendAsync} (how the Airflow client sends, to bound
   * a whole exchange by its deadline) on {@code CompletableFuture}'s default executor. With one or
   * two CPUs that executor is not a pool but a new thread per task (the common pool's parallelism,
   * CPUs - 1, is then 1), so every Airflow request started and ended a thread: about half the
   * server's CPU per call on a small answer (see benchmarks/README.md). A common pool of two
   * threads makes it a pool. Set before the pool is first used, unless the user chose a value.
   */
  static void poolForAsyncCompletions() {
    if (System.getProperty(COMMON_POOL_PARALLELISM) == null
        && Runtime.getRuntime().availableProcessors() <= 2) {
      System.setProperty(COMMON_POOL_PARALLELISM, "2");
    }
  }

  static int run(String[] args, Map<String, String> env, PrintStream err) {
    if (args.length > 0 && args[0].equals("redact")) {
      return RedactCli.run(
          Arrays.copyOfRange(args, 1, args.length), env, System.in, System.out, err);
    }
    if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      System.out.println(ServerConfig.usage());
      return 0;
    }
    ServerConfig config;
    try {
      config = ServerConfig.parse(args, env, w -> err.println("airflow-mcp-server: warning: " + w));
    } catch (ServerConfig.ConfigException e) {
      err.println("airflow-mcp-server: " + e.getMessage());
      return 2;
    }
    ServerRuntime runtime;
    try {
      ClassLoader loader = Main.class.getClassLoader();
      runtime = ServerRuntime.create(config, ToolRegistry.load(loader), loader);
    } catch (IllegalArgumentException | IllegalStateException e) {
      err.println("airflow-mcp-server: " + e.getMessage());
      return 2;
    }
    if (config.transport() == ServerConfig.Transport.HTTP
        && config.httpAuth().mode() == HttpAuthSettings.Mode.SERVICE_ACCOUNT
        && runtime.serviceCredentials() == null) {
      runtime.close();
      err.println(
          "airflow-mcp-server: --http-auth service-account needs service credentials"
              + " (AIRFLOW_AUTH_TOKEN, or AIRFLOW_USERNAME and AIRFLOW_PASSWORD)");
      return 2;
    }
    try (runtime) {
      if (config.transport() == ServerConfig.Transport.STDIO) {
        StdioServer.run(runtime, System.in, System.out);
      } else {
        try (HttpServer http = HttpServer.start(runtime, config)) {
          Runtime.getRuntime().addShutdownHook(new Thread(http::close));
          http.join();
        }
      }
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    } catch (Exception e) {
      err.println(
          "airflow-mcp-server: cannot start: "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage()));
      return 1;
    }
  }
}
