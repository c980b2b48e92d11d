package dev.airflowmcp.runtime.ratelimit;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Honours Airflow's HTTP 429: after Airflow (or a proxy in front of it) answers 429 to an identity,
 * that identity's calls are refused by this server, without reaching Airflow, until the answer's
 * {@code Retry-After} has passed ({@value #DEFAULT_SECONDS} s when it gave none, at most {@value
 * #MAX_SECONDS} s). Bounded: at most {@value #MAX_ENTRIES} identities are remembered, and expired
 * entries are dropped first.
 */
public final class UpstreamCooldown {
  static final long DEFAULT_SECONDS = 1;
  static final long MAX_SECONDS = 300;
  static final int MAX_ENTRIES = 10_000;

  private final Map<String, Long> until = new ConcurrentHashMap<>();
  private final LongSupplier nanoTime;

  UpstreamCooldown(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  public UpstreamCooldown() {
    this(System::nanoTime);
  }

  /**
   * Airflow answered 429 to {@code principal}, asking to wait {@code retryAfterSeconds} (or -1).
   */
  public void note(String principal, long retryAfterSeconds) {
    long seconds =
        retryAfterSeconds < 0 ? DEFAULT_SECONDS : Math.min(retryAfterSeconds, MAX_SECONDS);
    long end = nanoTime.getAsLong() + TimeUnit.SECONDS.toNanos(seconds);
    if (until.size() >= MAX_ENTRIES) {
      dropExpired();
      if (until.size() >= MAX_ENTRIES) {
        return; // under a flood of identities; each still gets Airflow's own 429
      }
    }
    until.merge(principal, end, Math::max);
  }

  /** How long {@code principal} must still wait, in milliseconds; 0 when it need not. */
  public long remainingMillis(String principal) {
    Long end = until.get(principal);
    if (end == null) {
      return 0;
    }
    long left = end - nanoTime.getAsLong();
    if (left <= 0) {
      until.remove(principal, end);
      return 0;
    }
    return Math.max(1, TimeUnit.NANOSECONDS.toMillis(left));
  }

  int size() {
    return until.size();
  }

  private void dropExpired() {
    long now = nanoTime.getAsLong();
    for (Iterator<Map.Entry<String, Long>> it = until.entrySet().iterator(); it.hasNext(); ) {
      if (it.next().getValue() - now <= 0) {
        it.remove();
      }
    }
  }
}
