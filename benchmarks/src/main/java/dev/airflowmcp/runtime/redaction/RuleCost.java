package dev.airflowmcp.runtime.redaction;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where the redactor's time goes on one input: each stage of {@code AirflowRedactor.collect} and
 * each rule of {@link Detectors#DEFAULT} (with {@link FormatRules}) timed on its own, as CPU time
 * of the measuring thread, best of {@code rounds} after a warm-up. A rule is timed as a {@link
 * Detectors} holding that rule alone, so its figure includes the keyword scan for its own keywords
 * and every call its keywords trigger. Lives in the benchmarks module but in the redaction package
 * (a split package on the class path), since the stages and rules are package-private; it changes
 * nothing in the redactor.
 *
 * <p>Used by {@code RedactionAdversarial --per-rule [name-part ...]}.
 */
public final class RuleCost {
  private RuleCost() {}

  /** One measured piece: its label and best CPU nanoseconds. */
  public record Cost(String label, long cpuNanos) {}

  /** The stages and then the rules, each with its best CPU time on {@code text}. */
  public static List<Cost> measure(String text, int rounds) {
    Map<String, Consumer<String>> pieces = new LinkedHashMap<>();
    pieces.put("stage SecretPrefilter.mayHoldSecret", t -> SecretPrefilter.mayHoldSecret(t));
    pieces.put("stage JsonText.looksLikeJson", t -> JsonText.looksLikeJson(t));
    pieces.put(
        "stage Tokens.Scan",
        t -> new Tokens.Scan(t, (s, e, f) -> {}, (d, depth) -> null, 0, null).run());
    pieces.put("stage KubernetesSecrets.find", t -> KubernetesSecrets.find(t, new Spans()));
    pieces.put("stage Tables.find", t -> Tables.find(t, new Spans()));
    pieces.put(
        "stage Detectors.DEFAULT.detect (all rules)",
        t -> Detectors.DEFAULT.detect(t, new Spans(), new ArrayList<>()));
    pieces.put("stage Tables.findDelimited", t -> Tables.findDelimited(t, new Spans()));
    pieces.put("stage Tables.findPairs", t -> Tables.findPairs(t, new Spans()));
    pieces.put(
        "stage AirflowRedactor.redactTextOnce (whole)",
        t -> new AirflowRedactor().redactTextOnce(t));
    // The floor of every rule's figure: the keyword scan over the text with one keyword that
    // never occurs (a rule's own figure minus this is what its keywords and pattern add).
    Detectors floor =
        new Detectors(
            List.of(
                new Detectors.Anchored(
                    "none", List.of("\u0001\u0002"), java.util.regex.Pattern.compile("x"))));
    pieces.put(
        "stage keyword scan floor (one rule)",
        t -> floor.detect(t, new Spans(), new ArrayList<>()));
    List<Detectors.Rule> rules = new ArrayList<>(Detectors.RULES);
    rules.addAll(FormatRules.RULES);
    for (int i = 0; i < rules.size(); i++) {
      Detectors one = new Detectors(List.of(rules.get(i)));
      pieces.put(
          "rule #" + i + " " + rules.get(i).family(),
          t -> one.detect(t, new Spans(), new ArrayList<>()));
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Map<String, Long> best = new LinkedHashMap<>();
    for (int round = 0; round <= rounds; round++) { // round 0 warms up
      for (Map.Entry<String, Consumer<String>> p : pieces.entrySet()) {
        long c0 = mx.getCurrentThreadCpuTime();
        p.getValue().accept(text);
        long cpu = mx.getCurrentThreadCpuTime() - c0;
        if (round > 0) {
          best.merge(p.getKey(), cpu, Math::min);
        }
      }
    }
    List<Cost> out = new ArrayList<>();
    best.forEach((k, v) -> out.add(new Cost(k, v)));
    return out;
  }
}
