package dev.airflowmcp.runtime.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airflowmcp.runtime.ratelimit.RateLimiter.Decision;
import dev.airflowmcp.runtime.tool.RateLimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class LocalRateLimiterTest {
  private final ManualClock clock = new ManualClock();

  private LocalRateLimiter limiter(int maxBuckets) {
    return new LocalRateLimiter(
        RateLimits.resolve(
            Map.of("list", new RateLimit(3, 60), "logs", new RateLimit(1, 6)), Map.of()),
        clock,
        maxBuckets);
  }

  private static int allowed(LocalRateLimiter limiter, String principal, String cls, int tries) {
    int n = 0;
    for (int i = 0; i < tries; i++) {
      if (limiter.tryAcquire(principal, cls).allowed()) {
        n++;
      }
    }
    return n;
  }

  @Test
  void aBurstOfCapacityThenRejectionsSayingHowLongToWait() {
    LocalRateLimiter limiter = limiter(100);
    assertThat(allowed(limiter, "caller:a", "list", 3)).isEqualTo(3);
    Decision refused = limiter.tryAcquire("caller:a", "list");
    assertThat(refused.allowed()).isFalse();
    // 60 per minute: one token per second.
    assertThat(refused.retryAfterMillis()).isBetween(999L, 1000L);

    clock.advance(Duration.ofMillis(400));
    assertThat(limiter.tryAcquire("caller:a", "list").retryAfterMillis()).isBetween(599L, 600L);
    clock.advance(Duration.ofMillis(600));
    assertThat(limiter.tryAcquire("caller:a", "list").allowed()).isTrue();
    assertThat(limiter.tryAcquire("caller:a", "list").allowed()).isFalse();
  }

  @Test
  void refillsContinuouslyUpToCapacityOnly() {
    LocalRateLimiter limiter = limiter(100);
    allowed(limiter, "caller:a", "list", 3);
    clock.advance(Duration.ofMinutes(10));
    assertThat(allowed(limiter, "caller:a", "list", 10)).isEqualTo(3);
  }

  @Test
  void eachIdentityAndClassHasItsOwnBucket() {
    LocalRateLimiter limiter = limiter(100);
    assertThat(allowed(limiter, "caller:a", "list", 5)).isEqualTo(3);
    assertThat(allowed(limiter, "caller:b", "list", 5)).isEqualTo(3);
    assertThat(allowed(limiter, "caller:a", "logs", 5)).isEqualTo(1);
    assertThat(allowed(limiter, "caller:a", "unknown", 40))
        .as("a class without a limit gets the built-in 30")
        .isEqualTo(30);
    assertThat(limiter.size()).isEqualTo(4);
  }

  @Test
  void concurrentCallersNeverGetMoreThanTheCapacity() throws Exception {
    LocalRateLimiter limiter =
        new LocalRateLimiter(RateLimits.uniform(new RateLimit(500, 1)), clock, 100);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Integer>> tasks = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        tasks.add(() -> allowed(limiter, "caller:a", "list", 1_000));
      }
      int total = 0;
      for (Future<Integer> f : pool.invokeAll(tasks)) {
        total += f.get();
      }
      assertThat(total).isEqualTo(500);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void manyIdentitiesKeepTheNumberOfBucketsBounded() {
    LocalRateLimiter limiter = limiter(100);
    for (int i = 0; i < 5_000; i++) {
      limiter.tryAcquire("caller:" + i, "list");
      assertThat(limiter.size()).isLessThanOrEqualTo(100);
    }
  }

  @Test
  void fullBucketsGoFirstSoActiveLimitsSurviveTheSweep() {
    LocalRateLimiter limiter = limiter(10);
    // Nine identities call once; three seconds later their buckets are full again.
    for (int i = 0; i < 9; i++) {
      limiter.tryAcquire("caller:" + i, "list");
    }
    clock.advance(Duration.ofSeconds(3));
    // One identity drains its bucket: this state must not be forgotten.
    assertThat(allowed(limiter, "caller:busy", "list", 3)).isEqualTo(3);
    // A new identity triggers the sweep: the nine full buckets go, the drained one stays.
    limiter.tryAcquire("caller:new", "list");
    assertThat(limiter.size()).isEqualTo(2);
    assertThat(limiter.tryAcquire("caller:busy", "list").allowed()).isFalse();
  }

  @Test
  void whenNothingIsFullTheLeastRecentlyUsedGo() {
    LocalRateLimiter limiter = limiter(10);
    for (int i = 0; i < 10; i++) {
      allowed(limiter, "caller:" + i, "list", 3);
      clock.advance(Duration.ofMillis(1));
    }
    limiter.tryAcquire("caller:new", "list");
    assertThat(limiter.size()).as("the oldest was dropped, the new one added").isEqualTo(10);
    // The most recently used (drained) identities are still limited.
    assertThat(limiter.tryAcquire("caller:9", "list").allowed()).isFalse();
    // The oldest were dropped and start over with a full bucket.
    assertThat(limiter.tryAcquire("caller:0", "list").allowed()).isTrue();
  }
}
