package dev.airflowmcp.codegen.docs;

import java.util.List;
import java.util.Objects;

/**
 * The view of {@code ToolReferenceView.mustache}: the tool reference in Markdown.
 *
 * @param serverName the server's name
 * @param toolCount how many tools {@code tools/list} returns
 * @param tokens the estimated size of {@code tools/list}
 * @param tools the tools, in {@code tools/list} order
 * @param handWritten the runtime's hand-written read tools every server lists after {@code tools}
 */
public record ToolReferenceView(
    String serverName, int toolCount, int tokens, List<Tool> tools, List<HandWritten> handWritten) {
  public ToolReferenceView {
    Objects.requireNonNull(serverName, "serverName");
    tools = List.copyOf(tools);
    handWritten = List.copyOf(handWritten);
  }

  /** A view without hand-written tools. */
  public ToolReferenceView(String serverName, int toolCount, int tokens, List<Tool> tools) {
    this(serverName, toolCount, tokens, tools, List.of());
  }

  /** Whether there are hand-written tools to list (for the template). */
  public boolean hasHandWritten() {
    return !handWritten.isEmpty();
  }

  /**
   * A hand-written tool of the runtime.
   *
   * @param name the tool name
   * @param summary what it does
   * @param arguments its argument names, comma-separated, in schema order
   */
  public record HandWritten(String name, String summary, String arguments) {}

  /**
   * One tool.
   *
   * @param name the tool name
   * @param anchor the Markdown heading anchor
   * @param title the title, or {@code null}
   * @param summary the first sentence of the description, for the index table
   * @param description the whole description
   * @param readOnly the read-only hint
   * @param destructive the destructive hint
   * @param arguments the visible arguments, in schema order
   */
  public record Tool(
      String name,
      String anchor,
      String title,
      String summary,
      String description,
      boolean readOnly,
      boolean destructive,
      List<Argument> arguments) {
    public Tool {
      arguments = List.copyOf(arguments);
    }

    /** Whether the tool takes arguments (for the template). */
    public boolean hasArguments() {
      return !arguments.isEmpty();
    }
  }

  /**
   * One argument.
   *
   * @param name the argument name
   * @param type the JSON type as written in the schema
   * @param required whether it is required
   * @param defaultValue the default as JSON text, or empty
   * @param description the description, or empty
   */
  public record Argument(
      String name, String type, boolean required, String defaultValue, String description) {}
}
