package dev.airflowmcp.runtime.tools;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.airflowmcp.runtime.airflow.AirflowCallException;
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
import dev.airflowmcp.runtime.tool.CustomTool;
import dev.airflowmcp.runtime.tool.InvalidArgumentsException;
import dev.airflowmcp.runtime.tool.TaskTool;
import dev.airflowmcp.runtime.tool.ToolContext;
import dev.airflowmcp.runtime.tool.ToolDescriptor;
import dev.airflowmcp.runtime.tool.ToolFailure;
import dev.airflowmcp.runtime.tool.ToolPolicy;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * trigger_dag_and_wait as a task: its start and its polls through the tool pipeline against a fake
 * Airflow 3, each poll at a chosen moment, so that the deadline rules are seen without waiting.
 */
class TriggerDagAndWaitTaskTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String RUN = "manual__2026-07-28T10:00:00+00:00";
  private static final String RUN_IN_PATH = "manual__2026-07-28T10%3A00%3A00%2B00%3A00";
  private static final Instant CREATED = Instant.parse("2026-07-28T10:00:00Z");
  private static final Instant DEADLINE = CREATED.plusSeconds(600);
  private static final TaskTool.Task TASK =
      new TaskTool.Task(List.of("etl", RUN), CREATED, DEADLINE);

  private final TriggerDagAndWait tool = new TriggerDagAndWait();
  private WireMockServer airflow;

  @BeforeEach
  void start() {
    airflow = new WireMockServer(options().dynamicPort());
    airflow.start();
    airflow.stubFor(
        get(urlEqualTo("/api/v2/version")).willReturn(okJson("{\"version\":\"3.0.2\"}")));
  }

  @AfterEach
  void stop() {
    airflow.stop();
  }

  private void run(String state, String start, String end) {
    airflow.stubFor(
        get(urlPathEqualTo("/api/v2/dags/etl/dagRuns/" + RUN_IN_PATH))
            .willReturn(
                okJson(
                    "{\"dag_run_id\":\""
                        + RUN
                        + "\",\"dag_id\":\"etl\",\"state\":\""
                        + state
                        + "\",\"start_date\":"
                        + quoted(start)
                        + ",\"end_date\":"
                        + quoted(end)
                        + "}")));
  }

  private static String quoted(String v) {
    return v == null ? "null" : "\"" + v + "\"";
  }

  /** Runs {@code body} through the pipeline as a call of the tool; returns the result. */
  private CallToolResult viaPipeline(ToolPolicy policy, Step body) {
    HttpAirflowTransport client =
        new HttpAirflowTransport(
            AirflowTransportConfig.defaults("http://localhost:" + airflow.port())
                .withAllowWrites(true));
    ToolPipeline pipeline =
        new ToolPipeline(
            new AirflowGateway(client),
            new VersionDetector(client, Clock.systemUTC()),
            new ToolPipeline.Hooks(
                ArgumentValidator.NONE,
                RateLimiter.UNLIMITED,
                new SensitiveKeyRedactor(),
                AuditSink.NONE),
            60_000);
    CustomTool step =
        new CustomTool() {
          @Override
          public ToolDescriptor descriptor() {
            return tool.descriptor();
          }

          @Override
          public ToolPolicy policy() {
            return policy;
          }

          @Override
          public JsonNode call(ToolContext context, Map<String, Object> arguments)
              throws InvalidArgumentsException, AirflowCallException, ToolFailure {
            return body.run(context);
          }
        };
    return pipeline.call(step, TriggerDagAndWait.NAME, Map.of(), new StaticTokenCredentials("t"));
  }

  /** What a test does inside the pipeline. */
  interface Step {
    JsonNode run(ToolContext context)
        throws InvalidArgumentsException, AirflowCallException, ToolFailure;
  }

  private final TaskTool.Polled[] polled = new TaskTool.Polled[1];

  private CallToolResult poll(Instant now) {
    return viaPipeline(
        tool.pollPolicy(),
        context -> {
          polled[0] = tool.poll(context, TASK, now);
          return polled[0] instanceof TaskTool.Done d ? d.result() : JSON.createObjectNode();
        });
  }

  private static JsonNode text(CallToolResult r) {
    return JSON.readTree(((TextContent) r.content().get(0)).text());
  }

  @Test
  void aRunThatEndedByTheDeadlineGivesItsFinalResultEvenWhenSeenLater() {
    run("success", "2026-07-28T10:00:05+00:00", "2026-07-28T10:04:00+00:00");
    CallToolResult r = poll(DEADLINE.plusSeconds(3000));
    assertThat(polled[0]).isInstanceOf(TaskTool.Done.class);
    JsonNode text = text(r);
    assertThat(text.path("timed_out").asBoolean()).isFalse();
    assertThat(text.path("dag_run").path("state").asString()).isEqualTo("success");
    assertThat(text.path("elapsed_seconds").asDouble()).isEqualTo(240.0);
    assertThat(polled[0].lastUpdated()).isEqualTo(Instant.parse("2026-07-28T10:04:00Z"));
  }

  @Test
  void aRunThatEndedAfterTheDeadlineIsTheTimedOutAnswerWithItsStateAtTheDeadline() {
    run("success", "2026-07-28T10:00:05+00:00", "2026-07-28T10:20:00+00:00");
    JsonNode text = text(poll(DEADLINE.plusSeconds(3000)));
    assertThat(text.path("timed_out").asBoolean()).isTrue();
    assertThat(text.path("state").asString()).isEqualTo("running");
    assertThat(text.path("elapsed_seconds").asDouble()).isEqualTo(600.0);
    // The same answer as a poll just after the deadline, while the run was still running.
    run("running", "2026-07-28T10:00:05+00:00", null);
    assertThat(text(poll(DEADLINE.plusSeconds(1)))).isEqualTo(text);
  }

  @Test
  void aRunThatStartedOnlyAfterTheDeadlineWasQueuedAtIt() {
    run("running", "2026-07-28T10:15:00+00:00", null);
    JsonNode text = text(poll(DEADLINE.plusSeconds(600)));
    assertThat(text.path("timed_out").asBoolean()).isTrue();
    assertThat(text.path("state").asString()).isEqualTo("queued");
    assertThat(text.path("message").asString()).contains("paused");
  }

  @Test
  void aWaitingRunBeforeTheDeadlineIsWorking() {
    run("running", "2026-07-28T10:00:05+00:00", null);
    poll(CREATED.plusSeconds(30));
    assertThat(polled[0]).isInstanceOf(TaskTool.Working.class);
    assertThat(polled[0].message()).contains("running").contains(RUN);
  }

  @Test
  void aPassingFailureLeavesTheTaskWorking() {
    airflow.stubFor(
        get(urlPathEqualTo("/api/v2/dags/etl/dagRuns/" + RUN_IN_PATH))
            .willReturn(aResponse().withStatus(503)));
    CallToolResult r = poll(CREATED.plusSeconds(30));
    assertThat(r.isError()).isFalse();
    assertThat(polled[0]).isInstanceOf(TaskTool.Working.class);
    assertThat(polled[0].message()).contains("poll again");
  }

  @Test
  void aLastingFailureEndsWithTheErrorTheBlockingCallGives() {
    airflow.stubFor(
        get(urlPathEqualTo("/api/v2/dags/etl/dagRuns/" + RUN_IN_PATH))
            .willReturn(okJson("{\"detail\":\"gone\"}").withStatus(404)));
    polled[0] = null;
    CallToolResult r = poll(CREATED.plusSeconds(30));
    assertThat(r.isError()).isTrue();
    assertThat(polled[0]).isNull();
    JsonNode text = text(r);
    assertThat(text.path("error_type").asString()).isEqualTo("NotFoundError");
    assertThat(text.path("error").asString())
        .contains("was triggered, but its state could not be read");
    assertThat(text.path("timed_out").asBoolean(true)).isFalse();
  }

  @Test
  void startTriggersOnceAndReturnsTheRunTheTimeoutAndThePollInterval() {
    airflow.stubFor(
        post(urlPathEqualTo("/api/v2/dags/etl/dagRuns"))
            .willReturn(okJson("{\"dag_run_id\":\"" + RUN + "\",\"state\":\"queued\"}")));
    TaskTool.Started[] started = new TaskTool.Started[1];
    CallToolResult r =
        viaPipeline(
            tool.policy(),
            context -> {
              started[0] = tool.start(context, Map.of("dag_id", "etl", "timeout", 1200));
              return JSON.createObjectNode();
            });
    assertThat(r.isError()).isFalse();
    assertThat(started[0].ref()).containsExactly("etl", RUN);
    assertThat(started[0].timeout()).isEqualTo(Duration.ofSeconds(1200));
    assertThat(started[0].pollInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(started[0].message()).contains(RUN);
    assertThat(
            airflow.findAll(
                com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                    urlPathEqualTo("/api/v2/dags/etl/dagRuns"))))
        .hasSize(1);
  }

  @Test
  void thePollIsAReadInTheReadClass() {
    assertThat(tool.pollPolicy().write()).isFalse();
    assertThat(tool.pollPolicy().rateLimitClass()).isEqualTo("read");
  }
}
