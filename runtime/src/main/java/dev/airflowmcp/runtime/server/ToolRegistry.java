package dev.airflowmcp.runtime.server;

import dev.airflowmcp.runtime.generated.Contract;
import dev.airflowmcp.runtime.tool.CustomTool;
import dev.airflowmcp.runtime.tool.GeneratedComposite;
import dev.airflowmcp.runtime.tool.GeneratedTool;
import dev.airflowmcp.runtime.tool.PromptDescriptor;
import dev.airflowmcp.runtime.tool.RateLimit;
import dev.airflowmcp.runtime.tool.ResourceDescriptor;
import dev.airflowmcp.runtime.tool.Tool;
import dev.airflowmcp.runtime.tool.ToolCatalog;
import dev.airflowmcp.runtime.tool.ToolDescriptor;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tools a server offers: the generated catalog's tools paired with their {@code tools/list}
 * entries from the manifest, the hand-written tools found through ServiceLoader (listed after the
 * generated ones), plus the alias names under which tools can also be called.
 */
public final class ToolRegistry {

  /**
   * One callable name.
   *
   * @param definition the {@code tools/list} entry (for an alias: the tool's, renamed)
   * @param tool the tool behind it
   * @param alias whether this name is an alias (hidden from {@code tools/list})
   */
  public record Entry(McpSchema.Tool definition, Tool tool, boolean alias) {}

  private final String serverName;
  private final String instructions;
  private final List<Entry> entries;
  private final List<ResourceDescriptor> resources;
  private final List<PromptDescriptor> prompts;
  private final Map<String, RateLimit> rateLimits;

  private ToolRegistry(
      String serverName,
      String instructions,
      List<Entry> entries,
      List<ResourceDescriptor> resources,
      List<PromptDescriptor> prompts,
      Map<String, RateLimit> rateLimits) {
    this.serverName = serverName;
    this.instructions = instructions;
    this.entries = List.copyOf(entries);
    this.resources = List.copyOf(resources);
    this.prompts = List.copyOf(prompts);
    this.rateLimits = Map.copyOf(rateLimits);
  }

  /**
   * Finds the generated catalog (exactly one) and every hand-written {@link CustomTool} through
   * ServiceLoader.
   */
  public static ToolRegistry load(ClassLoader loader) {
    List<ToolCatalog> catalogs = new ArrayList<>();
    for (ToolCatalog c : ServiceLoader.load(ToolCatalog.class, loader)) {
      catalogs.add(c);
    }
    if (catalogs.size() != 1) {
      throw new IllegalStateException(
          "expected exactly one generated ToolCatalog on the class path, found " + catalogs.size());
    }
    List<CustomTool> custom = new ArrayList<>();
    for (CustomTool t : ServiceLoader.load(CustomTool.class, loader)) {
      custom.add(t);
    }
    custom.sort(java.util.Comparator.comparing(t -> t.descriptor().name()));
    return of(catalogs.get(0), custom, loader);
  }

  /** Pairs a catalog with its manifest; fails fast when they disagree. */
  public static ToolRegistry of(ToolCatalog catalog, ClassLoader loader) {
    return of(catalog, List.of(), loader);
  }

  /**
   * Pairs a catalog with its manifest and adds hand-written tools; fails fast when names clash or
   * the manifest and the catalog disagree.
   */
  public static ToolRegistry of(ToolCatalog catalog, List<CustomTool> custom, ClassLoader loader) {
    Contract.requireSupported(catalog);
    Map<String, Map<String, Object>> manifest = readManifest(catalog.manifestResource(), loader);
    Map<String, Tool> generated = new LinkedHashMap<>();
    for (GeneratedTool<?> tool : catalog.tools()) {
      generated.put(tool.name(), tool);
    }
    for (GeneratedComposite<?> composite : catalog.composites()) {
      generated.put(composite.name(), composite);
    }
    List<Entry> entries = new ArrayList<>();
    Map<String, McpSchema.Tool> byName = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, Object>> m : manifest.entrySet()) {
      Tool tool = generated.get(m.getKey());
      if (tool == null) {
        throw new IllegalStateException(
            "the manifest and the tool catalog list different tools: the manifest lists "
                + m.getKey()
                + ", which the catalog does not have");
      }
      McpSchema.Tool def = toTool(m.getKey(), m.getValue());
      byName.put(m.getKey(), def);
      entries.add(new Entry(def, tool, false));
    }
    for (String name : generated.keySet()) {
      if (!manifest.containsKey(name)) {
        throw new IllegalStateException(
            "the manifest and the tool catalog list different tools: "
                + name
                + " is missing from the manifest");
      }
    }
    for (CustomTool tool : custom) {
      ToolDescriptor d = tool.descriptor();
      if (byName.containsKey(d.name())) {
        throw new IllegalStateException(
            "hand-written tool " + d.name() + " has the name of another tool");
      }
      McpSchema.Tool def =
          McpSchema.Tool.builder(d.name(), d.inputSchema())
              .title(d.title())
              .description(d.description())
              .annotations(
                  new McpSchema.ToolAnnotations(
                      null, d.readOnly(), d.destructive(), d.idempotent(), d.openWorld(), null))
              .build();
      byName.put(d.name(), def);
      entries.add(new Entry(def, tool, false));
    }
    for (Map.Entry<String, String> alias : catalog.aliases().entrySet()) {
      if (byName.containsKey(alias.getKey())) {
        throw new IllegalStateException(
            "alias " + alias.getKey() + " has the name of a tool; names must be unique");
      }
      McpSchema.Tool target = byName.get(alias.getValue());
      Tool tool =
          entries.stream()
              .filter(e -> e.tool().name().equals(alias.getValue()))
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("alias of unknown tool " + alias))
              .tool();
      McpSchema.Tool aliasDef =
          McpSchema.Tool.builder(alias.getKey(), target.inputSchema())
              .title(target.title())
              .description(target.description())
              .annotations(target.annotations())
              .build();
      entries.add(new Entry(aliasDef, tool, true));
    }
    for (ResourceDescriptor r : catalog.resources()) {
      if (!byName.containsKey(r.tool())) {
        throw new IllegalStateException(
            "resource " + r.uri() + " reads tool " + r.tool() + ", which the server does not have");
      }
    }
    return new ToolRegistry(
        catalog.serverName(),
        catalog.instructions(),
        entries,
        catalog.resources(),
        catalog.prompts(),
        catalog.rateLimits());
  }

  public String serverName() {
    return serverName;
  }

  public String instructions() {
    return instructions;
  }

  /** The catalog's limit of each rate-limit class (from the tool spec). */
  public Map<String, RateLimit> rateLimits() {
    return rateLimits;
  }

  /** The rate-limit classes the tools use, sorted. */
  public Set<String> rateLimitClasses() {
    Set<String> out = new java.util.TreeSet<>();
    for (Entry e : entries) {
      out.add(e.tool().policy().rateLimitClass());
    }
    return out;
  }

  /** Every callable name, listed tools first in manifest order, then aliases. */
  public List<Entry> entries() {
    return entries;
  }

  /** Static resources, in {@code resources/list} order. */
  public List<ResourceDescriptor> resources() {
    return resources;
  }

  /** Prompts, in {@code prompts/list} order. */
  public List<PromptDescriptor> prompts() {
    return prompts;
  }

  /** The tool behind a name or alias, or null. */
  public Tool find(String name) {
    for (Entry e : entries) {
      if (e.definition().name().equals(name)) {
        return e.tool();
      }
    }
    return null;
  }

  /** Names to hide from {@code tools/list}. */
  public Set<String> aliasNames() {
    Set<String> out = new java.util.TreeSet<>();
    for (Entry e : entries) {
      if (e.alias()) {
        out.add(e.definition().name());
      }
    }
    return out;
  }

  /** Whether any tool changes Airflow (only in write-enabled builds). */
  public boolean hasWriteTools() {
    return entries.stream().anyMatch(e -> e.tool().policy().write());
  }

  @SuppressWarnings("unchecked")
  private static McpSchema.Tool toTool(String name, Map<String, Object> json) {
    Map<String, Object> ann = (Map<String, Object>) json.get("annotations");
    McpSchema.Tool.Builder b =
        McpSchema.Tool.builder(name, (Map<String, Object>) json.get("inputSchema"))
            .description((String) json.get("description"));
    if (json.get("title") != null) {
      b.title((String) json.get("title"));
    }
    if (ann != null) {
      b.annotations(
          new McpSchema.ToolAnnotations(
              null,
              (Boolean) ann.get("readOnlyHint"),
              (Boolean) ann.get("destructiveHint"),
              (Boolean) ann.get("idempotentHint"),
              (Boolean) ann.get("openWorldHint"),
              null));
    }
    return b.build();
  }

  private static Map<String, Map<String, Object>> readManifest(
      String resource, ClassLoader loader) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("tools manifest not found on the class path: " + resource);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Map<String, List<Map<String, Object>>> root =
          JsonMapper.shared().readValue(text, new TypeReference<>() {});
      List<Map<String, Object>> tools = root == null ? null : root.get("tools");
      if (tools == null) {
        throw new IllegalStateException(
            "the tools manifest " + resource + " has no \"tools\" list");
      }
      Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
      for (Map<String, Object> t : tools) {
        byName.put((String) t.get("name"), t);
      }
      return byName;
    } catch (IOException | JacksonException e) {
      throw new IllegalStateException("cannot read the tools manifest " + resource, e);
    }
  }
}
