package dev.airflowmcp.codegen.model;

import dev.airflowmcp.toolspec.PromptDef;
import dev.airflowmcp.toolspec.ResourceDef;
import dev.airflowmcp.toolspec.ServerInfo;
import java.util.List;
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
 */
public record GenerationModel(
    ServerInfo server,
    String basePackage,
    List<ToolModel> tools,
    List<SpecInfo> specs,
    List<ResourceDef> resources,
    List<PromptDef> prompts) {
  public GenerationModel {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(basePackage, "basePackage");
    tools = List.copyOf(tools);
    specs = List.copyOf(specs);
    resources = List.copyOf(resources);
    prompts = List.copyOf(prompts);
  }

  /** A model without resources or prompts. */
  public GenerationModel(
      ServerInfo server, String basePackage, List<ToolModel> tools, List<SpecInfo> specs) {
    this(server, basePackage, tools, specs, List.of(), List.of());
  }
}
