package dev.airflowmcp.toolspec;

import java.util.List;

/**
 * Redaction hints for one tool. Everything a tool returns is redacted anyway; these hints add to
 * the runtime's rules.
 *
 * @param sensitiveFields further field names whose values are always masked
 * @param freeTextFields fields holding free text from Airflow (logs, docs, tracebacks) that the
 *     runtime scans for secrets and sanitises as untrusted text
 */
public record RedactionDef(List<String> sensitiveFields, List<String> freeTextFields) {

  public static final RedactionDef NONE = new RedactionDef(List.of(), List.of());

  public RedactionDef {
    sensitiveFields = List.copyOf(sensitiveFields);
    freeTextFields = List.copyOf(freeTextFields);
  }
}
