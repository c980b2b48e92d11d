package dev.airflowmcp.compat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.airflowmcp.compat.AstroInterfaceFakeAirflow.Mode;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * The tools astro-airflow-mcp has for connections, variables, configuration, pools, plugins,
 * providers, assets, DAG stats and DAG warnings (plus our list_task_instances), called through the
 * MCP Java SDK client on the packaged server over stdio, against a fake Airflow 2 and a fake
 * Airflow 3. Each test checks the Airflow request the server sent and the result's keys and values
 * as astro's agents read them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AstroInterfaceToolsTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** A run id whose ':' and '+' must be percent-encoded in a path. */
  private static final String RUN_ID = "manual__2025-01-01T00:00:00+00:00";

  private static final String RUN_ID_IN_PATH = "manual__2025-01-01T00%3A00%3A00%2B00%3A00";

  private static final List<String> CONNECTION_KEYS =
      List.of(
          "connection_id", "conn_type", "description", "host", "port", "schema", "login", "extra");

  private final Map<Mode, AstroInterfaceFakeAirflow> airflows = new EnumMap<>(Mode.class);
  private final Map<Mode, AstroInterfaceServer> servers = new EnumMap<>(Mode.class);

  @BeforeAll
  void start() {
    for (Mode mode : Mode.values()) {
      AstroInterfaceFakeAirflow airflow = AstroInterfaceFakeAirflow.start(mode);
      airflows.put(mode, airflow);
      servers.put(mode, AstroInterfaceServer.start(airflow.url()));
    }
  }

  @AfterAll
  void stop() {
    servers.values().forEach(AstroInterfaceServer::close);
    airflows.values().forEach(AstroInterfaceFakeAirflow::close);
  }

  @BeforeEach
  void forgetRequests() {
    airflows.values().forEach(AstroInterfaceFakeAirflow::resetRequests);
  }

  // ---------------------------------------------------------------------------------------------
  // Connections and variables

  @ParameterizedTest
  @EnumSource(Mode.class)
  void listConnectionsKeepsAstrosEightFieldsAndNeverThePassword(Mode mode) {
    McpSchema.CallToolResult result = call(mode, "list_connections", Map.of());
    JsonNode json = success(mode, result);

    assertThat(calls(mode)).containsExactly("/connections?limit=100&offset=0");
    assertThat(keys(json)).containsExactly("total_connections", "returned_count", "connections");
    assertThat(json.get("total_connections").asInt()).isEqualTo(7);
    assertThat(json.get("returned_count").asInt()).isEqualTo(2);
    for (JsonNode c : json.get("connections")) {
      assertThat(keys(c)).containsExactlyElementsOf(CONNECTION_KEYS);
    }
    JsonNode first = json.get("connections").get(0);
    assertThat(first.get("connection_id").asString()).isEqualTo("postgres_default");
    assertThat(first.get("port").asInt()).isEqualTo(5432);
    assertThat(first.get("login").asString()).isEqualTo("etl");
    if (mode == Mode.AIRFLOW2) {
      // Airflow 2's list items carry no extra: the projection fills null, as astro does.
      assertThat(first.get("extra").isNull()).isTrue();
    } else {
      assertThat(first.get("extra").asString()).isEqualTo("{\"sslmode\": \"require\"}");
    }
    assertThat(text(result))
        .doesNotContain("password")
        .doesNotContain("pg-Sup3r-s3cret")
        .doesNotContain("team_name");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void listConnectionsPagesBeyondAstrosFirstHundred(Mode mode) {
    JsonNode json = success(mode, call(mode, "list_connections", Map.of("limit", 2, "offset", 4)));
    assertThat(calls(mode)).containsExactly("/connections?limit=2&offset=4");
    assertThat(json.get("total_connections").asInt()).isEqualTo(7);

    McpSchema.CallToolResult tooSmall = call(mode, "list_connections", Map.of("limit", 0));
    assertThat(tooSmall.isError()).isTrue();
    assertThat(text(tooSmall)).contains("limit");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void pagingSendsTheCallersLimitAndOffsetWhereAstroSendsTheFirstHundred(Mode mode) {
    JsonNode astro = AstroDifferences.astro("paging");
    assertThat(astro.get("arguments")).as("astro's paging arguments").isEmpty();
    for (Map.Entry<String, JsonNode> e : astro.get("requests").properties()) {
      String tool = e.getKey();
      String astroCall = AstroDifferences.byMajor(e.getValue(), mode == Mode.AIRFLOW2).asString();
      // Astro's tool takes no paging arguments: it sends this request whatever the agent wants.
      assertThat(AstroDifferences.astroTool(tool).at("/inputSchema/properties").propertyNames())
          .as("astro's arguments of %s", tool)
          .doesNotContain("limit", "offset");
      assertThat(query(astroCall))
          .as(tool)
          .containsEntry("limit", List.of("100"))
          .containsEntry("offset", List.of("0"));

      airflows.get(mode).resetRequests();
      call(mode, tool, Map.of("limit", 2, "offset", 4));
      String ours = single(calls(mode));
      assertThat(path(ours)).as("%s: the same endpoint", tool).isEqualTo(path(astroCall));
      assertThat(query(ours))
          .as("%s: the page the agent asked for", tool)
          .containsEntry("limit", List.of("2"))
          .containsEntry("offset", List.of("4"));
    }
    // list_asset_events: astro has limit, but its offset is always 0.
    assertThat(
            AstroDifferences.astroTool("list_asset_events")
                .at("/inputSchema/properties")
                .propertyNames())
        .contains("limit")
        .doesNotContain("offset");
    airflows.get(mode).resetRequests();
    call(mode, "list_asset_events", Map.of("limit", 5, "offset", 10));
    assertThat(query(single(calls(mode))).get("offset"))
        .containsExactly("10")
        .doesNotContain(astro.get("list_asset_events_offset").asString());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void getVariablePassesAirflowsAnswerThroughWithAnEncodedKey(Mode mode) {
    JsonNode astro = AstroDifferences.astro("identifiers").get("get_variable");
    String key = astro.get("variable_key").asString();
    JsonNode json = success(mode, call(mode, "get_variable", Map.of("variable_key", key)));
    assertThat(calls(mode)).containsExactly("/variables/etl%20config%2Bv1");
    assertThat(json).isEqualTo(fixture(mode, "variable"));
    // Astro sends the '+' raw; ours encodes it, so Airflow reads back exactly the key.
    assertThat(astro.get("request").asString())
        .isEqualTo("/variables/etl%20config+v1")
        .isNotEqualTo(calls(mode).get(0));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void getVariableOfAMissingKeyIsAnErrorWithAstrosKeys(Mode mode) {
    McpSchema.CallToolResult result =
        call(
            mode,
            "get_variable",
            Map.of("variable_key", AstroInterfaceFakeAirflow.MISSING_VARIABLE));
    assertThat(result.isError()).isTrue();
    JsonNode json = parse(text(result));
    assertThat(keys(json))
        .containsExactly("error", "error_type", "hint", "retryable", "variable_key");
    assertThat(json.get("error_type").asString()).isEqualTo("NotFoundError");
    assertThat(json.get("retryable").asBoolean()).isTrue();
    assertThat(json.get("variable_key").asString()).isEqualTo("missing");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void listVariablesWrapsItemsUnchanged(Mode mode) {
    JsonNode json = success(mode, call(mode, "list_variables", Map.of()));
    assertThat(calls(mode)).containsExactly("/variables?limit=100&offset=0");
    assertThat(keys(json)).containsExactly("total_variables", "returned_count", "variables");
    assertThat(json.get("total_variables").asInt()).isEqualTo(12);
    assertThat(json.get("returned_count").asInt()).isEqualTo(2);
    assertThat(json.get("variables")).isEqualTo(fixture(mode, "variables").get("variables"));
  }

  // ---------------------------------------------------------------------------------------------
  // Configuration, pools, plugins, providers

  @ParameterizedTest
  @EnumSource(Mode.class)
  void getAirflowConfigCountsSections(Mode mode) {
    JsonNode json = success(mode, call(mode, "get_airflow_config", Map.of()));
    assertThat(calls(mode)).containsExactly("/config");
    assertThat(airflows.get(mode).requests())
        .filteredOn(r -> r.getUrl().endsWith("/config"))
        .singleElement()
        .satisfies(r -> assertThat(r.getHeader("Accept")).isEqualTo("application/json"));
    assertThat(keys(json)).containsExactly("total_sections", "sections");
    assertThat(json.get("total_sections").asInt()).isEqualTo(2);
    assertThat(json.get("sections")).isEqualTo(fixture(mode, "config").get("sections"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void getAirflowConfigReadsOneSection(Mode mode) {
    JsonNode astro = AstroDifferences.astro("config-section");
    success(mode, call(mode, "get_airflow_config", Map.of("section", "core")));
    assertThat(calls(mode)).containsExactly("/config?section=core");
    // Astro's tool has no arguments and always reads the whole configuration.
    assertThat(
            AstroDifferences.astroTool("get_airflow_config").at("/inputSchema/properties").size())
        .isEqualTo(astro.get("arguments").size())
        .isZero();
    assertThat(calls(mode).get(0)).isNotEqualTo(astro.get("request").asString());
    airflows.get(mode).resetRequests();
    success(mode, call(mode, "get_airflow_config", Map.of()));
    assertThat(calls(mode))
        .as("without section: astro's request")
        .containsExactly(astro.get("request").asString());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void getAirflowConfigFailuresAreStructuredErrorsOnBothMajors(Mode mode) {
    JsonNode astro =
        AstroDifferences.byMajor(
            AstroDifferences.astro("config-errors-airflow2"), mode == Mode.AIRFLOW2);
    AstroInterfaceFakeAirflow airflow = airflows.get(mode);
    StubMapping forbidden =
        airflow.stub(
            get(urlPathEqualTo(mode.prefix + "/config"))
                .atPriority(1)
                .willReturn(
                    aResponse()
                        .withStatus(403)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"detail\": \"expose_config is off\"}")));
    try {
      McpSchema.CallToolResult result = call(mode, "get_airflow_config", Map.of());
      assertThat(result.isError()).as("ours is an error result").isTrue();
      JsonNode error = parse(text(result));
      assertThat(error.get("error_type").asString()).isEqualTo("HTTPStatusError");
      assertThat(error.get("error").asString()).contains("403").contains("expose_config is off");
      assertThat(error.get("retryable").asBoolean()).isFalse();
      // Astro answers a successful result: plain text on Airflow 2, an error payload on 3.
      assertThat(astro.get("isError").asBoolean()).isFalse();
      if (mode == Mode.AIRFLOW2) {
        assertThat(astro.get("text_starts_with").asString()).startsWith("No configuration found.");
        assertThat(text(result)).doesNotStartWith(astro.get("text_starts_with").asString());
      } else {
        assertThat(error.get("error_type").asString())
            .isEqualTo(astro.get("error_type").asString());
        assertThat(error.get("retryable").asBoolean())
            .isEqualTo(astro.get("retryable").asBoolean());
      }
    } finally {
      airflow.remove(forbidden);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void getPoolEncodesTheNameAndPassesThePoolThrough(Mode mode) {
    JsonNode json = success(mode, call(mode, "get_pool", Map.of("pool_name", "etl pool+1")));
    assertThat(calls(mode)).containsExactly("/pools/etl%20pool%2B1");
    assertThat(json).isEqualTo(fixture(mode, "pool"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void listPoolsReportsAirflowsTotal(Mode mode) {
    JsonNode json = success(mode, call(mode, "list_pools", Map.of("offset", 100)));
    assertThat(calls(mode)).containsExactly("/pools?limit=100&offset=100");
    assertThat(keys(json)).containsExactly("total_pools", "returned_count", "pools");
    assertThat(json.get("total_pools").asInt()).isEqualTo(9);
    assertThat(json.get("returned_count").asInt()).isEqualTo(2);
    assertThat(json.get("pools")).isEqualTo(fixture(mode, "pools").get("pools"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void listPluginsWrapsItems(Mode mode) {
    JsonNode json = success(mode, call(mode, "list_plugins", Map.of()));
    assertThat(calls(mode)).containsExactly("/plugins?limit=100&offset=0");
    assertThat(keys(json)).containsExactly("total_plugins", "returned_count", "plugins");
    assertThat(json.get("total_plugins").asInt()).isEqualTo(1);
    assertThat(json.get("plugins")).isEqualTo(fixture(mode, "plugins").get("plugins"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void listProvidersPagesOnAirflow3AndGetsEverythingOnAirflow2(Mode mode) {
    JsonNode astro = AstroDifferences.astro("list-providers-paging");
    // Astro's list_providers has no arguments: it always sends this request.
    assertThat(AstroDifferences.astroTool("list_providers").at("/inputSchema/properties").size())
        .isZero();
    JsonNode json = success(mode, call(mode, "list_providers", Map.of("limit", 2, "offset", 1)));
    assertThat(keys(json)).containsExactly("total_providers", "returned_count", "providers");
    assertThat(json.get("providers")).isEqualTo(fixture(mode, "providers").get("providers"));
    if (mode == Mode.AIRFLOW2) {
      // Airflow 2's /providers takes no paging and gives no total_entries: the count stands in.
      assertThat(calls(mode))
          .containsExactly("/providers")
          .containsExactly(astro.get("request").asString());
      assertThat(json.get("total_providers").asInt()).isEqualTo(3);
      assertThat(json.get("returned_count").asInt()).isEqualTo(3);
    } else {
      assertThat(calls(mode))
          .containsExactly("/providers?limit=2&offset=1")
          .doesNotContain(astro.get("request").asString());
      assertThat(json.get("total_providers").asInt()).isEqualTo(61);
      assertThat(json.get("returned_count").asInt()).isEqualTo(2);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Assets (datasets on Airflow 2)

  @ParameterizedTest
  @EnumSource(Mode.class)
  void listAssetsGivesAirflow2DatasetsAstrosAssetKeys(Mode mode) {
    JsonNode astro = AstroDifferences.astro("list-assets-airflow2");
    JsonNode json = success(mode, call(mode, "list_assets", Map.of()));
    assertThat(keys(json)).containsExactly("total_assets", "returned_count", "assets");
    assertThat(json.get("total_assets").asInt()).isEqualTo(4);
    assertThat(json.get("returned_count").asInt()).isEqualTo(1);
    JsonNode asset = json.get("assets").get(0);
    assertThat(asset.get("uri").asString()).isEqualTo("s3://lake/orders");
    if (mode == Mode.AIRFLOW2) {
      assertThat(calls(mode)).containsExactly("/datasets?limit=100&offset=0");
      JsonNode dataset = fixture(mode, "datasets").get("datasets").get(0);
      assertThat(asset.has("consuming_dags")).isFalse();
      assertThat(asset.get("scheduled_dags")).isEqualTo(dataset.get("consuming_dags"));
      assertThat(asset.get("producing_tasks")).isEqualTo(dataset.get("producing_tasks"));
      // Renamed in place; astro moves scheduled_dags to the end. Same keys, other order.
      List<String> inPlace = new ArrayList<>();
      keys(dataset).forEach(k -> inPlace.add(k.equals("consuming_dags") ? "scheduled_dags" : k));
      List<String> astrosOrder = new ArrayList<>(inPlace);
      assertThat(astro.get("scheduled_dags_position").asString()).isEqualTo("last");
      astrosOrder.remove("scheduled_dags");
      astrosOrder.add("scheduled_dags");
      assertThat(keys(asset))
          .isEqualTo(inPlace)
          .isNotEqualTo(astrosOrder)
          .containsExactlyInAnyOrderElementsOf(astrosOrder);
    } else {
      assertThat(calls(mode)).containsExactly("/assets?limit=100&offset=0");
      assertThat(asset).isEqualTo(fixture(mode, "assets").get("assets").get(0));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void listAssetEventsForwardsFiltersAndRenamesAirflow2Fields(Mode mode) {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("source_dag_id", "ingest");
    args.put("source_run_id", RUN_ID);
    args.put("source_task_id", null);
    args.put("limit", 5);
    args.put("offset", 10);
    JsonNode json = success(mode, call(mode, "list_asset_events", args));

    String call = single(calls(mode));
    assertThat(path(call)).isEqualTo(mode == Mode.AIRFLOW2 ? "/datasets/events" : "/assets/events");
    assertThat(query(call))
        .containsExactly(
            Map.entry("limit", List.of("5")),
            Map.entry("offset", List.of("10")),
            Map.entry("source_dag_id", List.of("ingest")),
            Map.entry("source_run_id", List.of(RUN_ID)));
    assertThat(keys(json)).containsExactly("total_asset_events", "returned_count", "asset_events");
    assertThat(json.get("total_asset_events").asInt()).isEqualTo(30);
    JsonNode event = json.get("asset_events").get(0);
    assertThat(event.get("uri").asString()).isEqualTo("s3://lake/orders");
    assertThat(event.get("asset_id").asInt()).isEqualTo(1);
    assertThat(event.has("dataset_uri")).isFalse();
    assertThat(event.has("dataset_id")).isFalse();
    assertThat(event.get("source_run_id").asString()).isEqualTo(RUN_ID);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void emptyStringsAreValuesWhereAstroTakesThemForAbsent(Mode mode) {
    JsonNode astro = AstroDifferences.astro("empty-strings");
    JsonNode events = astro.get("list_asset_events");
    success(mode, call(mode, "list_asset_events", Map.of("source_dag_id", "")));
    Map<String, List<String>> ours = query(single(calls(mode)));
    assertThat(ours).containsEntry("source_dag_id", List.of(""));
    Map<String, List<String>> astros = new LinkedHashMap<>();
    events
        .get("query")
        .properties()
        .forEach(q -> astros.put(q.getKey(), List.of(q.getValue().asString())));
    assertThat(astros).doesNotContainKey("source_dag_id");
    assertThat(ours).containsAllEntriesOf(astros);

    airflows.get(mode).resetRequests();
    JsonNode runs = astro.get("list_dag_runs");
    McpSchema.CallToolResult refused = call(mode, "list_dag_runs", Map.of("dag_id", ""));
    assertThat(refused.isError()).isTrue();
    assertThat(parse(text(refused)).get("error_type").asString()).isEqualTo("RequestRefusedError");
    assertThat(calls(mode))
        .as("nothing sent; astro would send %s", runs.get("request").asString())
        .isEmpty();
    assertThat(runs.get("request").asString()).startsWith("/dags/~/dagRuns");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void getUpstreamAssetEventsUsesAstrosLayout(Mode mode) {
    JsonNode json =
        success(
            mode,
            call(
                mode,
                "get_upstream_asset_events",
                Map.of("dag_id", "report", "dag_run_id", RUN_ID)));
    assertThat(calls(mode))
        .containsExactly(
            "/dags/report/dagRuns/"
                + RUN_ID_IN_PATH
                + (mode == Mode.AIRFLOW2 ? "/upstreamDatasetEvents" : "/upstreamAssetEvents"));
    assertThat(keys(json))
        .containsExactly("dag_id", "dag_run_id", "triggered_by_events", "event_count");
    assertThat(json.get("dag_id").asString()).isEqualTo("report");
    assertThat(json.get("dag_run_id").asString()).isEqualTo(RUN_ID);
    assertThat(json.get("event_count").asInt()).isEqualTo(1);
    JsonNode event = json.get("triggered_by_events").get(0);
    assertThat(event.get("uri").asString()).isEqualTo("s3://lake/orders");
    assertThat(event.get("asset_id").asInt()).isEqualTo(1);
    assertThat(event.has("dataset_uri")).isFalse();
  }

  // ---------------------------------------------------------------------------------------------
  // DAG stats, DAG warnings, task instances

  @ParameterizedTest
  @EnumSource(Mode.class)
  void getDagStatsSendsIdsAsEachVersionWantsThem(Mode mode) {
    JsonNode astro = AstroDifferences.astro("dag-stats-airflow3");
    JsonNode json =
        success(mode, call(mode, "get_dag_stats", Map.of("dag_ids", List.of("ingest", "report"))));
    String call = single(calls(mode));
    assertThat(path(call)).isEqualTo("/dagStats");
    assertThat(query(call).get("dag_ids"))
        .isEqualTo(mode == Mode.AIRFLOW2 ? List.of("ingest,report") : List.of("ingest", "report"));
    assertThat(json).isEqualTo(fixture(mode, "dag_stats"));
    if (mode == Mode.AIRFLOW3) {
      // Astro sends one request per id on Airflow 3; ours sends one for both.
      List<String> astros =
          List.of("ingest", "report").stream()
              .map(id -> astro.get("request_per_id").asString().replace("{dag_id}", id))
              .toList();
      assertThat(astros).hasSize(2).doesNotContain(call);
      assertThat(calls(mode)).hasSize(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void getDagStatsWithoutIdsCoversAllDags(Mode mode) {
    JsonNode json = success(mode, call(mode, "get_dag_stats", Map.of()));
    List<String> calls = calls(mode);
    if (mode == Mode.AIRFLOW2) {
      JsonNode astro = AstroDifferences.astro("dag-stats-airflow2");
      // Airflow 2 needs the ids: they come from the DAG list first.
      assertThat(calls).hasSize(2);
      assertThat(path(calls.get(0))).isEqualTo("/dags");
      // Astro asks for limit=1000, which Airflow caps at its page limit; ours asks for its
      // default page. Either way the stats cover the first page of DAGs.
      String astroPrefetch = astro.get("requests").get(0).asString();
      assertThat(query(astroPrefetch)).containsEntry("limit", List.of("1000"));
      assertThat(calls.get(0)).isNotEqualTo(astroPrefetch);
      assertThat(query(calls.get(0)).getOrDefault("limit", List.of())).doesNotContain("1000");
      assertThat(path(calls.get(1))).isEqualTo("/dagStats");
      assertThat(query(calls.get(1)))
          .containsExactly(Map.entry("dag_ids", List.of("ingest,report")));
    } else {
      assertThat(calls).containsExactly("/dagStats");
    }
    assertThat(json.get("total_entries").asInt()).isEqualTo(2);
    assertThat(json.get("dags")).hasSize(2);

    McpSchema.CallToolResult bare = call(mode, "get_dag_stats", Map.of("dag_ids", "ingest"));
    assertThat(bare.isError()).as("a bare string is not a list of ids").isTrue();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void listDagWarningsWrapsItems(Mode mode) {
    JsonNode json = success(mode, call(mode, "list_dag_warnings", Map.of("limit", 10)));
    assertThat(calls(mode)).containsExactly("/dagWarnings?limit=10&offset=0");
    assertThat(keys(json)).containsExactly("total_dag_warnings", "returned_count", "dag_warnings");
    assertThat(json.get("total_dag_warnings").asInt()).isEqualTo(1);
    assertThat(json.get("dag_warnings"))
        .isEqualTo(fixture(mode, "dag_warnings").get("dag_warnings"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void listTaskInstancesFiltersByState(Mode mode) {
    // A tool astro does not have.
    assertThat(AstroDifferences.astro("list-task-instances").get("tool").asString())
        .isEqualTo("absent");
    assertThat(AstroDifferences.astroTool("list_task_instances")).isNull();
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("dag_id", "ingest");
    args.put("dag_run_id", RUN_ID);
    args.put("state", List.of("failed", "upstream_failed"));
    args.put("limit", 50);
    JsonNode json = success(mode, call(mode, "list_task_instances", args));

    String call = single(calls(mode));
    assertThat(path(call)).isEqualTo("/dags/ingest/dagRuns/" + RUN_ID_IN_PATH + "/taskInstances");
    // Airflow 2 (/api/v1) takes arrays comma-joined, Airflow 3 repeated.
    assertThat(query(call))
        .containsOnly(
            Map.entry(
                "state",
                mode == Mode.AIRFLOW2
                    ? List.of("failed,upstream_failed")
                    : List.of("failed", "upstream_failed")),
            Map.entry("limit", List.of("50")),
            Map.entry("offset", List.of("0")));
    assertThat(keys(json))
        .containsExactly("total_task_instances", "returned_count", "task_instances");
    assertThat(json.get("total_task_instances").asInt()).isEqualTo(2);
    assertThat(json.get("task_instances"))
        .extracting(t -> t.get("state").asString())
        .containsExactly("failed", "upstream_failed");

    McpSchema.CallToolResult noRun = call(mode, "list_task_instances", Map.of("dag_id", "ingest"));
    assertThat(noRun.isError()).isTrue();
    assertThat(text(noRun)).contains("dag_run_id");
  }

  // ---------------------------------------------------------------------------------------------
  // helpers

  private McpSchema.CallToolResult call(Mode mode, String tool, Map<String, Object> arguments) {
    return servers.get(mode).call(tool, arguments);
  }

  private List<String> calls(Mode mode) {
    return airflows.get(mode).apiCalls();
  }

  private JsonNode success(Mode mode, McpSchema.CallToolResult result) {
    assertThat(result.isError())
        .as(
            "isError on %s; result: %s; server stderr:%n%s",
            mode, text(result), servers.get(mode).stderr())
        .isFalse();
    return parse(text(result));
  }

  private static JsonNode fixture(Mode mode, String name) {
    return parse(AstroInterfaceFakeAirflow.fixture(mode, name));
  }

  private static String text(McpSchema.CallToolResult result) {
    assertThat(result.content()).hasSize(1);
    assertThat(result.content().get(0)).isInstanceOf(McpSchema.TextContent.class);
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }

  private static JsonNode parse(String text) {
    return JSON.readTree(text);
  }

  /** The object's keys in order. */
  private static List<String> keys(JsonNode object) {
    List<String> keys = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      keys.add(e.getKey());
    }
    return keys;
  }

  private static String single(List<String> calls) {
    assertThat(calls).hasSize(1);
    return calls.get(0);
  }

  /** The raw path of a call (still percent-encoded). */
  private static String path(String call) {
    int q = call.indexOf('?');
    return q < 0 ? call : call.substring(0, q);
  }

  /** The decoded query parameters of a call, in order, repeated names collected. */
  private static Map<String, List<String>> query(String call) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    int q = call.indexOf('?');
    if (q < 0) {
      return params;
    }
    for (String pair : call.substring(q + 1).split("&")) {
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return params;
  }
}
