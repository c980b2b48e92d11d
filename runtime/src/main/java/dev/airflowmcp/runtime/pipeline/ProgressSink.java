package dev.airflowmcp.runtime.pipeline;

/**
 * Where a call's progress notifications go: the transport's channel back to the client, for a call
 * whose request carried a {@code progressToken}. Implementations never throw.
 */
@FunctionalInterface
public interface ProgressSink {

  /** Drops every notification (no token, or a transport without notifications). */
  ProgressSink NONE = (progress, total, message) -> {};

  /**
   * Sends one notification.
   *
   * @param progress how far the call is, increasing with every notification
   * @param total the value {@code progress} reaches at the end, or null
   * @param message a short status, or null
   */
  void notify(double progress, Double total, String message);
}
