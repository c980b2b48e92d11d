package dev.airflowmcp.common;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code {name}} placeholders of tool-spec texts (prompt texts, response messages): one syntax
 * for the loader, the generator and the runtime. A name is an identifier.
 */
public final class Placeholders {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)\\}");

  private Placeholders() {}

  /** The names of the placeholders in {@code text}, in order, repeats kept. */
  public static List<String> names(String text) {
    List<String> names = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /**
   * {@code text} with each placeholder replaced by {@code value} of its name, or kept as written
   * when that is {@code null}. Values are inserted as they are, once: a value that looks like a
   * placeholder is not expanded again.
   */
  public static String fill(String text, Function<String, String> value) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = value.apply(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(v == null ? m.group() : v));
    }
    m.appendTail(out);
    return out.toString();
  }
}
