package dev.airflowmcp.runtime.server;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.airflowmcp.runtime.airflow.AirflowTransportConfig;
import dev.airflowmcp.runtime.airflow.Resilience;
import dev.airflowmcp.runtime.ratelimit.RateLimiter;
import dev.airflowmcp.runtime.redaction.Redactor;
import dev.airflowmcp.runtime.redaction.SensitiveKeyRedactor;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * The whole server (Streamable HTTP, pipeline, client) in front of a fake Airflow that misbehaves
 * in every way an Airflow can: each fault is one clear, redacted tool error, and the server keeps
 * answering other calls.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class FaultToleranceTest {
  private static final String TOKEN = "Bearer caller-secret-token";

  /** A secret Airflow leaks into an error body; the configured redactor knows it. */
  private static final String LEAKED = "hunter2-db-password";

  private static final Pattern STACK_TRACE =
      Pattern.compile("(\\bat [\\w.$]+\\(|Exception|Caused by|\\.java:|\\tat )");
  private static final int CAP = 64 * 1024;

  /**
   * The Airflow request deadline of these servers: long enough that a busy CI machine serves the
   * healthy calls in time, far shorter than the 10 s the "slow" Airflow answer takes.
   */
  private static final Duration DEADLINE = Duration.ofSeconds(3);

  private WireMockServer airflow;
  private HttpServer server;
  private McpSyncClient client;

  /** The key-based redactor plus one registered secret value, as a vendor would configure. */
  private static final class KnownSecretRedactor implements Redactor {
    private final SensitiveKeyRedactor keys = new SensitiveKeyRedactor();

    @Override
    public JsonNode redact(JsonNode node, List<String> sensitiveFields) {
      return keys.redact(node, sensitiveFields);
    }

    @Override
    public String redactText(String text) {
      return keys.redactText(text).replace(LEAKED, MASK);
    }
  }

  @BeforeAll
  void start() throws Exception {
    airflow = new WireMockServer(options().dynamicPort());
    airflow.start();
    airflow.stubFor(
        get(urlEqualTo("/api/v2/version")).willReturn(okJson("{\"version\":\"3.0.2\"}")));
    airflow.stubFor(
        get(urlPathEqualTo("/api/v2/dags"))
            .willReturn(okJson("{\"dags\":[{\"dag_id\":\"etl\"}]}")));
    stub("slow", okJson("{\"dag_id\":\"slow\"}").withFixedDelay(10_000));
    stub("sluggish", okJson("{\"dag_id\":\"sluggish\"}").withFixedDelay(1_500));
    stub(
        "boom",
        aResponse()
            .withStatus(500)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"detail\":\"query failed: password " + LEAKED + " rejected\"}"));
    stub("gateway", aResponse().withStatus(503).withBody("<html>Service Unavailable</html>"));
    stub(
        "malformed",
        aResponse()
            .withStatus(200)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"dag_id\": \"malformed\", \"tags\": [1, 2"));
    stub("not-json", aResponse().withStatus(200).withBody("<html>login page</html>"));
    stub("truncated", aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK));
    stub(
        "short",
        aResponse()
            .withStatus(200)
            .withHeader("Content-Length", "5000")
            .withBody("{\"dag_id\": \"short\""));
    stub("garbage", aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE));
    stub("reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    String huge = "{\"dag_id\":\"huge\",\"doc_md\":\"" + "x".repeat(4 * CAP) + "\"}";
    stub("huge", okJson(huge));
    stub("huge-streamed", okJson(huge).withChunkedDribbleDelay(8, 200));

    AirflowTransportConfig config =
        AirflowTransportConfig.defaults("http://localhost:" + airflow.port())
            .withRequestTimeout(DEADLINE)
            .withMaxResponseBytes(CAP)
            .withResilience(
                Resilience.DEFAULTS.withBackoff(Duration.ofMillis(10), Duration.ofMillis(40)));
    server =
        HttpServer.start(
            McpCalls.runtime(config, RateLimiter.UNLIMITED, new KnownSecretRedactor()),
            McpCalls.httpConfig());
    client = McpCalls.client(server.port(), TOKEN);
    warmUp(client);
  }

  /**
   * A freshly started WireMock in a busy JVM may be slow to give its first answers; call until the
   * version is detected, so every test starts from a served call.
   */
  private static void warmUp(McpSyncClient c) throws InterruptedException {
    for (int i = 0; i < 50; i++) {
      if (!McpCalls.call(c, "list_dags", Map.of("dag_id", "x")).isError()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the server never served a call");
  }

  @AfterAll
  void stop() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
    airflow.stop();
  }

  private void stub(String dagId, ResponseDefinitionBuilder answer) {
    airflow.stubFor(get(urlPathEqualTo("/api/v2/dags/" + dagId)).willReturn(answer));
  }

  private static void assertCleanError(CallToolResult result, String type, boolean retryable) {
    assertThat(result.isError()).isTrue();
    String text = McpCalls.text(result);
    JsonNode body = McpCalls.json(result);
    assertThat(body.get("error_type").asString()).as(text).isEqualTo(type);
    assertThat(body.get("retryable").asBoolean()).as(text).isEqualTo(retryable);
    assertThat(body.get("error").asString()).isNotBlank();
    assertThat(body.get("hint").asString()).isNotBlank();
    assertThat(text)
        .doesNotContain(LEAKED)
        .doesNotContain("caller-secret-token")
        .doesNotContainPattern(STACK_TRACE);
  }

  private void assertStillServing() {
    CallToolResult healthy = McpCalls.call(client, "list_dags", Map.of("dag_id", "x"));
    assertThat(healthy.isError()).as(McpCalls.text(healthy)).isFalse();
    assertThat(McpCalls.json(healthy).get("returned_count").asInt()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "slow, ReadTimeout, false, did not respond within 3 s",
    "boom, HTTPStatusError, false, Airflow answered HTTP 500 for GET /api/v2/dags/{dag_id}: query"
        + " failed: password *** rejected",
    "gateway, HTTPStatusError, false, Airflow answered HTTP 503",
    "malformed, InvalidResponseError, false, not valid JSON",
    "not-json, InvalidResponseError, false, not valid JSON",
    "truncated, InvalidResponseError, false, could not be read completely",
    "short, InvalidResponseError, false, could not be read completely",
    "garbage, InvalidResponseError, false, no valid HTTP answer",
    "reset, InvalidResponseError, false, GET /api/v2/dags/{dag_id}",
    "huge, ResponseTooLargeError, true, is larger than the 64 KiB cap",
    "huge-streamed, ResponseTooLargeError, true, is larger than the 64 KiB cap"
  })
  void eachFaultIsOneClearRedactedErrorAndTheServerKeepsServing(
      String dagId, String type, boolean retryable, String message) {
    long started = System.nanoTime();
    CallToolResult result = McpCalls.call(client, "get_dag", Map.of("dag_id", dagId));

    assertCleanError(result, type, retryable);
    assertThat(McpCalls.json(result).get("error").asString()).contains(message);
    assertThat(McpCalls.json(result).get("dag_id").asString()).isEqualTo(dagId);
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .as("bounded by the 3 s deadline (plus the MCP round trip), not by the 10 s Airflow takes")
        .isLessThan(DEADLINE.plusSeconds(5));
    assertStillServing();
  }

  @Test
  void gatewayErrorsAreRetriedOtherFaultsAreNot() {
    // Other tests of this class call the same paths: count what this test adds.
    int gateway = requestsTo("gateway");
    int boom = requestsTo("boom");
    int malformed = requestsTo("malformed");
    CallToolResult result = McpCalls.call(client, "get_dag", Map.of("dag_id", "gateway"));
    McpCalls.call(client, "get_dag", Map.of("dag_id", "boom"));
    McpCalls.call(client, "get_dag", Map.of("dag_id", "malformed"));
    assertThat(requestsTo("gateway"))
        .as("503: three attempts; %s", McpCalls.text(result))
        .isEqualTo(gateway + 3);
    assertThat(requestsTo("boom")).as("500: one attempt").isEqualTo(boom + 1);
    assertThat(requestsTo("malformed")).as("bad JSON: one attempt").isEqualTo(malformed + 1);
  }

  private int requestsTo(String dagId) {
    return airflow.findAll(getRequestedFor(urlPathEqualTo("/api/v2/dags/" + dagId))).size();
  }

  @Test
  void aSlowAirflowCallDoesNotHoldUpOtherCalls() throws Exception {
    // A server with a longer deadline, so that the slow call succeeds after 1.5 s.
    AirflowTransportConfig patient =
        AirflowTransportConfig.defaults("http://localhost:" + airflow.port())
            .withRequestTimeout(Duration.ofSeconds(5));
    HttpServer front =
        HttpServer.start(
            McpCalls.runtime(patient, RateLimiter.UNLIMITED, new KnownSecretRedactor()),
            McpCalls.httpConfig());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (McpSyncClient waiting = McpCalls.client(front.port(), TOKEN);
        McpSyncClient other = McpCalls.client(front.port(), "Bearer other-token")) {
      Future<CallToolResult> slow =
          pool.submit(() -> McpCalls.call(waiting, "get_dag", Map.of("dag_id", "sluggish")));
      List<CompletableFuture<Boolean>> quick = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        quick.add(
            CompletableFuture.supplyAsync(
                () -> {
                  for (int n = 0; n < 5; n++) {
                    if (McpCalls.call(other, "list_dags", Map.of("dag_id", "x")).isError()) {
                      return false;
                    }
                  }
                  return true;
                },
                pool));
      }
      for (CompletableFuture<Boolean> q : quick) {
        assertThat(q.get(5, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(slow.isDone())
          .as("15 quick calls finished while the slow one still waited for Airflow")
          .isFalse();
      CallToolResult late = slow.get(5, TimeUnit.SECONDS);
      assertThat(late.isError()).as(McpCalls.text(late)).isFalse();
    } finally {
      pool.shutdownNow();
      front.close();
    }
  }

  @Test
  void anAirflowThatGoesDownIsAConnectErrorAndComesBackWhenItDoes() throws Exception {
    WireMockServer flaky = new WireMockServer(options().dynamicPort());
    flaky.start();
    int port = flaky.port();
    HttpServer front = null;
    try {
      flaky.stubFor(
          get(urlEqualTo("/api/v2/version")).willReturn(okJson("{\"version\":\"3.0.2\"}")));
      flaky.stubFor(
          get(urlPathEqualTo("/api/v2/dags/etl")).willReturn(okJson("{\"dag_id\":\"etl\"}")));
      flaky.stubFor(get(urlPathEqualTo("/api/v2/dags")).willReturn(okJson("{\"dags\":[]}")));
      AirflowTransportConfig config =
          AirflowTransportConfig.defaults("http://127.0.0.1:" + port)
              .withRequestTimeout(DEADLINE)
              .withResilience(
                  Resilience.DEFAULTS.withBackoff(Duration.ofMillis(10), Duration.ofMillis(40)));
      front =
          HttpServer.start(
              McpCalls.runtime(config, RateLimiter.UNLIMITED, new KnownSecretRedactor()),
              McpCalls.httpConfig());
      try (McpSyncClient c = McpCalls.client(front.port(), TOKEN)) {
        warmUp(c);
        assertThat(McpCalls.call(c, "get_dag", Map.of("dag_id", "etl")).isError()).isFalse();
        flaky.stop();
        CallToolResult down = McpCalls.call(c, "get_dag", Map.of("dag_id", "etl"));
        assertCleanError(down, "ConnectError", false);
        assertThat(McpCalls.json(down).get("error").asString())
            .startsWith("could not connect to Airflow at http://127.0.0.1:" + port)
            .endsWith("(3 attempts)");
        assertThat(McpCalls.json(down).get("hint").asString()).contains("reach Airflow");
        c.ping();

        flaky = new WireMockServer(options().port(port));
        flaky.start();
        flaky.stubFor(
            get(urlPathEqualTo("/api/v2/dags/etl")).willReturn(okJson("{\"dag_id\":\"etl\"}")));
        flaky.stubFor(get(urlPathEqualTo("/api/v2/dags")).willReturn(okJson("{\"dags\":[]}")));
        warmUp(c); // the same server serves again once Airflow is back
        assertThat(McpCalls.call(c, "get_dag", Map.of("dag_id", "etl")).isError()).isFalse();
      }
    } finally {
      if (front != null) {
        front.close();
      }
      flaky.stop();
    }
  }

  @Test
  void anAirflowThatIsDownIsAConnectErrorAndTheServerStaysUp() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    AirflowTransportConfig config =
        AirflowTransportConfig.defaults("http://127.0.0.1:" + closed)
            .withRequestTimeout(DEADLINE)
            .withResilience(
                Resilience.DEFAULTS.withBackoff(Duration.ofMillis(10), Duration.ofMillis(40)));
    HttpServer down = null;
    try {
      down =
          HttpServer.start(
              McpCalls.runtime(config, RateLimiter.UNLIMITED, new KnownSecretRedactor()),
              McpCalls.httpConfig());
      try (McpSyncClient c = McpCalls.client(down.port(), TOKEN)) {
        for (int i = 0; i < 3; i++) {
          CallToolResult result = McpCalls.call(c, "get_dag", Map.of("dag_id", "etl"));
          assertCleanError(result, "VersionDetectionError", false);
          assertThat(McpCalls.json(result).get("error").asString()).contains("could not connect");
        }
        assertThat(c.listTools().tools()).isNotEmpty();
        c.ping();
      }
    } catch (Exception e) {
      throw new AssertionError(e);
    } finally {
      if (down != null) {
        down.close();
      }
    }
  }
}
