package dev.airflowmcp.compat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.airflowmcp.compat.FakeAirflow.DAG_ID;
import static dev.airflowmcp.compat.FakeAirflow.DAG_ID_ENCODED;
import static dev.airflowmcp.compat.FakeAirflow.DAG_RUN_ID;
import static dev.airflowmcp.compat.FakeAirflow.DAG_RUN_ID_ENCODED;
import static dev.airflowmcp.compat.FakeAirflow.FILE_TOKEN;
import static dev.airflowmcp.compat.FakeAirflow.MISSING_DAG_ID;
import static dev.airflowmcp.compat.FakeAirflow.TASK_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.airflowmcp.compat.FakeAirflow.Mode;
import dev.airflowmcp.compat.FakeAirflow.Recorded;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * Every tool of the packaged server, called through the MCP SDK client over stdio and Streamable
 * HTTP against a fake Airflow 2 and Airflow 3, with a static token configured. Checks the result
 * envelope and values and the exact requests Airflow received (method, percent-encoded path, query,
 * Accept and Authorization headers). One server per scenario, shared by all tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ToolsEndToEndTest {
  static final String STATIC_TOKEN = "compat-static-token-7Qx2vLp9";
  private static final String AUTHORIZATION = "Bearer " + STATIC_TOKEN;

  /** The curated tools in spec order, with their required arguments and all argument names. */
  // Every tool the read-only server lists, in order; other tests count tools against it.
  static final List<ToolShape> TOOLS =
      List.of(
          new ToolShape("list_dags", List.of(), List.of("limit", "offset")),
          new ToolShape("get_dag_details", List.of("dag_id"), List.of("dag_id")),
          new ToolShape("get_dag_source", List.of("dag_id"), List.of("dag_id")),
          new ToolShape(
              "list_dag_runs", List.of(), List.of("dag_id", "limit", "offset", "order_by")),
          new ToolShape(
              "get_dag_run", List.of("dag_id", "dag_run_id"), List.of("dag_id", "dag_run_id")),
          new ToolShape("list_tasks", List.of("dag_id"), List.of("dag_id")),
          new ToolShape("get_task", List.of("dag_id", "task_id"), List.of("dag_id", "task_id")),
          new ToolShape(
              "get_task_instance",
              List.of("dag_id", "dag_run_id", "task_id"),
              List.of("dag_id", "dag_run_id", "task_id")),
          new ToolShape(
              "get_task_logs",
              List.of("dag_id", "dag_run_id", "task_id"),
              List.of("dag_id", "dag_run_id", "task_id", "try_number", "map_index")),
          new ToolShape("list_import_errors", List.of(), List.of("limit", "offset")),
          new ToolShape("get_airflow_version", List.of(), List.of()),
          new ToolShape(
              "list_task_instances",
              List.of("dag_id", "dag_run_id"),
              List.of("dag_id", "dag_run_id", "state", "limit", "offset")),
          new ToolShape("list_connections", List.of(), List.of("limit", "offset")),
          new ToolShape("get_variable", List.of("variable_key"), List.of("variable_key")),
          new ToolShape("list_variables", List.of(), List.of("limit", "offset")),
          new ToolShape("get_airflow_config", List.of(), List.of("section")),
          new ToolShape("get_pool", List.of("pool_name"), List.of("pool_name")),
          new ToolShape("list_pools", List.of(), List.of("limit", "offset")),
          new ToolShape("list_plugins", List.of(), List.of("limit", "offset")),
          new ToolShape("list_providers", List.of(), List.of("limit", "offset")),
          new ToolShape("list_assets", List.of(), List.of("limit", "offset")),
          new ToolShape(
              "list_asset_events",
              List.of(),
              List.of("source_dag_id", "source_run_id", "source_task_id", "limit", "offset")),
          new ToolShape(
              "get_upstream_asset_events",
              List.of("dag_id", "dag_run_id"),
              List.of("dag_id", "dag_run_id")),
          new ToolShape("get_dag_stats", List.of(), List.of("dag_ids")),
          new ToolShape("list_dag_warnings", List.of(), List.of("limit", "offset")),
          // Beyond astro's tools (DebuggingToolsEndToEndTest).
          new ToolShape(
              "list_mapped_task_instances",
              List.of("dag_id", "dag_run_id", "task_id"),
              List.of("dag_id", "dag_run_id", "task_id", "state", "limit", "offset")),
          new ToolShape(
              "list_task_instance_tries",
              List.of("dag_id", "dag_run_id", "task_id"),
              List.of("dag_id", "dag_run_id", "task_id")),
          new ToolShape(
              "get_task_instance_dependencies",
              List.of("dag_id", "dag_run_id", "task_id"),
              List.of("dag_id", "dag_run_id", "task_id")),
          new ToolShape(
              "list_xcom_entries",
              List.of("dag_id", "dag_run_id"),
              List.of("dag_id", "dag_run_id", "task_id", "limit", "offset")),
          new ToolShape(
              "get_xcom_entry",
              List.of("dag_id", "dag_run_id", "task_id", "xcom_key"),
              List.of("dag_id", "dag_run_id", "task_id", "xcom_key", "map_index")),
          new ToolShape(
              "list_event_logs",
              List.of(),
              List.of("dag_id", "dag_run_id", "event", "limit", "offset")),
          new ToolShape("get_health", List.of(), List.of()),
          new ToolShape("list_backfills", List.of("dag_id"), List.of("dag_id", "limit", "offset")),
          new ToolShape(
              "list_jobs",
              List.of(),
              List.of("job_type", "job_state", "hostname", "limit", "offset")),
          new ToolShape("explore_dag", List.of("dag_id"), List.of("dag_id")),
          new ToolShape(
              "diagnose_dag_run", List.of("dag_id", "dag_run_id"), List.of("dag_id", "dag_run_id")),
          new ToolShape("get_system_health", List.of(), List.of()),
          // Shipped by the runtime as a hand-written tool, listed after the generated ones.
          new ToolShape(
              "get_log_tail",
              List.of("dag_id", "dag_run_id", "task_id"),
              List.of("dag_id", "dag_run_id", "task_id", "try_number", "map_index", "lines")),
          new ToolShape(
              "search_task_logs",
              List.of("dag_id", "dag_run_id", "task_id", "pattern"),
              List.of(
                  "dag_id",
                  "dag_run_id",
                  "task_id",
                  "try_number",
                  "map_index",
                  "pattern",
                  "regex",
                  "case_sensitive",
                  "context_before",
                  "context_after",
                  "level",
                  "max_matches")));

  private final Map<Scenario, Deployment> deployments = new LinkedHashMap<>();

  /** A tool as tools/list must show it. */
  record ToolShape(String name, List<String> required, List<String> properties) {}

  /** One request Airflow should receive: a GET of this raw path with exactly these query values. */
  private record Expected(String path, Map<String, String> query) {
    static Expected get(String path) {
      return new Expected(path, Map.of());
    }

    static Expected get(String path, Map<String, String> query) {
      return new Expected(path, query);
    }
  }

  static Stream<Scenario> scenarios() {
    return Scenario.all().stream();
  }

  @BeforeAll
  void startServers() {
    for (Scenario scenario : Scenario.all()) {
      Deployment d =
          Deployment.start(
              scenario,
              airflow -> ServerProcess.Settings.token(airflow.baseUrl(), STATIC_TOKEN),
              null);
      deployments.put(scenario, d);
      // Let the server detect the Airflow version now, so each test sees only its own requests.
      ToolResults.success(d.call("get_airflow_version", Map.of()), d);
    }
  }

  @AfterAll
  void stopServers() {
    for (Deployment d : deployments.values()) {
      d.close();
    }
  }

  @BeforeEach
  void forgetRequests() {
    for (Deployment d : deployments.values()) {
      d.airflow().resetRequests();
    }
  }

  // -----------------------------------------------------------------------------------------------
  // initialize and tools/list

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void initializeNamesTheServer(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    McpSchema.InitializeResult init = d.client().getCurrentInitializationResult();
    assertThat(init.serverInfo().name()).isEqualTo("Airflow MCP Server");
    assertThat(init.serverInfo().version()).isNotBlank();
    // Astro reports the FastMCP library's version; ours is this server's.
    assertThat(init.serverInfo().version())
        .isNotEqualTo(AstroDifferences.astro("server-version").get("server_version").asString());
    assertThat(init.capabilities().tools()).isNotNull();
    assertThat(init.instructions()).startsWith("Read-only access to an Apache Airflow deployment");
  }

  /**
   * The server does not check its own tools' input schemas at start (StartupSchemaValidator): this
   * does, with the SDK's validator against the JSON Schema meta-schema, for every listed tool.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void everyInputSchemaIsAValidJsonSchema(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    io.modelcontextprotocol.json.schema.JsonSchemaValidator validator =
        io.modelcontextprotocol.json.McpJsonDefaults.getSchemaValidator();
    List<McpSchema.Tool> tools = d.client().listTools().tools();
    assertThat(tools).isNotEmpty();
    for (McpSchema.Tool tool : tools) {
      io.modelcontextprotocol.json.schema.JsonSchemaValidator.ValidationResponse r =
          validator.validateSchema(tool.inputSchema());
      assertThat(r.valid()).as("input schema of %s: %s", tool.name(), r.errorMessage()).isTrue();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void toolsListShowsExactlyTheCuratedReadOnlyTools(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    McpSchema.ListToolsResult list = d.client().listTools();
    assertThat(list.nextCursor()).isNull();
    assertThat(list.tools())
        .extracting(McpSchema.Tool::name)
        .containsExactlyElementsOf(TOOLS.stream().map(ToolShape::name).toList());
    for (int i = 0; i < TOOLS.size(); i++) {
      ToolShape expected = TOOLS.get(i);
      McpSchema.Tool tool = list.tools().get(i);
      assertThat(tool.annotations()).as("annotations of %s", tool.name()).isNotNull();
      assertThat(tool.annotations().readOnlyHint()).as("readOnlyHint of %s", tool.name()).isTrue();
      assertThat(tool.annotations().destructiveHint())
          .as("destructiveHint of %s", tool.name())
          .isNotEqualTo(Boolean.TRUE);
      assertThat(tool.description()).as("description of %s", tool.name()).isNotBlank();
      Map<String, Object> schema = tool.inputSchema();
      assertThat(schema.get("type")).as("schema type of %s", tool.name()).isEqualTo("object");
      assertThat(stringList(schema.get("required")))
          .as("required arguments of %s", tool.name())
          .containsExactlyInAnyOrderElementsOf(expected.required());
      assertThat(properties(schema))
          .as("arguments of %s", tool.name())
          .containsExactlyInAnyOrderElementsOf(expected.properties());
    }
  }

  // -----------------------------------------------------------------------------------------------
  // One test per tool

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void listDags(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    JsonNode result = ToolResults.success(d.call("list_dags", Map.of()), d);

    assertThat(result.propertyNames())
        .containsExactlyInAnyOrder("total_dags", "returned_count", "dags");
    assertThat(result.get("total_dags").asInt()).isEqualTo(7);
    assertThat(result.get("returned_count").asInt()).isEqualTo(2);
    assertThat(result.get("dags").size()).isEqualTo(2);
    JsonNode first = result.get("dags").get(0);
    assertThat(first.get("dag_id").asString()).isEqualTo(DAG_ID);
    assertThat(first.get("fileloc").asString()).isEqualTo("/opt/airflow/dags/sales_etl.py");
    assertThat(first.get("owners").get(0).asString()).isEqualTo("data-eng");
    assertThat(first.get("is_paused").asBoolean()).isFalse();
    assertThat(result.get("dags").get(1).get("dag_id").asString()).isEqualTo("marketing_sync");
    assertThat(result.get("dags").get(1).get("is_paused").asBoolean()).isTrue();
    // Astro passes Airflow's file_token through; ours masks it under the key rule.
    assertThat(AstroDifferences.astro("file-token").get("file_token").asString())
        .contains("unchanged");
    JsonNode fixtureDag = ToolResults.fixture(scenario.mode(), "dags").get("dags").get(0);
    assertThat(fixtureDag.get("file_token").asString()).isNotBlank().isNotEqualTo("***");
    assertThat(first.get("file_token").asString()).isEqualTo("***");

    assertRequests(d, Expected.get(api(d) + "/dags", Map.of("limit", "100", "offset", "0")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void listDagsPassesPagingArguments(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    ToolResults.success(d.call("list_dags", Map.of("limit", 5, "offset", 10)), d);

    assertRequests(d, Expected.get(api(d) + "/dags", Map.of("limit", "5", "offset", "10")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void getDagDetails(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    JsonNode result = ToolResults.success(d.call("get_dag_details", Map.of("dag_id", DAG_ID)), d);

    JsonNode fixture = ToolResults.fixture(scenario.mode(), "dag_details");
    assertThat(result.propertyNames()).containsExactlyInAnyOrderElementsOf(fixture.propertyNames());
    for (String field :
        List.of(
            "dag_id",
            "fileloc",
            "owners",
            "tags",
            "description",
            "is_paused",
            "max_active_runs",
            "params",
            "timetable_description")) {
      assertThat(result.get(field)).as(field).isEqualTo(fixture.get(field));
    }
    // Astro returns Airflow's answer unchanged, file_token included; ours masks only that field.
    assertThat(AstroDifferences.astro("file-token").get("file_token").asString())
        .contains("unchanged");
    assertThat(fixture.get("file_token").asString()).isNotBlank().isNotEqualTo("***");
    ObjectNode astrosAnswerMasked = (ObjectNode) fixture.deepCopy();
    astrosAnswerMasked.put("file_token", "***");
    assertThat(result).isEqualTo(astrosAnswerMasked);

    assertRequests(d, Expected.get(api(d) + "/dags/" + DAG_ID_ENCODED + "/details"));
    // Astro reads GET dags/{dag_id} (no detail-only fields), with the '/' of the id raw.
    JsonNode astro = AstroDifferences.astro("get-dag-details");
    assertThat(astro.get("request").asString()).isEqualTo("/dags/{dag_id}");
    JsonNode raw = AstroDifferences.astro("identifiers").get("get_dag_details");
    assertThat(raw.get("dag_id").asString()).isEqualTo(DAG_ID);
    assertThat(api(d) + raw.get("request").asString())
        .as("astro's request splits the id at its '/'")
        .isNotEqualTo(d.airflow().requests().get(0).path())
        .isEqualTo(api(d) + "/dags/sales%20etl/daily");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void getDagSource(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    JsonNode result = ToolResults.success(d.call("get_dag_source", Map.of("dag_id", DAG_ID)), d);

    assertThat(result).isEqualTo(ToolResults.fixture(scenario.mode(), "dag_source"));
    assertThat(result.get("content").asString()).contains("task_id=\"load_warehouse\"");
    if (scenario.mode() == Mode.AIRFLOW2) {
      // Airflow 2 addresses sources by the DAG's file_token: read the DAG first.
      assertRequests(
          d,
          Expected.get("/api/v1/dags/" + DAG_ID_ENCODED),
          Expected.get("/api/v1/dagSources/" + FILE_TOKEN));
    } else {
      assertThat(result.get("dag_id").asString()).isEqualTo(DAG_ID);
      assertThat(result.get("version_number").asInt()).isEqualTo(1);
      assertRequests(d, Expected.get("/api/v2/dagSources/" + DAG_ID_ENCODED));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void listDagRunsOfAllDags(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    JsonNode result = ToolResults.success(d.call("list_dag_runs", Map.of()), d);

    assertThat(result.propertyNames())
        .containsExactlyInAnyOrder("total_dag_runs", "returned_count", "dag_runs");
    assertThat(result.get("total_dag_runs").asInt()).isEqualTo(42);
    assertThat(result.get("returned_count").asInt()).isEqualTo(2);
    assertThat(result.get("dag_runs"))
        .isEqualTo(ToolResults.fixture(scenario.mode(), "dag_runs").get("dag_runs"));

    assertRequests(
        d,
        Expected.get(
            api(d) + "/dags/~/dagRuns",
            Map.of("limit", "100", "offset", "0", "order_by", "-start_date")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void listDagRunsOfOneDag(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    JsonNode result =
        ToolResults.success(
            d.call("list_dag_runs", Map.of("dag_id", DAG_ID, "limit", 2, "order_by", "start_date")),
            d);

    assertThat(result.get("returned_count").asInt()).isEqualTo(2);
    assertRequests(
        d,
        Expected.get(
            api(d) + "/dags/" + DAG_ID_ENCODED + "/dagRuns",
            Map.of("limit", "2", "offset", "0", "order_by", "start_date")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void getDagRun(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    JsonNode result =
        ToolResults.success(
            d.call("get_dag_run", Map.of("dag_id", DAG_ID, "dag_run_id", DAG_RUN_ID)), d);

    assertThat(result).isEqualTo(ToolResults.fixture(scenario.mode(), "dag_run"));
    assertThat(result.get("dag_run_id").asString()).isEqualTo(DAG_RUN_ID);
    assertThat(result.get("state").asString()).isEqualTo("failed");

    assertRequests(
        d, Expected.get(api(d) + "/dags/" + DAG_ID_ENCODED + "/dagRuns/" + DAG_RUN_ID_ENCODED));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void listTasks(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    JsonNode result = ToolResults.success(d.call("list_tasks", Map.of("dag_id", DAG_ID)), d);

    assertThat(result.propertyNames())
        .containsExactlyInAnyOrder("total_tasks", "returned_count", "tasks");
    assertThat(result.get("total_tasks").asInt()).isEqualTo(2);
    assertThat(result.get("returned_count").asInt()).isEqualTo(2);
    assertThat(result.get("tasks"))
        .isEqualTo(ToolResults.fixture(scenario.mode(), "tasks").get("tasks"));

    assertRequests(d, Expected.get(api(d) + "/dags/" + DAG_ID_ENCODED + "/tasks"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void getTask(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    JsonNode result =
        ToolResults.success(d.call("get_task", Map.of("dag_id", DAG_ID, "task_id", TASK_ID)), d);

    assertThat(result).isEqualTo(ToolResults.fixture(scenario.mode(), "task"));
    assertThat(result.get("retries").asInt()).isEqualTo(3);

    assertRequests(d, Expected.get(api(d) + "/dags/" + DAG_ID_ENCODED + "/tasks/" + TASK_ID));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void getTaskInstance(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    JsonNode result =
        ToolResults.success(
            d.call(
                "get_task_instance",
                Map.of("dag_id", DAG_ID, "dag_run_id", DAG_RUN_ID, "task_id", TASK_ID)),
            d);

    assertThat(result).isEqualTo(ToolResults.fixture(scenario.mode(), "task_instance"));
    assertThat(result.get("try_number").asInt()).isEqualTo(3);

    assertRequests(d, Expected.get(taskInstancePath(d)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void getTaskLogsOfTheLatestTryReadsTheTaskInstanceFirst(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    JsonNode astro = AstroDifferences.astro("try-number");
    JsonNode astroMapIndex = AstroDifferences.astro("map-index");
    JsonNode result =
        ToolResults.success(
            d.call(
                "get_task_logs",
                Map.of("dag_id", DAG_ID, "dag_run_id", DAG_RUN_ID, "task_id", TASK_ID)),
            d);

    assertThat(result).isEqualTo(ToolResults.fixture(scenario.mode(), "log_try3"));
    assertThat(result.get("content").toString()).contains("Starting attempt 3 of 4");
    assertThat(result.get("continuation_token").isNull()).isTrue();

    assertRequests(
        d,
        Expected.get(taskInstancePath(d)),
        Expected.get(
            taskInstancePath(d) + "/logs/3", Map.of("full_content", "true", "map_index", "-1")));

    // Astro goes straight to try 1 (its default) and would answer the first attempt's log.
    assertThat(astro.get("default_try_number").asInt()).isEqualTo(1);
    assertThat(astro.get("requests")).hasSize(1);
    assertThat(astro.get("requests").get(0).asString()).contains("/logs/1?");
    assertThat(result).isNotEqualTo(ToolResults.fixture(scenario.mode(), "log_try1"));
    // Astro leaves map_index out for an unmapped task; ours sends -1.
    Map<String, List<String>> astroQuery = new LinkedHashMap<>();
    astroMapIndex
        .get("query_for_unmapped_task")
        .properties()
        .forEach(q -> astroQuery.put(q.getKey(), List.of(q.getValue().asString())));
    Map<String, List<String>> ours = d.airflow().requests().get(1).query();
    assertThat(astroQuery).doesNotContainKey("map_index");
    assertThat(ours).containsAllEntriesOf(astroQuery).containsEntry("map_index", List.of("-1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void logsOfATaskThatHasNotRunAreNotFoundWithoutAskingAirflowForTry0(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    String tiPath =
        api(d)
            + "/dags/"
            + DAG_ID_ENCODED
            + "/dagRuns/"
            + DAG_RUN_ID_ENCODED
            + "/taskInstances/"
            + FakeAirflow.NOT_RUN_TASK_ID;
    for (String tool : List.of("get_task_logs", "get_log_tail", "search_task_logs")) {
      d.airflow().resetRequests();
      Map<String, Object> arguments =
          new LinkedHashMap<>(
              Map.of(
                  "dag_id",
                  DAG_ID,
                  "dag_run_id",
                  DAG_RUN_ID,
                  "task_id",
                  FakeAirflow.NOT_RUN_TASK_ID));
      if (tool.equals("search_task_logs")) {
        arguments.put("pattern", "x");
      }
      JsonNode error = ToolResults.failure(d.call(tool, arguments), d);

      assertThat(error.get("error_type").asString()).as(tool).isEqualTo("NotFoundError");
      assertThat(error.get("error").asString())
          .as(tool)
          .isEqualTo("The task instance has not run yet (its try number is 0), so it has no log.");
      assertThat(error.get("retryable").asBoolean()).as(tool).isTrue();
      assertThat(error.get("task_id").asString()).isEqualTo(FakeAirflow.NOT_RUN_TASK_ID);
      // Only the task instance was read: no request for the log of try 0 (Airflow 3.0.2 answers
      // it with 422).
      assertRequests(d, Expected.get(tiPath));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void searchTaskLogsFindsTheErrorInTheLatestTryWithItsLineAndContext(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    JsonNode result =
        ToolResults.success(
            d.call(
                "search_task_logs",
                Map.of(
                    "dag_id",
                    DAG_ID,
                    "dag_run_id",
                    DAG_RUN_ID,
                    "task_id",
                    TASK_ID,
                    "pattern",
                    "staging\\.\\w+\"? does NOT exist",
                    "regex",
                    true,
                    "context_before",
                    1)),
            d);

    assertThat(result.get("try_number").asLong()).isEqualTo(3);
    assertThat(result.get("returned_count").asInt()).isEqualTo(1);
    JsonNode match = result.get("matches").get(0);
    assertThat(match.get("line").asLong()).isEqualTo(2);
    assertThat(match.get("text").asString())
        .contains("ERROR", "relation \"staging.sales\" does not exist");
    assertThat(match.get("before").get(0).asString()).contains("Starting attempt 3 of 4");
    assertThat(result.get("lines_searched").asLong()).isEqualTo(2);
    assertThat(result.get("complete").asBoolean()).isTrue();
    assertThat(result.get("stopped_by").asString()).isEqualTo("end_of_log");

    assertRequests(
        d,
        Expected.get(taskInstancePath(d)),
        Expected.get(
            taskInstancePath(d) + "/logs/3", Map.of("full_content", "false", "map_index", "-1")));

    // The level filter reads Airflow 3's records and Airflow 2's line format alike.
    JsonNode errors =
        ToolResults.success(
            d.call(
                "search_task_logs",
                Map.of(
                    "dag_id",
                    DAG_ID,
                    "dag_run_id",
                    DAG_RUN_ID,
                    "task_id",
                    TASK_ID,
                    "try_number",
                    3,
                    "pattern",
                    "attempt|failed",
                    "regex",
                    true,
                    "level",
                    "error")),
            d);
    assertThat(errors.get("returned_count").asInt()).isEqualTo(1);
    assertThat(errors.get("matches").get(0).get("line").asLong()).isEqualTo(2);

    // Astro-style error keys for a pattern RE2 cannot run.
    JsonNode invalid =
        ToolResults.failure(
            d.call(
                "search_task_logs",
                Map.of(
                    "dag_id",
                    DAG_ID,
                    "dag_run_id",
                    DAG_RUN_ID,
                    "task_id",
                    TASK_ID,
                    "pattern",
                    "(a)\\1",
                    "regex",
                    true)),
            d);
    assertThat(invalid.get("error_type").asString()).isEqualTo("ValidationError");
    assertThat(invalid.has("hint")).isTrue();
    assertThat(invalid.get("retryable").asBoolean()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void getTaskLogsOfAGivenTry(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    JsonNode result =
        ToolResults.success(
            d.call(
                "get_task_logs",
                Map.of(
                    "dag_id",
                    DAG_ID,
                    "dag_run_id",
                    DAG_RUN_ID,
                    "task_id",
                    TASK_ID,
                    "try_number",
                    1)),
            d);

    assertThat(result).isEqualTo(ToolResults.fixture(scenario.mode(), "log_try1"));
    assertThat(result.get("content").toString()).contains("Starting attempt 1 of 4");

    assertRequests(
        d,
        Expected.get(
            taskInstancePath(d) + "/logs/1", Map.of("full_content", "true", "map_index", "-1")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void listImportErrors(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    JsonNode result = ToolResults.success(d.call("list_import_errors", Map.of()), d);

    assertThat(result.propertyNames())
        .containsExactlyInAnyOrder("total_import_errors", "returned_count", "import_errors");
    assertThat(result.get("total_import_errors").asInt()).isEqualTo(1);
    assertThat(result.get("returned_count").asInt()).isEqualTo(1);
    assertThat(result.get("import_errors"))
        .isEqualTo(ToolResults.fixture(scenario.mode(), "import_errors").get("import_errors"));
    assertThat(result.get("import_errors").get(0).get("stack_trace").asString())
        .contains("ModuleNotFoundError: No module named 'pandas_extras'");

    assertRequests(
        d, Expected.get(api(d) + "/importErrors", Map.of("limit", "100", "offset", "0")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void getAirflowVersion(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    JsonNode result = ToolResults.success(d.call("get_airflow_version", Map.of()), d);

    assertThat(result.get("version").asString())
        .isEqualTo(scenario.mode() == Mode.AIRFLOW2 ? "2.10.5" : "3.0.2");
    assertThat(result.get("git_version").isNull()).isTrue();

    assertRequests(d, Expected.get(api(d) + "/version"));
  }

  // -----------------------------------------------------------------------------------------------
  // Errors

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void unknownDagIsARetryableNotFoundError(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    JsonNode error =
        ToolResults.failure(d.call("get_dag_details", Map.of("dag_id", MISSING_DAG_ID)), d);

    assertThat(error.propertyNames())
        .contains("error", "error_type", "hint", "retryable", "dag_id");
    assertThat(error.get("error_type").asString()).isEqualTo("NotFoundError");
    assertThat(error.get("error").asString()).contains("404");
    assertThat(error.get("hint").asString()).isNotBlank();
    assertThat(error.get("retryable").isBoolean()).isTrue();
    assertThat(error.get("retryable").asBoolean()).isTrue();
    assertThat(error.get("dag_id").asString()).isEqualTo(MISSING_DAG_ID);
    // The payload is astro's; only the channel differs (astro: a successful result).
    JsonNode astro = AstroDifferences.astro("error-channel");
    assertThat(error.propertyNames())
        .containsExactlyElementsOf(AstroDifferences.strings(astro.get("keys")));
    assertThat(error.get("error_type").asString()).isEqualTo(astro.get("error_type").asString());
    assertThat(error.get("retryable").asBoolean()).isEqualTo(astro.get("retryable").asBoolean());
    assertThat(astro.get("isError").asBoolean()).as("astro's isError").isFalse();

    List<Recorded> requests = d.airflow().requests();
    assertThat(requests)
        .extracting(Recorded::path)
        .containsExactly(api(d) + "/dags/" + MISSING_DAG_ID + "/details");
    assertThat(requests.get(0).status()).isEqualTo(404);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void invalidArgumentIsAValidationErrorWithoutAnyAirflowRequest(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    JsonNode error = ToolResults.failure(d.call("list_dags", Map.of("limit", 0)), d);

    assertThat(error.get("error_type").asString()).isEqualTo("ValidationError");
    assertThat(error.get("error").asString()).contains("limit");
    assertThat(error.get("hint").asString()).isNotBlank();
    assertThat(error.get("retryable").isBoolean()).isTrue();

    // A missing argument: ours the usual JSON payload, astro pydantic's text (not JSON).
    JsonNode astro = AstroDifferences.astro("argument-errors").get("missing_dag_id");
    McpSchema.CallToolResult missing = d.call("get_dag_details", Map.of());
    assertThat(missing.isError()).isEqualTo(astro.get("isError").asBoolean()).isTrue();
    JsonNode payload = ToolResults.json(missing);
    assertThat(payload.get("error_type").asString()).isEqualTo("ValidationError");
    assertThat(payload.get("error").asString()).contains("dag_id");
    assertThat(ToolResults.text(missing))
        .doesNotStartWith(astro.get("text_starts_with").asString());
    assertThat(astro.get("json").asBoolean()).isFalse();
    assertThat(d.airflow().requests()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void limitsOutsideOneToAThousandAreRefusedWhereAstroSendsThem(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    JsonNode astro = AstroDifferences.astro("limit-bounds").get("list_dag_runs");
    int limit = astro.get("limit").asInt();
    // Astro's schema bounds nothing: it sends the limit as it is.
    JsonNode astroLimit =
        AstroDifferences.astroTool("list_dag_runs").at("/inputSchema/properties/limit");
    assertThat(astroLimit.has("maximum")).isFalse();
    assertThat(astroLimit.has("minimum")).isFalse();
    assertThat(astro.get("request").asString()).contains("limit=" + limit);

    for (int outside : List.of(limit, 0, 1001)) {
      JsonNode error = ToolResults.failure(d.call("list_dag_runs", Map.of("limit", outside)), d);
      assertThat(error.get("error_type").asString())
          .as("limit %s", outside)
          .isEqualTo("ValidationError");
      assertThat(error.get("error").asString()).contains("limit");
    }
    assertThat(d.airflow().requests()).as("nothing reaches Airflow").isEmpty();
    ToolResults.success(d.call("list_dag_runs", Map.of("limit", 1000)), d);
    assertThat(d.airflow().requests())
        .singleElement()
        .satisfies(r -> assertThat(r.query().get("limit")).containsExactly("1000"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void aMissingLogIsNotFoundWhereAstroSaysTheEndpointIsNotAvailable(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    JsonNode astro = AstroDifferences.astro("not-found").get("get_task_logs_404");
    McpSchema.CallToolResult result =
        d.call(
            "get_task_logs",
            Map.of(
                "dag_id", DAG_ID, "dag_run_id", DAG_RUN_ID, "task_id", TASK_ID, "try_number", 7));

    assertThat(d.airflow().requests())
        .singleElement()
        .satisfies(r -> assertThat(r.status()).isEqualTo(404));
    JsonNode error = ToolResults.failure(result, d);
    assertThat(error.get("error_type").asString()).isEqualTo("NotFoundError");
    assertThat(error.get("retryable").asBoolean()).isTrue();
    // Astro: a successful result saying the endpoint is not available in this Airflow.
    assertThat(astro.get("isError").asBoolean()).isFalse();
    assertThat(astro.get("result").get("available").asBoolean()).isFalse();
    assertThat(astro.get("result").get("note").asString()).contains("not available in Airflow");
    assertThat(error.has("available")).isFalse();
    assertThat(error.has("note")).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void resultsAreCompactUtf8JsonWhereAstroIndentsAndEscapes(Scenario scenario) {
    Deployment d = deployments.get(scenario);
    JsonNode astro = AstroDifferences.astro("json-format");
    String answer = astro.get("answer").asString();
    StubMapping stub =
        d.airflow()
            .stub(
                get(urlPathEqualTo(api(d) + "/dags/umlaut_report/details"))
                    .atPriority(1)
                    .willReturn(
                        aResponse()
                            .withStatus(200)
                            .withHeader("Content-Type", "application/json; charset=utf-8")
                            .withBody(answer)));
    try {
      String ours = ToolResults.text(d.call("get_dag_details", Map.of("dag_id", "umlaut_report")));
      String astros = astro.get("text").asString();

      assertThat(ours)
          .isEqualTo("{\"dag_id\":\"umlaut_report\",\"description\":\"Übersicht – täglich\"}");
      // The same JSON value; astro's text is indented and ASCII-escaped, and longer.
      assertThat(ToolResults.parse(astros))
          .isEqualTo(ToolResults.parse(ours))
          .isEqualTo(ToolResults.parse(answer));
      assertThat(astros).contains("\n  \"dag_id\": ").contains("\\u00dc");
      assertThat(ours).doesNotContain("\n").doesNotContain("\\u00dc");
      assertThat(ours.length()).isLessThan(astros.length());
    } finally {
      d.airflow().remove(stub);
    }
  }

  // -----------------------------------------------------------------------------------------------

  private static String api(Deployment d) {
    return d.airflow().api();
  }

  private static String taskInstancePath(Deployment d) {
    return api(d)
        + "/dags/"
        + DAG_ID_ENCODED
        + "/dagRuns/"
        + DAG_RUN_ID_ENCODED
        + "/taskInstances/"
        + TASK_ID;
  }

  /**
   * Airflow received exactly these GETs, in this order, each with {@code Accept: application/json}
   * and the configured static token.
   */
  private static void assertRequests(Deployment d, Expected... expected) {
    List<Recorded> actual = d.airflow().requests();
    assertThat(actual)
        .as("requests Airflow received (%s)", d.scenario())
        .extracting(Recorded::path)
        .containsExactlyElementsOf(Stream.of(expected).map(Expected::path).toList());
    for (int i = 0; i < expected.length; i++) {
      Recorded r = actual.get(i);
      assertThat(r.method()).as("method of %s", r.url()).isEqualTo("GET");
      assertThat(r.query()).as("query of %s", r.url()).isEqualTo(singleValued(expected[i].query()));
      assertThat(r.header("Accept")).as("Accept of %s", r.url()).isEqualTo("application/json");
      assertThat(r.header("Authorization"))
          .as("Authorization of %s", r.url())
          .isEqualTo(AUTHORIZATION);
      assertThat(r.status()).as("status of %s", r.url()).isEqualTo(200);
    }
  }

  private static Map<String, List<String>> singleValued(Map<String, String> query) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    query.forEach((k, v) -> out.put(k, List.of(v)));
    return out;
  }

  private static List<String> stringList(Object value) {
    List<String> out = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (Object o : list) {
        out.add(String.valueOf(o));
      }
    } else {
      assertThat(value).as("'required' must be a list or absent").isNull();
    }
    return out;
  }

  private static List<String> properties(Map<String, Object> schema) {
    Object props = schema.get("properties");
    if (props == null) {
      return List.of();
    }
    assertThat(props).isInstanceOf(Map.class);
    return ((Map<?, ?>) props).keySet().stream().map(String::valueOf).toList();
  }
}
