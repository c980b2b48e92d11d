package dev.airflowmcp.codegen;

import dev.airflowmcp.toolspec.SourceLocation;
import dev.airflowmcp.toolspec.diag.Diagnostic;
import dev.airflowmcp.toolspec.diag.Severity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Checks the directories a build writes before anything is written. The generator owns its output
 * and docs directories ({@link OutputDirectory}), so they must not overlap and must not hold the
 * vendor templates. {@link GenerationSession} runs these checks for every front end.
 */
public final class OutputLayout {
  /** The docs directory and the output directory contain one another. */
  public static final String DOCS_OVERLAP_OUTPUT = "DOCS_OVERLAP_OUTPUT";

  /** The template directory is inside (or contains) a directory the generator owns. */
  public static final String TEMPLATES_INSIDE_OUTPUT = "TEMPLATES_INSIDE_OUTPUT";

  private OutputLayout() {}

  /**
   * A directory as the user named it.
   *
   * @param path the directory
   * @param option how the user set it, for messages, e.g. {@code --docs} or {@code docsDirectory}
   * @param name the directory as the user wrote it, for messages and locations
   */
  public record Place(Path path, String option, String name) {
    public Place {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(option, "option");
      Objects.requireNonNull(name, "name");
    }

    String label() {
      return option + " " + name;
    }

    boolean overlaps(Place other) {
      Path a = path.toAbsolutePath().normalize();
      Path b = other.path.toAbsolutePath().normalize();
      return a.startsWith(b) || b.startsWith(a);
    }
  }

  /**
   * The problems of a layout: docs overlapping the output, templates inside either.
   *
   * @param docs the docs directory, or {@code null} when no docs are written
   * @param templates the vendor template directory, or {@code null}
   */
  public static List<Diagnostic> check(Place out, Place docs, Place templates) {
    Objects.requireNonNull(out, "out");
    List<Diagnostic> problems = new ArrayList<>();
    if (docs != null && docs.overlaps(out)) {
      problems.add(
          error(
              docs,
              DOCS_OVERLAP_OUTPUT,
              docs.label()
                  + " and "
                  + out.label()
                  + " overlap; the generator deletes the files"
                  + " it did not write in each",
              "choose two separate directories, e.g. build/generated/airflow-mcp and"
                  + " build/docs/airflow-mcp"));
    }
    if (templates != null) {
      for (Place owned : docs == null ? List.of(out) : List.of(out, docs)) {
        if (templates.overlaps(owned)) {
          problems.add(
              error(
                  templates,
                  TEMPLATES_INSIDE_OUTPUT,
                  templates.label()
                      + " and "
                      + owned.label()
                      + " overlap; the generator deletes"
                      + " the files it did not write there, the templates included",
                  "keep the templates in a directory of their own, e.g."
                      + " src/main/airflow-mcp/templates"));
        }
      }
    }
    return problems;
  }

  private static Diagnostic error(Place at, String code, String message, String hint) {
    return new Diagnostic(Severity.ERROR, SourceLocation.ofFile(at.name()), code, message, hint);
  }
}
