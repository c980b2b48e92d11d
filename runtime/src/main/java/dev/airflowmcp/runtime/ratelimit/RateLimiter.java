package dev.airflowmcp.runtime.ratelimit;

/**
 * Decides whether a principal may call a tool of a rate-limit class now. Implementations are
 * thread-safe; the default allows everything.
 */
public interface RateLimiter {

  /**
   * Takes one permit.
   *
   * @param principal a non-secret identity (see {@link
   *     dev.airflowmcp.runtime.auth.AirflowCredentials#principal()})
   * @param rateLimitClass the tool's class from the tool spec
   */
  Decision tryAcquire(String principal, String rateLimitClass);

  /**
   * The outcome.
   *
   * @param allowed whether the call may go ahead
   * @param retryAfterMillis when not allowed, how long to wait before a retry may succeed
   */
  record Decision(boolean allowed, long retryAfterMillis) {
    public static final Decision ALLOW = new Decision(true, 0);

    public static Decision reject(long retryAfterMillis) {
      return new Decision(false, retryAfterMillis);
    }
  }

  /** Allows every call. */
  RateLimiter UNLIMITED = (principal, rateLimitClass) -> Decision.ALLOW;
}
