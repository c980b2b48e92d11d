package dev.airflowmcp.compat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.airflowmcp.compat.FakeAirflow.DAG_ID;
import static dev.airflowmcp.compat.FakeAirflow.DAG_ID_ENCODED;
import static dev.airflowmcp.compat.FakeAirflow.DAG_RUN_ID;
import static dev.airflowmcp.compat.FakeAirflow.DAG_RUN_ID_ENCODED;
import static dev.airflowmcp.compat.FakeAirflow.MAPPED_TASK_ID;
import static dev.airflowmcp.compat.FakeAirflow.TASK_ID;
import static dev.airflowmcp.compat.FakeAirflow.XCOM_KEY;
import static dev.airflowmcp.compat.FakeAirflow.XCOM_KEY_ENCODED;
import static dev.airflowmcp.compat.FakeAirflow.XCOM_TASK_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.airflowmcp.compat.FakeAirflow.Mode;
import dev.airflowmcp.compat.FakeAirflow.Recorded;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The read tools this server has beyond astro-airflow-mcp's (mapped task instances, tries, unmet
 * dependencies, XComs, the audit log, component health, backfills), called through the MCP SDK
 * client over stdio and Streamable HTTP against the fake Airflow 2 and Airflow 3. Each test checks
 * the exact request Airflow received (percent-encoded path, raw query) and the result's envelope,
 * keys and values; the XCom and audit-log tests also check that secrets in them are masked, and a
 * tool Airflow 2 has no endpoint for answers {@code UnsupportedVersionError} without calling it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DebuggingToolsEndToEndTest {
  private static final String AUTHORIZATION = "Bearer " + ToolsEndToEndTest.STATIC_TOKEN;

  private final Map<Scenario, Deployment> deployments = new LinkedHashMap<>();

  static Stream<Scenario> scenarios() {
    return Scenario.all().stream();
  }

  @BeforeAll
  void startServers() {
    for (Scenario scenario : Scenario.all()) {
      Deployment d =
          Deployment.start(
              scenario,
              airflow ->
                  ServerProcess.Settings.token(airflow.baseUrl(), ToolsEndToEndTest.STATIC_TOKEN),
              null);
      deployments.put(scenario, d);
      // Detect the Airflow version now, so that each test sees only its own requests.
      ToolResults.success(d.call("get_airflow_version", Map.of()), d);
    }
  }

  @AfterAll
  void stopServers() {
    deployments.values().forEach(Deployment::close);
  }

  @BeforeEach
  void forgetRequests() {
    deployments.values().forEach(d -> d.airflow().resetRequests());
  }

  // -----------------------------------------------------------------------------------------------
  // Task instances: mapped ones, tries, unmet dependencies

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void listMappedTaskInstancesFiltersByState(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("dag_id", DAG_ID);
    args.put("dag_run_id", DAG_RUN_ID);
    args.put("task_id", MAPPED_TASK_ID);
    args.put("state", List.of("failed", "upstream_failed"));
    args.put("limit", 20);
    JsonNode result = ToolResults.success(d.call("list_mapped_task_instances", args), d);

    // Airflow 2 (/api/v1) takes arrays comma-joined, Airflow 3 as repeated parameters; each in
    // its spec's parameter order.
    assertSingleRequest(
        d,
        run(d) + "/taskInstances/" + MAPPED_TASK_ID + "/listMapped",
        scenario.mode() == Mode.AIRFLOW2
            ? "limit=20&offset=0&state=failed%2Cupstream_failed"
            : "state=failed&state=upstream_failed&limit=20&offset=0");
    assertThat(result.propertyNames())
        .containsExactly("total_task_instances", "returned_count", "task_instances");
    assertThat(result.get("total_task_instances").asInt()).isEqualTo(12);
    assertThat(result.get("returned_count").asInt()).isEqualTo(1);
    assertThat(result.get("task_instances"))
        .isEqualTo(fixture(scenario, "mapped_task_instances").get("task_instances"));
    JsonNode instance = result.get("task_instances").get(0);
    assertThat(instance.get("map_index").asInt()).isEqualTo(3);
    assertThat(instance.get("rendered_map_index").asString()).isEqualTo("region=emea");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void listTaskInstanceTriesGivesEveryTryUnderTries(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    JsonNode result =
        ToolResults.success(
            d.call(
                "list_task_instance_tries",
                Map.of("dag_id", DAG_ID, "dag_run_id", DAG_RUN_ID, "task_id", TASK_ID)),
            d);

    assertSingleRequest(d, run(d) + "/taskInstances/" + TASK_ID + "/tries", "");
    assertThat(result.propertyNames()).containsExactly("total_tries", "returned_count", "tries");
    assertThat(result.get("total_tries").asInt()).isEqualTo(2);
    assertThat(result.get("returned_count").asInt()).isEqualTo(2);
    assertThat(result.get("tries"))
        .isEqualTo(fixture(scenario, "task_instance_tries").get("task_instances"));
    assertThat(result.get("tries"))
        .extracting(t -> t.get("try_number").asInt())
        .containsExactly(1, 3);
    assertThat(result.get("tries"))
        .extracting(t -> t.get("hostname").asString())
        .containsExactly(
            "airflow-worker-2.airflow-worker.airflow.svc.cluster.local",
            "airflow-worker-0.airflow-worker.airflow.svc.cluster.local");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void getTaskInstanceDependenciesPassesAirflowsReasonsThrough(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    McpSchema.CallToolResult call =
        d.call(
            "get_task_instance_dependencies",
            Map.of("dag_id", DAG_ID, "dag_run_id", DAG_RUN_ID, "task_id", TASK_ID));
    JsonNode result = ToolResults.success(call, d);

    assertSingleRequest(d, run(d) + "/taskInstances/" + TASK_ID + "/dependencies", "");
    assertThat(result).isEqualTo(fixture(scenario, "task_instance_dependencies"));
    assertThat(result.get("dependencies"))
        .extracting(dep -> dep.get("name").asString())
        .containsExactly("Trigger Rule", "Pool Slots Available");
    assertThat(untrusted(call).get("freeTextFields")).isEqualTo(List.of("reason"));
  }

  // -----------------------------------------------------------------------------------------------
  // XComs

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void listXcomEntriesOfEveryTaskOfARunSendsTheWildcard(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    JsonNode result =
        ToolResults.success(
            d.call("list_xcom_entries", Map.of("dag_id", DAG_ID, "dag_run_id", DAG_RUN_ID)), d);

    assertSingleRequest(d, run(d) + "/taskInstances/~/xcomEntries", "limit=100&offset=0");
    assertThat(result.propertyNames())
        .containsExactly("total_xcom_entries", "returned_count", "xcom_entries");
    assertThat(result.get("total_xcom_entries").asInt()).isEqualTo(5);
    assertThat(result.get("returned_count").asInt()).isEqualTo(2);
    assertThat(result.get("xcom_entries"))
        .isEqualTo(fixture(scenario, "xcom_entries").get("xcom_entries"));
    // The list names keys only; no entry carries a value.
    assertThat(result.get("xcom_entries")).allSatisfy(e -> assertThat(e.has("value")).isFalse());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void listXcomEntriesOfOneTaskPages(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    ToolResults.success(
        d.call(
            "list_xcom_entries",
            Map.of(
                "dag_id",
                DAG_ID,
                "dag_run_id",
                DAG_RUN_ID,
                "task_id",
                XCOM_TASK_ID,
                "limit",
                1,
                "offset",
                1)),
        d);

    assertSingleRequest(
        d, run(d) + "/taskInstances/" + XCOM_TASK_ID + "/xcomEntries", "limit=1&offset=1");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void getXcomEntryReturnsTheValueAsUntrustedTextWithCredentialsMasked(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    McpSchema.CallToolResult call = d.call("get_xcom_entry", xcomArgs("return_value"));
    JsonNode result = ToolResults.success(call, d);

    // Airflow 2 would stringify the value (Python repr text) unless told not to: asked for JSON,
    // both majors answer alike and the key rule reaches secrets nested in the value.
    assertSingleRequest(
        d,
        run(d) + "/taskInstances/" + XCOM_TASK_ID + "/xcomEntries/return_value",
        scenario.mode() == Mode.AIRFLOW2 ? "map_index=-1&stringify=false" : "map_index=-1");
    JsonNode fixture = fixture(scenario, "xcom_entry");
    assertThat(result.propertyNames()).containsExactlyElementsOf(fixture.propertyNames());
    assertThat(result.get("key").asString()).isEqualTo("return_value");
    assertThat(result.get("task_id").asString()).isEqualTo(XCOM_TASK_ID);
    JsonNode value = result.get("value");
    assertThat(value.get("rows").asInt()).isEqualTo(1250);
    assertThat(value.get("source").asString())
        .contains("postgresql://etl:")
        .contains("@db.internal:5432/sales");
    assertThat(value.get("target").get("login").asString()).isEqualTo("loader");
    assertThat(value.get("target").get("password").asString()).isEqualTo("***");
    assertThat(ToolResults.text(call))
        .doesNotContain("pg-Sup3r-s3cret")
        .doesNotContain("Quiet-Lake-42");
    assertThat(untrusted(call).get("freeTextFields")).isEqualTo(List.of("value"));
    assertThat(untrusted(call).get("treatAs")).isEqualTo("data");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void getXcomEntryMasksTheValueOfASecretNamedKey(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    McpSchema.CallToolResult call = d.call("get_xcom_entry", xcomArgs("api_token"));
    JsonNode result = ToolResults.success(call, d);

    assertThat(result.get("key").asString()).isEqualTo("api_token");
    assertThat(result.get("value").asString()).isEqualTo("***");
    assertThat(ToolResults.text(call)).doesNotContain("tq3-Blue-Harbor-71");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void getXcomEntryEncodesTheKeyAndSendsTheMapIndex(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    Map<String, Object> args = xcomArgs(XCOM_KEY);
    args.put("map_index", 3);
    ToolResults.success(d.call("get_xcom_entry", args), d);

    assertSingleRequest(
        d,
        run(d) + "/taskInstances/" + XCOM_TASK_ID + "/xcomEntries/" + XCOM_KEY_ENCODED,
        scenario.mode() == Mode.AIRFLOW2 ? "map_index=3&stringify=false" : "map_index=3");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void getXcomEntryCutsALongValueToItsBudget(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    String path = run(d) + "/taskInstances/" + XCOM_TASK_ID + "/xcomEntries/big_blob";
    String blob = "row;".repeat(25_000); // 100,000 characters
    StubMapping stub =
        d.airflow()
            .stub(
                get(urlPathEqualTo(path))
                    .willReturn(
                        aResponse()
                            .withStatus(200)
                            .withHeader("Content-Type", "application/json")
                            .withBody(
                                "{\"key\": \"big_blob\", \"map_index\": -1, \"task_id\": \""
                                    + XCOM_TASK_ID
                                    + "\", \"value\": \""
                                    + blob
                                    + "\"}")));
    try {
      McpSchema.CallToolResult call = d.call("get_xcom_entry", xcomArgs("big_blob"));
      JsonNode result = ToolResults.success(call, d);

      assertThat(ToolResults.text(call).length()).isLessThanOrEqualTo(20_000);
      assertThat(result.get("truncated").asBoolean()).isTrue();
      assertThat(result.get("truncation_hint").asString())
          .isEqualTo("The XCom value was cut to fit the size budget.");
      assertThat(result.get("value").asString()).startsWith("row;row;").contains("characters cut]");
      assertThat(result.get("key").asString()).isEqualTo("big_blob");
    } finally {
      d.airflow().remove(stub);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void getXcomEntryOfAMissingKeyIsANotFoundError(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    JsonNode error = ToolResults.failure(d.call("get_xcom_entry", xcomArgs("no_such_key")), d);

    assertThat(error.get("error_type").asString()).isEqualTo("NotFoundError");
    assertThat(error.get("xcom_key").asString()).isEqualTo("no_such_key");
    assertThat(d.airflow().requests()).extracting(Recorded::status).containsExactly(404);
  }

  // -----------------------------------------------------------------------------------------------
  // Audit log, health, backfills

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void listEventLogsFiltersNewestFirstAndMasksSecretsInExtra(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("dag_id", DAG_ID);
    args.put("dag_run_id", DAG_RUN_ID);
    args.put("event", "failed");
    McpSchema.CallToolResult call = d.call("list_event_logs", args);
    JsonNode result = ToolResults.success(call, d);

    // The run id's ':' and '+' are encoded: a bare '+' would reach Airflow as a space.
    assertSingleRequest(
        d,
        api(d) + "/eventLogs",
        "limit=100&offset=0&order_by=-when&dag_id="
            + DAG_ID_ENCODED
            + "&run_id="
            + DAG_RUN_ID_ENCODED
            + "&event=failed");
    assertThat(result.propertyNames())
        .containsExactly("total_event_logs", "returned_count", "event_logs");
    assertThat(result.get("total_event_logs").asInt()).isEqualTo(37);
    assertThat(result.get("returned_count").asInt()).isEqualTo(2);
    JsonNode first = result.get("event_logs").get(0);
    assertThat(first).isEqualTo(fixture(scenario, "event_logs").get("event_logs").get(0));
    assertThat(first.get("event").asString()).isEqualTo("failed");
    String extra = result.get("event_logs").get(1).get("extra").asString();
    assertThat(extra).contains("db_password").doesNotContain("Tr1gger-s3cret");
    assertThat(ToolResults.text(call)).doesNotContain("Tr1gger-s3cret");
    assertThat(untrusted(call).get("freeTextFields")).isEqualTo(List.of("extra"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void listEventLogsWithoutFiltersSendsOnlyPagingAndOrder(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    ToolResults.success(d.call("list_event_logs", Map.of("limit", 5, "offset", 10)), d);

    assertSingleRequest(d, api(d) + "/eventLogs", "limit=5&offset=10&order_by=-when");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void getHealthCallsEachMajorsHealthEndpoint(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    JsonNode result = ToolResults.success(d.call("get_health", Map.of()), d);

    assertSingleRequest(
        d, scenario.mode() == Mode.AIRFLOW2 ? "/api/v1/health" : "/api/v2/monitor/health", "");
    assertThat(result).isEqualTo(fixture(scenario, "health"));
    assertThat(result.get("scheduler").get("status").asString()).isEqualTo("unhealthy");
    assertThat(result.get("metadatabase").get("status").asString()).isEqualTo("healthy");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void listJobsFiltersOnAirflow3AndNeedsAirflow3(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    McpSchema.CallToolResult call =
        d.call("list_jobs", Map.of("job_type", "SchedulerJob", "job_state", "running"));

    if (scenario.mode() == Mode.AIRFLOW3) {
      JsonNode result = ToolResults.success(call, d);
      assertSingleRequest(
          d,
          "/api/v2/jobs",
          "limit=100&offset=0&order_by=-id&job_state=running&job_type=SchedulerJob");
      assertThat(result.propertyNames()).containsExactly("total_jobs", "returned_count", "jobs");
      assertThat(result.get("total_jobs").asInt()).isEqualTo(3);
      assertThat(result.get("returned_count").asInt()).isEqualTo(1);
      assertThat(result.get("jobs")).isEqualTo(fixture(scenario, "jobs").get("jobs"));
    } else {
      JsonNode error = ToolResults.failure(call, d);
      assertThat(error.get("error_type").asString()).isEqualTo("UnsupportedVersionError");
      assertThat(error.get("error").asString()).startsWith("list_jobs needs Airflow 3;");
      assertThat(d.airflow().requests()).as("nothing is sent to Airflow 2").isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void listBackfillsOnAirflow3AndAClearErrorWithoutARequestOnAirflow2(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    McpSchema.CallToolResult call = d.call("list_backfills", Map.of("dag_id", DAG_ID));

    if (scenario.mode() == Mode.AIRFLOW3) {
      JsonNode result = ToolResults.success(call, d);
      assertSingleRequest(
          d, "/api/v2/backfills", "dag_id=" + DAG_ID_ENCODED + "&limit=100&offset=0&order_by=-id");
      assertThat(result.propertyNames())
          .containsExactly("total_backfills", "returned_count", "backfills");
      assertThat(result.get("total_backfills").asInt()).isEqualTo(2);
      assertThat(result.get("returned_count").asInt()).isEqualTo(1);
      assertThat(result.get("backfills"))
          .isEqualTo(fixture(scenario, "backfills").get("backfills"));
    } else {
      JsonNode error = ToolResults.failure(call, d);
      assertThat(error.propertyNames())
          .containsExactly("error", "error_type", "hint", "retryable", "dag_id");
      assertThat(error.get("error_type").asString()).isEqualTo("UnsupportedVersionError");
      assertThat(error.get("error").asString())
          .isEqualTo(
              "list_backfills needs Airflow 3; this Airflow is 2.10.5, whose REST API"
                  + " (/api/v1) has no endpoint for it.");
      assertThat(error.get("hint").asString()).contains("needs Airflow 3");
      assertThat(error.get("retryable").asBoolean()).isFalse();
      assertThat(error.get("dag_id").asString()).isEqualTo(DAG_ID);
      assertThat(d.airflow().requests()).as("nothing is sent to Airflow 2").isEmpty();
    }
  }

  // -----------------------------------------------------------------------------------------------

  private static Map<String, Object> xcomArgs(String key) {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("dag_id", DAG_ID);
    args.put("dag_run_id", DAG_RUN_ID);
    args.put("task_id", XCOM_TASK_ID);
    args.put("xcom_key", key);
    return args;
  }

  private static String api(Deployment d) {
    return d.airflow().api();
  }

  private static String run(Deployment d) {
    return api(d) + "/dags/" + DAG_ID_ENCODED + "/dagRuns/" + DAG_RUN_ID_ENCODED;
  }

  private static JsonNode fixture(Scenario scenario, String name) {
    return ToolResults.fixture(scenario.mode(), name);
  }

  /** The result's {@code _meta} entry that marks Airflow's text as data. */
  private static Map<?, ?> untrusted(McpSchema.CallToolResult call) {
    assertThat(call.meta()).containsKey("dev.airflowmcp/untrusted");
    return (Map<?, ?>) call.meta().get("dev.airflowmcp/untrusted");
  }

  /**
   * Airflow received exactly one GET: this raw (percent-encoded) path and raw query, with {@code
   * Accept: application/json} and the configured token, answered with 200.
   */
  private static void assertSingleRequest(Deployment d, String path, String rawQuery) {
    List<Recorded> requests = d.airflow().requests();
    assertThat(requests).as("requests Airflow received (%s)", d.scenario()).hasSize(1);
    Recorded r = requests.get(0);
    assertThat(r.method()).isEqualTo("GET");
    assertThat(r.path()).as("path of %s", r.url()).isEqualTo(path);
    assertThat(r.rawQuery()).as("query of %s", r.url()).isEqualTo(rawQuery);
    assertThat(r.header("Accept")).as("Accept of %s", r.url()).isEqualTo("application/json");
    assertThat(r.header("Authorization"))
        .as("Authorization of %s", r.url())
        .isEqualTo(AUTHORIZATION);
    assertThat(r.status()).as("status of %s", r.url()).isEqualTo(200);
  }
}
