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
 * @param docs the docs rendered from templates ({@code tool-reference.md}, {@code
 *     client-configuration.md}, {@code migration-table.md}); empty when there are errors
 */
public record GenerationResult(
    List<GeneratedFile> files,
    List<Diagnostic> diagnostics,
    String coverage,
    List<GeneratedFile> docs) {
  public GenerationResult {
    files = List.copyOf(files);
    diagnostics = List.copyOf(diagnostics);
    docs = List.copyOf(docs);
  }

  /** A result without reports (when there are errors). */
  public GenerationResult(List<GeneratedFile> files, List<Diagnostic> diagnostics) {
    this(files, diagnostics, null, List.of());
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
