package dev.airflowmcp.runtime.tool;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prompt: one user message whose {@code {argument}} placeholders are filled with the caller's
 * values (the runtime form of a tool spec's {@code prompts:} entry).
 *
 * @param name the prompt name
 * @param description what it is for, or null
 * @param arguments its string arguments
 * @param text the message template
 */
public record PromptDescriptor(
    String name, String description, List<Argument> arguments, String text) {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)\\}");

  public PromptDescriptor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(text, "text");
    arguments = List.copyOf(arguments);
  }

  /**
   * One argument.
   *
   * @param description what to pass, or null
   * @param required whether it must be given
   */
  public record Argument(String name, String description, boolean required) {
    public Argument {
      Objects.requireNonNull(name, "name");
    }
  }

  /**
   * The message with every placeholder of a declared argument replaced by its value (an absent
   * optional argument by an empty string). Values are inserted as they are, once: a value that
   * itself looks like a placeholder is not expanded again.
   *
   * @throws IllegalArgumentException naming a missing required argument
   */
  public String render(Map<String, String> values) {
    for (Argument a : arguments) {
      if (a.required() && (values.get(a.name()) == null || values.get(a.name()).isBlank())) {
        throw new IllegalArgumentException("missing required argument '" + a.name() + "'");
      }
    }
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      boolean declared = arguments.stream().anyMatch(a -> a.name().equals(name));
      String value = declared ? values.getOrDefault(name, "") : m.group();
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
