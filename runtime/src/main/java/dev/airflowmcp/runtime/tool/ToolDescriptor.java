package dev.airflowmcp.runtime.tool;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code tools/list} says about a hand-written tool: the same fields the generator writes into
 * the manifest for generated tools.
 *
 * @param name the MCP tool name
 * @param title a human-readable title, or null
 * @param description what the tool does and when to use it
 * @param inputSchema the JSON Schema of the arguments (key order is kept)
 * @param readOnly MCP {@code readOnlyHint}
 * @param destructive MCP {@code destructiveHint}
 * @param idempotent MCP {@code idempotentHint}
 * @param openWorld MCP {@code openWorldHint}
 */
public record ToolDescriptor(
    String name,
    String title,
    String description,
    Map<String, Object> inputSchema,
    boolean readOnly,
    boolean destructive,
    boolean idempotent,
    boolean openWorld) {

  public ToolDescriptor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    inputSchema = Collections.unmodifiableMap(new LinkedHashMap<>(inputSchema));
  }
}
