package dev.airflowmcp.runtime.tool;

import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * Computes keys of a composite tool's result from its steps' sections, named in the tool spec by
 * {@code summary:}. Built-in summaries ship with the runtime; vendors add their own through {@link
 * java.util.ServiceLoader} ({@code
 * META-INF/services/dev.airflowmcp.runtime.tool.CompositeSummary}).
 */
public interface CompositeSummary {

  /** The name the tool spec uses. */
  String name();

  /**
   * Computes the summary keys.
   *
   * @param steps each step's outcome by step name: its whole result (before select and fields), or
   *     its error
   * @param arguments the composite's arguments
   * @return the keys the layout may place with {@code summary}
   */
  ObjectNode summarize(Map<String, ToolContext.StepResult> steps, Map<String, Object> arguments);
}
