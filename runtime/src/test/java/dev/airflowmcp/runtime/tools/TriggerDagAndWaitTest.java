package dev.airflowmcp.runtime.tools;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.airflowmcp.runtime.airflow.AirflowGateway;
import dev.airflowmcp.runtime.airflow.AirflowTransportConfig;
import dev.airflowmcp.runtime.airflow.HttpAirflowTransport;
import dev.airflowmcp.runtime.airflow.VersionDetector;
import dev.airflowmcp.runtime.auth.StaticTokenCredentials;
import dev.airflowmcp.runtime.pipeline.ArgumentValidator;
import dev.airflowmcp.runtime.pipeline.AuditSink;
import dev.airflowmcp.runtime.pipeline.ToolPipeline;
import dev.airflowmcp.runtime.ratelimit.RateLimiter;
import dev.airflowmcp.runtime.redaction.SensitiveKeyRedactor;
import dev.airflowmcp.runtime.tool.Tool;
import dev.airflowmcp.runtime.tool.ToolDescriptor;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * trigger_dag_and_wait through the tool pipeline against a fake Airflow (WireMock), with a fake
 * timer: the waits are counted, never slept.
 */
class TriggerDagAndWaitTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String RUN = "manual__2025-01-01T00:00:00+00:00";
  private static final String RUN_IN_PATH = "manual__2025-01-01T00%3A00%3A00%2B00%3A00";

  private WireMockServer airflow;
  private final FakeTimer timer = new FakeTimer();
  private final List<String> progress = Collections.synchronizedList(new ArrayList<>());

  /** Time that moves only when the tool sleeps. */
  static final class FakeTimer implements TriggerDagAndWait.Timer {
    long now = 1_000_000_000L;
    final List<Double> sleeps = new ArrayList<>();

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public void sleep(long nanos) {
      sleeps.add(nanos / 1e9);
      now += nanos;
    }
  }

  @BeforeEach
  void start() {
    airflow = new WireMockServer(options().dynamicPort());
    airflow.start();
  }

  @AfterEach
  void stop() {
    airflow.stop();
  }

  private void airflow3() {
    airflow.stubFor(
        get(urlEqualTo("/api/v2/version")).willReturn(okJson("{\"version\":\"3.0.2\"}")));
  }

  private void airflow2() {
    airflow.stubFor(get(urlEqualTo("/api/v2/version")).willReturn(aResponse().withStatus(404)));
    airflow.stubFor(
        get(urlEqualTo("/api/v1/version")).willReturn(okJson("{\"version\":\"2.10.5\"}")));
  }

  private void trigger(String prefix, String state) {
    airflow.stubFor(
        post(urlPathEqualTo(prefix + "/dags/etl/dagRuns")).willReturn(okJson(run(state))));
  }

  /** The run answers these states in turn, the last one from then on. */
  private void runStates(String prefix, String... states) {
    String scenario = "run";
    String current = Scenario.STARTED;
    for (int i = 0; i < states.length; i++) {
      String next = i == states.length - 1 ? current : "poll-" + (i + 1);
      airflow.stubFor(
          get(urlPathEqualTo(prefix + "/dags/etl/dagRuns/" + RUN_IN_PATH))
              .inScenario(scenario)
              .whenScenarioStateIs(current)
              .willSetStateTo(next)
              .willReturn(okJson(run(states[i]))));
      current = next;
    }
  }

  private static String run(String state) {
    return "{\"dag_run_id\":\""
        + RUN
        + "\",\"dag_id\":\"etl\",\"state\":\""
        + state
        + "\",\"conf\":{}}";
  }

  private ToolPipeline pipeline(boolean writes) {
    HttpAirflowTransport client =
        new HttpAirflowTransport(
            AirflowTransportConfig.defaults("http://localhost:" + airflow.port())
                .withAllowWrites(writes));
    return new ToolPipeline(
        new AirflowGateway(client),
        new VersionDetector(client, Clock.systemUTC()),
        new ToolPipeline.Hooks(
            ArgumentValidator.NONE,
            RateLimiter.UNLIMITED,
            new SensitiveKeyRedactor(),
            AuditSink.NONE),
        60_000);
  }

  private CallToolResult call(boolean writes, Map<String, Object> arguments) {
    return pipeline(writes)
        .call(
            new TriggerDagAndWait(timer),
            TriggerDagAndWait.NAME,
            arguments,
            new StaticTokenCredentials("t"),
            (value, total, message) -> progress.add(value + "/" + total + " " + message));
  }

  private static JsonNode body(CallToolResult r) {
    return JSON.readTree(((TextContent) r.content().get(0)).text());
  }

  private List<LoggedRequest> requests() {
    List<LoggedRequest> out = new ArrayList<>();
    airflow.getAllServeEvents().forEach(e -> out.add(0, e.getRequest()));
    return out.stream().filter(r -> !r.getUrl().endsWith("/version")).toList();
  }

  private static List<String> keys(JsonNode object) {
    List<String> keys = new ArrayList<>();
    object.properties().forEach(e -> keys.add(e.getKey()));
    return keys;
  }

  @Test
  void triggersLikeTriggerDagThenPollsUntilTheRunSucceeds() {
    airflow3();
    trigger("/api/v2", "queued");
    runStates("/api/v2", "running", "success");
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("dag_id", "etl");
    args.put("conf", Map.of("day", "2025-01-01"));

    CallToolResult r = call(true, args);

    assertThat(r.isError()).as("%s", r).isFalse();
    JsonNode result = body(r);
    assertThat(keys(result)).containsExactly("dag_run", "timed_out", "elapsed_seconds");
    assertThat(result.get("dag_run").get("state").asString()).isEqualTo("success");
    assertThat(result.get("dag_run").get("dag_run_id").asString()).isEqualTo(RUN);
    assertThat(result.get("timed_out").asBoolean()).isFalse();
    assertThat(result.get("elapsed_seconds").asDouble()).isEqualTo(20.0);
    // Default timeout 3600 s: polls every min(10, 3600 / 120) = 10 s.
    assertThat(timer.sleeps).containsExactly(10.0, 10.0);

    List<LoggedRequest> requests = requests();
    assertThat(requests)
        .extracting(q -> q.getMethod().getName() + " " + q.getUrl())
        .containsExactly(
            "POST /api/v2/dags/etl/dagRuns",
            "GET /api/v2/dags/etl/dagRuns/" + RUN_IN_PATH,
            "GET /api/v2/dags/etl/dagRuns/" + RUN_IN_PATH);
    LoggedRequest post = requests.get(0);
    assertThat(JSON.readTree(post.getBodyAsString()))
        .isEqualTo(JSON.readTree("{\"logical_date\":null,\"conf\":{\"day\":\"2025-01-01\"}}"));
    assertThat(post.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(post.getHeader("Authorization")).isEqualTo("Bearer t");

    assertThat(progress).hasSize(3);
    assertThat(progress.get(0)).isEqualTo("0.0/3600.0 Run " + RUN + " is queued.");
    assertThat(progress.get(2)).isEqualTo("20.0/3600.0 Run " + RUN + " is success.");
  }

  @Test
  void aFailedRunListsEveryFailedTaskThroughAirflowsStateFilter() {
    airflow2();
    trigger("/api/v1", "queued");
    runStates("/api/v1", "failed");
    String tis = "/api/v1/dags/etl/dagRuns/" + RUN_IN_PATH + "/taskInstances";
    airflow.stubFor(
        get(urlEqualTo(tis + "?state=failed%2Cupstream_failed&limit=100&offset=0"))
            .willReturn(
                okJson(
                    "{\"total_entries\": 3, \"task_instances\": ["
                        + ti("extract", "failed")
                        + ","
                        + ti("load", "upstream_failed")
                        + "]}")));
    airflow.stubFor(
        get(urlEqualTo(tis + "?state=failed%2Cupstream_failed&limit=100&offset=2"))
            .willReturn(
                okJson(
                    "{\"total_entries\": 3, \"task_instances\": ["
                        + ti("report", "upstream_failed")
                        + "]}")));

    CallToolResult r = call(true, Map.of("dag_id", "etl", "timeout", 60));

    JsonNode result = body(r);
    assertThat(r.isError()).as("%s", result).isFalse();
    assertThat(keys(result))
        .containsExactly("dag_run", "timed_out", "elapsed_seconds", "failed_tasks");
    assertThat(result.get("dag_run").get("state").asString()).isEqualTo("failed");
    // timeout 60 s: the shortest interval, 2 s.
    assertThat(timer.sleeps).containsExactly(2.0);
    assertThat(result.get("failed_tasks"))
        .extracting(t -> t.get("task_id").asString())
        .containsExactly("extract", "load", "report");
    assertThat(keys(result.get("failed_tasks").get(0)))
        .containsExactly("task_id", "state", "try_number", "start_date", "end_date", "map_index");
    assertThat(result.get("failed_tasks").get(0).get("try_number").asInt()).isEqualTo(2);
    // Airflow 2: no logical_date, no conf: an empty JSON object is still sent.
    LoggedRequest post = requests().get(0);
    assertThat(post.getUrl()).isEqualTo("/api/v1/dags/etl/dagRuns");
    assertThat(post.getBodyAsString()).isEqualTo("{}");
    assertThat(post.getHeader("Content-Type")).isEqualTo("application/json");
  }

  private static String ti(String task, String state) {
    return "{\"task_id\":\""
        + task
        + "\",\"state\":\""
        + state
        + "\",\"try_number\":2,"
        + "\"start_date\":null,\"end_date\":null,\"map_index\":-1,\"hostname\":\"w1\"}";
  }

  @Test
  void theTimeoutEndsTheWaitWithTheLastStateAndNoError() {
    airflow3();
    trigger("/api/v2", "queued");
    runStates("/api/v2", "running");

    CallToolResult r = call(true, Map.of("dag_id", "etl", "timeout", 5));

    JsonNode result = body(r);
    assertThat(r.isError()).as("%s", result).isFalse();
    assertThat(keys(result))
        .containsExactly(
            "dag_id", "dag_run_id", "state", "timed_out", "elapsed_seconds", "message");
    assertThat(result.get("dag_run_id").asString()).isEqualTo(RUN);
    assertThat(result.get("state").asString()).isEqualTo("running");
    assertThat(result.get("timed_out").asBoolean()).isTrue();
    assertThat(result.get("elapsed_seconds").asDouble()).isEqualTo(5.0);
    assertThat(result.get("message").asString()).contains("5 seconds").contains("running");
    // Never waits past the timeout: 2 + 2 + the last second.
    assertThat(timer.sleeps).containsExactly(2.0, 2.0, 1.0);
  }

  @Test
  void aZeroTimeoutTriggersAndReturnsAtOnce() {
    airflow3();
    trigger("/api/v2", "queued");

    JsonNode result = body(call(true, Map.of("dag_id", "etl", "timeout", 0)));

    assertThat(result.get("timed_out").asBoolean()).isTrue();
    assertThat(result.get("state").asString()).isEqualTo("queued");
    assertThat(result.get("message").asString()).contains("paused");
    assertThat(timer.sleeps).isEmpty();
    assertThat(requests()).hasSize(1);
  }

  @Test
  void aPassingPollFailureIsRetriedAndAPermanentOneEndsTheCallNamingTheRun() {
    airflow3();
    trigger("/api/v2", "queued");
    String runPath = "/api/v2/dags/etl/dagRuns/" + RUN_IN_PATH;
    airflow.stubFor(
        get(urlPathEqualTo(runPath))
            .inScenario("poll")
            .whenScenarioStateIs(Scenario.STARTED)
            .willSetStateTo("503 seen")
            .willReturn(aResponse().withStatus(503)));
    airflow.stubFor(
        get(urlPathEqualTo(runPath))
            .inScenario("poll")
            .whenScenarioStateIs("503 seen")
            .willSetStateTo("gone")
            .willReturn(okJson(run("running"))));
    airflow.stubFor(
        get(urlPathEqualTo(runPath))
            .inScenario("poll")
            .whenScenarioStateIs("gone")
            .willReturn(aResponse().withStatus(404).withBody("{\"detail\":\"run deleted\"}")));

    CallToolResult r = call(true, Map.of("dag_id", "etl", "timeout", 600));

    assertThat(r.isError()).isTrue();
    JsonNode error = body(r);
    assertThat(error.get("error_type").asString()).isEqualTo("NotFoundError");
    assertThat(error.get("error").asString())
        .startsWith("Run " + RUN + " of etl was triggered, but its state could not be read")
        .contains("HTTP 404");
    assertThat(error.get("dag_id").asString()).isEqualTo("etl");
    assertThat(error.get("timed_out").asBoolean(true)).isFalse();
    airflow.verify(3, getRequestedFor(urlPathEqualTo(runPath)));
    // 600 s: polls every 5 s. The 503 is retried by the Airflow client inside the first poll (a
    // GET on a passing status), so the tool sleeps twice for three requests.
    assertThat(timer.sleeps).containsExactly(5.0, 5.0);
  }

  @Test
  void aFailedTriggerIsTheErrorAndNothingIsPolled() {
    airflow3();
    airflow.stubFor(
        post(urlPathEqualTo("/api/v2/dags/etl/dagRuns"))
            .willReturn(
                aResponse()
                    .withStatus(409)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"detail\":\"DAG run already exists\"}")));

    CallToolResult r = call(true, Map.of("dag_id", "etl"));

    JsonNode error = body(r);
    assertThat(r.isError()).isTrue();
    assertThat(keys(error))
        .containsExactly("error", "error_type", "hint", "retryable", "dag_id", "timed_out");
    assertThat(error.get("timed_out").isBoolean()).isTrue();
    assertThat(error.get("timed_out").asBoolean()).isFalse();
    assertThat(error.get("error_type").asString()).isEqualTo("HTTPStatusError");
    assertThat(error.get("error").asString()).contains("409").contains("already exists");
    assertThat(error.get("retryable").asBoolean()).isFalse();
    assertThat(timer.sleeps).isEmpty();
    assertThat(requests()).hasSize(1);
  }

  @Test
  void airflowsTooManyRequestsOnTheTriggerHoldsTheCallersNextCallsBack() {
    airflow3();
    airflow.stubFor(
        post(urlPathEqualTo("/api/v2/dags/etl/dagRuns"))
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")));
    ToolPipeline pipeline = pipeline(true);
    Tool tool = new TriggerDagAndWait(timer);

    JsonNode first =
        body(
            pipeline.call(
                tool,
                TriggerDagAndWait.NAME,
                Map.of("dag_id", "etl"),
                new StaticTokenCredentials("t")));
    assertThat(first.get("error").asString()).contains("HTTP 429");
    assertThat(first.get("timed_out").asBoolean(true)).isFalse();
    int sent = requests().size();

    JsonNode second =
        body(
            pipeline.call(
                tool,
                TriggerDagAndWait.NAME,
                Map.of("dag_id", "etl"),
                new StaticTokenCredentials("t")));
    assertThat(second.get("error_type").asString()).isEqualTo("RateLimitError");
    assertThat(second.get("hint").asString()).contains("Wait 30 s");
    assertThat(requests()).as("the held-back call sends nothing").hasSize(sent);
  }

  @Test
  void readOnlyModeRefusesTheTriggerBeforeItLeaves() {
    airflow3();
    trigger("/api/v2", "queued");

    CallToolResult r = call(false, Map.of("dag_id", "etl"));

    JsonNode error = body(r);
    assertThat(r.isError()).isTrue();
    assertThat(error.get("error_type").asString()).isEqualTo("ReadOnlyError");
    assertThat(error.get("error").asString())
        .isEqualTo(
            "'POST dags/etl/dagRuns' refused: the server is in read-only mode, so only reads"
                + " are sent to Airflow");
    assertThat(error.get("retryable").asBoolean()).isFalse();
    assertThat(error.get("hint").asString()).contains("AF_READ_ONLY");
    assertThat(error.get("timed_out").asBoolean(true)).isFalse();
    assertThat(requests()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{}                                    | missing required argument 'dag_id'",
        "{\"dag_id\": \"etl\", \"timeout\": -1}   | argument 'timeout' must be at least 0",
        "{\"dag_id\": \"etl\", \"timeout\": 90000} | argument 'timeout' must be at most 86400",
        "{\"dag_id\": \"etl\", \"conf\": \"x=1\"}  | argument 'conf' must be an object",
        "{\"dag_id\": \"etl\", \"wait\": true}     | unknown argument 'wait'"
      })
  void badArgumentsAreRefusedBeforeAnyRequest(String arguments, String problem) {
    airflow3();
    @SuppressWarnings("unchecked")
    Map<String, Object> args = JSON.readValue(arguments, Map.class);

    JsonNode error = body(call(true, args));

    assertThat(error.get("error_type").asString()).isEqualTo("ValidationError");
    assertThat(error.get("error").asString()).contains(problem);
    // Bad arguments are the caller's mistake, not a run that did or did not time out.
    assertThat(error.has("timed_out")).isFalse();
    assertThat(requests()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"3600, 10", "600, 5", "60, 2", "0, 2", "86400, 10"})
  void pollsAsAstroDoes(double timeout, double interval) {
    assertThat(TriggerDagAndWait.pollIntervalSeconds(timeout)).isEqualTo(interval);
  }

  @Test
  void itIsAWriteToolWithAstrosArgumentsAndAnnotations() {
    TriggerDagAndWait tool = new TriggerDagAndWait();
    ToolDescriptor d = tool.descriptor();
    assertThat(d.name()).isEqualTo("trigger_dag_and_wait");
    assertThat(tool.policy().write()).isTrue();
    assertThat(List.of(d.readOnly(), d.destructive(), d.idempotent(), d.openWorld()))
        .containsExactly(false, false, false, true);
    JsonNode schema = JSON.valueToTree(d.inputSchema());
    assertThat(keys(schema.get("properties"))).containsExactly("dag_id", "conf", "timeout");
    assertThat(schema.get("required")).isEqualTo(JSON.readTree("[\"dag_id\"]"));
    assertThat(schema.get("properties").get("timeout").get("default").asDouble()).isEqualTo(3600.0);
    assertThat(schema.get("properties").get("conf").get("default").isNull()).isTrue();
    assertThat(schema.get("properties").get("conf").get("anyOf").get(1).get("type").asString())
        .isEqualTo("null");
    assertThat(schema.get("additionalProperties").asBoolean()).isFalse();
  }
}
