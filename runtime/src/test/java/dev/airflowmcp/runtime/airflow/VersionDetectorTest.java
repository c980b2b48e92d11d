package dev.airflowmcp.runtime.airflow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.airflowmcp.common.AirflowMajor;
import dev.airflowmcp.runtime.airflow.AirflowCallException.Kind;
import dev.airflowmcp.runtime.auth.PasswordCredentials;
import dev.airflowmcp.runtime.auth.StaticTokenCredentials;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VersionDetectorTest {
  private WireMockServer airflow;
  private HttpAirflowTransport client;
  private VersionDetector detector;
  private String base;

  @BeforeEach
  void start() {
    airflow = new WireMockServer(options().dynamicPort());
    airflow.start();
    base = "http://localhost:" + airflow.port();
    client = new HttpAirflowTransport(AirflowTransportConfig.defaults(base));
    detector = new VersionDetector(client, Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    airflow.stop();
  }

  private int requests() {
    return airflow.findAll(anyRequestedFor(anyUrl())).size();
  }

  private void answer(String path, int status, String body) {
    airflow.stubFor(
        get(urlEqualTo(path))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody(body)));
  }

  @Test
  void airflow3AnswersWithoutAuthorization() throws Exception {
    answer("/api/v2/version", 200, "{\"version\": \"3.0.2\", \"git_version\": null}");

    AirflowVersion version = detector.detect(new StaticTokenCredentials("tok"));

    assertThat(version).isEqualTo(new AirflowVersion("3.0.2", AirflowMajor.AIRFLOW3));
    airflow.verify(getRequestedFor(urlEqualTo("/api/v2/version")).withoutHeader("Authorization"));
    assertThat(requests()).isEqualTo(1);
  }

  @Test
  void aProtectedV2VersionIsRetriedWithTheCredentials() throws Exception {
    airflow.stubFor(
        get(urlEqualTo("/api/v2/version"))
            .withHeader("Authorization", equalTo("Bearer tok"))
            .willReturn(okJson("{\"version\": \"3.2.0\"}")));
    airflow.stubFor(
        get(urlEqualTo("/api/v2/version"))
            .withHeader("Authorization", absent())
            .willReturn(aResponse().withStatus(401)));

    assertThat(detector.detect(new StaticTokenCredentials("tok")).major())
        .isEqualTo(AirflowMajor.AIRFLOW3);
    assertThat(requests()).isEqualTo(2);
  }

  @Test
  void airflow2IsFoundOnV1WithBasicAuth() throws Exception {
    String basic =
        "Basic " + Base64.getEncoder().encodeToString("alice:pw".getBytes(StandardCharsets.UTF_8));
    answer("/api/v2/version", 404, "{\"detail\": \"Not Found\"}");
    airflow.stubFor(
        get(urlEqualTo("/api/v1/version"))
            .withHeader("Authorization", equalTo(basic))
            .willReturn(okJson("{\"version\": \"2.10.5\", \"git_version\": \".release:abc\"}")));

    AirflowVersion version =
        detector.detect(new PasswordCredentials(client, "alice", "pw", Clock.systemUTC()));

    assertThat(version).isEqualTo(new AirflowVersion("2.10.5", AirflowMajor.AIRFLOW2));
    airflow.verify(
        getRequestedFor(urlEqualTo("/api/v1/version")).withHeader("Authorization", equalTo(basic)));
    // No token was requested: Airflow 2 has no /auth/token.
    assertThat(requests()).isEqualTo(2);
  }

  @Test
  void bothProbesFailingNamesEachOutcome() {
    answer("/api/v2/version", 404, "{}");
    answer("/api/v1/version", 502, "bad gateway");

    assertThatThrownBy(() -> detector.detect(null))
        .isInstanceOfSatisfying(
            AirflowCallException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.VERSION_DETECTION);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "could not detect the Airflow version at "
                          + base
                          + ": /api/v2/version: HTTP 404; /api/v1/version: HTTP 502");
            });
  }

  @Test
  void timeoutsAndNonJsonAnswersAreNamed() {
    airflow.stubFor(
        get(urlEqualTo("/api/v2/version")).willReturn(okJson("{}").withFixedDelay(2000)));
    airflow.stubFor(
        get(urlEqualTo("/api/v1/version"))
            .willReturn(aResponse().withStatus(200).withBody("<html>login</html>")));
    VersionDetector impatient =
        new VersionDetector(
            new HttpAirflowTransport(
                AirflowTransportConfig.defaults(base).withRequestTimeout(Duration.ofMillis(300))),
            Clock.systemUTC());

    assertThatThrownBy(() -> impatient.detect(null))
        .hasMessage(
            "could not detect the Airflow version at "
                + base
                + ": /api/v2/version: timed out; /api/v1/version: not a JSON version answer");
  }

  @Test
  void nothingListening() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String closed = "http://127.0.0.1:" + port;
    VersionDetector nowhere =
        new VersionDetector(
            new HttpAirflowTransport(AirflowTransportConfig.defaults(closed)), Clock.systemUTC());

    assertThatThrownBy(() -> nowhere.detect(null))
        .hasMessage(
            "could not detect the Airflow version at "
                + closed
                + ": /api/v2/version: could not connect; /api/v1/version: could not connect");
  }

  @Test
  void failuresAreRetriedAndTheFirstSuccessIsCached() throws Exception {
    answer("/api/v2/version", 500, "{}");
    answer("/api/v1/version", 404, "{}");
    assertThatThrownBy(() -> detector.detect(null)).isInstanceOf(AirflowCallException.class);
    assertThat(detector.detected()).isEmpty();
    assertThat(requests()).isEqualTo(2);

    answer("/api/v2/version", 200, "{\"version\": \"3.0.3rc6\"}");
    assertThat(detector.detect(null).version()).isEqualTo("3.0.3rc6");
    assertThat(requests()).isEqualTo(3);

    answer("/api/v2/version", 500, "{}");
    assertThat(detector.detect(null).major()).isEqualTo(AirflowMajor.AIRFLOW3);
    assertThat(detector.detected()).contains(new AirflowVersion("3.0.3rc6", AirflowMajor.AIRFLOW3));
    assertThat(requests()).isEqualTo(3);
  }

  @Test
  void concurrentCallersShareOneDetection() throws Exception {
    airflow.stubFor(
        get(urlEqualTo("/api/v2/version"))
            .willReturn(okJson("{\"version\": \"3.0.2\"}").withFixedDelay(100)));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<AirflowVersion>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  return detector.detect(null);
                }));
      }
      go.countDown();
      for (Future<AirflowVersion> result : results) {
        assertThat(result.get().major()).isEqualTo(AirflowMajor.AIRFLOW3);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(requests()).isEqualTo(1);
  }

  @Test
  void newerMajorsUseTheAirflow3Api() throws Exception {
    answer("/api/v2/version", 200, "{\"version\": \"4.1.0\"}");

    assertThat(detector.detect(null)).isEqualTo(new AirflowVersion("4.1.0", AirflowMajor.AIRFLOW3));
  }

  @Test
  void oldOrUnparsableVersionsAreUnsupported() {
    answer("/api/v2/version", 404, "{}");
    answer("/api/v1/version", 200, "{\"version\": \"1.10.15\"}");
    assertThatThrownBy(() -> detector.detect(null))
        .isInstanceOfSatisfying(
            AirflowCallException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.VERSION_DETECTION);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "unsupported Airflow version 1.10.15 at "
                          + base
                          + " (Airflow 2 and 3 are supported)");
            });

    answer("/api/v1/version", 200, "{\"version\": \"main\"}");
    assertThatThrownBy(() -> detector.detect(null))
        .hasMessageStartingWith("unsupported Airflow version main at ");
    assertThat(detector.detected()).isEmpty();
  }
}
