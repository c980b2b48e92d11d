package dev.airflowmcp.runtime.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airflowmcp.runtime.airflow.AirflowGateway;
import dev.airflowmcp.runtime.airflow.AirflowTransportConfig;
import dev.airflowmcp.runtime.airflow.HttpAirflowTransport;
import dev.airflowmcp.runtime.airflow.VersionDetector;
import dev.airflowmcp.runtime.auth.StaticTokenCredentials;
import dev.airflowmcp.runtime.ratelimit.ConcurrencyCaps;
import dev.airflowmcp.runtime.ratelimit.RateLimiter;
import dev.airflowmcp.runtime.ratelimit.RateLimits;
import dev.airflowmcp.runtime.redaction.SensitiveKeyRedactor;
import dev.airflowmcp.runtime.tool.CustomTool;
import dev.airflowmcp.runtime.tool.RateLimit;
import dev.airflowmcp.runtime.tool.Tool;
import dev.airflowmcp.runtime.tool.ToolContext;
import dev.airflowmcp.runtime.tool.ToolDescriptor;
import dev.airflowmcp.runtime.tool.ToolPolicy;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A class's concurrency cap bounds its calls running at once on one server, whoever calls. */
class ConcurrencyCapsTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** A tool of {@code rateLimitClass} that holds its call until {@code release} opens. */
  private static CustomTool holding(
      String name, String rateLimitClass, CountDownLatch entered, CountDownLatch release) {
    return new CustomTool() {
      @Override
      public ToolDescriptor descriptor() {
        return new ToolDescriptor(name, null, "x", Map.of(), true, false, true, true);
      }

      @Override
      public ToolPolicy policy() {
        return new ToolPolicy(false, rateLimitClass, List.of(), Map.of(), List.of(), List.of());
      }

      @Override
      public JsonNode call(ToolContext context, Map<String, Object> arguments) {
        entered.countDown();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return JSON.valueToTree(Map.of("ok", true));
      }
    };
  }

  /** Tokens the rate limiter handed out: a call refused for a full class must take none. */
  private final AtomicInteger tokens = new AtomicInteger();

  private ToolPipeline pipeline(ConcurrencyCaps caps) {
    HttpAirflowTransport client =
        new HttpAirflowTransport(AirflowTransportConfig.defaults("http://localhost:9"));
    RateLimiter counting =
        (principal, rateLimitClass) -> {
          tokens.incrementAndGet();
          return RateLimiter.Decision.ALLOW;
        };
    return new ToolPipeline(
        new AirflowGateway(client),
        new VersionDetector(client, Clock.systemUTC()),
        new ToolPipeline.Hooks(
            ArgumentValidator.NONE, counting, new SensitiveKeyRedactor(), AuditSink.NONE),
        60_000,
        name -> null,
        caps);
  }

  private static JsonNode body(CallToolResult r) {
    return JSON.readTree(((TextContent) r.content().get(0)).text());
  }

  @Test
  void aCallBeyondTheCapIsRefusedAtOnceAndTheSlotComesBackWhenACallEnds() throws Exception {
    ConcurrencyCaps caps =
        RateLimits.resolve(Map.of("logs", new RateLimit(10, 30, 1)), Map.of()).concurrencyCaps();
    ToolPipeline pipeline = pipeline(caps);
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Tool logs = holding("get_task_logs", "logs", entered, release);

    // One caller's call holds the only logs slot ...
    CompletableFuture<CallToolResult> first =
        CompletableFuture.supplyAsync(
            () -> pipeline.call(logs, "get_task_logs", Map.of(), new StaticTokenCredentials("a")));
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

    // ... so another caller, with a bucket of its own, is refused without waiting, and without
    // spending a token of that bucket.
    int tokensBefore = tokens.get();
    CallToolResult refused =
        pipeline.call(logs, "get_task_logs", Map.of(), new StaticTokenCredentials("b"));
    assertThat(refused.isError()).isTrue();
    JsonNode error = body(refused);
    assertThat(error.get("error_type").asString()).isEqualTo("RateLimitError");
    assertThat(error.get("error").asString()).contains("'logs'").contains("at most 1");
    assertThat(error.get("retryable").asBoolean()).isTrue();
    assertThat(error.get("retry_after_seconds").asInt()).isEqualTo(1);
    assertThat(tokens.get()).as("tokens taken by the refused call").isEqualTo(tokensBefore);

    // A class without a cap is not held up.
    CountDownLatch open = new CountDownLatch(0);
    Tool read = holding("get_dag", "read", new CountDownLatch(1), open);
    assertThat(pipeline.call(read, "get_dag", Map.of(), new StaticTokenCredentials("b")).isError())
        .isFalse();

    release.countDown();
    assertThat(first.get(10, TimeUnit.SECONDS).isError()).isFalse();
    Tool again = holding("get_task_logs", "logs", new CountDownLatch(1), open);
    assertThat(
            pipeline
                .call(again, "get_task_logs", Map.of(), new StaticTokenCredentials("b"))
                .isError())
        .as("the slot is free again")
        .isFalse();
  }

  @Test
  void capsComeFromTheResolvedLimitsAndOperatorsCanSetThem() {
    RateLimits resolved =
        RateLimits.resolve(
            Map.of("logs", new RateLimit(10, 30, 4), "list", new RateLimit(30, 120)),
            Map.of("list", RateLimit.parse("30/120/8")));
    ConcurrencyCaps caps = resolved.concurrencyCaps();
    assertThat(caps.capOf("logs")).isEqualTo(4);
    assertThat(caps.capOf("list")).isEqualTo(8);
    assertThat(caps.capOf("read")).as("a class without a cap").isZero();
    assertThat(caps.tryEnter("read")).isSameAs(ConcurrencyCaps.Slot.FREE);

    // Tuning a bucket keeps the spec's cap; only a third number changes it.
    ConcurrencyCaps tuned =
        RateLimits.resolve(
                Map.of("logs", new RateLimit(10, 30, 4)), Map.of("logs", RateLimit.parse("5/10")))
            .concurrencyCaps();
    assertThat(tuned.capOf("logs")).isEqualTo(4);
    ConcurrencyCaps tunedAll =
        RateLimits.resolve(
                Map.of("logs", new RateLimit(10, 30, 4), "list", new RateLimit(30, 120)),
                Map.of("*", RateLimit.parse("100/600")))
            .concurrencyCaps();
    assertThat(tunedAll.capOf("logs")).isEqualTo(4);
    assertThat(tunedAll.capOf("list")).isZero();

    ConcurrencyCaps everyClass =
        RateLimits.resolve(Map.of(), Map.of("*", RateLimit.parse("5/5/2"))).concurrencyCaps();
    assertThat(everyClass.capOf("anything")).isEqualTo(2);
    ConcurrencyCaps.Slot one = everyClass.tryEnter("anything");
    ConcurrencyCaps.Slot two = everyClass.tryEnter("anything");
    assertThat(one).isNotNull();
    assertThat(two).isNotNull();
    assertThat(everyClass.tryEnter("anything")).isNull();
    assertThat(everyClass.tryEnter("other")).as("each class has its own slots").isNotNull();
    one.close();
    assertThat(everyClass.tryEnter("anything")).isNotNull();

    assertThatThrownBy(() -> ConcurrencyCaps.of(Map.of("logs", 0), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
