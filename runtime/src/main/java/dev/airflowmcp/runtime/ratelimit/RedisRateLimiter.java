package dev.airflowmcp.runtime.ratelimit;

import dev.airflowmcp.runtime.tool.RateLimit;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token buckets in Redis (Bucket4j's compare-and-swap buckets over Lettuce), shared by every server
 * replica that uses the same Redis: one global quota per identity × rate-limit class. Keys are
 * {@code airflow-mcp:rate:<class>:<capacity>/<per minute>:<identity>} (identities are hashes, never
 * credentials) and expire once their bucket would be full again, so Redis holds only active
 * callers. Replicas share a bucket only when they run with the same limit for its class.
 *
 * <p>When Redis cannot be reached or answers too slowly, calls are decided by a per-server fallback
 * limiter (the same limits, kept in this JVM) and Redis is tried again 5 s later (one call probes
 * it): an outage loosens the limits to per-replica ones, it never stops the server or lets calls
 * through unlimited. Both transitions are logged once.
 */
public final class RedisRateLimiter implements RateLimiter, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RedisRateLimiter.class);
  private static final Set<String> SCHEMES = Set.of("redis", "rediss", "redis-socket");

  /** How long the fallback decides after a Redis failure before Redis is tried again. */
  static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(5);

  /** The longest a Redis round trip may take before the fallback decides. */
  static final Duration COMMAND_TIMEOUT = Duration.ofMillis(500);

  /**
   * How long the first connection, made while the server starts, may take: it also loads and starts
   * the Redis client, which takes longer than a round trip on a busy machine. Later connections (a
   * call probing Redis after a failure) wait {@link #COMMAND_TIMEOUT}.
   */
  static final Duration FIRST_CONNECT_TIMEOUT = Duration.ofSeconds(2);

  private final RateLimits limits;
  private final RateLimiter fallback;
  private final ClientResources resources;
  private final RedisClient client;
  private final RedisURI uri;
  private final String where;
  private final Map<String, BucketConfiguration> configurations = new ConcurrentHashMap<>();
  private final AtomicBoolean down = new AtomicBoolean();
  private final AtomicBoolean probing = new AtomicBoolean();
  private final Object connecting = new Object();
  private volatile ProxyManager<byte[]> buckets;
  private volatile StatefulRedisConnection<byte[], byte[]> connection;
  private volatile long retryAtNanos;
  private final Duration retryAfterFailure;

  private RedisRateLimiter(
      RateLimits limits,
      RateLimiter fallback,
      RedisURI uri,
      ClientResources resources,
      Duration retryAfterFailure) {
    this.limits = limits;
    this.fallback = fallback;
    this.retryAfterFailure = retryAfterFailure;
    this.resources = resources;
    this.where = describe(uri);
    this.uri = uri;
    this.client = RedisClient.create(resources, uri);
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
            .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).build())
            .build());
  }

  /**
   * A limiter on the Redis at {@code uri} ({@code redis://[user:password@]host[:port][/db]}, {@code
   * rediss://} for TLS). Connects now; when Redis is not reachable yet, starts on the fallback and
   * connects later.
   *
   * @param fallback decides while Redis is unreachable (normally a {@link LocalRateLimiter} with
   *     the same limits)
   * @throws IllegalArgumentException when the URI is not a Redis URI (the message never repeats it:
   *     it may hold a password)
   */
  public static RedisRateLimiter connect(String uri, RateLimits limits, RateLimiter fallback) {
    return connect(uri, limits, fallback, RETRY_AFTER_FAILURE);
  }

  /** As {@link #connect(String, RateLimits, RateLimiter)}, retrying Redis after another pause. */
  static RedisRateLimiter connect(
      String uri, RateLimits limits, RateLimiter fallback, Duration retryAfterFailure) {
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(fallback, "fallback");
    RedisURI parsed = parse(uri);
    ClientResources resources =
        ClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2).build();
    RedisRateLimiter limiter =
        new RedisRateLimiter(limits, fallback, parsed, resources, retryAfterFailure);
    try {
      limiter.buckets(RedisURI.builder(parsed).withTimeout(FIRST_CONNECT_TIMEOUT).build());
      LOG.info("rate limits are shared through Redis at {}", limiter.where);
    } catch (RuntimeException e) {
      limiter.markDown(e);
    }
    return limiter;
  }

  /**
   * Checks a Redis URI without connecting.
   *
   * @throws IllegalArgumentException naming what is wrong, never repeating the URI
   */
  public static RedisURI parse(String uri) {
    if (uri == null || uri.isBlank()) {
      throw new IllegalArgumentException("the Redis URI is empty");
    }
    int colon = uri.indexOf("://");
    String scheme = colon < 0 ? "" : uri.substring(0, colon).strip().toLowerCase(Locale.ROOT);
    if (!SCHEMES.contains(scheme)) {
      throw new IllegalArgumentException(
          "the Redis URI must start with redis://, rediss:// or redis-socket://");
    }
    String invalid =
        "the Redis URI is not valid; use redis://[user:password@]host[:port][/database]";
    if (!scheme.equals("redis-socket")) {
      try {
        if (new java.net.URI(uri.strip()).getHost() == null) {
          throw new IllegalArgumentException(invalid);
        }
      } catch (java.net.URISyntaxException e) {
        throw new IllegalArgumentException(invalid);
      }
    }
    try {
      RedisURI parsed = RedisURI.create(uri.strip());
      parsed.setTimeout(COMMAND_TIMEOUT);
      return parsed;
    } catch (RuntimeException e) {
      // Lettuce's messages may quote the URI, which may hold a password.
      throw new IllegalArgumentException(invalid);
    }
  }

  @Override
  public Decision tryAcquire(String principal, String rateLimitClass) {
    if (!down.get()) {
      return shared(principal, rateLimitClass);
    }
    // While Redis is down, one call at a time probes it when the retry time has come.
    if (System.nanoTime() - retryAtNanos < 0 || !probing.compareAndSet(false, true)) {
      return fallback.tryAcquire(principal, rateLimitClass);
    }
    try {
      return shared(principal, rateLimitClass);
    } finally {
      probing.set(false);
    }
  }

  private Decision shared(String principal, String rateLimitClass) {
    try {
      RateLimit limit = limits.forClass(rateLimitClass);
      ConsumptionProbe probe =
          buckets()
              .builder()
              .build(key(rateLimitClass, limit, principal), () -> configuration(rateLimitClass))
              .tryConsumeAndReturnRemaining(1);
      if (down.compareAndSet(true, false)) {
        LOG.info("Redis at {} is reachable again; rate limits are shared again", where);
      }
      if (probe.isConsumed()) {
        return Decision.ALLOW;
      }
      return Decision.reject(Math.max(1, (probe.getNanosToWaitForRefill() + 999_999) / 1_000_000));
    } catch (RuntimeException e) {
      markDown(e);
      return fallback.tryAcquire(principal, rateLimitClass);
    }
  }

  /** Whether calls are decided by the fallback now because Redis failed. */
  public boolean usingFallback() {
    return down.get();
  }

  /** Whether Redis answers a {@code PING} now (for the readiness probe); never throws. */
  public boolean reachable() {
    try {
      buckets();
      return "PONG".equalsIgnoreCase(connection.sync().ping());
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The limits this limiter enforces. */
  public RateLimits limits() {
    return limits;
  }

  @Override
  public void close() {
    // Shutting the client down closes its connection.
    client.shutdown(0, 2, TimeUnit.SECONDS);
    resources.shutdown(0, 2, TimeUnit.SECONDS);
  }

  private static byte[] key(String rateLimitClass, RateLimit limit, String principal) {
    // The bucket's shape only: a concurrency cap is per server and not part of the shared bucket.
    return ("airflow-mcp:rate:"
            + rateLimitClass
            + ":"
            + limit.capacity()
            + "/"
            + limit.refillPerMinute()
            + ":"
            + principal)
        .getBytes(StandardCharsets.UTF_8);
  }

  private BucketConfiguration configuration(String rateLimitClass) {
    return configurations.computeIfAbsent(
        rateLimitClass,
        c -> {
          RateLimit limit = limits.forClass(c);
          return BucketConfiguration.builder()
              .addLimit(
                  b ->
                      b.capacity(limit.capacity())
                          .refillGreedy(limit.refillPerMinute(), Duration.ofMinutes(1)))
              .build();
        });
  }

  private ProxyManager<byte[]> buckets() {
    return buckets(uri);
  }

  /** The buckets, connecting to {@code target} (the limiter's URI, or it with a longer wait). */
  private ProxyManager<byte[]> buckets(RedisURI target) {
    ProxyManager<byte[]> current = buckets;
    if (current != null) {
      return current;
    }
    synchronized (connecting) {
      if (buckets == null) {
        StatefulRedisConnection<byte[], byte[]> c = client.connect(ByteArrayCodec.INSTANCE, target);
        connection = c;
        buckets =
            Bucket4jLettuce.casBasedBuilder(c)
                .expirationAfterWrite(
                    ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                        Duration.ofSeconds(10)))
                .requestTimeout(COMMAND_TIMEOUT)
                .build();
      }
      return buckets;
    }
  }

  private void markDown(RuntimeException e) {
    retryAtNanos = System.nanoTime() + retryAfterFailure.toNanos();
    if (down.compareAndSet(false, true)) {
      LOG.warn(
          "Redis at {} failed ({}); rate limits are enforced per server until it is back"
              + " (retrying every {} ms)",
          where,
          e.getClass().getSimpleName(),
          retryAfterFailure.toMillis());
    }
  }

  /** {@code host:port/db} or the socket path: never the user or password. */
  private static String describe(RedisURI uri) {
    if (uri.getSocket() != null) {
      return uri.getSocket();
    }
    return uri.getHost() + ":" + uri.getPort() + "/" + uri.getDatabase();
  }
}
