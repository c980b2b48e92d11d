package dev.airflowmcp.runtime.redaction;

/**
 * Told the rule family of each mask the redactor writes, in the order the masks appear in the
 * output of a text (for {@code redact --explain}) or of a JSON result (for the metrics). Never
 * given the masked text. Implementations must be fast and must not throw.
 */
@FunctionalInterface
public interface MaskListener {

  /** Family of masks written by Airflow's sensitive-key rule on structured data. */
  String SENSITIVE_KEY = "sensitive-key";

  /** Family of masks for registered values (configured, the server's own, learned). */
  String REGISTERED = "registered";

  /** Family of masks for a value under a name that denotes a secret, in structured data. */
  String SECRET_NAME = "secret-name";

  /**
   * @param family a fixed rule family name, never text from the input
   */
  void masked(String family);

  MaskListener NONE = family -> {};
}
