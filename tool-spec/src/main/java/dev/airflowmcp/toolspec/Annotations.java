package dev.airflowmcp.toolspec;

/**
 * MCP tool annotations. They are hints for clients, so the generator sets them truthfully: a tool
 * that is not {@code write: true} is always read-only.
 */
public record Annotations(
    boolean readOnly, boolean destructive, boolean idempotent, boolean openWorld) {

  /** The annotations of every read tool. */
  public static final Annotations READ_ONLY = new Annotations(true, false, true, true);
}
