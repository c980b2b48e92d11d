package dev.airflowmcp.runtime.ratelimit;

import dev.airflowmcp.runtime.tool.RateLimit;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Token buckets in this JVM (Bucket4j), one per identity × rate-limit class, refilled continuously.
 * The default backend; with several replicas each enforces its own limits (use {@link
 * RedisRateLimiter} to share them).
 *
 * <p>Memory is bounded: at most about {@code maxBuckets} buckets are kept. When that many exist,
 * buckets that have refilled completely are dropped (a new bucket starts full, so nothing changes
 * for their identity); if that is not enough, the least recently used are dropped too, which only
 * happens when more identities than {@code maxBuckets} called within one refill time.
 */
public final class LocalRateLimiter implements RateLimiter {
  /** Default bound on the number of buckets: {@value}. */
  public static final int DEFAULT_MAX_BUCKETS = 100_000;

  private final RateLimits limits;
  private final TimeMeter clock;
  private final int maxBuckets;
  private final Map<Key, Slot> buckets = new ConcurrentHashMap<>();
  private final ReentrantLock sweeping = new ReentrantLock();

  private record Key(String principal, String rateLimitClass) {}

  private static final class Slot {
    final Bucket bucket;
    final long capacity;
    volatile long lastUsedNanos;

    Slot(Bucket bucket, long capacity) {
      this.bucket = bucket;
      this.capacity = capacity;
    }
  }

  public LocalRateLimiter(RateLimits limits) {
    this(limits, TimeMeter.SYSTEM_NANOTIME, DEFAULT_MAX_BUCKETS);
  }

  /**
   * @param clock the time buckets refill by (tests pass a manual one)
   * @param maxBuckets the bound on kept buckets
   */
  public LocalRateLimiter(RateLimits limits, TimeMeter clock, int maxBuckets) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (maxBuckets < 1) {
      throw new IllegalArgumentException("maxBuckets must be positive");
    }
    this.maxBuckets = maxBuckets;
  }

  @Override
  public Decision tryAcquire(String principal, String rateLimitClass) {
    Key key = new Key(principal, rateLimitClass);
    Slot slot = buckets.get(key);
    if (slot == null) {
      if (buckets.size() >= maxBuckets) {
        sweep();
      }
      slot = buckets.computeIfAbsent(key, k -> newSlot(limits.forClass(k.rateLimitClass())));
    }
    slot.lastUsedNanos = clock.currentTimeNanos();
    ConsumptionProbe probe = slot.bucket.tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) {
      return Decision.ALLOW;
    }
    return Decision.reject(Math.max(1, (probe.getNanosToWaitForRefill() + 999_999) / 1_000_000));
  }

  /** How many buckets are kept now. */
  public int size() {
    return buckets.size();
  }

  /** The limits this limiter enforces. */
  public RateLimits limits() {
    return limits;
  }

  private Slot newSlot(RateLimit limit) {
    Bucket bucket =
        Bucket.builder()
            .withCustomTimePrecision(clock)
            .addLimit(
                b ->
                    b.capacity(limit.capacity())
                        .refillGreedy(limit.refillPerMinute(), Duration.ofMinutes(1)))
            .build();
    return new Slot(bucket, limit.capacity());
  }

  /** Drops full buckets, then the least recently used, down to 90 % of the bound. */
  private void sweep() {
    if (!sweeping.tryLock()) {
      return; // another thread is sweeping; the bound is exceeded by at most a few entries
    }
    try {
      int target = Math.max(0, maxBuckets - Math.max(1, maxBuckets / 10));
      buckets.values().removeIf(s -> s.bucket.getAvailableTokens() >= s.capacity);
      if (buckets.size() <= target) {
        return;
      }
      List<Map.Entry<Key, Slot>> entries = new ArrayList<>(buckets.entrySet());
      entries.sort(Comparator.comparingLong(e -> e.getValue().lastUsedNanos));
      for (int i = 0; i < entries.size() && buckets.size() > target; i++) {
        buckets.remove(entries.get(i).getKey(), entries.get(i).getValue());
      }
    } finally {
      sweeping.unlock();
    }
  }
}
