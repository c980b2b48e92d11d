package dev.airflowmcp.runtime.pipeline;

import dev.airflowmcp.runtime.airflow.AirflowCallException;
import dev.airflowmcp.runtime.ratelimit.ConcurrencyCaps;
import dev.airflowmcp.runtime.ratelimit.RateLimiter;
import dev.airflowmcp.runtime.ratelimit.RefusalListener;
import dev.airflowmcp.runtime.ratelimit.UpstreamCooldown;
import dev.airflowmcp.runtime.tool.ErrorType;
import dev.airflowmcp.runtime.tool.ToolError;
import dev.airflowmcp.runtime.tool.ToolFailure;
import dev.airflowmcp.runtime.tool.ToolPolicy;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Decides whether a call may run now: an identity Airflow answered HTTP 429 waits out the {@code
 * Retry-After} first ({@link UpstreamCooldown}), then the call takes a concurrency slot of its
 * rate-limit class ({@link ConcurrencyCaps}), then a token of the caller's rate limit. Part of
 * {@link ToolPipeline}.
 */
final class Admission {
  private final UpstreamCooldown cooldown = new UpstreamCooldown();
  private final ConcurrencyCaps caps;
  private final RateLimiter rateLimiter;
  private final ErrorRenderer errors;
  private volatile RefusalListener refusals = RefusalListener.NONE;

  Admission(ConcurrencyCaps caps, RateLimiter rateLimiter, ErrorRenderer errors) {
    this.caps = Objects.requireNonNull(caps, "caps");
    this.rateLimiter = rateLimiter;
    this.errors = errors;
  }

  /** Tells {@code listener} about every call refused by a rate limit (for metrics). */
  void onRefusal(RefusalListener listener) {
    this.refusals = Objects.requireNonNull(listener, "listener");
  }

  /**
   * Runs {@code admitted} while holding the call's concurrency slot, or returns the refusal (and
   * sets the call's outcome) when the caller must wait.
   */
  CallToolResult admit(
      ToolPolicy policy,
      Map<String, Object> raw,
      CallState state,
      String principal,
      Supplier<CallToolResult> admitted) {
    long cooling = cooldown.remainingMillis(principal);
    if (cooling > 0) {
      state.outcome = ErrorType.RATE_LIMIT.wireName();
      refusals.refused(policy.rateLimitClass(), RefusalListener.Reason.UPSTREAM_429);
      long seconds = Math.max(1, (cooling + 999) / 1000);
      return errors.error(
          policy,
          raw,
          new ToolError(
              "Airflow asked for fewer calls (HTTP 429); this server holds your calls back until"
                  + " the time it gave has passed.",
              ErrorType.RATE_LIMIT,
              "Wait " + seconds + " s before calling again.",
              true,
              seconds));
    }
    // The concurrency slot first: a call refused for a full class must not spend a token of the
    // caller's bucket, or retrying as the hint says would drain it.
    ConcurrencyCaps.Slot slot = caps.tryEnter(policy.rateLimitClass());
    if (slot == null) {
      state.outcome = ErrorType.RATE_LIMIT.wireName();
      refusals.refused(policy.rateLimitClass(), RefusalListener.Reason.CONCURRENCY_CAP);
      return errors.error(
          policy,
          raw,
          new ToolError(
              "Too many calls of class '"
                  + policy.rateLimitClass()
                  + "' are running on this"
                  + " server at once (at most "
                  + caps.capOf(policy.rateLimitClass())
                  + ").",
              ErrorType.RATE_LIMIT,
              "Wait a moment and call again; the calls already running finish first.",
              true,
              1));
    }
    try (slot) {
      RateLimiter.Decision decision = rateLimiter.tryAcquire(principal, policy.rateLimitClass());
      if (!decision.allowed()) {
        state.outcome = ErrorType.RATE_LIMIT.wireName();
        refusals.refused(policy.rateLimitClass(), RefusalListener.Reason.RATE_LIMIT);
        long seconds = Math.max(1, (decision.retryAfterMillis() + 999) / 1000);
        return errors.error(
            policy,
            raw,
            new ToolError(
                "Too many calls of class '" + policy.rateLimitClass() + "'.",
                ErrorType.RATE_LIMIT,
                "Wait " + seconds + " s before calling again.",
                true,
                seconds));
      }
      return admitted.get();
    }
  }

  /**
   * Remembers Airflow's 429 for the identity, so that its next calls wait as Airflow asked: from a
   * failed Airflow call, or a tool failure that reports one in its own words (its cause).
   */
  void noteTooManyRequests(Exception failure, String principal) {
    Throwable call = failure instanceof ToolFailure ? failure.getCause() : failure;
    if (call instanceof AirflowCallException e
        && e.kind() == AirflowCallException.Kind.HTTP_STATUS
        && e.status() == 429) {
      cooldown.note(principal, e.retryAfterSeconds());
    }
  }
}
