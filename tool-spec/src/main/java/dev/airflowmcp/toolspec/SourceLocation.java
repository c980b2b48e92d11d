package dev.airflowmcp.toolspec;

import java.util.Objects;

/**
 * A 1-based position in a source file, printed as {@code file:line:col} so that IDEs and CI logs
 * link to it.
 *
 * @param file the file as the user named it (never made absolute by the loader)
 * @param line 1-based line, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 */
public record SourceLocation(String file, int line, int column) {

  public SourceLocation {
    Objects.requireNonNull(file, "file");
  }

  /** A location that names only a file, for problems that concern the file as a whole. */
  public static SourceLocation ofFile(String file) {
    return new SourceLocation(file, 0, 0);
  }

  @Override
  public String toString() {
    if (line <= 0) {
      return file;
    }
    return column <= 0 ? file + ":" + line : file + ":" + line + ":" + column;
  }
}
