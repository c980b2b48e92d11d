package dev.airflowmcp.runtime.auth;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The token issuer's public signing keys (its JWKS), fetched when first needed and cached.
 *
 * <ul>
 *   <li>The JWKS URL is configured, or read once from the issuer's metadata ({@code jwks_uri} of
 *       OpenID Connect discovery, then of RFC 8414 authorization server metadata), whose {@code
 *       issuer} must be the configured issuer exactly.
 *   <li>The keys are fetched again when a token names a key id the cached set lacks (the issuer
 *       rotated its keys) and when the set is older than {@link #MAX_AGE}; at most one fetch per
 *       {@link #MIN_REFRESH_INTERVAL}, so tokens with invented key ids cannot flood the issuer.
 *   <li>A failed fetch keeps the keys already held; without any, validation fails with {@link
 *       KeySourceException} (the caller answers 503, not 401).
 *   <li>Fetches follow no redirect, take at most 10 s and read at most {@link #MAX_BYTES}; only
 *       public keys are kept.
 * </ul>
 */
public final class IssuerKeys implements JWKSource<SecurityContext> {
  private static final Logger LOG = LoggerFactory.getLogger(IssuerKeys.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** A key set older than this is fetched again at the next validation. */
  public static final Duration MAX_AGE = Duration.ofMinutes(10);

  /** At most one fetch attempt per this interval (unknown key ids, failures, expiry). */
  public static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(30);

  /** Largest metadata or JWKS document read. */
  public static final int MAX_BYTES = 512 * 1024;

  /** Fetches one document; the default reads it over HTTP(S). */
  @FunctionalInterface
  public interface Fetcher {
    /**
     * The body of a 200 answer.
     *
     * @throws IOException for any other status, a network failure or a body over {@link #MAX_BYTES}
     */
    String get(URI uri) throws IOException;
  }

  private final String issuer;
  private final URI configuredJwksUri;
  private final Fetcher fetcher;
  private final Clock clock;
  private final Object lock = new Object();
  private volatile Snapshot snapshot;
  private URI jwksUri;
  private Instant lastAttempt;

  /** The keys and when they were fetched. */
  private record Snapshot(JWKSet keys, Instant fetchedAt) {}

  /**
   * @param issuer the configured issuer (compared with the metadata's {@code issuer} exactly)
   * @param jwksUri the JWKS URL, or null to discover it from the issuer's metadata
   */
  public IssuerKeys(String issuer, URI jwksUri, Fetcher fetcher, Clock clock) {
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    this.configuredJwksUri = jwksUri;
    this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Keys fetched over HTTP(S) with the system clock. */
  public static IssuerKeys overHttp(String issuer, URI jwksUri) {
    return new IssuerKeys(issuer, jwksUri, httpFetcher(), Clock.systemUTC());
  }

  @Override
  public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
    Snapshot seen = snapshot;
    if (seen == null || clock.instant().isAfter(seen.fetchedAt().plus(MAX_AGE))) {
      seen = refresh(seen);
    }
    List<JWK> matches = selector.select(seen.keys());
    if (matches.isEmpty()) {
      // Perhaps the issuer rotated its keys: look again (rate limited).
      Snapshot again = refresh(seen);
      if (again != seen) {
        matches = selector.select(again.keys());
      }
    }
    return matches;
  }

  /**
   * A newer snapshot than {@code seen}: one another thread fetched meanwhile, or a fresh fetch when
   * the last attempt is older than {@link #MIN_REFRESH_INTERVAL}; otherwise {@code seen}.
   *
   * @throws KeySourceException when there are no keys at all and none can be fetched
   */
  private Snapshot refresh(Snapshot seen) throws KeySourceException {
    synchronized (lock) {
      Snapshot current = snapshot;
      if (current != seen && current != null) {
        return current;
      }
      Instant now = clock.instant();
      if (lastAttempt != null && now.isBefore(lastAttempt.plus(MIN_REFRESH_INTERVAL))) {
        if (current == null) {
          throw new KeySourceException("the issuer's signing keys are not available");
        }
        return current;
      }
      lastAttempt = now;
      try {
        URI uri = jwksUri();
        JWKSet keys = JWKSet.parse(fetcher.get(uri)).toPublicJWKSet();
        Snapshot fresh = new Snapshot(keys, now);
        snapshot = fresh;
        LOG.info(
            "OAuth: {} signing key(s) of issuer {} from {}", keys.getKeys().size(), issuer, uri);
        return fresh;
      } catch (IOException | java.text.ParseException | RuntimeException e) {
        String why =
            e instanceof IOException && e.getMessage() != null
                ? e.getMessage()
                : e.getClass().getSimpleName();
        if (current == null) {
          LOG.warn("OAuth: cannot fetch the signing keys of issuer {}: {}", issuer, why);
          throw new KeySourceException("the issuer's signing keys are not available", e);
        }
        LOG.warn(
            "OAuth: cannot refresh the signing keys of issuer {} ({}); keeping the {} key(s) held",
            issuer,
            why,
            current.keys().getKeys().size());
        return current;
      }
    }
  }

  /** The configured JWKS URL, or the one the issuer's metadata names (looked up once). */
  private URI jwksUri() throws IOException {
    if (configuredJwksUri != null) {
      return configuredJwksUri;
    }
    if (jwksUri == null) {
      jwksUri = discover();
    }
    return jwksUri;
  }

  private URI discover() throws IOException {
    List<String> problems = new ArrayList<>();
    for (URI candidate : metadataUris(issuer)) {
      String body;
      try {
        body = fetcher.get(candidate);
      } catch (IOException e) {
        problems.add(candidate + ": " + e.getMessage());
        continue;
      }
      JsonNode doc;
      try {
        doc = JSON.readTree(body);
      } catch (JacksonException e) {
        problems.add(candidate + ": not JSON");
        continue;
      }
      if (doc == null || !doc.isObject()) {
        problems.add(candidate + ": not a JSON object");
        continue;
      }
      if (!doc.path("issuer").isString() || !doc.path("issuer").asString().equals(issuer)) {
        // OpenID Connect Discovery 4.3 and RFC 8414 3.3: the document must name this issuer.
        problems.add(candidate + ": names another issuer");
        continue;
      }
      JsonNode jwks = doc.path("jwks_uri");
      URI uri;
      try {
        uri = jwks.isString() ? URI.create(jwks.asString()) : null;
      } catch (IllegalArgumentException e) {
        uri = null;
      }
      if (uri == null || !SecureUrls.isHttpsOrLoopback(uri)) {
        problems.add(candidate + ": no https jwks_uri");
        continue;
      }
      LOG.info("OAuth: issuer {} publishes its signing keys at {}", issuer, uri);
      return uri;
    }
    throw new IOException("no usable issuer metadata (" + String.join("; ", problems) + ")");
  }

  /**
   * Where an issuer's metadata may be, in the order tried: OpenID Connect discovery (path
   * appended), RFC 8414 (path inserted), OpenID Connect with the path inserted.
   */
  static List<URI> metadataUris(String issuer) {
    URI base = URI.create(issuer);
    String path = base.getRawPath() == null ? "" : base.getRawPath();
    if (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    String origin = base.getScheme() + "://" + base.getRawAuthority();
    List<URI> out = new ArrayList<>();
    out.add(URI.create(origin + path + "/.well-known/openid-configuration"));
    out.add(URI.create(origin + "/.well-known/oauth-authorization-server" + path));
    if (!path.isEmpty()) {
      out.add(URI.create(origin + "/.well-known/openid-configuration" + path));
    }
    return out;
  }

  /** GET with no redirects, a 10 s limit and a size cap; only 200 counts. */
  static Fetcher httpFetcher() {
    HttpClient client =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    return uri -> {
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .timeout(Duration.ofSeconds(10))
              .header("Accept", "application/json")
              .GET()
              .build();
      HttpResponse<InputStream> response;
      try {
        response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted");
      } catch (IOException e) {
        throw new IOException("cannot connect (" + e.getClass().getSimpleName() + ")", e);
      }
      try (InputStream in = response.body()) {
        if (response.statusCode() != 200) {
          throw new IOException("HTTP " + response.statusCode());
        }
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
          throw new IOException("larger than " + MAX_BYTES + " bytes");
        }
        return new String(bytes, StandardCharsets.UTF_8);
      }
    };
  }
}
