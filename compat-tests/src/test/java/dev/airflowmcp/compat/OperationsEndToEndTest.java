package dev.airflowmcp.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airflowmcp.compat.FakeAirflow.Mode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged server run as a service over HTTP against a fake Airflow 2 and 3, each caller with
 * its own token: /healthz and /readyz on the MCP port and the metrics port, /metrics only on the
 * metrics port (MCP_METRICS_PORT) and free of arguments, ids and tokens, and the audit log
 * (MCP_AUDIT_LOG) with one line per call and nothing secret in it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationsEndToEndTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String CALLER = "Bearer caller-token-Xq81.eyJzdWIiOiJvcHMifQ.c2ln";

  private final Map<Mode, Deployment> deployments = new EnumMap<>(Mode.class);
  private final Map<Mode, Integer> metricsPorts = new EnumMap<>(Mode.class);
  private final Map<Mode, Path> auditLogs = new EnumMap<>(Mode.class);
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  void startServers() throws IOException {
    for (Mode mode : Mode.values()) {
      int metricsPort;
      try (ServerSocket s = new ServerSocket(0)) {
        metricsPort = s.getLocalPort();
      }
      Path audit = Files.createTempFile("airflow-mcp-audit-", ".log");
      metricsPorts.put(mode, metricsPort);
      auditLogs.put(mode, audit);
      deployments.put(
          mode,
          Deployment.start(
              new Scenario(mode, Scenario.Transport.HTTP),
              airflow -> ServerProcess.Settings.noCredentials(airflow.baseUrl()),
              CALLER,
              new Deployment.Options(
                  ServerProcess.Build.PACKAGED_JAR,
                  Map.of(
                      "MCP_METRICS_PORT",
                      Integer.toString(metricsPort),
                      "MCP_AUDIT_LOG",
                      audit.toString()),
                  n -> {})));
    }
  }

  @AfterAll
  void stopServers() throws IOException {
    for (Deployment d : deployments.values()) {
      d.close();
    }
    for (Path p : auditLogs.values()) {
      Files.deleteIfExists(p);
    }
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void probesAnswerWithoutCredentialsOnBothPorts(Mode mode) throws Exception {
    Deployment d = deployments.get(mode);
    for (int port : List.of(d.server().port(), metricsPorts.get(mode))) {
      HttpResponse<String> health = get(port, "/healthz");
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
      // A probe waits at most 0.8 s for a check it started; on a loaded machine the first check
      // may take longer, and a probe then gets the last result (not ready), as Kubernetes expects.
      HttpResponse<String> ready = get(port, "/readyz");
      for (int i = 0; i < 30 && ready.statusCode() != 200; i++) {
        Thread.sleep(500);
        ready = get(port, "/readyz");
      }
      assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
      assertThat(ready.body()).isEqualTo("{\"status\":\"ready\"}");
    }
    // Without service credentials on Airflow 2 the version needs a caller: the health endpoint
    // of the Airflow 2 API answered, which is enough to take traffic.
    assertThat(d.airflow().requests()).anyMatch(r -> r.path().endsWith("health"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void metricsCountCallsWithoutArgumentsIdsOrTokens(Mode mode) throws Exception {
    Deployment d = deployments.get(mode);
    ToolResults.success(d.call("list_import_errors", Map.of()), d);
    d.call("get_dag_details", Map.of("dag_id", "no-such-dag-Zk4"));
    d.call(
        "search_task_logs",
        Map.of(
            "dag_id",
            "secret-dag-Pw9",
            "dag_run_id",
            "r",
            "task_id",
            "t",
            "pattern",
            "pattern-Vv7"));

    assertThat(get(d.server().port(), "/metrics").statusCode()).isEqualTo(404);
    HttpResponse<String> scrape = get(metricsPorts.get(mode), "/metrics");
    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    String body = scrape.body();
    assertThat(body)
        .contains("airflow_mcp_tool_calls_total{outcome=\"ok\",tool=\"list_import_errors\"}")
        .contains(
            "airflow_mcp_airflow_requests_total{operation=\"get_import_errors\",status=\"200\"}")
        .contains("tool=\"get_dag_details\"")
        .contains("airflow_mcp_tool_call_duration_seconds_bucket")
        .contains("airflow_mcp_concurrency_cap_limit{rate_limit_class=\"logs\"} 4")
        .contains("jvm_threads_current")
        .contains("process_resident_memory_bytes");
    assertThat(body)
        .doesNotContain(
            "no-such-dag-Zk4", "secret-dag-Pw9", "pattern-Vv7", "caller-token", "caller:");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void theAuditLogHasOneLinePerCallAndNothingSecret(Mode mode) throws Exception {
    Deployment d = deployments.get(mode);
    d.call("get_variable", Map.of("variable_key", "api-key-arg-Jh5"));
    d.call(
        "search_task_logs",
        Map.of(
            "dag_id",
            "audit-dag-Rr2",
            "dag_run_id",
            "r",
            "task_id",
            "t",
            "pattern",
            "password-pattern-Ee3"));
    String text = Files.readString(auditLogs.get(mode));
    assertThat(text)
        .doesNotContain(
            "api-key-arg-Jh5", "audit-dag-Rr2", "password-pattern-Ee3", "caller-token", "Bearer");
    List<String> lines = text.lines().toList();
    assertThat(lines).isNotEmpty();
    for (String line : lines) {
      JsonNode event = JSON.readTree(line);
      assertThat(event.propertyNames())
          .containsExactly(
              "time", "tool", "caller", "outcome", "airflow_calls", "duration_ms", "result_chars");
      assertThat(event.get("caller").asString()).matches("caller:[0-9a-f]{12}");
    }
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"tool\":\"search_task_logs\""));
  }
}
