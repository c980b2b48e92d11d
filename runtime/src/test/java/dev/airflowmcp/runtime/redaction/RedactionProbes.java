package dev.airflowmcp.runtime.redaction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two assertions the redaction mechanism tests are written in: a probe whose secrets must be
 * masked, and a harmless neighbour that must come back unchanged. One redactor serves them all:
 * {@link AirflowRedactor#redactTextOnce} remembers nothing, so tests cannot affect each other.
 */
final class RedactionProbes {
  private static final AirflowRedactor REDACTOR = new AirflowRedactor();

  private RedactionProbes() {}

  /** The text as the model would see it. */
  static String redact(String text) {
    return REDACTOR.redactTextOnce(text);
  }

  /** Each of {@code secrets} is gone from the redacted text, and something was masked. */
  static void masks(String text, String... secrets) {
    String out = redact(text);
    for (String secret : secrets) {
      assertThat(out).as(text).doesNotContain(secret);
    }
    assertThat(out).as(text).contains(Redactor.MASK);
  }

  /** The text comes back exactly as it went in. */
  static void keeps(String text) {
    assertThat(redact(text)).as(text).isEqualTo(text);
  }
}
