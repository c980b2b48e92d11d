package dev.airflowmcp.runtime.tool;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A failed tool call as the model sees it. Serialised with the keys astro-airflow-mcp clients read:
 * {@code error}, {@code error_type}, {@code hint}, {@code retryable}, then the echoed arguments.
 *
 * @param message what went wrong (redacted before it leaves the server)
 * @param type a stable error type, e.g. {@code NotFoundError}: the server's own are {@link
 *     ErrorType}'s wire names
 * @param hint what the model can do about it
 * @param retryable whether the same call may succeed later or with corrected arguments
 * @param retryAfterSeconds how long to wait before the same call may succeed, or -1 when the error
 *     says nothing about waiting; written as {@code retry_after_seconds} after {@code retryable}
 * @param extra further keys a tool adds to its errors, written after the echoed arguments, in order
 *     (values are JSON scalars, lists or maps)
 */
public record ToolError(
    String message,
    String type,
    String hint,
    boolean retryable,
    long retryAfterSeconds,
    Map<String, Object> extra) {
  public ToolError {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(hint, "hint");
    if (retryAfterSeconds < -1) {
      throw new IllegalArgumentException("retryAfterSeconds must be -1 or more");
    }
    extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
  }

  /** An error without extra keys. */
  public ToolError(
      String message, String type, String hint, boolean retryable, long retryAfterSeconds) {
    this(message, type, hint, retryable, retryAfterSeconds, Map.of());
  }

  /** An error that says nothing about how long to wait. */
  public ToolError(String message, String type, String hint, boolean retryable) {
    this(message, type, hint, retryable, -1);
  }

  /** An error of one of the server's {@link ErrorType}s, without extra keys. */
  public ToolError(
      String message, ErrorType type, String hint, boolean retryable, long retryAfterSeconds) {
    this(message, type.wireName(), hint, retryable, retryAfterSeconds, Map.of());
  }

  /** An error of one of the server's {@link ErrorType}s that says nothing about waiting. */
  public ToolError(String message, ErrorType type, String hint, boolean retryable) {
    this(message, type.wireName(), hint, retryable, -1);
  }

  /** This error with one more extra key (replacing an earlier value of the same key). */
  public ToolError withExtra(String key, Object value) {
    Objects.requireNonNull(key, "key");
    Map<String, Object> more = new LinkedHashMap<>(extra);
    more.put(key, value);
    return new ToolError(message, type, hint, retryable, retryAfterSeconds, more);
  }
}
