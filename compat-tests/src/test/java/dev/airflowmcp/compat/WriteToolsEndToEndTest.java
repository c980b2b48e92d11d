package dev.airflowmcp.compat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.airflowmcp.compat.FakeAirflow.DAG_ID;
import static dev.airflowmcp.compat.FakeAirflow.DAG_ID_ENCODED;
import static dev.airflowmcp.compat.FakeAirflow.DAG_RUN_ID;
import static dev.airflowmcp.compat.FakeAirflow.DAG_RUN_ID_ENCODED;
import static dev.airflowmcp.compat.FakeAirflow.MISSING_DAG_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.airflowmcp.compat.FakeAirflow.Mode;
import dev.airflowmcp.compat.FakeAirflow.Recorded;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * The seven write tools of a write-enabled server (the curated spec generated with allowWrites into
 * this module's test sources, plus the hand-written trigger_dag_and_wait), started as a separate
 * process and driven over stdio through the MCP SDK client against a fake Airflow 2 and Airflow 3:
 * the method, percent-encoded path and JSON body Airflow receives, the results and error payloads,
 * astro's annotations, and read-only mode ({@code AF_READ_ONLY=true}), in which every write is
 * refused before anything reaches Airflow.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WriteToolsEndToEndTest {
  private static final String TOKEN = "compat-write-token-5Hq8";
  private static final String AUTHORIZATION = "Bearer " + TOKEN;

  /**
   * A run whose state is success (the default run of the fake, {@link FakeAirflow#DAG_RUN_ID},
   * failed).
   */
  private static final String OK_RUN_ID = "manual__2025-01-02T00:00:00+00:00";

  private static final String OK_RUN_ID_ENCODED = "manual__2025-01-02T00%3A00%3A00%2B00%3A00";

  /** A run that stays running. */
  private static final String SLOW_RUN_ID = "manual__2025-01-03T00:00:00+00:00";

  private static final String SLOW_RUN_ID_ENCODED = "manual__2025-01-03T00%3A00%3A00%2B00%3A00";

  /** A run the caller may delete but not read (Airflow answers its GET with 403). */
  private static final String UNREADABLE_RUN_ID = "scheduled__unreadable";

  /** The write tools with astro's (destructiveHint, idempotentHint), INTERFACE.md section 15. */
  private static final Map<String, List<Boolean>> WRITE_TOOLS = new LinkedHashMap<>();

  static {
    WRITE_TOOLS.put("pause_dag", List.of(false, true));
    WRITE_TOOLS.put("unpause_dag", List.of(false, true));
    WRITE_TOOLS.put("trigger_dag", List.of(false, false));
    WRITE_TOOLS.put("trigger_dag_and_wait", List.of(false, false));
    WRITE_TOOLS.put("delete_dag_run", List.of(true, false));
    WRITE_TOOLS.put("clear_dag_run", List.of(true, true));
    WRITE_TOOLS.put("clear_task_instances", List.of(true, true));
  }

  private final Map<Mode, Deployment> writers = new EnumMap<>(Mode.class);
  private final Map<Mode, Deployment> readOnly = new EnumMap<>(Mode.class);
  private final List<McpSchema.ProgressNotification> progress =
      Collections.synchronizedList(new ArrayList<>());

  // The curated write class allows 5 calls per caller at once; these tests make more than that
  // and test the tools, not the limiter (the runtime module tests the limiter).
  private static final Map<String, String> UNLIMITED_WRITES =
      Map.of("MCP_RATE_LIMITS", "write=1000/6000");

  @BeforeAll
  void start() {
    for (Mode mode : Mode.values()) {
      Scenario scenario = new Scenario(mode, Scenario.Transport.STDIO);
      Deployment writer =
          Deployment.start(
              scenario,
              airflow -> ServerProcess.Settings.token(airflow.baseUrl(), TOKEN),
              null,
              new Deployment.Options(
                  ServerProcess.Build.WRITE_ENABLED, UNLIMITED_WRITES, progress::add));
      writers.put(mode, writer);
      Deployment guarded =
          Deployment.start(
              scenario,
              airflow -> ServerProcess.Settings.token(airflow.baseUrl(), TOKEN),
              null,
              new Deployment.Options(
                  ServerProcess.Build.WRITE_ENABLED,
                  Map.of("AF_READ_ONLY", "true", "MCP_RATE_LIMITS", "write=1000/6000"),
                  n -> {}));
      readOnly.put(mode, guarded);
      for (Deployment d : List.of(writer, guarded)) {
        stubWrites(d.airflow());
        // Detect the Airflow version now, so each test sees only its own requests.
        ToolResults.success(d.call("get_airflow_version", Map.of()), d);
      }
    }
  }

  @AfterAll
  void stop() {
    writers.values().forEach(Deployment::close);
    readOnly.values().forEach(Deployment::close);
  }

  @BeforeEach
  void forget() {
    writers.values().forEach(d -> d.airflow().resetRequests());
    readOnly.values().forEach(d -> d.airflow().resetRequests());
    progress.clear();
  }

  // ---------------------------------------------------------------------------------------------
  // tools/list

  @ParameterizedTest
  @EnumSource(Mode.class)
  void theWriteEnabledServerListsTheSevenWriteToolsWithAstrosAnnotations(Mode mode) {
    Map<String, McpSchema.Tool> tools = new LinkedHashMap<>();
    for (McpSchema.Tool t : writers.get(mode).client().listTools().tools()) {
      tools.put(t.name(), t);
    }
    assertThat(tools).containsKeys(WRITE_TOOLS.keySet().toArray(String[]::new));
    for (Map.Entry<String, List<Boolean>> w : WRITE_TOOLS.entrySet()) {
      McpSchema.ToolAnnotations a = tools.get(w.getKey()).annotations();
      assertThat(
              List.of(a.readOnlyHint(), a.destructiveHint(), a.idempotentHint(), a.openWorldHint()))
          .as("readOnly, destructive, idempotent, openWorld of %s", w.getKey())
          .containsExactly(false, w.getValue().get(0), w.getValue().get(1), true);
    }
    for (McpSchema.Tool t : tools.values()) {
      if (!WRITE_TOOLS.containsKey(t.name())) {
        assertThat(t.annotations().readOnlyHint()).as("readOnlyHint of %s", t.name()).isTrue();
      }
    }
    assertThat(writers.get(mode).client().getCurrentInitializationResult().instructions())
        .as("the write build's instructions say it can change Airflow")
        .contains("pause and unpause DAGs, trigger runs, clear and delete runs");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void inReadOnlyModeTheWriteToolsAreNotListed(Mode mode) {
    List<String> listed =
        readOnly.get(mode).client().listTools().tools().stream().map(McpSchema.Tool::name).toList();
    List<String> all =
        writers.get(mode).client().listTools().tools().stream().map(McpSchema.Tool::name).toList();
    assertThat(listed).doesNotContainAnyElementsOf(WRITE_TOOLS.keySet());
    assertThat(listed)
        .containsExactlyElementsOf(all.stream().filter(n -> !WRITE_TOOLS.containsKey(n)).toList());
    // Astro keeps listing them under AF_READ_ONLY=true.
    assertThat(AstroDifferences.astro("read-only-mode").get("write_tools_listed").asBoolean())
        .isTrue();
  }

  // ---------------------------------------------------------------------------------------------
  // One test per write tool

  @ParameterizedTest
  @EnumSource(Mode.class)
  void pauseAndUnpauseDagPatchIsPausedOnly(Mode mode) {
    Deployment d = writers.get(mode);
    for (boolean pause : List.of(true, false)) {
      d.airflow().resetRequests();
      JsonNode result =
          ToolResults.success(
              d.call(pause ? "pause_dag" : "unpause_dag", Map.of("dag_id", DAG_ID)), d);

      Recorded r = single(d);
      assertThat(r.method()).isEqualTo("PATCH");
      assertThat(r.url()).as("no update_mask, like astro").isEqualTo(dag(d));
      assertThat(ToolResults.parse(r.body()))
          .isEqualTo(ToolResults.parse("{\"is_paused\": " + pause + "}"));
      assertThat(r.header("Content-Type")).isEqualTo("application/json");
      assertThat(r.header("Authorization")).isEqualTo(AUTHORIZATION);
      assertThat(result).isEqualTo(ToolResults.parse(dagAnswer(pause)));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void triggerDagPostsARunWithConfAndNeverUnpauses(Mode mode) {
    Deployment d = writers.get(mode);
    // The DAG is paused: astro reads it, unpauses it, then triggers.
    StubMapping paused =
        d.airflow()
            .stub(get(urlPathEqualTo(dag(d))).atPriority(1).willReturn(json(dagAnswer(true))));
    JsonNode result;
    try {
      result =
          ToolResults.success(
              d.call("trigger_dag", Map.of("dag_id", DAG_ID, "conf", Map.of("full_refresh", true))),
              d);
    } finally {
      d.airflow().remove(paused);
    }
    JsonNode astro = AstroDifferences.astro("trigger-paused");
    List<String> astros = AstroDifferences.strings(astro.get("requests_for_a_paused_dag"));
    assertThat(astros)
        .containsExactly(
            "GET /dags/{dag_id}", "PATCH /dags/{dag_id}", "POST /dags/{dag_id}/dagRuns");
    assertThat(d.airflow().dataRequests())
        .as("ours: only the POST, never a PATCH")
        .extracting(Recorded::method)
        .containsExactly("POST");

    Recorded r = single(d);
    assertThat(r.method() + " " + r.url()).isEqualTo("POST " + dag(d) + "/dagRuns");
    assertThat(ToolResults.parse(r.body()))
        .isEqualTo(
            ToolResults.parse(
                mode == Mode.AIRFLOW2
                    ? "{\"conf\": {\"full_refresh\": true}}"
                    : "{\"logical_date\": null, \"conf\": {\"full_refresh\": true}}"));
    assertThat(result).isEqualTo(ToolResults.parse(runAnswer(DAG_RUN_ID, "queued")));

    d.airflow().resetRequests();
    ToolResults.success(d.call("trigger_dag", Map.of("dag_id", DAG_ID)), d);
    Recorded bare = single(d);
    assertThat(bare.body()).isEqualTo(mode == Mode.AIRFLOW2 ? "{}" : "{\"logical_date\":null}");

    // conf {}: ours sends it; astro sends the bare body.
    JsonNode astrosBody =
        AstroDifferences.byMajor(
            AstroDifferences.astro("trigger-empty-conf").get("body"), mode == Mode.AIRFLOW2);
    d.airflow().resetRequests();
    ToolResults.success(d.call("trigger_dag", Map.of("dag_id", DAG_ID, "conf", Map.of())), d);
    JsonNode sent = ToolResults.parse(single(d).body());
    assertThat(sent.get("conf")).isEqualTo(ToolResults.parse("{}"));
    assertThat(astrosBody).isEqualTo(ToolResults.parse(bare.body())).isNotEqualTo(sent);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void deleteDagRunReadsTheRunThenDeletesItAndReturnsAstrosKeys(Mode mode) {
    Deployment d = writers.get(mode);
    JsonNode run =
        ToolResults.success(
            d.call("get_dag_run", Map.of("dag_id", DAG_ID, "dag_run_id", DAG_RUN_ID)), d);
    d.airflow().resetRequests();

    JsonNode result =
        ToolResults.success(
            d.call("delete_dag_run", Map.of("dag_id", DAG_ID, "dag_run_id", DAG_RUN_ID)), d);

    assertThat(d.airflow().dataRequests())
        .extracting(r -> r.method() + " " + r.url() + " " + r.status())
        .containsExactly(
            "GET " + run(d, DAG_RUN_ID_ENCODED) + " 200",
            "DELETE " + run(d, DAG_RUN_ID_ENCODED) + " 204");
    assertThat(keys(result)).containsExactly("message", "dag_id", "deleted_run");
    assertThat(result.get("message").asString())
        .isEqualTo("DAG run '" + DAG_RUN_ID + "' of DAG '" + DAG_ID + "' deleted.");
    assertThat(result.get("dag_id").asString()).isEqualTo(DAG_ID);
    assertThat(result.get("deleted_run")).as("the run as get_dag_run shows it").isEqualTo(run);
    assertThat(result.get("deleted_run").get("dag_run_id").asString()).isEqualTo(DAG_RUN_ID);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void deleteDagRunStillDeletesWhenTheRunCannotBeReadFirst(Mode mode) {
    Deployment d = writers.get(mode);
    JsonNode result =
        ToolResults.success(
            d.call("delete_dag_run", Map.of("dag_id", DAG_ID, "dag_run_id", UNREADABLE_RUN_ID)), d);

    assertThat(d.airflow().dataRequests())
        .extracting(r -> r.method() + " " + r.status())
        .containsExactly("GET 403", "DELETE 204");
    // As astro: without the read, deleted_run is left out.
    assertThat(keys(result)).containsExactly("message", "dag_id");
    assertThat(result.get("message").asString()).contains("'" + UNREADABLE_RUN_ID + "'");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void clearDagRunIsADryRunUnlessToldOtherwise(Mode mode) {
    Deployment d = writers.get(mode);
    JsonNode dry =
        ToolResults.success(
            d.call("clear_dag_run", Map.of("dag_id", DAG_ID, "dag_run_id", DAG_RUN_ID)), d);
    Recorded r = single(d);
    assertThat(r.method() + " " + r.url())
        .isEqualTo("POST " + run(d, DAG_RUN_ID_ENCODED) + "/clear");
    assertThat(ToolResults.parse(r.body())).isEqualTo(ToolResults.parse("{\"dry_run\": true}"));
    assertThat(dry).isEqualTo(ToolResults.parse(clearAnswer()));

    d.airflow().resetRequests();
    ToolResults.success(
        d.call(
            "clear_dag_run", Map.of("dag_id", DAG_ID, "dag_run_id", DAG_RUN_ID, "dry_run", false)),
        d);
    assertThat(ToolResults.parse(single(d).body()))
        .isEqualTo(ToolResults.parse("{\"dry_run\": false}"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void clearTaskInstancesSendsAstrosBody(Mode mode) {
    Deployment d = writers.get(mode);
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("dag_id", DAG_ID);
    args.put("dag_run_id", DAG_RUN_ID);
    args.put("task_ids", List.of("load_warehouse", "report"));
    args.put("only_failed", true);
    JsonNode result = ToolResults.success(d.call("clear_task_instances", args), d);

    Recorded r = single(d);
    assertThat(r.method() + " " + r.url()).isEqualTo("POST " + dag(d) + "/clearTaskInstances");
    assertThat(ToolResults.parse(r.body()))
        .isEqualTo(
            ToolResults.parse(
                "{\"dag_run_id\": \""
                    + DAG_RUN_ID
                    + "\","
                    + " \"task_ids\": [\"load_warehouse\", \"report\"], \"dry_run\": true,"
                    + " \"only_failed\": true, \"include_downstream\": false, \"include_upstream\": false,"
                    + " \"reset_dag_runs\": true}"));
    assertThat(result).isEqualTo(ToolResults.parse(clearAnswer()));

    JsonNode invalid =
        ToolResults.failure(
            d.call("clear_task_instances", Map.of("dag_id", DAG_ID, "dag_run_id", DAG_RUN_ID)), d);
    assertThat(invalid.get("error_type").asString()).isEqualTo("ValidationError");
    assertThat(invalid.get("error").asString()).contains("task_ids");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void airflowFailuresAreErrorsWithAstrosKeysAndTheEchoedArguments(Mode mode) {
    Deployment d = writers.get(mode);
    JsonNode missing =
        ToolResults.failure(d.call("pause_dag", Map.of("dag_id", MISSING_DAG_ID)), d);
    assertThat(keys(missing)).containsExactly("error", "error_type", "hint", "retryable", "dag_id");
    assertThat(missing.get("error_type").asString()).isEqualTo("NotFoundError");
    assertThat(missing.get("retryable").asBoolean()).isTrue();
    assertThat(missing.get("dag_id").asString()).isEqualTo(MISSING_DAG_ID);

    JsonNode conflict =
        ToolResults.failure(
            d.call("delete_dag_run", Map.of("dag_id", DAG_ID, "dag_run_id", "locked")), d);
    assertThat(keys(conflict))
        .containsExactly("error", "error_type", "hint", "retryable", "dag_id", "dag_run_id");
    assertThat(conflict.get("error_type").asString()).isEqualTo("HTTPStatusError");
    assertThat(conflict.get("error").asString()).contains("409").contains("is running");
    assertThat(conflict.get("hint").asString()).contains("HTTP 409");
    assertThat(conflict.get("retryable").asBoolean()).isFalse();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void clearTaskInstancesOfAnUnknownDagIsNotFound(Mode mode) {
    Deployment d = writers.get(mode);
    JsonNode error =
        ToolResults.failure(
            d.call(
                "clear_task_instances",
                Map.of(
                    "dag_id",
                    MISSING_DAG_ID,
                    "dag_run_id",
                    DAG_RUN_ID,
                    "task_ids",
                    List.of("report"))),
            d);
    assertThat(single(d).status()).isEqualTo(404);
    assertThat(error.get("error_type").asString()).isEqualTo("NotFoundError");
    assertThat(error.get("dag_id").asString()).isEqualTo(MISSING_DAG_ID);
    // Astro: a successful result saying the endpoint is not available.
    JsonNode astro = AstroDifferences.astro("clear-task-instances-404");
    assertThat(astro.get("isError").asBoolean()).isFalse();
    assertThat(astro.get("result").get("available").asBoolean()).isFalse();
    assertThat(error.has("available")).isFalse();
  }

  // ---------------------------------------------------------------------------------------------
  // trigger_dag_and_wait

  @ParameterizedTest
  @EnumSource(Mode.class)
  void triggerDagAndWaitReturnsTheFinishedRunAndReportsProgress(Mode mode) {
    Deployment d = writers.get(mode);
    Map<String, Object> args =
        Map.of("dag_id", DAG_ID, "conf", Map.of("outcome", "success"), "timeout", 60);
    McpSchema.CallToolResult call =
        d.client()
            .callTool(
                McpSchema.CallToolRequest.builder("trigger_dag_and_wait")
                    .arguments(args)
                    .progressToken("wait-" + mode)
                    .build());
    JsonNode result = ToolResults.success(call, d);

    assertThat(keys(result)).containsExactly("dag_run", "timed_out", "elapsed_seconds");
    assertThat(result.get("dag_run")).isEqualTo(ToolResults.parse(runAnswer(OK_RUN_ID, "success")));
    assertThat(result.get("timed_out").asBoolean()).isFalse();
    // One poll after the shortest interval (timeout 60 s: every 2 s).
    assertThat(result.get("elapsed_seconds").asDouble()).isBetween(1.9, 30.0);
    List<Recorded> requests = d.airflow().dataRequests();
    assertThat(requests)
        .extracting(r -> r.method() + " " + r.url())
        .containsExactly("POST " + dag(d) + "/dagRuns", "GET " + run(d, OK_RUN_ID_ENCODED));
    assertThat(ToolResults.parse(requests.get(0).body()).get("conf"))
        .isEqualTo(ToolResults.parse("{\"outcome\": \"success\"}"));

    // The client hands notifications to its listener on a thread of its own, which may still be
    // delivering them when callTool returns: wait (bounded) for the final one before looking.
    awaitProgress(
        p ->
            p.message() != null
                && p.message().contains(OK_RUN_ID)
                && p.message().contains("success"),
        10_000);
    assertThat(progress)
        .isNotEmpty()
        .hasSizeGreaterThan(
            AstroDifferences.astro("wait-progress").get("progress_notifications").asInt());
    assertThat(progress)
        .allSatisfy(
            p -> {
              assertThat(p.progressToken()).isEqualTo("wait-" + mode);
              assertThat(p.total()).isEqualTo(60.0);
            });
    assertThat(progress.get(progress.size() - 1).message()).contains(OK_RUN_ID).contains("success");
  }

  /**
   * Waits up to {@code millis} for a recorded progress notification that {@code wanted} accepts;
   * returns either way (the assertions that follow say what is missing).
   */
  private void awaitProgress(
      java.util.function.Predicate<McpSchema.ProgressNotification> wanted, long millis) {
    long end = System.nanoTime() + millis * 1_000_000L;
    while (System.nanoTime() < end) {
      synchronized (progress) {
        if (progress.stream().anyMatch(wanted)) {
          return;
        }
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void triggerDagAndWaitListsTheFailedTasksOfAFailedRun(Mode mode) {
    Deployment d = writers.get(mode);
    JsonNode result =
        ToolResults.success(
            d.call("trigger_dag_and_wait", Map.of("dag_id", DAG_ID, "timeout", 30)), d);

    assertThat(keys(result))
        .containsExactly("dag_run", "timed_out", "elapsed_seconds", "failed_tasks");
    assertThat(result.get("dag_run").get("state").asString()).isEqualTo("failed");
    assertThat(result.get("failed_tasks"))
        .extracting(t -> t.get("task_id").asString() + ":" + t.get("state").asString())
        .containsExactly("load_warehouse:failed", "report:upstream_failed");
    List<Recorded> requests = d.airflow().dataRequests();
    assertThat(requests).hasSize(3);
    Recorded failed = requests.get(2);
    assertThat(failed.path()).isEqualTo(run(d, DAG_RUN_ID_ENCODED) + "/taskInstances");
    assertThat(failed.query().get("state"))
        .isEqualTo(
            mode == Mode.AIRFLOW2
                ? List.of("failed,upstream_failed")
                : List.of("failed", "upstream_failed"));
    // Astro reads the first 100 task instances without a filter; its entries have no map_index.
    JsonNode astro = AstroDifferences.astro("wait-failed-tasks");
    assertThat(astro.get("request").asString())
        .endsWith("/taskInstances?limit=100&offset=0")
        .doesNotContain("state=");
    assertThat(failed.query()).containsKey("state");
    List<String> astroKeys = AstroDifferences.strings(astro.get("failed_task_keys"));
    assertThat(keys(result.get("failed_tasks").get(0)))
        .containsAll(astroKeys)
        .contains("map_index");
    assertThat(astroKeys).doesNotContain("map_index");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void triggerDagAndWaitStopsWaitingAtTheTimeout(Mode mode) {
    Deployment d = writers.get(mode);
    JsonNode result =
        ToolResults.success(
            d.call(
                "trigger_dag_and_wait",
                Map.of("dag_id", DAG_ID, "conf", Map.of("outcome", "slow"), "timeout", 1)),
            d);

    assertThat(keys(result))
        .containsExactly(
            "dag_id", "dag_run_id", "state", "timed_out", "elapsed_seconds", "message");
    assertThat(result.get("dag_run_id").asString()).isEqualTo(SLOW_RUN_ID);
    assertThat(result.get("state").asString()).isEqualTo("running");
    assertThat(result.get("timed_out").asBoolean()).isTrue();
    assertThat(result.get("elapsed_seconds").asDouble()).isBetween(1.0, 30.0);

    // A timeout beyond a day: astro accepts any number; ours refuses it before triggering.
    JsonNode astro = AstroDifferences.astro("wait-timeout");
    d.airflow().resetRequests();
    JsonNode refused =
        ToolResults.failure(
            d.call(
                "trigger_dag_and_wait",
                Map.of("dag_id", DAG_ID, "timeout", astro.get("accepted_timeout").asInt())),
            d);
    assertThat(refused.get("error_type").asString()).isEqualTo("ValidationError");
    assertThat(refused.get("error").asString()).contains("timeout");
    assertThat(d.airflow().dataRequests()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void triggerDagAndWaitEndsOnAStateAstroWouldWaitThrough(Mode mode) {
    Deployment d = writers.get(mode);
    String runId = "manual__odd";
    List<StubMapping> stubs =
        List.of(
            d.airflow()
                .stub(
                    post(urlPathEqualTo(dag(d) + "/dagRuns"))
                        .atPriority(3)
                        .withRequestBody(
                            equalToJson("{\"conf\": {\"outcome\": \"odd\"}}", true, true))
                        .willReturn(json(runAnswer(runId, "queued")))),
            d.airflow()
                .stub(
                    get(urlPathEqualTo(run(d, runId)))
                        .willReturn(json(runAnswer(runId, "canceled")))));
    try {
      JsonNode result =
          ToolResults.success(
              d.call(
                  "trigger_dag_and_wait",
                  Map.of("dag_id", DAG_ID, "conf", Map.of("outcome", "odd"), "timeout", 30)),
              d);
      assertThat(result.get("timed_out").asBoolean()).isFalse();
      assertThat(result.get("dag_run").get("state").asString()).isEqualTo("canceled");
      assertThat(result.get("elapsed_seconds").asDouble()).isLessThan(25.0);
      // Astro ends only on success or failed: it would poll this run until the timeout.
      List<String> astros =
          AstroDifferences.strings(
              AstroDifferences.astro("wait-terminal-states").get("terminal_states"));
      assertThat(astros).containsExactly("success", "failed").doesNotContain("canceled");
    } finally {
      stubs.forEach(d.airflow()::remove);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void triggerDagAndWaitEndsWhenItsRunIsGone(Mode mode) {
    Deployment d = writers.get(mode);
    String runId = "manual__gone";
    StubMapping trigger =
        d.airflow()
            .stub(
                post(urlPathEqualTo(dag(d) + "/dagRuns"))
                    .atPriority(3)
                    .withRequestBody(equalToJson("{\"conf\": {\"outcome\": \"gone\"}}", true, true))
                    .willReturn(json(runAnswer(runId, "queued"))));
    try {
      JsonNode error =
          ToolResults.failure(
              d.call(
                  "trigger_dag_and_wait",
                  Map.of("dag_id", DAG_ID, "conf", Map.of("outcome", "gone"), "timeout", 30)),
              d);
      assertThat(error.get("error_type").asString()).isEqualTo("NotFoundError");
      assertThat(error.toString()).contains(runId);
      assertThat(d.airflow().dataRequests())
          .extracting(r -> r.method() + " " + r.status())
          .containsExactly("POST 200", "GET 404");
      // Astro ignores the failed poll and keeps polling until the timeout.
      JsonNode astro = AstroDifferences.astro("wait-poll-errors").get("after_a_404_poll");
      assertThat(astro.get("timed_out").asBoolean()).isTrue();
      assertThat(error.path("timed_out").asBoolean(false)).isFalse();
    } finally {
      d.airflow().remove(trigger);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Read-only mode

  @ParameterizedTest
  @EnumSource(Mode.class)
  void inReadOnlyModeEveryWriteIsRefusedBeforeAnythingReachesAirflow(Mode mode) {
    Deployment d = readOnly.get(mode);
    Map<String, Map<String, Object>> calls = new LinkedHashMap<>();
    calls.put("pause_dag", Map.of("dag_id", DAG_ID));
    calls.put("unpause_dag", Map.of("dag_id", DAG_ID));
    calls.put("trigger_dag", Map.of("dag_id", DAG_ID));
    calls.put("trigger_dag_and_wait", Map.of("dag_id", DAG_ID, "timeout", 5));
    calls.put("delete_dag_run", Map.of("dag_id", DAG_ID, "dag_run_id", DAG_RUN_ID));
    calls.put("clear_dag_run", Map.of("dag_id", DAG_ID, "dag_run_id", DAG_RUN_ID));
    calls.put(
        "clear_task_instances",
        Map.of("dag_id", DAG_ID, "dag_run_id", DAG_RUN_ID, "task_ids", List.of("report")));
    Map<String, String> refused = new LinkedHashMap<>();
    refused.put("pause_dag", "'PATCH dags/" + DAG_ID_ENCODED + "'");
    refused.put("unpause_dag", "'PATCH dags/" + DAG_ID_ENCODED + "'");
    refused.put("trigger_dag", "'POST dags/" + DAG_ID_ENCODED + "/dagRuns'");
    refused.put("trigger_dag_and_wait", "'POST dags/" + DAG_ID_ENCODED + "/dagRuns'");
    refused.put(
        "delete_dag_run",
        "'DELETE dags/" + DAG_ID_ENCODED + "/dagRuns/" + DAG_RUN_ID_ENCODED + "'");
    refused.put(
        "clear_dag_run",
        "'POST dags/" + DAG_ID_ENCODED + "/dagRuns/" + DAG_RUN_ID_ENCODED + "/clear'");
    refused.put("clear_task_instances", "'POST dags/" + DAG_ID_ENCODED + "/clearTaskInstances'");

    // Astro answers the refusal as a successful result, and sends a GET first for these tools.
    JsonNode astroRefusal = AstroDifferences.astro("read-only-refusal");
    JsonNode astroGets = AstroDifferences.astro("read-only-mode").get("requests_before_refusal");
    assertThat(astroRefusal.get("isError").asBoolean()).isFalse();
    assertThat(astroGets.propertyNames())
        .containsExactlyInAnyOrder("trigger_dag", "trigger_dag_and_wait", "delete_dag_run");
    for (Map.Entry<String, Map<String, Object>> c : calls.entrySet()) {
      JsonNode error = ToolResults.failure(d.call(c.getKey(), c.getValue()), d);
      assertThat(error.get("error_type").asString())
          .as(c.getKey())
          .isEqualTo(astroRefusal.get("error_type").asString());
      assertThat(error.get("retryable").asBoolean())
          .isEqualTo(astroRefusal.get("retryable").asBoolean());
      assertThat(error.get("error_type").asString()).as(c.getKey()).isEqualTo("ReadOnlyError");
      assertThat(error.get("error").asString())
          .as(c.getKey())
          .startsWith(refused.get(c.getKey()) + " refused")
          .contains("read-only mode");
      assertThat(error.get("hint").asString()).as(c.getKey()).contains("AF_READ_ONLY=true");
      assertThat(error.get("retryable").asBoolean()).as(c.getKey()).isFalse();
      assertThat(error.get("dag_id").asString()).as(c.getKey()).isEqualTo(DAG_ID);
    }
    assertThat(d.airflow().requests()).as("requests that reached Airflow").isEmpty();

    JsonNode dags = ToolResults.success(d.call("list_dags", Map.of()), d);
    assertThat(dags.get("total_dags").asInt()).as("reads still work").isPositive();
  }

  // ---------------------------------------------------------------------------------------------

  private static List<String> keys(JsonNode object) {
    List<String> keys = new ArrayList<>();
    object.properties().forEach(e -> keys.add(e.getKey()));
    return keys;
  }

  private static Recorded single(Deployment d) {
    List<Recorded> requests = d.airflow().dataRequests();
    assertThat(requests).as("requests Airflow received (%s)", d.scenario()).hasSize(1);
    return requests.get(0);
  }

  private static String dag(Deployment d) {
    return d.airflow().api() + "/dags/" + DAG_ID_ENCODED;
  }

  private static String run(Deployment d, String encodedRunId) {
    return dag(d) + "/dagRuns/" + encodedRunId;
  }

  private static String dagAnswer(boolean paused) {
    return "{\"dag_id\": \""
        + DAG_ID
        + "\", \"is_paused\": "
        + paused
        + ", \"owners\": [\"data-eng\"]}";
  }

  private static String runAnswer(String runId, String state) {
    return "{\"dag_run_id\": \""
        + runId
        + "\", \"dag_id\": \""
        + DAG_ID
        + "\", \"state\": \""
        + state
        + "\", \"run_type\": \"manual\", \"conf\": {}}";
  }

  private static String clearAnswer() {
    return "{\"task_instances\": [{\"task_id\": \"report\", \"dag_id\": \""
        + DAG_ID
        + "\", \"dag_run_id\": \""
        + DAG_RUN_ID
        + "\", \"state\": \"failed\"}], \"total_entries\": 1}";
  }

  private static String taskInstance(String task, String state) {
    return "{\"task_id\": \""
        + task
        + "\", \"dag_id\": \""
        + DAG_ID
        + "\", \"dag_run_id\": \""
        + DAG_RUN_ID
        + "\", \"state\": \""
        + state
        + "\", \"try_number\": 1, \"map_index\": -1,"
        + " \"start_date\": null, \"end_date\": null}";
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(
      String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  /** The write endpoints the tests call, on top of the fake's read endpoints. */
  private static void stubWrites(FakeAirflow airflow) {
    String dag = airflow.api() + "/dags/" + DAG_ID_ENCODED;
    for (boolean paused : List.of(true, false)) {
      airflow.stub(
          patch(urlPathEqualTo(dag))
              .withRequestBody(equalToJson("{\"is_paused\": " + paused + "}"))
              .willReturn(json(dagAnswer(paused))));
    }
    // The triggered run depends on the conf: success, slow (stays running) or the fake's failed
    // run.
    airflow.stub(
        post(urlPathEqualTo(dag + "/dagRuns"))
            .atPriority(5)
            .willReturn(json(runAnswer(DAG_RUN_ID, "queued"))));
    airflow.stub(
        post(urlPathEqualTo(dag + "/dagRuns"))
            .atPriority(4)
            .withRequestBody(equalToJson("{\"conf\": {\"outcome\": \"success\"}}", true, true))
            .willReturn(json(runAnswer(OK_RUN_ID, "queued"))));
    airflow.stub(
        post(urlPathEqualTo(dag + "/dagRuns"))
            .atPriority(4)
            .withRequestBody(equalToJson("{\"conf\": {\"outcome\": \"slow\"}}", true, true))
            .willReturn(json(runAnswer(SLOW_RUN_ID, "queued"))));
    airflow.stub(
        get(urlPathEqualTo(dag + "/dagRuns/" + OK_RUN_ID_ENCODED))
            .willReturn(json(runAnswer(OK_RUN_ID, "success"))));
    airflow.stub(
        get(urlPathEqualTo(dag + "/dagRuns/" + SLOW_RUN_ID_ENCODED))
            .willReturn(json(runAnswer(SLOW_RUN_ID, "running"))));
    String run = dag + "/dagRuns/" + DAG_RUN_ID_ENCODED;
    airflow.stub(
        get(urlPathEqualTo(run + "/taskInstances"))
            .withQueryParam("state", matching(".*failed.*"))
            .willReturn(
                json(
                    "{\"task_instances\": ["
                        + taskInstance("load_warehouse", "failed")
                        + ", "
                        + taskInstance("report", "upstream_failed")
                        + "], \"total_entries\": 2}")));
    airflow.stub(delete(urlPathEqualTo(run)).willReturn(aResponse().withStatus(204)));
    String unreadable = dag + "/dagRuns/" + UNREADABLE_RUN_ID;
    airflow.stub(
        get(urlPathEqualTo(unreadable))
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"detail\": \"Forbidden\"}")));
    airflow.stub(delete(urlPathEqualTo(unreadable)).willReturn(aResponse().withStatus(204)));
    airflow.stub(
        delete(urlPathEqualTo(dag + "/dagRuns/locked"))
            .willReturn(
                aResponse()
                    .withStatus(409)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"detail\": \"The DAG run is running\"}")));
    airflow.stub(post(urlPathEqualTo(run + "/clear")).willReturn(json(clearAnswer())));
    airflow.stub(post(urlPathEqualTo(dag + "/clearTaskInstances")).willReturn(json(clearAnswer())));
  }
}
