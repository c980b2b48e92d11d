package dev.airflowmcp.runtime.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airflowmcp.runtime.ratelimit.RateLimiter.Decision;
import dev.airflowmcp.runtime.tool.RateLimit;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** Against a real redis-server started on a free port. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class RedisRateLimiterTest {
  private static final RateLimits FIVE_PER_MINUTE =
      RateLimits.resolve(Map.of("list", new RateLimit(5, 1)), Map.of());

  private RedisServer redis;
  private RedisClient admin;
  private StatefulRedisConnection<String, String> adminConnection;

  @BeforeAll
  void startRedis() throws Exception {
    redis = RedisServer.start();
    admin = RedisClient.create(redis.uri());
    adminConnection = admin.connect();
  }

  @AfterAll
  void stopRedis() throws Exception {
    if (adminConnection != null) {
      adminConnection.close();
      admin.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
    if (redis != null) {
      redis.close();
    }
  }

  @BeforeEach
  void emptyRedis() {
    adminConnection.sync().flushall();
  }

  private RedisRateLimiter limiter(RateLimits limits, RateLimiter fallback) {
    return RedisRateLimiter.connect(redis.uri(), limits, fallback, Duration.ofMillis(200));
  }

  private static int allowed(RateLimiter limiter, String principal, String cls, int tries) {
    int n = 0;
    for (int i = 0; i < tries; i++) {
      if (limiter.tryAcquire(principal, cls).allowed()) {
        n++;
      }
    }
    return n;
  }

  @Test
  void twoServersShareOneQuota() {
    try (RedisRateLimiter a = limiter(FIVE_PER_MINUTE, RateLimiter.UNLIMITED);
        RedisRateLimiter b = limiter(FIVE_PER_MINUTE, RateLimiter.UNLIMITED)) {
      int total = 0;
      for (int i = 0; i < 10; i++) {
        total += allowed(a, "caller:abc", "list", 1) + allowed(b, "caller:abc", "list", 1);
      }
      assertThat(total).isEqualTo(5);
      Decision refused = b.tryAcquire("caller:abc", "list");
      assertThat(refused.allowed()).isFalse();
      // One token a minute: the next one is most of a minute away.
      assertThat(refused.retryAfterMillis()).isBetween(50_000L, 60_000L);
      assertThat(a.usingFallback()).isFalse();
      assertThat(b.usingFallback()).isFalse();
    }
  }

  @Test
  void reachableAnswersWhetherRedisAnswersAPing() throws Exception {
    try (RedisRateLimiter a = limiter(FIVE_PER_MINUTE, RateLimiter.UNLIMITED)) {
      assertThat(a.reachable()).isTrue();
    }
    try (RedisServer other = RedisServer.start()) {
      RedisRateLimiter b =
          RedisRateLimiter.connect(other.uri(), FIVE_PER_MINUTE, RateLimiter.UNLIMITED);
      try {
        assertThat(b.reachable()).isTrue();
        other.stop();
        assertThat(b.reachable()).isFalse();
      } finally {
        b.close();
      }
    }
  }

  @Test
  void identitiesAndClassesHaveTheirOwnBuckets() {
    try (RedisRateLimiter a = limiter(FIVE_PER_MINUTE, RateLimiter.UNLIMITED)) {
      assertThat(allowed(a, "caller:one", "list", 8)).isEqualTo(5);
      assertThat(allowed(a, "caller:two", "list", 8)).isEqualTo(5);
      assertThat(allowed(a, "caller:one", "other", 40)).as("built-in 30").isEqualTo(30);
    }
  }

  @Test
  void keysNameTheClassLimitAndIdentityOnlyAndExpire() {
    try (RedisRateLimiter a = limiter(FIVE_PER_MINUTE, RateLimiter.UNLIMITED)) {
      a.tryAcquire("caller:0123456789ab", "list");
      RedisCommands<String, String> sync = adminConnection.sync();
      List<String> keys = sync.keys("*");
      assertThat(keys).containsExactly("airflow-mcp:rate:list:5/1:caller:0123456789ab");
      long ttl = sync.pttl(keys.get(0));
      // Time to refill to full (one token: 60 s) plus Bucket4j's 10 s margin, at most.
      assertThat(ttl).isBetween(1L, 70_000L);
    }
  }

  @Test
  void whenRedisGoesAwayTheFallbackDecidesAndSharingResumesWhenItIsBack() throws Exception {
    LocalRateLimiter fallback = new LocalRateLimiter(RateLimits.uniform(new RateLimit(2, 1)));
    try (RedisRateLimiter a = limiter(FIVE_PER_MINUTE, fallback)) {
      assertThat(allowed(a, "caller:x", "list", 1)).isEqualTo(1);
      redis.stop();
      try {
        long started = System.nanoTime();
        assertThat(allowed(a, "caller:x", "list", 10))
            .as("the fallback's own limit still applies")
            .isEqualTo(2);
        assertThat(a.usingFallback()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started))
            .as("a dead Redis does not stall calls")
            .isLessThan(Duration.ofSeconds(5));
      } finally {
        redis.restart();
      }
      // Redis is tried again after the pause; its buckets are empty after the restart.
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (a.usingFallback() && System.nanoTime() < deadline) {
        Thread.sleep(100);
        a.tryAcquire("caller:probe", "list");
      }
      assertThat(a.usingFallback()).isFalse();
      assertThat(allowed(a, "caller:y", "list", 10)).isEqualTo(5);
    } finally {
      adminConnection.sync().ping(); // the admin connection reconnected too
    }
  }

  @Test
  void anUnreachableRedisAtStartLeavesTheFallbackInCharge() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    LocalRateLimiter fallback = new LocalRateLimiter(RateLimits.uniform(new RateLimit(3, 1)));
    try (RedisRateLimiter a =
        RedisRateLimiter.connect(
            "redis://127.0.0.1:" + closed, FIVE_PER_MINUTE, fallback, Duration.ofMillis(200))) {
      assertThat(a.usingFallback()).isTrue();
      assertThat(allowed(a, "caller:x", "list", 10)).isEqualTo(3);
    }
  }

  @Test
  void badUrisAreRejectedWithoutRepeatingThem() {
    for (String uri :
        List.of(
            "http://user:s3cret@host:6379",
            "redis://user:s3cret@[::1",
            "s3cret",
            "redis://user:s3cret@host:notaport")) {
      assertThatThrownBy(() -> RedisRateLimiter.parse(uri))
          .isInstanceOf(IllegalArgumentException.class)
          .message()
          .doesNotContain("s3cret")
          .contains("Redis URI");
    }
    assertThat(RedisRateLimiter.parse("redis://:pw@localhost:6380/2").getPort()).isEqualTo(6380);
    assertThat(RedisRateLimiter.parse("rediss://localhost").getHost()).isEqualTo("localhost");
  }
}
