package dev.airflowmcp.runtime.server;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.airflowmcp.runtime.airflow.AirflowClientConfig;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * An agent stuck in a loop: one identity sends ten times its quota within a few seconds. Airflow
 * sees no more than the quota plus what refills meanwhile; the server keeps answering another
 * caller at once; memory does not grow with the storm.
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
      airflow.stubFor(get(urlEqualTo("/api/v2/version")).willReturn(okJson("{\"version\":\"3.0.2\"}")));
      airflow.stubFor(get(urlPathMatching("/api/v2/dags/.*")).willReturn(okJson("{\"dag_id\":\"x\"}")));
      LocalRateLimiter limiter =
          new LocalRateLimiter(RateLimits.uniform(new RateLimit(CAPACITY, REFILL_PER_MINUTE)));
      server =
          HttpServer.start(
              McpCalls.runtime(
                  AirflowClientConfig.defaults("http://localhost:" + airflow.port()),
                  limiter,
                  new SensitiveKeyRedactor()),
              McpCalls.httpConfig());
      int port = server.port();
      long heapBefore = usedHeapAfterGc();

      AtomicInteger allowed = new AtomicInteger();
      AtomicInteger limited = new AtomicInteger();
      List<String> unexpected = new ArrayList<>();
      AtomicBoolean storming = new AtomicBoolean(true);
      // Another caller, within its own quota (a call every 250 ms), must always get through.
      Future<List<Long>> probe =
          pool.submit(
              () -> {
                List<Long> millis = new ArrayList<>();
                try (McpSyncClient other = McpCalls.client(port, "Bearer bystander")) {
                  while (storming.get()) {
                    long t0 = System.nanoTime();
                    CallToolResult r = McpCalls.call(other, "get_dag", Map.of("dag_id", "probe"));
                    assertThat(r.isError()).as(McpCalls.text(r)).isFalse();
                    millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
                    Thread.sleep(250);
                  }
                }
                return millis;
              });

      long started = System.nanoTime();
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
                  // Spread the storm over a few seconds, as a looping agent would.
                  Thread.sleep(15 * THREADS);
                }
              }
              return null;
            });
      }
      for (Future<Void> f : pool.invokeAll(stormers)) {
        f.get();
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      storming.set(false);
      List<Long> probeMillis = probe.get(30, TimeUnit.SECONDS);

      assertThat(unexpected).isEmpty();
      assertThat(allowed.get() + limited.get()).isEqualTo(STORM_CALLS);
      int airflowSaw = airflow.findAll(getRequestedFor(urlPathMatching("/api/v2/dags/loop"))).size();
      int refilled = (int) Math.ceil(seconds * REFILL_PER_MINUTE / 60.0);
      assertThat(seconds).as("the storm lasted a few seconds").isGreaterThan(1.5);
      assertThat(airflowSaw).isEqualTo(allowed.get());
      assertThat(airflowSaw)
          .as("quota %d plus %d refilled in %.1f s", CAPACITY, refilled, seconds)
          .isBetween(CAPACITY, CAPACITY + refilled + 1);
      assertThat(limited.get()).isGreaterThanOrEqualTo(STORM_CALLS - CAPACITY - refilled - 1);

      assertThat(probeMillis).as("the bystander was served throughout").hasSizeGreaterThan(5);
      assertThat(probeMillis).allSatisfy(ms -> assertThat(ms).isLessThan(2_000L));
      assertThat(limiter.size()).as("two identities, two buckets").isEqualTo(2);
      long grown = usedHeapAfterGc() - heapBefore;
      assertThat(grown).as("heap growth in bytes").isLessThan(64L * 1024 * 1024);
    } finally {
      pool.shutdownNow();
      if (server != null) {
        server.close();
      }
      airflow.stop();
    }
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
