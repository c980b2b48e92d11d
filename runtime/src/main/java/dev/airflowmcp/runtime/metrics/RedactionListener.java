package dev.airflowmcp.runtime.metrics;

/**
 * Told how many values a redaction masked, by rule family, for the {@code
 * airflow_mcp_redactions_total} metric. Counts only: never the text or the secret. A redactor that
 * knows which rule fired (the sensitive-key rule, a registered value, a detector family) reports
 * through it; the pipeline-level count ({@link CountingRedactor}) reports under {@value
 * #UNATTRIBUTED}. Implementations must be fast and must not throw.
 */
@FunctionalInterface
public interface RedactionListener {

  /** The family of masks counted from the outside, without knowing which rule made them. */
  String UNATTRIBUTED = "unattributed";

  /**
   * @param family the rule family (a fixed name from the redactor's rules, never text)
   * @param count how many values it masked
   */
  void masked(String family, int count);

  /** Ignores every count. */
  RedactionListener NONE = (family, count) -> {};
}
