package dev.airflowmcp.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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
            ENV, "--transport", "http", "--port", "0", "--http-auth", "service-account",
            "--host", "0.0.0.0");

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
            "--transport", "http", "--port", "0", "--http-auth", "service-account");

    assertExitCode2();
    assertThat(server.stderr()).contains("needs service credentials");
  }

  @Test
  void oauthWithoutAnIssuerExitsWithCode2() throws Exception {
    server = ServerProcess.start(ENV, "--transport", "http", "--http-auth", "oauth");

    assertExitCode2();
    assertThat(server.stderr()).contains("--oauth-issuer");
  }

  private void assertExitCode2() throws Exception {
    server.process().getOutputStream().close();
    assertThat(server.waitForExit(Duration.ofSeconds(20)))
        .as("exits; stderr:\n%s", server.stderr())
        .isTrue();
    assertThat(server.process().exitValue()).as("exit code; stderr:\n%s", server.stderr()).isEqualTo(2);
    String stdout =
        new String(server.process().getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(stdout).as("stdout").isEmpty();
  }
}
