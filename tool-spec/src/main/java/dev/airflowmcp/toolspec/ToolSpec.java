package dev.airflowmcp.toolspec;

import java.util.List;
import java.util.Objects;

/**
 * A loaded tool spec: the server identity and the curated tools, in file order.
 *
 * <p>Composite tools, resources, prompts and overlays ({@code extends}) are planned additions to
 * this record; the loader rejects their keys until they exist.
 *
 * @param location the start of the document
 * @param version the format version ({@code version: 1})
 * @param server server identity and instructions
 * @param tools the tools in file order (which is the {@code tools/list} order)
 */
public record ToolSpec(
    SourceLocation location, int version, ServerInfo server, List<ToolDef> tools) {

  /** The only format version this loader understands. */
  public static final int CURRENT_VERSION = 1;

  public ToolSpec {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(server, "server");
    tools = List.copyOf(tools);
  }
}
