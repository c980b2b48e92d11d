package dev.airflowmcp.toolspec;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Redaction hints for one tool. Everything a tool returns is redacted anyway; these hints add to
 * the runtime's rules.
 *
 * @param sensitiveFields further field names whose values are always masked
 * @param freeTextFields fields holding free text from Airflow (logs, docs, tracebacks); every
 *     string is redacted and stripped of hidden characters, and these fields are named in the
 *     result's {@code _meta} as untrusted text and bounded by the tool's size budget rather than
 *     the per-field cap
 */
public record RedactionDef(List<String> sensitiveFields, List<String> freeTextFields) {

  public static final RedactionDef NONE = new RedactionDef(List.of(), List.of());

  public RedactionDef {
    sensitiveFields = List.copyOf(sensitiveFields);
    freeTextFields = List.copyOf(freeTextFields);
  }

  /** These hints and {@code other}'s, each field once, these first. */
  public RedactionDef with(RedactionDef other) {
    Set<String> sensitive = new LinkedHashSet<>(sensitiveFields);
    sensitive.addAll(other.sensitiveFields());
    Set<String> freeText = new LinkedHashSet<>(freeTextFields);
    freeText.addAll(other.freeTextFields());
    return new RedactionDef(List.copyOf(sensitive), List.copyOf(freeText));
  }
}
