package dev.airflowmcp.runtime.server;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.airflowmcp.runtime.ratelimit.LocalRateLimiter;
import dev.airflowmcp.runtime.ratelimit.RateLimiter;
import dev.airflowmcp.runtime.ratelimit.RedisRateLimiter;
import dev.airflowmcp.runtime.ratelimit.RedisServer;
import dev.airflowmcp.runtime.tool.GeneratedTool;
import dev.airflowmcp.runtime.tool.RateLimit;
import dev.airflowmcp.runtime.tool.ToolCatalog;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Server runtimes wired from configuration, as {@code Main} wires them: the tool spec's limits, the
 * operator's overrides, and two replicas sharing one quota through a real Redis.
 */
@Timeout(120)
class SharedRateLimitTest {

  /** The test catalog, with limits for its class as the generator emits them. */
  private static final class LimitedCatalog implements ToolCatalog {
    private final TestCatalog tools = new TestCatalog();
    private final Map<String, RateLimit> limits;

    LimitedCatalog(Map<String, RateLimit> limits) {
      this.limits = limits;
    }

    @Override
    public int contractVersion() {
      return tools.contractVersion();
    }

    @Override
    public String serverName() {
      return tools.serverName();
    }

    @Override
    public String instructions() {
      return tools.instructions();
    }

    @Override
    public List<GeneratedTool<?>> tools() {
      return tools.tools();
    }

    @Override
    public String manifestResource() {
      return tools.manifestResource();
    }

    @Override
    public Map<String, String> aliases() {
      return tools.aliases();
    }

    @Override
    public Map<String, RateLimit> rateLimits() {
      return limits;
    }
  }

  private static ToolRegistry registry(Map<String, RateLimit> limits) {
    return ToolRegistry.of(new LimitedCatalog(limits), SharedRateLimitTest.class.getClassLoader());
  }

  private static ServerConfig config(String airflowUrl, ServerLimits limits) {
    return new ServerConfig(
        ServerConfig.Transport.HTTP,
        "127.0.0.1",
        0,
        airflowUrl,
        null,
        null,
        null,
        true,
        null,
        false,
        List.of(),
        limits);
  }

  private static ServerLimits limits(Map<String, RateLimit> overrides, boolean off, String redis) {
    return new ServerLimits(overrides, off, redis, 16, Duration.ofSeconds(10));
  }

  @Test
  void theToolSpecsLimitsApplyUnlessOverriddenOrSwitchedOff() {
    ToolRegistry registry = registry(Map.of("default", new RateLimit(7, 70)));

    RateLimiter fromSpec = ServerRuntime.rateLimiter(ServerLimits.DEFAULTS, registry);
    assertThat(fromSpec).isInstanceOf(LocalRateLimiter.class);
    assertThat(((LocalRateLimiter) fromSpec).limits().forClass("default"))
        .isEqualTo(new RateLimit(7, 70));

    RateLimiter overridden =
        ServerRuntime.rateLimiter(
            limits(Map.of("default", new RateLimit(2, 3)), false, null), registry);
    assertThat(((LocalRateLimiter) overridden).limits().forClass("default"))
        .isEqualTo(new RateLimit(2, 3));

    assertThat(ServerRuntime.rateLimiter(limits(Map.of(), true, null), registry))
        .isSameAs(RateLimiter.UNLIMITED);
  }

  @Test
  void twoReplicasSharingOneRedisEnforceOneQuota() throws Exception {
    WireMockServer airflow = new WireMockServer(options().dynamicPort());
    airflow.start();
    try (RedisServer redis = RedisServer.start()) {
      airflow.stubFor(
          get(urlEqualTo("/api/v2/version")).willReturn(okJson("{\"version\":\"3.0.2\"}")));
      airflow.stubFor(
          get(urlPathMatching("/api/v2/dags/.*")).willReturn(okJson("{\"dag_id\":\"x\"}")));
      String url = "http://localhost:" + airflow.port();
      // The spec says 1000 calls; the operator allows 6 a burst, one more a minute.
      ToolRegistry registry = registry(Map.of("default", new RateLimit(1000, 1000)));
      ServerConfig config =
          config(url, limits(Map.of("default", new RateLimit(6, 1)), false, redis.uri()));

      try (ServerRuntime first = ServerRuntime.create(config, registry);
          ServerRuntime second = ServerRuntime.create(config, registry);
          HttpServer one = HttpServer.start(first, config);
          HttpServer two = HttpServer.start(second, config);
          McpSyncClient viaOne = McpCalls.client(one.port(), "Bearer shared-agent");
          McpSyncClient viaTwo = McpCalls.client(two.port(), "Bearer shared-agent");
          McpSyncClient otherViaTwo = McpCalls.client(two.port(), "Bearer someone-else")) {
        int allowed = 0;
        for (int i = 0; i < 12; i++) {
          McpSyncClient client = i % 2 == 0 ? viaOne : viaTwo;
          CallToolResult r = McpCalls.call(client, "get_dag", Map.of("dag_id", "shared-" + i));
          if (!r.isError()) {
            allowed++;
          } else {
            assertThat(McpCalls.json(r).get("error_type").asString()).isEqualTo("RateLimitError");
          }
        }
        assertThat(allowed).as("one quota across both replicas").isEqualTo(6);
        assertThat(airflow.findAll(getRequestedFor(urlPathMatching("/api/v2/dags/shared-.*"))))
            .hasSize(6);

        int others = 0;
        for (int i = 0; i < 8; i++) {
          if (!McpCalls.call(otherViaTwo, "get_dag", Map.of("dag_id", "other-" + i)).isError()) {
            others++;
          }
        }
        assertThat(others).as("another identity has its own quota").isEqualTo(6);
      }
    } finally {
      airflow.stop();
    }
  }

  @Test
  void aRedisUriSelectsTheSharedLimiter() throws Exception {
    try (RedisServer redis = RedisServer.start()) {
      RateLimiter limiter =
          ServerRuntime.rateLimiter(
              limits(Map.of(), false, redis.uri()),
              registry(Map.of("default", new RateLimit(3, 3))));
      try {
        assertThat(limiter).isInstanceOf(RedisRateLimiter.class);
        assertThat(sharesThroughRedis((RedisRateLimiter) limiter)).isTrue();
        assertThat(((RedisRateLimiter) limiter).limits().forClass("default"))
            .isEqualTo(new RateLimit(3, 3));
      } finally {
        ((RedisRateLimiter) limiter).close();
      }
    }
  }

  /**
   * Whether the limiter decides through Redis, allowing for its documented start: when the first
   * connection does not answer in time (a loaded machine), it starts on the fallback and probes
   * Redis again after its retry pause (5 s). Waits at most 20 s.
   */
  private static boolean sharesThroughRedis(RedisRateLimiter limiter) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (limiter.usingFallback() && System.nanoTime() - deadline < 0) {
      limiter.tryAcquire("probe", "default");
      Thread.sleep(100);
    }
    return !limiter.usingFallback();
  }
}
