package dev.airflowmcp.runtime.pipeline;

/**
 * Receives one event per tool call. Events carry no arguments, payloads or credentials.
 * Implementations must be fast and must not throw.
 */
public interface AuditSink {

  void record(AuditEvent event);

  /**
   * One finished tool call.
   *
   * @param tool the tool name as called (may be an alias)
   * @param principal the non-secret caller identity
   * @param outcome {@code ok}, or the error type of the result
   * @param airflowCalls how many HTTP requests went to Airflow
   * @param durationMillis wall time of the call
   * @param resultChars size of the result text
   */
  record AuditEvent(
      String tool,
      String principal,
      String outcome,
      int airflowCalls,
      long durationMillis,
      int resultChars) {}

  /** Drops every event. */
  AuditSink NONE = event -> {};
}
