package dev.airflowmcp.codegen.model;

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
 */
public record GenerationModel(
    ServerInfo server, String basePackage, List<ToolModel> tools, List<SpecInfo> specs) {
  public GenerationModel {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(basePackage, "basePackage");
    tools = List.copyOf(tools);
    specs = List.copyOf(specs);
  }
}
