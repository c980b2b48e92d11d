package dev.airflowmcp.compat;

import static dev.airflowmcp.compat.FakeAirflow.PASSWORD;
import static dev.airflowmcp.compat.FakeAirflow.USERNAME;
import static org.assertj.core.api.Assertions.assertThat;

import dev.airflowmcp.compat.FakeAirflow.Mode;
import dev.airflowmcp.compat.FakeAirflow.Recorded;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * Service credentials from {@code AIRFLOW_USERNAME}/{@code AIRFLOW_PASSWORD}: a JWT from {@code
 * POST /auth/token} on Airflow 3 (fetched once, replaced and retried once after a 401), HTTP Basic
 * on Airflow 2.
 */
class CredentialsTest {
  private Deployment deployment;

  @AfterEach
  void stop() {
    if (deployment != null) {
      deployment.close();
    }
  }

  @Test
  void airflow3UsernameAndPasswordBecomeABearerTokenFromAuthToken() {
    deployment = start(new Scenario(Mode.AIRFLOW3, Scenario.Transport.HTTP));
    String jwt = FakeAirflow.jwt("compat-user", Instant.now().plusSeconds(3600));
    deployment.airflow().issueTokens(jwt);

    ToolResults.success(deployment.call("list_dags", Map.of()), deployment);
    ToolResults.success(
        deployment.call("list_tasks", Map.of("dag_id", FakeAirflow.DAG_ID)), deployment);

    List<Recorded> tokenRequests = tokenRequests(deployment);
    assertThat(tokenRequests).as("one token for both calls").hasSize(1);
    Recorded token = tokenRequests.get(0);
    assertThat(token.header("Content-Type")).startsWith("application/json");
    assertThat(token.header("Authorization")).isNull();
    JsonNode body = ToolResults.parse(token.body());
    assertThat(body.get("username").asString()).isEqualTo(USERNAME);
    assertThat(body.get("password").asString()).isEqualTo(PASSWORD);
    assertThat(token.status()).isEqualTo(201);

    List<Recorded> data = deployment.airflow().dataRequests();
    assertThat(data)
        .extracting(Recorded::path)
        .containsExactly("/api/v2/dags", "/api/v2/dags/" + FakeAirflow.DAG_ID_ENCODED + "/tasks");
    assertThat(data).extracting(r -> r.header("Authorization")).containsOnly("Bearer " + jwt);
    assertThat(data).extracting(Recorded::status).containsOnly(200);
  }

  @Test
  void airflow2UsernameAndPasswordAreSentAsBasicAuth() {
    deployment = start(new Scenario(Mode.AIRFLOW2, Scenario.Transport.STDIO));

    JsonNode result = ToolResults.success(deployment.call("list_dags", Map.of()), deployment);
    assertThat(result.get("total_dags").asInt()).isEqualTo(7);

    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((USERNAME + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    List<Recorded> data = deployment.airflow().dataRequests();
    assertThat(data).extracting(Recorded::path).containsExactly("/api/v1/dags");
    assertThat(data.get(0).header("Authorization")).isEqualTo(basic);
    assertThat(tokenRequests(deployment)).as("Airflow 2 has no /auth/token").isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void withNothingConfiguredNoCredentialsAreInvented(Mode mode) {
    deployment =
        Deployment.start(
            new Scenario(mode, Scenario.Transport.STDIO),
            airflow -> ServerProcess.Settings.noCredentials(airflow.baseUrl()),
            null);

    JsonNode error = ToolResults.failure(deployment.call("list_dags", Map.of()), deployment);
    assertThat(error.get("error_type").asString()).isEqualTo("AuthenticationError");
    assertThat(error.get("retryable").asBoolean()).isFalse();
    List<Recorded> requests = deployment.airflow().requests();
    assertThat(requests)
        .as("nothing but version probes, without credentials")
        .allSatisfy(
            r -> {
              assertThat(r.path()).endsWith("/version");
              assertThat(r.header("Authorization")).isNull();
            });
    assertThat(tokenRequests(deployment)).isEmpty();

    // Astro asks /auth/token without credentials first; on Airflow 2 it then sends admin:admin.
    JsonNode astro =
        AstroDifferences.byMajor(AstroDifferences.astro("credentials"), mode == Mode.AIRFLOW2);
    assertThat(AstroDifferences.strings(astro.get("requests")))
        .first()
        .isEqualTo("GET /auth/token");
    if (mode == Mode.AIRFLOW2) {
      assertThat(astro.get("authorization").asString())
          .isEqualTo(
              "Basic "
                  + Base64.getEncoder()
                      .encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)));
      assertThat(requests)
          .extracting(r -> r.header("Authorization"))
          .doesNotContain(astro.get("authorization").asString());
    }
  }

  @Test
  void airflow3RejectedTokenIsReplacedAndTheRequestRetriedOnce() {
    deployment = start(new Scenario(Mode.AIRFLOW3, Scenario.Transport.STDIO));
    String revoked = FakeAirflow.jwt("first", Instant.now().plusSeconds(3600));
    String fresh = FakeAirflow.jwt("second", Instant.now().plusSeconds(3600));
    deployment.airflow().issueTokens(revoked, fresh);
    // Airflow no longer accepts the first token although it has not expired.
    deployment.airflow().rejectToken(revoked);

    JsonNode result = ToolResults.success(deployment.call("list_dags", Map.of()), deployment);
    assertThat(result.get("returned_count").asInt()).isEqualTo(2);

    assertThat(tokenRequests(deployment)).extracting(Recorded::status).containsExactly(201, 201);
    List<Recorded> data = deployment.airflow().dataRequests();
    assertThat(data).extracting(Recorded::path).containsExactly("/api/v2/dags", "/api/v2/dags");
    assertThat(data.get(0).header("Authorization")).isEqualTo("Bearer " + revoked);
    assertThat(data.get(0).status()).isEqualTo(401);
    assertThat(data.get(1).header("Authorization")).isEqualTo("Bearer " + fresh);
    assertThat(data.get(1).status()).isEqualTo(200);
    assertThat(data.get(1).rawQuery()).isEqualTo(data.get(0).rawQuery());
    // Astro fetches no new token after a 401: the call fails with that 401.
    JsonNode astro = AstroDifferences.astro("expired-token").get("after_a_401");
    assertThat(astro.get("token_requests").asInt())
        .isEqualTo(1)
        .isLessThan(tokenRequests(deployment).size());
    assertThat(astro.get("error_type").asString()).isEqualTo("HTTPStatusError");
    assertThat(astro.get("retryable").asBoolean()).isFalse();
  }

  @Test
  void airflow3RetriesOnlyOnceWhenTheNewTokenIsRejectedToo() {
    deployment = start(new Scenario(Mode.AIRFLOW3, Scenario.Transport.STDIO));
    String first = FakeAirflow.jwt("first", Instant.now().plusSeconds(3600));
    String second = FakeAirflow.jwt("second", Instant.now().plusSeconds(3600));
    deployment.airflow().issueTokens(first, second);
    deployment.airflow().rejectToken(first);
    deployment.airflow().rejectToken(second);

    JsonNode error = ToolResults.failure(deployment.call("list_dags", Map.of()), deployment);
    assertThat(error.get("error").asString()).contains("401");
    assertThat(error.get("retryable").asBoolean()).isFalse();

    assertThat(tokenRequests(deployment)).hasSize(2);
    List<Recorded> data = deployment.airflow().dataRequests();
    assertThat(data)
        .extracting(r -> r.header("Authorization"))
        .containsExactly("Bearer " + first, "Bearer " + second);
    assertThat(data).extracting(Recorded::status).containsExactly(401, 401);
  }

  private static Deployment start(Scenario scenario) {
    return Deployment.start(
        scenario,
        airflow -> ServerProcess.Settings.password(airflow.baseUrl(), USERNAME, PASSWORD),
        null);
  }

  private static List<Recorded> tokenRequests(Deployment d) {
    return d.airflow().requests().stream().filter(r -> r.path().equals("/auth/token")).toList();
  }
}
