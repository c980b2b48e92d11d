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

/** search_task_logs against a fake Airflow 2 and Airflow 3, through the real pipeline. */
class SearchTaskLogsToolTest {
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
        new SearchTaskLogsTool(), "search_task_logs", args, new StaticTokenCredentials("t"));
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

  private static String page(Object content, String token) {
    Map<String, Object> p = new HashMap<>();
    p.put("content", content);
    p.put("continuation_token", token);
    return JSON.writeValueAsString(p);
  }

  /** Airflow 2 log pages: a line split across the pages, an error with a traceback after it. */
  private void airflow2Log() {
    version("2.10.5");
    airflow.stubFor(get(urlEqualTo(V1)).willReturn(okJson("{\"try_number\": 2}")));
    String t1 = LogPiecesTest.token("{\"end_of_log\": false, \"log_pos\": 20}");
    String t2 = LogPiecesTest.token("{\"end_of_log\": true, \"log_pos\": 60}");
    airflow.stubFor(
        get(urlPathEqualTo(V1 + "/logs/2"))
            .withQueryParam("token", absent())
            .willReturn(
                okJson(
                    page(
                        "[2025-01-01T00:00:00.000+0000] {taskinstance.py:1} INFO - starting\n"
                            + "[2025-01-01T00:00:01.000+0000] {extract.py:9} INFO - connecting with"
                            + " password=Hunter2!x to db\n"
                            + "[2025-01-01T00:00:02.000+0000] {extract.py:12} WARNING - slow query, ret",
                        t1))));
    airflow.stubFor(
        get(urlPathEqualTo(V1 + "/logs/2"))
            .withQueryParam("token", equalTo(t1))
            .willReturn(
                okJson(
                    page(
                        "rying\n"
                            + "[2025-01-01T00:00:03.000+0000] {taskinstance.py:2} ERROR - Task failed\n"
                            + "Traceback (most recent call last):\n"
                            + "  File \"extract.py\", line 12, in run\n"
                            + "ValueError: bad row 17\n"
                            + "[2025-01-01T00:00:04.000+0000] {taskinstance.py:3} INFO - Marking task as"
                            + " FAILED\n",
                        t2))));
  }

  @Test
  void airflow2MatchesComeWithLineNumbersContextAndTheTry() {
    airflow2Log();
    CallToolResult r = call(args("pattern", "error", "context_before", 1, "context_after", 2));
    assertThat(r.isError()).isFalse();
    JsonNode b = body(r);
    assertThat(b.get("try_number").asLong()).isEqualTo(2);
    assertThat(b.get("returned_count").asInt()).isEqualTo(2);
    JsonNode first = b.get("matches").get(0);
    assertThat(first.get("line").asLong()).isEqualTo(4);
    assertThat(first.get("text").asString()).endsWith("ERROR - Task failed");
    assertThat(first.get("before").get(0).asString()).endsWith("slow query, retrying");
    assertThat(first.get("after"))
        .extracting(JsonNode::asString)
        .containsExactly(
            "Traceback (most recent call last):", "  File \"extract.py\", line 12, in run");
    JsonNode second = b.get("matches").get(1);
    assertThat(second.get("line").asLong()).isEqualTo(7);
    assertThat(second.get("text").asString()).isEqualTo("ValueError: bad row 17");
    assertThat(b.get("lines_searched").asLong()).isEqualTo(8);
    assertThat(b.get("pages_read").asInt()).isEqualTo(2);
    assertThat(b.get("complete").asBoolean()).isTrue();
    assertThat(b.get("stopped_by").asString()).isEqualTo("end_of_log");
    assertThat(r.meta()).containsKey(UntrustedText.META_KEY);
    airflow.verify(
        getRequestedFor(urlPathEqualTo(V1 + "/logs/2"))
            .withQueryParam("full_content", equalTo("false")));
  }

  @Test
  void airflow2LevelFilterKeepsErrorsAndTheTracebackBelowThem() {
    airflow2Log();
    CallToolResult r = call(args("pattern", ".", "regex", true, "level", "error"));
    JsonNode b = body(r);
    List<Long> lines = new ArrayList<>();
    b.get("matches").forEach(m -> lines.add(m.get("line").asLong()));
    assertThat(lines).containsExactly(4L, 5L, 6L, 7L);
  }

  @Test
  void linesAreMatchedAsRedactedSoAPatternCannotProbeASecret() {
    airflow2Log();
    // The secret itself, and a pattern that would tell whether it starts with H.
    assertThat(body(call(args("pattern", "Hunter2"))).get("returned_count").asInt()).isZero();
    JsonNode probe = body(call(args("pattern", "password=\\*\\*\\*|password=H", "regex", true)));
    assertThat(probe.get("returned_count").asInt()).isEqualTo(1);
    JsonNode probeOther =
        body(call(args("pattern", "password=\\*\\*\\*|password=Z", "regex", true)));
    assertThat(probeOther.get("returned_count").asInt()).isEqualTo(1);
    JsonNode shown = body(call(args("pattern", "connecting")));
    assertThat(shown.get("matches").get(0).get("text").asString())
        .contains("password=***")
        .doesNotContain("Hunter2");
  }

  @Test
  void caseOptionAndRegexes() {
    airflow2Log();
    assertThat(
            body(call(args("pattern", "ERROR", "case_sensitive", true)))
                .get("returned_count")
                .asInt())
        .isEqualTo(1);
    assertThat(body(call(args("pattern", "ERROR"))).get("returned_count").asInt()).isEqualTo(2);
    assertThat(
            body(call(args("pattern", "bad row \\d+$", "regex", true)))
                .get("matches")
                .get(0)
                .get("line")
                .asLong())
        .isEqualTo(7);
  }

  @Test
  void maxMatchesStopsReadingAndSaysTheSearchIsIncomplete() {
    airflow2Log();
    JsonNode b = body(call(args("pattern", "INFO", "max_matches", 1)));
    assertThat(b.get("returned_count").asInt()).isEqualTo(1);
    assertThat(b.get("complete").asBoolean()).isFalse();
    assertThat(b.get("stopped_by").asString()).isEqualTo("max_matches");
    assertThat(b.get("pages_read").asInt()).isEqualTo(1);
    assertThat(b.get("hint").asString()).contains("max_matches");
  }

  @Test
  void airflow3RecordsAreFilteredByTheirLevel() {
    version("3.0.2");
    airflow.stubFor(get(urlEqualTo(V2)).willReturn(okJson("{\"try_number\": 1}")));
    List<Object> records =
        List.of(
            Map.of(
                "timestamp",
                "2025-04-01T10:00:00Z",
                "level",
                "info",
                "event",
                "loading rows",
                "logger",
                "task"),
            Map.of(
                "timestamp",
                "2025-04-01T10:00:01Z",
                "level",
                "warning",
                "event",
                "rows skipped",
                "logger",
                "task"),
            Map.of(
                "timestamp",
                "2025-04-01T10:00:02Z",
                "level",
                "error",
                "event",
                "rows failed",
                "logger",
                "task",
                "error_detail",
                List.of(
                    Map.of(
                        "exc_type",
                        "KeyError",
                        "exc_value",
                        "'id'",
                        "frames",
                        List.of(Map.of("filename", "t.py", "lineno", 3, "name", "run"))))));
    airflow.stubFor(get(urlPathEqualTo(V2 + "/logs/1")).willReturn(okJson(page(records, null))));
    JsonNode all = body(call(args("pattern", "rows")));
    assertThat(all.get("returned_count").asInt()).isEqualTo(3);
    JsonNode warnings =
        body(call(args("pattern", "rows|KeyError", "regex", true, "level", "warning")));
    List<String> texts = new ArrayList<>();
    warnings.get("matches").forEach(m -> texts.add(m.get("text").asString()));
    assertThat(texts).hasSize(3);
    assertThat(texts.get(0)).contains("WARNING task - rows skipped");
    assertThat(texts.get(2)).isEqualTo("KeyError: 'id'");
    JsonNode errors = body(call(args("pattern", "rows", "level", "error")));
    assertThat(errors.get("matches").get(0).get("line").asLong()).isEqualTo(3);
    assertThat(errors.get("complete").asBoolean()).isTrue();
  }

  @Test
  void badPatternsAndArgumentsAreValidationErrors() {
    version("3.0.2");
    for (Map<String, Object> bad :
        List.of(
            args("pattern", "(unclosed", "regex", true),
            args("pattern", "(a{100}){100}", "regex", true),
            args("pattern", "x".repeat(SearchPattern.MAX_PATTERN_CHARS + 1)),
            args("pattern", ""),
            args("pattern", "x", "level", "loud"),
            args("pattern", "x", "context_after", 11),
            args("pattern", "x", "max_matches", 0),
            args())) {
      CallToolResult r = call(bad);
      assertThat(r.isError()).as(bad.toString()).isTrue();
      assertThat(body(r).get("error_type").asString()).isEqualTo("ValidationError");
      assertThat(body(r).get("retryable").asBoolean()).isTrue();
      assertThat(body(r).has("hint")).isTrue();
    }
    // Nothing was asked of Airflow for the task's log.
    airflow.verify(0, getRequestedFor(urlPathEqualTo(V2 + "/logs/1")));
  }

  @Test
  void aTaskThatHasNotRunYetIsNotFound() {
    version("3.0.2");
    airflow.stubFor(get(urlEqualTo(V2)).willReturn(okJson("{\"try_number\": 0}")));
    JsonNode b = body(call(args("pattern", "x")));
    assertThat(b.get("error_type").asString()).isEqualTo("NotFoundError");
    assertThat(b.get("dag_id").asString()).isEqualTo("etl");
  }

  @Test
  void manyMatchesStayWithinTheSizeBudget() {
    version("3.0.2");
    airflow.stubFor(get(urlEqualTo(V2)).willReturn(okJson("{\"try_number\": 1}")));
    List<Object> lines = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      lines.add("match " + i + " " + "x".repeat(3_000));
    }
    airflow.stubFor(get(urlPathEqualTo(V2 + "/logs/1")).willReturn(okJson(page(lines, null))));
    JsonNode b = body(call(args("pattern", "match", "max_matches", 200, "context_before", 10)));
    assertThat(b.get("stopped_by").asString()).isEqualTo("size_limit");
    assertThat(b.get("complete").asBoolean()).isFalse();
    assertThat(b.toString().length()).isLessThan(60_000);
    assertThat(b.get("matches").get(0).get("text").asString()).contains("characters cut]");
  }
}
