package dev.airflowmcp.openapigen;

import dev.airflowmcp.toolspec.diag.Diagnostic;
import java.util.List;

/**
 * The inputs have errors: the message lists each as {@code path:line:col: error [CODE]: message},
 * with its hint, exactly as our Maven plugin and CLI print them.
 */
public final class AirflowMcpGenerationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<Diagnostic> errors;

  AirflowMcpGenerationException(List<Diagnostic> errors) {
    super(message(errors));
    this.errors = List.copyOf(errors);
  }

  /** The errors, in location order. */
  public List<Diagnostic> errors() {
    return errors;
  }

  private static String message(List<Diagnostic> errors) {
    StringBuilder text =
        new StringBuilder()
            .append(errors.size())
            .append(errors.size() == 1 ? " error" : " errors")
            .append(" in the airflow-mcp inputs:");
    for (Diagnostic d : errors) {
      text.append(System.lineSeparator()).append(d.formatWithHint());
    }
    return text.toString();
  }
}
