package dev.airflowmcp.runtime.tool;

import dev.airflowmcp.common.Placeholders;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
    return Placeholders.fill(
        text,
        name -> {
          if (arguments.stream().noneMatch(a -> a.name().equals(name))) {
            return null; // not an argument: kept as written
          }
          String value = values.get(name);
          return value == null ? "" : value;
        });
  }
}
