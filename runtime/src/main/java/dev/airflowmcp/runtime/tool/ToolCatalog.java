package dev.airflowmcp.runtime.tool;

import java.util.List;

/**
 * A set of tools with their {@code tools/list} manifest, found through {@link
 * java.util.ServiceLoader}. The generator emits one implementation and its {@code
 * META-INF/services} entry. Part of the generated-code contract ({@link
 * dev.airflowmcp.runtime.generated}): an implementation builds its tools in {@link #tools()} and
 * {@link #composites()}, not when it is created, so that the runtime can check {@link
 * #contractVersion()} before it touches anything else.
 */
public interface ToolCatalog {

  /**
   * The version of the runtime contract this catalog was generated for ({@link
   * dev.airflowmcp.runtime.generated.Contract#VERSION} of the runtime it was generated against).
   * The runtime refuses a catalog of another version at start.
   */
  int contractVersion();

  /** {@code serverInfo.name}. */
  String serverName();

  /** {@code instructions} sent in {@code initialize}, or {@code null}. */
  String instructions();

  /** The tools, in {@code tools/list} order. */
  List<GeneratedTool<?>> tools();

  /**
   * The class-path resource holding the exact {@code tools/list} content: {@code {"tools": [...]}}
   * with name, title, description, inputSchema and annotations per tool, in the same order.
   */
  String manifestResource();

  /** Alias name → tool name, for names that are callable but not listed. */
  java.util.Map<String, String> aliases();

  /** The composite tools, in {@code tools/list} order among the others (see the manifest). */
  default List<GeneratedComposite<?>> composites() {
    return List.of();
  }

  /** Static resources, in {@code resources/list} order. */
  default List<ResourceDescriptor> resources() {
    return List.of();
  }

  /** Prompts, in {@code prompts/list} order. */
  default List<PromptDescriptor> prompts() {
    return List.of();
  }

  /**
   * The token bucket of each rate-limit class the tools use, from the tool spec's {@code
   * rateLimits} (or the built-in limit where the spec defines none). Classes missing here get
   * {@link RateLimit#BUILT_IN}; operators override any of them at run time.
   */
  default java.util.Map<String, RateLimit> rateLimits() {
    return java.util.Map.of();
  }
}
