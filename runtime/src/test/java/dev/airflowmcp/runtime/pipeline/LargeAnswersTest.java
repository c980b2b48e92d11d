package dev.airflowmcp.runtime.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.airflowmcp.runtime.airflow.AirflowCallException;
import dev.airflowmcp.runtime.airflow.AirflowGateway;
import dev.airflowmcp.runtime.airflow.AirflowTransportConfig;
import dev.airflowmcp.runtime.airflow.HttpAirflowTransport;
import dev.airflowmcp.runtime.airflow.VersionDetector;
import dev.airflowmcp.runtime.auth.StaticTokenCredentials;
import dev.airflowmcp.runtime.ratelimit.RateLimiter;
import dev.airflowmcp.runtime.redaction.AirflowRedactor;
import dev.airflowmcp.runtime.tool.ErrorType;
import dev.airflowmcp.runtime.tool.ResponseShape;
import dev.airflowmcp.runtime.tool.ToolError;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LargeAnswersTest {
  private static final long MIB = 1024 * 1024;

  @Test
  void smallAnswersTakeNothing() throws Exception {
    LargeAnswers answers = new LargeAnswers(64 * MIB);
    LargeAnswers.Share share = answers.enter(LargeAnswers.THRESHOLD - 1, true);

    assertThat(share).isSameAs(LargeAnswers.NONE);
    assertThat(answers.freeKib()).isEqualTo(answers.capacityKib());
  }

  @Test
  void thePoolIsASixteenthOfTheHeapAndALargeAnswerTakesItsShareUntilReleased() throws Exception {
    LargeAnswers answers = new LargeAnswers(256 * MIB);
    assertThat(answers.capacityKib()).isEqualTo(16 * 1024);

    LargeAnswers.Share share = answers.enter(MIB, true);
    assertThat(answers.freeKib()).isEqualTo(16 * 1024 - LargeAnswers.HEAP_PER_BYTE * 1024);
    share.release();
    share.release(); // idempotent: the second release gives nothing back twice
    assertThat(answers.freeKib()).isEqualTo(answers.capacityKib());
  }

  @Test
  void anAnswerLargerThanThePoolTakesAllOfItAndStillGetsThrough() throws Exception {
    LargeAnswers answers = new LargeAnswers(16 * MIB);
    LargeAnswers.Share share = answers.enter(64 * MIB, true);

    assertThat(answers.freeKib()).isZero();
    share.release();
    assertThat(answers.freeKib()).isEqualTo(answers.capacityKib());
  }

  @Test
  void aTinyHeapStillAdmitsOneLargeAnswer() throws Exception {
    LargeAnswers answers = new LargeAnswers(MIB);
    LargeAnswers.Share share = answers.enter(LargeAnswers.THRESHOLD, true);

    assertThat(answers.freeKib()).isZero();
    share.release();
  }

  @Test
  void anAnswerWaitsWhileThePoolIsTakenAndGoesOnWhenAShareIsReleased() throws Exception {
    // 192 MiB of heap: a 12 MiB pool, two 1 MiB answers (6 MiB each) at once.
    LargeAnswers answers = new LargeAnswers(192 * MIB);
    LargeAnswers.Share first = answers.enter(MIB, true);
    LargeAnswers.Share second = answers.enter(MIB, true);
    CountDownLatch entered = new CountDownLatch(1);
    AtomicReference<LargeAnswers.Share> third = new AtomicReference<>();
    Thread waiting =
        new Thread(
            () -> {
              try {
                third.set(answers.enter(MIB, true));
                entered.countDown();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (AirflowCallException e) {
                // not within the default bound: entered stays unset and the test fails
              }
            });
    waiting.start();

    assertThat(entered.await(300, TimeUnit.MILLISECONDS)).isFalse();
    first.release();
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    second.release();
    third.get().release();
    waiting.join(10_000);
    assertThat(answers.freeKib()).isEqualTo(answers.capacityKib());
  }

  @Test
  void aWaitingAnswerThatIsInterruptedHoldsNothing() throws Exception {
    LargeAnswers answers = new LargeAnswers(16 * MIB);
    LargeAnswers.Share all = answers.enter(64 * MIB, true);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread waiting =
        new Thread(
            () -> {
              try {
                answers.enter(MIB, true);
              } catch (InterruptedException | AirflowCallException e) {
                thrown.set(e);
              }
            });
    waiting.start();
    Thread.sleep(100);
    waiting.interrupt();
    waiting.join(10_000);

    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    all.release();
    assertThat(answers.freeKib()).isEqualTo(answers.capacityKib());
  }

  @Test
  void anAnswerThatCannotGetItsShareWithinTheWaitBoundIsRefusedAsBusyAndHoldsNothing()
      throws Exception {
    LargeAnswers answers = new LargeAnswers(16 * MIB, Duration.ofMillis(200));
    LargeAnswers.Share all = answers.enter(64 * MIB, true);
    long start = System.nanoTime();

    assertThatThrownBy(() -> answers.enter(MIB, true))
        .isInstanceOfSatisfying(
            AirflowCallException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(AirflowCallException.Kind.BUSY);
              assertThat(e.getMessage()).contains("1024 KiB").contains("waited 200 ms");
            });
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(200));
    assertThat(answers.freeKib()).isZero();
    all.release();
    assertThat(answers.freeKib()).isEqualTo(answers.capacityKib());
    // Once the pool is free the same answer gets through at once.
    answers.enter(MIB, true).release();
    assertThat(answers.freeKib()).isEqualTo(answers.capacityKib());
  }

  @Test
  void theAnswerToAWriteWaitsPastTheBoundAndIsNeverRefused() throws Exception {
    LargeAnswers answers = new LargeAnswers(16 * MIB, Duration.ofMillis(100));
    LargeAnswers.Share all = answers.enter(64 * MIB, true);
    CountDownLatch entered = new CountDownLatch(1);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread waiting =
        new Thread(
            () -> {
              try {
                answers.enter(MIB, false).release();
                entered.countDown();
              } catch (InterruptedException | AirflowCallException e) {
                thrown.set(e);
              }
            });
    waiting.start();

    // Well past the 100 ms bound: still waiting, not refused.
    assertThat(entered.await(500, TimeUnit.MILLISECONDS)).isFalse();
    assertThat(thrown.get()).isNull();
    all.release();
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    waiting.join(10_000);
    assertThat(thrown.get()).isNull();
    assertThat(answers.freeKib()).isEqualTo(answers.capacityKib());
  }

  @Test
  void aBusyRefusalReachesTheClientAsARetryableServerBusyError() {
    ToolError error =
        ErrorMapper.from(
            new AirflowCallException(AirflowCallException.Kind.BUSY, "processing other answers"));
    assertThat(error.type()).isEqualTo(ErrorType.SERVER_BUSY.wireName());
    assertThat(error.retryable()).isTrue();
  }

  @Test
  void thePipelineGivesTheShareBackAfterALargeAnswerWhetherItSucceedsOrFails() {
    WireMockServer airflow = new WireMockServer(options().dynamicPort());
    airflow.start();
    try {
      airflow.stubFor(
          get(urlEqualTo("/api/v2/version")).willReturn(okJson("{\"version\":\"3.0.2\"}")));
      StringBuilder big = new StringBuilder("{\"dags\":[");
      for (int i = 0; i < 4000; i++) {
        big.append(i == 0 ? "" : ",")
            .append("{\"dag_id\":\"dag_")
            .append(i)
            .append("\",\"description\":\"a description of some length for dag ")
            .append(i)
            .append("\"}");
      }
      big.append("],\"total_entries\":4000}");
      assertThat(big.length()).isGreaterThan(LargeAnswers.THRESHOLD);
      airflow.stubFor(get(urlPathEqualTo("/api/v2/dags/big")).willReturn(okJson(big.toString())));
      // Large and without the list the shape wants: an error after the share was taken.
      airflow.stubFor(
          get(urlPathEqualTo("/api/v2/dags/odd"))
              .willReturn(okJson("{\"detail\":\"" + "x".repeat(200_000) + "\"}")));
      HttpAirflowTransport client =
          new HttpAirflowTransport(
              AirflowTransportConfig.defaults("http://localhost:" + airflow.port())
                  .withRequestTimeout(Duration.ofSeconds(10)));
      ToolPipeline pipeline =
          new ToolPipeline(
              new AirflowGateway(client),
              new VersionDetector(client, Clock.systemUTC()),
              new ToolPipeline.Hooks(
                  ArgumentValidator.NONE, RateLimiter.UNLIMITED, new AirflowRedactor(), e -> {}),
              20_000);
      ResponseShape shape = new ResponseShape("dags", "dags", List.of(), List.of(), 0, null);
      TestTool tool =
          new TestTool("list_dags", TestTool.policy(shape, List.of()), TestTool::getDag);
      StaticTokenCredentials credentials = new StaticTokenCredentials("tok-123");

      CallToolResult ok = pipeline.call(tool, "list_dags", Map.of("dag_id", "big"), credentials);
      assertThat(ok.isError()).isFalse();
      assertThat(((TextContent) ok.content().get(0)).text()).contains("\"truncated\":true");
      assertThat(pipeline.largeAnswers().freeKib())
          .isEqualTo(pipeline.largeAnswers().capacityKib());

      CallToolResult failed =
          pipeline.call(tool, "list_dags", Map.of("dag_id", "odd"), credentials);
      assertThat(failed.isError()).isTrue();
      assertThat(pipeline.largeAnswers().freeKib())
          .isEqualTo(pipeline.largeAnswers().capacityKib());
      pipeline.close();
    } finally {
      airflow.stop();
    }
  }
}
