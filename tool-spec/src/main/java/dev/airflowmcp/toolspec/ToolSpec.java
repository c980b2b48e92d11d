package dev.airflowmcp.toolspec;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A loaded tool spec: the server identity and the curated tools, in file order.
 *
 * <p>An overlay ({@code extends}) is loaded into the same record: the merged result of the spec and
 * every spec it extends.
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
 * @param defaultRateLimitClass the rate-limit class of tools that name none ({@code
 *     defaults.rateLimitClass}; {@value #BUILT_IN_RATE_LIMIT_CLASS} when no spec of the chain sets
 *     one); an overlay's own tools inherit it from the spec they extend
 */
public record ToolSpec(
    SourceLocation location,
    int version,
    ServerInfo server,
    List<ToolDef> tools,
    List<ResourceDef> resources,
    List<PromptDef> prompts,
    Map<String, RateLimitDef> rateLimits,
    String defaultRateLimitClass) {

  /** The only format version this loader understands. */
  public static final int CURRENT_VERSION = 1;

  /** The rate-limit class of tools when neither the tool nor any {@code defaults} names one. */
  public static final String BUILT_IN_RATE_LIMIT_CLASS = "default";

  public ToolSpec {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(server, "server");
    tools = List.copyOf(tools);
    resources = List.copyOf(resources);
    prompts = List.copyOf(prompts);
    rateLimits = Immutables.orderedMap(rateLimits);
    Objects.requireNonNull(defaultRateLimitClass, "defaultRateLimitClass");
  }

  /** A spec whose tools name their rate-limit class or use the built-in one. */
  public ToolSpec(
      SourceLocation location,
      int version,
      ServerInfo server,
      List<ToolDef> tools,
      List<ResourceDef> resources,
      List<PromptDef> prompts,
      Map<String, RateLimitDef> rateLimits) {
    this(
        location,
        version,
        server,
        tools,
        resources,
        prompts,
        rateLimits,
        BUILT_IN_RATE_LIMIT_CLASS);
  }

  /** A spec with tools only. */
  public ToolSpec(SourceLocation location, int version, ServerInfo server, List<ToolDef> tools) {
    this(
        location,
        version,
        server,
        tools,
        List.of(),
        List.of(),
        Map.of(),
        BUILT_IN_RATE_LIMIT_CLASS);
  }
}
