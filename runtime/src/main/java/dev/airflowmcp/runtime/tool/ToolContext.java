package dev.airflowmcp.runtime.tool;

import dev.airflowmcp.runtime.airflow.AirflowCallException;
import dev.airflowmcp.runtime.airflow.AirflowRequest;
import dev.airflowmcp.runtime.airflow.AirflowVersion;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What a hand-written tool may use during one call. Everything goes out with the caller's
 * credentials and through the same guarded Airflow transport as generated tools.
 */
public interface ToolContext {

  /** The Airflow version of the deployment (detected once, then cached). */
  AirflowVersion airflowVersion() throws AirflowCallException;

  /**
   * Sends a request (lookups resolved, one retry after a 401) and parses the JSON answer; an empty
   * answer (such as a 204 to a DELETE) is an empty object. Any method may be sent, but a request
   * other than GET is refused with {@link AirflowCallException.Kind#READ_ONLY} unless the tool is a
   * write tool ({@link ToolPolicy#write()}) and the server allows writes.
   *
   * @throws AirflowCallException for a non-2xx answer, a refused request or any transport failure
   */
  JsonNode getJson(AirflowRequest request) throws AirflowCallException;

  /**
   * Tells the client how far a long call has got, when the client asked for progress (an MCP {@code
   * progressToken}) and the transport can send notifications (stdio). Otherwise, and in composite
   * steps, it does nothing. Never throws.
   *
   * @param progress how far the call is, increasing with every notification
   * @param total the value {@code progress} reaches at the end, or null when unknown
   * @param message a short status for people, or null
   */
  default void progress(double progress, Double total, String message) {}

  /**
   * The text as a model would see it in this tool's result: invisible and bidi-control characters
   * stripped and secrets masked by the server's redactor. For a tool that decides something on text
   * before returning it: {@code search_task_logs} matches log lines as redacted, so that a pattern
   * cannot test a secret the caller may not see. The server's context redacts; this default (for
   * contexts outside a server) returns the text unchanged.
   */
  default String redact(String text) {
    return text;
  }

  /**
   * Calls another registered tool by name with these arguments, as one step of this call: the step
   * is not rate limited or audited on its own, and its result is not yet redacted.
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
