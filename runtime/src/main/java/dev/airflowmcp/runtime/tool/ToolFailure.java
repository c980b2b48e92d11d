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

  public ToolError error() {
    return error;
  }
}
