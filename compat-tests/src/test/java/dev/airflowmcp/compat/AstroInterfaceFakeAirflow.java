package dev.airflowmcp.compat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A fake Airflow REST API (WireMock, dynamic port) for the tools astro-airflow-mcp has beyond DAGs
 * and runs: connections, variables, configuration, pools, plugins, providers, assets (datasets on
 * Airflow 2), DAG stats, DAG warnings and task instances. Answers are the JSON fixtures under
 * {@code astro-interface/airflow2|airflow3/}, shaped as the real API's schemas.
 *
 * <p>Airflow 2 mode answers 404 on {@code /api/v2/version} and 2.10.5 on {@code /api/v1/version};
 * Airflow 3 mode answers 3.0.2 on {@code /api/v2/version}. Authorization is not checked here.
 */
final class AstroInterfaceFakeAirflow implements AutoCloseable {

  /** The Airflow major version the fake plays. */
  enum Mode {
    AIRFLOW2("/api/v1", "airflow2"),
    AIRFLOW3("/api/v2", "airflow3");

    final String prefix;
    final String fixtures;

    Mode(String prefix, String fixtures) {
      this.prefix = prefix;
      this.fixtures = fixtures;
    }
  }

  /** A variable key that does not exist: the fake answers 404. */
  static final String MISSING_VARIABLE = "missing";

  private final Mode mode;
  private final WireMockServer server;

  private AstroInterfaceFakeAirflow(Mode mode, WireMockServer server) {
    this.mode = mode;
    this.server = server;
  }

  static AstroInterfaceFakeAirflow start(Mode mode) {
    WireMockServer server =
        new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    AstroInterfaceFakeAirflow fake = new AstroInterfaceFakeAirflow(mode, server);
    try {
      fake.stubAll();
    } catch (RuntimeException e) {
      server.stop();
      throw e;
    }
    return fake;
  }

  Mode mode() {
    return mode;
  }

  /** {@code http://127.0.0.1:<port>}, the server's AIRFLOW_API_URL. */
  String url() {
    return "http://127.0.0.1:" + server.port();
  }

  /** A fixture's text. */
  String fixture(String name) {
    return fixture(mode, name);
  }

  static String fixture(Mode mode, String name) {
    String path = "dev/airflowmcp/compat/astro-interface/" + mode.fixtures + "/" + name + ".json";
    try (InputStream in =
        AstroInterfaceFakeAirflow.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Adds a stub (e.g. for one test); remove it with {@link #remove}. */
  com.github.tomakehurst.wiremock.stubbing.StubMapping stub(MappingBuilder mapping) {
    return server.stubFor(mapping);
  }

  /** Removes a stub added with {@link #stub}. */
  void remove(com.github.tomakehurst.wiremock.stubbing.StubMapping mapping) {
    server.removeStub(mapping);
  }

  /** Forgets the recorded requests. */
  void resetRequests() {
    server.resetRequests();
  }

  /**
   * The GET requests received under the API prefix, oldest first, as raw (still percent-encoded)
   * path-and-query strings without the prefix, e.g. {@code /connections?limit=100&offset=0}.
   * Version probes are left out.
   */
  List<String> apiCalls() {
    List<String> calls = new ArrayList<>();
    for (LoggedRequest r : requests()) {
      String url = r.getUrl();
      if (r.getMethod().equals(RequestMethod.GET)
          && url.startsWith(mode.prefix + "/")
          && !url.startsWith(mode.prefix + "/version")) {
        calls.add(url.substring(mode.prefix.length()));
      }
    }
    return calls;
  }

  /** Every request received, oldest first. */
  List<LoggedRequest> requests() {
    List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
    events.sort((a, b) -> a.getRequest().getLoggedDate().compareTo(b.getRequest().getLoggedDate()));
    return events.stream().map(ServeEvent::getRequest).toList();
  }

  @Override
  public void close() {
    server.stop();
  }

  private void stubAll() {
    if (mode == Mode.AIRFLOW2) {
      server.stubFor(
          get(urlPathEqualTo("/api/v2/version")).willReturn(aResponse().withStatus(404)));
      server.stubFor(
          get(urlPathEqualTo("/api/v1/version"))
              .willReturn(json("{\"version\": \"2.10.5\", \"git_version\": null}")));
    } else {
      server.stubFor(
          get(urlPathEqualTo("/api/v2/version"))
              .willReturn(json("{\"version\": \"3.0.2\", \"git_version\": null}")));
    }
    answer(get(urlPathEqualTo(mode.prefix + "/connections")), "connections");
    answer(get(urlPathEqualTo(mode.prefix + "/variables")), "variables");
    answer(get(urlPathMatching(mode.prefix + "/variables/[^/]+")), "variable");
    server.stubFor(
        get(urlPathEqualTo(mode.prefix + "/variables/" + MISSING_VARIABLE))
            .atPriority(1)
            .willReturn(json(fixture("not_found")).withStatus(404)));
    answer(get(urlPathEqualTo(mode.prefix + "/config")), "config");
    answer(get(urlPathEqualTo(mode.prefix + "/pools")), "pools");
    answer(get(urlPathMatching(mode.prefix + "/pools/[^/]+")), "pool");
    answer(get(urlPathEqualTo(mode.prefix + "/plugins")), "plugins");
    answer(get(urlPathEqualTo(mode.prefix + "/providers")), "providers");
    answer(get(urlPathEqualTo(mode.prefix + "/dagStats")), "dag_stats");
    answer(get(urlPathEqualTo(mode.prefix + "/dagWarnings")), "dag_warnings");
    answer(
        get(urlPathMatching(mode.prefix + "/dags/[^/]+/dagRuns/[^/]+/taskInstances")),
        "task_instances");
    if (mode == Mode.AIRFLOW2) {
      answer(get(urlPathEqualTo("/api/v1/dags")), "dags");
      answer(get(urlPathEqualTo("/api/v1/datasets")), "datasets");
      answer(get(urlPathEqualTo("/api/v1/datasets/events")), "dataset_events");
      answer(
          get(urlPathMatching("/api/v1/dags/[^/]+/dagRuns/[^/]+/upstreamDatasetEvents")),
          "upstream_events");
    } else {
      answer(get(urlPathEqualTo("/api/v2/assets")), "assets");
      answer(get(urlPathEqualTo("/api/v2/assets/events")), "asset_events");
      answer(
          get(urlPathMatching("/api/v2/dags/[^/]+/dagRuns/[^/]+/upstreamAssetEvents")),
          "upstream_events");
    }
  }

  private void answer(MappingBuilder request, String fixture) {
    server.stubFor(request.atPriority(5).willReturn(json(fixture(fixture))));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(
      String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }
}
