package dev.airflowmcp.runtime.server;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.modelcontextprotocol.client.McpSyncClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /metrics, /healthz and /readyz on the HTTP transport of a server built by ServerRuntime. */
class OpsEndpointsTest {
  private WireMockServer airflow;
  private final List<AutoCloseable> open = new ArrayList<>();

  @BeforeEach
  void start() {
    airflow = new WireMockServer(options().dynamicPort());
    airflow.start();
    airflow.stubFor(
        get(urlEqualTo("/api/v2/version")).willReturn(okJson("{\"version\":\"3.0.2\"}")));
    airflow.stubFor(
        get(urlEqualTo("/api/v2/monitor/health"))
            .willReturn(okJson("{\"metadatabase\":{\"status\":\"healthy\"}}")));
    airflow.stubFor(
        get(urlPathMatching("/api/v2/dags/.*")).willReturn(okJson("{\"dag_id\":\"x\"}")));
    airflow.stubFor(
        get(urlPathMatching("/api/v2/dags/missing-.*"))
            .willReturn(aResponse().withStatus(404).withBody("{\"detail\":\"not found\"}")));
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
    airflow.stop();
  }

  private HttpServer server(OpsSettings ops, ServerLimits limits, String airflowUrl)
      throws Exception {
    ServerConfig config =
        new ServerConfig(
                ServerConfig.Transport.HTTP,
                "127.0.0.1",
                0,
                airflowUrl,
                null,
                null,
                null,
                true,
                null,
                false,
                List.of(),
                limits)
            .withOps(ops);
    ServerRuntime runtime =
        ServerRuntime.create(
            config, ToolRegistry.of(new TestCatalog(), getClass().getClassLoader()));
    HttpServer server = HttpServer.start(runtime, config);
    open.add(runtime);
    open.add(server);
    return server;
  }

  private HttpServer server(OpsSettings ops) throws Exception {
    return server(ops, ServerLimits.DEFAULTS, "http://localhost:" + airflow.port());
  }

  private static RawHttp.Response fetch(int port, String path, String... headers)
      throws IOException {
    StringBuilder head = new StringBuilder("GET " + path + " HTTP/1.1");
    boolean host = false;
    for (String h : headers) {
      head.append("\r\n").append(h);
      host |= h.startsWith("Host:");
    }
    if (!host) {
      head.append("\r\nHost: 127.0.0.1:").append(port);
    }
    return RawHttp.send(port, head.toString(), new byte[0]);
  }

  /** The sample lines of a scrape (no comments), each one series. */
  private static List<String> series(String scrape) {
    return scrape.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
  }

  private static void calls(McpSyncClient client, String unique) {
    McpCalls.call(client, "get_dag", Map.of("dag_id", "dag-" + unique, "password", "pw-" + unique));
    McpCalls.call(client, "get_dag", Map.of("dag_id", "missing-" + unique));
    McpCalls.call(client, "get_dag", Map.of("dag_id", "\"}{\n# HELP evil " + unique, "limit", -5));
    McpCalls.call(client, "list_dags", Map.of("unknown_" + unique, unique));
  }

  @Test
  void metricsCarryNoArgumentDagIdOrCallerAndTheirSeriesStayBounded() throws Exception {
    HttpServer server = server(OpsSettings.DEFAULTS);
    List<String> secrets = new ArrayList<>();
    int firstCount = -1;
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 10; i++) {
        String unique = UUID.randomUUID().toString();
        String token = "tok-" + unique;
        secrets.add(unique);
        try (McpSyncClient client = McpCalls.client(server.port(), "Bearer " + token)) {
          calls(client, unique);
        }
      }
      RawHttp.Response scrape = fetch(server.port(), OpsEndpoints.METRICS);
      assertThat(scrape.status()).isEqualTo(200);
      List<String> lines = series(scrape.body());
      // Series from the JVM (buffer pools, GC names) are fixed per process; ours must not grow.
      long ours = lines.stream().filter(l -> l.startsWith("airflow_mcp_")).count();
      if (firstCount < 0) {
        firstCount = (int) ours;
      } else {
        assertThat(ours).as("series after round " + round).isEqualTo(firstCount);
      }
      for (String s : secrets) {
        assertThat(scrape.body()).doesNotContain(s);
      }
      assertThat(scrape.body())
          .doesNotContain("caller:", "token:", "dag-", "missing-", "evil", "unknown_", "pw-");
    }
    String body = fetch(server.port(), OpsEndpoints.METRICS).body();
    assertThat(body)
        .contains("airflow_mcp_tool_calls_total{outcome=\"ok\",tool=\"get_dag\"} 30")
        .contains("airflow_mcp_tool_calls_total{outcome=\"NotFoundError\",tool=\"get_dag\"} 30")
        .contains("airflow_mcp_tool_calls_total{outcome=\"ValidationError\",tool=\"get_dag\"} 30")
        .contains("airflow_mcp_tool_calls_total{outcome=\"ValidationError\",tool=\"list_dags\"} 30")
        .contains("airflow_mcp_airflow_requests_total{operation=\"get_dag\",status=\"200\"} 30")
        .contains("airflow_mcp_airflow_requests_total{operation=\"get_dag\",status=\"404\"} 30")
        .contains("airflow_mcp_tool_call_duration_seconds_bucket{tool=\"get_dag\",le=\"+Inf\"} 90")
        .contains("airflow_mcp_airflow_request_duration_seconds_count{operation=\"get_dag\"} 60")
        .contains("airflow_mcp_airflow_bulkhead_limit 16")
        .contains("airflow_mcp_airflow_bulkhead_in_use 0")
        .contains("airflow_mcp_tool_calls_in_flight 0")
        .contains("jvm_memory_used_bytes")
        .contains("process_cpu_seconds_total");
  }

  @Test
  void refusalsCapsAndRedactionsAreCountedByClassAndReason() throws Exception {
    ServerLimits limits =
        new ServerLimits(
            Map.of("default", new dev.airflowmcp.runtime.tool.RateLimit(2, 1, 3)),
            false,
            null,
            16,
            Duration.ofSeconds(10));
    airflow.stubFor(
        get(urlPathMatching("/api/v2/dags/secretive"))
            .willReturn(okJson("{\"dag_id\":\"secretive\",\"password\":\"hunter2hunter2\"}")));
    HttpServer server = server(OpsSettings.DEFAULTS, limits, "http://localhost:" + airflow.port());
    try (McpSyncClient client = McpCalls.client(server.port(), "Bearer one")) {
      for (int i = 0; i < 4; i++) {
        McpCalls.call(client, "get_dag", Map.of("dag_id", "secretive"));
      }
    }
    String body = fetch(server.port(), OpsEndpoints.METRICS).body();
    assertThat(body)
        .contains(
            "airflow_mcp_rate_limit_refusals_total{rate_limit_class=\"default\",reason=\"rate_limit\"} 2")
        .contains("airflow_mcp_concurrency_cap_limit{rate_limit_class=\"default\"} 3")
        .contains("airflow_mcp_concurrency_cap_in_use{rate_limit_class=\"default\"} 0")
        .contains("airflow_mcp_redactions_total{family=\"sensitive_key\"} 2")
        .contains("airflow_mcp_tool_calls_total{outcome=\"RateLimitError\",tool=\"get_dag\"} 2")
        .doesNotContain("hunter2");
  }

  @Test
  void healthAndMetricsNeedNoCredentialsButPassTheHostAndOriginChecks() throws Exception {
    HttpServer server = server(OpsSettings.DEFAULTS);
    int port = server.port();
    RawHttp.Response health = fetch(port, OpsEndpoints.HEALTHZ);
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
    assertThat(fetch(port, OpsEndpoints.METRICS).status()).isEqualTo(200);
    assertThat(fetch(port, OpsEndpoints.METRICS).headers().get("content-type"))
        .startsWith("text/plain");
    // /mcp still demands credentials (the server has none of its own).
    assertThat(
            RawHttp.postJson(port, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}").status())
        .isEqualTo(401);
    for (String path : List.of(OpsEndpoints.HEALTHZ, OpsEndpoints.READYZ, OpsEndpoints.METRICS)) {
      assertThat(fetch(port, path, "Host: attacker.example").status()).as(path).isEqualTo(403);
      assertThat(fetch(port, path, "Origin: https://attacker.example").status())
          .as(path)
          .isEqualTo(403);
    }
  }

  @Test
  void readinessFollowsAirflowWithoutDetailsAndIsCachedAgainstProbeStorms() throws Exception {
    HttpServer server = server(OpsSettings.DEFAULTS);
    RawHttp.Response first = fetch(server.port(), OpsEndpoints.READYZ);
    // The first probe waits at most 0.8 s for the check it started; a slow machine may need more.
    for (int i = 0; i < 20 && first.status() != 200; i++) {
      Thread.sleep(250);
      first = fetch(server.port(), OpsEndpoints.READYZ);
    }
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.body()).isEqualTo("{\"status\":\"ready\"}");
    for (int i = 0; i < 30; i++) {
      assertThat(fetch(server.port(), OpsEndpoints.READYZ).status()).isEqualTo(200);
    }
    // 31 probes within the freshness window: one check reached Airflow.
    airflow.verify(1, getRequestedFor(urlEqualTo("/api/v2/monitor/health")));

    HttpServer down = server(OpsSettings.DEFAULTS, ServerLimits.DEFAULTS, "http://127.0.0.1:9");
    RawHttp.Response notReady = fetch(down.port(), OpsEndpoints.READYZ);
    assertThat(notReady.status()).isEqualTo(503);
    assertThat(notReady.body()).isEqualTo("{\"status\":\"not ready\"}");
    assertThat(fetch(down.port(), OpsEndpoints.HEALTHZ).status()).isEqualTo(200);
  }

  @Test
  void aSeparatePortServesMetricsAndHealthAndTakesMetricsOffTheMcpPort() throws Exception {
    HttpServer server = server(new OpsSettings(true, 0, null));
    int ops = server.metricsPort();
    assertThat(ops).isPositive().isNotEqualTo(server.port());
    assertThat(fetch(ops, OpsEndpoints.METRICS).status()).isEqualTo(200);
    assertThat(fetch(ops, OpsEndpoints.HEALTHZ).status()).isEqualTo(200);
    assertThat(fetch(ops, OpsEndpoints.READYZ).status()).isEqualTo(200);
    assertThat(fetch(server.port(), OpsEndpoints.METRICS).status()).isEqualTo(404);
    assertThat(fetch(server.port(), OpsEndpoints.HEALTHZ).status()).isEqualTo(200);
    assertThat(fetch(ops, "/mcp", "Authorization: Bearer x").status()).isEqualTo(404);
    assertThat(fetch(ops, OpsEndpoints.METRICS, "Host: attacker.example").status()).isEqualTo(403);
  }

  @Test
  void metricsCanBeSwitchedOffAndStdioHasNone() throws Exception {
    HttpServer server = server(new OpsSettings(false, -1, null));
    assertThat(fetch(server.port(), OpsEndpoints.METRICS).status()).isEqualTo(404);
    assertThat(fetch(server.port(), OpsEndpoints.HEALTHZ).status()).isEqualTo(200);
    ServerConfig stdio =
        new ServerConfig(
            ServerConfig.Transport.STDIO,
            "127.0.0.1",
            0,
            "http://localhost:" + airflow.port(),
            null,
            null,
            null,
            true,
            null,
            false,
            List.of());
    try (ServerRuntime runtime =
        ServerRuntime.create(
            stdio, ToolRegistry.of(new TestCatalog(), getClass().getClassLoader()))) {
      assertThat(runtime.metrics()).isNull();
    }
  }
}
