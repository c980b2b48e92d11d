package dev.airflowmcp.runtime.server;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.airflowmcp.runtime.server.revision.Revisions;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The opening answered before the SDK's server is built ({@link EarlyAnswers}) against the SDK's
 * own answers: the same stdin through both paths must give the same stdout lines, byte for byte.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EarlyAnswersTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String INITIALIZED =
      "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

  private WireMockServer airflow;
  private ServerRuntime runtime;

  @BeforeEach
  void start() {
    airflow = new WireMockServer(options().dynamicPort());
    airflow.start();
    airflow.stubFor(
        get(urlEqualTo("/api/v2/version")).willReturn(okJson("{\"version\":\"3.0.2\"}")));
    runtime = McpCalls.stdioRuntime(airflow.port());
  }

  @AfterEach
  void stop() {
    airflow.stop();
  }

  private static String initialize(String id, String version, String capabilities) {
    return "{\"jsonrpc\":\"2.0\",\"id\":"
        + id
        + ",\"method\":\"initialize\",\"params\":{"
        + (version == null ? "" : "\"protocolVersion\":\"" + version + "\",")
        + "\"capabilities\":"
        + capabilities
        + ",\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}";
  }

  private static String request(String id, String method, String params) {
    return "{\"jsonrpc\":\"2.0\",\"id\":"
        + id
        + ",\"method\":\""
        + method
        + "\""
        + (params == null ? "" : ",\"params\":" + params)
        + "}";
  }

  /** One opening, and how many of its requests the early path answers. */
  record Case(String name, List<String> lines, int early) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    List<Case> cases = new ArrayList<>();
    List<String> versions = new ArrayList<>(Revisions.LEGACY);
    versions.addAll(List.of("2099-01-01", Revisions.MODERN, "2024-10-07", ""));
    for (String v : versions) {
      cases.add(
          new Case(
              "version " + v,
              List.of(
                  initialize("1", v, "{}"),
                  INITIALIZED,
                  request("2", "tools/list", null),
                  request("3", "ping", null)),
              2));
    }
    cases.add(
        new Case(
            "string ids with escapes",
            List.of(
                initialize("\"init-\\u00e9\\\"x\"", "2025-06-18", "{}"),
                INITIALIZED,
                request("\"list \\\\ 2\"", "tools/list", "{}")),
            2));
    cases.add(
        new Case(
            "big integer ids",
            List.of(
                initialize("9007199254740993", "2025-11-25", "{}"),
                INITIALIZED,
                request("0", "tools/list", null)),
            2));
    cases.add(
        new Case(
            "client capabilities and extensions",
            List.of(
                initialize(
                    "1",
                    "2025-11-25",
                    "{\"roots\":{\"listChanged\":true},\"sampling\":{},\"elicitation\":{},"
                        + "\"extensions\":{\"io.modelcontextprotocol/tasks\":{}},"
                        + "\"experimental\":{\"x\":{\"y\":1}}}"),
                INITIALIZED,
                request("2", "tools/list", "{\"_meta\":{\"progressToken\":5}}")),
            2));
    cases.add(
        new Case(
            "tools/list with a cursor",
            List.of(
                initialize("1", "2025-03-26", "{}"),
                INITIALIZED,
                request("2", "tools/list", "{\"cursor\":\"abc\"}"),
                request("3", "tools/list", null)),
            2));
    cases.add(
        new Case(
            "no protocolVersion (the SDK answers it as an unknown one)",
            List.of(initialize("1", null, "{}"), INITIALIZED, request("2", "tools/list", null)),
            2));
    cases.add(
        new Case(
            "ping first",
            List.of(
                request("0", "ping", null),
                initialize("1", "2025-06-18", "{}"),
                INITIALIZED,
                request("2", "tools/list", null)),
            0));
    cases.add(
        new Case(
            "tools/list before initialized",
            List.of(
                initialize("1", "2025-06-18", "{}"), request("2", "tools/list", null), INITIALIZED),
            1));
    cases.add(
        new Case(
            "a call instead of tools/list",
            List.of(
                initialize("1", "2025-06-18", "{}"),
                INITIALIZED,
                request("2", "resources/list", null),
                request("3", "tools/list", null)),
            1));
    cases.add(
        new Case(
            "a 2026 request first",
            List.of(
                request(
                    "\"d\"",
                    "server/discover",
                    "{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"}}"),
                initialize("1", "2025-06-18", "{}"),
                INITIALIZED,
                request("2", "tools/list", null)),
            0));
    cases.add(
        new Case(
            "same id twice",
            List.of(
                initialize("1", "2025-06-18", "{}"),
                INITIALIZED,
                request("1", "tools/list", null),
                request("1", "ping", null)),
            1));
    return cases.stream();
  }

  /** Stdout of one run, stdin closed after {@code lines}. */
  private List<String> serve(List<String> lines, boolean early, AtomicInteger answered)
      throws InterruptedException {
    byte[] input = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    StdioServer.run(runtime, new ByteArrayInputStream(input), stdout, early, answered);
    List<String> out = new ArrayList<>();
    for (String line : stdout.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        out.add(line);
      }
    }
    return out;
  }

  /** Reply lines by id (in order of their ids' first reply), other lines after them in order. */
  private static Map<String, List<String>> byId(List<String> lines) {
    Map<String, List<String>> byId = new TreeMap<>();
    for (String line : lines) {
      JsonNode node = JSON.readTree(line);
      String key = node.has("id") && !node.has("method") ? node.get("id").toString() : "~other";
      byId.computeIfAbsent(key, k -> new ArrayList<>()).add(line);
    }
    return byId;
  }

  @ParameterizedTest
  @MethodSource("cases")
  void theEarlyPathWritesTheSdksOwnLines(Case c) throws Exception {
    List<String> sdk = serve(c.lines(), false, null);
    AtomicInteger answered = new AtomicInteger(-1);
    List<String> early = serve(c.lines(), true, answered);

    assertThat(byId(early)).isEqualTo(byId(sdk));
    assertThat(answered.get()).as("requests answered early").isEqualTo(c.early());
    assertThat(sdk).isNotEmpty();
  }

  @Test
  void theVersionListIsTheSdkTransports() {
    assertThat(EarlyAnswers.SDK_PROTOCOL_VERSIONS)
        .isEqualTo(
            new StdioServerTransportProvider(
                    McpJsonDefaults.getMapper(),
                    InputStream.nullInputStream(),
                    OutputStream.nullOutputStream())
                .protocolVersions());
  }

  /**
   * An interactive client: each answer is read before the next message is sent, stdin stays open
   * until the end; the session then goes on on the SDK (a call, a ping) with no answer twice.
   */
  @Test
  void anInteractiveOpeningIsAnsweredEarlyAndTheSessionGoesOn() throws Exception {
    airflow.stubFor(
        get(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/api/v2/dags/etl"))
            .willReturn(okJson("{\"dag_id\":\"etl\"}")));
    PipedOutputStream toServer = new PipedOutputStream();
    PipedInputStream stdin = new PipedInputStream(toServer, 1 << 16);
    PipedInputStream fromServer = new PipedInputStream(1 << 20);
    PipedOutputStream stdout = new PipedOutputStream(fromServer);
    AtomicInteger answered = new AtomicInteger(-1);
    CompletableFuture<Void> server =
        CompletableFuture.runAsync(
            () -> {
              try {
                StdioServer.run(runtime, stdin, stdout, true, answered);
                stdout.close();
              } catch (InterruptedException | IOException e) {
                throw new IllegalStateException(e);
              }
            });
    java.io.BufferedReader replies =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(fromServer, StandardCharsets.UTF_8));
    send(toServer, initialize("1", "2025-06-18", "{}"));
    assertThat(JSON.readTree(replies.readLine()).at("/result/protocolVersion").asString())
        .isEqualTo("2025-06-18");
    send(toServer, INITIALIZED);
    send(toServer, request("2", "tools/list", null));
    JsonNode list = JSON.readTree(replies.readLine());
    assertThat(list.get("id").asInt()).isEqualTo(2);
    assertThat(list.at("/result/tools").size()).isPositive();
    send(
        toServer,
        request("3", "tools/call", "{\"name\":\"get_dag\",\"arguments\":{\"dag_id\":\"etl\"}}"));
    send(toServer, request("4", "ping", null));
    List<JsonNode> rest = new ArrayList<>();
    rest.add(JSON.readTree(replies.readLine()));
    rest.add(JSON.readTree(replies.readLine()));
    toServer.close();
    server.get(30, TimeUnit.SECONDS);
    assertThat(replies.readLine()).as("nothing after the last answer").isNull();
    assertThat(rest).extracting(n -> n.get("id").asInt()).containsExactlyInAnyOrder(3, 4);
    assertThat(answered.get()).isEqualTo(2);
  }

  private static void send(OutputStream out, String line) throws IOException {
    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
