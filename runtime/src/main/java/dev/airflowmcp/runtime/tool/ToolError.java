package dev.airflowmcp.runtime.tool;

import java.util.Objects;

/**
 * A failed tool call as the model sees it. Serialised with the keys astro-airflow-mcp clients
 * read: {@code error}, {@code error_type}, {@code hint}, {@code retryable}, then the echoed
 * arguments.
 *
 * @param message what went wrong (redacted before it leaves the server)
 * @param type a stable error type, e.g. {@code NotFoundError}
 * @param hint what the model can do about it
 * @param retryable whether the same call may succeed later or with corrected arguments
 */
public record ToolError(String message, String type, String hint, boolean retryable) {
  public ToolError {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(hint, "hint");
  }
}
