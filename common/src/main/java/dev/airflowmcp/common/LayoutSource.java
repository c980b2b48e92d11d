package dev.airflowmcp.common;

import java.util.Locale;

/** Where one key of a {@code layout} comes from. The YAML spelling is the lower-case name. */
public enum LayoutSource {
  /** The shaped items of the list. */
  ITEMS,
  /** How many items the result holds. */
  COUNT,
  /** Airflow's {@code total_entries}, or the item count when Airflow gives none. */
  TOTAL,
  /** The tool argument of the same name, as the caller passed it. */
  ARGUMENT,
  /** The top-level field of the same name in Airflow's answer. */
  FIELD,
  /** In a composite tool: the section of the step of the same name. */
  STEP,
  /** In a composite tool: the key of the same name computed by the tool's summary. */
  SUMMARY,
  /**
   * In a tool with {@code before} reads: the section of the read of the same name, made before the
   * tool's own call; the key is left out when that read failed.
   */
  BEFORE,
  /** The response's {@code message}, its placeholders filled from the arguments. */
  MESSAGE;

  /** The YAML spelling. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
