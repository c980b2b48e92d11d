package dev.airflowmcp.runtime.generated;

import dev.airflowmcp.runtime.tool.GeneratedComposite;
import dev.airflowmcp.runtime.tool.ResponseShape;
import dev.airflowmcp.runtime.tool.ToolPolicy;
import java.util.Objects;

/**
 * The base of a generated composite tool: a subclass says its name, policy, summary and layout, how
 * it reads its arguments and which steps to run.
 *
 * @param <A> the tool's argument record
 */
public abstract class CompositeTool<A extends Record> extends ToolBase<A>
    implements GeneratedComposite<A> {
  private final String summary;
  private final ResponseShape response;

  /** A composite without a summary. */
  protected CompositeTool(String name, ToolPolicy policy, ResponseShape response) {
    super(name, policy);
    this.summary = null;
    this.response = Objects.requireNonNull(response, "response");
  }

  /** A composite whose result has the keys of the named {@code CompositeSummary}. */
  protected CompositeTool(String name, ToolPolicy policy, String summary, ResponseShape response) {
    super(name, policy);
    this.summary = Objects.requireNonNull(summary, "summary");
    this.response = Objects.requireNonNull(response, "response");
  }

  @Override
  public final String summary() {
    return summary;
  }

  @Override
  public final ResponseShape response() {
    return response;
  }
}
