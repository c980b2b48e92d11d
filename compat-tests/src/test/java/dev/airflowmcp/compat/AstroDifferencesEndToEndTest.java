package dev.airflowmcp.compat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.airflowmcp.compat.FakeAirflow.DAG_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.airflowmcp.compat.FakeAirflow.Mode;
import dev.airflowmcp.compat.FakeAirflow.Recorded;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * Rows of the migration guide's "Deliberate differences" table that no other test class covers,
 * each shown on the packaged server against the fake Airflow and compared with astro's side from
 * {@code astro-differences.yml}: answers that are not what was asked for, answers too large to
 * read, retries of failed reads, Airflow's 429, rate limits, version detection failing, the HTTP
 * transport's sessions and callers' credentials, and what stderr carries.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AstroDifferencesEndToEndTest {
  private static final String TOKEN = "compat-differences-token-8Rk2";

  /** One stdio server per Airflow major, shared by the tests that need nothing special. */
  private final Map<Mode, Deployment> shared = new EnumMap<>(Mode.class);

  /** Stubs added by one test, removed after it. */
  private final List<Map.Entry<FakeAirflow, StubMapping>> added = new ArrayList<>();

  /** Deployments started by one test, closed after it. */
  private final List<Deployment> own = new ArrayList<>();

  @BeforeAll
  void start() {
    for (Mode mode : Mode.values()) {
      Deployment d =
          Deployment.start(
              new Scenario(mode, Scenario.Transport.STDIO),
              airflow -> ServerProcess.Settings.token(airflow.baseUrl(), TOKEN),
              null);
      shared.put(mode, d);
      ToolResults.success(d.call("get_airflow_version", Map.of()), d);
    }
  }

  @AfterAll
  void stop() {
    shared.values().forEach(Deployment::close);
  }

  @BeforeEach
  void forget() {
    shared.values().forEach(d -> d.airflow().resetRequests());
  }

  @AfterEach
  void cleanUp() {
    added.forEach(e -> e.getKey().remove(e.getValue()));
    added.clear();
    own.forEach(Deployment::close);
    own.clear();
  }

  private void stub(Deployment d, String path, ResponseDefinitionBuilder answer) {
    added.add(
        Map.entry(
            d.airflow(),
            d.airflow().stub(get(urlPathEqualTo(path)).atPriority(1).willReturn(answer))));
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  // ---------------------------------------------------------------------------------------------
  // Answers that are not what was asked for

  @ParameterizedTest
  @EnumSource(Mode.class)
  void anAnswerWithoutItsListIsAnErrorWhereAstroSaysNoneWereFound(Mode mode) {
    Deployment d = shared.get(mode);
    JsonNode astro = AstroDifferences.astro("no-list-answer");
    JsonNode withoutList = astro.get("without_list");
    JsonNode notJson = astro.get("not_json");
    stub(
        d,
        d.airflow().api() + "/dags/no_list/dagRuns",
        json(200, withoutList.get("answer").asString()));
    stub(
        d,
        d.airflow().api() + "/dags/login_page/dagRuns",
        aResponse()
            .withStatus(200)
            .withHeader("Content-Type", "text/html")
            .withBody(notJson.get("answer").asString()));

    McpSchema.CallToolResult missing = d.call("list_dag_runs", Map.of("dag_id", "no_list"));
    JsonNode error = ToolResults.failure(missing, d);
    assertThat(error.get("error_type").asString()).isEqualTo("InvalidResponseError");
    assertThat(error.get("error").asString()).contains("dag_runs");
    assertThat(error.get("retryable").asBoolean()).isFalse();
    // Astro: a successful plain-text result saying nothing was found.
    assertThat(withoutList.get("isError").asBoolean()).isFalse();
    assertThat(withoutList.get("text").asString()).startsWith("No DAG runs found.");
    assertThat(ToolResults.text(missing)).doesNotStartWith("No DAG runs found");

    McpSchema.CallToolResult html = d.call("list_dag_runs", Map.of("dag_id", "login_page"));
    JsonNode htmlError = ToolResults.failure(html, d);
    assertThat(htmlError.get("error_type").asString())
        .isEqualTo("InvalidResponseError")
        .isNotEqualTo(notJson.get("error_type").asString());
    assertThat(htmlError.get("retryable").asBoolean())
        .isEqualTo(notJson.get("retryable").asBoolean());
    assertThat(notJson.get("isError").asBoolean()).isFalse();
    assertThat(htmlError.toString()).doesNotContain("<html>");
  }

  @Test
  void anAnswerOverEightMebibytesIsRefusedWhereAstroReadsItWhole() {
    Deployment d = shared.get(Mode.AIRFLOW3);
    JsonNode astro = AstroDifferences.astro("response-cap");
    String huge = "{\"dag_id\": \"huge\", \"doc_md\": \"" + "x".repeat(9 * 1024 * 1024) + "\"}";
    stub(d, d.airflow().api() + "/dags/huge/details", json(200, huge));

    JsonNode error = ToolResults.failure(d.call("get_dag_details", Map.of("dag_id", "huge")), d);
    assertThat(error.get("error_type").asString()).isEqualTo("ResponseTooLargeError");
    assertThat(error.get("error").asString()).contains("8 MiB");
    assertThat(error.toString()).doesNotContain("xxxxxxxxxx");
    assertThat(astro.get("body_limit").asString()).isEqualTo("none");
  }

  // ---------------------------------------------------------------------------------------------
  // Airflow failures and load

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aFailingReadIsRetriedWhereAstroSendsOneRequest(Mode mode) {
    Deployment d = shared.get(mode);
    JsonNode astro = AstroDifferences.astro("retries");
    String busy = d.airflow().api() + "/dags/busy/details";
    stub(d, busy, json(503, "{\"detail\": \"Service Unavailable\"}"));

    JsonNode error = ToolResults.failure(d.call("get_dag_details", Map.of("dag_id", "busy")), d);
    List<Recorded> attempts = d.airflow().dataRequests();
    assertThat(attempts).extracting(Recorded::path).containsExactly(busy, busy, busy);
    assertThat(attempts).extracting(Recorded::status).containsOnly(503);
    assertThat(attempts.size()).isGreaterThan(astro.get("requests_per_call").asInt());
    // When every attempt fails, the error is astro's (but as an error result).
    JsonNode astros = astro.get("after_one_503");
    assertThat(error.get("error_type").asString()).isEqualTo(astros.get("error_type").asString());
    assertThat(error.get("retryable").asBoolean()).isEqualTo(astros.get("retryable").asBoolean());

    // A passing 503: astro's call fails, ours succeeds on the second request.
    d.airflow().resetRequests();
    String flaky = d.airflow().api() + "/dags/flaky/details";
    added.add(
        Map.entry(
            d.airflow(),
            d.airflow()
                .stub(
                    get(urlPathEqualTo(flaky))
                        .atPriority(1)
                        .inScenario("flaky-" + mode)
                        .whenScenarioStateIs(STARTED)
                        .willSetStateTo("up")
                        .willReturn(json(503, "{\"detail\": \"restarting\"}")))));
    added.add(
        Map.entry(
            d.airflow(),
            d.airflow()
                .stub(
                    get(urlPathEqualTo(flaky))
                        .atPriority(1)
                        .inScenario("flaky-" + mode)
                        .whenScenarioStateIs("up")
                        .willReturn(json(200, "{\"dag_id\": \"flaky\"}")))));
    JsonNode ok = ToolResults.success(d.call("get_dag_details", Map.of("dag_id", "flaky")), d);
    assertThat(ok.get("dag_id").asString()).isEqualTo("flaky");
    assertThat(d.airflow().dataRequests()).extracting(Recorded::status).containsExactly(503, 200);
  }

  @Test
  void afterA429TheCallersCallsWaitForRetryAfterWhereAstroSendsThem() {
    Deployment d = start(Mode.AIRFLOW3, Scenario.Transport.STDIO, Map.of());
    JsonNode astro = AstroDifferences.astro("upstream-429");
    String limited = d.airflow().api() + "/dags/limited/details";
    stub(
        d,
        limited,
        json(429, "{\"detail\": \"Too Many Requests\"}").withHeader("Retry-After", "30"));

    JsonNode first = ToolResults.failure(d.call("get_dag_details", Map.of("dag_id", "limited")), d);
    assertThat(first.get("error_type").asString()).isEqualTo("HTTPStatusError");
    assertThat(first.get("retryable").asBoolean()).isTrue();
    JsonNode second = ToolResults.failure(d.call("get_dag_details", Map.of("dag_id", DAG_ID)), d);
    assertThat(second.get("error_type").asString()).isEqualTo("RateLimitError");
    assertThat(second.get("retryable").asBoolean()).isTrue();
    assertThat(second.get("retry_after_seconds").asInt()).isEqualTo(30);

    List<Recorded> data = d.airflow().dataRequests();
    assertThat(data).extracting(Recorded::path).containsExactly(limited);
    // Astro sends both calls; the second gets its own 429.
    assertThat(data.size()).isLessThan(astro.get("requests_for_two_calls").asInt());
    assertThat(astro.get("second_call").get("error_type").asString())
        .isEqualTo("HTTPStatusError")
        .isNotEqualTo(second.get("error_type").asString());
  }

  @Test
  void callsOverTheRateLimitNeverReachAirflowWhereAstroSendsEveryOne() {
    // Three calls a burst for every class, refilled at one a minute; start() spends one on the
    // version read.
    Deployment d =
        start(Mode.AIRFLOW3, Scenario.Transport.STDIO, Map.of("MCP_RATE_LIMITS", "*=3/1"));
    JsonNode astro = AstroDifferences.astro("rate-limits");
    List<String> types = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      McpSchema.CallToolResult r = d.call("get_dag_details", Map.of("dag_id", DAG_ID));
      types.add(
          Boolean.TRUE.equals(r.isError())
              ? ToolResults.json(r).get("error_type").asString()
              : "ok");
    }
    assertThat(types).containsExactly("ok", "ok", "RateLimitError", "RateLimitError");
    assertThat(d.airflow().dataRequests()).hasSize(2);
    assertThat(astro.get("requests_for_calls").asString()).isEqualTo("one per call");
  }

  @Test
  void versionDetectionFailureIsTheSameErrorPayloadInEveryTool() {
    // Nothing listens on port 9: the version cannot be detected.
    Deployment d =
        own(
            Deployment.start(
                new Scenario(Mode.AIRFLOW3, Scenario.Transport.STDIO),
                airflow -> ServerProcess.Settings.token("http://127.0.0.1:9", TOKEN),
                null));
    JsonNode astro = AstroDifferences.astro("consolidated-version-failure");

    McpSchema.CallToolResult explore = d.call("explore_dag", Map.of("dag_id", DAG_ID));
    JsonNode exploreError = ToolResults.failure(explore, d);
    JsonNode listError = ToolResults.failure(d.call("list_dags", Map.of()), d);
    assertThat(exploreError.get("error_type").asString())
        .isEqualTo("VersionDetectionError")
        .isEqualTo(listError.get("error_type").asString());
    assertThat(exploreError.get("dag_id").asString()).isEqualTo(DAG_ID);
    // Astro: FastMCP's plain text for the consolidated tools, a successful result for the others.
    JsonNode astroExplore = astro.get("explore_dag");
    assertThat(astroExplore.get("json").asBoolean()).isFalse();
    assertThat(ToolResults.text(explore))
        .doesNotStartWith(astroExplore.get("text_starts_with").asString());
    assertThat(astro.get("list_dags").get("isError").asBoolean()).isFalse();
    assertThat(astro.get("list_dags").get("error_type").asString())
        .isNotEqualTo(listError.get("error_type").asString());
  }

  // ---------------------------------------------------------------------------------------------
  // The HTTP transport

  @Test
  void httpIsStatelessWhereAstroOpensASession() throws Exception {
    Deployment d = start(Mode.AIRFLOW3, Scenario.Transport.HTTP, Map.of());
    JsonNode astro = AstroDifferences.astro("http-sessions");
    String header = astro.get("initialize_response_header").asString();

    HttpResponse<String> init =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(d.server().baseUrl() + Deployment.MCP_ENDPOINT))
                    .timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .header("Authorization", "Bearer " + TOKEN)
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                                + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                                + "\"clientInfo\":{\"name\":\"sessions\",\"version\":\"1\"}}}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(init.statusCode()).isEqualTo(200);
    assertThat(init.body()).contains("Airflow MCP Server");
    assertThat(header).isEqualTo("Mcp-Session-Id");
    assertThat(init.headers().firstValue(header)).as("astro's session header").isEmpty();
    // Without a session, a call works with no initialize before it (the SDK client's own
    // initialize in Deployment opened nothing either).
    ToolResults.success(d.call("list_dags", Map.of()), d);
  }

  @Test
  void aCallersOwnAuthorizationReachesAirflowWhereAstroSendsItsConfiguredToken() {
    Deployment d =
        own(
            Deployment.start(
                new Scenario(Mode.AIRFLOW3, Scenario.Transport.HTTP),
                airflow -> ServerProcess.Settings.token(airflow.baseUrl(), TOKEN),
                "Bearer callers-own-token-4Fd"));
    JsonNode astro = AstroDifferences.astro("http-authorization");

    ToolResults.success(d.call("list_dags", Map.of()), d);
    List<Recorded> data = d.airflow().dataRequests();
    assertThat(data)
        .extracting(r -> r.header("Authorization"))
        .containsExactly("Bearer callers-own-token-4Fd")
        .doesNotContain("Bearer " + TOKEN);
    assertThat(astro.get("airflow_receives").asString()).isEqualTo("the configured credentials");
  }

  // ---------------------------------------------------------------------------------------------
  // What stderr carries

  @Test
  void stderrCarriesNoArgumentsOrAnswersWhereAstroLogsEveryRequest() {
    Deployment d = shared.get(Mode.AIRFLOW3);
    JsonNode astro = AstroDifferences.astro("payload-logging");
    String argument = "marker-dag-7Hq3";
    JsonNode details = ToolResults.success(d.call("get_dag_details", Map.of("dag_id", DAG_ID)), d);
    String answer = details.get("description").asString();
    assertThat(answer).isNotBlank();
    ToolResults.failure(d.call("get_dag_details", Map.of("dag_id", argument)), d);
    ToolResults.success(
        d.call("list_dag_runs", Map.of("dag_id", DAG_ID, "order_by", "marker-order-2Kx")), d);

    String stderr = d.server().stderr();
    assertThat(astro.get("stderr_carries").asString()).contains("arguments");
    assertThat(stderr)
        .as("stderr")
        .doesNotContain(argument)
        .doesNotContain("marker-order-2Kx")
        .doesNotContain(answer)
        .doesNotContain(DAG_ID)
        .doesNotContain(TOKEN);
  }

  // ---------------------------------------------------------------------------------------------

  private Deployment start(Mode mode, Scenario.Transport transport, Map<String, String> env) {
    Deployment d =
        own(
            Deployment.start(
                new Scenario(mode, transport),
                airflow -> ServerProcess.Settings.token(airflow.baseUrl(), TOKEN),
                transport == Scenario.Transport.HTTP ? "Bearer " + TOKEN : null,
                new Deployment.Options(ServerProcess.Build.PACKAGED_JAR, env, n -> {})));
    ToolResults.success(d.call("get_airflow_version", Map.of()), d);
    d.airflow().resetRequests();
    return d;
  }

  private Deployment own(Deployment d) {
    own.add(d);
    return d;
  }
}
