package dev.airflowmcp.runtime.server;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An {@code AIRFLOW_API_URL} with {@code user:password@} (accepted, as astro-airflow-mcp accepts
 * it): the server starts, the configured credentials are the only ones used, and neither the
 * password nor the URL's user reaches Airflow, the MCP output, the warnings or the configuration's
 * text.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AirflowUrlCredentialsTest {
  private static final String URL_USER = "url-user-7q";
  private static final String URL_PASSWORD = "url-Pa55@w0rd-S3CRET";
  private static final String INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
          + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}";
  private static final String INITIALIZED =
      "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

  private WireMockServer airflow;

  @BeforeEach
  void start() {
    airflow = new WireMockServer(options().dynamicPort());
    airflow.start();
    airflow.stubFor(
        get(urlEqualTo("/api/v2/version")).willReturn(okJson("{\"version\":\"3.0.2\"}")));
    airflow.stubFor(
        get(urlPathEqualTo("/api/v2/dags/etl")).willReturn(okJson("{\"dag_id\":\"etl\"}")));
    airflow.stubFor(
        get(urlPathEqualTo("/api/v2/dags/boom"))
            .willReturn(okJson("{\"detail\":\"nope\"}").withStatus(500)));
  }

  @AfterEach
  void stop() {
    airflow.stop();
  }

  /** The ways the URL's secret could be written: plain, URL-encoded, in a Basic header. */
  private static List<String> forbidden() {
    return List.of(
        URL_PASSWORD,
        URLEncoder.encode(URL_PASSWORD, StandardCharsets.UTF_8),
        "S3CRET",
        URL_USER,
        Base64.getEncoder()
            .encodeToString((URL_USER + ":" + URL_PASSWORD).getBytes(StandardCharsets.UTF_8)));
  }

  private String urlWithCredentials() {
    // The '@' of the password is percent-encoded, as RFC 3986 wants it.
    return "http://"
        + URL_USER
        + ":"
        + URLEncoder.encode(URL_PASSWORD, StandardCharsets.UTF_8)
        + "@localhost:"
        + airflow.port()
        + "/";
  }

  @Test
  void theServerStartsAndUsesOnlyTheConfiguredToken() throws Exception {
    List<String> warnings = new ArrayList<>();
    ServerConfig config =
        ServerConfig.parse(
            new String[0],
            Map.of(
                "AIRFLOW_API_URL", urlWithCredentials(), "AIRFLOW_AUTH_TOKEN", "configured-token"),
            warnings::add);

    String stdout = serve(config, "etl", "boom");

    assertThat(stdout).contains("\"dag_id\\\":\\\"etl\\\"").contains("HTTPStatusError");
    List<LoggedRequest> requests = airflow.findAll(anyRequestedFor(anyUrl()));
    assertThat(requests)
        .extracting(r -> r.getUrl().replaceFirst("\\?.*", ""))
        .contains("/api/v2/version", "/api/v2/dags/etl", "/api/v2/dags/boom");
    for (LoggedRequest r : requests) {
      if (!r.getUrl().endsWith("/version")) {
        assertThat(r.getHeader("Authorization")).isEqualTo("Bearer configured-token");
      }
    }
    assertNowhere(requests, stdout, warnings, config);
    assertThat(warnings).singleElement().asString().contains("host localhost");
  }

  @Test
  void withNoConfiguredCredentialsTheUrlsAreNotUsedAndTheCallFails() throws Exception {
    List<String> warnings = new ArrayList<>();
    ServerConfig config =
        ServerConfig.parse(
            new String[0], Map.of("AIRFLOW_API_URL", urlWithCredentials()), warnings::add);

    String stdout = serve(config, "etl");

    assertThat(stdout).contains("AuthenticationError");
    List<LoggedRequest> requests = airflow.findAll(anyRequestedFor(anyUrl()));
    assertThat(requests).extracting(LoggedRequest::getUrl).noneMatch(u -> u.contains("/dags/"));
    assertThat(requests).allSatisfy(r -> assertThat(r.containsHeader("Authorization")).isFalse());
    assertNowhere(requests, stdout, warnings, config);
  }

  private static void assertNowhere(
      List<LoggedRequest> requests, String stdout, List<String> warnings, ServerConfig config) {
    StringBuilder seenByAirflow = new StringBuilder();
    for (LoggedRequest r : requests) {
      seenByAirflow
          .append(r.getAbsoluteUrl())
          .append('\n')
          .append(r.getBodyAsString())
          .append('\n');
      for (HttpHeader h : r.getHeaders().all()) {
        seenByAirflow.append(h.key()).append(": ").append(h.values()).append('\n');
      }
    }
    for (String secret : forbidden()) {
      assertThat(seenByAirflow.toString()).as("what Airflow received").doesNotContain(secret);
      assertThat(stdout).as("the MCP output").doesNotContain(secret);
      assertThat(String.join("\n", warnings)).as("the warnings").doesNotContain(secret);
      assertThat(config.toString()).as("the configuration's text").doesNotContain(secret);
    }
  }

  /** Runs the stdio server: initialize, then get_dag for each id; returns stdout. */
  private static String serve(ServerConfig config, String... dagIds) throws InterruptedException {
    List<String> lines = new ArrayList<>(List.of(INITIALIZE, INITIALIZED));
    int id = 2;
    for (String dagId : dagIds) {
      lines.add(
          "{\"jsonrpc\":\"2.0\",\"id\":"
              + id++
              + ",\"method\":\"tools/call\",\"params\":"
              + "{\"name\":\"get_dag\",\"arguments\":{\"dag_id\":\""
              + dagId
              + "\"}}}");
    }
    byte[] input = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    try (ServerRuntime runtime =
        ServerRuntime.create(
            config,
            ToolRegistry.of(new TestCatalog(), AirflowUrlCredentialsTest.class.getClassLoader()))) {
      StdioServer.run(runtime, new ByteArrayInputStream(input), stdout);
    }
    return stdout.toString(StandardCharsets.UTF_8);
  }
}
