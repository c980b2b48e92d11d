package dev.airflowmcp.toolspec.diag;

import dev.airflowmcp.toolspec.SourceLocation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Collects every problem instead of stopping at the first one. Not thread-safe; one instance per
 * load or generation run.
 */
public final class Diagnostics {
  private final List<Diagnostic> all = new ArrayList<>();

  public void error(SourceLocation at, String code, String message, String hint) {
    all.add(new Diagnostic(Severity.ERROR, at, code, message, hint));
  }

  public void error(SourceLocation at, String code, String message) {
    error(at, code, message, null);
  }

  public void warning(SourceLocation at, String code, String message, String hint) {
    all.add(new Diagnostic(Severity.WARNING, at, code, message, hint));
  }

  public void addAll(List<Diagnostic> more) {
    all.addAll(more);
  }

  public boolean hasErrors() {
    return all.stream().anyMatch(d -> d.severity() == Severity.ERROR);
  }

  /** Every diagnostic, sorted by file, line and column so that output is stable. */
  public List<Diagnostic> sorted() {
    List<Diagnostic> copy = new ArrayList<>(all);
    copy.sort(
        Comparator.comparing((Diagnostic d) -> d.location().file())
            .thenComparingInt(d -> d.location().line())
            .thenComparingInt(d -> d.location().column())
            .thenComparing(Diagnostic::code));
    return Collections.unmodifiableList(copy);
  }
}
