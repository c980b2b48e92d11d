package dev.airflowmcp.runtime.generated;

import dev.airflowmcp.runtime.tool.InvalidArgumentsException;
import dev.airflowmcp.runtime.tool.ToolPolicy;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link PlainTool} and {@link CompositeTool} share: the tool's name, its policy and the
 * reading of its arguments. Not part of the contract: generated code names only the two subclasses.
 *
 * @param <A> the tool's argument record
 */
abstract class ToolBase<A extends Record> {
  private final String name;
  private final ToolPolicy policy;
  private final Set<String> argumentNames;

  /**
   * @param name the MCP tool name
   * @param policy the tool's policy; its argument names are the names the tool accepts
   */
  ToolBase(String name, ToolPolicy policy) {
    this.name = Objects.requireNonNull(name, "name");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.argumentNames = Set.copyOf(policy.echoedArguments());
  }

  /**
   * Reads the arguments from {@code reader}, which collects every problem; the base class reports
   * them all together afterwards.
   */
  protected abstract A read(ArgumentReader reader);

  public final String name() {
    return name;
  }

  public final ToolPolicy policy() {
    return policy;
  }

  public final A parseArguments(Map<String, Object> raw) throws InvalidArgumentsException {
    return ArgumentReader.parse(raw, argumentNames, this::read);
  }
}
