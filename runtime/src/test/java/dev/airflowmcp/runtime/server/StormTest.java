package dev.airflowmcp.runtime.server;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.airflowmcp.runtime.airflow.AirflowTransportConfig;
import dev.airflowmcp.runtime.ratelimit.LocalRateLimiter;
import dev.airflowmcp.runtime.ratelimit.ManualClock;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * An agent stuck in a loop: one identity sends ten times its quota from eight threads. Airflow sees
 * exactly the quota; every other call of that identity is a retryable RateLimitError; another
 * caller within its own quota is served throughout; the limiter keeps one bucket per identity.
 *
 * <p>The limiter's clock is a manual one that never moves, so no bucket refills during the storm
 * and the counts do not depend on how fast this machine runs the test (a busy CI machine once
 * stretched the storm and its refills). Latency and heap figures under load belong to {@code
 * benchmarks/}, not here.
 */
@Timeout(120)
class StormTest {
  private static final int CAPACITY = 20;
  private static final int REFILL_PER_MINUTE = 60;
  private static final int STORM_CALLS = 10 * CAPACITY;
  private static final int THREADS = 8;

  @Test
  void tenTimesTheQuotaReachesAirflowOnlyUpToTheQuota() throws Exception {
    WireMockServer airflow = new WireMockServer(options().dynamicPort().containerThreads(32));
    airflow.start();
    HttpServer server = null;
    ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
    try {
      airflow.stubFor(
          get(urlEqualTo("/api/v2/version")).willReturn(okJson("{\"version\":\"3.0.2\"}")));
      airflow.stubFor(
          get(urlPathMatching("/api/v2/dags/.*")).willReturn(okJson("{\"dag_id\":\"x\"}")));
      LocalRateLimiter limiter =
          new LocalRateLimiter(
              RateLimits.uniform(new RateLimit(CAPACITY, REFILL_PER_MINUTE)),
              new ManualClock(),
              LocalRateLimiter.DEFAULT_MAX_BUCKETS);
      server =
          HttpServer.start(
              McpCalls.runtime(
                  AirflowTransportConfig.defaults("http://localhost:" + airflow.port()),
                  limiter,
                  new SensitiveKeyRedactor()),
              McpCalls.httpConfig());
      int port = server.port();

      AtomicInteger allowed = new AtomicInteger();
      AtomicInteger limited = new AtomicInteger();
      List<String> unexpected = new ArrayList<>();
      AtomicBoolean storming = new AtomicBoolean(true);
      // Another caller, within its own quota (fewer calls than its bucket holds), must always get
      // through while the storm goes on.
      Future<Integer> probe =
          pool.submit(
              () -> {
                int served = 0;
                try (McpSyncClient other = McpCalls.client(port, "Bearer bystander")) {
                  while (storming.get() && served < CAPACITY - 1) {
                    CallToolResult r = McpCalls.call(other, "get_dag", Map.of("dag_id", "probe"));
                    assertThat(r.isError()).as(McpCalls.text(r)).isFalse();
                    served++;
                    Thread.sleep(100);
                  }
                }
                return served;
              });

      List<Callable<Void>> stormers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        stormers.add(
            () -> {
              try (McpSyncClient looping = McpCalls.client(port, "Bearer looping-agent")) {
                for (int i = 0; i < STORM_CALLS / THREADS; i++) {
                  CallToolResult r = McpCalls.call(looping, "get_dag", Map.of("dag_id", "loop"));
                  if (!r.isError()) {
                    allowed.incrementAndGet();
                  } else {
                    JsonNode body = McpCalls.json(r);
                    if (body.get("error_type").asString().equals("RateLimitError")
                        && body.get("retryable").asBoolean()
                        && body.get("retry_after_seconds").asLong() >= 1) {
                      limited.incrementAndGet();
                    } else {
                      synchronized (unexpected) {
                        unexpected.add(McpCalls.text(r));
                      }
                    }
                  }
                  // Interleave with the bystander, as a looping agent would.
                  Thread.sleep(20);
                }
              }
              return null;
            });
      }
      for (Future<Void> f : pool.invokeAll(stormers)) {
        f.get();
      }
      storming.set(false);
      int bystanderServed = probe.get(30, TimeUnit.SECONDS);

      assertThat(unexpected).isEmpty();
      int airflowSaw =
          airflow.findAll(getRequestedFor(urlPathMatching("/api/v2/dags/loop"))).size();
      assertThat(allowed.get()).as("the quota, nothing refilled").isEqualTo(CAPACITY);
      assertThat(airflowSaw).isEqualTo(CAPACITY);
      assertThat(limited.get()).isEqualTo(STORM_CALLS - CAPACITY);

      assertThat(bystanderServed).as("the bystander was served during the storm").isPositive();
      assertThat(airflow.findAll(getRequestedFor(urlPathMatching("/api/v2/dags/probe"))))
          .hasSize(bystanderServed);
      assertThat(limiter.size()).as("two identities, two buckets").isEqualTo(2);
    } finally {
      pool.shutdownNow();
      if (server != null) {
        server.close();
      }
      airflow.stop();
    }
  }
}
