package dev.airflowmcp.runtime.ratelimit;

/**
 * Told about every call the pipeline refuses before it reaches Airflow because of a rate limit, for
 * metrics. It gets the rate-limit class and the reason, never the caller or the arguments.
 * Implementations must be fast and must not throw.
 */
@FunctionalInterface
public interface RefusalListener {

  /** Why a call was refused. */
  enum Reason {
    /** The caller's token bucket of the class was empty. */
    RATE_LIMIT,
    /** The class already ran as many calls on this server as its concurrency cap allows. */
    CONCURRENCY_CAP,
    /** Airflow answered this caller HTTP 429 and the time it gave has not passed yet. */
    UPSTREAM_429
  }

  void refused(String rateLimitClass, Reason reason);

  /** Ignores every refusal. */
  RefusalListener NONE = (rateLimitClass, reason) -> {};
}
