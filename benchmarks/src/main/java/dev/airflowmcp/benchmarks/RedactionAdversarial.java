package dev.airflowmcp.benchmarks;

import dev.airflowmcp.runtime.redaction.AdversarialInputs;
import dev.airflowmcp.runtime.redaction.AirflowRedactor;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long the redactor takes on adversarial inputs of about 1 MB each (the same ones {@code
 * AdversarialInputTest} bounds loosely, from runtime's test jar: {@link AdversarialInputs}): the
 * best of {@code --rounds} runs after a warm-up, as CPU time of the redacting thread and as wall
 * time.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.airflowmcp.benchmarks.RedactionAdversarial
 * </pre>
 */
public final class RedactionAdversarial {
  private RedactionAdversarial() {}

  public static void main(String[] args) {
    int rounds = args.length > 1 && args[0].equals("--rounds") ? Integer.parseInt(args[1]) : 6;
    Map<String, String> in = AdversarialInputs.all();
    AirflowRedactor redactor = new AirflowRedactor();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Map<String, long[]> best = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      for (Map.Entry<String, String> e : in.entrySet()) {
        long c0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        redactor.redactTextOnce(e.getValue());
        long cpu = mx.getCurrentThreadCpuTime() - c0;
        long wall = System.nanoTime() - t0;
        long[] b =
            best.computeIfAbsent(e.getKey(), k -> new long[] {Long.MAX_VALUE, Long.MAX_VALUE});
        b[0] = Math.min(b[0], cpu);
        b[1] = Math.min(b[1], wall);
      }
    }
    System.out.printf("%-38s %10s %10s %10s%n", "input", "chars", "CPU ms", "wall ms");
    best.forEach(
        (k, v) ->
            System.out.printf(
                "%-38s %10d %10.1f %10.1f%n", k, in.get(k).length(), v[0] / 1e6, v[1] / 1e6));
  }
}
