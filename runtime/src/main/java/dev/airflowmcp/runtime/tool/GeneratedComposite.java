package dev.airflowmcp.runtime.tool;

import java.util.List;
import java.util.Map;

/**
 * A composite tool generated from the tool spec: named steps that call other tools, run
 * concurrently by the runtime. Generated classes parse the arguments and say which calls to make;
 * the runtime runs them, reports a failed step in its own section, computes the summary and lays
 * out the result.
 *
 * @param <A> the tool's typed argument record
 */
public non-sealed interface GeneratedComposite<A extends Record> extends Tool {

  /** The MCP tool name. */
  String name();

  ToolPolicy policy();

  /** Reads and checks raw MCP arguments, as {@link GeneratedTool#parseArguments} does. */
  A parseArguments(Map<String, Object> raw) throws InvalidArgumentsException;

  /** The steps for these arguments, in spec order. */
  List<CompositeStep> steps(A arguments);

  /** The name of the summary computed from the steps, or {@code null}. */
  String summary();

  /** How the result is laid out: keys and their sources (arguments, steps, summary keys). */
  ResponseShape response();
}
