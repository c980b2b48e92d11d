package dev.airflowmcp.toolspec;

import java.util.List;
import java.util.Objects;

/**
 * An MCP prompt: a message template whose {@code {name}} placeholders are filled with the prompt's
 * arguments.
 *
 * @param name the prompt name
 * @param description what the prompt is for, or {@code null}
 * @param arguments its arguments, in order
 * @param text the user message, with {@code {argument}} placeholders
 */
public record PromptDef(
    SourceLocation location,
    String name,
    String description,
    List<Argument> arguments,
    String text) {

  public PromptDef {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(text, "text");
    arguments = List.copyOf(arguments);
  }

  /**
   * One prompt argument (always a string).
   *
   * @param description what to pass, or {@code null}
   * @param required whether the client must pass it
   */
  public record Argument(
      SourceLocation location, String name, String description, boolean required) {
    public Argument {
      Objects.requireNonNull(location, "location");
      Objects.requireNonNull(name, "name");
    }
  }
}
