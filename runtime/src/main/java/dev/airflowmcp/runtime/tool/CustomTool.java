package dev.airflowmcp.runtime.tool;

import dev.airflowmcp.runtime.airflow.AirflowCallException;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A tool written in Java rather than generated, registered beside the generated tools through
 * {@link java.util.ServiceLoader} ({@code
 * META-INF/services/dev.airflowmcp.runtime.tool.CustomTool}). The runtime still applies rate
 * limits, redaction, the size budget, error mapping and audit; the tool only computes its result.
 * Implementations are thread-safe and have a public no-arg constructor.
 */
public non-sealed interface CustomTool extends Tool {

  /** The {@code tools/list} entry. */
  ToolDescriptor descriptor();

  /** The descriptor's name. */
  @Override
  default String name() {
    return descriptor().name();
  }

  /** Rate-limit class, write flag, echoed arguments and redaction hints. */
  ToolPolicy policy();

  /**
   * Runs the tool.
   *
   * @param context Airflow access with the caller's credentials
   * @param arguments the raw MCP arguments (validate them: the SDK does not)
   * @return the result, before redaction
   * @throws InvalidArgumentsException when the arguments are wrong
   * @throws AirflowCallException when Airflow fails
   * @throws ToolFailure for any other failure the model should see
   */
  JsonNode call(ToolContext context, Map<String, Object> arguments)
      throws InvalidArgumentsException, AirflowCallException, ToolFailure;
}
