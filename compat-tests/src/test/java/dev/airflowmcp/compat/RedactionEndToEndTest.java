package dev.airflowmcp.compat;

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
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged server jar, driven by the MCP Java client over stdio against a fake Airflow 3:
 * secrets in logs, rendered fields and run configuration never reach the client; get_log_tail is
 * listed and works; get_task_logs says how to get the tail when it cuts a log; text is stripped of
 * hidden characters and marked as data. Also the jar's {@code redact} command.
 */
class RedactionEndToEndTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String TI = "/api/v2/dags/etl/dagRuns/run1/taskInstances/extract";
  private static final String BIG = "/api/v2/dags/etl/dagRuns/run1/taskInstances/big";

  /** Every fake secret the fake Airflow hands out; none may reach the client. */
  private static final List<String> SECRETS =
      List.of(
          "Pa55-w0rd-x",
          "wJalrXUtnFEMI/K7MDENG/bPxRfiCYz8aQ1mN0pT",
          "12345678",
          "S3cr3t-pg-pw",
          "abc123xyz-token",
          "operator-registered-1",
          "hunter2-pg",
          "tok-1234567",
          "ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5",
          "static-airflow-token-42");

  private static WireMockServer airflow;
  private static McpSyncClient client;

  static Path serverJar() {
    Path jar = Path.of(System.getProperty("server.jar"));
    assertThat(jar).as("run the reactor build first").exists();
    return jar;
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  @BeforeAll
  static void start() {
    airflow = new WireMockServer(options().dynamicPort());
    airflow.start();
    airflow.stubFor(
        get(urlEqualTo("/api/v2/version")).willReturn(okJson("{\"version\": \"3.0.2\"}")));
    airflow.stubFor(
        get(urlEqualTo(TI))
            .willReturn(
                okJson(
                    "{\"task_id\": \"extract\", \"try_number\": 1, \"state\": \"failed\", \"note\":"
                        + " \"ops \\u202enote\\u2066 \\u200bhere\", \"rendered_fields\": {\"bash_command\":"
                        + " \"curl -u etl:Pa55-w0rd-x https://api.partner.com/export\", \"env\":"
                        + " {\"AWS_SECRET_ACCESS_KEY\": \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYz8aQ1mN0pT\", \"REGION\":"
                        + " \"eu-west-1\"}, \"conn_extra\": \"{\\\"password\\\": 12345678, \\\"host\\\": \\\"db\\\"}\"}}")));
    String records =
        "[{\"timestamp\": \"2025-04-01T10:00:00Z\", \"level\": \"info\", \"event\":"
            + " \"Connecting to postgresql://etl:S3cr3t-pg-pw@pg.acme.io/dw\", \"logger\": \"task\"},"
            + " {\"timestamp\": \"2025-04-01T10:00:01Z\", \"level\": \"info\", \"event\": \"auth ok\","
            + " \"api_token\": \"abc123xyz-token\"},"
            + " {\"timestamp\": \"2025-04-01T10:00:02Z\", \"level\": \"warning\", \"event\":"
            + " \"retrying with operator-registered-1 and static-airflow-token-42\"},"
            + " {\"timestamp\": \"2025-04-01T10:00:03Z\", \"level\": \"error\", \"event\":"
            + " \"GITHUB_TOKEN=ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5 rejected\"}]";
    airflow.stubFor(
        get(urlPathEqualTo(TI + "/logs/1"))
            .withQueryParam("full_content", equalTo("true"))
            .willReturn(okJson("{\"content\": " + records + ", \"continuation_token\": null}")));
    airflow.stubFor(
        get(urlPathEqualTo(TI + "/logs/1"))
            .withQueryParam("full_content", equalTo("false"))
            .withQueryParam("token", absent())
            .willReturn(
                okJson("{\"content\": " + records + ", \"continuation_token\": \"page-2\"}")));
    airflow.stubFor(
        get(urlPathEqualTo(TI + "/logs/1"))
            .withQueryParam("token", equalTo("page-2"))
            .willReturn(okJson("{\"content\": [], \"continuation_token\": \"page-3\"}")));
    airflow.stubFor(
        get(urlEqualTo("/api/v2/dags/etl/dagRuns/run1"))
            .willReturn(
                okJson(
                    "{\"dag_run_id\": \"run1\", \"state\": \"failed\", \"conf\": {\"db_password\": \"hunter2-pg\","
                        + " \"payload\": \"{\\\"token\\\": \\\"tok-1234567\\\"}\", \"rows\": 10}}")));
    airflow.stubFor(
        get(urlEqualTo(BIG)).willReturn(okJson("{\"task_id\": \"big\", \"try_number\": 1}")));
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      many.add("line " + i + " of a long log with nothing secret in it");
    }
    airflow.stubFor(
        get(urlPathEqualTo(BIG + "/logs/1"))
            .willReturn(okJson("{\"content\": " + JSON.writeValueAsString(many) + "}")));

    ServerParameters params =
        ServerParameters.builder(java())
            .args("-jar", serverJar().toString())
            .addEnvVar("AIRFLOW_API_URL", "http://localhost:" + airflow.port())
            .addEnvVar("AIRFLOW_AUTH_TOKEN", "static-airflow-token-42")
            .addEnvVar("AIRFLOW_MCP_REDACT_VALUES", "operator-registered-1")
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

  private static CallToolResult call(String tool, Map<String, Object> args) {
    return client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(args).build());
  }

  private static String text(CallToolResult r) {
    return ((TextContent) r.content().get(0)).text();
  }

  private static void assertNoSecret(String text) {
    for (String s : SECRETS) {
      assertThat(text).as("leaked %s", s).doesNotContain(s);
    }
  }

  private static final Map<String, Object> IDS =
      Map.of("dag_id", "etl", "dag_run_id", "run1", "task_id", "extract");

  @Test
  void theLogToolsAreListedAfterTheGeneratedTools() {
    List<String> names = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
    assertThat(names)
        .contains("get_task_logs", "list_dags")
        .endsWith("get_log_tail", "search_task_logs");
  }

  @Test
  void secretsInTaskLogsAreMasked() {
    CallToolResult r = call("get_task_logs", IDS);
    assertThat(r.isError()).isFalse();
    String text = text(r);
    assertNoSecret(text);
    assertThat(text).contains("postgresql://etl:***@pg.acme.io/dw", "GITHUB_TOKEN=***");
    assertThat(r.meta()).containsKey("dev.airflowmcp/untrusted");
  }

  @Test
  void theLogTailIsMaskedToo() {
    CallToolResult r =
        call(
            "get_log_tail",
            Map.of("dag_id", "etl", "dag_run_id", "run1", "task_id", "extract", "lines", 3));
    assertThat(r.isError()).isFalse();
    JsonNode body = JSON.readTree(text(r));
    assertNoSecret(body.toString());
    assertThat(body.get("lines_returned").asInt()).isEqualTo(3);
    assertThat(body.get("complete").asBoolean()).isTrue();
    assertThat(body.get("content").asString())
        .contains(
            "auth ok api_token=***", "retrying with *** and ***", "GITHUB_TOKEN=*** rejected");
  }

  @Test
  void theLogSearchMatchesOnlyWhatItMayShowAndMasksWhatItShows() {
    Map<String, Object> args = new java.util.HashMap<>(IDS);
    args.put("pattern", "token|postgresql|GITHUB");
    args.put("regex", true);
    args.put("context_after", 1);
    CallToolResult r = call("search_task_logs", args);
    assertThat(r.isError()).isFalse();
    JsonNode body = JSON.readTree(text(r));
    assertNoSecret(body.toString());
    assertThat(body.get("returned_count").asInt()).isEqualTo(3);
    assertThat(body.get("matches").get(0).get("text").asString())
        .contains("postgresql://etl:***@pg.acme.io/dw");
    assertThat(body.get("complete").asBoolean()).isTrue();
    assertThat(r.meta()).containsKey("dev.airflowmcp/untrusted");
    // A secret's own text never matches: the lines are searched as redacted.
    for (String secret :
        List.of("S3cr3t-pg-pw", "abc123xyz-token", "static-airflow-token-42", "ghp_aB3dE5fG7h")) {
      Map<String, Object> probe = new java.util.HashMap<>(IDS);
      probe.put("pattern", secret);
      JsonNode none = JSON.readTree(text(call("search_task_logs", probe)));
      assertThat(none.get("returned_count").asInt()).as(secret).isZero();
    }
  }

  @Test
  void renderedFieldsAndRunConfigurationAreMaskedAndNotesStripped() {
    CallToolResult ti = call("get_task_instance", IDS);
    String tiText = text(ti);
    assertNoSecret(tiText);
    JsonNode rendered = JSON.readTree(tiText).get("rendered_fields");
    assertThat(rendered.get("env").get("REGION").asString()).isEqualTo("eu-west-1");
    assertThat(rendered.get("conn_extra").asString())
        .isEqualTo("{\"password\": \"***\", \"host\": \"db\"}");
    assertThat(JSON.readTree(tiText).get("note").asString()).isEqualTo("ops note here");

    String run = text(call("get_dag_run", Map.of("dag_id", "etl", "dag_run_id", "run1")));
    assertNoSecret(run);
    assertThat(JSON.readTree(run).get("conf").get("rows").asInt()).isEqualTo(10);

    // Astro returns Airflow's answers unchanged, so its results carry these secrets.
    JsonNode astro = AstroDifferences.astro("results");
    assertThat(astro.get("masking").asString()).startsWith("none");
    String airflowsAnswers = answersTo(TI) + answersTo("/api/v2/dags/etl/dagRuns/run1");
    assertThat(airflowsAnswers).contains("Pa55-w0rd-x", "hunter2-pg", "tok-1234567");
    assertThat(tiText + run).doesNotContain("Pa55-w0rd-x", "hunter2-pg", "tok-1234567");
  }

  /** The bodies the fake Airflow answered for requests to this path (any query). */
  private static String answersTo(String path) {
    StringBuilder out = new StringBuilder();
    airflow.getAllServeEvents().stream()
        .filter(e -> e.getRequest().getUrl().replaceFirst("\\?.*", "").equals(path))
        .forEach(e -> out.append(e.getResponse().getBodyAsString()));
    return out.toString();
  }

  @Test
  void aCutLogSaysToUseGetLogTail() {
    JsonNode body =
        JSON.readTree(
            text(
                call(
                    "get_task_logs",
                    Map.of("dag_id", "etl", "dag_run_id", "run1", "task_id", "big"))));
    assertThat(body.get("truncated").asBoolean()).isTrue();
    assertThat(body.get("truncation_hint").asString()).contains("search_task_logs", "get_log_tail");

    // Astro has no budget: its result is Airflow's whole answer, every line of it.
    JsonNode astro = AstroDifferences.astro("log-size");
    JsonNode noBudget = AstroDifferences.astro("results");
    assertThat(astro.get("truncated").asString()).isEqualTo("never");
    assertThat(noBudget.get("size_limit").asString()).isEqualTo("none");
    JsonNode whole = JSON.readTree(answersTo(BIG + "/logs/1"));
    assertThat(whole.get("content")).hasSize(5000);
    assertThat(whole.toString()).contains("line 4999 of");
    assertThat(body.toString().length()).isLessThan(whole.toString().length());
    assertThat(whole.has("truncated")).isFalse();
  }

  private record Ran(int code, String out) {}

  private static Ran runJar(String input, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(java(), "-jar", serverJar().toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(input.getBytes(StandardCharsets.UTF_8));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream o = p.getInputStream()) {
      o.transferTo(out);
    }
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Ran(p.exitValue(), out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theRedactCommandOfTheJarMasksStdin() throws Exception {
    Ran plain =
        runJar(
            "harmless token_type=bearer\nexport AWS_SECRET_ACCESS_KEY="
                + "wJalrXUtnFEMI/K7MDENG/bPxRfiCYz8aQ1mN0pT\n",
            "redact");
    assertThat(plain.code()).isZero();
    assertThat(plain.out())
        .isEqualTo("harmless token_type=bearer\nexport AWS_SECRET_ACCESS_KEY=***\n");

    Ran jsonl =
        runJar(
            "{\"id\": 7, \"text\": \"pw Tr0ub4dor&3\", \"registered\": [\"Tr0ub4dor&3\"]}\n"
                + "{\"id\": 8, \"text\": \"nothing here\"}\n",
            "redact",
            "--jsonl");
    assertThat(jsonl.code()).isZero();
    assertThat(jsonl.out())
        .isEqualTo("{\"id\":7,\"output\":\"pw ***\"}\n{\"id\":8,\"output\":\"nothing here\"}\n");
  }

  @Test
  void theRedactCommandRefusesUnknownOptions() throws Exception {
    assertThat(runJar("", "redact", "--bogus").code()).isEqualTo(2);
    assertThat(Files.size(serverJar())).isPositive();
  }
}
