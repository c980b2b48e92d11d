package dev.airflowmcp.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Load benchmark: the generated server jar over Streamable HTTP in front of a fast fake Airflow,
 * against the same requests sent straight to the fake Airflow, in one run. Reports calls/s and
 * latency percentiles of both, the latency the MCP server adds (p50, p99) and the throughput ratio.
 *
 * <pre>
 * ./mvnw -B -DskipTests package -pl generated-example,benchmarks -am
 * java -cp benchmarks/target/benchmarks.jar dev.airflowmcp.benchmarks.LoadBenchmark \
 *     [--jar generated-example/target/airflow-mcp-server.jar] [--seconds 10] [--warmup 10] \
 *     [--clients 1,4] [--max-calls 2000000] [--server-jvm-arg -Xmx256m ...]
 * </pre>
 *
 * <p>Loopback only, bounded in time ({@code --seconds} per phase) and count ({@code --max-calls}
 * per phase). Each client thread is one caller with its own bearer token over one keep-alive
 * connection, calling {@code list_dags} (10 DAGs, about 6 KB from Airflow) as fast as it can. The
 * server runs with its production pipeline (passthrough auth, rate limiter, shaping, redaction,
 * size budget); its limits are raised so that the limiter decides but never refuses.
 */
public final class LoadBenchmark {
  private static final String TOOL_CALL =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"list_dags\","
          + "\"arguments\":{\"limit\":100}}}";
  private static final byte[] OK = "\"isError\":false".getBytes(StandardCharsets.US_ASCII);

  private LoadBenchmark() {}

  /** One measured phase. */
  record Phase(String name, int clients, long calls, long errors, double seconds, long[] nanos) {
    double callsPerSecond() {
      return calls / seconds;
    }

    double percentileMillis(double p) {
      if (nanos.length == 0) {
        return Double.NaN;
      }
      int i = (int) Math.min(nanos.length - 1, Math.ceil(p / 100.0 * nanos.length) - 1);
      return nanos[Math.max(0, i)] / 1e6;
    }
  }

  public static void main(String[] args) throws Exception {
    Path jar = Path.of("generated-example/target/airflow-mcp-server.jar");
    int seconds = 10;
    int warmup = 10;
    int[] clients = {1, 4};
    long maxCalls = 2_000_000;
    List<String> serverJvm = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--server-jvm-arg" -> serverJvm.add(args[++i]);
        case "--jar" -> jar = Path.of(args[++i]);
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--clients" ->
            clients = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
        case "--max-calls" -> maxCalls = Long.parseLong(args[++i]);
        default -> {
          System.err.println("unknown option " + args[i]);
          System.exit(2);
        }
      }
    }
    if (!Files.isRegularFile(jar)) {
      System.err.println(
          "server jar not found: " + jar + " (build it: ./mvnw -B -DskipTests package)");
      System.exit(2);
    }
    if (seconds < 1 || seconds > 300 || warmup < 0 || warmup > 300) {
      System.err.println("--seconds must be 1..300 and --warmup 0..300");
      System.exit(2);
    }

    FakeAirflow airflow = FakeAirflow.start();
    try {
      int mcpPort = freePort();
      Path log = Files.createTempFile("airflow-mcp-bench-server", ".log");
      Process server = startServer(jar, serverJvm, mcpPort, airflow.port(), log);
      try {
        awaitReady(mcpPort, server, log);
        int maxClients = Arrays.stream(clients).max().orElse(1);
        System.out.printf(
            Locale.ROOT,
            "Load benchmark: list_dags, %d s per phase after %d s warm-up, %d CPUs, Java %s%n",
            seconds,
            warmup,
            Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "server: %s (log: %s)%n%n", jar, log);

        byte[] direct =
            RawHttpClient.get(
                airflow.port(), "/api/v2/dags?limit=100&offset=0", "Bearer bench-token");
        List<Phase> phases = new ArrayList<>();
        run(
            "warm-up direct",
            airflow.port(),
            maxClients,
            Math.min(warmup, 3),
            maxCalls,
            t -> direct,
            false);
        run("warm-up MCP", mcpPort, maxClients, warmup, maxCalls, t -> mcp(mcpPort, t), true);
        for (int c : clients) {
          phases.add(run("direct", airflow.port(), c, seconds, maxCalls, t -> direct, false));
          phases.add(run("MCP", mcpPort, c, seconds, maxCalls, t -> mcp(mcpPort, t), true));
        }
        report(phases);
      } finally {
        server.destroy();
        if (!server.waitFor(10, TimeUnit.SECONDS)) {
          server.destroyForcibly();
        }
      }
    } finally {
      airflow.stop();
    }
  }

  private static byte[] mcp(int port, int thread) {
    return RawHttpClient.postJson(port, "/mcp", TOOL_CALL, "Bearer bench-token-" + thread);
  }

  private interface RequestFor {
    byte[] request(int thread);
  }

  private static Phase run(
      String name,
      int port,
      int clients,
      int seconds,
      long maxCalls,
      RequestFor requests,
      boolean isMcp)
      throws Exception {
    if (seconds == 0) {
      return new Phase(name, clients, 0, 0, 0, new long[0]);
    }
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long perThreadMax = Math.max(1, maxCalls / clients);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    List<Callable<long[]>> tasks = new ArrayList<>();
    long[] errors = new long[clients];
    for (int t = 0; t < clients; t++) {
      int thread = t;
      tasks.add(
          () -> {
            byte[] request = requests.request(thread);
            long[] lat = new long[(int) Math.min(perThreadMax, 4_000_000)];
            int n = 0;
            try (RawHttpClient client = new RawHttpClient(port)) {
              while (n < lat.length && System.nanoTime() < deadline) {
                long t0 = System.nanoTime();
                int status = client.exchange(request);
                lat[n++] = System.nanoTime() - t0;
                boolean ok = status == 200 && (!isMcp || client.bodyContains(OK));
                if (!ok) {
                  if (errors[thread]++ == 0) {
                    System.err.println(
                        name
                            + ": unexpected answer "
                            + status
                            + ": "
                            + new String(client.body(), StandardCharsets.UTF_8));
                  }
                }
              }
            }
            return Arrays.copyOf(lat, n);
          });
    }
    long started = System.nanoTime();
    List<long[]> parts = new ArrayList<>();
    for (Future<long[]> f : pool.invokeAll(tasks)) {
      parts.add(f.get());
    }
    double elapsed = (System.nanoTime() - started) / 1e9;
    pool.shutdown();
    long[] all = parts.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    long errorCount = Arrays.stream(errors).sum();
    return new Phase(name, clients, all.length, errorCount, elapsed, all);
  }

  private static void report(List<Phase> phases) {
    System.out.printf(
        Locale.ROOT,
        "%-8s %7s %10s %10s %9s %9s %9s %7s%n",
        "target",
        "clients",
        "calls",
        "calls/s",
        "p50 ms",
        "p90 ms",
        "p99 ms",
        "errors");
    for (Phase p : phases) {
      System.out.printf(
          Locale.ROOT,
          "%-8s %7d %10d %10.0f %9.3f %9.3f %9.3f %7d%n",
          p.name(),
          p.clients(),
          p.calls(),
          p.callsPerSecond(),
          p.percentileMillis(50),
          p.percentileMillis(90),
          p.percentileMillis(99),
          p.errors());
    }
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "%7s %16s %16s %18s%n",
        "clients",
        "added p50 ms",
        "added p99 ms",
        "throughput ratio");
    for (int i = 0; i + 1 < phases.size(); i += 2) {
      Phase direct = phases.get(i);
      Phase mcp = phases.get(i + 1);
      System.out.printf(
          Locale.ROOT,
          "%7d %16.3f %16.3f %18.2f%n",
          mcp.clients(),
          mcp.percentileMillis(50) - direct.percentileMillis(50),
          mcp.percentileMillis(99) - direct.percentileMillis(99),
          mcp.callsPerSecond() / direct.callsPerSecond());
    }
  }

  private static Process startServer(
      Path jar, List<String> jvmArgs, int port, int airflowPort, Path log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.addAll(
        List.of(
            "-jar", jar.toString(),
            "--transport", "http",
            "--host", "127.0.0.1",
            "--port", String.valueOf(port),
            "--airflow-url", "http://127.0.0.1:" + airflowPort,
            // The limiter runs on every call but never refuses one.
            "--rate-limit", "*=1000000/1000000",
            "--max-concurrent-calls", "256"));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().keySet().removeIf(k -> k.startsWith("AIRFLOW_") || k.startsWith("MCP_"));
    pb.redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    return pb.start();
  }

  private static void awaitReady(int port, Process server, Path log) throws Exception {
    byte[] init =
        RawHttpClient.postJson(
            port,
            "/mcp",
            "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"bench\","
                + "\"version\":\"1\"}}}",
            "Bearer bench-token");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        throw new IllegalStateException(
            "the server exited with " + server.exitValue() + "; see " + log);
      }
      try (RawHttpClient client = new RawHttpClient(port)) {
        if (client.exchange(init) == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the server did not start within 60 s; see " + log);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
