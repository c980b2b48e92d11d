package dev.airflowmcp.runtime.server;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.airflowmcp.runtime.airflow.AirflowTransportConfig;
import dev.airflowmcp.runtime.ratelimit.LocalRateLimiter;
import dev.airflowmcp.runtime.ratelimit.RateLimits;
import dev.airflowmcp.runtime.redaction.SensitiveKeyRedactor;
import dev.airflowmcp.runtime.tool.RateLimit;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two callers with their own Airflow tokens hammer one server at the same time: every request
 * Airflow receives carries the token of the caller whose call caused it, and every answer goes back
 * to that caller.
 */
@Timeout(120)
class IsolationTest {
  private static final List<String> USERS = List.of("alice", "bob");
  private static final int THREADS_PER_USER = 4;
  private static final int CALLS_PER_THREAD = 40;

  @Test
  void concurrentCallersNeverSeeEachOthersCredentialsOrAnswers() throws Exception {
    WireMockServer airflow = new WireMockServer(options().dynamicPort().containerThreads(32));
    airflow.start();
    HttpServer server = null;
    ExecutorService pool = Executors.newFixedThreadPool(USERS.size() * THREADS_PER_USER);
    try {
      airflow.stubFor(
          get(urlEqualTo("/api/v2/version")).willReturn(okJson("{\"version\":\"3.0.2\"}")));
      for (String user : USERS) {
        // Answers only to the right token; any other gets WireMock's 404.
        airflow.stubFor(
            get(urlPathMatching("/api/v2/dags/" + user + "-.*"))
                .withHeader("Authorization", equalTo("Bearer " + user + "-token"))
                .willReturn(okJson("{\"owner\":\"" + user + "\"}")));
      }
      LocalRateLimiter limiter =
          new LocalRateLimiter(RateLimits.uniform(new RateLimit(100_000, 1_000_000)));
      AirflowTransportConfig config =
          AirflowTransportConfig.defaults("http://localhost:" + airflow.port());
      server =
          HttpServer.start(
              McpCalls.runtime(config, limiter, new SensitiveKeyRedactor()), McpCalls.httpConfig());
      int port = server.port();

      List<Callable<List<String>>> callers = new ArrayList<>();
      for (String user : USERS) {
        for (int t = 0; t < THREADS_PER_USER; t++) {
          int thread = t;
          callers.add(
              () -> {
                List<String> problems = new ArrayList<>();
                try (McpSyncClient client = McpCalls.client(port, "Bearer " + user + "-token")) {
                  for (int i = 0; i < CALLS_PER_THREAD; i++) {
                    String dagId = user + "-" + thread + "-" + i;
                    CallToolResult result =
                        McpCalls.call(client, "get_dag", Map.of("dag_id", dagId));
                    String text = McpCalls.text(result);
                    if (result.isError() || !text.equals("{\"owner\":\"" + user + "\"}")) {
                      problems.add(dagId + " -> " + text);
                    }
                  }
                }
                return problems;
              });
        }
      }
      List<String> problems = new ArrayList<>();
      for (Future<List<String>> f : pool.invokeAll(callers)) {
        problems.addAll(f.get());
      }
      assertThat(problems).isEmpty();

      List<LoggedRequest> requests = airflow.findAll(anyRequestedFor(anyUrl()));
      int dagRequests = 0;
      for (LoggedRequest r : requests) {
        if (r.getUrl().startsWith("/api/v2/version")) {
          continue;
        }
        dagRequests++;
        String owner = r.getUrl().substring("/api/v2/dags/".length()).split("-")[0];
        assertThat(r.getHeader("Authorization"))
            .as(r.getUrl())
            .isEqualTo("Bearer " + owner + "-token");
      }
      assertThat(dagRequests).isEqualTo(USERS.size() * THREADS_PER_USER * CALLS_PER_THREAD);
      assertThat(limiter.size()).as("one bucket per identity").isEqualTo(USERS.size());
    } finally {
      pool.shutdownNow();
      if (server != null) {
        server.close();
      }
      airflow.stop();
    }
  }
}
