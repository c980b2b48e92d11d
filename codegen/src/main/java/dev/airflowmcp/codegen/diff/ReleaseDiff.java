package dev.airflowmcp.codegen.diff;

import dev.airflowmcp.codegen.openapi.AirflowSpec;
import dev.airflowmcp.codegen.openapi.SpecLoader;
import dev.airflowmcp.common.AirflowMajor;
import dev.airflowmcp.toolspec.SourceLocation;
import dev.airflowmcp.toolspec.ToolSpec;
import dev.airflowmcp.toolspec.diag.Diagnostic;
import dev.airflowmcp.toolspec.diag.Diagnostics;
import dev.airflowmcp.toolspec.diag.Severity;
import dev.airflowmcp.toolspec.load.LoadResult;
import dev.airflowmcp.toolspec.load.ToolSpecLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code diff} entry point shared by the Maven goal and the CLI: loads the specs and the tool
 * spec, and compares each spec with the previous one of the same Airflow major version (in the
 * order given, oldest first).
 */
public final class ReleaseDiff {

  /**
   * What to compare.
   *
   * @param specs Airflow REST spec files, oldest first; each is compared with the previous spec of
   *     its major version
   * @param toolSpec the tool-spec YAML, or {@code null} for the curated tools
   * @param toolSpecName how diagnostics name the tool spec
   * @param includeWrites with the curated tools: include the curated write tools
   */
  public record Request(
      List<Path> specs, Path toolSpec, String toolSpecName, boolean includeWrites) {
    public Request {
      specs = List.copyOf(specs);
      if (toolSpec != null) {
        Objects.requireNonNull(toolSpecName, "toolSpecName");
      }
    }
  }

  /**
   * The outcome.
   *
   * @param reports one report per compared pair, in the order of the specs
   * @param diagnostics problems with the inputs; reports are empty when any is an error
   */
  public record Result(List<SpecDiffReport> reports, List<Diagnostic> diagnostics) {
    public Result {
      reports = List.copyOf(reports);
      diagnostics = List.copyOf(diagnostics);
    }

    /** Whether any diagnostic is an error. */
    public boolean hasErrors() {
      return diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR);
    }

    /** Every report as one Markdown document. */
    public String markdown() {
      return DiffRenderer.markdown(reports);
    }

    /** Every report as one JSON document. */
    public String json() {
      return DiffRenderer.json(reports);
    }
  }

  private ReleaseDiff() {}

  /**
   * Runs the diff.
   *
   * @throws IOException when an input exists but cannot be read
   */
  public static Result run(Request request) throws IOException {
    Diagnostics diagnostics = new Diagnostics();
    LoadResult loaded =
        request.toolSpec() != null
            ? ToolSpecLoader.load(request.toolSpec(), request.toolSpecName())
            : request.includeWrites()
                ? ToolSpecLoader.loadCuratedWrites()
                : ToolSpecLoader.loadCurated();
    diagnostics.addAll(loaded.diagnostics());
    List<AirflowSpec> specs = new ArrayList<>();
    for (Path file : request.specs()) {
      AirflowSpec spec = SpecLoader.load(file, diagnostics);
      if (spec != null) {
        specs.add(spec);
      }
    }
    List<SpecDiffReport> reports = new ArrayList<>();
    if (!diagnostics.hasErrors()) {
      ToolSpec tools = loaded.spec();
      for (AirflowMajor major : AirflowMajor.values()) {
        AirflowSpec previous = null;
        for (AirflowSpec spec : specs) {
          if (spec.major() != major) {
            continue;
          }
          if (previous != null) {
            reports.add(SpecDiff.compare(previous, spec, tools));
          }
          previous = spec;
        }
      }
      if (reports.isEmpty()) {
        diagnostics.error(
            SourceLocation.ofFile("<configuration>"),
            "NOTHING_TO_COMPARE",
            "the diff needs two specs of the same Airflow major version, oldest first; got "
                + specs.size()
                + (specs.size() == 1 ? " spec" : " specs")
                + " ("
                + String.join(", ", specs.stream().map(AirflowSpec::label).toList())
                + ")",
            "list e.g. airflow-3.0.2-v2.yaml then airflow-3.2.0-v2.yaml");
      }
    }
    if (diagnostics.hasErrors()) {
      return new Result(List.of(), diagnostics.sorted());
    }
    return new Result(reports, diagnostics.sorted());
  }
}
