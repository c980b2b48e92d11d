package dev.airflowmcp.runtime.airflow;

import java.time.Duration;
import java.util.Objects;

/**
 * How the {@link HttpAirflowTransport} protects Airflow and itself: a bulkhead (at most {@code
 * maxConcurrentCalls} requests in flight per server, a request waiting at most {@code queueWait}
 * for a slot) and retries of {@code GET} requests that failed to connect or got HTTP 502, 503 or
 * 504 (never any other status), at most {@code maxAttempts} attempts in all, with jittered
 * exponential backoff from {@code initialBackoff} up to {@code maxBackoff} and never beyond the
 * call's deadline ({@link AirflowTransportConfig#requestTimeout()}): a retry starts only while a
 * quarter of the deadline (at most 1 s) is left.
 *
 * @param maxAttempts attempts per call including the first (1 = no retries)
 * @param initialBackoff the wait before the first retry (before jitter)
 * @param maxBackoff the longest wait between two attempts (before jitter)
 * @param maxConcurrentCalls requests to Airflow in flight at once, per server
 * @param queueWait how long a request waits for a free slot before failing as busy
 */
public record Resilience(
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    int maxConcurrentCalls,
    Duration queueWait) {

  /** Default concurrent requests to Airflow per server: {@value}. */
  public static final int DEFAULT_MAX_CONCURRENT_CALLS = 16;

  /**
   * The defaults: 3 attempts, backoff 200 ms doubling up to 2 s, 16 concurrent requests, 1 s wait
   * for a slot.
   */
  public static final Resilience DEFAULTS =
      new Resilience(
          3,
          Duration.ofMillis(200),
          Duration.ofSeconds(2),
          DEFAULT_MAX_CONCURRENT_CALLS,
          Duration.ofSeconds(1));

  public Resilience {
    if (maxAttempts < 1 || maxAttempts > 10) {
      throw new IllegalArgumentException("maxAttempts must be between 1 and 10");
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(queueWait, "queueWait");
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("backoff must be 0 or more, and max >= initial");
    }
    if (maxConcurrentCalls < 1 || maxConcurrentCalls > 10_000) {
      throw new IllegalArgumentException("maxConcurrentCalls must be between 1 and 10000");
    }
    if (queueWait.isNegative()) {
      throw new IllegalArgumentException("queueWait must not be negative");
    }
  }

  /** These settings with another bulkhead size. */
  public Resilience withMaxConcurrentCalls(int calls) {
    return new Resilience(maxAttempts, initialBackoff, maxBackoff, calls, queueWait);
  }

  /** These settings with another number of attempts. */
  public Resilience withMaxAttempts(int attempts) {
    return new Resilience(attempts, initialBackoff, maxBackoff, maxConcurrentCalls, queueWait);
  }

  /** These settings with other backoff bounds. */
  public Resilience withBackoff(Duration initial, Duration max) {
    return new Resilience(maxAttempts, initial, max, maxConcurrentCalls, queueWait);
  }

  /** These settings with another wait for a bulkhead slot. */
  public Resilience withQueueWait(Duration wait) {
    return new Resilience(maxAttempts, initialBackoff, maxBackoff, maxConcurrentCalls, wait);
  }

  /**
   * The wait before retry number {@code retry} (1 for the first): the exponential step, halved,
   * plus a random share of the other half ("equal jitter"), so replicas retrying together spread
   * out.
   *
   * @param random a value in [0, 1)
   */
  long backoffNanos(int retry, double random) {
    long step = initialBackoff.toNanos();
    for (int i = 1; i < retry && step < maxBackoff.toNanos(); i++) {
      step *= 2;
    }
    step = Math.min(step, maxBackoff.toNanos());
    return step / 2 + (long) (random * (step - step / 2));
  }
}
