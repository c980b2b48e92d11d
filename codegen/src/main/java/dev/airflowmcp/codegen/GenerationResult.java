package dev.airflowmcp.codegen;

import dev.airflowmcp.toolspec.diag.Diagnostic;
import dev.airflowmcp.toolspec.diag.Severity;
import java.util.List;

/**
 * What a run produced: the files (empty when there are errors) and every diagnostic, sorted by
 * location.
 */
public record GenerationResult(List<GeneratedFile> files, List<Diagnostic> diagnostics) {
  public GenerationResult {
    files = List.copyOf(files);
    diagnostics = List.copyOf(diagnostics);
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR);
  }
}
