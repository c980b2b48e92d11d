package dev.airflowmcp.runtime.server;

import dev.airflowmcp.common.AirflowMajor;
import dev.airflowmcp.runtime.airflow.AirflowCallException;
import dev.airflowmcp.runtime.airflow.AirflowRequest;
import dev.airflowmcp.runtime.airflow.AirflowResponse;
import dev.airflowmcp.runtime.airflow.AirflowTransport;
import dev.airflowmcp.runtime.airflow.VersionDetector;
import dev.airflowmcp.runtime.auth.AirflowCredentials;
import dev.airflowmcp.runtime.ratelimit.RedisRateLimiter;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The readiness check: Airflow's API server answers and its version is detected, and Redis answers
 * when rate limits are shared through it.
 *
 * <p>Airflow is reached through its unauthenticated health endpoint ({@code /api/v2/monitor/health}
 * on Airflow 3, {@code /api/v1/health} on Airflow 2); any 200 answer counts, whatever it says about
 * the scheduler (a server that can report a broken scheduler is useful). The version is detected as
 * for tool calls, with the service credentials; a server without them on Airflow 2 (whose version
 * endpoint needs a caller's credentials) counts as detected once the Airflow 2 health endpoint
 * answers, and detects the full version on its first call. Reasons go to the log, never into the
 * HTTP answer.
 */
final class AirflowReadiness implements BooleanSupplier {
  private static final Logger LOG = LoggerFactory.getLogger(AirflowReadiness.class);

  private final AirflowTransport http;
  private final VersionDetector versions;
  private final AirflowCredentials service;
  private final RedisRateLimiter redis;
  private volatile String lastProblem;

  /**
   * @param http sends the health request
   * @param versions the pipeline's version detector
   * @param service the service credentials, or null
   * @param redis the shared rate limiter, or null
   */
  AirflowReadiness(
      AirflowTransport http,
      VersionDetector versions,
      AirflowCredentials service,
      RedisRateLimiter redis) {
    this.http = http;
    this.versions = versions;
    this.service = service;
    this.redis = redis;
  }

  @Override
  public boolean getAsBoolean() {
    String problem = problem();
    if (problem != null && !problem.equals(lastProblem)) {
      LOG.warn("not ready: {}", problem);
    }
    lastProblem = problem;
    return problem == null;
  }

  /** What keeps the server from being ready, or null. */
  String problem() {
    AirflowMajor major;
    String detection = null;
    try {
      major = versions.detect(service).major();
    } catch (AirflowCallException e) {
      major = null;
      detection = e.kind().name();
    }
    if (major != null) {
      String health = health(major);
      if (health != null) {
        return "Airflow's health endpoint " + health;
      }
    } else if (service != null || health(AirflowMajor.AIRFLOW2) != null) {
      // With credentials the version must be known; without, only Airflow 2 (whose version
      // endpoint needs a caller's token) is accepted undetected.
      return "the Airflow version could not be detected (" + detection + ")";
    }
    if (redis != null && !redis.reachable()) {
      return "Redis, which shares the rate limits, does not answer";
    }
    return null;
  }

  /** Null when the major's health endpoint answers 200, else why not. */
  private String health(AirflowMajor major) {
    String path =
        major == AirflowMajor.AIRFLOW3
            ? major.apiPrefix() + "/monitor/health"
            : major.apiPrefix() + "/health";
    try {
      AirflowResponse r = http.send(AirflowRequest.get("get_health", path).build(), null);
      return r.status() == 200 ? null : "answered HTTP " + r.status();
    } catch (AirflowCallException e) {
      return "failed (" + e.kind().name() + ")";
    }
  }
}
