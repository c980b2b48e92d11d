package dev.airflowmcp.toolspec.load;

import dev.airflowmcp.toolspec.ToolSpec;
import dev.airflowmcp.toolspec.diag.Diagnostic;
import dev.airflowmcp.toolspec.diag.Severity;
import java.util.List;

/**
 * The outcome of loading a tool spec: the spec when the file is valid, and every diagnostic found,
 * sorted by location.
 *
 * @param spec the loaded spec, or {@code null} when any diagnostic is an error
 * @param diagnostics every problem found, sorted by file, line and column
 */
public record LoadResult(ToolSpec spec, List<Diagnostic> diagnostics) {

  public LoadResult {
    diagnostics = List.copyOf(diagnostics);
    boolean errors = diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR);
    if (errors && spec != null) {
      throw new IllegalArgumentException("a spec with errors must not be returned");
    }
    if (!errors && spec == null) {
      throw new IllegalArgumentException("a spec without errors must be returned");
    }
  }

  /** Whether there is no error diagnostic (and so {@link #spec()} is not {@code null}). */
  public boolean ok() {
    return spec != null;
  }
}
