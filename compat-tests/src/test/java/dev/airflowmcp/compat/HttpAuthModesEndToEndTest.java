package dev.airflowmcp.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airflowmcp.compat.FakeAirflow.Mode;
import dev.airflowmcp.compat.FakeAirflow.Recorded;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The packaged server's HTTP auth modes without an identity provider: by default (passthrough) a
 * caller without its own credentials is refused with 401 and Airflow sees nothing, even though a
 * service token is configured; the explicit service-account mode serves such a caller with it. Each
 * server says in one startup line which mode is in force.
 */
class HttpAuthModesEndToEndTest {
  private static final String SERVICE_TOKEN = "service-token-for-http";
  private static final String LIST_DAGS =
      "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{"
          + "\"name\":\"list_dags\",\"arguments\":{}}}";
  private static final String INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
          + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
          + "\"clientInfo\":{\"name\":\"raw-http\",\"version\":\"1.0.0\"}}}";
  private static final Pattern MODE_LINE = Pattern.compile("HTTP auth mode: ([a-z-]+)");

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private FakeAirflow airflow;
  private ServerProcess server;

  @BeforeEach
  void startAirflow() {
    airflow = FakeAirflow.start(Mode.AIRFLOW3);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    airflow.close();
  }

  private Map<String, String> env(String mode) {
    Map<String, String> env =
        new LinkedHashMap<>(
            ServerProcess.Settings.token(airflow.baseUrl(), SERVICE_TOKEN).environment());
    if (mode != null) {
      env.put("MCP_HTTP_AUTH", mode);
    }
    return env;
  }

  @Test
  void byDefaultACallerWithoutCredentialsIsRefusedAndAirflowSeesNothing() throws Exception {
    server = ServerProcess.startHttp(env(null));

    for (String body : List.of(INITIALIZE, LIST_DAGS)) {
      HttpResponse<String> refused = post(body, null);
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(refused.headers().firstValue("WWW-Authenticate")).contains("Bearer");
      assertThat(refused.body()).doesNotContain("dag_id");
    }
    assertThat(airflow.requests()).as("Airflow saw nothing").isEmpty();

    // A caller with its own credentials is served with them, never with the service token.
    HttpResponse<String> served = post(INITIALIZE, "Bearer caller-own-token");
    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(modeLines()).containsExactly("passthrough");
    assertThat(server.stderr())
        .contains("are not used on HTTP in mode passthrough")
        .doesNotContain(SERVICE_TOKEN);
  }

  @Test
  void theExplicitServiceAccountModeServesCallersWithoutCredentials() {
    server = ServerProcess.startHttp(env("service-account"));
    try (McpSyncClient client =
        McpClient.sync(Deployment.httpTransport(server.baseUrl(), null))
            .requestTimeout(Duration.ofSeconds(30))
            .build()) {
      client.initialize();
      io.modelcontextprotocol.spec.McpSchema.CallToolResult call =
          client.callTool(
              io.modelcontextprotocol.spec.McpSchema.CallToolRequest.builder("list_dags")
                  .arguments(Map.of())
                  .build());
      assertThat(call.isError()).as(ToolResults.text(call)).isFalse();
      JsonNode result = ToolResults.parse(ToolResults.text(call));
      assertThat(result.has("dags")).as(result.toString()).isTrue();
    }
    List<Recorded> data = airflow.dataRequests();
    assertThat(data).isNotEmpty();
    assertThat(data)
        .extracting(r -> r.header("Authorization"))
        .containsOnly("Bearer " + SERVICE_TOKEN);
    assertThat(modeLines()).containsExactly("service-account");
    assertThat(server.stderr()).contains("bound to localhost").doesNotContain(SERVICE_TOKEN);
  }

  /** The modes named by "HTTP auth mode:" lines on stderr. */
  private List<String> modeLines() {
    Matcher m = MODE_LINE.matcher(server.stderr());
    List<String> out = new java.util.ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private HttpResponse<String> post(String body, String authorization) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.baseUrl() + Deployment.MCP_ENDPOINT))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
