package dev.airflowmcp.benchmarks;

import dev.airflowmcp.runtime.redaction.AdversarialInputs;
import dev.airflowmcp.runtime.redaction.AirflowRedactor;
import dev.airflowmcp.runtime.redaction.HostileSearch;
import dev.airflowmcp.runtime.redaction.RuleCost;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How long the redactor takes on adversarial inputs of about 1 MB each (the same ones {@code
 * AdversarialInputTest} bounds loosely, from runtime's test jar: {@link AdversarialInputs}): the
 * best of {@code --rounds} runs after a warm-up, as CPU time of the redacting thread and as wall
 * time.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.airflowmcp.benchmarks.RedactionAdversarial
 * java -cp benchmarks/target/benchmarks.jar dev.airflowmcp.benchmarks.RedactionAdversarial \
 *     --per-rule "snmp -A" "here-strings"
 * </pre>
 *
 * <p>{@code --per-rule} takes parts of input names (none: every input) and prints, per matching
 * input, each stage of the redactor and each detector rule timed on its own ({@link RuleCost}): the
 * stages, then the rules that took {@code --min-ms} (default 1) or more, slowest first.
 *
 * <p>{@code --search [--screen CHARS] [--top N]} runs {@link HostileSearch} instead: every rule's
 * keywords and the engine's listed words repeated, with and without a trigger at the end, and
 * classic shapes, screened at {@code CHARS} (64 K) and the slowest confirmed at 1 MB; prints the
 * worst {@code N} (15), CPU ms of the redacting thread at 1 MB.
 */
public final class RedactionAdversarial {
  private RedactionAdversarial() {}

  public static void main(String[] args) {
    int rounds = 6;
    double minMs = 1;
    boolean perRule = false;
    boolean search = false;
    int screen = 64 * 1024;
    int top = 15;
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--min-ms" -> minMs = Double.parseDouble(args[++i]);
        case "--per-rule" -> perRule = true;
        case "--search" -> search = true;
        case "--screen" -> screen = Integer.parseInt(args[++i]);
        case "--top" -> top = Integer.parseInt(args[++i]);
        default -> parts.add(args[i]);
      }
    }
    if (search) {
      List<HostileSearch.Found> found = HostileSearch.search(screen, Math.max(top, 40), true);
      System.out.printf("%-64s %10s%n", "shape (1 MB)", "CPU ms");
      for (HostileSearch.Found f : found.subList(0, Math.min(top, found.size()))) {
        System.out.printf("%-64s %10.1f%n", f.shape().name(), f.msPerMb());
      }
      return;
    }
    Map<String, String> in = AdversarialInputs.all();
    if (perRule) {
      perRule(in, parts, rounds, minMs);
      return;
    }
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

  private static void perRule(
      Map<String, String> in, List<String> parts, int rounds, double minMs) {
    for (Map.Entry<String, String> e : in.entrySet()) {
      if (!parts.isEmpty() && parts.stream().noneMatch(p -> e.getKey().contains(p))) {
        continue;
      }
      System.out.printf(
          "== %s (%d chars), CPU ms, best of %d%n", e.getKey(), e.getValue().length(), rounds);
      List<RuleCost.Cost> costs = RuleCost.measure(e.getValue(), rounds);
      List<RuleCost.Cost> rules = new ArrayList<>();
      long floor = 0;
      for (RuleCost.Cost c : costs) {
        if (c.label().startsWith("stage ")) {
          System.out.printf("  %8.1f  %s%n", c.cpuNanos() / 1e6, c.label());
          if (c.label().contains("floor")) {
            floor = c.cpuNanos();
          }
        } else if (c.cpuNanos() - floor >= minMs * 1e6) {
          rules.add(c);
        }
      }
      rules.sort(Comparator.comparingLong(RuleCost.Cost::cpuNanos).reversed());
      for (RuleCost.Cost c : rules) {
        System.out.printf("  %8.1f  %s%n", c.cpuNanos() / 1e6, c.label());
      }
    }
  }
}
