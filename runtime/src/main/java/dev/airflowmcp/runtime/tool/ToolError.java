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
 * @param retryAfterSeconds how long to wait before the same call may succeed, or -1 when the error
 *     says nothing about waiting; written as {@code retry_after_seconds} after {@code retryable}
 */
public record ToolError(
    String message, String type, String hint, boolean retryable, long retryAfterSeconds) {
  public ToolError {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(hint, "hint");
    if (retryAfterSeconds < -1) {
      throw new IllegalArgumentException("retryAfterSeconds must be -1 or more");
    }
  }

  /** An error that says nothing about how long to wait. */
  public ToolError(String message, String type, String hint, boolean retryable) {
    this(message, type, hint, retryable, -1);
  }
}
