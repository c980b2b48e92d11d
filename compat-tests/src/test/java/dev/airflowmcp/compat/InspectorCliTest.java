package dev.airflowmcp.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airflowmcp.compat.FakeAirflow.Mode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The packaged server driven by the official MCP Inspector CLI
 * ({@code @modelcontextprotocol/inspector --cli}), a client we did not write, over stdio (the
 * Inspector starts the jar) and over Streamable HTTP (with the caller's own {@code Authorization}
 * header, passed by {@code --header}), against a fake Airflow 2 and Airflow 3: it lists tools,
 * resources and prompts, calls a representative set of tools, reads a resource and renders a
 * prompt, and the answers are checked.
 */
class InspectorCliTest {
  private static final Duration LIMIT = Duration.ofSeconds(60);

  /** What the Inspector sends over HTTP: a caller's own Airflow credentials. */
  private static final Map<Mode, String> CALLER_AUTHORIZATION =
      Map.of(
          Mode.AIRFLOW2, "Basic aW5zcGVjdG9yOmluc3BlY3Rvci1wYXNz",
          Mode.AIRFLOW3, "Bearer inspector-own-token.eyJzdWIiOiJpbnNwZWN0b3IifQ.c2ln");

  /**
   * Over HTTP both Airflow majors; over stdio Airflow 3 only and fewer calls, because there the
   * Inspector starts a new server JVM for every call (2 s or more each) and the transport does not
   * depend on the major.
   */
  static Stream<Scenario> scenarios() {
    return Stream.of(
        new Scenario(Mode.AIRFLOW3, Scenario.Transport.STDIO),
        new Scenario(Mode.AIRFLOW2, Scenario.Transport.HTTP),
        new Scenario(Mode.AIRFLOW3, Scenario.Transport.HTTP));
  }

  @BeforeEach
  void tools() {
    NodeTools.require("mcp-inspector");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void inspectorListsCallsReadsAndRenders(Scenario scenario) {
    try (FakeAirflow airflow = FakeAirflow.start(scenario.mode());
        Target target = Target.start(scenario, airflow)) {
      // Lists.
      JsonNode tools = target.inspect("tools/list").get("tools");
      assertThat(field(tools, "name"))
          .hasSize(ToolsEndToEndTest.TOOLS.size())
          .contains(
              "list_dags",
              "get_dag_details",
              "list_import_errors",
              "explore_dag",
              "diagnose_dag_run",
              "get_system_health")
          .doesNotContain("pause_dag", "trigger_dag");
      tools.forEach(
          t ->
              assertThat(t.get("inputSchema").get("type").asString())
                  .as(t.get("name").asString())
                  .isEqualTo("object"));

      JsonNode resources = target.inspect("resources/list").get("resources");
      assertThat(field(resources, "uri"))
          .containsExactlyInAnyOrder(
              "airflow://version", "airflow://providers", "airflow://plugins", "airflow://config");

      JsonNode prompts = target.inspect("prompts/list").get("prompts");
      assertThat(field(prompts, "name"))
          .containsExactlyInAnyOrder(
              "troubleshoot_failed_dag", "daily_health_check", "onboard_new_dag");

      // Tool calls, with arguments as the Inspector types them (key=value).
      JsonNode dags = target.success("list_dags", "limit=2");
      assertThat(dags.get("total_dags").asInt()).isEqualTo(7);
      assertThat(dags.get("returned_count").asInt()).isEqualTo(2);
      assertThat(dags.get("dags").get(0).get("dag_id").asString()).isEqualTo(FakeAirflow.DAG_ID);

      // Over stdio every Inspector call starts a new server JVM: the further calls run over HTTP.
      if (scenario.transport() == Scenario.Transport.HTTP) {
        JsonNode details = target.success("get_dag_details", "dag_id=" + FakeAirflow.DAG_ID);
        assertThat(details.get("dag_id").asString()).isEqualTo(FakeAirflow.DAG_ID);

        JsonNode run =
            target.success(
                "get_dag_run",
                "dag_id=" + FakeAirflow.DAG_ID,
                "dag_run_id=" + FakeAirflow.DAG_RUN_ID);
        assertThat(run.get("dag_run_id").asString()).isEqualTo(FakeAirflow.DAG_RUN_ID);
        assertThat(run.get("state").asString()).isEqualTo("failed");

        JsonNode errors = target.success("list_import_errors");
        assertThat(errors.get("total_import_errors").asInt()).isEqualTo(1);

        JsonNode version = target.success("get_airflow_version");
        assertThat(version.get("version").asString())
            .isEqualTo(scenario.mode() == Mode.AIRFLOW2 ? "2.10.5" : "3.0.2");
      }

      // A failing call: an error result, not a protocol error.
      // (The Inspector exits with 5 for a result with isError: true.)
      JsonNode missing =
          target.inspect(
              5,
              "tools/call",
              "--tool-name",
              "get_dag_details",
              "--tool-arg",
              "dag_id=" + FakeAirflow.MISSING_DAG_ID);
      assertThat(missing.path("isError").asBoolean()).as(missing.toString()).isTrue();
      JsonNode error = ToolResults.parse(missing.get("content").get(0).get("text").asString());
      assertThat(error.get("error_type").asString()).isEqualTo("NotFoundError");
      assertThat(error.get("error").asString()).contains("404");
      assertThat(error.get("hint").asString()).contains("list_dags");
      assertThat(error.get("retryable").isBoolean()).isTrue();
      assertThat(error.get("dag_id").asString()).isEqualTo(FakeAirflow.MISSING_DAG_ID);

      // A resource and a prompt.
      JsonNode read = target.inspect("resources/read", "--uri", "airflow://version");
      JsonNode contents = read.get("contents").get(0);
      assertThat(contents.get("uri").asString()).isEqualTo("airflow://version");
      assertThat(ToolResults.parse(contents.get("text").asString()).get("version").asString())
          .isEqualTo(scenario.mode() == Mode.AIRFLOW2 ? "2.10.5" : "3.0.2");

      JsonNode prompt =
          target.inspect(
              "prompts/get",
              "--prompt-name",
              "troubleshoot_failed_dag",
              "--prompt-args",
              "dag_id=" + FakeAirflow.DAG_ID);
      assertThat(prompt.get("messages").get(0).get("content").get("text").asString())
          .contains("\"" + FakeAirflow.DAG_ID + "\"")
          .contains("explore_dag");

      // Over HTTP every Airflow request carried the Inspector's own Authorization header.
      if (scenario.transport() == Scenario.Transport.HTTP) {
        assertThat(airflow.dataRequests())
            .isNotEmpty()
            .allSatisfy(
                r ->
                    assertThat(r.header("Authorization"))
                        .isEqualTo(CALLER_AUTHORIZATION.get(scenario.mode())));
      }
    }
  }

  /** The string {@code name} of each element of an array. */
  private static List<String> field(JsonNode array, String name) {
    List<String> out = new ArrayList<>();
    array.forEach(e -> out.add(e.get(name).asString()));
    return out;
  }

  /** Where the Inspector connects: a command it starts (stdio) or a running server's URL. */
  private static final class Target implements AutoCloseable {
    private final Scenario scenario;
    private final List<String> connection;
    private final ServerProcess server;

    private Target(Scenario scenario, List<String> connection, ServerProcess server) {
      this.scenario = scenario;
      this.connection = connection;
      this.server = server;
    }

    static Target start(Scenario scenario, FakeAirflow airflow) {
      if (scenario.transport() == Scenario.Transport.STDIO) {
        // Service credentials, as a desktop client would configure them.
        Map<String, String> env =
            scenario.mode() == Mode.AIRFLOW3
                ? ServerProcess.Settings.password(
                        airflow.baseUrl(), FakeAirflow.USERNAME, FakeAirflow.PASSWORD)
                    .environment()
                : ServerProcess.Settings.token(airflow.baseUrl(), "stdio-service-token")
                    .environment();
        List<String> connection = new ArrayList<>();
        env.forEach((k, v) -> connection.addAll(List.of("-e", k + "=" + v)));
        connection.addAll(
            List.of(
                "--transport",
                "stdio",
                "--",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                ServerProcess.jar().toString(),
                "--transport",
                "stdio"));
        return new Target(scenario, connection, null);
      }
      // No configured credentials: only the Inspector's header can authenticate.
      ServerProcess server =
          ServerProcess.startHttp(
              ServerProcess.Settings.noCredentials(airflow.baseUrl()).environment());
      List<String> connection =
          List.of(
              "--transport", "http",
              "--server-url", server.baseUrl() + Deployment.MCP_ENDPOINT,
              "--header", "Authorization: " + CALLER_AUTHORIZATION.get(scenario.mode()));
      return new Target(scenario, connection, server);
    }

    /** Runs {@code inspector --cli --method <method> <extra>} and parses its JSON output. */
    JsonNode inspect(String method, String... extra) {
      return inspect(0, method, extra);
    }

    /** As {@link #inspect(String, String...)}, expecting this exit code. */
    JsonNode inspect(int exitCode, String method, String... extra) {
      List<String> args = new ArrayList<>(List.of("--cli", "--method", method));
      args.addAll(List.of(extra));
      // The connection last: for stdio it ends with the server command after "--".
      args.addAll(connection);
      NodeTools.Result result = NodeTools.run("mcp-inspector", args, new HashMap<>(), LIMIT);
      assertThat(result.exitCode())
          .as("inspector %s for %s: %s%s", method, scenario, result.describe(), serverStderr())
          .isEqualTo(exitCode);
      return ToolResults.parse(result.stdout());
    }

    /** {@code tools/call} with {@code key=value} arguments; the raw result. */
    JsonNode call(String tool, String... keyValues) {
      List<String> extra = new ArrayList<>(List.of("--tool-name", tool));
      if (keyValues.length > 0) {
        extra.add("--tool-arg");
        extra.addAll(List.of(keyValues));
      }
      return inspect("tools/call", extra.toArray(String[]::new));
    }

    /** A successful call's JSON text. */
    JsonNode success(String tool, String... keyValues) {
      JsonNode result = call(tool, keyValues);
      assertThat(result.path("isError").asBoolean())
          .as("%s for %s: %s", tool, scenario, result)
          .isFalse();
      JsonNode content = result.get("content");
      assertThat(content.size()).as(result.toString()).isEqualTo(1);
      assertThat(content.get(0).get("type").asString()).isEqualTo("text");
      return ToolResults.parse(content.get(0).get("text").asString());
    }

    private String serverStderr() {
      return server == null ? "" : "\nserver stderr:\n" + server.stderr();
    }

    @Override
    public void close() {
      if (server != null) {
        server.close();
      }
    }
  }
}
