package dev.airflowmcp.compat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The composite tools of the packaged server ({@code explore_dag}, {@code diagnose_dag_run}, {@code
 * get_system_health}), called through the MCP SDK client over stdio and Streamable HTTP against a
 * fake Airflow 2 and Airflow 3: astro's keys and values, every failed task found through Airflow's
 * state filter even beyond the first page, a failed step reported in its own section while the
 * others return, and each health status.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompositeToolsEndToEndTest {
  private static final String TOKEN = "compat-composite-token-3Vw1";

  private final Map<Scenario, Deployment> deployments = new LinkedHashMap<>();

  /** Stubs added by one test, removed after it. */
  private final List<Map.Entry<FakeAirflow, StubMapping>> added = new ArrayList<>();

  static Stream<Scenario> scenarios() {
    return Scenario.all().stream();
  }

  @BeforeAll
  void start() {
    for (Scenario scenario : Scenario.all()) {
      Deployment d =
          Deployment.start(
              scenario, airflow -> ServerProcess.Settings.token(airflow.baseUrl(), TOKEN), null);
      deployments.put(scenario, d);
      ToolResults.success(d.call("get_airflow_version", Map.of()), d);
    }
  }

  @AfterAll
  void stop() {
    deployments.values().forEach(Deployment::close);
  }

  @BeforeEach
  void forget() {
    deployments.values().forEach(d -> d.airflow().resetRequests());
  }

  @AfterEach
  void removeStubs() {
    added.forEach(e -> e.getKey().remove(e.getValue()));
    added.clear();
  }

  private void stub(Deployment d, com.github.tomakehurst.wiremock.client.MappingBuilder mapping) {
    added.add(Map.entry(d.airflow(), d.airflow().stub(mapping.atPriority(1))));
  }

  // ---------------------------------------------------------------------------------------------
  // explore_dag

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void exploreDagGivesTheDefinitionTasksAndSourceInOneCall(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    JsonNode result = ToolResults.success(d.call("explore_dag", Map.of("dag_id", DAG_ID)), d);

    assertThat(keys(result)).containsExactly("dag_id", "dag_info", "tasks", "source");
    assertThat(result.get("dag_id").asString()).isEqualTo(DAG_ID);
    assertThat(d.airflow().dataRequests())
        .extracting(Recorded::path)
        .contains(
            api(d) + "/dags/" + DAG_ID_ENCODED + "/details",
            api(d) + "/dags/" + DAG_ID_ENCODED + "/tasks");
    // dag_info comes from the details endpoint; astro's from GET dags/{dag_id}.
    JsonNode astro = AstroDifferences.astro("get-dag-details");
    assertThat(astro.get("explore_dag_info_request").asString()).isEqualTo("/dags/{dag_id}");
    assertThat(result.get("dag_info").has("timetable_description"))
        .as("a detail-only field")
        .isTrue();
    // Each section is what the tool of its step returns on its own (redacted alike).
    Map<String, Object> dag = Map.of("dag_id", DAG_ID);
    assertThat(result.get("dag_info"))
        .isEqualTo(ToolResults.success(d.call("get_dag_details", dag), d));
    assertThat(result.get("dag_info").get("owners"))
        .isEqualTo(ToolResults.fixture(scenario.mode(), "dag_details").get("owners"));
    assertThat(result.get("tasks"))
        .isEqualTo(ToolResults.success(d.call("list_tasks", dag), d).get("tasks"))
        .isEqualTo(ToolResults.fixture(scenario.mode(), "tasks").get("tasks"));
    assertThat(result.get("source"))
        .isEqualTo(ToolResults.success(d.call("get_dag_source", dag), d))
        .isEqualTo(ToolResults.fixture(scenario.mode(), "dag_source"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void exploreDagReportsAFailedPartInItsOwnSection(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    stub(
        d,
        get(urlPathEqualTo(api(d) + "/dags/" + DAG_ID_ENCODED + "/tasks"))
            .willReturn(
                aResponse()
                    .withStatus(500)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"detail\": \"database is locked\"}")));

    JsonNode result = ToolResults.success(d.call("explore_dag", Map.of("dag_id", DAG_ID)), d);

    assertThat(keys(result)).containsExactly("dag_id", "dag_info", "tasks", "source");
    JsonNode tasks = result.get("tasks");
    assertThat(keys(tasks)).containsExactly("error", "error_type", "hint", "retryable");
    assertThat(tasks.get("error_type").asString()).isEqualTo("HTTPStatusError");
    assertThat(tasks.get("error").asString()).contains("500").contains("database is locked");
    assertThat(tasks.get("retryable").asBoolean()).isFalse();
    assertThat(result.get("dag_info").get("dag_id").asString()).isEqualTo(DAG_ID);
    assertThat(result.get("source").has("content")).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void exploreDagOfAnUnknownDagFailsAsAWhole(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    JsonNode error =
        ToolResults.failure(d.call("explore_dag", Map.of("dag_id", MISSING_DAG_ID)), d);

    assertThat(error.get("error_type").asString()).isEqualTo("NotFoundError");
    assertThat(error.get("dag_id").asString()).isEqualTo(MISSING_DAG_ID);
    // Astro answers a successful result with an error payload in each of its four sections.
    JsonNode astro = AstroDifferences.astro("composite-steps").get("explore_dag_every_step_failed");
    assertThat(astro.get("isError").asBoolean()).isFalse();
    assertThat(AstroDifferences.strings(astro.get("keys")))
        .containsExactly("dag_id", "dag_info", "tasks", "source");
    assertThat(keys(error)).doesNotContain("dag_info", "tasks", "source");
  }

  // ---------------------------------------------------------------------------------------------
  // diagnose_dag_run

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void diagnoseDagRunFindsFailedTasksBeyondTheFirstPage(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    String tis = runPath(d) + "/taskInstances";
    // The first page: 150 task instances in all, none of the three shown failed.
    String firstPage =
        "{\"task_instances\": ["
            + ti("extract", "success")
            + ", "
            + ti("transform", "success")
            + ", "
            + ti("check", null)
            + "], \"total_entries\": 150}";
    stub(d, get(urlPathEqualTo(tis)).withQueryParam("state", absent()).willReturn(json(firstPage)));
    // Airflow's state filter: the failures, found wherever they are.
    stub(
        d,
        get(urlPathEqualTo(tis))
            .withQueryParam("state", matching(".*failed.*"))
            .willReturn(
                json(
                    "{\"task_instances\": ["
                        + ti("load_warehouse", "failed")
                        + ", "
                        + ti("report", "upstream_failed")
                        + "], \"total_entries\": 2}")));

    JsonNode result =
        ToolResults.success(
            d.call("diagnose_dag_run", Map.of("dag_id", DAG_ID, "dag_run_id", DAG_RUN_ID)), d);

    assertThat(keys(result))
        .containsExactly("dag_id", "dag_run_id", "run_info", "task_instances", "summary");
    assertThat(result.get("dag_id").asString()).isEqualTo(DAG_ID);
    assertThat(result.get("dag_run_id").asString()).isEqualTo(DAG_RUN_ID);
    assertThat(result.get("run_info")).isEqualTo(ToolResults.fixture(scenario.mode(), "dag_run"));
    assertThat(result.get("task_instances")).hasSize(3);
    JsonNode summary = result.get("summary");
    assertThat(keys(summary)).containsExactly("total_tasks", "state_counts", "failed_tasks");
    assertThat(summary.get("total_tasks").asInt()).as("Airflow's total").isEqualTo(150);
    assertThat(summary.get("state_counts"))
        .isEqualTo(ToolResults.parse("{\"null\": 1, \"success\": 2}"));
    assertThat(summary.get("failed_tasks"))
        .extracting(t -> t.get("task_id").asString() + ":" + t.get("state").asString())
        .containsExactly("load_warehouse:failed", "report:upstream_failed");
    assertThat(keys(summary.get("failed_tasks").get(0)))
        .containsExactly("task_id", "state", "start_date", "end_date", "try_number", "map_index");

    Recorded filtered =
        d.airflow().dataRequests().stream()
            .filter(r -> r.path().equals(tis) && r.query().containsKey("state"))
            .findFirst()
            .orElseThrow();
    assertThat(filtered.query().get("state"))
        .isEqualTo(
            scenario.mode() == Mode.AIRFLOW2
                ? List.of("failed,upstream_failed")
                : List.of("failed", "upstream_failed"));

    // Astro reads the first page only, without a state filter, and picks failures from it: here
    // none. Its total_tasks is that page's length.
    JsonNode astro = AstroDifferences.astro("diagnose-failed-tasks");
    JsonNode astroTotal = AstroDifferences.astro("diagnose-total-tasks");
    assertThat(astro.get("task_instance_requests")).hasSize(1);
    assertThat(astro.get("task_instance_requests").get(0).asString())
        .endsWith("?limit=100&offset=0");
    List<String> failedStates = AstroDifferences.strings(astro.get("failed_states"));
    List<JsonNode> page = new ArrayList<>();
    ToolResults.parse(firstPage).get("task_instances").forEach(page::add);
    long astrosFailed =
        page.stream().filter(t -> failedStates.contains(t.path("state").asString(""))).count();
    assertThat(astrosFailed).as("failures astro would find").isZero();
    assertThat(summary.get("failed_tasks")).hasSize(2);
    assertThat(astroTotal.get("total_tasks").asString()).contains("first page");
    assertThat(summary.get("total_tasks").asInt()).isNotEqualTo(page.size());
    assertThat(AstroDifferences.strings(astro.get("failed_task_keys"))).doesNotContain("map_index");
    assertThat(keys(summary.get("failed_tasks").get(0)))
        .contains("map_index")
        .containsAll(AstroDifferences.strings(astro.get("failed_task_keys")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void diagnoseDagRunKeepsTheTaskInstancesWhenTheRunCannotBeRead(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    String tis = runPath(d) + "/taskInstances";
    stub(
        d,
        get(urlPathEqualTo(runPath(d)))
            .willReturn(
                aResponse()
                    .withStatus(500)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"detail\": \"database is locked\"}")));
    stub(
        d,
        get(urlPathEqualTo(tis))
            .willReturn(
                json(
                    "{\"task_instances\": ["
                        + ti("load_warehouse", "failed")
                        + "], \"total_entries\": 1}")));

    JsonNode result =
        ToolResults.success(
            d.call("diagnose_dag_run", Map.of("dag_id", DAG_ID, "dag_run_id", DAG_RUN_ID)), d);

    assertThat(result.get("run_info").get("error_type").asString()).isEqualTo("HTTPStatusError");
    assertThat(result.get("task_instances")).hasSize(1);
    assertThat(result.get("summary").get("failed_tasks")).hasSize(1);
    // Astro stops after the failed run read: no task instances, no summary.
    JsonNode astro = AstroDifferences.astro("composite-steps").get("diagnose_dag_run_run_failed");
    assertThat(astro.get("isError").asBoolean()).isFalse();
    assertThat(AstroDifferences.strings(astro.get("keys")))
        .containsExactly("dag_id", "dag_run_id", "run_info");
    assertThat(keys(result))
        .containsExactly("dag_id", "dag_run_id", "run_info", "task_instances", "summary")
        .containsAll(AstroDifferences.strings(astro.get("keys")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void diagnoseDagRunPagesThroughFailuresWhenAirflowCapsAPageAt100(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    String tis = runPath(d) + "/taskInstances";
    stub(
        d,
        get(urlPathEqualTo(tis))
            .withQueryParam("state", absent())
            .willReturn(
                json(
                    "{\"task_instances\": ["
                        + ti("extract", "failed")
                        + "], \"total_entries\": 400}")));
    // 130 failures; Airflow's maximum_page_limit (100 by default) cuts the first page at 100.
    stub(
        d,
        get(urlPathEqualTo(tis))
            .withQueryParam("state", matching(".*failed.*"))
            .withQueryParam("offset", matching("0"))
            .willReturn(json(failedPage(0, 100, 130))));
    stub(
        d,
        get(urlPathEqualTo(tis))
            .withQueryParam("state", matching(".*failed.*"))
            .withQueryParam("offset", matching("100"))
            .willReturn(json(failedPage(100, 130, 130))));

    JsonNode summary =
        ToolResults.success(
                d.call("diagnose_dag_run", Map.of("dag_id", DAG_ID, "dag_run_id", DAG_RUN_ID)), d)
            .get("summary");

    assertThat(summary.get("failed_tasks")).hasSize(130);
    assertThat(summary.get("failed_tasks").get(129).get("task_id").asString())
        .isEqualTo("task_129");
    List<Recorded> pages =
        d.airflow().dataRequests().stream()
            .filter(r -> r.path().equals(tis) && r.query().containsKey("state"))
            .toList();
    assertThat(pages)
        .extracting(r -> r.query().get("offset") + " " + r.query().get("limit"))
        .containsExactly("[0] [100]", "[100] [100]");
  }

  /** Failed task instances {@code task_<from>} to {@code task_<to - 1>} of {@code total}. */
  private static String failedPage(int from, int to, int total) {
    List<String> items = new ArrayList<>();
    for (int i = from; i < to; i++) {
      items.add(ti("task_" + i, "failed"));
    }
    return "{\"task_instances\": ["
        + String.join(", ", items)
        + "], \"total_entries\": "
        + total
        + "}";
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void diagnoseDagRunReportsAFailedStepInItsSectionAndKeepsTheRun(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    stub(
        d,
        get(urlPathEqualTo(runPath(d) + "/taskInstances"))
            .willReturn(
                aResponse()
                    .withStatus(500)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"detail\": \"Internal Server Error\"}")));

    JsonNode result =
        ToolResults.success(
            d.call("diagnose_dag_run", Map.of("dag_id", DAG_ID, "dag_run_id", DAG_RUN_ID)), d);

    // No summary without task instances to summarise.
    assertThat(keys(result)).containsExactly("dag_id", "dag_run_id", "run_info", "task_instances");
    assertThat(result.get("run_info").get("state").asString()).isEqualTo("failed");
    JsonNode section = result.get("task_instances");
    assertThat(section.get("error_type").asString()).isEqualTo("HTTPStatusError");
    assertThat(section.get("error").asString()).contains("HTTP 500");
    assertThat(section.get("retryable").asBoolean()).isFalse();
  }

  // ---------------------------------------------------------------------------------------------
  // get_system_health

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void systemHealthIsHealthyWithoutImportErrorsOrWarnings(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    health(d, list("import_errors", 0), list("dag_warnings", 0));

    JsonNode result = ToolResults.success(d.call("get_system_health", Map.of()), d);

    assertThat(keys(result))
        .containsExactly(
            "version",
            "import_errors",
            "dag_warnings",
            "dag_stats",
            "overall_status",
            "status_reason");
    assertThat(result.get("version")).isEqualTo(ToolResults.fixture(scenario.mode(), "version"));
    assertThat(result.get("import_errors"))
        .isEqualTo(ToolResults.parse("{\"count\": 0, \"errors\": []}"));
    assertThat(result.get("dag_warnings"))
        .isEqualTo(ToolResults.parse("{\"count\": 0, \"warnings\": []}"));
    assertThat(result.get("dag_stats").get("dags")).hasSize(1);
    assertThat(result.get("overall_status").asString()).isEqualTo("healthy");
    assertThat(result.get("status_reason").asString()).isEqualTo("No import errors or warnings");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void systemHealthWarnsAboutDagWarningsCountingAirflowsTotal(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    health(d, list("import_errors", 0), list("dag_warnings", 120));

    JsonNode result = ToolResults.success(d.call("get_system_health", Map.of()), d);

    assertThat(result.get("dag_warnings").get("count").asInt())
        .as("the total, not the page")
        .isEqualTo(120);
    assertThat(result.get("dag_warnings").get("warnings")).hasSize(1);
    assertThat(result.get("overall_status").asString()).isEqualTo("warning");
    assertThat(result.get("status_reason").asString()).isEqualTo("120 DAG warning(s) detected");
    // Astro counts the page it read (one warning shown) and says so.
    JsonNode astro = AstroDifferences.astro("health-counts");
    int astrosCount = result.get("dag_warnings").get("warnings").size();
    String astrosReason =
        astro.get("status_reason").asString().replace("{count}", String.valueOf(astrosCount));
    assertThat(astrosReason)
        .isEqualTo("1 DAG warning(s) detected")
        .isNotEqualTo(result.get("status_reason").asString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void systemHealthIsUnhealthyWithImportErrors(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    health(d, list("import_errors", 2), list("dag_warnings", 1));

    JsonNode result = ToolResults.success(d.call("get_system_health", Map.of()), d);

    assertThat(result.get("import_errors").get("count").asInt()).isEqualTo(2);
    assertThat(result.get("overall_status").asString()).isEqualTo("unhealthy");
    assertThat(result.get("status_reason").asString()).isEqualTo("2 import error(s) detected");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void systemHealthIsUnknownWhenImportErrorsCannotBeRead(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    health(d, null, list("dag_warnings", 0));

    JsonNode result = ToolResults.success(d.call("get_system_health", Map.of()), d);

    JsonNode section = result.get("import_errors");
    assertThat(section.get("error_type").asString()).isEqualTo("HTTPStatusError");
    assertThat(section.get("error").asString()).contains("HTTP 503");
    assertThat(result.get("dag_warnings").get("count").asInt()).isZero();
    assertThat(result.get("overall_status").asString())
        .as("a failed read is never taken for zero errors")
        .isEqualTo("unknown");
    assertThat(result.get("status_reason").asString()).contains("import errors");
    // Astro takes the failed read for zero import errors and reports healthy.
    JsonNode astro = AstroDifferences.astro("health-failed-read").get("import_errors_read_failed");
    assertThat(astro.get("overall_status").asString())
        .isEqualTo("healthy")
        .isNotEqualTo(result.get("overall_status").asString());
    assertThat(astro.get("status_reason").asString())
        .isNotEqualTo(result.get("status_reason").asString());
  }

  /**
   * Stubs the health endpoints: import errors and DAG warnings (a list answer, or 503 for null) and
   * DAG stats.
   */
  private void health(Deployment d, String importErrors, String dagWarnings) {
    stub(
        d,
        get(urlPathEqualTo(api(d) + "/importErrors"))
            .willReturn(
                importErrors == null
                    ? aResponse()
                        .withStatus(503)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"detail\": \"Service Unavailable\"}")
                    : json(importErrors)));
    stub(d, get(urlPathEqualTo(api(d) + "/dagWarnings")).willReturn(json(dagWarnings)));
    stub(
        d,
        get(urlPathEqualTo(api(d) + "/dagStats"))
            .willReturn(
                json(
                    "{\"dags\": [{\"dag_id\": \""
                        + DAG_ID
                        + "\", \"stats\":"
                        + " [{\"state\": \"failed\", \"count\": 1}]}], \"total_entries\": 1}")));
  }

  /** A list answer with at most one item shown and {@code total} in all. */
  private static String list(String key, int total) {
    String item =
        key.equals("import_errors")
            ? "{\"import_error_id\": 1, \"filename\": \"broken.py\", \"stack_trace\": \"SyntaxError\"}"
            : "{\"dag_id\": \"report\", \"warning_type\": \"non-existent pool\", \"message\": \"no pool gpu\"}";
    return "{\"" + key + "\": [" + (total > 0 ? item : "") + "], \"total_entries\": " + total + "}";
  }

  // ---------------------------------------------------------------------------------------------

  private static String api(Deployment d) {
    return d.airflow().api();
  }

  private static String runPath(Deployment d) {
    return api(d) + "/dags/" + DAG_ID_ENCODED + "/dagRuns/" + DAG_RUN_ID_ENCODED;
  }

  private static String ti(String task, String state) {
    return "{\"task_id\": \""
        + task
        + "\", \"dag_id\": \""
        + DAG_ID
        + "\", \"dag_run_id\": \""
        + DAG_RUN_ID
        + "\", \"state\": "
        + (state == null ? "null" : "\"" + state + "\"")
        + ", \"try_number\": 1, \"map_index\": -1, \"start_date\": null, \"end_date\": null}";
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(
      String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  private static List<String> keys(JsonNode object) {
    List<String> keys = new ArrayList<>();
    object.properties().forEach(e -> keys.add(e.getKey()));
    return keys;
  }
}
