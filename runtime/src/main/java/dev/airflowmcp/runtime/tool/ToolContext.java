package dev.airflowmcp.runtime.tool;

import dev.airflowmcp.runtime.airflow.AirflowCallException;
import dev.airflowmcp.runtime.airflow.AirflowRequest;
import dev.airflowmcp.runtime.airflow.AirflowVersion;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What a hand-written tool may use during one call. Everything goes out with the caller's
 * credentials and through the same guarded Airflow client as generated tools.
 */
public interface ToolContext {

  /** The Airflow version of the deployment (detected once, then cached). */
  AirflowVersion airflowVersion() throws AirflowCallException;

  /**
   * Sends a request (lookups resolved, one retry after a 401) and parses the JSON answer.
   *
   * @throws AirflowCallException for a non-2xx answer or any transport failure
   */
  JsonNode getJson(AirflowRequest request) throws AirflowCallException;

  /**
   * Calls another registered tool by name with these arguments, as one step of this call: the
   * step is not rate limited or audited on its own, and its result is not yet redacted.
   */
  StepResult callTool(String name, Map<String, Object> arguments);

  /**
   * The outcome of one step: its result, or the error the tool would have returned.
   *
   * @param result the step's JSON result, or null when it failed
   * @param error the step's error, or null when it succeeded
   */
  record StepResult(JsonNode result, ToolError error) {
    public boolean ok() {
      return error == null;
    }
  }
}
