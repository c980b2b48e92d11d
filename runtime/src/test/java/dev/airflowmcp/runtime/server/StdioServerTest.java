package dev.airflowmcp.runtime.server;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StdioServerTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
          + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}";
  private static final String INITIALIZED =
      "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

  private WireMockServer airflow;
  private ServerRuntime runtime;

  @BeforeEach
  void start() {
    airflow = new WireMockServer(options().dynamicPort());
    airflow.start();
    airflow.stubFor(
        get(urlEqualTo("/api/v2/version")).willReturn(okJson("{\"version\":\"3.0.2\"}")));
    runtime = McpCalls.stdioRuntime(airflow.port());
  }

  @AfterEach
  void stop() {
    airflow.stop();
  }

  private static String toolCall(int id, String tool, String dagId) {
    return "{\"jsonrpc\":\"2.0\",\"id\":"
        + id
        + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
        + tool
        + "\",\"arguments\":{\"dag_id\":\""
        + dagId
        + "\"}}}";
  }

  /**
   * Runs the server over {@code lines} as stdin (closed right after them); returns stdout lines.
   */
  private List<JsonNode> serve(List<String> lines) throws InterruptedException {
    byte[] input = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    StdioServer.run(runtime, new ByteArrayInputStream(input), stdout);
    List<JsonNode> out = new ArrayList<>();
    for (String line : stdout.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        out.add(JSON.readTree(line));
      }
    }
    return out;
  }

  private static Map<String, JsonNode> repliesById(List<JsonNode> messages) {
    Map<String, JsonNode> byId = new LinkedHashMap<>();
    for (JsonNode m : messages) {
      if (m.hasNonNull("id") && !m.has("method")) {
        assertThat(byId.put(m.get("id").asString(), m)).as("duplicate reply %s", m).isNull();
      }
    }
    return byId;
  }

  private static final String META =
      "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
          + "\"io.modelcontextprotocol/clientCapabilities\":{}}";

  @Test
  void a2026ClientAndA2025ClientShareOneStdio() throws Exception {
    airflow.stubFor(
        get(urlPathEqualTo("/api/v2/dags/etl")).willReturn(okJson("{\"dag_id\":\"etl\"}")));
    List<JsonNode> out =
        serve(
            List.of(
                "{\"jsonrpc\":\"2.0\",\"id\":\"d\",\"method\":\"server/discover\",\"params\":{"
                    + META
                    + "}}",
                "{\"jsonrpc\":\"2.0\",\"id\":\"m-list\",\"method\":\"tools/list\",\"params\":{"
                    + META
                    + "}}",
                "{\"jsonrpc\":\"2.0\",\"id\":\"m-call\",\"method\":\"tools/call\",\"params\":{"
                    + "\"name\":\"get_dag\",\"arguments\":{\"dag_id\":\"etl\"},"
                    + META
                    + "}}",
                "{\"jsonrpc\":\"2.0\",\"id\":\"m-ping\",\"method\":\"ping\",\"params\":{"
                    + META
                    + "}}",
                "{\"jsonrpc\":\"2.0\",\"id\":\"m-bad\",\"method\":\"tools/list\",\"params\":{"
                    + META.replace("2026-07-28", "2099-01-01")
                    + "}}",
                INITIALIZE,
                INITIALIZED,
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\"}",
                toolCall(8, "get_dag", "etl")));
    Map<String, JsonNode> replies = repliesById(out);
    assertThat(replies.keySet())
        .containsExactlyInAnyOrder("d", "m-list", "m-call", "m-ping", "m-bad", "1", "7", "8");
    assertThat(replies.get("d").at("/result/supportedVersions").toString())
        .isEqualTo("[\"2026-07-28\"]");
    assertThat(replies.get("m-list").at("/result/cacheScope").asString()).isEqualTo("public");
    assertThat(replies.get("m-list").at("/result/tools"))
        .isEqualTo(replies.get("7").at("/result/tools"));
    assertThat(replies.get("m-call").at("/result/resultType").asString()).isEqualTo("complete");
    assertThat(replies.get("m-call").at("/result/content/0/text").asString())
        .isEqualTo(replies.get("8").at("/result/content/0/text").asString())
        .isEqualTo("{\"dag_id\":\"etl\"}");
    assertThat(replies.get("m-ping").at("/error/code").asInt()).isEqualTo(-32601);
    assertThat(replies.get("m-bad").at("/error/data/supported").toString())
        .isEqualTo("[\"2026-07-28\"]");
    assertThat(replies.get("1").at("/result/protocolVersion").asString()).isEqualTo("2025-06-18");
    // Both generations call Airflow with the same (service) credentials on stdio.
    airflow.verify(
        2,
        getRequestedFor(urlPathEqualTo("/api/v2/dags/etl"))
            .withHeader("Authorization", equalTo("Bearer stdio-token")));
  }

  @Test
  void everyReplyIsWrittenBeforeRunReturnsWhenStdinClosesRightAway() throws Exception {
    airflow.stubFor(
        get(urlPathEqualTo("/api/v2/dags/etl"))
            .willReturn(okJson("{\"dag_id\":\"etl\"}").withFixedDelay(300)));
    List<String> lines = new ArrayList<>(List.of(INITIALIZE, INITIALIZED));
    for (int id = 2; id <= 6; id++) {
      lines.add(toolCall(id, id % 2 == 0 ? "get_dag" : "get_dag_details", "etl"));
    }
    lines.add("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\"}");
    lines.add("{\"jsonrpc\":\"2.0\",\"id\":\"eight\",\"method\":\"ping\"}");

    long started = System.nanoTime();
    List<JsonNode> out = serve(lines);
    long millis = (System.nanoTime() - started) / 1_000_000;

    Map<String, JsonNode> replies = repliesById(out);
    assertThat(replies.keySet())
        .containsExactlyInAnyOrder("1", "2", "3", "4", "5", "6", "7", "eight");
    assertThat(replies.get("eight").has("result")).isTrue();
    assertThat(replies.get("1").at("/result/serverInfo/name").asString())
        .isEqualTo("Test Airflow MCP");
    for (int id = 2; id <= 6; id++) {
      JsonNode result = replies.get(String.valueOf(id)).get("result");
      assertThat(result.get("isError").asBoolean()).as("reply %d", id).isFalse();
      assertThat(result.at("/content/0/text").asString()).isEqualTo("{\"dag_id\":\"etl\"}");
    }
    assertThat(replies.get("7").at("/result/tools"))
        .extracting(t -> t.get("name").asString())
        .containsExactly("get_dag", "list_dags");
    airflow.verify(
        5,
        getRequestedFor(urlPathEqualTo("/api/v2/dags/etl"))
            .withHeader("Authorization", equalTo("Bearer stdio-token")));
    assertThat(millis).as("drain should not wait for the 60 s limit").isLessThan(15_000);
  }

  @Test
  void runReturnsAtOnceForEmptyInput() throws Exception {
    assertThat(serve(List.of())).isEmpty();
  }

  @Test
  void linesThatAreNotMessagesAreSkippedAndLaterRequestsStillAnswered() throws Exception {
    airflow.stubFor(
        get(urlPathEqualTo("/api/v2/dags/etl")).willReturn(okJson("{\"dag_id\":\"etl\"}")));
    List<JsonNode> out =
        serve(
            List.of(
                INITIALIZE,
                "{not json",
                "",
                "   ",
                "[1,2]",
                "{\"foo\":1}",
                "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":null}",
                "{\"jsonrpc\":\"2.0\",\"id\":9,\"error\":{\"code\":\"x\"}}",
                INITIALIZED,
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}",
                toolCall(3, "get_dag", "etl")));

    Map<String, JsonNode> replies = repliesById(out);
    assertThat(replies).containsOnlyKeys("1", "2", "3");
    assertThat(replies.get("3").at("/result/content/0/text").asString())
        .isEqualTo("{\"dag_id\":\"etl\"}");
  }
}
