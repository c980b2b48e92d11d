package dev.airflowmcp.runtime.server;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.airflowmcp.runtime.auth.TestTokens.AUDIENCE;
import static dev.airflowmcp.runtime.auth.TestTokens.ISSUER;
import static dev.airflowmcp.runtime.auth.TestTokens.claims;
import static dev.airflowmcp.runtime.auth.TestTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.jwk.RSAKey;
import dev.airflowmcp.runtime.airflow.AirflowGateway;
import dev.airflowmcp.runtime.airflow.AirflowTransportConfig;
import dev.airflowmcp.runtime.airflow.HttpAirflowTransport;
import dev.airflowmcp.runtime.airflow.VersionDetector;
import dev.airflowmcp.runtime.auth.AirflowCredentials;
import dev.airflowmcp.runtime.auth.StaticTokenCredentials;
import dev.airflowmcp.runtime.auth.TestTokens;
import dev.airflowmcp.runtime.pipeline.ArgumentValidator;
import dev.airflowmcp.runtime.pipeline.AuditSink;
import dev.airflowmcp.runtime.pipeline.ToolPipeline;
import dev.airflowmcp.runtime.ratelimit.RateLimiter;
import dev.airflowmcp.runtime.redaction.SensitiveKeyRedactor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The three HTTP auth modes end to end (raw HTTP in front, WireMock as Airflow and as the identity
 * provider's JWKS), each refusal asserted against Airflow's request log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class HttpAuthModesTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String CALL_GET_DAG =
      "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"get_dag\","
          + "\"arguments\":{\"dag_id\":\"etl\"}}}";
  private static final String INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
          + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";
  private static final String METADATA_URL =
      "https://mcp.example.com/.well-known/oauth-protected-resource/mcp";

  private WireMockServer airflow;
  private WireMockServer idp;
  private RSAKey key;
  private final List<AuditSink.AuditEvent> audit = new CopyOnWriteArrayList<>();
  private HttpServer server;

  @BeforeAll
  void start() {
    airflow = new WireMockServer(options().dynamicPort());
    airflow.start();
    idp = new WireMockServer(options().dynamicPort());
    idp.start();
    key = TestTokens.rsaKey("idp-key-1");
  }

  @AfterAll
  void stop() {
    airflow.stop();
    idp.stop();
  }

  @BeforeEach
  void reset() {
    airflow.resetAll();
    airflow.stubFor(
        get(urlEqualTo("/api/v2/version")).willReturn(okJson("{\"version\":\"3.0.2\"}")));
    airflow.stubFor(
        get(urlPathEqualTo("/api/v2/dags/etl"))
            .willReturn(okJson("{\"dag_id\":\"etl\",\"owner\":\"o\"}")));
    idp.resetAll();
    idp.stubFor(get(urlEqualTo("/jwks")).willReturn(okJson(TestTokens.jwks(key))));
    audit.clear();
  }

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  private ServerRuntime runtime(AirflowCredentials service) {
    return runtime(service, RateLimiter.UNLIMITED);
  }

  private ServerRuntime runtime(AirflowCredentials service, RateLimiter limiter) {
    HttpAirflowTransport client =
        new HttpAirflowTransport(
            AirflowTransportConfig.defaults("http://localhost:" + airflow.port()));
    ToolPipeline pipeline =
        new ToolPipeline(
            new AirflowGateway(client),
            new VersionDetector(client, Clock.systemUTC()),
            new ToolPipeline.Hooks(
                ArgumentValidator.NONE, limiter, new SensitiveKeyRedactor(), audit::add),
            60_000);
    ToolRegistry registry = ToolRegistry.of(new TestCatalog(), getClass().getClassLoader());
    return new ServerRuntime(registry, pipeline, service, "9.9.9-test");
  }

  private static ServerConfig config(String host, HttpAuthSettings auth) {
    return new ServerConfig(
            ServerConfig.Transport.HTTP,
            host,
            0,
            "http://unused",
            null,
            null,
            null,
            true,
            null,
            false,
            List.of())
        .withHttpAuth(auth);
  }

  private HttpServer start(AirflowCredentials service, HttpAuthSettings auth) throws Exception {
    server = HttpServer.start(runtime(service), config("127.0.0.1", auth));
    return server;
  }

  private HttpAuthSettings oauth() {
    return HttpAuthSettings.oauth(
        ISSUER, "http://localhost:" + idp.port() + "/jwks", AUDIENCE, List.of("airflow.read"));
  }

  private RawHttp.Response callWith(String... headers) throws Exception {
    return RawHttp.postJson(server.port(), CALL_GET_DAG, headers);
  }

  private List<LoggedRequest> airflowRequests() {
    return airflow.findAll(
        com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
            com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
  }

  private List<String> airflowAuthorizations() {
    return airflowRequests().stream()
        .filter(r -> r.getUrl().startsWith("/api/v2/dags"))
        .map(r -> r.getHeader("Authorization"))
        .toList();
  }

  // --- passthrough (the default) ----------------------------------------------------------------

  @Test
  void passthroughRefusesCallersWithoutCredentialsEvenWhenServiceCredentialsExist()
      throws Exception {
    start(new StaticTokenCredentials("service-token"), HttpAuthSettings.DEFAULT);

    RawHttp.Response refused = callWith();
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.headers()).containsEntry("www-authenticate", "Bearer");
    assertThat(RawHttp.postJson(server.port(), INITIALIZE).status()).isEqualTo(401);
    assertThat(airflowRequests()).as("Airflow saw nothing").isEmpty();

    RawHttp.Response served = callWith("Authorization: Bearer carol-token");
    assertThat(served.status()).isEqualTo(200);
    assertThat(served.body()).contains("\\\"owner\\\":\\\"o\\\"");
    assertThat(airflowAuthorizations()).containsExactly("Bearer carol-token");
    assertThat(audit)
        .extracting(AuditSink.AuditEvent::principal)
        .singleElement()
        .asString()
        .startsWith("caller:");
  }

  @Test
  void passthroughWithAnAuthorizationServerPointsClientsToIt() throws Exception {
    HttpAuthSettings published =
        new HttpAuthSettings(
            HttpAuthSettings.Mode.PASSTHROUGH,
            false,
            AUDIENCE,
            ISSUER,
            null,
            List.of(),
            List.of("airflow.read"),
            HttpAuthSettings.DEFAULT_CLOCK_SKEW);
    start(null, published);

    RawHttp.Response refused = callWith();
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.headers().get("www-authenticate"))
        .isEqualTo("Bearer resource_metadata=\"" + METADATA_URL + "\", scope=\"airflow.read\"");
    // Passthrough does not judge tokens: Airflow does.
    assertThat(callWith("Authorization: Bearer not-even-a-jwt").status()).isEqualTo(200);
    assertThat(airflowAuthorizations()).containsExactly("Bearer not-even-a-jwt");
  }

  // --- service-account
  // ----------------------------------------------------------------------------

  @Test
  void serviceAccountServesCallersWithoutAHeaderAndACallersHeaderStillWins() throws Exception {
    start(new StaticTokenCredentials("service-token"), HttpAuthSettings.serviceAccount());

    assertThat(callWith().status()).isEqualTo(200);
    assertThat(callWith("Authorization: Bearer dave-token").status()).isEqualTo(200);
    assertThat(airflowAuthorizations())
        .containsExactly("Bearer service-token", "Bearer dave-token");
    assertThat(audit.get(0).principal()).startsWith("token:");
    assertThat(audit.get(1).principal()).startsWith("caller:");
  }

  @Test
  void serviceAccountNeedsServiceCredentials() {
    assertThatThrownBy(() -> start(null, HttpAuthSettings.serviceAccount()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("needs service credentials");
  }

  @Test
  void serviceAccountBindsBeyondLoopbackOnlyWhenConfirmed() {
    assertThatThrownBy(
            () ->
                HttpServer.start(
                    runtime(new StaticTokenCredentials("service-token")),
                    config("0.0.0.0", HttpAuthSettings.serviceAccount())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("--expose-service-account");
  }

  // --- oauth
  // ----------------------------------------------------------------------------------------

  @Test
  void oauthPassesAValidTokenToAirflowAndIdentifiesTheCallerBySubject() throws Exception {
    start(null, oauth());
    String token = sign(key, claims(Instant.now()).subject("alice@example.com").build());

    RawHttp.Response served = callWith("Authorization: Bearer " + token);
    assertThat(served.status()).isEqualTo(200);
    assertThat(airflowAuthorizations()).containsExactly("Bearer " + token);
    assertThat(audit)
        .extracting(AuditSink.AuditEvent::principal)
        .containsExactly("subject:alice@example.com");
    // The JWKS was fetched once, for the first token.
    assertThat(
            idp.findAll(
                com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                    urlEqualTo("/jwks"))))
        .hasSize(1);
  }

  @Test
  void oauthRateLimitsBySubjectAcrossTokens() throws Exception {
    // One call per caller, refilled once a minute: a second token of the same subject shares it.
    RateLimiter oneCall =
        new dev.airflowmcp.runtime.ratelimit.LocalRateLimiter(
            dev.airflowmcp.runtime.ratelimit.RateLimits.resolve(
                Map.of(), Map.of("*", new dev.airflowmcp.runtime.tool.RateLimit(1, 1))));
    server = HttpServer.start(runtime(null, oneCall), config("127.0.0.1", oauth()));
    Instant now = Instant.now();
    String first = sign(key, claims(now).subject("alice").jwtID("one").build());
    String renewed = sign(key, claims(now.plusSeconds(1)).subject("alice").jwtID("two").build());
    String bob = sign(key, claims(now).subject("bob").build());

    assertThat(callWith("Authorization: Bearer " + first).body()).doesNotContain("RateLimitError");
    assertThat(callWith("Authorization: Bearer " + renewed).body()).contains("RateLimitError");
    assertThat(callWith("Authorization: Bearer " + bob).body()).doesNotContain("RateLimitError");
    assertThat(airflowAuthorizations()).containsExactly("Bearer " + first, "Bearer " + bob);
  }

  @Test
  void oauthRefusesEveryBadTokenBeforeAirflowSeesAnything() throws Exception {
    start(null, oauth());
    Instant now = Instant.now();
    RSAKey stranger = TestTokens.rsaKey("idp-key-1");
    String good = sign(key, claims(now).build());
    String[] parts = good.split("\\.");
    List<List<String>> cases =
        List.of(
            List.of("missing", ""),
            List.of("basic", "Basic YWxpY2U6c2VjcmV0"),
            List.of("garbage", "Bearer not-a-jwt"),
            List.of(
                "expired",
                "Bearer "
                    + sign(
                        key, claims(now).expirationTime(Date.from(now.minusSeconds(120))).build())),
            List.of(
                "wrong audience",
                "Bearer " + sign(key, claims(now).audience("https://other.example.com").build())),
            List.of(
                "wrong issuer",
                "Bearer " + sign(key, claims(now).issuer("https://evil.example.com").build())),
            List.of("bad signature", "Bearer " + sign(stranger, claims(now).build())),
            List.of(
                "altered payload",
                "Bearer "
                    + parts[0]
                    + "."
                    + java.util.Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(
                            claims(now)
                                .subject("admin")
                                .build()
                                .toString()
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    + "."
                    + parts[2]),
            List.of(
                "unknown key",
                "Bearer " + sign(TestTokens.rsaKey("other-kid"), claims(now).build())));
    for (List<String> c : cases) {
      String header = c.get(1);
      RawHttp.Response r = header.isEmpty() ? callWith() : callWith("Authorization: " + header);
      assertThat(r.status()).as(c.get(0)).isEqualTo(401);
      String challenge = r.headers().get("www-authenticate");
      assertThat(challenge)
          .as(c.get(0))
          .startsWith("Bearer resource_metadata=\"" + METADATA_URL + "\", scope=\"airflow.read\"");
      if (header.startsWith("Bearer ")) {
        assertThat(challenge).as(c.get(0)).contains("error=\"invalid_token\"");
        assertThat(JSON.readTree(r.body()).get("error").asString()).isEqualTo("invalid_token");
        assertThat(r.body()).doesNotContain(header.substring(7));
      } else {
        assertThat(challenge).as(c.get(0)).doesNotContain("error=");
      }
    }
    assertThat(airflowRequests()).as("Airflow saw nothing").isEmpty();
    assertThat(audit).isEmpty();
  }

  @Test
  void oauthNamesEachReasonInTheChallenge() throws Exception {
    start(null, oauth());
    Instant now = Instant.now();
    assertThat(
            challenge(
                sign(key, claims(now).expirationTime(Date.from(now.minusSeconds(120))).build())))
        .contains("error_description=\"the token has expired\"");
    assertThat(challenge(sign(key, claims(now).audience("https://other.example.com").build())))
        .contains("error_description=\"the token was not issued for this server (audience)\"");
    assertThat(challenge(sign(key, claims(now).issuer("https://evil.example.com").build())))
        .contains("error_description=\"the token was not issued by the trusted issuer\"");
    assertThat(challenge(sign(TestTokens.rsaKey("idp-key-1"), claims(now).build())))
        .contains("error_description=\"the token's signature is invalid\"");
  }

  private String challenge(String token) throws Exception {
    return callWith("Authorization: Bearer " + token).headers().get("www-authenticate");
  }

  @Test
  void oauthAnswers403WhenAScopeIsMissing() throws Exception {
    start(null, oauth());
    String token = sign(key, claims(Instant.now()).claim("scope", "openid").build());
    RawHttp.Response r = callWith("Authorization: Bearer " + token);
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.headers().get("www-authenticate"))
        .isEqualTo(
            "Bearer resource_metadata=\""
                + METADATA_URL
                + "\", scope=\"airflow.read\","
                + " error=\"insufficient_scope\", error_description=\"the token lacks a required scope\"");
    assertThat(airflowRequests()).isEmpty();
  }

  @Test
  void oauthAnswers503WhileTheIssuersKeysCannotBeFetched() throws Exception {
    idp.resetAll();
    idp.stubFor(get(urlEqualTo("/jwks")).willReturn(aResponse().withStatus(500)));
    start(null, oauth());
    RawHttp.Response r =
        callWith("Authorization: Bearer " + sign(key, claims(Instant.now()).build()));
    assertThat(r.status()).isEqualTo(503);
    assertThat(JSON.readTree(r.body()).get("error").asString())
        .isEqualTo("temporarily_unavailable");
    assertThat(airflowRequests()).isEmpty();
  }

  // --- protected resource metadata
  // ----------------------------------------------------------------

  @Test
  void protectedResourceMetadataIsServedAtBothWellKnownPaths() throws Exception {
    start(null, oauth());
    for (String path :
        List.of(
            "/.well-known/oauth-protected-resource/mcp", "/.well-known/oauth-protected-resource")) {
      RawHttp.Response r =
          RawHttp.send(server.port(), "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1", new byte[0]);
      assertThat(r.status()).as(path).isEqualTo(200);
      assertThat(r.headers().get("content-type")).startsWith("application/json");
      JsonNode doc = JSON.readTree(r.body());
      assertThat(doc.get("resource").asString()).isEqualTo(AUDIENCE);
      assertThat(doc.get("authorization_servers").get(0).asString()).isEqualTo(ISSUER);
      assertThat(doc.get("authorization_servers").size()).isEqualTo(1);
      assertThat(doc.get("scopes_supported").get(0).asString()).isEqualTo("airflow.read");
      assertThat(doc.get("bearer_methods_supported").get(0).asString()).isEqualTo("header");
      assertThat(doc.get("resource_name").asString()).isEqualTo("Test Airflow MCP");
    }
    assertThat(
            RawHttp.send(
                    server.port(),
                    "GET /.well-known/oauth-protected-resource/other HTTP/1.1\r\nHost: 127.0.0.1",
                    new byte[0])
                .status())
        .isEqualTo(404);
    assertThat(
            RawHttp.send(
                    server.port(),
                    "POST /.well-known/oauth-protected-resource/mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0",
                    new byte[0])
                .status())
        .isEqualTo(405);
    assertThat(
            RawHttp.send(
                    server.port(),
                    "TRACE /.well-known/oauth-protected-resource HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer secret",
                    new byte[0])
                .body())
        .doesNotContain("secret");
    // The same Host and Origin checks as the MCP endpoint.
    assertThat(
            RawHttp.send(
                    server.port(),
                    "GET /.well-known/oauth-protected-resource/mcp HTTP/1.1\r\nHost: evil.example",
                    new byte[0])
                .status())
        .isEqualTo(403);
    assertThat(
            RawHttp.send(
                    server.port(),
                    "GET /.well-known/oauth-protected-resource/mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: https://evil.example",
                    new byte[0])
                .status())
        .isEqualTo(403);
    assertThat(airflowRequests()).isEmpty();
  }

  @Test
  void withoutAnAuthorizationServerNoMetadataIsServed() throws Exception {
    start(null, HttpAuthSettings.DEFAULT);
    RawHttp.Response r =
        RawHttp.send(
            server.port(),
            "GET /.well-known/oauth-protected-resource/mcp HTTP/1.1\r\nHost: 127.0.0.1"
                + "\r\nAuthorization: Bearer a",
            new byte[0]);
    assertThat(r.status()).isEqualTo(404);
  }

  @Test
  void theDefaultResourceUrlNamesTheBoundPort() throws Exception {
    HttpAuthSettings noResource =
        new HttpAuthSettings(
            HttpAuthSettings.Mode.OAUTH,
            false,
            null,
            ISSUER,
            "http://localhost:" + idp.port() + "/jwks",
            List.of(),
            List.of(),
            Duration.ofSeconds(30));
    start(null, noResource);
    String resource = "http://127.0.0.1:" + server.port() + "/mcp";
    RawHttp.Response metadata =
        RawHttp.send(
            server.port(),
            "GET /.well-known/oauth-protected-resource/mcp HTTP/1.1\r\nHost: 127.0.0.1",
            new byte[0]);
    assertThat(JSON.readTree(metadata.body()).get("resource").asString()).isEqualTo(resource);
    // Tokens must be issued for that URL.
    assertThat(
            callWith("Authorization: Bearer " + sign(key, claims(Instant.now()).build())).status())
        .isEqualTo(401);
    assertThat(
            callWith(
                    "Authorization: Bearer "
                        + sign(key, claims(Instant.now()).audience(resource).build()))
                .status())
        .isEqualTo(200);
  }
}
