package dev.airflowmcp.compat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.airflowmcp.compat.FakeAirflow.DAG_ID;
import static dev.airflowmcp.compat.FakeAirflow.DAG_ID_ENCODED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.airflowmcp.compat.FakeAirflow.Mode;
import dev.airflowmcp.compat.FakeAirflow.Recorded;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * trigger_dag_and_wait as a task of the tasks extension ({@code io.modelcontextprotocol/tasks}),
 * driven by the official TypeScript Tasks requester ({@code @modelcontextprotocol/ext-tasks} over
 * {@code @modelcontextprotocol/client} 2.x) against the write-enabled server over Streamable HTTP
 * and a fake Airflow 3 whose run is queued, then running, then succeeds. The requester must get a
 * task (not an immediate result), see it working, and settle it as completed with the result the
 * blocking call gives; every Airflow request must carry the caller's own header.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TasksClientTest {
  private static final Duration LIMIT = Duration.ofSeconds(90);
  private static final String CALLER = "Bearer tasks-client-token.eyJzdWIiOiJ0In0.c2ln";
  private static final String RUN_ID = "manual__2026-07-28T10:00:00+00:00";
  private static final String RUN_ID_ENCODED = "manual__2026-07-28T10%3A00%3A00%2B00%3A00";

  private Path work;

  @BeforeAll
  void scripts() {
    NodeTools.requirePackages("@modelcontextprotocol/client", "@modelcontextprotocol/ext-tasks");
    work = NodeTools.scripts("tasks-client.mjs");
  }

  @AfterAll
  void cleanUp() {
    if (work != null) {
      NodeTools.deleteScripts(work);
    }
  }

  private static ResponseDefinitionBuilder json(String body) {
    return aResponse().withHeader("Content-Type", "application/json").withBody(body);
  }

  private static String run(String state, String end) {
    return "{\"dag_run_id\": \""
        + RUN_ID
        + "\", \"dag_id\": \""
        + DAG_ID
        + "\", \"state\": \""
        + state
        + "\", \"start_date\": "
        + ("queued".equals(state) ? "null" : "\"" + Instant.now() + "\"")
        + ", \"end_date\": "
        + (end == null ? "null" : "\"" + end + "\"")
        + ", \"conf\": {\"outcome\": \"success\"}}";
  }

  @Test
  void theOfficialTasksRequesterPollsTheTriggeredRunToItsResult() {
    try (FakeAirflow airflow = FakeAirflow.start(Mode.AIRFLOW3);
        ServerProcess server =
            ServerProcess.startHttp(
                ServerProcess.Settings.noCredentials(airflow.baseUrl()).environment(),
                ServerProcess.Build.WRITE_ENABLED)) {
      String dag = airflow.api() + "/dags/" + DAG_ID_ENCODED;
      airflow.stub(post(urlPathEqualTo(dag + "/dagRuns")).willReturn(json(run("queued", null))));
      String runPath = dag + "/dagRuns/" + RUN_ID_ENCODED;
      airflow.stub(
          get(urlPathEqualTo(runPath))
              .inScenario("run")
              .whenScenarioStateIs(Scenario.STARTED)
              .willSetStateTo("ended")
              .willReturn(json(run("running", null))));
      airflow.stub(
          get(urlPathEqualTo(runPath))
              .inScenario("run")
              .whenScenarioStateIs("ended")
              .willReturn(json(run("success", Instant.now().toString()))));

      NodeTools.Result r =
          NodeTools.run(
              "node",
              List.of(
                  work.resolve("tasks-client.mjs").toString(),
                  "--url",
                  server.baseUrl() + Deployment.MCP_ENDPOINT,
                  "--authorization",
                  CALLER,
                  "--dag",
                  DAG_ID,
                  "--conf",
                  "{\"outcome\": \"success\"}"),
              Map.of(),
              LIMIT);
      assertThat(r.exitCode()).as(r.describe()).isZero();
      String[] lines = r.stdout().strip().split("\n");
      JsonNode out = ToolResults.parse(lines[lines.length - 1]);
      System.out.println("tasks client: " + out);

      assertThat(out.get("era").asString()).isEqualTo("modern");
      assertThat(out.get("extensionOffered").asBoolean()).isTrue();
      assertThat(out.get("kind").asString()).isEqualTo("task");
      assertThat(out.get("statuses").toString()).contains("working");
      assertThat(out.get("outcome").asString()).isEqualTo("completed");
      assertThat(out.get("isError").asBoolean()).isFalse();
      JsonNode result = ToolResults.parse(out.get("text").asString());
      assertThat(result.get("dag_run").get("state").asString()).isEqualTo("success");
      assertThat(result.get("timed_out").asBoolean()).isFalse();
      assertThat(out.get("methods").toString()).contains("tools/call").contains("tasks/get");

      List<Recorded> requests = airflow.dataRequests();
      assertThat(requests)
          .extracting(q -> q.method() + " " + q.path())
          .startsWith("POST " + dag + "/dagRuns")
          .contains("GET " + runPath);
      assertThat(requests).allSatisfy(q -> assertThat(q.header("Authorization")).isEqualTo(CALLER));
    }
  }
}
