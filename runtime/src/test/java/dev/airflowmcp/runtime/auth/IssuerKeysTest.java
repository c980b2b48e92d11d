package dev.airflowmcp.runtime.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IssuerKeysTest {
  private static final String ISSUER = "https://idp.example.com/realms/airflow";
  private static final URI JWKS = URI.create("https://idp.example.com/realms/airflow/certs");

  private RSAKey first;
  private RSAKey second;
  private WireMockServer idp;
  private MutableClock clock;
  private FakeFetcher fetcher;

  /** Documents by URL; counts and records every fetch. */
  private static final class FakeFetcher implements IssuerKeys.Fetcher {
    final Map<URI, String> documents = new HashMap<>();
    final List<URI> fetched = new ArrayList<>();

    @Override
    public synchronized String get(URI uri) throws IOException {
      fetched.add(uri);
      String doc = documents.get(uri);
      if (doc == null) {
        throw new IOException("HTTP 404");
      }
      return doc;
    }
  }

  @BeforeAll
  void start() {
    first = TestTokens.rsaKey("first");
    second = TestTokens.rsaKey("second");
    idp = new WireMockServer(options().dynamicPort());
    idp.start();
  }

  @AfterAll
  void stop() {
    idp.stop();
  }

  @BeforeEach
  void reset() {
    clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    fetcher = new FakeFetcher();
    idp.resetAll();
  }

  private static List<JWK> select(IssuerKeys keys, String kid) throws KeySourceException {
    return keys.get(new JWKSelector(new JWKMatcher.Builder().keyID(kid).build()), null);
  }

  @Test
  void keysAreFetchedOnceAndCached() throws Exception {
    fetcher.documents.put(JWKS, TestTokens.jwks(first));
    IssuerKeys keys = new IssuerKeys(ISSUER, JWKS, fetcher, clock);
    assertThat(fetcher.fetched).as("nothing fetched before the first token").isEmpty();

    assertThat(select(keys, "first")).hasSize(1);
    clock.advance(Duration.ofMinutes(5));
    assertThat(select(keys, "first")).hasSize(1);
    assertThat(fetcher.fetched).containsExactly(JWKS);
    assertThat(select(keys, "first").get(0).isPrivate()).isFalse();
  }

  @Test
  void anUnknownKeyIdFetchesTheKeysAgainAtMostOncePerInterval() throws Exception {
    fetcher.documents.put(JWKS, TestTokens.jwks(first));
    IssuerKeys keys = new IssuerKeys(ISSUER, JWKS, fetcher, clock);
    assertThat(select(keys, "first")).hasSize(1);

    // The issuer rotates its keys; within the interval the server does not ask again.
    fetcher.documents.put(JWKS, TestTokens.jwks(first, second));
    assertThat(select(keys, "second")).isEmpty();
    assertThat(fetcher.fetched).hasSize(1);

    clock.advance(IssuerKeys.MIN_REFRESH_INTERVAL);
    assertThat(select(keys, "second")).hasSize(1);
    assertThat(fetcher.fetched).hasSize(2);

    // Invented key ids: at most one fetch per interval, however many tokens.
    for (int i = 0; i < 1000; i++) {
      assertThat(select(keys, "invented-" + i)).isEmpty();
    }
    assertThat(fetcher.fetched).hasSize(2);
    clock.advance(IssuerKeys.MIN_REFRESH_INTERVAL);
    assertThat(select(keys, "invented")).isEmpty();
    assertThat(fetcher.fetched).hasSize(3);
  }

  @Test
  void oldKeysAreFetchedAgainAndKeptWhenTheIssuerIsDown() throws Exception {
    fetcher.documents.put(JWKS, TestTokens.jwks(first));
    IssuerKeys keys = new IssuerKeys(ISSUER, JWKS, fetcher, clock);
    assertThat(select(keys, "first")).hasSize(1);

    clock.advance(IssuerKeys.MAX_AGE.plusSeconds(1));
    fetcher.documents.clear();
    assertThat(select(keys, "first")).as("kept after a failed refresh").hasSize(1);
    assertThat(fetcher.fetched).hasSize(2);

    clock.advance(IssuerKeys.MIN_REFRESH_INTERVAL);
    fetcher.documents.put(JWKS, TestTokens.jwks(second));
    assertThat(select(keys, "second")).hasSize(1);
    assertThat(select(keys, "first")).as("the refreshed set replaces the old one").isEmpty();
  }

  @Test
  void withoutAnyKeysTheSourceFails() {
    IssuerKeys keys = new IssuerKeys(ISSUER, JWKS, fetcher, clock);
    assertThatThrownBy(() -> select(keys, "first")).isInstanceOf(KeySourceException.class);
    // The next attempt waits for the interval.
    fetcher.documents.put(JWKS, TestTokens.jwks(first));
    assertThatThrownBy(() -> select(keys, "first")).isInstanceOf(KeySourceException.class);
    assertThat(fetcher.fetched).hasSize(1);
  }

  @Test
  void aBrokenJwksDocumentCountsAsAFailure() {
    fetcher.documents.put(JWKS, "{\"keys\": \"no\"}");
    IssuerKeys keys = new IssuerKeys(ISSUER, JWKS, fetcher, clock);
    assertThatThrownBy(() -> select(keys, "first")).isInstanceOf(KeySourceException.class);
  }

  @Test
  void theJwksUrlIsDiscoveredFromTheIssuersMetadata() throws Exception {
    URI oidc = URI.create(ISSUER + "/.well-known/openid-configuration");
    fetcher.documents.put(oidc, "{\"issuer\":\"" + ISSUER + "\",\"jwks_uri\":\"" + JWKS + "\"}");
    fetcher.documents.put(JWKS, TestTokens.jwks(first));
    IssuerKeys keys = new IssuerKeys(ISSUER, null, fetcher, clock);
    assertThat(select(keys, "first")).hasSize(1);
    clock.advance(IssuerKeys.MIN_REFRESH_INTERVAL);
    assertThat(select(keys, "unknown")).isEmpty();
    assertThat(fetcher.fetched).as("metadata read once").containsExactly(oidc, JWKS, JWKS);
  }

  @Test
  void rfc8414MetadataIsTheFallback() throws Exception {
    URI rfc8414 =
        URI.create("https://idp.example.com/.well-known/oauth-authorization-server/realms/airflow");
    fetcher.documents.put(rfc8414, "{\"issuer\":\"" + ISSUER + "\",\"jwks_uri\":\"" + JWKS + "\"}");
    fetcher.documents.put(JWKS, TestTokens.jwks(first));
    IssuerKeys keys = new IssuerKeys(ISSUER, null, fetcher, clock);
    assertThat(select(keys, "first")).hasSize(1);
    assertThat(fetcher.fetched.get(0))
        .isEqualTo(URI.create(ISSUER + "/.well-known/openid-configuration"));
    assertThat(fetcher.fetched.get(1)).isEqualTo(rfc8414);
  }

  @Test
  void metadataOfAnotherIssuerOrWithAnInsecureJwksUrlIsRefused() {
    URI oidc = URI.create(ISSUER + "/.well-known/openid-configuration");
    fetcher.documents.put(
        oidc, "{\"issuer\":\"https://evil.example.com\",\"jwks_uri\":\"" + JWKS + "\"}");
    fetcher.documents.put(JWKS, TestTokens.jwks(first));
    IssuerKeys keys = new IssuerKeys(ISSUER, null, fetcher, clock);
    assertThatThrownBy(() -> select(keys, "first")).isInstanceOf(KeySourceException.class);
    assertThat(fetcher.fetched).doesNotContain(JWKS);

    fetcher.documents.put(
        oidc, "{\"issuer\":\"" + ISSUER + "\",\"jwks_uri\":\"http://10.0.0.1/certs\"}");
    clock.advance(IssuerKeys.MIN_REFRESH_INTERVAL);
    assertThatThrownBy(() -> select(keys, "first")).isInstanceOf(KeySourceException.class);
    assertThat(fetcher.fetched).doesNotContain(URI.create("http://10.0.0.1/certs"));
  }

  @Test
  void metadataLocations() {
    assertThat(IssuerKeys.metadataUris("https://idp.example.com"))
        .extracting(URI::toString)
        .containsExactly(
            "https://idp.example.com/.well-known/openid-configuration",
            "https://idp.example.com/.well-known/oauth-authorization-server");
    assertThat(IssuerKeys.metadataUris("https://idp.example.com/tenant/"))
        .extracting(URI::toString)
        .containsExactly(
            "https://idp.example.com/tenant/.well-known/openid-configuration",
            "https://idp.example.com/.well-known/oauth-authorization-server/tenant",
            "https://idp.example.com/.well-known/openid-configuration/tenant");
  }

  @Test
  void theHttpFetcherFollowsNoRedirectAndCapsTheSize() throws Exception {
    IssuerKeys.Fetcher http = IssuerKeys.httpFetcher();
    String base = "http://localhost:" + idp.port();
    idp.stubFor(get(urlEqualTo("/certs")).willReturn(okJson(TestTokens.jwks(first))));
    idp.stubFor(
        get(urlEqualTo("/moved"))
            .willReturn(aResponse().withStatus(302).withHeader("Location", base + "/certs")));
    idp.stubFor(
        get(urlEqualTo("/huge"))
            .willReturn(okJson("\"" + "x".repeat(IssuerKeys.MAX_BYTES) + "\"")));
    idp.stubFor(get(urlEqualTo("/error")).willReturn(aResponse().withStatus(500).withBody("boom")));

    assertThat(http.get(URI.create(base + "/certs"))).contains("\"first\"");
    assertThatThrownBy(() -> http.get(URI.create(base + "/moved"))).hasMessage("HTTP 302");
    assertThatThrownBy(() -> http.get(URI.create(base + "/huge")))
        .hasMessageContaining("larger than");
    assertThatThrownBy(() -> http.get(URI.create(base + "/error"))).hasMessage("HTTP 500");
    assertThat(
            idp.findAll(
                com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                    urlEqualTo("/certs"))))
        .as("the redirect was not followed")
        .hasSize(1);
  }
}
