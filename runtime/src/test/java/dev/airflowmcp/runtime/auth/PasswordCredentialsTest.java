package dev.airflowmcp.runtime.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.airflowmcp.common.AirflowMajor;
import dev.airflowmcp.runtime.airflow.AirflowCallException;
import dev.airflowmcp.runtime.airflow.AirflowCallException.Kind;
import dev.airflowmcp.runtime.airflow.AirflowTransportConfig;
import dev.airflowmcp.runtime.airflow.HttpAirflowTransport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PasswordCredentialsTest {
  private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
  private static final String PASSWORD = "s3cr\"et:pw";

  private WireMockServer airflow;
  private HttpAirflowTransport client;
  private MutableClock clock;
  private PasswordCredentials credentials;

  @BeforeEach
  void start() {
    airflow = new WireMockServer(options().dynamicPort());
    airflow.start();
    client =
        new HttpAirflowTransport(
            AirflowTransportConfig.defaults("http://localhost:" + airflow.port()));
    clock = new MutableClock(T0);
    credentials = new PasswordCredentials(client, "alice", PASSWORD, clock);
  }

  @AfterEach
  void stop() {
    airflow.stop();
  }

  private static String jwt(Instant exp, String subject) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString(
            "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString(
            ("{\"sub\":\"" + subject + "\",\"exp\":" + exp.getEpochSecond() + "}")
                .getBytes(StandardCharsets.UTF_8))
        + ".c2lnbmF0dXJl";
  }

  /** The token endpoint answers with each body in turn (the last one repeatedly). */
  private void tokenAnswers(String... bodies) {
    for (int i = 0; i < bodies.length; i++) {
      airflow.stubFor(
          post(urlEqualTo("/auth/token"))
              .inScenario("tokens")
              .whenScenarioStateIs(i == 0 ? STARTED : "answer-" + i)
              .willSetStateTo("answer-" + Math.min(i + 1, bodies.length - 1))
              .willReturn(
                  aResponse()
                      .withStatus(201)
                      .withHeader("Content-Type", "application/json")
                      .withBody(bodies[i])));
    }
  }

  private int tokenRequests() {
    return airflow.findAll(postRequestedFor(urlEqualTo("/auth/token"))).size();
  }

  @Test
  void fetchesABearerTokenWithJsonCredentials() throws Exception {
    tokenAnswers("{\"access_token\": \"opaque-1\", \"token_type\": \"bearer\"}");

    assertThat(credentials.authorization(AirflowMajor.AIRFLOW3)).isEqualTo("Bearer opaque-1");

    airflow.verify(
        postRequestedFor(urlEqualTo("/auth/token"))
            .withHeader("Content-Type", equalTo("application/json"))
            .withoutHeader("Authorization")
            .withRequestBody(
                equalToJson("{\"username\": \"alice\", \"password\": \"s3cr\\\"et:pw\"}")));
  }

  @Test
  void theJwtExpClaimDecidesWhenToRefresh() throws Exception {
    // exp in one hour wins over expires_in; 10% of the lifetime (360 s) is the refresh margin.
    String first = jwt(T0.plusSeconds(3600), "first");
    String second = jwt(T0.plusSeconds(7200), "second");
    tokenAnswers(
        "{\"access_token\": \"" + first + "\", \"expires_in\": 60}",
        "{\"access_token\": \"" + second + "\"}");

    assertThat(credentials.authorization(AirflowMajor.AIRFLOW3)).isEqualTo("Bearer " + first);
    clock.advance(Duration.ofSeconds(3240));
    assertThat(credentials.authorization(AirflowMajor.AIRFLOW3)).isEqualTo("Bearer " + first);
    assertThat(tokenRequests()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(1));
    assertThat(credentials.authorization(AirflowMajor.AIRFLOW3)).isEqualTo("Bearer " + second);
    assertThat(tokenRequests()).isEqualTo(2);
  }

  @Test
  void expiresInIsUsedForOpaqueTokensWithAThirtySecondMinimumMargin() throws Exception {
    tokenAnswers(
        "{\"access_token\": \"opaque-1\", \"expires_in\": 100}",
        "{\"access_token\": \"opaque-2\", \"expires_in\": 100}");

    credentials.authorization(AirflowMajor.AIRFLOW3);
    clock.advance(Duration.ofSeconds(70));
    assertThat(credentials.authorization(AirflowMajor.AIRFLOW3)).isEqualTo("Bearer opaque-1");
    clock.advance(Duration.ofSeconds(1));
    assertThat(credentials.authorization(AirflowMajor.AIRFLOW3)).isEqualTo("Bearer opaque-2");
  }

  @Test
  void withoutExpiryFifteenMinutesAreAssumed() throws Exception {
    tokenAnswers("{\"access_token\": \"opaque-1\"}", "{\"access_token\": \"opaque-2\"}");

    credentials.authorization(AirflowMajor.AIRFLOW3);
    clock.advance(Duration.ofSeconds(810));
    assertThat(credentials.authorization(AirflowMajor.AIRFLOW3)).isEqualTo("Bearer opaque-1");
    clock.advance(Duration.ofSeconds(1));
    assertThat(credentials.authorization(AirflowMajor.AIRFLOW3)).isEqualTo("Bearer opaque-2");
    assertThat(tokenRequests()).isEqualTo(2);
  }

  @Test
  void concurrentCallersShareOneTokenRequest() throws Exception {
    airflow.stubFor(
        post(urlEqualTo("/auth/token"))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withBody("{\"access_token\": \"shared\"}")
                    .withFixedDelay(100)));
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  return credentials.authorization(AirflowMajor.AIRFLOW3);
                }));
      }
      go.countDown();
      for (Future<String> result : results) {
        assertThat(result.get()).isEqualTo("Bearer shared");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(tokenRequests()).isEqualTo(1);
  }

  @Test
  void aRejectedCurrentTokenIsReplacedOnTheNextCall() throws Exception {
    tokenAnswers("{\"access_token\": \"opaque-1\"}", "{\"access_token\": \"opaque-2\"}");
    String first = credentials.authorization(AirflowMajor.AIRFLOW3);

    assertThat(credentials.refreshAfterUnauthorized(first)).isTrue();
    assertThat(credentials.authorization(AirflowMajor.AIRFLOW3)).isEqualTo("Bearer opaque-2");
    // Another caller's late 401 for the old token keeps the new one.
    assertThat(credentials.refreshAfterUnauthorized(first)).isTrue();
    assertThat(credentials.authorization(AirflowMajor.AIRFLOW3)).isEqualTo("Bearer opaque-2");
    assertThat(tokenRequests()).isEqualTo(2);
  }

  @Test
  void basicAuthForAirflow2NeedsNoRequestAndCannotRefresh() throws Exception {
    String header = credentials.authorization(AirflowMajor.AIRFLOW2);

    assertThat(header)
        .isEqualTo(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString(("alice:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    assertThat(credentials.refreshAfterUnauthorized(header)).isFalse();
    assertThat(credentials.refreshAfterUnauthorized(null)).isFalse();
    assertThat(airflow.findAll(anyRequestedFor(anyUrl()))).isEmpty();
  }

  @Test
  void aRefusalNamesTheStatusButNeverThePassword() {
    airflow.stubFor(
        post(urlEqualTo("/auth/token"))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withBody("{\"detail\": \"Invalid credentials " + PASSWORD + "\"}")));

    assertThatThrownBy(() -> credentials.authorization(AirflowMajor.AIRFLOW3))
        .isInstanceOfSatisfying(
            AirflowCallException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.AUTH);
              assertThat(e.getMessage())
                  .isEqualTo("Airflow refused the username/password at /auth/token (HTTP 401)");
            });
    assertThat(credentials.toString())
        .isEqualTo("PasswordCredentials[user=alice]")
        .doesNotContain(PASSWORD);
    assertThat(credentials.principal()).isEqualTo("user:alice");
  }

  @Test
  void serverErrorsAndAnswersWithoutATokenAreAuthFailures() {
    airflow.stubFor(post(urlEqualTo("/auth/token")).willReturn(aResponse().withStatus(503)));
    assertThatThrownBy(() -> credentials.authorization(AirflowMajor.AIRFLOW3))
        .hasMessage("Airflow did not issue a token at /auth/token (HTTP 503)");

    airflow.stubFor(
        post(urlEqualTo("/auth/token"))
            .willReturn(aResponse().withStatus(201).withBody("{\"token\": \"x\"}")));
    assertThatThrownBy(() -> credentials.authorization(AirflowMajor.AIRFLOW3))
        .isInstanceOfSatisfying(
            AirflowCallException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.AUTH);
              assertThat(e.getMessage())
                  .isEqualTo("Airflow's answer from /auth/token has no usable access_token");
            });
  }

  @Test
  void failuresAreNotCached() throws Exception {
    airflow.stubFor(
        post(urlEqualTo("/auth/token"))
            .inScenario("flaky")
            .whenScenarioStateIs(STARTED)
            .willSetStateTo("up")
            .willReturn(aResponse().withStatus(502)));
    airflow.stubFor(
        post(urlEqualTo("/auth/token"))
            .inScenario("flaky")
            .whenScenarioStateIs("up")
            .willReturn(aResponse().withStatus(201).withBody("{\"access_token\": \"ok\"}")));

    assertThatThrownBy(() -> credentials.authorization(AirflowMajor.AIRFLOW3))
        .isInstanceOf(AirflowCallException.class);
    assertThat(credentials.authorization(AirflowMajor.AIRFLOW3)).isEqualTo("Bearer ok");
  }

  @Test
  void emptySettingsAreRejected() {
    assertThatThrownBy(() -> new PasswordCredentials(client, " ", "pw", clock))
        .hasMessage("the Airflow username is empty");
    assertThatThrownBy(() -> new PasswordCredentials(client, "alice", "", clock))
        .hasMessage("the Airflow password is empty");
  }

  @Test
  void aUsernameWithAColonCannotUseBasic() {
    PasswordCredentials colon = new PasswordCredentials(client, "a:b", "pw", clock);

    assertThatThrownBy(() -> colon.authorization(AirflowMajor.AIRFLOW2))
        .isInstanceOfSatisfying(
            AirflowCallException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTH));
  }
}
