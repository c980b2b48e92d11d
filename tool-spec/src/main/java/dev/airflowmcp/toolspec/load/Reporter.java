package dev.airflowmcp.toolspec.load;

import dev.airflowmcp.toolspec.SourceLocation;
import dev.airflowmcp.toolspec.diag.Diagnostic;
import dev.airflowmcp.toolspec.diag.Diagnostics;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** Turns node positions into {@link SourceLocation}s and collects the diagnostics of one load. */
final class Reporter {
  private final String file;
  private final Diagnostics diagnostics = new Diagnostics();

  Reporter(String file) {
    this.file = file;
  }

  /** The file-level location, for problems without a position. */
  SourceLocation fileLocation() {
    return SourceLocation.ofFile(file);
  }

  /** The 1-based location of a SnakeYAML mark (which is 0-based). */
  SourceLocation at(Mark mark) {
    return new SourceLocation(file, mark.getLine() + 1, mark.getColumn() + 1);
  }

  /** Where a node starts. */
  SourceLocation at(Node node) {
    return at(node.getStartMark());
  }

  void error(Node node, String code, String message) {
    diagnostics.error(at(node), code, message);
  }

  void error(Node node, String code, String message, String hint) {
    diagnostics.error(at(node), code, message, hint);
  }

  void error(SourceLocation location, String code, String message) {
    diagnostics.error(location, code, message);
  }

  void error(SourceLocation location, String code, String message, String hint) {
    diagnostics.error(location, code, message, hint);
  }

  boolean hasErrors() {
    return diagnostics.hasErrors();
  }

  /**
   * The diagnostics sorted by location, each reported once (a node reached through a YAML alias is
   * read once per reference, and would otherwise repeat its problems).
   */
  List<Diagnostic> sorted() {
    return diagnostics.sorted().stream().distinct().toList();
  }
}
