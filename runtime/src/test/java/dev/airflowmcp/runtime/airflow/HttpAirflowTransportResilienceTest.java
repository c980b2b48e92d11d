package dev.airflowmcp.runtime.airflow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.airflowmcp.runtime.airflow.AirflowCallException.Kind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Retries, deadline and bulkhead of the Airflow client against a misbehaving fake Airflow. */
@Timeout(30)
class HttpAirflowTransportResilienceTest {
  private static final AirflowRequest DAGS = AirflowRequest.get("get_dags", "/api/v2/dags").build();
  private static final Resilience FAST =
      Resilience.DEFAULTS.withBackoff(Duration.ofMillis(10), Duration.ofMillis(40));

  private WireMockServer airflow;

  @BeforeEach
  void start() {
    airflow = new WireMockServer(options().dynamicPort());
    airflow.start();
  }

  @AfterEach
  void stop() {
    airflow.stop();
  }

  private HttpAirflowTransport client(Resilience resilience, Duration deadline) {
    return new HttpAirflowTransport(
        AirflowTransportConfig.defaults("http://localhost:" + airflow.port())
            .withRequestTimeout(deadline)
            .withResilience(resilience));
  }

  private HttpAirflowTransport client() {
    return client(FAST, Duration.ofSeconds(5));
  }

  private int requests() {
    return airflow.findAll(anyRequestedFor(anyUrl())).size();
  }

  /** {@code /api/v2/dags} answers {@code first} for the first {@code times} calls, then 200. */
  private void failThenSucceed(
      int times, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder first) {
    String state = Scenario.STARTED;
    for (int i = 1; i <= times; i++) {
      airflow.stubFor(
          get(urlEqualTo("/api/v2/dags"))
              .inScenario("flaky")
              .whenScenarioStateIs(state)
              .willReturn(first)
              .willSetStateTo("failed " + i));
      state = "failed " + i;
    }
    airflow.stubFor(
        get(urlEqualTo("/api/v2/dags"))
            .inScenario("flaky")
            .whenScenarioStateIs(state)
            .willReturn(okJson("{\"dags\": []}")));
  }

  @ParameterizedTest
  @ValueSource(ints = {502, 503, 504})
  void gatewayFailuresOfAGetAreRetried(int status) throws Exception {
    failThenSucceed(2, aResponse().withStatus(status).withBody("{}"));

    AirflowResponse response = client().send(DAGS, "Bearer t");

    assertThat(response.status()).isEqualTo(200);
    assertThat(requests()).isEqualTo(3);
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 409, 422, 429, 500, 501})
  void noOtherStatusIsEverRetried(int status) throws Exception {
    failThenSucceed(1, aResponse().withStatus(status).withBody("{}"));

    assertThat(client().send(DAGS, null).status()).isEqualTo(status);
    assertThat(requests()).isEqualTo(1);
  }

  @Test
  void attemptsAreBoundedAndTheLastAnswerIsReturned() throws Exception {
    failThenSucceed(5, aResponse().withStatus(503).withBody("{\"detail\": \"down\"}"));

    AirflowResponse response = client().send(DAGS, null);

    assertThat(response.status()).isEqualTo(503);
    assertThat(requests()).isEqualTo(3);
  }

  @Test
  void retryAfterIsHonouredWhenItFitsTheDeadline() throws Exception {
    failThenSucceed(1, aResponse().withStatus(503).withHeader("Retry-After", "1").withBody("{}"));

    long started = System.nanoTime();
    assertThat(client().send(DAGS, null).status()).isEqualTo(200);

    assertThat(requests()).isEqualTo(2);
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .as("waited as Airflow asked")
        .isGreaterThanOrEqualTo(Duration.ofMillis(950));
  }

  @Test
  void aRetryAfterBeyondTheDeadlineEndsTheCallAtOnce() throws Exception {
    failThenSucceed(1, aResponse().withStatus(503).withHeader("Retry-After", "60").withBody("{}"));

    long started = System.nanoTime();
    AirflowResponse response = client().send(DAGS, null);

    assertThat(response.status()).isEqualTo(503);
    assertThat(response.retryAfterSeconds()).isEqualTo(60);
    assertThat(requests()).isEqualTo(1);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void retriesStopAtTheDeadline() throws Exception {
    failThenSucceed(50, aResponse().withStatus(503).withBody("{}"));
    HttpAirflowTransport patient =
        client(
            FAST.withMaxAttempts(10).withBackoff(Duration.ofMillis(400), Duration.ofMillis(400)),
            Duration.ofMillis(1000));
    // A fresh WireMock answers its first request slowly; warm it up outside the measured call.
    patient.send(AirflowRequest.get("warm", "/api/v2/warm").build(), null);
    int before = requests();

    long started = System.nanoTime();
    assertThat(patient.send(DAGS, null).status()).isEqualTo(503);

    // Waits of 200-400 ms each (random), and a retry starts only when 250 ms (a quarter of the
    // deadline) are left after its wait: the first retry always fits (at most 400 ms), and at
    // most three waits of 200 ms fit before 750 ms; so 2 to 4 attempts of the 10 allowed.
    assertThat(requests() - before).isBetween(2, 4);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1500));
  }

  @Test
  void postsAreNeverRetried() throws Exception {
    airflow.stubFor(post(urlEqualTo("/auth/token")).willReturn(aResponse().withStatus(503)));

    assertThat(client().postJson("/auth/token", "{}").status()).isEqualTo(503);
    assertThat(requests()).isEqualTo(1);
  }

  @Test
  void aConnectionClosedBeforeAnyAnswerIsRetried() throws Exception {
    failThenSucceed(2, aResponse().withFault(Fault.EMPTY_RESPONSE));

    assertThat(client().send(DAGS, null).status()).isEqualTo(200);
    assertThat(requests()).isEqualTo(3);
  }

  @Test
  void aBodyBrokenAfterTheHeadersIsNotRetried() {
    failThenSucceed(1, aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK));

    assertThatThrownBy(() -> client().send(DAGS, null))
        .isInstanceOfSatisfying(
            AirflowCallException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE));
    assertThat(requests()).isEqualTo(1);
  }

  @Test
  void aSlowAnswerIsNotRetried() {
    airflow.stubFor(get(urlEqualTo("/api/v2/dags")).willReturn(okJson("{}").withFixedDelay(2000)));

    assertThatThrownBy(() -> client(FAST, Duration.ofMillis(300)).send(DAGS, null))
        .isInstanceOfSatisfying(
            AirflowCallException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT));
    assertThat(requests()).isEqualTo(1);
  }

  @Test
  void refusedConnectionsAreRetriedAndTheErrorSaysHowOften() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    HttpAirflowTransport down =
        new HttpAirflowTransport(
            AirflowTransportConfig.defaults("http://127.0.0.1:" + port).withResilience(FAST));

    assertThatThrownBy(() -> down.send(DAGS, null))
        .isInstanceOfSatisfying(
            AirflowCallException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.CONNECT);
              assertThat(e.getMessage())
                  .startsWith("could not connect to Airflow at http://127.0.0.1:" + port + ": ")
                  .endsWith(" (3 attempts)");
            });
  }

  @Test
  void aServerThatAcceptsAndHangsUpGetsThreeAttempts() throws Exception {
    AtomicInteger accepted = new AtomicInteger();
    try (ServerSocket hangUp = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor =
          new Thread(
              () -> {
                while (!hangUp.isClosed()) {
                  try (Socket s = hangUp.accept()) {
                    // Read the request, then hang up without a word.
                    s.getInputStream().read(new byte[4096]);
                    accepted.incrementAndGet();
                  } catch (IOException e) {
                    return;
                  }
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      HttpAirflowTransport client =
          new HttpAirflowTransport(
              AirflowTransportConfig.defaults("http://127.0.0.1:" + hangUp.getLocalPort())
                  .withResilience(FAST));

      assertThatThrownBy(() -> client.send(DAGS, null))
          .isInstanceOfSatisfying(
              AirflowCallException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
                assertThat(e.getMessage()).endsWith("(3 attempts)");
              });
      // Three attempts of ours; the JDK client itself re-sends an idempotent request once when a
      // connection closes without an answer, so each attempt may reach the server twice.
      assertThat(accepted.get()).isBetween(3, 6);
    }
  }

  @Test
  void theBulkheadRefusesCallsBeyondItsLimitWithoutSendingThem() throws Exception {
    airflow.stubFor(get(urlEqualTo("/api/v2/dags")).willReturn(okJson("{}").withFixedDelay(800)));
    HttpAirflowTransport client =
        client(
            FAST.withMaxConcurrentCalls(2).withQueueWait(Duration.ofMillis(100)),
            Duration.ofSeconds(5));
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Callable<Object>> calls = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        calls.add(
            () -> {
              try {
                return client.send(DAGS, null).status();
              } catch (AirflowCallException e) {
                return e;
              }
            });
      }
      List<Object> outcomes = new ArrayList<>();
      for (Future<Object> f : pool.invokeAll(calls)) {
        outcomes.add(f.get());
      }
      assertThat(outcomes).filteredOn(o -> o.equals(200)).hasSize(2);
      assertThat(outcomes)
          .filteredOn(o -> o instanceof AirflowCallException)
          .singleElement()
          .satisfies(
              o -> {
                AirflowCallException e = (AirflowCallException) o;
                assertThat(e.kind()).isEqualTo(Kind.BUSY);
                assertThat(e.getMessage())
                    .isEqualTo(
                        "this server already has 2 calls to Airflow in flight, its limit;"
                            + " GET /api/v2/dags was not sent");
              });
      assertThat(requests()).isEqualTo(2);
      assertThat(client.inFlight()).isZero();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aQueuedCallGetsTheNextFreeSlot() throws Exception {
    airflow.stubFor(get(urlEqualTo("/api/v2/dags")).willReturn(okJson("{}").withFixedDelay(200)));
    HttpAirflowTransport client =
        client(
            FAST.withMaxConcurrentCalls(1).withQueueWait(Duration.ofSeconds(3)),
            Duration.ofSeconds(5));
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Callable<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        calls.add(() -> client.send(DAGS, null).status());
      }
      for (Future<Integer> f : pool.invokeAll(calls)) {
        assertThat(f.get()).isEqualTo(200);
      }
      assertThat(requests()).isEqualTo(3);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void backoffGrowsWithJitterWithinItsBounds() {
    Resilience r = Resilience.DEFAULTS.withBackoff(Duration.ofMillis(200), Duration.ofSeconds(2));
    assertThat(r.backoffNanos(1, 0.0)).isEqualTo(Duration.ofMillis(100).toNanos());
    assertThat(r.backoffNanos(1, 0.999))
        .isBetween(Duration.ofMillis(199).toNanos(), Duration.ofMillis(200).toNanos());
    assertThat(r.backoffNanos(2, 0.0)).isEqualTo(Duration.ofMillis(200).toNanos());
    assertThat(r.backoffNanos(3, 0.0)).isEqualTo(Duration.ofMillis(400).toNanos());
    assertThat(r.backoffNanos(9, 0.0)).isEqualTo(Duration.ofSeconds(1).toNanos());
    assertThat(r.backoffNanos(9, 0.999)).isLessThanOrEqualTo(Duration.ofSeconds(2).toNanos());
    assertThatThrownBy(() -> Resilience.DEFAULTS.withMaxConcurrentCalls(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Resilience.DEFAULTS.withMaxAttempts(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
