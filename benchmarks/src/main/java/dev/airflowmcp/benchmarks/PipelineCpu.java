package dev.airflowmcp.benchmarks;

import static dev.airflowmcp.common.AirflowMajor.AIRFLOW3;

import dev.airflowmcp.runtime.airflow.AirflowGateway;
import dev.airflowmcp.runtime.airflow.AirflowRequest;
import dev.airflowmcp.runtime.airflow.AirflowTransportConfig;
import dev.airflowmcp.runtime.airflow.HttpAirflowTransport;
import dev.airflowmcp.runtime.airflow.VersionDetector;
import dev.airflowmcp.runtime.auth.StaticTokenCredentials;
import dev.airflowmcp.runtime.generated.ArgumentReader;
import dev.airflowmcp.runtime.generated.Bindings;
import dev.airflowmcp.runtime.generated.PlainTool;
import dev.airflowmcp.runtime.pipeline.ArgumentValidator;
import dev.airflowmcp.runtime.pipeline.AuditSink;
import dev.airflowmcp.runtime.pipeline.ToolPipeline;
import dev.airflowmcp.runtime.ratelimit.RateLimiter;
import dev.airflowmcp.runtime.redaction.AirflowRedactor;
import dev.airflowmcp.runtime.redaction.RedactionSettings;
import dev.airflowmcp.runtime.tool.ResponseShape;
import dev.airflowmcp.runtime.tool.Tool;
import dev.airflowmcp.runtime.tool.ToolPolicy;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Our tool pipeline alone, in this JVM, on {@link RealisticAirflow}'s pages: the steps a call to
 * the server makes after the MCP layer (argument check, rate limit, the Airflow exchange over HTTP,
 * parsing, shaping, hidden-character stripping, redaction, field caps, size budget), with the same
 * tool policies as the generated {@code list_dags}, {@code list_task_instances}, {@code
 * get_dag_details} and {@code get_task_logs}. For each workload and number of threads it prints the
 * calls per second, the CPU time per call of the calling threads and of the whole process (the fake
 * Airflow's threads and the collector included), the collector's time per call, and a hash of the
 * result text (so that two builds can be checked to give the same results).
 *
 * <pre>
 * taskset -c 1 java -Xmx128m -XX:+UseSerialGC -cp benchmarks/target/benchmarks.jar \
 *     dev.airflowmcp.benchmarks.PipelineCpu --threads 1,16 --seconds 5 --warmup 5 [--pages N]
 * </pre>
 *
 * <p>{@code --pages N} has the fake rotate over N distinct list pages and DAG details (see {@link
 * RealisticAirflow#start(int)}); the hash is then over the results of the N pages in order.
 */
public final class PipelineCpu {
  private PipelineCpu() {}

  /** A tool without arguments that sends one GET to a fixed path. */
  private static final class FixedTool extends PlainTool<FixedTool.NoArguments> {
    record NoArguments() {}

    FixedTool(String name, ToolPolicy policy, String path) {
      super(
          name,
          policy,
          Bindings.<NoArguments>of(AIRFLOW3, a -> AirflowRequest.get(name, path).build()));
    }

    @Override
    protected NoArguments read(ArgumentReader reader) {
      return new NoArguments();
    }
  }

  static Map<String, Tool> tools() {
    Map<String, Tool> tools = new LinkedHashMap<>();
    tools.put(
        "list_dags",
        new FixedTool(
            "list_dags",
            ToolPolicy.readOnly("list")
                .response(ResponseShape.listOf("dags"))
                .freeText("description")
                .build(),
            "/api/v2/dags"));
    tools.put(
        "get_dag_details",
        new FixedTool(
            "get_dag_details",
            ToolPolicy.readOnly("read")
                .response(ResponseShape.object())
                .freeText("doc_md", "description")
                .build(),
            "/api/v2/dags/dag_0007/details"));
    tools.put(
        "list_task_instances",
        new FixedTool(
            "list_task_instances",
            ToolPolicy.readOnly("list")
                .response(ResponseShape.listOf("task_instances"))
                .freeText("rendered_fields")
                .build(),
            "/api/v2/dags/dag_0007/dagRuns/run_1/taskInstances"));
    tools.put(
        "get_task_logs",
        new FixedTool(
            "get_task_logs",
            ToolPolicy.readOnly("logs")
                .response(
                    ResponseShape.object()
                        .maxChars(40000)
                        .truncationHint(
                            "The log was cut to fit the size budget; find lines in a long log with"
                                + " search_task_logs or read its end with get_log_tail."))
                .freeText("content")
                .build(),
            "/api/v2/dags/dag_0007/dagRuns/run_1/taskInstances/extract/logs/1"));
    return tools;
  }

  public static void main(String[] args) throws Exception {
    List<String> workloads = new ArrayList<>(List.of("list_dags", "list_task_instances"));
    workloads.add("get_dag_details");
    workloads.add("get_task_logs");
    int[] threads = {1, 16};
    int seconds = 5;
    int warmup = 5;
    int pages = 1;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--workloads" -> workloads = List.of(args[++i].split(","));
        case "--threads" ->
            threads =
                java.util.Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--pages" -> pages = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    RealisticAirflow airflow = RealisticAirflow.start(pages);
    System.out.println(
        pages == 1
            ? "the same page on every call"
            : "list pages and DAG details rotate over " + pages + " distinct pages");
    try {
      HttpAirflowTransport client =
          new HttpAirflowTransport(
              AirflowTransportConfig.defaults("http://127.0.0.1:" + airflow.port()));
      ToolPipeline pipeline =
          new ToolPipeline(
              new AirflowGateway(client),
              new VersionDetector(client, Clock.systemUTC()),
              new ToolPipeline.Hooks(
                  ArgumentValidator.NONE,
                  RateLimiter.UNLIMITED,
                  AirflowRedactor.forServer(RedactionSettings.NONE, List.of()),
                  AuditSink.NONE),
              60_000);
      Map<String, Tool> tools = tools();
      System.out.printf(
          Locale.ROOT,
          "%-20s %3s %8s %12s %12s %10s %6s  %s%n",
          "workload",
          "thr",
          "calls/s",
          "thread us/c",
          "process us/c",
          "GC us/c",
          "GCs",
          "result sha-256 (first 16)");
      for (String name : workloads) {
        Tool tool = tools.get(name);
        if (tool == null) {
          throw new IllegalArgumentException("unknown workload " + name);
        }
        // One result per distinct page, in the order the fake answers them (page 0 first).
        StringBuilder all = new StringBuilder();
        for (int p = 0; p < pages; p++) {
          all.append(text(pipeline, tool)).append('\n');
        }
        String hash = hash(pages == 1 ? all.substring(0, all.length() - 1) : all.toString());
        for (int n : threads) {
          run(pipeline, tool, n, warmup);
          Result r = run(pipeline, tool, n, seconds);
          System.out.printf(
              Locale.ROOT,
              "%-20s %3d %8.1f %12.0f %12.0f %10.0f %6d  %s%n",
              name,
              n,
              r.calls / r.seconds,
              r.threadNanos / 1000.0 / r.calls,
              r.processNanos / 1000.0 / r.calls,
              r.gcMillis * 1000.0 / r.calls,
              r.gcCount,
              hash.substring(0, 16));
        }
      }
      pipeline.close();
    } finally {
      airflow.stop();
    }
  }

  private record Result(
      long calls,
      double seconds,
      long threadNanos,
      long processNanos,
      long gcMillis,
      long gcCount) {}

  private static String text(ToolPipeline pipeline, Tool tool) {
    CallToolResult result =
        pipeline.call(tool, tool.name(), Map.of(), new StaticTokenCredentials("bench-token"));
    if (Boolean.TRUE.equals(result.isError())) {
      throw new IllegalStateException(
          tool.name() + " failed: " + ((TextContent) result.content().get(0)).text());
    }
    return ((TextContent) result.content().get(0)).text();
  }

  private static String hash(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static Result run(ToolPipeline pipeline, Tool tool, int threads, int seconds)
      throws Exception {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong calls = new AtomicLong();
    AtomicLong threadNanos = new AtomicLong();
    List<Thread> workers = new ArrayList<>();
    long gcMillis0 = gcMillis();
    long gcCount0 = gcCount();
    long process0 = os.getProcessCpuTime();
    long start = System.nanoTime();
    for (int i = 0; i < threads; i++) {
      Thread t =
          new Thread(
              () -> {
                long cpu0 = mx.getCurrentThreadCpuTime();
                long done = 0;
                while (!stop.get()) {
                  text(pipeline, tool);
                  done++;
                }
                threadNanos.addAndGet(mx.getCurrentThreadCpuTime() - cpu0);
                calls.addAndGet(done);
              },
              "pipeline-cpu-" + i);
      workers.add(t);
      t.start();
    }
    Thread.sleep(seconds * 1000L);
    stop.set(true);
    for (Thread t : workers) {
      t.join();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    return new Result(
        calls.get(),
        elapsed,
        threadNanos.get(),
        os.getProcessCpuTime() - process0,
        gcMillis() - gcMillis0,
        gcCount() - gcCount0);
  }

  private static long gcMillis() {
    long total = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionTime());
    }
    return total;
  }

  private static long gcCount() {
    long total = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionCount());
    }
    return total;
  }
}
