package dev.airflowmcp.runtime.auth;

import dev.airflowmcp.common.AirflowMajor;
import dev.airflowmcp.runtime.airflow.AirflowCallException;
import dev.airflowmcp.runtime.airflow.AirflowCallException.Kind;
import dev.airflowmcp.runtime.airflow.AirflowResponse;
import dev.airflowmcp.runtime.airflow.AirflowTransport;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A username and password ({@code AIRFLOW_USERNAME} / {@code AIRFLOW_PASSWORD}).
 *
 * <ul>
 *   <li>Airflow 2: {@code Authorization: Basic base64(user:password)} on every request.
 *   <li>Airflow 3: a token from {@code POST /auth/token} (JSON {@code {"username", "password"}}),
 *       sent as {@code Authorization: Bearer <token>}. The token's expiry is its JWT {@code exp}
 *       claim, else the answer's {@code expires_in}, else 15 minutes; it is replaced before it
 *       expires (when less than max(30 s, 10% of its lifetime) remains, at most half of it) and
 *       after Airflow answers 401. Only one token request runs at a time.
 * </ul>
 *
 * <p>The password and tokens never appear in messages, logs or {@link #toString()}.
 */
public final class PasswordCredentials implements AirflowCredentials {

  /** Lifetime assumed for a token that states none. */
  static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(15);

  /** Refresh at least this long before expiry. */
  static final Duration MIN_REFRESH_MARGIN = Duration.ofSeconds(30);

  private final AirflowTransport client;
  private final String username;
  private final String password;
  private final Clock clock;
  private final String basicHeader;
  private final Object lock = new Object();
  private volatile Token token;

  /** A token and the instant from which it should be replaced. */
  private record Token(String header, Instant refreshAt) {
    @Override
    public String toString() {
      return "Token[refreshAt=" + refreshAt + "]";
    }
  }

  /**
   * @param client the transport whose {@link AirflowTransport#postJson} reaches {@code /auth/token}
   * @param clock the clock token expiry is measured with
   * @throws IllegalArgumentException when the username or password is empty
   */
  public PasswordCredentials(
      AirflowTransport client, String username, String password, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (username == null || username.isBlank()) {
      throw new IllegalArgumentException("the Airflow username is empty");
    }
    if (password == null || password.isEmpty()) {
      throw new IllegalArgumentException("the Airflow password is empty");
    }
    this.username = username;
    this.password = password;
    // RFC 7617: a user-id containing ':' cannot be sent with Basic auth.
    this.basicHeader =
        username.indexOf(':') >= 0
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String authorization(AirflowMajor major) throws AirflowCallException {
    if (major == AirflowMajor.AIRFLOW2) {
      if (basicHeader == null) {
        throw new AirflowCallException(
            Kind.AUTH, "a username containing ':' cannot be sent with HTTP Basic auth (Airflow 2)");
      }
      return basicHeader;
    }
    Token current = token;
    if (current != null && !clock.instant().isAfter(current.refreshAt())) {
      return current.header();
    }
    synchronized (lock) {
      current = token;
      if (current != null && !clock.instant().isAfter(current.refreshAt())) {
        return current.header();
      }
      Token fresh = fetchToken();
      token = fresh;
      return fresh.header();
    }
  }

  /**
   * For a bearer token: forgets it if it is still the cached one (the next {@link #authorization}
   * fetches a new one) and returns true; a token another thread already replaced also returns true.
   * For Basic (or no header) returns false: a retry cannot help.
   */
  @Override
  public boolean refreshAfterUnauthorized(String rejectedHeader) {
    if (rejectedHeader == null || !rejectedHeader.startsWith("Bearer ")) {
      return false;
    }
    synchronized (lock) {
      Token current = token;
      if (current != null && Fingerprint.sameHeader(current.header(), rejectedHeader)) {
        token = null;
      }
    }
    return true;
  }

  /** {@code user:} and the username. */
  @Override
  public String principal() {
    return "user:" + username;
  }

  @Override
  public String toString() {
    return "PasswordCredentials[user=" + username + "]";
  }

  private Token fetchToken() throws AirflowCallException {
    ObjectNode body = JsonMapper.shared().createObjectNode();
    body.put("username", username);
    body.put("password", password);
    Instant sentAt = clock.instant();
    AirflowResponse response =
        client.postJson(AirflowTransport.TOKEN_PATH, JsonMapper.shared().writeValueAsString(body));
    if (!response.isSuccess()) {
      throw new AirflowCallException(Kind.AUTH, refusal(response.status()));
    }
    JsonNode answer;
    try {
      answer = JsonMapper.shared().readTree(response.body());
    } catch (JacksonException e) {
      answer = null;
    }
    JsonNode accessToken = answer != null && answer.isObject() ? answer.get("access_token") : null;
    if (accessToken == null || !accessToken.isString() || !isHeaderSafe(accessToken.asString())) {
      throw new AirflowCallException(
          Kind.AUTH,
          "Airflow's answer from " + AirflowTransport.TOKEN_PATH + " has no usable access_token");
    }
    String value = accessToken.asString();
    Instant expiresAt = jwtExpiry(value, sentAt);
    if (expiresAt == null) {
      expiresAt = expiresIn(answer.get("expires_in"), sentAt);
    }
    if (expiresAt == null) {
      expiresAt = sentAt.plus(DEFAULT_LIFETIME);
    }
    Duration lifetime = Duration.between(sentAt, expiresAt);
    Duration margin = lifetime.dividedBy(10);
    if (margin.compareTo(MIN_REFRESH_MARGIN) < 0) {
      margin = MIN_REFRESH_MARGIN;
    }
    Duration half = lifetime.dividedBy(2);
    if (margin.compareTo(half) > 0) {
      margin = half;
    }
    return new Token("Bearer " + value, expiresAt.minus(margin));
  }

  private static String refusal(int status) {
    if (status == 400 || status == 401 || status == 403 || status == 422) {
      return "Airflow refused the username/password at "
          + AirflowTransport.TOKEN_PATH
          + " (HTTP "
          + status
          + ")";
    }
    return "Airflow did not issue a token at "
        + AirflowTransport.TOKEN_PATH
        + " (HTTP "
        + status
        + ")";
  }

  /** The {@code exp} claim of a JWT (signature not checked), if it lies after {@code sentAt}. */
  private static Instant jwtExpiry(String token, Instant sentAt) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      return null;
    }
    try {
      JsonNode claims = JsonMapper.shared().readTree(Base64.getUrlDecoder().decode(parts[1]));
      JsonNode exp = claims == null || !claims.isObject() ? null : claims.get("exp");
      if (exp == null || !exp.isNumber()) {
        return null;
      }
      Instant at = Instant.ofEpochSecond(exp.asLong());
      return at.isAfter(sentAt) ? at : null;
    } catch (IllegalArgumentException | JacksonException | DateTimeException e) {
      return null;
    }
  }

  private static Instant expiresIn(JsonNode expiresIn, Instant sentAt) {
    if (expiresIn == null || !expiresIn.isNumber()) {
      return null;
    }
    long seconds = expiresIn.asLong();
    return seconds > 0 ? sentAt.plusSeconds(seconds) : null;
  }

  private static boolean isHeaderSafe(String value) {
    if (value.isBlank()) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= 0x20 || c == 0x7F) {
        return false;
      }
    }
    return true;
  }
}
