package dev.airflowmcp.runtime.tool;

import dev.airflowmcp.common.AirflowMajor;
import dev.airflowmcp.runtime.airflow.AirflowRequest;
import java.util.List;
import java.util.Map;

/**
 * A tool generated from the tool spec. Generated classes hold metadata and build Airflow requests;
 * every behaviour (HTTP, auth, redaction, rate limits, errors) lives in the runtime.
 *
 * @param <A> the tool's typed argument record
 */
public non-sealed interface GeneratedTool<A extends Record> extends Tool {

  /** The MCP tool name. */
  String name();

  /** What the runtime needs to know to call the tool safely. */
  ToolPolicy policy();

  /**
   * Reads and checks raw MCP arguments: types, required arguments, enum values, bounds and unknown
   * names. Defaults are applied here.
   *
   * @throws InvalidArgumentsException naming every problem
   */
  A parseArguments(Map<String, Object> raw) throws InvalidArgumentsException;

  /** Whether the tool has a binding for this Airflow major version. */
  boolean supports(AirflowMajor major);

  /**
   * Reads made, one after the other, before the tool's own request (the tool spec's {@code
   * before}); their sections are laid out by {@code before} layout keys. None by default.
   */
  default List<CompositeStep> before(A arguments) {
    return List.of();
  }

  /**
   * The Airflow request for these arguments on this major version.
   *
   * @throws UnsupportedOperationException when {@link #supports(AirflowMajor)} is false
   */
  AirflowRequest request(AirflowMajor major, A arguments);
}
