package dev.airflowmcp.runtime.logs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.airflowmcp.runtime.airflow.AirflowGateway;
import dev.airflowmcp.runtime.airflow.AirflowTransportConfig;
import dev.airflowmcp.runtime.airflow.HttpAirflowTransport;
import dev.airflowmcp.runtime.airflow.VersionDetector;
import dev.airflowmcp.runtime.auth.StaticTokenCredentials;
import dev.airflowmcp.runtime.pipeline.ArgumentValidator;
import dev.airflowmcp.runtime.pipeline.AuditSink;
import dev.airflowmcp.runtime.pipeline.ToolPipeline;
import dev.airflowmcp.runtime.pipeline.UntrustedText;
import dev.airflowmcp.runtime.ratelimit.RateLimiter;
import dev.airflowmcp.runtime.redaction.AirflowRedactor;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** get_log_tail against a fake Airflow 2 and Airflow 3, through the real pipeline. */
class GetLogTailToolTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String V1 = "/api/v1/dags/etl/dagRuns/run1/taskInstances/extract";
  private static final String V2 = "/api/v2/dags/etl/dagRuns/run1/taskInstances/extract";

  private WireMockServer airflow;

  @BeforeEach
  void start() {
    airflow = new WireMockServer(options().dynamicPort());
    airflow.start();
  }

  @AfterEach
  void stop() {
    airflow.stop();
  }

  private void version(String v) {
    String prefix = v.startsWith("2") ? "/api/v1" : "/api/v2";
    if (v.startsWith("2")) {
      airflow.stubFor(get(urlEqualTo("/api/v2/version")).willReturn(aResponse().withStatus(404)));
    }
    airflow.stubFor(
        get(urlEqualTo(prefix + "/version")).willReturn(okJson("{\"version\":\"" + v + "\"}")));
  }

  private CallToolResult call(Map<String, Object> args) {
    HttpAirflowTransport client =
        new HttpAirflowTransport(
            AirflowTransportConfig.defaults("http://localhost:" + airflow.port()));
    ToolPipeline pipeline =
        new ToolPipeline(
            new AirflowGateway(client),
            new VersionDetector(client, Clock.systemUTC()),
            new ToolPipeline.Hooks(
                ArgumentValidator.NONE,
                RateLimiter.UNLIMITED,
                new AirflowRedactor(),
                AuditSink.NONE),
            60_000);
    return pipeline.call(
        new GetLogTailTool(), "get_log_tail", args, new StaticTokenCredentials("t"));
  }

  private static Map<String, Object> args(Object... kv) {
    Map<String, Object> m =
        new HashMap<>(Map.of("dag_id", "etl", "dag_run_id", "run1", "task_id", "extract"));
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static JsonNode body(CallToolResult r) {
    return JSON.readTree(((TextContent) r.content().get(0)).text());
  }

  private static String page(String content, String token) {
    Map<String, Object> p = new HashMap<>();
    p.put("content", content);
    p.put("continuation_token", token);
    return JSON.writeValueAsString(p);
  }

  @Test
  void airflow2TextPagesAreWalkedFromTheLatestTryAndLinesSplitAcrossPagesJoin() {
    version("2.10.5");
    airflow.stubFor(get(urlEqualTo(V1)).willReturn(okJson("{\"try_number\": 2}")));
    String t1 = LogPiecesTest.token("{\"end_of_log\": false, \"log_pos\": 20}");
    String t2 = LogPiecesTest.token("{\"end_of_log\": true, \"log_pos\": 60}");
    airflow.stubFor(
        get(urlPathEqualTo(V1 + "/logs/2"))
            .withQueryParam("token", absent())
            .willReturn(
                okJson(page("[('worker-1', '*** Reading local file\\nline1\\npar')]", t1))));
    airflow.stubFor(
        get(urlPathEqualTo(V1 + "/logs/2"))
            .withQueryParam("token", equalTo(t1))
            .willReturn(okJson(page("tial password=Hunter2!x\nline4\n", t2))));
    CallToolResult r = call(args("lines", 3));
    assertThat(r.isError()).isFalse();
    JsonNode b = body(r);
    assertThat(b.get("content").asString()).isEqualTo("line1\npartial password=***\nline4");
    assertThat(b.get("try_number").asLong()).isEqualTo(2);
    assertThat(b.get("lines_read").asLong()).isEqualTo(4);
    assertThat(b.get("pages_read").asInt()).isEqualTo(2);
    assertThat(b.get("complete").asBoolean()).isTrue();
    assertThat(b.has("truncated")).isFalse();
    airflow.verify(
        getRequestedFor(urlPathEqualTo(V1 + "/logs/2"))
            .withQueryParam("full_content", equalTo("false"))
            .withQueryParam("map_index", equalTo("-1"))
            .withHeader("Accept", equalTo("application/json")));
    assertThat(r.meta()).containsKey(UntrustedText.META_KEY);
  }

  @Test
  void airflow3StructuredRecordsAreFormattedAndAnEmptyPageEndsTheWalk() {
    version("3.0.2");
    String records =
        "[{\"timestamp\":\"2025-04-01T10:00:00Z\",\"level\":\"info\",\"event\":\"start\","
            + "\"logger\":\"task\"},\"plain string\",{\"timestamp\":\"2025-04-01T10:00:01Z\",\"level\":"
            + "\"error\",\"event\":\"Task failed\",\"error_detail\":[{\"exc_type\":\"KeyError\","
            + "\"exc_value\":\"'x'\",\"frames\":[{\"filename\":\"/dags/etl.py\",\"lineno\":3,\"name\":\"f\"}]}]}]";
    airflow.stubFor(
        get(urlPathEqualTo(V2 + "/logs/1"))
            .withQueryParam("token", absent())
            .willReturn(
                okJson("{\"content\": " + records + ", \"continuation_token\": \"opaque-1\"}")));
    airflow.stubFor(
        get(urlPathEqualTo(V2 + "/logs/1"))
            .withQueryParam("token", equalTo("opaque-1"))
            .willReturn(okJson("{\"content\": [], \"continuation_token\": \"opaque-2\"}")));
    JsonNode b = body(call(args("try_number", 1, "lines", 50)));
    assertThat(b.get("content").asString())
        .isEqualTo(
            "[2025-04-01T10:00:00Z] INFO task - start\nplain string\n"
                + "[2025-04-01T10:00:01Z] ERROR - Task failed\nTraceback (most recent call last):\n"
                + "  File \"/dags/etl.py\", line 3, in f\nKeyError: 'x'");
    assertThat(b.get("pages_read").asInt()).isEqualTo(2);
    assertThat(b.get("complete").asBoolean()).isTrue();
    assertThat(airflow.findAll(getRequestedFor(urlEqualTo(V2)))).isEmpty();
  }

  @Test
  void aMappedTaskReadsItsOwnTryNumber() {
    version("3.2.0");
    airflow.stubFor(get(urlEqualTo(V2 + "/3")).willReturn(okJson("{\"try_number\": 4}")));
    airflow.stubFor(
        get(urlPathEqualTo(V2 + "/logs/4"))
            .withQueryParam("map_index", equalTo("3"))
            .willReturn(okJson("{\"content\": [\"only line\"], \"continuation_token\": null}")));
    JsonNode b = body(call(args("map_index", 3)));
    assertThat(b.get("content").asString()).isEqualTo("only line");
    assertThat(b.get("try_number").asLong()).isEqualTo(4);
    assertThat(b.get("map_index").asLong()).isEqualTo(3);
  }

  @Test
  void aLogLongerThanThePageLimitReturnsTheLastLinesReadAndSaysSo() {
    version("3.0.2");
    for (int p = 0; p < GetLogTailTool.MAX_PAGES + 5; p++) {
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        lines.add("page " + p + " line " + i);
      }
      var stub = get(urlPathEqualTo(V2 + "/logs/1"));
      stub =
          p == 0
              ? stub.withQueryParam("token", absent())
              : stub.withQueryParam("token", equalTo("tok-" + p));
      airflow.stubFor(
          stub.willReturn(
              okJson(
                  "{\"content\": "
                      + JSON.writeValueAsString(lines)
                      + ", \"continuation_token\": \"tok-"
                      + (p + 1)
                      + "\"}")));
    }
    JsonNode b = body(call(args("try_number", 1, "lines", 2)));
    int last = GetLogTailTool.MAX_PAGES - 1;
    assertThat(b.get("content").asString())
        .isEqualTo("page " + last + " line 298\npage " + last + " line 299");
    assertThat(b.get("complete").asBoolean()).isFalse();
    assertThat(b.get("lines_read").asLong()).isEqualTo(300L * GetLogTailTool.MAX_PAGES);
    assertThat(b.get("truncation_hint").asString())
        .contains("more than " + GetLogTailTool.MAX_PAGES);
  }

  @Test
  void manyLongLinesAreCutToTheSizeBudgetOldestFirst() {
    version("3.0.2");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      lines.add(i + " " + "z".repeat(1500));
    }
    airflow.stubFor(
        get(urlPathEqualTo(V2 + "/logs/1"))
            .willReturn(okJson("{\"content\": " + JSON.writeValueAsString(lines) + "}")));
    JsonNode b = body(call(args("try_number", 1, "lines", 100)));
    String content = b.get("content").asString();
    assertThat(content.length()).isLessThanOrEqualTo(GetLogTailTool.MAX_CONTENT_CHARS);
    assertThat(content).endsWith("99 " + "z".repeat(1500)).doesNotContain("\n0 z");
    assertThat(b.get("truncated").asBoolean()).isTrue();
    assertThat(b.get("truncation_hint").asString()).contains("ask for fewer lines");
  }

  @Test
  void argumentAndAirflowErrorsAreToolErrors() {
    version("3.0.2");
    airflow.stubFor(
        get(urlEqualTo(V2))
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"detail\": \"not found\"}")));
    CallToolResult missing = call(args());
    assertThat(missing.isError()).isTrue();
    assertThat(body(missing).get("error_type").asString()).isEqualTo("NotFoundError");
    CallToolResult bad = call(args("lines", 0, "colour", "red"));
    assertThat(body(bad).get("error_type").asString()).isEqualTo("ValidationError");
    assertThat(body(bad).get("error").asString()).contains("lines", "colour");
    airflow.stubFor(get(urlEqualTo(V2 + "/9")).willReturn(okJson("{\"state\": \"queued\"}")));
    CallToolResult noTry = call(args("map_index", 9));
    assertThat(body(noTry).get("error_type").asString()).isEqualTo("InvalidResponseError");
  }

  @Test
  void theToolIsListedReadOnlyWithItsSchema() {
    var d = new GetLogTailTool().descriptor();
    assertThat(d.name()).isEqualTo("get_log_tail");
    assertThat(d.readOnly()).isTrue();
    assertThat(d.destructive()).isFalse();
    assertThat(d.inputSchema())
        .containsEntry("required", List.of("dag_id", "dag_run_id", "task_id"));
    assertThat(new GetLogTailTool().policy().freeTextFields()).containsExactly("content");
  }
}
