package dev.airflowmcp.codegen.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sentences of tool descriptions, for summaries in generated code and docs. */
public final class Sentences {
  /**
   * A sentence ends at a period followed by white space and a capital letter, a digit or a
   * backtick, so abbreviations inside a sentence ("i.e. what", "e.g. a DAG") do not end it.
   */
  private static final Pattern END = Pattern.compile("\\.\\s+(?=[A-Z0-9`])");

  private Sentences() {}

  /** The first sentence of {@code text}, on one line; the whole text when it has one sentence. */
  public static String first(String text) {
    String flat = text.strip().replaceAll("\\s+", " ");
    Matcher m = END.matcher(flat);
    return m.find() ? flat.substring(0, m.start() + 1) : flat;
  }
}
