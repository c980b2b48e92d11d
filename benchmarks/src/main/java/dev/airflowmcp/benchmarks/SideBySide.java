package dev.airflowmcp.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Side-by-side benchmark: our packaged server and the {@link FloorServer} (the bare MCP Java SDK
 * passing Airflow's answers through) in front of the same {@link RealisticAirflow}, on the same
 * workloads, in one run. The servers are pinned to one CPU with {@code taskset} where it exists;
 * this driver and the fake Airflow should run on the other ({@code side-by-side.sh} does that).
 *
 * <p>For each workload and number of clients it measures, for calls straight to the fake Airflow
 * ("direct"), through the floor and through our server: calls/s, p50 and p99 latency, the p50 the
 * server adds over direct, and the server's CPU time per call (user + system time of its process
 * from {@code /proc/<pid>/stat}, over the phase, divided by the calls). It prints our figures as
 * ratios to the floor's, each server's peak RSS ({@code VmHWM}) and its RSS after each round. Then
 * the cold start over stdio: the time from process start to the answer to the first {@code
 * tools/list} (after {@code initialize}), for the floor and our server, without and with an
 * application class-data-sharing archive.
 *
 * <p>Our server runs its production pipeline (passthrough auth, rate limiter, bulkhead, retries,
 * shaping, untrusted-text marking, redaction, size budget, metrics) with limits raised so that they
 * decide every call but refuse none.
 */
public final class SideBySide {
  private static final byte[] OK = "\"isError\":false".getBytes(StandardCharsets.US_ASCII);
  private static final String RUN = "scheduled__2025-06-01T00:00:00+00:00";
  private static final String RUN_PATH = "scheduled__2025-06-01T00%3A00%3A00%2B00%3A00";

  /** One workload: the tool call and the same request straight to Airflow. */
  record Workload(String name, String tool, String arguments, String directPath) {}

  static final List<Workload> WORKLOADS =
      List.of(
          new Workload(
              "list_dags", "list_dags", "{\"limit\":100}", "/api/v2/dags?limit=100&offset=0"),
          new Workload(
              "get_dag_details",
              "get_dag_details",
              "{\"dag_id\":\"etl_data_eng_7\"}",
              "/api/v2/dags/etl_data_eng_7/details"),
          new Workload(
              "list_task_instances",
              "list_task_instances",
              "{\"dag_id\":\"etl_data_eng_7\",\"dag_run_id\":\"" + RUN + "\",\"limit\":100}",
              "/api/v2/dags/etl_data_eng_7/dagRuns/"
                  + RUN_PATH
                  + "/taskInstances?limit=100"
                  + "&offset=0"),
          new Workload(
              "get_task_logs",
              "get_task_logs",
              "{\"dag_id\":\"etl_data_eng_7\",\"dag_run_id\":\""
                  + RUN
                  + "\",\"task_id\":"
                  + "\"transform_1\",\"try_number\":1}",
              "/api/v2/dags/etl_data_eng_7/dagRuns/"
                  + RUN_PATH
                  + "/taskInstances/transform_1"
                  + "/logs/1?full_content=true&map_index=-1"));

  /** One measured phase. */
  record Phase(
      String target,
      long calls,
      long errors,
      double seconds,
      long[] nanos,
      double cpuMicrosPerCall,
      double jitMicrosPerCall) {
    double callsPerSecond() {
      return calls / seconds;
    }

    double millis(double p) {
      if (nanos.length == 0) {
        return Double.NaN;
      }
      int i = (int) Math.min(nanos.length - 1, Math.ceil(p / 100.0 * nanos.length) - 1);
      return nanos[Math.max(0, i)] / 1e6;
    }
  }

  /** A server under test, started as its own process. */
  record Server(String name, Process process, int port, Path log) {
    long pid() {
      return process.pid();
    }
  }

  private SideBySide() {}

  public static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> pin =
        o.serverCpu == null || !taskset() ? List.of() : List.of("taskset", "-c", o.serverCpu);
    System.out.printf(
        Locale.ROOT,
        "Side-by-side benchmark: %d s per phase after %d s warm-up,"
            + " %d round(s), %d CPUs, Java %s, servers %s%n",
        o.seconds,
        o.warmup,
        o.rounds,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        pin.isEmpty() ? "not pinned" : "pinned to CPU " + o.serverCpu);
    System.out.printf(Locale.ROOT, "load average at start: %s%n", loadAverage());
    System.out.printf(
        Locale.ROOT,
        "fake Airflow pages: list_dags %,d B, get_dag_details %,d B,"
            + " list_task_instances %,d B, get_task_logs %,d B%n",
        RealisticAirflow.DAGS.length,
        RealisticAirflow.DAG_DETAILS.length,
        RealisticAirflow.TASK_INSTANCES.length,
        RealisticAirflow.LOG.length);

    System.out.printf(
        Locale.ROOT,
        "%s%n%n",
        o.pages == 1
            ? "the same page on every call (--pages N rotates the list pages and DAG details)"
            : "list pages and DAG details rotate over " + o.pages + " distinct pages per path");
    RealisticAirflow airflow = RealisticAirflow.start(o.pages);
    try {
      if (!o.skipLoad) {
        load(o, java, pin, airflow);
      }
      if (!o.skipLoad && o.heapCheckMb > 0) {
        heapCheck(o, java, pin, airflow);
      }
      if (!o.skipCold) {
        coldStart(o, java, airflow);
      }
    } finally {
      airflow.stop();
    }
    System.out.printf(Locale.ROOT, "%nload average at end: %s%n", loadAverage());
  }

  // ---------------------------------------------------------------- load

  private static void load(Options o, String java, List<String> pin, RealisticAirflow airflow)
      throws Exception {
    String airflowUrl = "http://127.0.0.1:" + airflow.port();
    List<String> floorCmd = new ArrayList<>(pin);
    int floorPort = freePort();
    floorCmd.addAll(List.of(java));
    floorCmd.addAll(o.floorJvm);
    floorCmd.addAll(
        List.of(
            "-cp",
            o.benchmarksJar.toString(),
            FloorServer.class.getName(),
            "--transport",
            "http",
            "--port",
            String.valueOf(floorPort),
            "--airflow-url",
            airflowUrl));
    List<String> oursCmd = new ArrayList<>(pin);
    int oursPort = freePort();
    Map<String, String> oursEnv = new LinkedHashMap<>();
    boolean viaLauncher = !o.oursPlainJar && o.launcher != null && Files.isRegularFile(o.launcher);
    if (viaLauncher) {
      // As shipped: the launcher's JVM settings (its default heap cap). Without its archive, so
      // that the launcher execs the JVM and the process measured is the server itself (a first
      // run with an archive would be a child of the script); the archive only speeds up start.
      oursCmd.add(o.launcher.toString());
      oursEnv.put("AIRFLOW_MCP_JAR", o.serverJar.toAbsolutePath().toString());
      oursEnv.put("AIRFLOW_MCP_CDS", "off");
      oursEnv.put("JAVA", java);
      if (!o.serverJvm.isEmpty()) {
        oursEnv.put("JAVA_OPTS", String.join(" ", o.serverJvm));
      }
    } else {
      oursCmd.add(java);
      oursCmd.addAll(o.serverJvm);
      oursCmd.addAll(List.of("-jar", o.serverJar.toString()));
    }
    System.out.printf(
        Locale.ROOT,
        "ours started %s%n%n",
        viaLauncher
            ? "through " + o.launcher + " (its default JVM settings)"
            : "with java -jar (the JVM's defaults)");
    oursCmd.addAll(
        List.of(
            "--transport",
            "http",
            "--host",
            "127.0.0.1",
            "--port",
            String.valueOf(oursPort),
            "--airflow-url",
            airflowUrl,
            "--rate-limit",
            "*=1000000/1000000/1000",
            "--max-concurrent-calls",
            "256"));
    Server floor = start("floor", floorCmd, floorPort);
    Server ours = start("ours", oursCmd, oursPort, oursEnv);
    try {
      awaitReady(floor);
      awaitReady(ours);
      Map<String, List<String>> rssByRound = new LinkedHashMap<>();
      for (int round = 1; round <= o.rounds; round++) {
        if (o.rounds > 1) {
          System.out.printf(Locale.ROOT, "round %d%n", round);
        }
        header();
        for (Workload w : WORKLOADS) {
          if (!o.workloads.isEmpty() && !o.workloads.contains(w.name())) {
            continue;
          }
          byte[] direct = RawHttpClient.get(airflow.port(), w.directPath(), "Bearer bench");
          if (round == 1 && o.warmup > 0) {
            int maxClients = Arrays.stream(o.clients).max().orElse(1);
            phase("warm-up", airflow.port(), maxClients, 1, t -> direct, false, -1);
            for (Server s : List.of(floor, ours)) {
              phase("warm-up", s.port(), maxClients, o.warmup, t -> call(s, w, t), true, -1);
            }
          }
          for (int c : o.clients) {
            Phase d = phase("direct", airflow.port(), c, o.seconds, t -> direct, false, -1);
            Phase f =
                phase(
                    "floor", floor.port(), c, o.seconds, t -> call(floor, w, t), true, floor.pid());
            Phase u =
                phase("ours", ours.port(), c, o.seconds, t -> call(ours, w, t), true, ours.pid());
            row(w.name(), c, d, null, null);
            row(w.name(), c, f, d, null);
            row(w.name(), c, u, d, f);
          }
        }
        for (Server s : List.of(floor, ours)) {
          rssByRound
              .computeIfAbsent(s.name(), k -> new ArrayList<>())
              .add(String.format(Locale.ROOT, "%.0f", kib(s.pid(), "VmRSS") / 1024.0));
        }
        System.out.println();
      }
      for (Server s : List.of(floor, ours)) {
        System.out.printf(
            Locale.ROOT,
            "%-6s peak RSS (VmHWM) %.0f MiB; RSS after each round" + " (MiB): %s%n",
            s.name(),
            kib(s.pid(), "VmHWM") / 1024.0,
            String.join(", ", rssByRound.get(s.name())));
      }
    } finally {
      stop(floor);
      stop(ours);
    }
  }

  /**
   * The 1 MB log path within a small heap: our server started with {@code -Xmx<N>m} and the tool
   * spec's concurrency cap of log reads serves {@code get_task_logs} at each number of clients (up
   * to the cap); every call must succeed and the server must not run out of memory.
   */
  private static void heapCheck(Options o, String java, List<String> pin, RealisticAirflow airflow)
      throws Exception {
    List<String> cmd = new ArrayList<>(pin);
    int port = freePort();
    cmd.add(java);
    cmd.add("-Xmx" + o.heapCheckMb + "m");
    cmd.addAll(o.serverJvm);
    cmd.addAll(
        List.of(
            "-jar",
            o.serverJar.toString(),
            "--transport",
            "http",
            "--host",
            "127.0.0.1",
            "--port",
            String.valueOf(port),
            "--airflow-url",
            "http://127.0.0.1:" + airflow.port(),
            "--rate-limit",
            "*=1000000/1000000",
            "--max-concurrent-calls",
            "256"));
    // The tool spec's concurrency cap of the logs class stays (4 log reads at once per server):
    // it is what bounds the memory that log reads take together.
    Server ours = start("ours-heap", cmd, port);
    try {
      awaitReady(ours);
      Workload logs = WORKLOADS.get(3);
      System.out.printf(Locale.ROOT, "%nget_task_logs with -Xmx%dm (ours):%n", o.heapCheckMb);
      header();
      for (int c : o.heapClients) {
        phase("warm-up", ours.port(), c, Math.min(o.warmup, 3), t -> call(ours, logs, t), true, -1);
        Phase p =
            phase("ours", ours.port(), c, o.seconds, t -> call(ours, logs, t), true, ours.pid());
        row(logs.name(), c, p, null, null);
      }
      boolean oom = Files.readString(ours.log()).contains("OutOfMemoryError");
      System.out.printf(
          Locale.ROOT,
          "alive: %s, OutOfMemoryError in its log: %s, peak RSS %.0f" + " MiB%n",
          ours.process().isAlive(),
          oom,
          kib(ours.pid(), "VmHWM") / 1024.0);
    } finally {
      stop(ours);
    }
  }

  private static byte[] call(Server s, Workload w, int thread) {
    String json =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\""
            + w.tool()
            + "\",\"arguments\":"
            + w.arguments()
            + "}}";
    return RawHttpClient.postJson(s.port(), "/mcp", json, "Bearer bench-token-" + thread);
  }

  private static void header() {
    System.out.printf(
        Locale.ROOT,
        "%-20s %3s %-6s %9s %9s %9s %9s %11s %11s %10s %10s %7s%n",
        "workload",
        "cl",
        "target",
        "calls/s",
        "p50 ms",
        "p99 ms",
        "added p50",
        "CPU us/call",
        "JIT us/call",
        "CPU/floor",
        "rate/floor",
        "errors");
  }

  private static void row(String workload, int clients, Phase p, Phase direct, Phase floor) {
    System.out.printf(
        Locale.ROOT,
        "%-20s %3d %-6s %9.0f %9.3f %9.3f %9s %11s %11s %10s %10s %7d%n",
        workload,
        clients,
        p.target(),
        p.callsPerSecond(),
        p.millis(50),
        p.millis(99),
        direct == null ? "" : String.format(Locale.ROOT, "%.3f", p.millis(50) - direct.millis(50)),
        Double.isNaN(p.cpuMicrosPerCall())
            ? ""
            : String.format(Locale.ROOT, "%.0f", p.cpuMicrosPerCall()),
        Double.isNaN(p.jitMicrosPerCall())
            ? ""
            : String.format(Locale.ROOT, "%.0f", p.jitMicrosPerCall()),
        floor == null
            ? ""
            : String.format(Locale.ROOT, "%.2f", p.cpuMicrosPerCall() / floor.cpuMicrosPerCall()),
        floor == null
            ? ""
            : String.format(Locale.ROOT, "%.2f", p.callsPerSecond() / floor.callsPerSecond()),
        p.errors());
  }

  private interface RequestFor {
    byte[] request(int thread);
  }

  private static Phase phase(
      String target, int port, int clients, int seconds, RequestFor requests, boolean mcp, long pid)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    long[] errors = new long[clients];
    java.util.concurrent.atomic.AtomicBoolean told =
        new java.util.concurrent.atomic.AtomicBoolean();
    List<Callable<long[]>> tasks = new ArrayList<>();
    for (int t = 0; t < clients; t++) {
      int thread = t;
      tasks.add(
          () -> {
            byte[] request = requests.request(thread);
            long[] lat = new long[1 << 16];
            int n = 0;
            try (RawHttpClient client = new RawHttpClient(port)) {
              while (System.nanoTime() < deadline) {
                long t0 = System.nanoTime();
                int status = client.exchange(request);
                if (n == lat.length) {
                  lat = Arrays.copyOf(lat, n * 2);
                }
                lat[n++] = System.nanoTime() - t0;
                boolean ok = status == 200 && (!mcp || client.bodyContains(OK));
                if (!ok && errors[thread]++ == 0 && !told.getAndSet(true)) {
                  String body = new String(client.body(), StandardCharsets.UTF_8);
                  System.err.println(
                      target
                          + ": unexpected answer "
                          + status
                          + ": "
                          + body.substring(0, Math.min(400, body.length())));
                }
              }
            }
            return Arrays.copyOf(lat, n);
          });
    }
    long cpu0 = pid > 0 ? cpuTicks(pid) : 0;
    long jit0 = pid > 0 ? jitTicks(pid) : 0;
    long started = System.nanoTime();
    List<long[]> parts = new ArrayList<>();
    for (Future<long[]> f : pool.invokeAll(tasks)) {
      parts.add(f.get());
    }
    double elapsed = (System.nanoTime() - started) / 1e9;
    long cpu1 = pid > 0 ? cpuTicks(pid) : 0;
    long jit1 = pid > 0 ? jitTicks(pid) : 0;
    pool.shutdown();
    long[] all = parts.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    double cpuPerCall =
        pid > 0 && all.length > 0 ? (cpu1 - cpu0) * (1e6 / CLOCK_TICKS) / all.length : Double.NaN;
    double jitPerCall =
        pid > 0 && all.length > 0 ? (jit1 - jit0) * (1e6 / CLOCK_TICKS) / all.length : Double.NaN;
    return new Phase(
        target, all.length, Arrays.stream(errors).sum(), elapsed, all, cpuPerCall, jitPerCall);
  }

  // ---------------------------------------------------------------- cold start

  /** One row of the cold-start table: a command started once per run. */
  private record ColdRow(String name, List<String> command, Map<String, String> env) {}

  private static void coldStart(Options o, String java, RealisticAirflow airflow) throws Exception {
    String airflowUrl = "http://127.0.0.1:" + airflow.port();
    // side-by-side.sh pins this driver to CPU 0, and a child inherits that: without a CPU list of
    // their own every server would start on one CPU, not on the machine a user starts it on.
    String online = onlineCpus();
    List<String> cpus =
        o.coldAllCpus && online != null && taskset() ? List.of("taskset", "-c", online) : List.of();
    Map<String, String> env =
        Map.of("AIRFLOW_API_URL", airflowUrl, "AIRFLOW_AUTH_TOKEN", "bench-token");
    System.out.printf(
        Locale.ROOT,
        "Cold start over stdio: process start to the tools/list answer, %d runs each, the rows"
            + " interleaved run for run, %s (ms; load average %s)%n",
        o.coldRuns,
        cpus.isEmpty() ? "on this driver's CPUs" : "on CPUs " + online,
        loadAverage());
    List<ColdRow> rows = new ArrayList<>();
    List<String> floorCmd = new ArrayList<>(List.of(java));
    floorCmd.addAll(o.floorJvm);
    floorCmd.addAll(
        List.of(
            "-cp",
            o.benchmarksJar.toString(),
            FloorServer.class.getName(),
            "--transport",
            "stdio",
            "--airflow-url",
            airflowUrl));
    rows.add(new ColdRow("floor", floorCmd, env));
    rows.addAll(nodePeers(o, airflowUrl));
    List<String> oursCmd = new ArrayList<>(List.of(java));
    oursCmd.addAll(o.serverJvm);
    oursCmd.addAll(List.of("-jar", o.serverJar.toString(), "--transport", "stdio"));
    rows.add(new ColdRow("ours, plain java -jar", oursCmd, env));
    if (o.launcher != null && Files.isRegularFile(o.launcher)) {
      Path cache = Files.createTempDirectory("airflow-mcp-cds");
      Map<String, String> launcherEnv = new LinkedHashMap<>(env);
      launcherEnv.put("AIRFLOW_MCP_JAR", o.serverJar.toAbsolutePath().toString());
      launcherEnv.put("AIRFLOW_MCP_CACHE_DIR", cache.toString());
      launcherEnv.put("JAVA", java);
      List<String> launcherCmd = List.of(o.launcher.toString(), "--transport", "stdio");
      Map<String, String> noArchive = new LinkedHashMap<>(launcherEnv);
      noArchive.put("AIRFLOW_MCP_CDS", "off");
      rows.add(new ColdRow("ours, launcher, no archive", launcherCmd, noArchive));
      // The first run creates the archive (and pays for writing it at exit): once, up front.
      ColdRow dump = new ColdRow("ours, launcher, first run (dump)", launcherCmd, launcherEnv);
      long[][] first = {coldOnce(withCpus(cpus, dump.command()), dump.env())};
      // The first run's JVM is the launcher's child, whose CPU time is not read.
      first[0][1] = -1;
      rows.add(new ColdRow("ours, launcher, with archive", launcherCmd, launcherEnv));
      coldTable(o, rows, dump, first, cpus);
    } else {
      coldTable(o, rows, null, null, cpus);
    }
  }

  private static List<String> withCpus(List<String> cpus, List<String> command) {
    List<String> out = new ArrayList<>(cpus);
    out.addAll(command);
    return out;
  }

  /** The machine's online CPUs as a taskset list ("0-1"), or null when unknown. */
  private static String onlineCpus() {
    try {
      String list = Files.readString(Path.of("/sys/devices/system/cpu/online")).strip();
      return list.matches("[0-9,-]+") ? list : null;
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * The Node peers installed by {@code benchmarks/install-peers.sh}, with the same spec (Airflow
   * 3.2.0's) and the same fake Airflow; none (and a line saying so) when they are not installed.
   */
  private static List<ColdRow> nodePeers(Options o, String airflowUrl) throws Exception {
    Path peers = o.peers;
    Path ivotoby = peers.resolve("node_modules/@ivotoby/openapi-mcp-server/bin/mcp-server.js");
    Path generated = peers.resolve("gen/airflow/build/index.js");
    Path spec = Path.of("airflow-specs/airflow-3.2.0-v2.yaml");
    String node = o.node;
    if (node == null) {
      Path bundled = Path.of(".tools/node_modules/.bin/node");
      node = Files.isExecutable(bundled) ? bundled.toString() : "node";
    }
    List<ColdRow> rows = new ArrayList<>();
    if (Files.isRegularFile(ivotoby) && Files.isRegularFile(spec)) {
      rows.add(
          new ColdRow(
              "@ivotoby/openapi-mcp-server (Node)",
              List.of(
                  node,
                  ivotoby.toString(),
                  "--transport",
                  "stdio",
                  "--api-base-url",
                  airflowUrl,
                  "--openapi-spec",
                  spec.toString(),
                  "--headers",
                  "Authorization:Bearer bench-token"),
              Map.of()));
    }
    if (Files.isRegularFile(generated)) {
      rows.add(
          new ColdRow(
              "openapi-mcp-generator output (Node)",
              List.of(node, generated.toString()),
              Map.of("API_BASE_URL", airflowUrl)));
    }
    if (rows.isEmpty()) {
      System.out.println(
          "(Node peers skipped: not installed in "
              + peers
              + "; run benchmarks/install-peers.sh to add them)");
    } else {
      try {
        Process v = new ProcessBuilder(node, "--version").redirectErrorStream(true).start();
        String version = new String(v.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        v.waitFor(30, TimeUnit.SECONDS);
        System.out.println("(Node peers on " + node + " " + version.strip() + ")");
      } catch (IOException e) {
        System.out.println("(Node peers skipped: no node at " + node + ")");
        return List.of();
      }
    }
    return rows;
  }

  /** Runs every row {@code o.coldRuns} times, interleaved run for run, and prints the table. */
  private static void coldTable(
      Options o, List<ColdRow> rows, ColdRow dump, long[][] dumpRun, List<String> pinned)
      throws Exception {
    int runs = o.coldRuns;
    long[][] ms = new long[rows.size()][runs];
    long[][] cpu = new long[rows.size()][runs];
    for (int i = 0; i < runs; i++) {
      for (int r = 0; r < rows.size(); r++) {
        long[] one = coldOnce(withCpus(pinned, rows.get(r).command()), rows.get(r).env());
        ms[r][i] = one[0];
        cpu[r][i] = one[1];
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%-36s %8s %8s %8s %8s %14s%n",
        "server",
        "min",
        "median",
        "p90",
        "max",
        "CPU ms median");
    for (int r = 0; r < rows.size(); r++) {
      if (dump != null && rows.get(r).name().endsWith("with archive")) {
        coldLine(dump.name(), new long[] {dumpRun[0][0]}, new long[] {dumpRun[0][1]});
      }
      coldLine(rows.get(r).name(), ms[r], cpu[r]);
    }
  }

  private static void coldLine(String name, long[] ms, long[] cpu) {
    ms = ms.clone();
    cpu = cpu.clone();
    Arrays.sort(ms);
    Arrays.sort(cpu);
    int runs = ms.length;
    System.out.printf(
        Locale.ROOT,
        "%-36s %8d %8d %8d %8d %14s%n",
        name,
        ms[0],
        ms[runs / 2],
        ms[p90(runs)],
        ms[runs - 1],
        cpu[runs / 2] < 0 ? "n/a" : String.valueOf(cpu[runs / 2]));
  }

  /**
   * The index of the 90th percentile of {@code runs} sorted values, nearest rank: the value that
   * nine runs in ten do not exceed (with fewer than ten runs, the maximum).
   */
  static int p90(int runs) {
    return Math.max(0, (int) Math.ceil(runs * 0.9) - 1);
  }

  /**
   * Milliseconds from process start to the tools/list answer, and the CPU time the process had used
   * by then (all its threads; -1 when the process is a wrapper whose child does the work); then
   * closes stdin.
   */
  static long[] coldOnce(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().keySet().removeIf(k -> k.startsWith("AIRFLOW_") || k.startsWith("MCP_"));
    pb.environment().putAll(env);
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    long t0 = System.nanoTime();
    Process p = pb.start();
    try (OutputStream in = p.getOutputStream();
        BufferedReader out =
            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      in.write(
          ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                  + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":"
                  + "{\"name\":\"bench\",\"version\":\"1\"}}}\n")
              .getBytes(StandardCharsets.UTF_8));
      in.flush();
      awaitId(out, 1);
      in.write(
          ("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
                  + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}\n")
              .getBytes(StandardCharsets.UTF_8));
      in.flush();
      awaitId(out, 2);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      long cpu;
      try {
        cpu = isServer(p.pid()) ? (long) (cpuTicks(p.pid()) * (1000 / CLOCK_TICKS)) : -1;
      } catch (IOException e) {
        cpu = -1;
      }
      in.close();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
      return new long[] {ms, cpu};
    } finally {
      if (p.isAlive()) {
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      }
    }
  }

  private static boolean isServer(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      // A JVM or Node itself, not a wrapper script (the launcher's first run waits for its JVM
      // child). Node names its main thread, and with it the process, "MainThread".
      String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      return List.of("java", "node", "MainThread").contains(name);
    } catch (IOException e) {
      return false;
    }
  }

  private static void awaitId(BufferedReader out, int id) throws IOException {
    String needle = "\"id\":" + id;
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.contains(needle) && line.contains("\"result\"")) {
        return;
      }
    }
    throw new IOException("the server ended before answering request " + id);
  }

  // ---------------------------------------------------------------- processes and /proc

  private static Server start(String name, List<String> command, int port) throws IOException {
    return start(name, command, port, Map.of());
  }

  private static Server start(String name, List<String> command, int port, Map<String, String> env)
      throws IOException {
    Path log = Files.createTempFile("side-by-side-" + name, ".log");
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().keySet().removeIf(k -> k.startsWith("AIRFLOW_") || k.startsWith("MCP_"));
    pb.environment().remove("JAVA_OPTS");
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    return new Server(name, pb.start(), port, log);
  }

  private static void awaitReady(Server s) throws Exception {
    byte[] list =
        RawHttpClient.postJson(
            s.port(),
            "/mcp",
            "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"tools/list\",\"params\":{}}",
            "Bearer bench");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (!s.process().isAlive()) {
        throw new IllegalStateException(
            s.name() + " exited with " + s.process().exitValue() + "; see " + s.log());
      }
      try (RawHttpClient client = new RawHttpClient(s.port())) {
        if (client.exchange(list) == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(s.name() + " did not start within 90 s; see " + s.log());
  }

  private static void stop(Server s) throws InterruptedException {
    s.process().destroy();
    if (!s.process().waitFor(10, TimeUnit.SECONDS)) {
      s.process().destroyForcibly();
    }
  }

  /** Clock ticks per second of {@code /proc/<pid>/stat} times (USER_HZ, 100 on Linux). */
  private static final double CLOCK_TICKS = 100.0;

  /** utime + stime of a process, in clock ticks. */
  static long cpuTicks(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
    // Fields after the command name (which is in parentheses and may hold spaces).
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  /**
   * utime + stime of the JIT compiler threads of a JVM ({@code C1 CompilerThre…}, {@code C2
   * CompilerThre…} in {@code /proc/<pid>/task/<tid>/stat}), in clock ticks: part of the process's
   * CPU per call in short phases, until the compiler settles; shown apart so that the per-call work
   * can be told from it. Threads that ended meanwhile are not counted.
   */
  static long jitTicks(long pid) {
    long ticks = 0;
    try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          int open = stat.indexOf('(');
          int close = stat.lastIndexOf(')');
          if (open < 0 || close < open || !stat.substring(open + 1, close).contains("Compiler")) {
            continue;
          }
          String[] f = stat.substring(close + 2).split(" ");
          ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException ended) {
          // the thread ended
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return ticks;
  }

  /** A {@code /proc/<pid>/status} value in KiB (VmRSS, VmHWM). */
  static long kib(long pid, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not on Linux, or gone
    }
    return -1;
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static boolean taskset() {
    try {
      return new ProcessBuilder("taskset", "-p", String.valueOf(ProcessHandle.current().pid()))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start()
              .waitFor()
          == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Command-line options. */
  private static final class Options {
    Path serverJar = Path.of("generated-example/target/airflow-mcp-server.jar");
    Path benchmarksJar = Path.of("benchmarks/target/benchmarks.jar");
    Path launcher = Path.of("scripts/airflow-mcp-server");
    Path peers = Path.of("benchmarks/peers");
    String node;
    int seconds = 10;
    int warmup = 5;
    int rounds = 1;
    int coldRuns = 5;
    int heapCheckMb = 64;
    int pages = 1;
    int[] heapClients = {1, 4};
    int[] clients = {1, 16};
    String serverCpu = "1";
    boolean skipLoad;
    boolean skipCold;
    boolean oursPlainJar;
    boolean coldAllCpus = true;
    List<String> workloads = new ArrayList<>();
    List<String> serverJvm = new ArrayList<>();
    List<String> floorJvm = new ArrayList<>();

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--jar" -> o.serverJar = Path.of(args[++i]);
          case "--benchmarks-jar" -> o.benchmarksJar = Path.of(args[++i]);
          case "--launcher" -> o.launcher = Path.of(args[++i]);
          case "--peers" -> o.peers = Path.of(args[++i]);
          case "--node" -> o.node = args[++i];
          case "--seconds" -> o.seconds = Integer.parseInt(args[++i]);
          case "--warmup" -> o.warmup = Integer.parseInt(args[++i]);
          case "--rounds" -> o.rounds = Integer.parseInt(args[++i]);
          case "--pages" -> o.pages = Integer.parseInt(args[++i]);
          case "--cold-runs" -> o.coldRuns = Integer.parseInt(args[++i]);
          case "--heap-check-mb" -> o.heapCheckMb = Integer.parseInt(args[++i]);
          case "--heap-check-clients" ->
              o.heapClients =
                  Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
          case "--clients" ->
              o.clients = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
          case "--workloads" -> o.workloads = List.of(args[++i].split(","));
          case "--server-cpu" -> o.serverCpu = args[++i].equals("none") ? null : args[i];
          case "--server-jvm-arg" -> o.serverJvm.add(args[++i]);
          case "--floor-jvm-arg" -> o.floorJvm.add(args[++i]);
          case "--skip-load" -> o.skipLoad = true;
          case "--skip-cold" -> o.skipCold = true;
          case "--ours-plain-jar" -> o.oursPlainJar = true;
          case "--cold-inherit-cpus" -> o.coldAllCpus = false;
          default -> {
            System.err.println("unknown option " + args[i]);
            System.exit(2);
          }
        }
      }
      for (Path p : List.of(o.serverJar, o.benchmarksJar)) {
        if (!Files.isRegularFile(p)) {
          System.err.println(
              "not found: "
                  + p
                  + " (build: ./mvnw -B -DskipTests package -pl generated-example,benchmarks -am)");
          System.exit(2);
        }
      }
      if (o.seconds < 1
          || o.seconds > 300
          || o.warmup < 0
          || o.warmup > 300
          || o.rounds < 1
          || o.coldRuns < 1) {
        System.err.println("--seconds 1..300, --warmup 0..300, --rounds and --cold-runs >= 1");
        System.exit(2);
      }
      return o;
    }
  }
}
