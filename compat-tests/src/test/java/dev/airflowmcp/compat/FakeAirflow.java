package dev.airflowmcp.compat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A fake Apache Airflow REST API on WireMock (dynamic port) with small, realistic answers taken
 * from the JSON fixtures next to this class ({@code airflow2/*.json}, {@code airflow3/*.json}).
 *
 * <ul>
 *   <li>{@link Mode#AIRFLOW2}: {@code GET /api/v2/version} answers 404, {@code GET /api/v1/version}
 *       answers 2.10.5, data under {@code /api/v1}; any {@code Authorization} header (Basic or
 *       Bearer) is accepted, a request without one gets 401.
 *   <li>{@link Mode#AIRFLOW3}: {@code GET /api/v2/version} answers 3.0.2 without authentication,
 *       {@code POST /auth/token} issues JWTs for {@link #USERNAME}/{@link #PASSWORD} (201), data
 *       under {@code /api/v2}; a request without {@code Authorization}, or with a token passed to
 *       {@link #rejectToken}, gets 401.
 * </ul>
 *
 * Every request is recorded; {@link #requests()} returns them oldest first with the raw (still
 * percent-encoded) path and query.
 */
final class FakeAirflow implements AutoCloseable {

  /** Which Airflow major version the fake behaves like. */
  enum Mode {
    AIRFLOW2("/api/v1", "airflow2"),
    AIRFLOW3("/api/v2", "airflow3");

    private final String apiPrefix;
    private final String fixtureDir;

    Mode(String apiPrefix, String fixtureDir) {
      this.apiPrefix = apiPrefix;
      this.fixtureDir = fixtureDir;
    }

    /** {@code /api/v1} or {@code /api/v2}. */
    String apiPrefix() {
      return apiPrefix;
    }
  }

  /** A DAG id that needs percent-encoding in a path (space and slash). */
  static final String DAG_ID = "sales etl/daily";

  static final String DAG_ID_ENCODED = "sales%20etl%2Fdaily";

  /** A run id with ':' and '+' that must be encoded. */
  static final String DAG_RUN_ID = "manual__2025-01-01T00:00:00+00:00";

  static final String DAG_RUN_ID_ENCODED = "manual__2025-01-01T00%3A00%3A00%2B00%3A00";

  static final String TASK_ID = "load_warehouse";

  /** The Airflow 2 {@code file_token} of {@link #DAG_ID} (from {@code airflow2/dag.json}). */
  static final String FILE_TOKEN =
      "Ii9vcHQvYWlyZmxvdy9kYWdzL3NhbGVzX2V0bC5weSI.Zx3Lk1Qm-9aJcT2rWvY8sN0pE4o";

  /** A mapped task of {@link #DAG_ID} (its instances answer at {@code …/listMapped}). */
  static final String MAPPED_TASK_ID = "load_partition";

  /** The task of {@link #DAG_RUN_ID} whose XCom entries the fake knows. */
  static final String XCOM_TASK_ID = "extract_orders";

  /** A task of the run that has not run yet: its task instance has try_number 0 and no log. */
  static final String NOT_RUN_TASK_ID = "report_upstream_failed";

  /** An XCom key with a space and a '+' that must be percent-encoded in a path. */
  static final String XCOM_KEY = "model metrics+v2";

  static final String XCOM_KEY_ENCODED = "model%20metrics%2Bv2";

  /** A DAG id Airflow does not know (404). */
  static final String MISSING_DAG_ID = "missing_dag";

  /** A DAG whose details answer only after {@link #SLOW_DELAY_MILLIS}. */
  static final String SLOW_DAG_ID = "slow_dag";

  static final int SLOW_DELAY_MILLIS = 2_000;

  /** The only user/password pair {@code POST /auth/token} accepts. */
  static final String USERNAME = "compat-user";

  static final String PASSWORD = "compat-pass-9f3k";

  private static final String TOKEN_SCENARIO = "auth-token";

  private final Mode mode;
  private final WireMockServer server;
  private final List<StubMapping> tokenStubs = new ArrayList<>();

  private FakeAirflow(Mode mode) {
    this.mode = mode;
    this.server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
  }

  /** Starts a fake of the given major version with one default JWT to issue. */
  static FakeAirflow start(Mode mode) {
    FakeAirflow fake = new FakeAirflow(mode);
    fake.server.start();
    fake.stubCommon();
    if (mode == Mode.AIRFLOW2) {
      fake.stubAirflow2();
    } else {
      fake.stubAirflow3();
      fake.issueTokens(jwt("default", Instant.now().plusSeconds(3600)));
    }
    fake.stubData();
    return fake;
  }

  /** {@code http://localhost:<port>}. */
  String baseUrl() {
    return "http://localhost:" + server.port();
  }

  /** The API prefix of this fake's mode. */
  String api() {
    return mode.apiPrefix();
  }

  /** The fixture text for {@code name} (without {@code .json}) in this fake's mode. */
  String fixture(String name) {
    return fixture(mode, name);
  }

  static String fixture(Mode mode, String name) {
    String resource = mode.fixtureDir + "/" + name + ".json";
    try (InputStream in = FakeAirflow.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test fixture " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Airflow 3 only: {@code POST /auth/token} issues these access tokens in order, the last one
   * again for every further request.
   */
  void issueTokens(String... tokens) {
    if (mode != Mode.AIRFLOW3) {
      throw new IllegalStateException("only the Airflow 3 fake has /auth/token");
    }
    for (StubMapping old : tokenStubs) {
      server.removeStub(old);
    }
    tokenStubs.clear();
    server.resetScenarios();
    String state = Scenario.STARTED;
    for (int i = 0; i < tokens.length; i++) {
      boolean last = i == tokens.length - 1;
      String next = last ? state : "token-" + (i + 1);
      tokenStubs.add(
          server.stubFor(
              post(urlPathEqualTo("/auth/token"))
                  .atPriority(4)
                  .withHeader("Content-Type", equalTo("application/json"))
                  .withRequestBody(matchingJsonPath("$.username", equalTo(USERNAME)))
                  .withRequestBody(matchingJsonPath("$.password", equalTo(PASSWORD)))
                  .inScenario(TOKEN_SCENARIO)
                  .whenScenarioStateIs(state)
                  .willSetStateTo(next)
                  .willReturn(
                      json(
                          201,
                          "{\"access_token\": \""
                              + tokens[i]
                              + "\", \"token_type\": \"bearer\"}"))));
      state = next;
    }
  }

  /** Airflow 3 only: every data request carrying {@code Bearer <token>} gets 401 from now on. */
  void rejectToken(String token) {
    server.stubFor(
        get(urlPathMatching(api() + "/.*"))
            .atPriority(1)
            .withHeader("Authorization", equalTo("Bearer " + token))
            .willReturn(json(401, "{\"detail\": \"Invalid JWT token\"}")));
  }

  /** Adds a stub (e.g. for one test); remove it with {@link #remove}. */
  StubMapping stub(com.github.tomakehurst.wiremock.client.MappingBuilder mapping) {
    return server.stubFor(mapping);
  }

  /** Removes a stub added with {@link #stub}. */
  void remove(StubMapping mapping) {
    server.removeStub(mapping);
  }

  /** Forgets the recorded requests (stubs stay). */
  void resetRequests() {
    server.resetRequests();
  }

  /** Every request received since the start or the last {@link #resetRequests()}, oldest first. */
  List<Recorded> requests() {
    List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
    Collections.reverse(events);
    List<Recorded> out = new ArrayList<>();
    for (ServeEvent e : events) {
      var r = e.getRequest();
      Map<String, String> headers = new LinkedHashMap<>();
      for (String name : List.of("Authorization", "Accept", "Content-Type")) {
        if (r.containsHeader(name)) {
          // Joined, so that a header sent twice never equals a single expected value.
          headers.put(name, String.join(", ", r.header(name).values()));
        }
      }
      out.add(
          new Recorded(
              r.getMethod().getName(),
              r.getUrl(),
              headers,
              r.getBodyAsString(),
              e.getResponse().getStatus()));
    }
    return out;
  }

  /**
   * Everything Airflow received, as text: per request the method, the absolute URL, every header
   * with its values and the body. For tests that must show a secret reached Airflow nowhere.
   */
  String everythingReceived() {
    StringBuilder out = new StringBuilder();
    for (ServeEvent e : server.getAllServeEvents()) {
      var r = e.getRequest();
      out.append(r.getMethod().getName()).append(' ').append(r.getAbsoluteUrl()).append('\n');
      for (var h : r.getHeaders().all()) {
        out.append(h.key()).append(": ").append(String.join(", ", h.values())).append('\n');
      }
      out.append(r.getBodyAsString()).append("\n\n");
    }
    return out.toString();
  }

  /** Recorded requests other than the version probes and token requests. */
  List<Recorded> dataRequests() {
    return requests().stream()
        .filter(r -> !r.path().endsWith("/version") && !r.path().equals("/auth/token"))
        .toList();
  }

  @Override
  public void close() {
    server.stop();
  }

  /**
   * One request as Airflow received it.
   *
   * @param method HTTP method
   * @param url raw path and query, percent-encoding preserved
   * @param headers the Authorization, Accept and Content-Type headers that were present (values of
   *     a repeated header joined with ", ")
   * @param body the request body (empty for GET)
   * @param status the status the fake answered with
   */
  record Recorded(String method, String url, Map<String, String> headers, String body, int status) {
    Recorded {
      Objects.requireNonNull(url, "url");
      headers = Map.copyOf(headers);
    }

    /** The raw path, without the query. */
    String path() {
      int q = url.indexOf('?');
      return q < 0 ? url : url.substring(0, q);
    }

    /** The raw query string, or "" when there is none. */
    String rawQuery() {
      int q = url.indexOf('?');
      return q < 0 ? "" : url.substring(q + 1);
    }

    /** Query parameters, decoded, in order (a repeated name keeps every value). */
    Map<String, List<String>> query() {
      Map<String, List<String>> out = new LinkedHashMap<>();
      String raw = rawQuery();
      if (raw.isEmpty()) {
        return out;
      }
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        out.computeIfAbsent(decode(name), k -> new ArrayList<>()).add(decode(value));
      }
      return out;
    }

    /** A header value, or null. */
    String header(String name) {
      return headers.get(name);
    }

    private static String decode(String s) {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
  }

  /**
   * An unsigned JWT (alg none) whose payload has {@code sub} and {@code exp}: the server reads
   * {@code exp} to know when to refresh.
   */
  static String jwt(String subject, Instant expiresAt) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header =
        b64.encodeToString("{\"alg\":\"HS512\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String payload =
        b64.encodeToString(
            ("{\"sub\":\""
                    + subject
                    + "\",\"iss\":\"fake-airflow\",\"exp\":"
                    + expiresAt.getEpochSecond()
                    + "}")
                .getBytes(StandardCharsets.UTF_8));
    String signature = b64.encodeToString(("sig-" + subject).getBytes(StandardCharsets.UTF_8));
    return header + "." + payload + "." + signature;
  }

  // -----------------------------------------------------------------------------------------------
  // Stubs

  private void stubCommon() {
    // Anything not stubbed: Airflow-style 404.
    server.stubFor(any(anyUrl()).atPriority(10).willReturn(json(404, notFoundBody())));
    // Airflow requires authentication for every data endpoint; its health endpoint
    // (/api/v1/health, /api/v2/monitor/health) answers anyone, as load balancers probe it.
    server.stubFor(
        get(urlPathMatching(api() + "/(?!version$|health$|monitor/health$).*"))
            .atPriority(2)
            .withHeader("Authorization", absent())
            .willReturn(json(401, unauthenticatedBody())));
  }

  private void stubAirflow2() {
    server.stubFor(
        get(urlPathEqualTo("/api/v2/version"))
            .atPriority(3)
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "text/html; charset=utf-8")
                    .withBody(
                        "<!doctype html>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n")));
  }

  private void stubAirflow3() {
    // Wrong or missing credentials (the issued-token stubs have a higher priority).
    server.stubFor(
        post(urlPathEqualTo("/auth/token"))
            .atPriority(6)
            .willReturn(json(401, "{\"detail\": \"Invalid credentials\"}")));
  }

  private void stubData() {
    String p = api();
    String dag = p + "/dags/" + DAG_ID_ENCODED;
    String run = dag + "/dagRuns/" + DAG_RUN_ID_ENCODED;
    String ti = run + "/taskInstances/" + TASK_ID;
    ok(p + "/version", "version");
    ok(p + "/dags", "dags");
    ok(dag + "/details", "dag_details");
    ok(p + "/dags/~/dagRuns", "dag_runs");
    ok(dag + "/dagRuns", "dag_runs");
    ok(run, "dag_run");
    ok(dag + "/tasks", "tasks");
    ok(dag + "/tasks/" + TASK_ID, "task");
    ok(ti, "task_instance");
    server.stubFor(
        get(urlPathEqualTo(run + "/taskInstances/" + NOT_RUN_TASK_ID))
            .willReturn(
                json(
                    200,
                    "{\"task_id\": \""
                        + NOT_RUN_TASK_ID
                        + "\", \"dag_id\": \""
                        + DAG_ID
                        + "\", \"state\": \"upstream_failed\", \"try_number\": 0,"
                        + " \"map_index\": -1}")));
    ok(ti + "/logs/3", "log_try3");
    ok(ti + "/logs/1", "log_try1");
    ok(p + "/importErrors", "import_errors");
    // The debugging reads beyond astro's.
    ok(run + "/taskInstances/" + MAPPED_TASK_ID + "/listMapped", "mapped_task_instances");
    ok(ti + "/tries", "task_instance_tries");
    ok(ti + "/dependencies", "task_instance_dependencies");
    String xcoms = run + "/taskInstances/" + XCOM_TASK_ID + "/xcomEntries";
    ok(run + "/taskInstances/~/xcomEntries", "xcom_entries");
    ok(xcoms, "xcom_entries");
    ok(xcoms + "/return_value", "xcom_entry");
    ok(xcoms + "/" + XCOM_KEY_ENCODED, "xcom_entry");
    ok(xcoms + "/api_token", "xcom_entry_secret");
    ok(p + "/eventLogs", "event_logs");
    if (mode == Mode.AIRFLOW2) {
      ok(dag, "dag");
      ok(p + "/dagSources/" + FILE_TOKEN, "dag_source");
      ok(p + "/health", "health");
    } else {
      ok(p + "/dagSources/" + DAG_ID_ENCODED, "dag_source");
      ok(p + "/monitor/health", "health");
      ok(p + "/backfills", "backfills");
      ok(p + "/jobs", "jobs");
    }
    String missing = p + "/dags/" + MISSING_DAG_ID;
    for (String path : List.of(missing, missing + "/details")) {
      server.stubFor(get(urlPathEqualTo(path)).willReturn(json(404, fixture("dag_not_found"))));
    }
    server.stubFor(
        get(urlPathEqualTo(p + "/dags/" + SLOW_DAG_ID + "/details"))
            .willReturn(
                json(
                        200,
                        "{\"dag_id\": \""
                            + SLOW_DAG_ID
                            + "\", \"is_paused\": false,"
                            + " \"owners\": [\"data-eng\"]}")
                    .withFixedDelay(SLOW_DELAY_MILLIS)));
  }

  private void ok(String path, String fixtureName) {
    server.stubFor(get(urlPathEqualTo(path)).willReturn(json(200, fixture(fixtureName))));
  }

  private String notFoundBody() {
    return mode == Mode.AIRFLOW2
        ? "{\"detail\": null, \"status\": 404, \"title\": \"Not Found\", \"type\":"
            + " \"https://airflow.apache.org/docs/apache-airflow/2.10.5/stable-rest-api-ref.html#section/Errors/NotFound\"}"
        : "{\"detail\": \"Not Found\"}";
  }

  private String unauthenticatedBody() {
    return mode == Mode.AIRFLOW2
        ? "{\"detail\": null, \"status\": 401, \"title\": \"Unauthorized\", \"type\":"
            + " \"https://airflow.apache.org/docs/apache-airflow/2.10.5/stable-rest-api-ref.html#section/Errors/Unauthenticated\"}"
        : "{\"detail\": \"Not authenticated\"}";
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }
}
