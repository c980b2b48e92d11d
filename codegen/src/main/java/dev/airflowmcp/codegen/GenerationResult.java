package dev.airflowmcp.codegen;

import dev.airflowmcp.toolspec.diag.Diagnostic;
import dev.airflowmcp.toolspec.diag.Severity;
import java.util.List;

/**
 * What a run produced: the files (empty when there are errors) and every diagnostic, sorted by
 * location.
 *
 * @param files the generated files
 * @param diagnostics every problem, sorted by location
 * @param coverage the operation coverage of every spec as Markdown ({@code
 *     airflow-mcp-coverage.md}), or {@code null} when there are errors
 */
public record GenerationResult(
    List<GeneratedFile> files, List<Diagnostic> diagnostics, String coverage) {
  public GenerationResult {
    files = List.copyOf(files);
    diagnostics = List.copyOf(diagnostics);
  }

  /** A result without a coverage report (when there are errors). */
  public GenerationResult(List<GeneratedFile> files, List<Diagnostic> diagnostics) {
    this(files, diagnostics, null);
  }

  /** The tools manifest ({@code tools/list} content), or {@code null} when there are errors. */
  public String manifest() {
    for (GeneratedFile f : files) {
      if (f.path().equals("resources/" + AirflowMcpGenerator.MANIFEST_RESOURCE)) {
        return new String(f.content(), java.nio.charset.StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR);
  }
}
