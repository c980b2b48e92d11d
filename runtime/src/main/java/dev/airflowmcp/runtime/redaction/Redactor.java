package dev.airflowmcp.runtime.redaction;

import tools.jackson.databind.JsonNode;

/**
 * Masks secrets in everything the server returns to a model. Implementations are thread-safe and
 * never throw on odd input.
 */
public interface Redactor {

  /** The mask that replaces a secret, as Airflow writes it. */
  String MASK = "***";

  /**
   * Redacts a JSON result in place or returns a redacted copy.
   *
   * @param node the shaped result
   * @param sensitiveFields extra field names to mask for this tool
   */
  JsonNode redact(JsonNode node, java.util.List<String> sensitiveFields);

  /** Redacts free text (error messages, logs). */
  String redactText(String text);
}
