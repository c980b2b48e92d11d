package dev.airflowmcp.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airflowmcp.compat.FakeAirflow.Mode;
import dev.airflowmcp.compat.FakeAirflow.Recorded;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * An {@code AIRFLOW_API_URL} with {@code user:password@}, as astro-airflow-mcp users may have it:
 * the packaged server starts, uses only the configured credentials, warns on stderr naming only the
 * host, and the URL's password (nor its user) appears nowhere: not in stdout (every MCP message),
 * stderr (logs and warnings), results, errors, or anything the fake Airflow received.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AirflowUrlCredentialsTest {
  private static final String URL_USER = "deploy-bot-4k";
  private static final String URL_PASSWORD = "url-Pa55@w0rd-Zq81";
  private static final String TOKEN = "compat-url-token-2Wd9";

  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
    open.clear();
  }

  /** Every form the secret could take: plain, URL-encoded, in a Basic header; and the user. */
  private static List<String> forbidden() {
    return List.of(
        URL_PASSWORD,
        URLEncoder.encode(URL_PASSWORD, StandardCharsets.UTF_8),
        "Zq81",
        URL_USER,
        Base64.getEncoder()
            .encodeToString((URL_USER + ":" + URL_PASSWORD).getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * {@code http://<user>:<password>@localhost:<port>/deployment/} (the '@' of the password
   * encoded).
   */
  private static String urlWithCredentials(String hostAndPort) {
    return "http://"
        + URL_USER
        + ":"
        + URLEncoder.encode(URL_PASSWORD, StandardCharsets.UTF_8)
        + "@"
        + hostAndPort
        + "/";
  }

  @Test
  void theServerStartsAndThePasswordIsNowhere() throws Exception {
    JsonNode astro = AstroDifferences.astro("url-credentials");
    FakeAirflow airflow = FakeAirflow.start(Mode.AIRFLOW2);
    open.add(airflow);
    String url = urlWithCredentials(airflow.baseUrl().substring("http://".length()));

    Ran ran =
        runStdio(
            Map.of("AIRFLOW_API_URL", url, "AIRFLOW_AUTH_TOKEN", TOKEN),
            call(2, "list_dags", "{}"),
            call(3, "get_dag_details", "{\"dag_id\": \"" + FakeAirflow.MISSING_DAG_ID + "\"}"));

    assertThat(ran.exitCode()).as("stderr:\n%s", ran.stderr()).isZero();
    JsonNode dags = reply(ran, 2);
    assertThat(dags.at("/result/isError").asBoolean(false)).isFalse();
    assertThat(dags.at("/result/content/0/text").asString()).contains("total_dags");
    JsonNode missing = reply(ran, 3);
    assertThat(missing.at("/result/isError").asBoolean()).isTrue();
    assertThat(missing.at("/result/content/0/text").asString()).contains("NotFoundError");
    // The configured token is what Airflow gets, on every data request.
    List<Recorded> data = airflow.dataRequests();
    assertThat(data).isNotEmpty();
    assertThat(data).extracting(r -> r.header("Authorization")).containsOnly("Bearer " + TOKEN);
    // One warning, naming only the host.
    assertThat(ran.stderr()).contains("user:password@").contains("host localhost");
    assertThat(astro.get("starts").asBoolean()).isTrue();
    assertThat(astro.get("url_user_info_in_api_calls").asBoolean()).isFalse();

    assertNowhere("stdout", ran.stdout());
    assertNowhere("stderr", ran.stderr());
    assertNowhere("what Airflow received", airflow.everythingReceived());

    // An Airflow that cannot be reached: the error names the URL, without the credentials.
    Ran dead =
        runStdio(
            Map.of(
                "AIRFLOW_API_URL", urlWithCredentials("127.0.0.1:9"), "AIRFLOW_AUTH_TOKEN", TOKEN),
            call(2, "list_dags", "{}"));
    String error = reply(dead, 2).at("/result/content/0/text").asString();
    assertThat(error).contains("VersionDetectionError").contains("http://127.0.0.1:9");
    assertNowhere("the error result", error);
    assertNowhere("stdout", dead.stdout());
    assertNowhere("stderr", dead.stderr());
  }

  @Test
  void overHttpThePasswordIsNowhereEither() {
    Deployment d =
        Deployment.start(
            new Scenario(Mode.AIRFLOW3, Scenario.Transport.HTTP),
            airflow ->
                ServerProcess.Settings.token(
                    urlWithCredentials(airflow.baseUrl().substring("http://".length())), TOKEN),
            null);
    open.add(d);
    JsonNode astro = AstroDifferences.astro("url-credentials");

    String dags = ToolResults.text(d.call("list_dags", Map.of()));
    String missing =
        ToolResults.text(d.call("get_dag_details", Map.of("dag_id", FakeAirflow.MISSING_DAG_ID)));

    assertThat(dags).contains("total_dags");
    assertThat(missing).contains("NotFoundError");
    assertThat(d.airflow().dataRequests())
        .extracting(r -> r.header("Authorization"))
        .containsOnly("Bearer " + TOKEN);
    assertThat(astro.get("credentials_used").asString()).isEqualTo("the configured ones");
    assertThat(d.server().stderr()).contains("host localhost");
    assertNowhere("results", dags + missing);
    assertNowhere("stderr", d.server().stderr());
    assertNowhere("what Airflow received", d.airflow().everythingReceived());
  }

  @Test
  void theConfiguredUsernameAndPasswordApplyOnAirflow3() {
    // The fake issues tokens only for FakeAirflow.USERNAME/PASSWORD: a token means they were used.
    Deployment d =
        Deployment.start(
            new Scenario(Mode.AIRFLOW3, Scenario.Transport.STDIO),
            airflow ->
                ServerProcess.Settings.password(
                    urlWithCredentials(airflow.baseUrl().substring("http://".length())),
                    FakeAirflow.USERNAME,
                    FakeAirflow.PASSWORD),
            null);
    open.add(d);
    JsonNode astro = AstroDifferences.astro("url-credentials");

    ToolResults.success(d.call("list_dags", Map.of()), d);

    List<Recorded> token =
        d.airflow().requests().stream().filter(r -> r.path().equals("/auth/token")).toList();
    assertThat(token)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.status()).isEqualTo(201);
              assertThat(ToolResults.parse(r.body()).get("username").asString())
                  .isEqualTo(FakeAirflow.USERNAME);
            });
    assertThat(d.airflow().dataRequests())
        .extracting(r -> r.header("Authorization"))
        .allSatisfy(h -> assertThat(h).startsWith("Bearer "));
    assertThat(astro.get("credentials_used").asString()).isEqualTo("the configured ones");
    assertNowhere("what Airflow received", d.airflow().everythingReceived());
    assertNowhere("stderr", d.server().stderr());
  }

  // ---------------------------------------------------------------------------------------------

  private static void assertNowhere(String where, String text) {
    for (String secret : forbidden()) {
      assertThat(text).as("%s carries '%s'", where, secret).doesNotContain(secret);
    }
  }

  private record Ran(int exitCode, String stdout, String stderr) {}

  private static String call(int id, String tool, String arguments) {
    return "{\"jsonrpc\":\"2.0\",\"id\":"
        + id
        + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
        + tool
        + "\",\"arguments\":"
        + arguments
        + "}}";
  }

  /**
   * Runs the packaged jar over stdio: initialize, the given requests, then end of input; the server
   * answers what is pending and exits.
   */
  private Ran runStdio(Map<String, String> env, String... requests) throws Exception {
    ServerProcess server = ServerProcess.start(env, "--transport", "stdio");
    open.add(server);
    List<String> lines = new ArrayList<>();
    lines.add(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
            + "\"clientInfo\":{\"name\":\"url-credentials\",\"version\":\"1\"}}}");
    lines.add("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    lines.addAll(List.of(requests));
    try (OutputStream stdin = server.process().getOutputStream()) {
      stdin.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    String stdout;
    try (InputStream out = server.process().getInputStream()) {
      stdout = new String(out.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(server.waitForExit(Duration.ofSeconds(60))).as("exits at end of input").isTrue();
    return new Ran(server.process().exitValue(), stdout, server.stderr());
  }

  private static JsonNode reply(Ran ran, int id) throws IOException {
    for (String line : ran.stdout().split("\n")) {
      if (!line.isBlank()) {
        JsonNode message = ToolResults.parse(line);
        if (message.path("id").asInt(-1) == id) {
          return message;
        }
      }
    }
    throw new AssertionError(
        "no reply " + id + " in stdout:\n" + ran.stdout() + "\nstderr:\n" + ran.stderr());
  }
}
