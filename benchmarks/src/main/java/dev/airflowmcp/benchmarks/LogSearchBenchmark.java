package dev.airflowmcp.benchmarks;

import dev.airflowmcp.runtime.airflow.AirflowGateway;
import dev.airflowmcp.runtime.airflow.AirflowTransportConfig;
import dev.airflowmcp.runtime.airflow.HttpAirflowTransport;
import dev.airflowmcp.runtime.airflow.VersionDetector;
import dev.airflowmcp.runtime.auth.StaticTokenCredentials;
import dev.airflowmcp.runtime.logs.SearchTaskLogsTool;
import dev.airflowmcp.runtime.pipeline.ArgumentValidator;
import dev.airflowmcp.runtime.pipeline.AuditSink;
import dev.airflowmcp.runtime.pipeline.ToolPipeline;
import dev.airflowmcp.runtime.ratelimit.RateLimiter;
import dev.airflowmcp.runtime.redaction.AirflowRedactor;
import dev.airflowmcp.runtime.redaction.RedactionSettings;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code search_task_logs} on a very long log: a fake Airflow on loopback serves one task try's log
 * as {@code --pages} pages of about {@code --page-kib} KiB each (Airflow 3 structured records, or
 * Airflow 2 text with {@code --airflow 2}), generated once and served in turn, so that the log is
 * never held whole by either side. The tool runs through the real pipeline (Airflow client over
 * HTTP, redactor, size budget) and searches for a pattern that matches rarely, so every page is
 * read. Prints the time, the bytes served, what the tool reported, and the heap: the sum of the
 * heap pools' peaks during the call (an upper bound of the peak) and the GC activity. Run it with a
 * small heap ({@code -Xmx256m}) to see that the log is not held.
 *
 * <pre>java -Xmx256m -cp benchmarks/target/benchmarks.jar \
 *     dev.airflowmcp.benchmarks.LogSearchBenchmark --pages 1024 --page-kib 1024</pre>
 */
public final class LogSearchBenchmark {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String TI = "/api/v2/dags/bench/dagRuns/run1/taskInstances/load";
  private static final int DISTINCT_PAGES = 8;

  private LogSearchBenchmark() {}

  public static void main(String[] args) throws Exception {
    int pages = 1024;
    int pageKib = 1024;
    int airflow = 3;
    String pattern = "Task failed: .*timeout";
    int budgetSeconds = 45;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--pages" -> pages = Integer.parseInt(args[++i]);
        case "--page-kib" -> pageKib = Integer.parseInt(args[++i]);
        case "--airflow" -> airflow = Integer.parseInt(args[++i]);
        case "--pattern" -> pattern = args[++i];
        case "--budget-seconds" -> budgetSeconds = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    LogServer server = LogServer.start(airflow, pages, pageKib * 1024);
    try {
      run(server, airflow, pattern, budgetSeconds, true);
      run(server, airflow, pattern, budgetSeconds, false);
    } finally {
      server.stop();
    }
  }

  private static void run(
      LogServer server, int airflow, String pattern, int budgetSeconds, boolean warmup)
      throws Exception {
    String prefix = airflow == 2 ? "/api/v1" : "/api/v2";
    HttpAirflowTransport client =
        new HttpAirflowTransport(
            AirflowTransportConfig.defaults("http://127.0.0.1:" + server.port()));
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
    Map<String, Object> arguments = new LinkedHashMap<>();
    arguments.put("dag_id", "bench");
    arguments.put("dag_run_id", "run1");
    arguments.put("task_id", "load");
    arguments.put("pattern", pattern);
    arguments.put("regex", true);
    arguments.put("context_before", 1);
    arguments.put("max_matches", 200);
    server.served.set(0);
    System.gc();
    List<MemoryPoolMXBean> heap = new ArrayList<>();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
        heap.add(p);
      }
    }
    long gcBefore = gcCount();
    long gcTimeBefore = gcMillis();
    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuStart = threads.getCurrentThreadCpuTime();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long processCpuStart = os.getProcessCpuTime();
    long start = System.nanoTime();
    CallToolResult result =
        pipeline.call(
            new SearchTaskLogsTool(java.time.Duration.ofSeconds(budgetSeconds)),
            "search_task_logs",
            arguments,
            new StaticTokenCredentials("bench-token"));
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
    double processCpuSeconds = (os.getProcessCpuTime() - processCpuStart) / 1e9;
    long peak = 0;
    for (MemoryPoolMXBean p : heap) {
      peak += p.getPeakUsage().getUsed();
    }
    JsonNode body = JSON.readTree(((TextContent) result.content().get(0)).text());
    if (warmup) {
      System.out.printf(Locale.ROOT, "warm-up: %.1f s%n", seconds);
      return;
    }
    double mib = server.served.get() / (1024.0 * 1024.0);
    System.out.printf(
        Locale.ROOT,
        "Airflow %d log: %.0f MiB in %d pages served; prefix %s%n"
            + "search_task_logs %s(time budget %d s): %.1f s (%.0f MiB/s); CPU time: calling"
            + " thread %.1f s, whole process (fake Airflow included) %.1f s%n"
            + "  %d lines searched, %d matches, complete=%s, stopped_by=%s%n"
            + "heap: max %d MiB, sum of pool peaks %d MiB; %d GCs, %d ms in GC%n",
        airflow,
        mib,
        body.path("pages_read").asInt(),
        prefix,
        result.isError() ? "FAILED " + body + " " : "",
        budgetSeconds,
        seconds,
        mib / seconds,
        cpuSeconds,
        processCpuSeconds,
        body.path("lines_searched").asLong(),
        body.path("returned_count").asInt(),
        body.path("complete").asBoolean(),
        body.path("stopped_by").asString(),
        Runtime.getRuntime().maxMemory() / (1024 * 1024),
        peak / (1024 * 1024),
        gcCount() - gcBefore,
        gcMillis() - gcTimeBefore);
  }

  private static long gcCount() {
    long n = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      n += Math.max(0, gc.getCollectionCount());
    }
    return n;
  }

  private static long gcMillis() {
    long n = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      n += Math.max(0, gc.getCollectionTime());
    }
    return n;
  }

  /** A fake Airflow that serves one long log page by page, from a few pages made in advance. */
  static final class LogServer {
    final AtomicLong served = new AtomicLong();
    private final Server jetty;
    private final int airflow;
    private final int pages;
    private final List<byte[]> contents = new ArrayList<>();

    private LogServer(Server jetty, int airflow, int pages) {
      this.jetty = jetty;
      this.airflow = airflow;
      this.pages = pages;
    }

    static LogServer start(int airflow, int pages, int pageBytes) throws Exception {
      Server jetty = new Server(new QueuedThreadPool(16, 4));
      LogServer log = new LogServer(jetty, airflow, pages);
      for (int i = 0; i < DISTINCT_PAGES; i++) {
        log.contents.add(
            (airflow == 2 ? textPage(i, pageBytes) : recordsPage(i, pageBytes))
                .getBytes(StandardCharsets.UTF_8));
      }
      ServerConnector connector = new ServerConnector(jetty);
      connector.setHost("127.0.0.1");
      connector.setPort(0);
      jetty.addConnector(connector);
      jetty.setHandler(
          new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
              byte[] body =
                  log.answer(
                      Request.getPathInContext(request), Request.extractQueryParameters(request));
              response.setStatus(body == null ? 404 : 200);
              byte[] out =
                  body == null
                      ? "{\"detail\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8)
                      : body;
              log.served.addAndGet(out.length);
              response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
              response.getHeaders().put(HttpHeader.CONTENT_LENGTH, out.length);
              response.write(true, ByteBuffer.wrap(out), callback);
              return true;
            }
          });
      jetty.start();
      return log;
    }

    private byte[] answer(String path, Fields query) {
      String prefix = airflow == 2 ? "/api/v1" : "/api/v2";
      String ti = TI.replace("/api/v2", prefix);
      if (path.equals(prefix + "/version")) {
        return ("{\"version\":\"" + (airflow == 2 ? "2.10.5" : "3.0.2") + "\"}")
            .getBytes(StandardCharsets.UTF_8);
      }
      if (path.equals(ti)) {
        return "{\"task_id\":\"load\",\"try_number\":1}".getBytes(StandardCharsets.UTF_8);
      }
      if (!path.equals(ti + "/logs/1")) {
        return null;
      }
      String token = query.getValue("token");
      int page = token == null ? 0 : Integer.parseInt(readToken(token));
      boolean last = page + 1 >= pages;
      String next = token(page + 1, last);
      byte[] head = "{\"content\":".getBytes(StandardCharsets.UTF_8);
      byte[] content = contents.get(page % DISTINCT_PAGES);
      byte[] tail = (",\"continuation_token\":\"" + next + "\"}").getBytes(StandardCharsets.UTF_8);
      byte[] body = new byte[head.length + content.length + tail.length];
      System.arraycopy(head, 0, body, 0, head.length);
      System.arraycopy(content, 0, body, head.length, content.length);
      System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
      return body;
    }

    int port() {
      return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    void stop() throws Exception {
      jetty.stop();
    }
  }

  /** A continuation token as Airflow signs them: base64url(JSON) and a signature. */
  static String token(int page, boolean end) {
    String json = "{\"end_of_log\":" + end + ",\"log_pos\":" + page + "}";
    return Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(json.getBytes(StandardCharsets.UTF_8))
        + ".sig";
  }

  private static String readToken(String token) {
    String json =
        new String(
            Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
            StandardCharsets.UTF_8);
    return json.replaceAll(".*\"log_pos\":(\\d+).*", "$1");
  }

  /**
   * One line of log text: mostly routine, sometimes a slow query or a connection string with a
   * password, and once in every {@value #DISTINCT_PAGES} pages the error the benchmark looks for.
   */
  private static String event(int page, int line) {
    int k = line % 1000;
    if (line == 999 && page == DISTINCT_PAGES - 1) {
      return "Task failed: connection to warehouse timeout after 30 s (batch " + line + ")";
    }
    if (k == 500) {
      return "Connecting to postgresql://etl:pw-" + page + "-" + line + "@db.internal:5432/dw";
    }
    if (k % 97 == 0) {
      return "Slow query on table events_" + (line % 13) + ": 2.4 s";
    }
    return "Processed batch "
        + line
        + " of page "
        + page
        + ": 500 rows, 0 rejected, checksum "
        + Integer.toHexString(page * 31 + line * 17);
  }

  private static String recordsPage(int page, int bytes) {
    StringBuilder b = new StringBuilder(bytes + 512).append('[');
    for (int line = 0; b.length() < bytes; line++) {
      if (line > 0) {
        b.append(',');
      }
      String level =
          line == 999 && page == DISTINCT_PAGES - 1 ? "error" : line % 97 == 0 ? "warning" : "info";
      b.append("{\"timestamp\":\"2025-06-01T10:")
          .append(String.format(Locale.ROOT, "%02d:%02d.%06dZ", (line / 60) % 60, line % 60, line))
          .append("\",\"event\":")
          .append(JSON.writeValueAsString(event(page, line)))
          .append(",\"level\":\"")
          .append(level)
          .append("\",\"logger\":\"airflow.task.operators.python\"}");
    }
    return b.append(']').toString();
  }

  private static String textPage(int page, int bytes) {
    StringBuilder b = new StringBuilder(bytes + 512);
    for (int line = 0; b.length() < bytes; line++) {
      String level =
          line == 999 && page == DISTINCT_PAGES - 1 ? "ERROR" : line % 97 == 0 ? "WARNING" : "INFO";
      b.append("[2025-06-01T10:00:00.000+0000] {python.py:")
          .append(line % 400)
          .append("} ")
          .append(level)
          .append(" - ")
          .append(event(page, line))
          .append('\n');
    }
    return JSON.writeValueAsString(b.toString());
  }
}
