package dev.airflowmcp.runtime.generated;

import dev.airflowmcp.runtime.tool.GeneratedComposite;
import dev.airflowmcp.runtime.tool.InvalidArgumentsException;
import dev.airflowmcp.runtime.tool.ResponseShape;
import dev.airflowmcp.runtime.tool.ToolPolicy;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The base of a generated composite tool: a subclass says its name, policy, summary and layout,
 * how it reads its arguments and which steps to run.
 *
 * @param <A> the tool's argument record
 */
public abstract class CompositeTool<A extends Record> implements GeneratedComposite<A> {
  private final String name;
  private final ToolPolicy policy;
  private final Set<String> argumentNames;
  private final String summary;
  private final ResponseShape response;

  /** A composite without a summary. */
  protected CompositeTool(String name, ToolPolicy policy, ResponseShape response) {
    this.name = Objects.requireNonNull(name, "name");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.argumentNames = Set.copyOf(policy.echoedArguments());
    this.summary = null;
    this.response = Objects.requireNonNull(response, "response");
  }

  /** A composite whose result has the keys of the named {@code CompositeSummary}. */
  protected CompositeTool(String name, ToolPolicy policy, String summary, ResponseShape response) {
    this.name = Objects.requireNonNull(name, "name");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.argumentNames = Set.copyOf(policy.echoedArguments());
    this.summary = Objects.requireNonNull(summary, "summary");
    this.response = Objects.requireNonNull(response, "response");
  }

  /** Reads the arguments, as {@link PlainTool#read} does. */
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
  public final String summary() {
    return summary;
  }

  @Override
  public final ResponseShape response() {
    return response;
  }
}
