package dev.airflowmcp.compat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged jar against a fake Airflow 2: the stable API returns the log as the Python repr of
 * (host, text) tuples and pages it by character position; secrets in it are masked in
 * get_task_logs, get_log_tail and search_task_logs alike.
 */
class RedactionAirflow2EndToEndTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String TI = "/api/v1/dags/etl/dagRuns/run1/taskInstances/load";

  private static WireMockServer airflow;
  private static McpSyncClient client;

  @BeforeAll
  static void start() {
    airflow = new WireMockServer(options().dynamicPort());
    airflow.start();
    airflow.stubFor(get(urlEqualTo("/api/v2/version")).willReturn(aResponse().withStatus(404)));
    airflow.stubFor(
        get(urlEqualTo("/api/v1/version")).willReturn(okJson("{\"version\": \"2.10.5\"}")));
    airflow.stubFor(
        get(urlEqualTo(TI)).willReturn(okJson("{\"task_id\": \"load\", \"try_number\": 3}")));
    String first =
        "[('worker-1', '*** Reading local file: /opt/airflow/logs/etl/load/3.log\\n"
            + "[2024-03-07, 10:00:00 UTC] {base.py:73} INFO - Using connection ID \\'pg\\'\\n"
            + "[2024-03-07, 10:00:01 UTC] {sql.py:418} INFO - dsn: postgresql://etl:Xk9-mQ2v-pLr7@pg/dw\\n"
            + "[2024-03-07, 10:00:02 UTC] {bash.py:185} INFO - AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MD')]";
    String second =
        "[('worker-1', 'ENG/bPxRfiCYz8aQ1mN0pT\\n"
            + "[2024-03-07, 10:00:03 UTC] {taskinstance.py:1398} INFO - Marking task as FAILED.\\n')]";
    airflow.stubFor(
        get(urlPathEqualTo(TI + "/logs/3"))
            .withQueryParam("full_content", equalTo("true"))
            .willReturn(
                okJson(
                    JSON.writeValueAsString(
                        Map.of(
                            "content",
                            first.replace("K7MD')]", "")
                                + second.substring("[('worker-1', '".length()),
                            "continuation_token",
                            "t")))));
    airflow.stubFor(
        get(urlPathEqualTo(TI + "/logs/3"))
            .withQueryParam("full_content", equalTo("false"))
            .withQueryParam("token", absent())
            .willReturn(
                okJson(
                    JSON.writeValueAsString(
                        Map.of("content", first, "continuation_token", "pos-1")))));
    airflow.stubFor(
        get(urlPathEqualTo(TI + "/logs/3"))
            .withQueryParam("token", equalTo("pos-1"))
            .willReturn(
                okJson(
                    JSON.writeValueAsString(
                        Map.of("content", second, "continuation_token", "pos-2")))));
    airflow.stubFor(
        get(urlPathEqualTo(TI + "/logs/3"))
            .withQueryParam("token", equalTo("pos-2"))
            .willReturn(
                okJson(
                    JSON.writeValueAsString(
                        Map.of("content", "[('worker-1', '')]", "continuation_token", "pos-2")))));

    ServerParameters params =
        ServerParameters.builder(RedactionEndToEndTest.java())
            .args("-jar", RedactionEndToEndTest.serverJar().toString())
            .addEnvVar("AIRFLOW_API_URL", "http://localhost:" + airflow.port())
            .addEnvVar("AIRFLOW_USERNAME", "viewer")
            .addEnvVar("AIRFLOW_PASSWORD", "viewer-password-9")
            .build();
    client =
        McpClient.sync(new StdioClientTransport(params, McpJsonDefaults.getMapper()))
            .requestTimeout(Duration.ofSeconds(60))
            .initializationTimeout(Duration.ofSeconds(60))
            .build();
    client.initialize();
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.closeGracefully();
    }
    if (airflow != null) {
      airflow.stop();
    }
  }

  private static String call(String tool, Map<String, Object> args) {
    var r = client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(args).build());
    assertThat(r.isError()).as(((TextContent) r.content().get(0)).text()).isFalse();
    return ((TextContent) r.content().get(0)).text();
  }

  @Test
  void theFullLogAndItsTailAreMasked() {
    Map<String, Object> ids = Map.of("dag_id", "etl", "dag_run_id", "run1", "task_id", "load");
    String logs = call("get_task_logs", ids);
    assertThat(logs)
        .doesNotContain("Xk9-mQ2v-pLr7")
        .doesNotContain("bPxRfiCYz8aQ1mN0pT")
        .contains("INFO - dsn: ***", "AWS_SECRET_ACCESS_KEY=***");

    JsonNode tail =
        JSON.readTree(
            call(
                "get_log_tail",
                Map.of("dag_id", "etl", "dag_run_id", "run1", "task_id", "load", "lines", 3)));
    assertThat(tail.get("try_number").asInt()).isEqualTo(3);
    assertThat(tail.get("complete").asBoolean()).isTrue();
    assertThat(tail.get("content").asString())
        .isEqualTo(
            "[2024-03-07, 10:00:01 UTC] {sql.py:418} INFO - dsn: ***\n"
                + "[2024-03-07, 10:00:02 UTC] {bash.py:185} INFO - AWS_SECRET_ACCESS_KEY=***\n"
                + "[2024-03-07, 10:00:03 UTC] {taskinstance.py:1398} INFO - Marking task as FAILED.");
    JsonNode search =
        JSON.readTree(
            call(
                "search_task_logs",
                Map.of(
                    "dag_id",
                    "etl",
                    "dag_run_id",
                    "run1",
                    "task_id",
                    "load",
                    "pattern",
                    "dsn|AWS_SECRET",
                    "regex",
                    true)));
    assertThat(search.get("try_number").asInt()).isEqualTo(3);
    assertThat(search.get("returned_count").asInt()).isEqualTo(2);
    assertThat(search.toString())
        .doesNotContain("Xk9-mQ2v-pLr7")
        .doesNotContain("bPxRfiCYz8aQ1mN0pT")
        .contains("INFO - dsn: ***", "AWS_SECRET_ACCESS_KEY=***");
    JsonNode probe =
        JSON.readTree(
            call(
                "search_task_logs",
                Map.of(
                    "dag_id",
                    "etl",
                    "dag_run_id",
                    "run1",
                    "task_id",
                    "load",
                    "pattern",
                    "Xk9-mQ2v")));
    assertThat(probe.get("returned_count").asInt()).isZero();
  }
}
