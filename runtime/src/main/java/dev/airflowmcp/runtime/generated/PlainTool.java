package dev.airflowmcp.runtime.generated;

import dev.airflowmcp.common.AirflowMajor;
import dev.airflowmcp.runtime.airflow.AirflowRequest;
import dev.airflowmcp.runtime.tool.GeneratedTool;
import dev.airflowmcp.runtime.tool.ToolPolicy;
import java.util.Objects;

/**
 * The base of a generated tool that makes one Airflow request: a subclass says only what differs
 * (its name, its policy, how it reads its arguments and its bindings) and, for a tool with reads
 * made first, overrides {@link #before}.
 *
 * @param <A> the tool's argument record
 */
public abstract class PlainTool<A extends Record> extends ToolBase<A> implements GeneratedTool<A> {
  private final Bindings<A> bindings;

  /**
   * @param name the MCP tool name
   * @param policy the tool's policy; its argument names are the names the tool accepts
   * @param bindings the request per Airflow major
   */
  protected PlainTool(String name, ToolPolicy policy, Bindings<A> bindings) {
    super(name, policy);
    this.bindings = Objects.requireNonNull(bindings, "bindings");
  }

  @Override
  public final boolean supports(AirflowMajor major) {
    return bindings.supports(major);
  }

  @Override
  public final AirflowRequest request(AirflowMajor major, A arguments) {
    return bindings.request(name(), major, arguments);
  }
}
