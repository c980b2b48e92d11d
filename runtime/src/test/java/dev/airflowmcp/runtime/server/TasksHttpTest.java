package dev.airflowmcp.runtime.server;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.airflowmcp.runtime.airflow.AirflowGateway;
import dev.airflowmcp.runtime.airflow.AirflowTransportConfig;
import dev.airflowmcp.runtime.airflow.HttpAirflowTransport;
import dev.airflowmcp.runtime.airflow.VersionDetector;
import dev.airflowmcp.runtime.pipeline.ArgumentValidator;
import dev.airflowmcp.runtime.pipeline.AuditSink;
import dev.airflowmcp.runtime.pipeline.ToolPipeline;
import dev.airflowmcp.runtime.ratelimit.RateLimiter;
import dev.airflowmcp.runtime.redaction.SensitiveKeyRedactor;
import dev.airflowmcp.runtime.tool.CustomTool;
import dev.airflowmcp.runtime.tools.TriggerDagAndWait;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * trigger_dag_and_wait as a task of the tasks extension ({@code io.modelcontextprotocol/tasks}),
 * over Streamable HTTP against a fake Airflow 3 whose run goes queued, running, then ends.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class TasksHttpTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String TASKS = "io.modelcontextprotocol/tasks";
  private static final String RUN = "manual__2026-07-28T10:00:00+00:00";
  private static final String RUN_IN_PATH = "manual__2026-07-28T10%3A00%3A00%2B00%3A00";
  private static final String CALLER_A = "Bearer caller-a";
  private static final String CALLER_B = "Bearer caller-b";

  private WireMockServer airflow;
  private HttpServer server;
  private final List<AuditSink.AuditEvent> audit = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  void start() throws Exception {
    airflow = new WireMockServer(options().dynamicPort());
    airflow.start();
    server = start(RateLimiter.UNLIMITED);
  }

  private HttpServer start(RateLimiter limiter) throws Exception {
    HttpAirflowTransport client =
        new HttpAirflowTransport(
            AirflowTransportConfig.defaults("http://localhost:" + airflow.port())
                .withAllowWrites(true));
    ToolPipeline pipeline =
        new ToolPipeline(
            new AirflowGateway(client),
            new VersionDetector(client, Clock.systemUTC()),
            new ToolPipeline.Hooks(
                ArgumentValidator.NONE, limiter, new SensitiveKeyRedactor(), audit::add),
            60_000);
    ToolRegistry registry =
        ToolRegistry.of(
            new TestCatalog(),
            List.<CustomTool>of(new TriggerDagAndWait()),
            getClass().getClassLoader());
    return HttpServer.start(
        new ServerRuntime(registry, pipeline, null, "9.9.9-test"),
        new ServerConfig(
            ServerConfig.Transport.HTTP,
            "127.0.0.1",
            0,
            "http://unused",
            null,
            null,
            null,
            true,
            null,
            false,
            List.of()));
  }

  @AfterAll
  void stop() {
    server.close();
    airflow.stop();
  }

  @BeforeEach
  void resetAirflow() {
    airflow.resetAll();
    audit.clear();
    airflow.stubFor(
        get(urlEqualTo("/api/v2/version")).willReturn(okJson("{\"version\":\"3.0.2\"}")));
    airflow.stubFor(
        post(urlPathEqualTo("/api/v2/dags/etl/dagRuns")).willReturn(okJson(run("queued", null))));
  }

  /** The run answers these bodies in turn, the last one from then on. */
  private void runAnswers(String... bodies) {
    String current = Scenario.STARTED;
    for (int i = 0; i < bodies.length; i++) {
      String next = i == bodies.length - 1 ? current : "poll-" + (i + 1);
      airflow.stubFor(
          get(urlPathEqualTo("/api/v2/dags/etl/dagRuns/" + RUN_IN_PATH))
              .inScenario("run")
              .whenScenarioStateIs(current)
              .willSetStateTo(next)
              .willReturn(okJson(bodies[i])));
      current = next;
    }
  }

  private static String run(String state, String endDate) {
    return "{\"dag_run_id\":\""
        + RUN
        + "\",\"dag_id\":\"etl\",\"state\":\""
        + state
        + "\","
        + "\"start_date\":"
        + ("queued".equals(state) ? "null" : "\"" + Instant.now() + "\"")
        + ",\"end_date\":"
        + (endDate == null ? "null" : "\"" + endDate + "\"")
        + ",\"conf\":{\"password\":\"hunter2-secret\"}}";
  }

  private static String meta(boolean tasks) {
    return "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
        + "\"io.modelcontextprotocol/clientCapabilities\":"
        + (tasks ? "{\"extensions\":{\"" + TASKS + "\":{}}}" : "{}")
        + ",\"io.modelcontextprotocol/clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}";
  }

  private RawHttp.Response request(
      String authorization, boolean tasks, String method, String params, String name)
      throws Exception {
    return request(server.port(), authorization, tasks, method, params, name);
  }

  private static RawHttp.Response request(
      int port, String authorization, boolean tasks, String method, String params, String name)
      throws Exception {
    List<String> headers =
        new ArrayList<>(
            List.of(
                "Authorization: " + authorization,
                "MCP-Protocol-Version: 2026-07-28",
                "Mcp-Method: " + method));
    if (name != null) {
      headers.add("Mcp-Name: " + name);
    }
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\""
            + method
            + "\",\"params\":{"
            + (params.isEmpty() ? meta(tasks) : params + "," + meta(tasks))
            + "}}";
    return RawHttp.postJson(port, body, headers.toArray(String[]::new));
  }

  private static JsonNode message(RawHttp.Response r) {
    String body = r.body().trim();
    if (!body.startsWith("{")) {
      StringBuilder data = new StringBuilder();
      for (String line : body.split("\r?\n")) {
        if (line.startsWith("data:")) {
          data.append(line.substring(5).trim());
        }
      }
      body = data.toString();
    }
    return JSON.readTree(body);
  }

  private JsonNode trigger(String authorization, boolean tasks, double timeout) throws Exception {
    RawHttp.Response r =
        request(
            authorization,
            tasks,
            "tools/call",
            "\"name\":\"trigger_dag_and_wait\",\"arguments\":{\"dag_id\":\"etl\",\"timeout\":"
                + timeout
                + "}",
            "trigger_dag_and_wait");
    assertThat(r.status()).isEqualTo(200);
    return message(r);
  }

  private JsonNode taskMethod(String authorization, String method, String taskId) throws Exception {
    return message(request(authorization, true, method, "\"taskId\":\"" + taskId + "\"", taskId));
  }

  private static JsonNode resultText(JsonNode callToolResult) {
    return JSON.readTree(callToolResult.path("content").get(0).path("text").asString());
  }

  @Test
  void discoverOffersTheTasksExtension() throws Exception {
    JsonNode result = message(request(CALLER_A, false, "server/discover", "", null)).path("result");
    assertThat(result.path("capabilities").path("extensions").has(TASKS)).isTrue();
    assertThat(result.path("capabilities").has("tasks")).isFalse();
  }

  @Test
  void aDeclaringClientGetsATaskAndPollsItToTheResultTheBlockingCallGives() throws Exception {
    runAnswers(run("queued", null), run("running", null), run("success", Instant.now().toString()));
    JsonNode created = trigger(CALLER_A, true, 600).path("result");
    assertThat(created.path("resultType").asString()).isEqualTo("task");
    assertThat(created.path("status").asString()).isEqualTo("working");
    assertThat(created.path("ttlMs").asLong()).isEqualTo(600_000L + 3_600_000L);
    assertThat(created.path("pollIntervalMs").asLong()).isEqualTo(5_000L);
    assertThat(created.has("content")).isFalse();
    assertThat(created.path("statusMessage").asString()).contains(RUN).contains("etl");
    String taskId = created.path("taskId").asString();
    airflow.verify(
        1,
        postRequestedFor(urlPathEqualTo("/api/v2/dags/etl/dagRuns"))
            .withHeader("Authorization", equalTo(CALLER_A)));

    JsonNode first = taskMethod(CALLER_A, "tasks/get", taskId).path("result");
    assertThat(first.path("resultType").asString()).isEqualTo("complete");
    assertThat(first.path("taskId").asString()).isEqualTo(taskId);
    assertThat(first.path("status").asString()).isEqualTo("working");
    assertThat(first.path("statusMessage").asString()).contains("queued");
    assertThat(first.has("result")).isFalse();
    assertThat(first.path("createdAt").asString()).isEqualTo(created.path("createdAt").asString());
    assertThat(
            taskMethod(CALLER_A, "tasks/get", taskId)
                .path("result")
                .path("statusMessage")
                .asString())
        .contains("running");

    JsonNode done = taskMethod(CALLER_A, "tasks/get", taskId).path("result");
    assertThat(done.path("status").asString()).isEqualTo("completed");
    JsonNode inlined = done.path("result");
    assertThat(inlined.path("resultType").asString()).isEqualTo("complete");
    assertThat(inlined.path("isError").asBoolean(false)).isFalse();
    JsonNode text = resultText(inlined);
    assertThat(text.path("dag_run").path("state").asString()).isEqualTo("success");
    assertThat(text.path("timed_out").asBoolean()).isFalse();
    assertThat(text.has("elapsed_seconds")).isTrue();
    assertThat(text.has("failed_tasks")).isFalse();
    // Redacted as every result: the run's conf holds a password.
    assertThat(inlined.toString()).doesNotContain("hunter2-secret");

    // Every poll read the run with the caller's own credentials, and was audited as a call of
    // the tool (the trigger too): one trigger, three polls.
    airflow.verify(
        3,
        getRequestedFor(urlPathEqualTo("/api/v2/dags/etl/dagRuns/" + RUN_IN_PATH))
            .withHeader("Authorization", equalTo(CALLER_A)));
    assertThat(audit)
        .extracting(AuditSink.AuditEvent::tool)
        .containsExactly(
            "trigger_dag_and_wait",
            "trigger_dag_and_wait",
            "trigger_dag_and_wait",
            "trigger_dag_and_wait");

    // A terminal task stays terminal with the same result.
    JsonNode again = taskMethod(CALLER_A, "tasks/get", taskId).path("result");
    assertThat(again.path("status").asString()).isEqualTo("completed");
    assertThat(resultText(again.path("result")).path("dag_run").path("state").asString())
        .isEqualTo("success");
  }

  @Test
  void aFailedRunCompletesWithItsFailedTasksAsTheBlockingCallReportsThem() throws Exception {
    runAnswers(run("failed", Instant.now().toString()));
    airflow.stubFor(
        get(urlPathEqualTo("/api/v2/dags/etl/dagRuns/" + RUN_IN_PATH + "/taskInstances"))
            .willReturn(
                okJson(
                    "{\"task_instances\":[{\"task_id\":\"load\",\"state\":\"failed\","
                        + "\"try_number\":1}],\"total_entries\":1}")));
    String taskId = trigger(CALLER_A, true, 600).path("result").path("taskId").asString();
    JsonNode done = taskMethod(CALLER_A, "tasks/get", taskId).path("result");
    assertThat(done.path("status").asString()).isEqualTo("completed");
    JsonNode text = resultText(done.path("result"));
    assertThat(done.path("result").path("isError").asBoolean(false)).isFalse();
    assertThat(text.path("dag_run").path("state").asString()).isEqualTo("failed");
    assertThat(text.path("failed_tasks").get(0).path("task_id").asString()).isEqualTo("load");
  }

  @Test
  void aRunStillWaitingAtTheDeadlineEndsTheTaskTimedOut() throws Exception {
    runAnswers(run("queued", null));
    String taskId = trigger(CALLER_A, true, 0).path("result").path("taskId").asString();
    Thread.sleep(5);
    JsonNode done = taskMethod(CALLER_A, "tasks/get", taskId).path("result");
    assertThat(done.path("status").asString()).isEqualTo("completed");
    JsonNode text = resultText(done.path("result"));
    assertThat(text.path("timed_out").asBoolean()).isTrue();
    assertThat(text.path("state").asString()).isEqualTo("queued");
    assertThat(text.path("dag_run_id").asString()).isEqualTo(RUN);
    assertThat(text.path("message").asString()).contains("get_dag_run");
  }

  @Test
  void aClientThatDoesNotDeclareTheExtensionGetsTheBlockingCall() throws Exception {
    airflow.stubFor(
        post(urlPathEqualTo("/api/v2/dags/etl/dagRuns"))
            .willReturn(okJson(run("success", Instant.now().toString()))));
    JsonNode result = trigger(CALLER_A, false, 600).path("result");
    assertThat(result.path("resultType").asString()).isEqualTo("complete");
    assertThat(result.has("taskId")).isFalse();
    assertThat(resultText(result).path("dag_run").path("state").asString()).isEqualTo("success");
  }

  @Test
  void aRefusedTriggerIsTheSameErrorResultAndNoTask() throws Exception {
    airflow.stubFor(
        post(urlPathEqualTo("/api/v2/dags/etl/dagRuns"))
            .willReturn(okJson("{\"detail\":\"DAG not found\"}").withStatus(404)));
    JsonNode result = trigger(CALLER_A, true, 600).path("result");
    assertThat(result.path("resultType").asString()).isEqualTo("complete");
    assertThat(result.path("isError").asBoolean()).isTrue();
    assertThat(result.has("taskId")).isFalse();
    JsonNode text = resultText(result);
    assertThat(text.path("error_type").asString()).isEqualTo("NotFoundError");
    assertThat(text.path("timed_out").asBoolean(true)).isFalse();
  }

  @Test
  void anotherCallersForgedOrUnknownTaskIdIsInvalidParamsWithNothingRead() throws Exception {
    runAnswers(run("running", null));
    String taskId = trigger(CALLER_A, true, 600).path("result").path("taskId").asString();
    String forged = taskId.substring(0, taskId.length() - 2) + (taskId.endsWith("A") ? "BB" : "AA");
    for (JsonNode answer :
        List.of(
            taskMethod(CALLER_B, "tasks/get", taskId),
            taskMethod(CALLER_A, "tasks/get", forged),
            taskMethod(CALLER_A, "tasks/get", "786512e2-9e0d-44bd-8f29-789f320fe840"),
            taskMethod(CALLER_B, "tasks/cancel", taskId))) {
      assertThat(answer.path("error").path("code").asInt()).isEqualTo(-32602);
      assertThat(answer.path("error").path("message").asString())
          .isEqualTo("Failed to retrieve task: Task not found");
      assertThat(answer.path("error").toString()).doesNotContain("etl").doesNotContain(RUN);
    }
    airflow.verify(0, getRequestedFor(urlPathEqualTo("/api/v2/dags/etl/dagRuns/" + RUN_IN_PATH)));
  }

  @Test
  void taskMethodsWithoutTheDeclaredExtensionAreMissingCapability() throws Exception {
    String taskId = trigger(CALLER_A, true, 600).path("result").path("taskId").asString();
    for (String method : List.of("tasks/get", "tasks/cancel", "tasks/update")) {
      RawHttp.Response r =
          request(CALLER_A, false, method, "\"taskId\":\"" + taskId + "\"", taskId);
      JsonNode error = message(r).path("error");
      assertThat(error.path("code").asInt()).as(method).isEqualTo(-32021);
      assertThat(error.path("data").path("requiredCapabilities").path("extensions").has(TASKS))
          .as(method)
          .isTrue();
    }
  }

  @Test
  void cancelAndUpdateAreAcknowledgedAndTheRunGoesOn() throws Exception {
    runAnswers(run("running", null));
    String taskId = trigger(CALLER_A, true, 600).path("result").path("taskId").asString();
    JsonNode ack = taskMethod(CALLER_A, "tasks/cancel", taskId).path("result");
    assertAck(ack);
    assertThat(taskMethod(CALLER_A, "tasks/get", taskId).path("result").path("status").asString())
        .isEqualTo("working");
    // No write is sent to stop or fail the run.
    airflow.verify(1, postRequestedFor(urlPathEqualTo("/api/v2/dags/etl/dagRuns")));
    JsonNode update =
        message(
            request(
                CALLER_A,
                true,
                "tasks/update",
                "\"taskId\":\"" + taskId + "\",\"inputResponses\":{}",
                taskId));
    assertAck(update.path("result"));
  }

  /** An empty acknowledgement: resultType complete and no task fields (the SDK adds _meta). */
  private static void assertAck(JsonNode result) {
    List<String> fields = new ArrayList<>(result.propertyNames());
    fields.remove("_meta");
    assertThat(fields).containsExactly("resultType");
    assertThat(result.path("resultType").asString()).isEqualTo("complete");
  }

  @Test
  void theMcpNameHeaderMustBeTheTaskId() throws Exception {
    String taskId = trigger(CALLER_A, true, 600).path("result").path("taskId").asString();
    for (String name : new String[] {null, "trigger_dag_and_wait", taskId + "x"}) {
      RawHttp.Response r =
          request(CALLER_A, true, "tasks/get", "\"taskId\":\"" + taskId + "\"", name);
      assertThat(r.status()).as(String.valueOf(name)).isEqualTo(400);
      assertThat(message(r).path("error").path("code").asInt()).isEqualTo(-32020);
      assertThat(message(r).path("id").asInt()).isEqualTo(7);
    }
  }

  @Test
  void removedTaskMethodsAreUnknown() throws Exception {
    for (String method : List.of("tasks/result", "tasks/list")) {
      JsonNode error = message(request(CALLER_A, true, method, "", null)).path("error");
      assertThat(error.path("code").asInt()).as(method).isEqualTo(-32601);
    }
  }

  @Test
  void aTaskParameterAsThe2025RevisionHadItIsIgnoredInBothGenerations() throws Exception {
    airflow.stubFor(
        get(urlPathEqualTo("/api/v2/dags/etl")).willReturn(okJson("{\"dag_id\":\"etl\"}")));
    JsonNode modern =
        message(
                request(
                    CALLER_A,
                    true,
                    "tools/call",
                    "\"name\":\"get_dag\",\"arguments\":{\"dag_id\":\"etl\"},"
                        + "\"task\":{\"ttl\":60000,\"pollInterval\":100}",
                    "get_dag"))
            .path("result");
    assertThat(modern.path("resultType").asString()).isEqualTo("complete");
    assertThat(modern.has("taskId")).isFalse();
    assertThat(resultText(modern).path("dag_id").asString()).isEqualTo("etl");

    // A 2025-era client asking for a task gets the blocking call: no tasks capability is declared.
    airflow.stubFor(
        post(urlPathEqualTo("/api/v2/dags/etl/dagRuns"))
            .willReturn(okJson(run("success", Instant.now().toString()))));
    RawHttp.Response legacy =
        RawHttp.postJson(
            server.port(),
            "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"trigger_dag_and_wait\",\"arguments\":{\"dag_id\":\"etl\"},\"task\":{\"ttl\":60000}}}",
            "Authorization: " + CALLER_A,
            "MCP-Protocol-Version: 2025-11-25");
    assertThat(legacy.status()).isEqualTo(200);
    JsonNode result = message(legacy).path("result");
    assertThat(result.has("task")).isFalse();
    assertThat(resultText(result).path("dag_run").path("state").asString()).isEqualTo("success");
  }

  @Test
  void aPollRefusedByARateLimitLeavesTheTaskWorkingAndSaysWhenToPollAgain() throws Exception {
    runAnswers(run("running", null));
    HttpServer limited =
        start(
            new dev.airflowmcp.runtime.ratelimit.LocalRateLimiter(
                dev.airflowmcp.runtime.ratelimit.RateLimits.uniform(
                    new dev.airflowmcp.runtime.tool.RateLimit(2, 1, 0))));
    try {
      int p = limited.port();
      JsonNode created =
          message(
                  request(
                      p,
                      CALLER_A,
                      true,
                      "tools/call",
                      "\"name\":\"trigger_dag_and_wait\",\"arguments\":{\"dag_id\":\"etl\"}",
                      "trigger_dag_and_wait"))
              .path("result");
      String taskId = created.path("taskId").asString();
      JsonNode last = null;
      for (int i = 0; i < 3; i++) {
        last =
            message(
                    request(
                        p, CALLER_A, true, "tasks/get", "\"taskId\":\"" + taskId + "\"", taskId))
                .path("result");
      }
      assertThat(last.path("status").asString()).isEqualTo("working");
      assertThat(last.path("statusMessage").asString())
          .startsWith("This poll was not run: Too many calls of class 'read'");
      assertThat(last.path("pollIntervalMs").asLong())
          .isGreaterThan(created.path("pollIntervalMs").asLong());
      // Two polls reached Airflow; the refused one did not.
      airflow.verify(2, getRequestedFor(urlPathEqualTo("/api/v2/dags/etl/dagRuns/" + RUN_IN_PATH)));
    } finally {
      limited.close();
    }
  }
}
