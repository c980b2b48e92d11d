package dev.airflowmcp.runtime.airflow;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How the {@link HttpAirflowTransport} reaches Airflow.
 *
 * @param baseUrl Airflow's base URL (scheme, host, optional port and path prefix), normalised by
 *     {@link #normalizeBaseUrl(String)}
 * @param connectTimeout how long to wait for a TCP/TLS connection
 * @param requestTimeout the deadline of one call: how long to wait for a complete answer, body
 *     included, retries and waits for a bulkhead slot included
 * @param maxResponseBytes the largest answer body that is read; a larger one is refused
 * @param verifyTls whether the server certificate and host name are checked; {@code false} trusts
 *     any certificate (development only)
 * @param caCertificate a PEM file with the certificate(s) to trust instead of the JDK's CAs, or
 *     {@code null} for the JDK default
 * @param allowWrites whether methods other than {@code GET} may be sent
 * @param resilience the bulkhead and the retry policy
 */
public record AirflowTransportConfig(
    URI baseUrl,
    Duration connectTimeout,
    Duration requestTimeout,
    int maxResponseBytes,
    boolean verifyTls,
    Path caCertificate,
    boolean allowWrites,
    Resilience resilience) {

  /** Default connect timeout: 10 s. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** Default deadline of one call, retries included: 30 s. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /** Default body cap: 8 MiB. */
  public static final int DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

  public AirflowTransportConfig {
    Objects.requireNonNull(baseUrl, "baseUrl");
    baseUrl = URI.create(normalizeBaseUrl(baseUrl.toString()));
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(requestTimeout, "requestTimeout");
    if (maxResponseBytes <= 0 || maxResponseBytes == Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "maxResponseBytes must be between 1 and " + (Integer.MAX_VALUE - 1));
    }
    if (caCertificate != null && !verifyTls) {
      throw new IllegalArgumentException(
          "a CA certificate and verifyTls=false contradict each other: choose one");
    }
    Objects.requireNonNull(resilience, "resilience");
  }

  /** A configuration with the {@link Resilience#DEFAULTS default resilience}. */
  public AirflowTransportConfig(
      URI baseUrl,
      Duration connectTimeout,
      Duration requestTimeout,
      int maxResponseBytes,
      boolean verifyTls,
      Path caCertificate,
      boolean allowWrites) {
    this(
        baseUrl,
        connectTimeout,
        requestTimeout,
        maxResponseBytes,
        verifyTls,
        caCertificate,
        allowWrites,
        Resilience.DEFAULTS);
  }

  /** The defaults (10 s connect, 30 s request, 8 MiB, TLS verified, read-only) for a base URL. */
  public static AirflowTransportConfig defaults(String baseUrl) {
    return new AirflowTransportConfig(
        URI.create(normalizeBaseUrl(baseUrl)),
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_REQUEST_TIMEOUT,
        DEFAULT_MAX_RESPONSE_BYTES,
        true,
        null,
        false);
  }

  /** This configuration with another connect timeout. */
  public AirflowTransportConfig withConnectTimeout(Duration timeout) {
    return new AirflowTransportConfig(
        baseUrl,
        timeout,
        requestTimeout,
        maxResponseBytes,
        verifyTls,
        caCertificate,
        allowWrites,
        resilience);
  }

  /** This configuration with another request timeout. */
  public AirflowTransportConfig withRequestTimeout(Duration timeout) {
    return new AirflowTransportConfig(
        baseUrl,
        connectTimeout,
        timeout,
        maxResponseBytes,
        verifyTls,
        caCertificate,
        allowWrites,
        resilience);
  }

  /** This configuration with another body cap. */
  public AirflowTransportConfig withMaxResponseBytes(int bytes) {
    return new AirflowTransportConfig(
        baseUrl,
        connectTimeout,
        requestTimeout,
        bytes,
        verifyTls,
        caCertificate,
        allowWrites,
        resilience);
  }

  /** This configuration with TLS verification switched on or off. */
  public AirflowTransportConfig withVerifyTls(boolean verify) {
    return new AirflowTransportConfig(
        baseUrl,
        connectTimeout,
        requestTimeout,
        maxResponseBytes,
        verify,
        caCertificate,
        allowWrites,
        resilience);
  }

  /** This configuration trusting only the certificate(s) in a PEM file ({@code null}: JDK CAs). */
  public AirflowTransportConfig withCaCertificate(Path pemFile) {
    return new AirflowTransportConfig(
        baseUrl,
        connectTimeout,
        requestTimeout,
        maxResponseBytes,
        verifyTls,
        pemFile,
        allowWrites,
        resilience);
  }

  /** This configuration with writes (methods other than GET) allowed or not. */
  public AirflowTransportConfig withAllowWrites(boolean allow) {
    return new AirflowTransportConfig(
        baseUrl,
        connectTimeout,
        requestTimeout,
        maxResponseBytes,
        verifyTls,
        caCertificate,
        allow,
        resilience);
  }

  /** This configuration with another bulkhead and retry policy. */
  public AirflowTransportConfig withResilience(Resilience policy) {
    return new AirflowTransportConfig(
        baseUrl,
        connectTimeout,
        requestTimeout,
        maxResponseBytes,
        verifyTls,
        caCertificate,
        allowWrites,
        policy);
  }

  /**
   * Normalises an Airflow base URL (for example {@code https://airflow.example.com/team}): trims
   * it, removes any {@code user:password@} ({@link #withoutUserInfo}), lower-cases the scheme and
   * host, drops the query, the fragment and trailing slashes. Rejects anything but {@code
   * http}/{@code https} and a URL without a host. Credentials in the URL are never used: they
   * belong in {@code AIRFLOW_AUTH_TOKEN} or {@code AIRFLOW_USERNAME} / {@code AIRFLOW_PASSWORD}.
   * Error messages never repeat the URL, since it may hold a secret.
   *
   * @throws IllegalArgumentException when the URL is unusable
   */
  public static String normalizeBaseUrl(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("the Airflow URL is empty");
    }
    URI parsed;
    try {
      parsed = new URI(withoutUserInfo(url.strip()));
    } catch (URISyntaxException e) {
      // getReason() does not repeat the input, which may contain a password.
      throw new IllegalArgumentException(
          "the Airflow URL is not a valid URL ("
              + e.getReason()
              + " at index "
              + e.getIndex()
              + ")");
    }
    if (parsed.getRawUserInfo() != null) {
      // withoutUserInfo removed the authority's user information; this guards the invariant.
      throw new IllegalArgumentException(
          "the Airflow URL has user information that cannot be removed");
    }
    String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(
          "the Airflow URL must start with http:// or https://"
              + (scheme.isEmpty() ? "" : " (got " + scheme + "://)"));
    }
    if (parsed.getHost() == null) {
      throw new IllegalArgumentException("the Airflow URL has no valid host name");
    }
    String path = parsed.getRawPath() == null ? "" : parsed.getRawPath();
    int end = path.length();
    while (end > 0 && path.charAt(end - 1) == '/') {
      end--;
    }
    path = path.substring(0, end);
    String port = parsed.getPort() < 0 ? "" : ":" + parsed.getPort();
    return scheme + "://" + parsed.getHost().toLowerCase(Locale.ROOT) + port + path;
  }

  /**
   * The URL without the user information of its authority ({@code user:password@} in {@code
   * http://user:password@host/path}), or {@code url} itself when it has none. The authority is what
   * follows {@code scheme://} up to the first {@code /}, {@code ?} or {@code #}; its user
   * information ends at its <em>last</em> {@code @}, so a password with a raw {@code @} is removed
   * whole. Works on the text alone (no parsing that could fail and echo it); {@code null} stays
   * {@code null}.
   */
  public static String withoutUserInfo(String url) {
    if (url == null) {
      return null;
    }
    int colon = url.indexOf("://");
    if (colon <= 0 || !isScheme(url, colon)) {
      return url;
    }
    int start = colon + 3;
    int end = start;
    while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
      end++;
    }
    int at = url.lastIndexOf('@', end - 1);
    return at < start ? url : url.substring(0, start) + url.substring(at + 1);
  }

  /** Whether {@code url[0, end)} is a URI scheme: a letter, then letters, digits, + - or . */
  private static boolean isScheme(String url, int end) {
    for (int i = 0; i < end; i++) {
      char c = url.charAt(i);
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      if (!letter && (i == 0 || !((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'))) {
        return false;
      }
    }
    return true;
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
