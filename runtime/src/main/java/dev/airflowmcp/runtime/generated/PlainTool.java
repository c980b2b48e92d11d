package dev.airflowmcp.runtime.generated;

import dev.airflowmcp.common.AirflowMajor;
import dev.airflowmcp.runtime.airflow.AirflowRequest;
import dev.airflowmcp.runtime.tool.GeneratedTool;
import dev.airflowmcp.runtime.tool.InvalidArgumentsException;
import dev.airflowmcp.runtime.tool.ToolPolicy;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The base of a generated tool that makes one Airflow request: a subclass says only what differs
 * (its name, its policy, how it reads its arguments and its bindings) and, for a tool with reads
 * made first, overrides {@link #before}.
 *
 * @param <A> the tool's argument record
 */
public abstract class PlainTool<A extends Record> implements GeneratedTool<A> {
  private final String name;
  private final ToolPolicy policy;
  private final Set<String> argumentNames;
  private final Bindings<A> bindings;

  /**
   * @param name the MCP tool name
   * @param policy the tool's policy; its argument names are the names the tool accepts
   * @param bindings the request per Airflow major
   */
  protected PlainTool(String name, ToolPolicy policy, Bindings<A> bindings) {
    this.name = Objects.requireNonNull(name, "name");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.argumentNames = Set.copyOf(policy.echoedArguments());
    this.bindings = Objects.requireNonNull(bindings, "bindings");
  }

  /**
   * Reads the arguments from {@code reader}, which collects every problem; the base class reports
   * them all together afterwards.
   */
  protected abstract A read(ArgumentReader reader);

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final ToolPolicy policy() {
    return policy;
  }

  @Override
  public final A parseArguments(Map<String, Object> raw) throws InvalidArgumentsException {
    return ArgumentReader.parse(raw, argumentNames, this::read);
  }

  @Override
  public final boolean supports(AirflowMajor major) {
    return bindings.supports(major);
  }

  @Override
  public final AirflowRequest request(AirflowMajor major, A arguments) {
    return bindings.request(name, major, arguments);
  }
}
