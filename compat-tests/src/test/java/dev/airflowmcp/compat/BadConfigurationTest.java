package dev.airflowmcp.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Bad flags stop the server at once with exit code 2 and a message on stderr (never stdout). */
class BadConfigurationTest {
  /** Never contacted: the server must stop before talking to Airflow. */
  private static final Map<String, String> ENV =
      Map.of("AIRFLOW_API_URL", "http://localhost:9", "AIRFLOW_AUTH_TOKEN", "unused-token");

  private ServerProcess server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void unknownTransportExitsWithCode2() throws Exception {
    server = ServerProcess.start(ENV, "--transport", "sse");

    assertExitCode2();
    assertThat(server.stderr()).contains("sse");
  }

  @Test
  void nonNumericPortExitsWithCode2() throws Exception {
    server = ServerProcess.start(ENV, "--transport", "http", "--port", "abc");

    assertExitCode2();
    assertThat(server.stderr()).contains("abc");
  }

  @Test
  void serviceAccountOnEveryInterfaceWithoutConfirmationExitsWithCode2() throws Exception {
    server =
        ServerProcess.start(
            ENV,
            "--transport",
            "http",
            "--port",
            "0",
            "--http-auth",
            "service-account",
            "--host",
            "0.0.0.0");

    assertExitCode2();
    assertThat(server.stderr())
        .contains("--http-auth service-account")
        .contains("'0.0.0.0'")
        .contains("--expose-service-account")
        .doesNotContain("unused-token");
  }

  @Test
  void serviceAccountWithoutServiceCredentialsExitsWithCode2() throws Exception {
    server =
        ServerProcess.start(
            Map.of("AIRFLOW_API_URL", "http://localhost:9"),
            "--transport",
            "http",
            "--port",
            "0",
            "--http-auth",
            "service-account");

    assertExitCode2();
    assertThat(server.stderr()).contains("needs service credentials");
  }

  @Test
  void oauthWithoutAnIssuerExitsWithCode2() throws Exception {
    server = ServerProcess.start(ENV, "--transport", "http", "--http-auth", "oauth");

    assertExitCode2();
    assertThat(server.stderr()).contains("--oauth-issuer");
  }

  @Test
  void onlyAUsernameOrOnlyAPasswordStopsTheServer() throws Exception {
    JsonNode astro = AstroDifferences.astro("half-credentials");
    for (Map<String, String> half :
        List.of(
            Map.of("AIRFLOW_API_URL", "http://localhost:9", "AIRFLOW_USERNAME", "alice"),
            Map.of("AIRFLOW_API_URL", "http://localhost:9", "AIRFLOW_PASSWORD", "half-secret-9"))) {
      server = ServerProcess.start(half, "--transport", "stdio");
      assertExitCode2();
      String missing =
          half.containsKey("AIRFLOW_USERNAME") ? "AIRFLOW_PASSWORD" : "AIRFLOW_USERNAME";
      assertThat(server.stderr())
          .contains(missing)
          .contains("missing")
          .doesNotContain("half-secret-9");
      server.close();
      server = null;
    }
    // Astro starts anyway and asks for a token without credentials.
    assertThat(astro.get("starts").asBoolean()).isTrue();
    assertThat(astro.get("token_request").asString()).isEqualTo("GET /auth/token");
  }

  @Test
  void anUnknownMcpTransportInTheEnvironmentStopsTheServer() throws Exception {
    JsonNode astro = AstroDifferences.astro("mcp-transport");
    Map<String, String> env = new java.util.HashMap<>(ENV);
    env.put("MCP_TRANSPORT", "sse");
    server = ServerProcess.start(env);

    assertExitCode2();
    assertThat(server.stderr()).contains("unknown transport 'sse'");
    // Astro runs stdio for any value but "http".
    assertThat(astro.get("sse").asString()).isEqualTo("runs stdio");
  }

  @Test
  void theAstroProjectDirectoryFlagIsRefused() throws Exception {
    JsonNode astro = AstroDifferences.astro("project-dir");
    server = ServerProcess.start(ENV, astro.get("flag").asString(), "/tmp");

    assertExitCode2();
    assertThat(server.stderr()).contains("unknown option '--airflow-project-dir'");
    assertThat(astro.get("accepted").asBoolean()).isTrue();
  }

  private void assertExitCode2() throws Exception {
    server.process().getOutputStream().close();
    assertThat(server.waitForExit(Duration.ofSeconds(20)))
        .as("exits; stderr:\n%s", server.stderr())
        .isTrue();
    assertThat(server.process().exitValue())
        .as("exit code; stderr:\n%s", server.stderr())
        .isEqualTo(2);
    String stdout =
        new String(server.process().getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(stdout).as("stdout").isEmpty();
  }
}
