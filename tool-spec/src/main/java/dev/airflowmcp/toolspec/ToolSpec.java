package dev.airflowmcp.toolspec;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A loaded tool spec: the server identity and the curated tools, in file order.
 *
 * <p>Overlays ({@code extends}) are a planned addition; the loader rejects the key until it exists.
 *
 * @param location the start of the document
 * @param version the format version ({@code version: 1})
 * @param server server identity and instructions
 * @param tools the tools in file order (which is the {@code tools/list} order)
 * @param resources static resources, in file order
 * @param prompts prompts, in file order
 * @param rateLimits the token bucket of each rate-limit class, by class name in file order; empty
 *     when the spec defines none (every class then gets {@link RateLimitDef#builtIn the built-in
 *     limit})
 */
public record ToolSpec(
    SourceLocation location,
    int version,
    ServerInfo server,
    List<ToolDef> tools,
    List<ResourceDef> resources,
    List<PromptDef> prompts,
    Map<String, RateLimitDef> rateLimits) {

  /** The only format version this loader understands. */
  public static final int CURRENT_VERSION = 1;

  public ToolSpec {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(server, "server");
    tools = List.copyOf(tools);
    resources = List.copyOf(resources);
    prompts = List.copyOf(prompts);
    rateLimits = Immutables.orderedMap(rateLimits);
  }

  /** A spec with tools only. */
  public ToolSpec(SourceLocation location, int version, ServerInfo server, List<ToolDef> tools) {
    this(location, version, server, tools, List.of(), List.of(), Map.of());
  }
}
