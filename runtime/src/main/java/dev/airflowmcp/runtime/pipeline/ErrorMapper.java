package dev.airflowmcp.runtime.pipeline;

import dev.airflowmcp.runtime.airflow.AirflowCallException;
import dev.airflowmcp.runtime.tool.ErrorType;
import dev.airflowmcp.runtime.tool.ToolError;

/**
 * Maps failures to {@link ToolError}s with a hint the model can act on. Public for hand-written
 * tools that add keys to the error of a failed Airflow call ({@link ToolError#withExtra}).
 */
public final class ErrorMapper {
  private ErrorMapper() {}

  /** The error the model sees for a failed Airflow call. */
  public static ToolError from(AirflowCallException e) {
    return switch (e.kind()) {
      case HTTP_STATUS -> fromStatus(e.status(), e.getMessage(), e.retryAfterSeconds());
      case CONNECT ->
          new ToolError(
              e.getMessage(),
              ErrorType.CONNECT,
              "Could not reach Airflow. Check that it is running and that the server's Airflow URL"
                  + " is right; retrying the same call will not help until then.",
              false);
      case TIMEOUT ->
          new ToolError(
              e.getMessage(),
              ErrorType.READ_TIMEOUT,
              "Airflow did not respond in time. It may be overloaded; try a smaller request"
                  + " (lower limit) or try again later.",
              false);
      case BODY_TOO_LARGE ->
          new ToolError(
              e.getMessage(),
              ErrorType.RESPONSE_TOO_LARGE,
              "Airflow's answer is larger than this server accepts. Ask for less, for example"
                  + " with a lower limit.",
              true);
      case BAD_RESPONSE ->
          new ToolError(
              e.getMessage(),
              ErrorType.INVALID_RESPONSE,
              "Airflow sent an answer that could not be read. This is a server-side problem;"
                  + " the same call is unlikely to succeed.",
              false);
      case READ_ONLY ->
          new ToolError(
              e.getMessage(),
              ErrorType.READ_ONLY,
              "Writes are off: the server runs in read-only mode (AF_READ_ONLY=true, or a build"
                  + " without write tools). Retrying will not help; an operator has to enable"
                  + " writes.",
              false);
      case REFUSED ->
          new ToolError(
              e.getMessage(),
              ErrorType.REQUEST_REFUSED,
              "The server never sends this kind of request to Airflow. This is a server problem,"
                  + " not a problem with the arguments.",
              false);
      case VERSION_DETECTION ->
          new ToolError(
              e.getMessage(),
              ErrorType.VERSION_DETECTION,
              "The server could not tell which Airflow version it talks to. Check that Airflow"
                  + " is running and reachable at the configured URL.",
              false);
      case NOT_YET ->
          new ToolError(
              e.getMessage(),
              ErrorType.NOT_FOUND,
              "It may exist later: check the state (for example with get_task_instance) and"
                  + " call again once it has changed.",
              true);
      case BUSY ->
          new ToolError(
              e.getMessage(),
              ErrorType.SERVER_BUSY,
              "This server is already handling as many calls to Airflow (or large answers) as it"
                  + " allows at once. Wait 1 s and call again.",
              true,
              1);
      case AUTH ->
          new ToolError(
              e.getMessage(),
              ErrorType.AUTHENTICATION,
              "Airflow refused the server's credentials. An operator must fix the configured"
                  + " token or username and password.",
              false);
    };
  }

  private static ToolError fromStatus(int status, String message, long retryAfter) {
    if (status == 404) {
      return new ToolError(
          message,
          ErrorType.NOT_FOUND,
          "Nothing with these ids exists (HTTP 404). Check dag_id, dag_run_id and task_id;"
              + " list_dags, list_dag_runs and list_tasks show the ids that exist.",
          true);
    }
    String hint;
    boolean retryable;
    if (status == 400 || status == 422) {
      hint =
          "Airflow rejected the arguments (HTTP "
              + status
              + "). Fix their values or format"
              + " and call again.";
      retryable = true;
    } else if (status == 401 || status == 403) {
      hint =
          "Not authorized (HTTP "
              + status
              + "): the credentials are missing, expired or lack"
              + " the permission for this call in Airflow.";
      retryable = false;
    } else if (status == 409) {
      hint = "Conflict (HTTP 409): the current state in Airflow does not allow this.";
      retryable = false;
    } else if (status == 429) {
      hint =
          "Airflow is rate limiting (HTTP 429). Wait"
              + (retryAfter > 0 ? " " + retryAfter + " s" : " a little")
              + " before calling again.";
      retryable = true;
    } else if (status >= 500) {
      hint =
          "Airflow failed on its side (HTTP "
              + status
              + "). The same call is unlikely to"
              + " succeed now.";
      retryable = false;
    } else {
      hint = "Unexpected answer from Airflow (HTTP " + status + ").";
      retryable = false;
    }
    return new ToolError(message, ErrorType.HTTP_STATUS, hint, retryable);
  }
}
