package dev.airflowmcp.runtime.server;

import dev.airflowmcp.runtime.auth.AccessTokenValidator;
import dev.airflowmcp.runtime.auth.AirflowCredentials;
import dev.airflowmcp.runtime.auth.PassthroughCredentials;
import dev.airflowmcp.runtime.auth.TokenRejectedException;
import dev.airflowmcp.runtime.auth.TokenRejectedException.Reason;
import dev.airflowmcp.runtime.server.HttpAuthSettings.Mode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, per HTTP request and before anything reaches Airflow, which Airflow credentials the
 * request acts with, or how it is refused (status, {@code WWW-Authenticate} challenge, body), for
 * the configured {@link Mode}:
 *
 * <ul>
 *   <li>{@code passthrough}: the caller's own {@code Authorization} header, else 401;
 *   <li>{@code oauth}: a bearer JWT that {@link AccessTokenValidator} accepts, passed on as it is;
 *       identity (rate limits, audit) = the token's subject; otherwise 401 ({@code invalid_token}),
 *       403 ({@code insufficient_scope}) or 503 (the issuer's keys cannot be fetched);
 *   <li>{@code service-account}: the caller's own header, else the service credentials.
 * </ul>
 *
 * <p>401 and 403 challenges name the protected resource metadata when an authorization server is
 * configured (RFC 9728 section 5.1) and the required scopes. Refused tokens are logged by reason
 * (at most once a minute per reason, with a count), never with any part of the token.
 */
final class HttpAuthenticator {
  private static final Logger LOG = LoggerFactory.getLogger(HttpAuthenticator.class);
  private static final Duration LOG_INTERVAL = Duration.ofMinutes(1);

  /** What to do with a request. */
  sealed interface Decision permits Allowed, Refused {}

  /** Serve it with these credentials. */
  record Allowed(AirflowCredentials credentials) implements Decision {
    Allowed {
      Objects.requireNonNull(credentials, "credentials");
    }
  }

  /**
   * Answer without serving.
   *
   * @param status HTTP status
   * @param challenge the {@code WWW-Authenticate} value, or null
   * @param error the body's {@code error}
   * @param description the body's {@code error_description}, or null
   */
  record Refused(int status, String challenge, String error, String description)
      implements Decision {}

  private final Mode mode;
  private final AirflowCredentials service;
  private final AccessTokenValidator validator;
  private final String resourceMetadataUrl;
  private final List<String> scopes;
  private final Clock clock;
  private final Map<Reason, Instant> lastLogged = new EnumMap<>(Reason.class);
  private final Map<Reason, Integer> unlogged = new EnumMap<>(Reason.class);

  /**
   * @param service the service credentials ({@code service-account} mode only; ignored otherwise)
   * @param validator the token validator ({@code oauth} mode only)
   * @param resourceMetadataUrl the protected resource metadata URL, or null when none is served
   * @param scopes the scopes named in challenges
   * @throws IllegalStateException when the mode lacks what it needs
   */
  HttpAuthenticator(
      Mode mode,
      AirflowCredentials service,
      AccessTokenValidator validator,
      String resourceMetadataUrl,
      List<String> scopes,
      Clock clock) {
    this.mode = Objects.requireNonNull(mode, "mode");
    if (mode == Mode.SERVICE_ACCOUNT && service == null) {
      throw new IllegalStateException(
          "--http-auth service-account needs service credentials (AIRFLOW_AUTH_TOKEN, or"
              + " AIRFLOW_USERNAME and AIRFLOW_PASSWORD)");
    }
    if (mode == Mode.OAUTH && validator == null) {
      throw new IllegalStateException("--http-auth oauth needs a token validator");
    }
    this.service = mode == Mode.SERVICE_ACCOUNT ? service : null;
    this.validator = validator;
    this.resourceMetadataUrl = resourceMetadataUrl;
    this.scopes = List.copyOf(scopes);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  Mode mode() {
    return mode;
  }

  /** The decision for a request with this {@code Authorization} header (null when absent). */
  Decision decide(String authorization) {
    boolean present = authorization != null && !authorization.isBlank();
    return switch (mode) {
      case PASSTHROUGH -> present ? passthrough(authorization) : missing();
      case SERVICE_ACCOUNT -> present ? passthrough(authorization) : new Allowed(service);
      case OAUTH -> present ? bearer(authorization) : missing();
    };
  }

  private Decision passthrough(String authorization) {
    try {
      return new Allowed(new PassthroughCredentials(authorization));
    } catch (IllegalArgumentException e) {
      return new Refused(
          401, challenge(null, null), "invalid_request", "malformed Authorization header");
    }
  }

  private Decision bearer(String authorization) {
    String value = authorization.strip();
    int space = value.indexOf(' ');
    if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
      // Another scheme (Basic, ...) is no OAuth token: answer as if none was sent.
      return missing();
    }
    String token = value.substring(space + 1).strip();
    try {
      AccessTokenValidator.ValidatedToken valid = validator.validate(token);
      return new Allowed(new PassthroughCredentials("Bearer " + token, valid.principal()));
    } catch (TokenRejectedException e) {
      Reason reason = e.reason();
      note(reason);
      return switch (reason) {
        case INSUFFICIENT_SCOPE ->
            new Refused(
                403,
                challenge("insufficient_scope", reason.description()),
                "insufficient_scope",
                reason.description());
        case KEYS_UNAVAILABLE ->
            new Refused(503, null, "temporarily_unavailable", reason.description());
        default ->
            new Refused(
                401,
                challenge("invalid_token", reason.description()),
                "invalid_token",
                reason.description());
      };
    } catch (IllegalArgumentException e) {
      return new Refused(
          401, challenge("invalid_token", "malformed token"), "invalid_token", "malformed token");
    }
  }

  private Decision missing() {
    String message =
        mode == Mode.OAUTH
            ? "send an OAuth access token (Authorization: Bearer ...)"
            : "send your Airflow credentials in the Authorization header";
    return new Refused(401, challenge(null, null), message, null);
  }

  /**
   * {@code Bearer} with {@code resource_metadata}, {@code scope}, {@code error} and {@code
   * error_description} where known (RFC 6750 section 3, RFC 9728 section 5.1). The values are fixed
   * strings and configured URLs and scopes, which hold no quote or backslash.
   */
  String challenge(String error, String description) {
    StringBuilder b = new StringBuilder("Bearer");
    String sep = " ";
    if (resourceMetadataUrl != null) {
      b.append(sep).append("resource_metadata=\"").append(resourceMetadataUrl).append('"');
      sep = ", ";
    }
    if (!scopes.isEmpty()) {
      b.append(sep).append("scope=\"").append(String.join(" ", scopes)).append('"');
      sep = ", ";
    }
    if (error != null) {
      b.append(sep).append("error=\"").append(error).append('"');
      sep = ", ";
      if (description != null) {
        b.append(sep).append("error_description=\"").append(description).append('"');
      }
    }
    return b.toString();
  }

  /** Logs a refused token by reason: the first at once, then at most once a minute, counted. */
  private void note(Reason reason) {
    Instant now = clock.instant();
    int suppressed;
    synchronized (lastLogged) {
      Instant last = lastLogged.get(reason);
      if (last != null && now.isBefore(last.plus(LOG_INTERVAL))) {
        unlogged.merge(reason, 1, Integer::sum);
        return;
      }
      lastLogged.put(reason, now);
      Integer n = unlogged.remove(reason);
      suppressed = n == null ? 0 : n;
    }
    if (reason == Reason.KEYS_UNAVAILABLE) {
      LOG.warn("HTTP request refused with 503: {}", reason.description());
    } else if (suppressed == 0) {
      LOG.warn("HTTP request refused: {}", reason.description());
    } else {
      LOG.warn(
          "HTTP request refused: {} (and {} more for this reason in the last minute)",
          reason.description(),
          suppressed);
    }
  }
}
