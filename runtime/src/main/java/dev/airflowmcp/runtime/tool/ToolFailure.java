package dev.airflowmcp.runtime.tool;

import java.util.Objects;

/** A hand-written tool's way to fail with a chosen {@link ToolError}. */
public final class ToolFailure extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient ToolError error;

  public ToolFailure(ToolError error) {
    super(Objects.requireNonNull(error, "error").message());
    this.error = error;
  }

  /**
   * A failure that reports {@code cause} in its own words, for example an Airflow call's error with
   * extra keys; the runtime still learns from the cause (an HTTP 429 holds the caller's next calls
   * back).
   */
  public ToolFailure(ToolError error, Throwable cause) {
    super(Objects.requireNonNull(error, "error").message(), cause);
    this.error = error;
  }

  public ToolError error() {
    return error;
  }
}
