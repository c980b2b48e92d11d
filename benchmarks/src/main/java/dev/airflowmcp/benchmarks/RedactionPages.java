package dev.airflowmcp.benchmarks;

import dev.airflowmcp.runtime.redaction.AirflowRedactor;
import dev.airflowmcp.runtime.redaction.RedactionSettings;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server's redactor on {@link RealisticAirflow}'s pages, in this thread: each page parsed into
 * trees ahead (not timed), then {@link AirflowRedactor#redact} on each tree, as the tool pipeline
 * calls it (with the server's own Airflow password registered), and the CPU time of this thread per
 * page over the warm rounds (median, best, worst). By default one redactor serves every page, as in
 * a server answering the same page again and again; {@code --first-sight} gives each page a
 * redactor of its own, so that nothing it remembers from earlier pages helps. Prints a hash of the
 * redacted pages, so that two builds can be checked to give the same result.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.airflowmcp.benchmarks.RedactionPages \
 *     [--first-sight] [--rounds 30] [--warmup 15] [--pages list_dags,list_task_instances,get_dag_details,get_task_logs]
 * </pre>
 */
public final class RedactionPages {
  private RedactionPages() {}

  public static void main(String[] args) {
    int rounds = 30;
    int warmup = 15;
    boolean firstSight = false;
    List<String> pages =
        List.of("list_dags", "list_task_instances", "get_dag_details", "get_task_logs");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--pages" -> pages = List.of(args[++i].split(","));
        case "--first-sight" -> firstSight = true;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    JsonMapper json = JsonMapper.builder().build();
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    AirflowRedactor shared = redactor();
    for (String page : pages) {
      byte[] body =
          switch (page) {
            case "list_dags" -> RealisticAirflow.DAGS;
            case "list_task_instances" -> RealisticAirflow.TASK_INSTANCES;
            case "get_dag_details" -> RealisticAirflow.DAG_DETAILS;
            case "get_task_logs" -> RealisticAirflow.LOG;
            default -> throw new IllegalArgumentException("unknown page " + page);
          };
      // Enough trees per round that a round takes some milliseconds of CPU.
      int perRound = Math.max(1, 2_000_000 / body.length);
      double[] us = new double[rounds];
      int hash = 0;
      for (int r = 0; r < warmup + rounds; r++) {
        List<JsonNode> trees = new ArrayList<>(perRound);
        List<AirflowRedactor> redactors = new ArrayList<>(perRound);
        for (int k = 0; k < perRound; k++) {
          trees.add(json.readTree(body));
          redactors.add(firstSight ? redactor() : shared);
        }
        long t0 = cpu.getCurrentThreadCpuTime();
        for (int k = 0; k < perRound; k++) {
          redactors.get(k).redact(trees.get(k), List.of());
        }
        long t = cpu.getCurrentThreadCpuTime() - t0;
        if (r >= warmup) {
          us[r - warmup] = t / 1e3 / perRound;
        }
        if (r == warmup + rounds - 1) {
          hash = json.writeValueAsString(trees.get(0)).hashCode();
        }
      }
      Arrays.sort(us);
      System.out.printf(
          Locale.ROOT,
          "%-20s %-11s %7d bytes  CPU us/page: median %9.1f  best %9.1f  worst %9.1f"
              + "  (%d rounds of %d)  result hash %08x%n",
          page,
          firstSight ? "first-sight" : "repeated",
          body.length,
          us[rounds / 2],
          us[0],
          us[rounds - 1],
          rounds,
          perRound,
          hash);
    }
  }

  /** The server's redactor, with its own Airflow password registered. */
  private static AirflowRedactor redactor() {
    return AirflowRedactor.forServer(RedactionSettings.NONE, List.of("Airfl0w-Admin-Passw0rd"));
  }
}
