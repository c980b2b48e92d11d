package dev.airflowmcp.runtime.server;

import dev.airflowmcp.runtime.airflow.AirflowTransportConfig;
import dev.airflowmcp.runtime.airflow.Resilience;
import dev.airflowmcp.runtime.ratelimit.RateLimits;
import dev.airflowmcp.runtime.tool.RateLimit;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the operator set to protect Airflow: rate-limit overrides and backend, the bulkhead, the
 * call deadline.
 *
 * @param rateLimits limits by class that override the tool spec's ({@value RateLimits#ALL_CLASSES}
 *     for every class)
 * @param rateLimitsOff whether rate limiting is switched off
 * @param redisUri where shared buckets live, or {@code null} to keep them in memory
 * @param maxConcurrentCalls requests to Airflow in flight at once
 * @param requestTimeout the deadline of one Airflow call, retries included
 */
public record ServerLimits(
    Map<String, RateLimit> rateLimits,
    boolean rateLimitsOff,
    String redisUri,
    int maxConcurrentCalls,
    Duration requestTimeout) {

  /** Tool-spec limits in memory, {@value Resilience#DEFAULT_MAX_CONCURRENT_CALLS} calls, 30 s. */
  public static final ServerLimits DEFAULTS =
      new ServerLimits(
          Map.of(),
          false,
          null,
          Resilience.DEFAULT_MAX_CONCURRENT_CALLS,
          AirflowTransportConfig.DEFAULT_REQUEST_TIMEOUT);

  public ServerLimits {
    rateLimits = Map.copyOf(rateLimits);
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (maxConcurrentCalls < 1) {
      throw new IllegalArgumentException("maxConcurrentCalls must be positive");
    }
  }

  /** Never prints the Redis URI's password. */
  @Override
  public String toString() {
    return "ServerLimits[rateLimits="
        + (rateLimitsOff ? "off" : new TreeMap<>(rateLimits))
        + ", redis="
        + (redisUri == null ? "unset" : "set")
        + ", maxConcurrentCalls="
        + maxConcurrentCalls
        + ", requestTimeout="
        + requestTimeout.toSeconds()
        + " s]";
  }
}
