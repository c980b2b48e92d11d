package dev.airflowmcp.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airflowmcp.compat.FakeAirflow.Mode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The official MCP TypeScript clients of both generations against the packaged server: {@code
 * @modelcontextprotocol/client} 2.x, which asks {@code server/discover} first and speaks
 * 2026-07-28 when the server does, and {@code @modelcontextprotocol/sdk} 1.x, a 2025-era client
 * (initialize, 2025-11-25). Over Streamable HTTP (each with its own {@code Authorization}, which
 * must reach Airflow unchanged) and over stdio, both get the same tools, results, resource and
 * prompt.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RevisionClientsTest {
  private static final Duration LIMIT = Duration.ofSeconds(90);
  private static final String MODERN_CALLER = "Bearer modern-client-token.eyJzdWIiOiJtIn0.c2ln";
  private static final String LEGACY_CALLER = "Bearer legacy-client-token.eyJzdWIiOiJsIn0.c2ln";

  private Path work;

  @BeforeAll
  void scripts() {
    NodeTools.requirePackages("@modelcontextprotocol/client", "@modelcontextprotocol/sdk");
    work = NodeTools.scripts("revision-clients.mjs");
  }

  @AfterAll
  void cleanUp() {
    if (work != null) {
      NodeTools.deleteScripts(work);
    }
  }

  @Test
  void bothGenerationsOverStreamableHttpWithTheirOwnCredentials() {
    try (FakeAirflow airflow = FakeAirflow.start(Mode.AIRFLOW3);
        ServerProcess server =
            ServerProcess.startHttp(
                ServerProcess.Settings.noCredentials(airflow.baseUrl()).environment())) {
      String url = server.baseUrl() + Deployment.MCP_ENDPOINT;

      JsonNode modern = client("modern", "--url", url, "--authorization", MODERN_CALLER);
      assertThat(airflow.dataRequests())
          .isNotEmpty()
          .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo(MODERN_CALLER));
      airflow.resetRequests();

      JsonNode legacy = client("legacy", "--url", url, "--authorization", LEGACY_CALLER);
      assertThat(airflow.dataRequests())
          .isNotEmpty()
          .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo(LEGACY_CALLER));

      assertGenerations(modern, legacy);
      // Lists carry the revision's cache hints for 2026-07-28 clients.
      assertThat(modern.get("toolsTtlMs").asLong()).isEqualTo(300_000L);
      assertThat(modern.get("toolsCacheScope").asString()).isEqualTo("public");
    }
  }

  @Test
  void bothGenerationsOverStdio() {
    try (FakeAirflow airflow = FakeAirflow.start(Mode.AIRFLOW3)) {
      Map<String, String> env =
          ServerProcess.Settings.token(airflow.baseUrl(), "stdio-service-token").environment();
      String json =
          tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(env);
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      String jar = ServerProcess.jar().toString();
      JsonNode modern = client("modern", "--command", java, "--jar", jar, "--env-json", json);
      JsonNode legacy = client("legacy", "--command", java, "--jar", jar, "--env-json", json);
      assertGenerations(modern, legacy);
      assertThat(airflow.dataRequests())
          .isNotEmpty()
          .allSatisfy(
              r -> assertThat(r.header("Authorization")).isEqualTo("Bearer stdio-service-token"));
    }
  }

  /** The 2.x client speaks 2026-07-28, the 1.x client 2025-11-25, and both see the same server. */
  private static void assertGenerations(JsonNode modern, JsonNode legacy) {
    assertThat(modern.get("era").asString()).isEqualTo("modern");
    assertThat(modern.get("protocolVersion").asString()).isEqualTo("2026-07-28");
    assertThat(legacy.get("protocolVersion").asString()).isEqualTo("2025-11-25");
    for (String field :
        List.of(
            "serverName",
            "tools",
            "callIsError",
            "callText",
            "missingIsError",
            "missingText",
            "resourceText",
            "promptText")) {
      assertThat(modern.get(field)).as(field).isEqualTo(legacy.get(field));
    }
    assertThat(names(modern.get("tools")))
        .containsExactlyElementsOf(
            ToolsEndToEndTest.TOOLS.stream().map(ToolsEndToEndTest.ToolShape::name).toList());
    assertThat(modern.get("callIsError").asBoolean()).isFalse();
    assertThat(ToolResults.parse(modern.get("callText").asString()).get("returned_count").asInt())
        .isEqualTo(2);
    assertThat(modern.get("missingIsError").asBoolean()).isTrue();
    assertThat(ToolResults.parse(modern.get("missingText").asString()).get("error_type").asString())
        .isEqualTo("NotFoundError");
    assertThat(ToolResults.parse(modern.get("resourceText").asString()).get("version").asString())
        .isEqualTo("3.0.2");
    assertThat(modern.get("promptText").asString()).contains("\"etl\"");
  }

  private static List<String> names(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asString()));
    return out;
  }

  private JsonNode client(String generation, String... args) {
    List<String> command = new ArrayList<>();
    command.add(work.resolve("revision-clients.mjs").toString());
    command.addAll(List.of("--client", generation));
    command.addAll(List.of(args));
    command.addAll(List.of("--missing-dag", FakeAirflow.MISSING_DAG_ID));
    NodeTools.Result r = NodeTools.run("node", command, Map.of(), LIMIT);
    assertThat(r.exitCode()).as("%s client: %s", generation, r.describe()).isZero();
    String[] lines = r.stdout().strip().split("\n");
    JsonNode out = ToolResults.parse(lines[lines.length - 1]);
    System.out.printf(
        "%s client over %s: %s %s, connected in %d ms%n",
        generation,
        args[0].equals("--url") ? "HTTP" : "stdio",
        out.get("era").asString(),
        out.get("protocolVersion").asString(),
        out.get("connectMs").asLong());
    return out;
  }
}
