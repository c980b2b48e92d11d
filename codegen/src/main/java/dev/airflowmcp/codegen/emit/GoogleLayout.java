package dev.airflowmcp.codegen.emit;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Brings the parts of JavaPoet's layout that JavaPoet cannot be told about to google-java-format's
 * Google style (100 columns), so generated sources pass the build's formatting check as written:
 * Javadoc on one line when it fits and otherwise wrapped at 100 columns, multi-member annotations
 * on one line when they fit and otherwise with the closing parenthesis on the last member, and
 * empty bodies as {@code {}}; then {@link StatementLayout} breaks long statements. The indent (2
 * spaces) is set on the JavaFile ({@code Stamp}). A pure text pass over JavaPoet's own output:
 * deterministic, no formatter at generation time. Codegen's GeneratedSourcesFormatTest checks the
 * result against google-java-format for the curated spec.
 */
public final class GoogleLayout {
  /** google-java-format's line length. */
  static final int COLUMNS = 100;

  private static final Pattern JAVADOC =
      Pattern.compile("(?m)^( *)/\\*\\*\\n((?:\\1 \\*.*\\n)*?)\\1 \\*/$");
  private static final Pattern ANNOTATION =
      Pattern.compile("(?m)^( *)(@[\\w.]+)\\(\\n((?:\\1    .*\\n)+)\\1\\)$");
  private static final Pattern EMPTY_BODY = Pattern.compile("(?m)^( *)(\\S.*) \\{\\n\\1\\}$");

  private GoogleLayout() {}

  /** The source with Javadoc, annotations and empty bodies laid out as google-java-format does. */
  public static String apply(String source) {
    String out = replace(JAVADOC, source, m -> javadoc(m.group(1), m.group(2)));
    out = replace(ANNOTATION, out, m -> annotation(m.group(1), m.group(2), m.group(3)));
    out = replace(EMPTY_BODY, out, m -> m.group(1) + m.group(2) + " {}");
    return StatementLayout.apply(out);
  }

  private interface Layout {
    String of(Matcher m);
  }

  private static String replace(Pattern pattern, String text, Layout layout) {
    Matcher m = pattern.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(layout.of(m)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String javadoc(String indent, String body) {
    // Paragraphs of words; a blank " *" line separates them, a tag starts a new one.
    List<List<String>> paragraphs = new ArrayList<>();
    List<String> current = null;
    for (String line : body.split("\n")) {
      String text = line.substring(indent.length()).replaceFirst("^ \\*", "").strip();
      if (text.isEmpty()) {
        current = null;
        continue;
      }
      if (current == null || text.startsWith("@")) {
        current = new ArrayList<>();
        paragraphs.add(current);
      }
      for (String word : text.split("\\s+")) {
        current.add(word);
      }
    }
    if (paragraphs.size() == 1) {
      String one = indent + "/** " + String.join(" ", paragraphs.get(0)) + " */";
      if (one.length() <= COLUMNS) {
        return one;
      }
    }
    StringBuilder out = new StringBuilder(indent).append("/**\n");
    boolean inTags = false;
    for (int i = 0; i < paragraphs.size(); i++) {
      List<String> words = paragraphs.get(i);
      boolean tag = words.get(0).startsWith("@");
      if (i > 0 && !(tag && inTags)) {
        out.append(indent).append(" *\n");
      }
      inTags = tag;
      wrap(out, indent + " * ", indent + " * " + (tag ? "    " : ""), words);
    }
    return out.append(indent).append(" */").toString();
  }

  private static void wrap(StringBuilder out, String first, String next, List<String> words) {
    StringBuilder line = new StringBuilder(first);
    boolean empty = true;
    for (String word : words) {
      if (!empty && line.length() + 1 + word.length() > COLUMNS) {
        out.append(line).append('\n');
        line = new StringBuilder(next);
        empty = true;
      }
      if (!empty) {
        line.append(' ');
      }
      line.append(word);
      empty = false;
    }
    out.append(line).append('\n');
  }

  private static String annotation(String indent, String name, String members) {
    List<String> parts = new ArrayList<>();
    for (String line : members.split("\n")) {
      parts.add(line.strip());
    }
    String one = indent + name + "(" + String.join(" ", parts) + ")";
    if (one.length() <= COLUMNS) {
      return one;
    }
    return indent + name + "(\n" + members.substring(0, members.length() - 1) + ")";
  }
}
