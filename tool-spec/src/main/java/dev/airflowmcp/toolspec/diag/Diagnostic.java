package dev.airflowmcp.toolspec.diag;

import dev.airflowmcp.toolspec.SourceLocation;
import java.util.Objects;

/**
 * One problem found in the inputs, printed as {@code path:line:col: error [CODE]: message}, and,
 * when there is one, a hint on the next line.
 *
 * @param severity error or warning
 * @param location where the problem is
 * @param code a stable identifier, for example {@code UNKNOWN_OPERATION}
 * @param message what is wrong, naming the offending value
 * @param hint how to fix it (for example "did you mean 'get_dags'?"), or {@code null}
 */
public record Diagnostic(
    Severity severity, SourceLocation location, String code, String message, String hint) {

  public Diagnostic {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  /** The one-line form IDEs and CI recognise. */
  public String format() {
    return location + ": " + severity.label() + " [" + code + "]: " + message;
  }

  /** The one-line form followed by the hint, if any, on an indented second line. */
  public String formatWithHint() {
    return hint == null ? format() : format() + System.lineSeparator() + "    hint: " + hint;
  }

  @Override
  public String toString() {
    return format();
  }
}
