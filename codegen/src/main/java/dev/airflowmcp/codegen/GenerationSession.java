package dev.airflowmcp.codegen;

import dev.airflowmcp.codegen.coverage.ToolsListBudget;
import dev.airflowmcp.toolspec.SourceLocation;
import dev.airflowmcp.toolspec.diag.Diagnostic;
import dev.airflowmcp.toolspec.diag.Diagnostics;
import dev.airflowmcp.toolspec.diag.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The one front door of the generator. The Maven plugin, the CLI and the OpenAPI Generator adapter
 * translate their options into a {@link Request} and report the {@link Outcome}; the whole workflow
 * is here, in this order:
 *
 * <ol>
 *   <li>layout: the tool spec exists, the output and docs are directories (or absent) and do not
 *       overlap each other or the templates;
 *   <li>skip when a stamp of the inputs' fingerprint says nothing changed;
 *   <li>generate (every input problem is a diagnostic);
 *   <li>the coverage report;
 *   <li>check mode: compare the committed files, write nothing; write mode: refuse a directory
 *       holding files the generator did not write ({@value #OUTPUT_NOT_GENERATED}) before writing
 *       anything, then write the sources, resources and docs ({@link OutputDirectory}) and the
 *       stamp;
 *   <li>the {@code tools/list} token budget.
 * </ol>
 *
 * Every problem is a {@link Diagnostic} with a location, a stable code and, where it helps, a hint;
 * nothing is thrown for bad input.
 */
public final class GenerationSession {
  /** The tool-spec file does not exist. */
  public static final String TOOL_SPEC_NOT_FOUND = "TOOL_SPEC_NOT_FOUND";

  /** The output or docs directory is a file. */
  public static final String NOT_A_DIRECTORY = "NOT_A_DIRECTORY";

  /** A directory the generator writes holds files it did not write. */
  public static final String OUTPUT_NOT_GENERATED = "OUTPUT_NOT_GENERATED";

  /** Check mode: the committed files differ from what the inputs generate. */
  public static final String COMMITTED_OUT_OF_DATE = "COMMITTED_OUT_OF_DATE";

  /** The generated {@code tools/list} is over the token budget. */
  public static final String TOOLS_LIST_OVER_BUDGET = "TOOLS_LIST_OVER_BUDGET";

  /** Write the files, or only compare them with what is there (committed generated sources). */
  public enum Mode {
    WRITE,
    CHECK
  }

  /**
   * One run, as a front end asks for it.
   *
   * @param generation what to generate from
   * @param output where sources and resources go, and how the front end names it
   * @param docs where the docs rendered from templates go, or {@code null} for none
   * @param templates the vendor template directory as the user named it, or {@code null}
   * @param mode write, or check committed files
   * @param maxToolsListTokens the {@code tools/list} budget in estimated tokens
   * @param stamp where the inputs' fingerprint is kept between runs (write mode skips generating
   *     when it matches), or {@code null} to always generate
   * @param coverage where the operation coverage report goes, or {@code null}
   * @param target maps a generated path ({@code java/…}, {@code resources/…}) to its path in the
   *     output directory
   * @param ignored paths in the output directory that belong to the tool driving the generator (see
   *     {@link OutputDirectory#OutputDirectory(Path, List)})
   */
  public record Request(
      GenerationRequest generation,
      OutputLayout.Place output,
      OutputLayout.Place docs,
      OutputLayout.Place templates,
      Mode mode,
      int maxToolsListTokens,
      Path stamp,
      Path coverage,
      UnaryOperator<String> target,
      List<String> ignored) {
    public Request {
      Objects.requireNonNull(generation, "generation");
      Objects.requireNonNull(output, "output");
      Objects.requireNonNull(mode, "mode");
      Objects.requireNonNull(target, "target");
      ignored = List.copyOf(ignored);
    }

    /** Sources under {@code java/} and resources under {@code resources/} of the output. */
    public Request(
        GenerationRequest generation,
        OutputLayout.Place output,
        OutputLayout.Place docs,
        OutputLayout.Place templates,
        Mode mode,
        int maxToolsListTokens,
        Path stamp,
        Path coverage) {
      this(
          generation,
          output,
          docs,
          templates,
          mode,
          maxToolsListTokens,
          stamp,
          coverage,
          UnaryOperator.identity(),
          List.of());
    }
  }

  /**
   * What a run did.
   *
   * @param diagnostics every warning and error, errors first in location order
   * @param skipped the inputs were unchanged since the stamp was written: nothing was generated
   * @param files how many source and resource files the inputs generate (0 when skipped)
   * @param changed how many files were written or deleted in the output
   * @param docs how many docs were rendered
   * @param docsChanged how many docs were written or deleted
   * @param toolsListTokens the estimated size of {@code tools/list}, or {@code null} when unknown
   * @param coverage where the coverage report was written, or {@code null}
   */
  public record Outcome(
      List<Diagnostic> diagnostics,
      boolean skipped,
      int files,
      int changed,
      int docs,
      int docsChanged,
      Integer toolsListTokens,
      Path coverage) {
    public Outcome {
      diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
      return diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR);
    }

    /** The errors only. */
    public List<Diagnostic> errors() {
      return diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).toList();
    }

    static Outcome failed(List<Diagnostic> diagnostics) {
      return new Outcome(diagnostics, false, 0, 0, 0, 0, null, null);
    }
  }

  private final AirflowMcpGenerator generator;

  public GenerationSession() {
    this(new AirflowMcpGenerator());
  }

  GenerationSession(AirflowMcpGenerator generator) {
    this.generator = generator;
  }

  /**
   * Runs the workflow.
   *
   * @throws IOException when a directory or file cannot be read or written
   */
  public Outcome run(Request request) throws IOException {
    List<Diagnostic> layout = layout(request);
    if (!layout.isEmpty()) {
      return Outcome.failed(sorted(layout));
    }
    Path out = request.output().path();
    Path docsDir = request.docs() == null ? null : request.docs().path();
    InputFingerprint fingerprint = null;
    if (request.stamp() != null && request.mode() == Mode.WRITE) {
      fingerprint =
          InputFingerprint.of(
              request.generation(),
              out,
              docsDir,
              "maxToolsListTokens=" + request.maxToolsListTokens() + ";target=" + target(request));
      if (fingerprint.matchesStamp(request.stamp(), manifestPath(request))) {
        // Nothing changed; the budget was checked when the stamp was written.
        return new Outcome(List.of(), true, 0, 0, 0, 0, null, null);
      }
    }

    GenerationResult result = generator.generate(request.generation());
    List<Diagnostic> diagnostics = new ArrayList<>(result.diagnostics());
    if (result.hasErrors()) {
      return Outcome.failed(sorted(diagnostics));
    }
    Path coverage = null;
    if (request.coverage() != null && result.coverage() != null) {
      coverage = request.coverage();
      Files.createDirectories(coverage.toAbsolutePath().getParent());
      Files.writeString(coverage, result.coverage(), StandardCharsets.UTF_8);
    }
    List<GeneratedFile> files = mapped(result.files(), request.target());
    OutputDirectory output = new OutputDirectory(out, request.ignored());
    OutputDirectory docs = docsDir == null ? null : new OutputDirectory(docsDir);
    int changed = 0;
    int docsChanged = 0;
    if (request.mode() == Mode.CHECK) {
      diagnostics.addAll(outOfDate(request.output(), "sources", output.differences(files)));
      if (docs != null) {
        diagnostics.addAll(outOfDate(request.docs(), "docs", docs.differences(result.docs())));
      }
    } else {
      List<Diagnostic> foreign = new ArrayList<>();
      foreign.addAll(foreign(request.output(), output.foreign(files)));
      if (docs != null) {
        foreign.addAll(foreign(request.docs(), docs.foreign(result.docs())));
      }
      if (!foreign.isEmpty()) {
        diagnostics.addAll(foreign);
        return Outcome.failed(sorted(diagnostics));
      }
      changed = output.write(files);
      if (docs != null) {
        docsChanged = docs.write(result.docs());
      }
    }
    String manifest = result.manifest();
    Integer tokens = null;
    if (manifest != null) {
      tokens = ToolsListBudget.tokens(manifest);
      String problem = ToolsListBudget.check(manifest, request.maxToolsListTokens());
      if (problem != null) {
        diagnostics.add(
            new Diagnostic(
                Severity.ERROR, toolSpecLocation(request), TOOLS_LIST_OVER_BUDGET, problem, null));
      }
    }
    Outcome outcome =
        new Outcome(
            sorted(diagnostics),
            false,
            result.files().size(),
            changed,
            result.docs().size(),
            docsChanged,
            tokens,
            coverage);
    if (fingerprint != null && !outcome.hasErrors()) {
      fingerprint.writeStamp(request.stamp());
    }
    return outcome;
  }

  /** Where the stamp of one output directory lives under a build directory. */
  public static Path stampFile(Path buildDirectory, Path output) {
    return InputFingerprint.stampFile(buildDirectory, output);
  }

  private static String target(Request request) {
    return request.target().apply("java/") + "," + request.target().apply("resources/");
  }

  private static Path manifestPath(Request request) {
    return request
        .output()
        .path()
        .resolve(request.target().apply("resources/" + AirflowMcpGenerator.MANIFEST_RESOURCE));
  }

  private static List<Diagnostic> layout(Request request) {
    List<Diagnostic> problems = new ArrayList<>();
    GenerationRequest g = request.generation();
    if (g.toolSpec() != null && !Files.isRegularFile(g.toolSpec())) {
      problems.add(
          new Diagnostic(
              Severity.ERROR,
              SourceLocation.ofFile(g.toolSpecName()),
              TOOL_SPEC_NOT_FOUND,
              "tool spec not found: " + g.toolSpecName(),
              "check the path, or leave the tool spec out to use the curated one"));
    }
    for (OutputLayout.Place place : new OutputLayout.Place[] {request.output(), request.docs()}) {
      if (place != null && Files.exists(place.path()) && !Files.isDirectory(place.path())) {
        problems.add(
            new Diagnostic(
                Severity.ERROR,
                SourceLocation.ofFile(place.name()),
                NOT_A_DIRECTORY,
                place.option() + " " + place.name() + " is a file, not a directory",
                null));
      }
    }
    problems.addAll(OutputLayout.check(request.output(), request.docs(), request.templates()));
    return problems;
  }

  private static List<Diagnostic> foreign(OutputLayout.Place place, List<String> foreign) {
    if (foreign.isEmpty()) {
      return List.of();
    }
    List<String> shown = foreign.subList(0, Math.min(5, foreign.size()));
    return List.of(
        new Diagnostic(
            Severity.ERROR,
            SourceLocation.ofFile(place.name()),
            OUTPUT_NOT_GENERATED,
            place.option()
                + " "
                + place.name()
                + " holds files this generator did not write ("
                + String.join(", ", shown)
                + (foreign.size() > shown.size() ? ", …" : "")
                + "); generating would overwrite or delete them, so nothing was written",
            "choose an empty or new directory, or move those files; the generator lists its own"
                + " files in "
                + OutputDirectory.RECORD));
  }

  private static List<Diagnostic> outOfDate(
      OutputLayout.Place place, String what, List<String> differences) {
    if (differences.isEmpty()) {
      return List.of();
    }
    return List.of(
        new Diagnostic(
            Severity.ERROR,
            SourceLocation.ofFile(place.name()),
            COMMITTED_OUT_OF_DATE,
            "the committed generated "
                + what
                + " in "
                + place.name()
                + " are out of date:\n  "
                + String.join("\n  ", differences),
            "regenerate them (Maven: -Dairflow-mcp.overwrite=true) and commit the result"));
  }

  private static SourceLocation toolSpecLocation(Request request) {
    GenerationRequest g = request.generation();
    return SourceLocation.ofFile(
        g.toolSpec() == null
            ? dev.airflowmcp.toolspec.load.ToolSpecLoader.CURATED_NAME
            : g.toolSpecName());
  }

  private static List<GeneratedFile> mapped(List<GeneratedFile> files, UnaryOperator<String> to) {
    List<GeneratedFile> out = new ArrayList<>();
    for (GeneratedFile f : files) {
      out.add(new GeneratedFile(to.apply(f.path()), f.content()));
    }
    return out;
  }

  private static List<Diagnostic> sorted(List<Diagnostic> diagnostics) {
    Diagnostics all = new Diagnostics();
    all.addAll(diagnostics);
    return all.sorted();
  }
}
