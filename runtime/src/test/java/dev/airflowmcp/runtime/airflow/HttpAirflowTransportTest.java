package dev.airflowmcp.runtime.airflow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.airflowmcp.common.AirflowMajor;
import dev.airflowmcp.runtime.airflow.AirflowCallException.Kind;
import dev.airflowmcp.runtime.airflow.AirflowRequest.ArrayStyle;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpAirflowTransportTest {
  private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

  private WireMockServer airflow;
  private HttpAirflowTransport client;

  @BeforeEach
  void start() {
    airflow = new WireMockServer(options().dynamicPort());
    airflow.start();
    airflow.stubFor(any(anyUrl()).willReturn(okJson("{}")));
    client = new HttpAirflowTransport(config(), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void stop() {
    airflow.stop();
  }

  private AirflowTransportConfig config() {
    return AirflowTransportConfig.defaults("http://localhost:" + airflow.port());
  }

  private LoggedRequest onlyRequest() {
    List<LoggedRequest> requests = airflow.findAll(anyRequestedFor(anyUrl()));
    assertThat(requests).hasSize(1);
    return requests.get(0);
  }

  private String sentUrl(AirflowRequest request) throws AirflowCallException {
    assertThat(client.send(request, null).status()).isEqualTo(200);
    return onlyRequest().getUrl();
  }

  // ----- encoding

  @Test
  void pathValuesAreFullyPercentEncoded() throws Exception {
    AirflowRequest request =
        AirflowRequest.get("get_dag_run", "/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}")
            .path("dag_id", "a/b c+d:e")
            .path("dag_run_id", "manual__2024-01-01T00:00:00+00:00")
            .build();

    assertThat(sentUrl(request))
        .isEqualTo(
            "/api/v2/dags/a%2Fb%20c%2Bd%3Ae/dagRuns/manual__2024-01-01T00%3A00%3A00%2B00%3A00");
  }

  @Test
  void dotSegmentsCannotTraverse() throws Exception {
    AirflowRequest request =
        AirflowRequest.get("get_task", "/api/v2/dags/{dag_id}/tasks/{task_id}")
            .path("dag_id", "..")
            .path("task_id", ".")
            .build();

    assertThat(sentUrl(request)).isEqualTo("/api/v2/dags/%2E%2E/tasks/%2E");
  }

  @Test
  void queryAndFragmentCharactersAndUnicodeAreEncoded() throws Exception {
    AirflowRequest request =
        AirflowRequest.get("get_dag", "/api/v2/dags/{dag_id}")
            .path("dag_id", "düsseldorf?x=1#日本~ok")
            .build();

    assertThat(sentUrl(request))
        .isEqualTo("/api/v2/dags/d%C3%BCsseldorf%3Fx%3D1%23%E6%97%A5%E6%9C%AC~ok");
  }

  @Test
  void queryParametersKeepOrderAndArrayStyles() throws Exception {
    AirflowRequest request =
        AirflowRequest.get("get_dag_runs", "/api/v2/dags/{dag_id}/dagRuns")
            .path("dag_id", "etl")
            .query("state", List.of("running", "queued"), ArrayStyle.REPEAT)
            .query("dag_ids", List.of("a b", "c+d"), ArrayStyle.COMMA)
            .query("limit", 100)
            .query("skipped", null)
            .query("start_date_gte", "2024-01-01T00:00:00+00:00")
            .build();

    assertThat(sentUrl(request))
        .isEqualTo(
            "/api/v2/dags/etl/dagRuns?state=running&state=queued&dag_ids=a%20b%2Cc%2Bd&limit=100"
                + "&start_date_gte=2024-01-01T00%3A00%3A00%2B00%3A00");
    LoggedRequest sent = onlyRequest();
    assertThat(sent.queryParameter("state").values()).containsExactly("running", "queued");
    assertThat(sent.queryParameter("dag_ids").values()).containsExactly("a b,c+d");
  }

  @Test
  void aGivenValueWithALookupFallbackKeepsItsArrayStyle() throws Exception {
    AirflowRequest fallback = AirflowRequest.get("get_dags", "/api/v1/dags").build();
    AirflowRequest request =
        AirflowRequest.get("get_dag_stats", "/api/v1/dagStats")
            .query("dag_ids", List.of("a", "b"), ArrayStyle.COMMA, fallback, "dags[*].dag_id")
            .build();

    assertThat(request.lookups()).isEmpty();
    assertThat(sentUrl(request)).isEqualTo("/api/v1/dagStats?dag_ids=a%2Cb");

    AirflowRequest absent =
        AirflowRequest.get("get_dag_stats", "/api/v1/dagStats")
            .query("dag_ids", null, ArrayStyle.COMMA, fallback, "dags[*].dag_id")
            .build();
    assertThat(absent.lookups())
        .singleElement()
        .satisfies(l -> assertThat(l.name()).isEqualTo("dag_ids"));
  }

  // ----- headers

  @Test
  void defaultHeaders() throws Exception {
    client.send(AirflowRequest.get("get_dags", "/api/v2/dags").build(), "Bearer abc.def");

    LoggedRequest sent = onlyRequest();
    assertThat(sent.getHeader("Accept")).isEqualTo("application/json");
    assertThat(sent.getHeader("User-Agent")).isEqualTo("airflow-mcp");
    assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer abc.def");
  }

  @Test
  void requestAcceptHeaderOverridesTheDefaultAndNoAuthorizationWhenNull() throws Exception {
    client.send(
        AirflowRequest.get("get_log", "/api/v2/dags/d/dagRuns/r/taskInstances/t/logs/1")
            .header("accept", "text/plain")
            .header("X-Trace", "1")
            .build(),
        null);

    LoggedRequest sent = onlyRequest();
    assertThat(sent.getHeaders().getHeader("Accept").values()).containsExactly("text/plain");
    assertThat(sent.getHeader("X-Trace")).isEqualTo("1");
    assertThat(sent.containsHeader("Authorization")).isFalse();
  }

  @Test
  void aRequestCannotSmuggleItsOwnAuthorization() {
    AirflowRequest request =
        AirflowRequest.get("get_dags", "/api/v2/dags")
            .header("Authorization", "Basic eA==")
            .build();

    assertRefused(
        request, "refused GET /api/v2/dags: a request must not carry its own Authorization header");
  }

  @Test
  void anAuthorizationValueWithLineBreaksIsRefusedWithoutEchoingIt() {
    assertThatThrownBy(
            () ->
                client.send(
                    AirflowRequest.get("get_dags", "/api/v2/dags").build(),
                    "Bearer x\r\nX-Evil: 1"))
        .isInstanceOfSatisfying(
            AirflowCallException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.REFUSED);
              assertThat(e.getMessage()).doesNotContain("Evil");
            });
    assertThat(airflow.getAllServeEvents()).isEmpty();
  }

  // ----- guard

  private void assertRefused(AirflowRequest request, String message) {
    assertThatThrownBy(() -> client.send(request, "Bearer secret-token"))
        .isInstanceOfSatisfying(
            AirflowCallException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.REFUSED);
              assertThat(e.getMessage()).isEqualTo(message);
            });
    assertThat(airflow.getAllServeEvents()).isEmpty();
  }

  private void assertReadOnly(AirflowRequest request, String message) {
    assertThatThrownBy(() -> client.send(request, "Bearer secret-token"))
        .isInstanceOfSatisfying(
            AirflowCallException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.READ_ONLY);
              assertThat(e.getMessage()).isEqualTo(message);
            });
    assertThat(airflow.getAllServeEvents()).isEmpty();
  }

  @Test
  void checkRefusesWhatSendWouldWithoutSendingAndLeavesLookupsToSend() throws Exception {
    AirflowRequest lookup =
        AirflowRequest.get("get_dag", "/api/v2/dags/{dag_id}").path("dag_id", "etl").build();
    AirflowRequest writeWithLookup =
        AirflowRequest.of("DELETE", "delete_dag_run", "/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}")
            .path("dag_id", "etl")
            .pathLookup("dag_run_id", lookup, "latest_run")
            .build();
    // Read-only: the write is refused before anything is sent, lookups or not.
    assertThatThrownBy(() -> client.check(writeWithLookup))
        .isInstanceOfSatisfying(
            AirflowCallException.class, e -> assertThat(e.kind()).isEqualTo(Kind.READ_ONLY));
    // Writes allowed: an unresolved lookup is no reason to refuse at check time.
    HttpAirflowTransport writer = new HttpAirflowTransport(config().withAllowWrites(true));
    writer.check(writeWithLookup);
    assertThatThrownBy(
            () -> writer.check(AirflowRequest.get("login", "/api/v2/auth/login").build()))
        .isInstanceOfSatisfying(
            AirflowCallException.class, e -> assertThat(e.kind()).isEqualTo(Kind.REFUSED));
    assertThat(airflow.getAllServeEvents()).isEmpty();
  }

  @Test
  void writesAreRefusedUnlessAllowedNamingTheMethodAndPath() {
    String why = " refused: the server is in read-only mode, so only reads are sent to Airflow";
    assertReadOnly(
        AirflowRequest.of("POST", "post_dag_run", "/api/v2/dags/{dag_id}/dagRuns")
            .path("dag_id", "sales etl/daily")
            .build(),
        "'POST dags/sales%20etl%2Fdaily/dagRuns'" + why);
    assertReadOnly(
        AirflowRequest.of("DELETE", "delete_dag", "/api/v1/dags/x").build(),
        "'DELETE dags/x'" + why);
    // A path that cannot be filled is named by its template.
    assertReadOnly(
        AirflowRequest.of("PATCH", "patch_dag", "/api/v2/dags/{dag_id}").build(),
        "'PATCH dags/{dag_id}'" + why);
  }

  @Test
  void writesAreSentWhenAllowed() throws Exception {
    HttpAirflowTransport writer = new HttpAirflowTransport(config().withAllowWrites(true));

    AirflowResponse response =
        writer.send(
            AirflowRequest.of("PATCH", "patch_dag", "/api/v2/dags/{dag_id}")
                .path("dag_id", "d")
                .build(),
            null);

    assertThat(response.status()).isEqualTo(200);
    assertThat(onlyRequest().getMethod().getName()).isEqualTo("PATCH");
  }

  @Test
  void postPutAndPatchAlwaysCarryAJsonObjectAndDeleteNone() throws Exception {
    HttpAirflowTransport writer = new HttpAirflowTransport(config().withAllowWrites(true));

    writer.send(AirflowRequest.of("POST", "post_dag_run", "/api/v1/dags/d/dagRuns").build(), null);
    LoggedRequest empty = onlyRequest();
    assertThat(empty.getBodyAsString()).isEqualTo("{}");
    assertThat(empty.getHeader("Content-Type")).isEqualTo("application/json");

    airflow.resetRequests();
    writer.send(
        AirflowRequest.of("PATCH", "patch_dag", "/api/v2/dags/d")
            .body("is_paused", true)
            .bodyNull("note")
            .build(),
        null);
    assertThat(onlyRequest().getBodyAsString()).isEqualTo("{\"is_paused\":true,\"note\":null}");

    airflow.resetRequests();
    writer.send(
        AirflowRequest.of("DELETE", "delete_dag_run", "/api/v2/dags/d/dagRuns/r").build(), null);
    LoggedRequest delete = onlyRequest();
    assertThat(delete.getBodyAsString()).isEmpty();
    assertThat(delete.containsHeader("Content-Type")).isFalse();
  }

  @Test
  void unknownMethodsAreRefused() {
    assertRefused(
        AirflowRequest.of("TRACE", "trace", "/api/v2/dags").build(),
        "refused TRACE /api/v2/dags: unsupported HTTP method");
  }

  @Test
  void loginAndLogoutAreAlwaysRefused() {
    HttpAirflowTransport writer = new HttpAirflowTransport(config().withAllowWrites(true));
    for (String path :
        List.of("/api/v2/auth/login", "/api/v1/auth/logout", "/api/v2/Auth/Login/")) {
      for (String method : List.of("GET", "POST")) {
        assertThatThrownBy(() -> writer.send(AirflowRequest.of(method, "x", path).build(), null))
            .isInstanceOfSatisfying(
                AirflowCallException.class,
                e ->
                    assertThat(e.getMessage())
                        .isEqualTo(
                            "refused "
                                + method
                                + " "
                                + path
                                + ": login and logout endpoints are never called"));
      }
    }
    // A login path assembled from a placeholder value is refused too.
    assertRefused(
        AirflowRequest.get("x", "/api/v2/{a}/login").path("a", "auth").build(),
        "refused GET /api/v2/{a}/login: login and logout endpoints are never called");
    assertThat(airflow.getAllServeEvents()).isEmpty();
  }

  @Test
  void foreignPrefixesAreRefused() {
    for (String path :
        List.of("/auth/token", "/api/v3/dags", "/api/v2", "/health", "/api/v2x/dags")) {
      assertRefused(
          AirflowRequest.get("x", path).build(),
          "refused GET " + path + ": only /api/v1/ and /api/v2/ paths may be called");
    }
  }

  @Test
  void malformedTemplatesAreRefused() {
    assertRefused(
        AirflowRequest.get("x", "/api/v2/dags/../config").build(),
        "refused GET /api/v2/dags/../config: the path template has an empty, '.' or '..' segment");
    assertRefused(
        AirflowRequest.get("x", "/api/v2/dags?x=1").build(),
        "refused GET /api/v2/dags?x=1: the path template contains characters that are not allowed");
  }

  @Test
  void missingAndUnreplacedPlaceholdersAreRefused() {
    assertRefused(
        AirflowRequest.get("get_dag", "/api/v2/dags/{dag_id}").build(),
        "refused GET /api/v2/dags/{dag_id}: no value for path parameter 'dag_id'");
    assertRefused(
        AirflowRequest.get("get_dag", "/api/v2/dags/{dag_id").path("dag_id", "x").build(),
        "refused GET /api/v2/dags/{dag_id: the path template has an unclosed placeholder");
    assertRefused(
        AirflowRequest.get("get_dag", "/api/v2/dags/{dag_id}").path("dag_id", "").build(),
        "refused GET /api/v2/dags/{dag_id}: empty value for path parameter 'dag_id'");
    assertRefused(
        AirflowRequest.get("get_dags", "/api/v2/dags").path("dag_id", "x").build(),
        "refused GET /api/v2/dags: path parameter 'dag_id' is not in the path template");
  }

  @Test
  void unresolvedLookupsAreRefused() {
    AirflowRequest source = AirflowRequest.get("get_dag", "/api/v2/dags/d").build();
    AirflowRequest request =
        AirflowRequest.get("get_dag_run", "/api/v2/dags/d/dagRuns/{run_id}")
            .path("run_id", null, source, "last_run")
            .build();

    assertRefused(
        request,
        "refused GET /api/v2/dags/d/dagRuns/{run_id}: lookups must be resolved before sending");
  }

  // ----- responses

  @Test
  void nonSuccessIsReturnedWithRetryAfterSeconds() throws Exception {
    airflow.stubFor(
        get(urlEqualTo("/api/v2/pools"))
            .willReturn(
                aResponse().withStatus(429).withHeader("Retry-After", "120").withBody("{}")));

    AirflowResponse response =
        client.send(AirflowRequest.get("get_pools", "/api/v2/pools").build(), null);

    assertThat(response.status()).isEqualTo(429);
    assertThat(response.isSuccess()).isFalse();
    assertThat(response.retryAfterSeconds()).isEqualTo(120);
  }

  @Test
  void retryAfterHttpDateIsMeasuredAgainstTheClock() throws Exception {
    airflow.stubFor(
        get(urlEqualTo("/api/v2/pools"))
            .willReturn(
                aResponse()
                    .withStatus(503)
                    .withHeader("Retry-After", "Sat, 01 Mar 2025 12:01:30 GMT")));
    airflow.stubFor(
        get(urlEqualTo("/api/v2/dags"))
            .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "soon")));

    assertThat(
            client.send(AirflowRequest.get("p", "/api/v2/pools").build(), null).retryAfterSeconds())
        .isEqualTo(90);
    assertThat(
            client.send(AirflowRequest.get("d", "/api/v2/dags").build(), null).retryAfterSeconds())
        .isEqualTo(-1);
    assertThat(
            client
                .send(AirflowRequest.get("v", "/api/v2/version").build(), null)
                .retryAfterSeconds())
        .isEqualTo(-1);
  }

  @Test
  void retryAfterParsing() {
    assertThat(RetryAfter.seconds(" 7 ", NOW)).isEqualTo(7);
    assertThat(RetryAfter.seconds("Sat, 01 Mar 2025 11:00:00 GMT", NOW)).isZero();
    assertThat(RetryAfter.seconds("-5", NOW)).isEqualTo(-1);
    assertThat(RetryAfter.seconds(null, NOW)).isEqualTo(-1);
  }

  @Test
  void redirectsAreNotFollowed() throws Exception {
    airflow.stubFor(
        get(urlEqualTo("/api/v2/dags"))
            .willReturn(aResponse().withStatus(302).withHeader("Location", "/elsewhere")));

    AirflowResponse response =
        client.send(AirflowRequest.get("get_dags", "/api/v2/dags").build(), null);

    assertThat(response.status()).isEqualTo(302);
    assertThat(onlyRequest().getUrl()).isEqualTo("/api/v2/dags");
  }

  @Test
  void bodyAndContentTypeAreReturned() throws Exception {
    airflow.stubFor(get(urlEqualTo("/api/v2/dags")).willReturn(okJson("{\"total_entries\":0}")));

    AirflowResponse response =
        client.send(AirflowRequest.get("get_dags", "/api/v2/dags").build(), null);

    assertThat(response.bodyText()).isEqualTo("{\"total_entries\":0}");
    assertThat(response.contentType()).isEqualTo("application/json");
  }

  @Test
  void bodiesUpToTheCapAreReadLargerOnesRefused() throws Exception {
    HttpAirflowTransport capped = new HttpAirflowTransport(config().withMaxResponseBytes(1024));
    byte[] exact = new byte[1024];
    Arrays.fill(exact, (byte) 'a');
    byte[] over = new byte[1025];
    Arrays.fill(over, (byte) 'a');
    airflow.stubFor(get(urlEqualTo("/api/v2/exact")).willReturn(aResponse().withBody(exact)));
    airflow.stubFor(get(urlEqualTo("/api/v2/over")).willReturn(aResponse().withBody(over)));
    airflow.stubFor(
        get(urlEqualTo("/api/v2/chunked"))
            .willReturn(aResponse().withBody(over).withChunkedDribbleDelay(4, 20)));

    assertThat(capped.send(AirflowRequest.get("e", "/api/v2/exact").build(), null).body())
        .hasSize(1024);
    for (String path : List.of("/api/v2/over", "/api/v2/chunked")) {
      assertThatThrownBy(() -> capped.send(AirflowRequest.get("o", path).build(), null))
          .isInstanceOfSatisfying(
              AirflowCallException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(Kind.BODY_TOO_LARGE);
                assertThat(e.getMessage())
                    .isEqualTo("Airflow's answer to GET " + path + " is larger than the 1 KiB cap");
              });
    }
  }

  @Test
  void closedPortIsAConnectFailure() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    HttpAirflowTransport closed =
        new HttpAirflowTransport(AirflowTransportConfig.defaults("http://127.0.0.1:" + port + "/"));

    assertThatThrownBy(
            () -> closed.send(AirflowRequest.get("get_dags", "/api/v2/dags").build(), null))
        .isInstanceOfSatisfying(
            AirflowCallException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.CONNECT);
              assertThat(e.getMessage())
                  .startsWith("could not connect to Airflow at http://127.0.0.1:" + port + ": ");
            });
  }

  @Test
  void unknownHostIsAConnectFailure() {
    HttpAirflowTransport nowhere =
        new HttpAirflowTransport(
            AirflowTransportConfig.defaults("http://airflow.invalid")
                .withConnectTimeout(Duration.ofSeconds(3)));

    assertThatThrownBy(
            () -> nowhere.send(AirflowRequest.get("get_dags", "/api/v2/dags").build(), null))
        .isInstanceOfSatisfying(
            AirflowCallException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.CONNECT);
              assertThat(e.getMessage())
                  .startsWith("could not connect to Airflow at http://airflow.invalid: ");
            });
  }

  @Test
  void slowAnswerTimesOut() {
    airflow.stubFor(get(urlEqualTo("/api/v2/dags")).willReturn(okJson("{}").withFixedDelay(3000)));
    HttpAirflowTransport impatient =
        new HttpAirflowTransport(config().withRequestTimeout(Duration.ofMillis(300)));

    long started = System.nanoTime();
    assertThatThrownBy(
            () -> impatient.send(AirflowRequest.get("get_dags", "/api/v2/dags").build(), null))
        .isInstanceOfSatisfying(
            AirflowCallException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
              assertThat(e.getMessage()).isEqualTo("Airflow did not respond within 300 ms");
            });
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
  }

  @Test
  void slowBodyTimesOutToo() {
    airflow.stubFor(
        get(urlEqualTo("/api/v2/dags"))
            .willReturn(okJson("{\"dags\": []}").withChunkedDribbleDelay(5, 3000)));
    HttpAirflowTransport impatient =
        new HttpAirflowTransport(config().withRequestTimeout(Duration.ofMillis(300)));

    assertThatThrownBy(
            () -> impatient.send(AirflowRequest.get("get_dags", "/api/v2/dags").build(), null))
        .isInstanceOfSatisfying(
            AirflowCallException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT));
  }

  @Test
  void brokenAnswersAreBadResponses() {
    airflow.stubFor(
        get(urlEqualTo("/api/v2/chunk"))
            .willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));
    airflow.stubFor(
        get(urlEqualTo("/api/v2/empty")).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

    for (String path : List.of("/api/v2/chunk", "/api/v2/empty")) {
      assertThatThrownBy(() -> client.send(AirflowRequest.get("x", path).build(), null))
          .isInstanceOfSatisfying(
              AirflowCallException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE));
    }
  }

  // ----- token endpoint

  @Test
  void postJsonReachesOnlyTheTokenEndpoint() throws Exception {
    airflow.stubFor(
        post(urlEqualTo("/auth/token")).willReturn(aResponse().withStatus(201).withBody("{}")));

    AirflowResponse response =
        client.postJson("/auth/token", "{\"username\":\"u\",\"password\":\"p\"}");

    assertThat(response.status()).isEqualTo(201);
    airflow.verify(
        postRequestedFor(urlEqualTo("/auth/token"))
            .withHeader("Content-Type", equalTo("application/json"))
            .withHeader("User-Agent", equalTo("airflow-mcp"))
            .withoutHeader("Authorization")
            .withRequestBody(equalToJson("{\"username\":\"u\",\"password\":\"p\"}")));
    assertThatThrownBy(() -> client.postJson("/api/v2/dags", "{}"))
        .isInstanceOfSatisfying(
            AirflowCallException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.REFUSED);
              assertThat(e.getMessage())
                  .isEqualTo("refused POST /api/v2/dags: only /auth/token may be posted to");
            });
    assertThat(airflow.getAllServeEvents()).hasSize(1);
    assertThat(new String(onlyRequest().getBody(), StandardCharsets.UTF_8))
        .contains("\"username\"");
  }

  @Test
  void versionProbeIsAPlainGet() throws Exception {
    client.send(VersionDetector.versionRequest(AirflowMajor.AIRFLOW2), "Basic eDp5");

    LoggedRequest sent = onlyRequest();
    assertThat(sent.getUrl()).isEqualTo("/api/v1/version");
    assertThat(sent.getHeader("Authorization")).isEqualTo("Basic eDp5");
  }
}
