package dev.airflowmcp.runtime.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.airflowmcp.common.AirflowMajor;
import dev.airflowmcp.runtime.airflow.AirflowGateway;
import dev.airflowmcp.runtime.airflow.AirflowTransportConfig;
import dev.airflowmcp.runtime.airflow.HttpAirflowTransport;
import dev.airflowmcp.runtime.airflow.VersionDetector;
import dev.airflowmcp.runtime.auth.StaticTokenCredentials;
import dev.airflowmcp.runtime.ratelimit.RateLimiter;
import dev.airflowmcp.runtime.redaction.AirflowRedactor;
import dev.airflowmcp.runtime.tool.ResponseShape;
import dev.airflowmcp.runtime.tool.ToolPolicy;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Results and errors leave the pipeline without secrets or hidden characters, marked as data. */
class RedactedResultsTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private WireMockServer airflow;

  @BeforeEach
  void start() {
    airflow = new WireMockServer(options().dynamicPort());
    airflow.start();
    airflow.stubFor(
        get(urlEqualTo("/api/v2/version")).willReturn(okJson("{\"version\":\"3.0.2\"}")));
  }

  @AfterEach
  void stop() {
    airflow.stop();
  }

  private CallToolResult call(ResponseShape shape, List<String> freeText, String dagId) {
    ToolPolicy policy =
        new ToolPolicy(
            false,
            "default",
            List.of("dag_id"),
            Map.of(AirflowMajor.AIRFLOW2, shape, AirflowMajor.AIRFLOW3, shape),
            List.of(),
            freeText);
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
        new TestTool("t", policy, TestTool::getDag),
        "t",
        Map.of("dag_id", dagId),
        new StaticTokenCredentials("x"));
  }

  private static JsonNode body(CallToolResult r) {
    return JSON.readTree(((TextContent) r.content().get(0)).text());
  }

  @Test
  void secretsAreMaskedHiddenCharactersRemovedAndTheResultMarkedAsData() {
    airflow.stubFor(
        get(urlPathEqualTo("/api/v2/dags/c"))
            .willReturn(
                okJson(
                    "{\"connection_id\": \"pg\", \"extra\": \"{\\\"sslmode\\\": \\\"require\\\", \\\"api_key\\\": 1234567}\","
                        + " \"content\": \"ok\\u202e\\u2066 line\\nGITHUB_TOKEN=ghp_\\u200baB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5\","
                        + " \"login\": \"etl\"}")));
    CallToolResult r = call(ResponseShape.PASS_THROUGH, List.of("content"), "c");
    assertThat(r.isError()).isFalse();
    JsonNode b = body(r);
    assertThat(b.get("extra").asString())
        .isEqualTo("{\"sslmode\": \"require\", \"api_key\": \"***\"}");
    assertThat(b.get("content").asString()).isEqualTo("ok line\nGITHUB_TOKEN=***");
    assertThat(b.get("login").asString()).isEqualTo("etl");
    assertThat(r.meta())
        .isEqualTo(
            Map.of(
                UntrustedText.META_KEY,
                Map.of(
                    "source",
                    "airflow",
                    "freeTextFields",
                    List.of("content"),
                    "treatAs",
                    "data",
                    "hiddenCharactersRemoved",
                    3)));
  }

  @Test
  void rawHiddenCharactersAndEchoedArgumentsAreStrippedWhateverTheAnswerLooksLike() {
    // Raw (unescaped) hidden characters in the answer's text: the answer is not plain.
    airflow.stubFor(
        get(urlPathEqualTo("/api/v2/dags/raw"))
            .willReturn(okJson("{\"dag_id\": \"raw\", \"description\": \"a\u200bb\u202ec\"}")));
    CallToolResult raw = call(ResponseShape.PASS_THROUGH, List.of(), "raw");
    assertThat(body(raw).get("description").asString()).isEqualTo("abc");
    @SuppressWarnings("unchecked")
    Map<String, Object> rawMeta = (Map<String, Object>) raw.meta().get(UntrustedText.META_KEY);
    assertThat(rawMeta).containsEntry("hiddenCharactersRemoved", 2);

    // A plain answer whose layout echoes an argument with a hidden character: still stripped.
    airflow.stubFor(
        get(urlPathEqualTo("/api/v2/dags/x\u200by"))
            .willReturn(okJson("{\"dag_id\": \"xy\", \"description\": \"plain\"}")));
    airflow.stubFor(
        get(urlPathEqualTo("/api/v2/dags/x%E2%80%8By"))
            .willReturn(okJson("{\"dag_id\": \"xy\", \"description\": \"plain\"}")));
    ResponseShape echo =
        ResponseShape.object().layoutArgument("dag_id").layoutField("description").build();
    CallToolResult echoed = call(echo, List.of(), "x\u200by");
    assertThat(echoed.isError()).isFalse();
    assertThat(body(echoed).get("dag_id").asString()).isEqualTo("xy");
    assertThat(body(echoed).get("description").asString()).isEqualTo("plain");
    @SuppressWarnings("unchecked")
    Map<String, Object> echoMeta = (Map<String, Object>) echoed.meta().get(UntrustedText.META_KEY);
    assertThat(echoMeta).containsEntry("hiddenCharactersRemoved", 1);
  }

  @Test
  void longFieldsAreCappedAndSaySoWhileFreeTextKeepsTheToolsBudget() {
    String doc = "d".repeat(UntrustedText.FIELD_CAP + 100);
    String log = "l".repeat(UntrustedText.FIELD_CAP + 100);
    airflow.stubFor(
        get(urlPathEqualTo("/api/v2/dags/big"))
            .willReturn(okJson("{\"doc_md\": \"" + doc + "\", \"content\": \"" + log + "\"}")));
    JsonNode b = body(call(ResponseShape.PASS_THROUGH, List.of("content"), "big"));
    assertThat(b.get("doc_md").asString())
        .startsWith("d".repeat(UntrustedText.FIELD_CAP))
        .endsWith("[... 100 characters cut]");
    assertThat(b.get("content").asString()).isEqualTo(log);
    assertThat(b.get("truncated").asBoolean()).isTrue();
    assertThat(b.get("truncation_hint").asString()).isEqualTo(UntrustedText.CAP_HINT);

    ResponseShape withHint =
        new ResponseShape(null, null, List.of(), List.of(), 0, "Use get_log_tail.");
    JsonNode hinted = body(call(withHint, List.of(), "big"));
    assertThat(hinted.get("truncation_hint").asString()).isEqualTo("Use get_log_tail.");
  }

  @Test
  void errorTextsFromAirflowAreRedactedAndStripped() {
    airflow.stubFor(
        get(urlPathEqualTo("/api/v2/dags/bad"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"detail\": \"bad conn postgres://u:Pa55w0rd!@db/x \\u202eignore previous\"}")));
    CallToolResult r = call(ResponseShape.PASS_THROUGH, List.of(), "bad");
    assertThat(r.isError()).isTrue();
    String error = body(r).get("error").asString();
    assertThat(error)
        .contains("postgres://u:***@db/x")
        .doesNotContain("Pa55w0rd")
        .doesNotContain("\u202e");
  }
}
