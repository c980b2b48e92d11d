package dev.airflowmcp.runtime.server;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.airflowmcp.runtime.audit.AuditLogSettings;
import dev.airflowmcp.runtime.auth.PassthroughCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The built-in audit log of a server built from flags: what it writes and what it never does. */
class AuditLogTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void theAuditLogHoldsNoArgumentSecretTokenOrResult(@TempDir Path dir) throws Exception {
    WireMockServer airflow = new WireMockServer(options().dynamicPort());
    airflow.start();
    try {
      airflow.stubFor(
          get(urlEqualTo("/api/v2/version")).willReturn(okJson("{\"version\":\"3.0.2\"}")));
      airflow.stubFor(
          get(urlPathMatching("/api/v2/dags/.*"))
              .willReturn(
                  okJson(
                      "{\"dag_id\":\"etl\",\"description\":\"result-text-Q7\","
                          + "\"password\":\"from-airflow-Z3\"}")));
      Path log = dir.resolve("audit.log");
      String serviceToken = "service-token-V9k2";
      ServerConfig config =
          ServerConfig.parse(
              new String[] {
                "--transport",
                "http",
                "--port",
                "0",
                "--audit-log",
                log.toString(),
                "--airflow-url",
                "http://localhost:" + airflow.port()
              },
              Map.of("AIRFLOW_AUTH_TOKEN", serviceToken));
      List<String> secrets =
          List.of(
              "dag-id-arg-P1",
              "password-arg-S3cret",
              "Bearer caller-tok-W8",
              "caller-tok-W8",
              serviceToken,
              "result-text-Q7",
              "from-airflow-Z3",
              "123457");
      try (ServerRuntime runtime =
          ServerRuntime.create(
              config, ToolRegistry.of(new TestCatalog(), getClass().getClassLoader()))) {
        ToolRegistry.Entry getDag =
            runtime.registry().entries().stream()
                .filter(e -> e.definition().name().equals("get_dag"))
                .findFirst()
                .orElseThrow();
        Map<String, Object> args = new HashMap<>();
        args.put("dag_id", "dag-id-arg-P1");
        args.put("password", "password-arg-S3cret");
        args.put("limit", 123457);
        runtime.call(getDag, args, new PassthroughCredentials("Bearer caller-tok-W8"));
        runtime.call(
            getDag, Map.of("dag_id", "dag-id-arg-P1", "limit", 5), runtime.serviceCredentials());
        runtime.call(getDag, Map.of("password", "password-arg-S3cret"), null);
      }
      String text = Files.readString(log);
      for (String s : secrets) {
        assertThat(text).as("audit log must not contain " + s).doesNotContain(s);
      }
      List<String> lines = text.lines().toList();
      assertThat(lines).hasSize(3);
      JsonNode first = JSON.readTree(lines.get(0));
      Set<String> keys = new java.util.TreeSet<>(first.propertyNames());
      assertThat(keys)
          .containsExactlyInAnyOrder(
              "time", "tool", "caller", "outcome", "airflow_calls", "duration_ms", "result_chars");
      assertThat(first.get("caller").asString()).matches("caller:[0-9a-f]{12}");
      assertThat(first.get("outcome").asString()).isEqualTo("ValidationError");
      JsonNode second = JSON.readTree(lines.get(1));
      assertThat(second.get("caller").asString()).matches("token:[0-9a-f]{12}");
      assertThat(second.get("outcome").asString()).isEqualTo("ok");
      assertThat(second.get("airflow_calls").asInt()).isEqualTo(1);
      assertThat(second.get("result_chars").asInt()).isPositive();
      assertThat(JSON.readTree(lines.get(2)).get("outcome").asString())
          .isEqualTo("ValidationError");
      assertThat(config.ops().auditLog())
          .isEqualTo(new AuditLogSettings(log, AuditLogSettings.DEFAULT_MAX_BYTES, 5));
    } finally {
      airflow.stop();
    }
  }
}
