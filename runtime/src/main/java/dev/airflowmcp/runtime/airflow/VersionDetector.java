package dev.airflowmcp.runtime.airflow;

import dev.airflowmcp.common.AirflowMajor;
import dev.airflowmcp.runtime.airflow.AirflowCallException.Kind;
import dev.airflowmcp.runtime.auth.AirflowCredentials;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Finds out which Airflow major version the server talks to, once per process.
 *
 * <p>Probes {@code GET /api/v2/version} first, without {@code Authorization} (Airflow 3 serves it
 * unauthenticated), retrying once with the Airflow 3 credentials when it answers 401/403; then
 * {@code GET /api/v1/version} with the Airflow 2 credentials. The first success is cached for the
 * life of this object; a failure is not, so the next call probes again. Concurrent callers share
 * one detection.
 */
public final class VersionDetector {
  private static final Logger LOG = LoggerFactory.getLogger(VersionDetector.class);
  private static final Pattern LEADING_NUMBER = Pattern.compile("^[vV]?(\\d{1,9})(?!\\d)");
  private static final int MAX_VERSION_CHARS = 64;

  private final AirflowTransport client;
  private final Clock clock;
  private final Object lock = new Object();
  private final AtomicBoolean warnedNewerMajor = new AtomicBoolean();
  private volatile AirflowVersion detected;

  /**
   * @param client the transport the probes are sent with
   * @param clock measures how long detection took (logged)
   */
  public VersionDetector(AirflowTransport client, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The Airflow version, probing on the first call (and on every call until a probe succeeds).
   *
   * @param credentials used when a version endpoint requires authentication; may be {@code null}
   * @throws AirflowCallException {@link Kind#VERSION_DETECTION} naming each probe's outcome, or for
   *     an unsupported version
   */
  public AirflowVersion detect(AirflowCredentials credentials) throws AirflowCallException {
    AirflowVersion known = detected;
    if (known != null) {
      return known;
    }
    synchronized (lock) {
      known = detected;
      if (known != null) {
        return known;
      }
      Instant started = clock.instant();
      AirflowVersion version = probeAll(credentials);
      detected = version;
      LOG.info(
          "Airflow {} at {} (REST API {}), detected in {} ms",
          version.version(),
          client.baseUrl(),
          version.major().apiPrefix(),
          Duration.between(started, clock.instant()).toMillis());
      return version;
    }
  }

  /** The version found by an earlier {@link #detect}, without probing. */
  public Optional<AirflowVersion> detected() {
    return Optional.ofNullable(detected);
  }

  private AirflowVersion probeAll(AirflowCredentials credentials) throws AirflowCallException {
    Probe v2 = probe(AirflowMajor.AIRFLOW3, credentials);
    if (v2.version() != null) {
      return v2.version();
    }
    Probe v1 = probe(AirflowMajor.AIRFLOW2, credentials);
    if (v1.version() != null) {
      return v1.version();
    }
    throw new AirflowCallException(
        Kind.VERSION_DETECTION,
        "could not detect the Airflow version at "
            + client.baseUrl()
            + ": "
            + AirflowMajor.AIRFLOW3.apiPrefix()
            + "/version: "
            + v2.outcome()
            + "; "
            + AirflowMajor.AIRFLOW2.apiPrefix()
            + "/version: "
            + v1.outcome());
  }

  /** The probe of one major: {@code GET <prefix>/version}. */
  static AirflowRequest versionRequest(AirflowMajor major) {
    return AirflowRequest.get("get_version", major.apiPrefix() + "/version").build();
  }

  private AirflowResponse getVersion(AirflowMajor major, String authorization)
      throws AirflowCallException {
    return client.send(versionRequest(major), authorization);
  }

  /** One probe: a version, or a short description of why there is none. */
  private record Probe(AirflowVersion version, String outcome) {}

  private Probe probe(AirflowMajor endpoint, AirflowCredentials credentials)
      throws AirflowCallException {
    AirflowResponse response;
    try {
      if (endpoint == AirflowMajor.AIRFLOW3) {
        response = getVersion(endpoint, null);
        if ((response.status() == 401 || response.status() == 403) && credentials != null) {
          response = getVersion(endpoint, credentials.authorization(endpoint));
        }
      } else {
        response =
            getVersion(endpoint, credentials == null ? null : credentials.authorization(endpoint));
      }
    } catch (AirflowCallException e) {
      return new Probe(null, outcome(e));
    }
    if (response.status() != 200) {
      return new Probe(null, "HTTP " + response.status());
    }
    JsonNode body = JsonBodies.object(response);
    JsonNode version = body == null ? null : body.get("version");
    if (version == null || !version.isString()) {
      return new Probe(null, "not a JSON version answer");
    }
    return new Probe(toVersion(clean(version.asString())), null);
  }

  private AirflowVersion toVersion(String version) throws AirflowCallException {
    Matcher m = LEADING_NUMBER.matcher(version);
    int major = m.find() ? Integer.parseInt(m.group(1)) : -1;
    if (major == 2) {
      return new AirflowVersion(version, AirflowMajor.AIRFLOW2);
    }
    if (major >= 3) {
      if (major > 3 && warnedNewerMajor.compareAndSet(false, true)) {
        LOG.warn(
            "Airflow {} at {} is newer than the versions this server was built for (2, 3);"
                + " using the Airflow 3 API",
            version,
            client.baseUrl());
      }
      return new AirflowVersion(version, AirflowMajor.AIRFLOW3);
    }
    throw new AirflowCallException(
        Kind.VERSION_DETECTION,
        "unsupported Airflow version "
            + (version.isEmpty() ? "(empty)" : version)
            + " at "
            + client.baseUrl()
            + " (Airflow 2 and 3 are supported)");
  }

  private static String outcome(AirflowCallException e) {
    switch (e.kind()) {
      case CONNECT:
        return "could not connect";
      case TIMEOUT:
        return "timed out";
      case AUTH:
        return "could not authenticate (" + e.getMessage() + ")";
      case REFUSED:
        return "refused";
      case BUSY:
        return "not sent: this server's limit of concurrent Airflow calls was reached";
      default:
        return "not a JSON version answer";
    }
  }

  /** Untrusted text from the server: control characters removed, length capped. */
  private static String clean(String version) {
    String text = version.replaceAll("\\p{Cntrl}", "").strip();
    return text.length() <= MAX_VERSION_CHARS ? text : text.substring(0, MAX_VERSION_CHARS) + "…";
  }
}
