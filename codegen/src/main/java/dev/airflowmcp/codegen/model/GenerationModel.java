package dev.airflowmcp.codegen.model;

import dev.airflowmcp.toolspec.PromptDef;
import dev.airflowmcp.toolspec.RateLimitDef;
import dev.airflowmcp.toolspec.ResourceDef;
import dev.airflowmcp.toolspec.ServerInfo;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The validated, fully resolved input of the emitters: every tool bound to a real operation of
 * every configured spec. Emitters never see an invalid or half-resolved model.
 *
 * @param server server identity
 * @param basePackage the Java package of generated code
 * @param tools the emitted tools, in {@code tools/list} order
 * @param specs the specs the model was checked against, in the order given
 * @param resources static resources (each reading a tool of the model)
 * @param prompts prompts
 * @param rateLimits the limit of every rate-limit class: those the tool spec defines, in file
 *     order, then those tools use without a definition (the built-in limit, only when the spec
 *     defines none)
 */
public record GenerationModel(
    ServerInfo server,
    String basePackage,
    List<ToolModel> tools,
    List<SpecInfo> specs,
    List<ResourceDef> resources,
    List<PromptDef> prompts,
    Map<String, RateLimitDef> rateLimits) {
  public GenerationModel {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(basePackage, "basePackage");
    tools = List.copyOf(tools);
    specs = List.copyOf(specs);
    resources = List.copyOf(resources);
    prompts = List.copyOf(prompts);
    rateLimits = Collections.unmodifiableMap(new LinkedHashMap<>(rateLimits));
  }

  /** A model without resources, prompts or rate limits of its own. */
  public GenerationModel(
      ServerInfo server, String basePackage, List<ToolModel> tools, List<SpecInfo> specs) {
    this(server, basePackage, tools, specs, List.of(), List.of(), Map.of());
  }
}
