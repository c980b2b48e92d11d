package dev.airflowmcp.toolspec.diag;

/** How bad a diagnostic is. Only errors fail a build. */
public enum Severity {
  ERROR("error"),
  WARNING("warning");

  private final String label;

  Severity(String label) {
    this.label = label;
  }

  /** The word printed in {@code path:line:col: <label> [CODE]: message}. */
  public String label() {
    return label;
  }
}
