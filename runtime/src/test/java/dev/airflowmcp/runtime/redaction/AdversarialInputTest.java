package dev.airflowmcp.runtime.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * No input makes the redactor slow: each of these finishes with generous bounds (the figures, well
 * under 100 ms of CPU each, are measured by {@code RedactionAdversarial} in benchmarks/, not here,
 * on the same {@link AdversarialInputs}). Bounds are wall-clock and loose because build machines
 * are shared.
 */
class AdversarialInputTest {
  /** Generous: a loaded shared machine, a cold JIT. */
  static final Duration BOUND = Duration.ofSeconds(10);

  @Test
  void everyAdversarialInputFinishesQuickly() {
    AirflowRedactor redactor = new AirflowRedactor();
    for (Map.Entry<String, String> e : AdversarialInputs.all().entrySet()) {
      long start = System.nanoTime();
      String out = redactor.redactTextOnce(e.getValue());
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(out).as(e.getKey()).isNotNull();
      assertThat(took).as(e.getKey()).isLessThan(BOUND);
    }
  }

  @Test
  void nestedEncodingsStillGetMasked() {
    String b = "password=" + "Xy9!k".repeat(4);
    b = Base64.getEncoder().encodeToString(b.getBytes(StandardCharsets.UTF_8));
    b = Base64.getEncoder().encodeToString(b.getBytes(StandardCharsets.UTF_8));
    assertThat(new AirflowRedactor().redactTextOnce("value " + b + " end"))
        .isEqualTo("value *** end");
  }
}
