package dev.airflowmcp.cli;

import dev.airflowmcp.codegen.GenerationRequest;
import dev.airflowmcp.codegen.GenerationSession;
import dev.airflowmcp.codegen.OutputLayout;
import dev.airflowmcp.codegen.diff.ReleaseDiff;
import dev.airflowmcp.codegen.diff.SpecDiffReport;
import dev.airflowmcp.codegen.diff.ToolSurfaceDiff;
import dev.airflowmcp.toolspec.SourceLocation;
import dev.airflowmcp.toolspec.diag.Diagnostic;
import dev.airflowmcp.toolspec.diag.Severity;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The codegen on the command line, for Gradle, Bazel and shell builds: {@code java -jar
 * airflow-mcp-codegen-cli.jar generate --spec FILE --out DIR ...}. It turns its flags into one
 * generation request, exactly as our Maven plugin does, and writes the same files.
 *
 * <p>Exit status: {@value #OK} done; {@value #INVALID_INPUT} invalid input or usage, with every
 * problem on stderr as {@code path:line:col: error [CODE]: message}; {@value #INTERNAL_ERROR}
 * internal error (including output that cannot be written).
 */
public final class Main {
  /** Exit status: done. */
  public static final int OK = 0;

  /** Exit status: invalid input or usage; the diagnostics are on stderr. */
  public static final int INVALID_INPUT = 1;

  /** Exit status: the generator could not finish for another reason. */
  public static final int INTERNAL_ERROR = 2;

  /** Exit status of {@code diff --fail-on-breaking}: a tool breaks. */
  public static final int BREAKING = 3;

  private static final String PROGRAM = "airflow-mcp-codegen";
  private static final String COMMAND_LINE = "<command line>";

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs one command; never exits the JVM. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    List<String> list = Arrays.asList(args);
    if (list.isEmpty()) {
      err.println(usage());
      return INVALID_INPUT;
    }
    String command = list.get(0);
    switch (command) {
      case "--help", "-h", "help" -> {
        out.println(usage());
        return OK;
      }
      case "generate" -> {
        return generate(list.subList(1, list.size()), out, err);
      }
      case "diff" -> {
        return diff(list.subList(1, list.size()), out, err);
      }
      default -> {
        printUsageError(
            err, "unknown command '" + command + "'", "the commands are generate and diff");
        return INVALID_INPUT;
      }
    }
  }

  static String usage() {
    return String.join(
        "\n",
        "Usage: java -jar airflow-mcp-codegen-cli.jar <command> [options]",
        "",
        "Commands:",
        "  generate   generate MCP tool sources from Airflow REST specs and a tool spec",
        "  diff       what new Airflow specs change for the tools (and two tools/list diffed)",
        "  help       print this help; 'generate --help' and 'diff --help' describe the options",
        "",
        GenerateOptions.usage(),
        "",
        DiffOptions.usage());
  }

  private static int generate(List<String> args, PrintStream out, PrintStream err) {
    GenerateOptions options;
    try {
      options = GenerateOptions.parse(args);
    } catch (UsageException e) {
      printUsageError(err, e.getMessage(), "see 'generate --help'");
      return INVALID_INPUT;
    }
    if (options.help()) {
      out.println(GenerateOptions.usage());
      return OK;
    }
    try {
      return generate(options, out, err);
    } catch (InvalidPathException e) {
      printUsageError(err, "not a valid path: " + e.getInput(), null);
      return INVALID_INPUT;
    } catch (IOException | RuntimeException e) {
      err.println(
          PROGRAM
              + ": internal error: "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage()));
      return INTERNAL_ERROR;
    }
  }

  private static int generate(GenerateOptions options, PrintStream out, PrintStream err)
      throws IOException {
    GenerationSession.Outcome outcome = new GenerationSession().run(sessionRequest(options));
    print(err, outcome.diagnostics());
    if (outcome.hasErrors()) {
      int errors = outcome.errors().size();
      err.println(errors + (errors == 1 ? " error" : " errors") + " in the airflow-mcp inputs");
      return INVALID_INPUT;
    }
    out.println(
        "airflow-mcp: "
            + outcome.files()
            + " files generated, "
            + outcome.changed()
            + " changed in "
            + options.out().replace('\\', '/'));
    if (options.docs() != null) {
      out.println(
          "airflow-mcp: "
              + outcome.docs()
              + " docs rendered, "
              + outcome.docsChanged()
              + " changed in "
              + options.docs().replace('\\', '/'));
    }
    return OK;
  }

  /** The options as the session's request: all the CLI does besides printing. */
  static GenerationSession.Request sessionRequest(GenerateOptions options) {
    String toolSpecName = options.toolSpec() == null ? null : options.toolSpec().replace('\\', '/');
    GenerationRequest request =
        new GenerationRequest(
            options.specs().stream().map(Path::of).toList(),
            options.toolSpec() == null ? null : Path.of(options.toolSpec()),
            toolSpecName,
            options.basePackage(),
            options.allowWrites(),
            options.templates() == null ? null : Path.of(options.templates()));
    return new GenerationSession.Request(
        request,
        place(options.out(), "--out"),
        options.docs() == null ? null : place(options.docs(), "--docs"),
        options.templates() == null ? null : place(options.templates(), "--templates"),
        GenerationSession.Mode.WRITE,
        options.maxToolsListTokens(),
        null,
        null);
  }

  private static OutputLayout.Place place(String dir, String option) {
    return new OutputLayout.Place(Path.of(dir), option, dir.replace('\\', '/'));
  }

  private static int diff(List<String> args, PrintStream out, PrintStream err) {
    DiffOptions options;
    try {
      options = DiffOptions.parse(args);
    } catch (UsageException e) {
      printUsageError(err, e.getMessage(), "see 'diff --help'");
      return INVALID_INPUT;
    }
    if (options.help()) {
      out.println(DiffOptions.usage());
      return OK;
    }
    try {
      Path toolSpec = options.toolSpec() == null ? null : Path.of(options.toolSpec());
      if (toolSpec != null && !Files.isRegularFile(toolSpec)) {
        printUsageError(err, "tool spec not found: " + options.toolSpec(), null);
        return INVALID_INPUT;
      }
      ReleaseDiff.Result result =
          ReleaseDiff.run(
              new ReleaseDiff.Request(
                  options.specs().stream().map(Path::of).toList(),
                  toolSpec,
                  options.toolSpec() == null ? null : options.toolSpec().replace('\\', '/'),
                  options.allowWrites()));
      print(err, result.diagnostics());
      if (result.hasErrors()) {
        return INVALID_INPUT;
      }
      ToolSurfaceDiff.Report surface = null;
      if (options.oldManifest() != null) {
        surface =
            ToolSurfaceDiff.compare(
                options.oldManifest(), Files.readString(Path.of(options.oldManifest())),
                options.newManifest(), Files.readString(Path.of(options.newManifest())));
      }
      if (options.out() == null) {
        out.print(result.markdown());
        if (surface != null) {
          out.print("\n" + ToolSurfaceDiff.markdown(surface));
        }
      } else {
        Path dir = Path.of(options.out());
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("airflow-mcp-diff.md"), result.markdown());
        Files.writeString(dir.resolve("airflow-mcp-diff.json"), result.json());
        if (surface != null) {
          Files.writeString(
              dir.resolve("airflow-mcp-tools-diff.md"), ToolSurfaceDiff.markdown(surface));
          Files.writeString(
              dir.resolve("airflow-mcp-tools-diff.json"), ToolSurfaceDiff.json(surface));
        }
        out.println("airflow-mcp: diff written to " + options.out().replace('\\', '/'));
      }
      boolean breaking = result.reports().stream().anyMatch(SpecDiffReport::hasBreakingChanges);
      return options.failOnBreaking() && breaking ? BREAKING : OK;
    } catch (NoSuchFileException e) {
      printUsageError(err, "file not found: " + e.getFile(), null);
      return INVALID_INPUT;
    } catch (IllegalArgumentException e) {
      printUsageError(err, e.getMessage(), null);
      return INVALID_INPUT;
    } catch (IOException | RuntimeException e) {
      err.println(
          PROGRAM
              + ": internal error: "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage()));
      return INTERNAL_ERROR;
    }
  }

  /** True for a missing or empty directory, or one holding the tools manifest we write. */
  private static void print(PrintStream err, List<Diagnostic> diagnostics) {
    for (Diagnostic d : diagnostics) {
      err.println(d.formatWithHint());
    }
  }

  private static void printUsageError(PrintStream err, String message, String hint) {
    err.println(
        new Diagnostic(Severity.ERROR, SourceLocation.ofFile(COMMAND_LINE), "USAGE", message, hint)
            .formatWithHint());
  }
}
