package dev.airflowmcp.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airflowmcp.compat.FakeAirflow.Mode;
import dev.airflowmcp.compat.FakeAirflow.Recorded;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * The Streamable HTTP transport of a server without configured Airflow credentials: each caller's
 * own {@code Authorization} header is passed to Airflow verbatim, a request without one is refused
 * with 401, and a foreign browser {@code Origin} with 403.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpTransportTest {
  /** What each MCP client sends: a caller's own Airflow credentials. */
  private static final Map<Mode, String> CALLER_AUTHORIZATION =
      Map.of(
          Mode.AIRFLOW2, "Basic Y2FsbGVyLXVzZXI6Y2FsbGVyLXBhc3M=",
          Mode.AIRFLOW3, "Bearer caller-own-token.eyJzdWIiOiJjYWxsZXIifQ.c2ln");

  private static final String INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
          + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
          + "\"clientInfo\":{\"name\":\"raw-http\",\"version\":\"1.0.0\"}}}";

  private final Map<Mode, Deployment> deployments = new EnumMap<>(Mode.class);
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  void startServers() {
    for (Mode mode : Mode.values()) {
      deployments.put(
          mode,
          Deployment.start(
              new Scenario(mode, Scenario.Transport.HTTP),
              airflow -> ServerProcess.Settings.noCredentials(airflow.baseUrl()),
              CALLER_AUTHORIZATION.get(mode)));
    }
  }

  @AfterAll
  void stopServers() {
    for (Deployment d : deployments.values()) {
      d.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void callersAuthorizationHeaderReachesAirflowVerbatim(Mode mode) {
    Deployment d = deployments.get(mode);
    d.airflow().resetRequests();

    JsonNode result = ToolResults.success(d.call("list_import_errors", Map.of()), d);
    assertThat(result.get("total_import_errors").asInt()).isEqualTo(1);

    List<Recorded> data = d.airflow().dataRequests();
    assertThat(data).extracting(Recorded::path).containsExactly(mode.apiPrefix() + "/importErrors");
    assertThat(data.get(0).header("Authorization")).isEqualTo(CALLER_AUTHORIZATION.get(mode));
    assertThat(d.airflow().requests())
        .as("no token is fetched for a caller's own credentials")
        .noneMatch(r -> r.path().equals("/auth/token"));
  }

  @Test
  void requestWithoutAuthorizationIsRefusedWith401() throws Exception {
    ServerProcess server = deployments.get(Mode.AIRFLOW3).server();

    HttpResponse<String> refused = post(server, Map.of());
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("WWW-Authenticate")).isPresent();
    assertThat(refused.body()).doesNotContain("Exception").doesNotContain(".java:");

    // The same request with credentials is served.
    HttpResponse<String> served =
        post(server, Map.of("Authorization", CALLER_AUTHORIZATION.get(Mode.AIRFLOW3)));
    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(served.body()).contains("Airflow MCP Server");
  }

  @Test
  void foreignOriginIsRefusedWith403() throws Exception {
    ServerProcess server = deployments.get(Mode.AIRFLOW3).server();
    String auth = CALLER_AUTHORIZATION.get(Mode.AIRFLOW3);

    HttpResponse<String> foreign =
        post(server, Map.of("Authorization", auth, "Origin", "https://evil.example.com"));
    assertThat(foreign.statusCode()).isEqualTo(403);

    // A local browser origin is fine.
    HttpResponse<String> local =
        post(server, Map.of("Authorization", auth, "Origin", "http://localhost:" + server.port()));
    assertThat(local.statusCode()).isEqualTo(200);
  }

  /** POSTs an initialize request to the MCP endpoint with these extra headers. */
  private HttpResponse<String> post(ServerProcess server, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.baseUrl() + Deployment.MCP_ENDPOINT))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(INITIALIZE));
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
