package dev.airflowmcp.runtime.server;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.airflowmcp.runtime.airflow.AirflowGateway;
import dev.airflowmcp.runtime.airflow.AirflowTransportConfig;
import dev.airflowmcp.runtime.airflow.HttpAirflowTransport;
import dev.airflowmcp.runtime.airflow.VersionDetector;
import dev.airflowmcp.runtime.auth.AirflowCredentials;
import dev.airflowmcp.runtime.auth.StaticTokenCredentials;
import dev.airflowmcp.runtime.pipeline.ArgumentValidator;
import dev.airflowmcp.runtime.pipeline.AuditSink;
import dev.airflowmcp.runtime.pipeline.ToolPipeline;
import dev.airflowmcp.runtime.ratelimit.RateLimiter;
import dev.airflowmcp.runtime.redaction.SensitiveKeyRedactor;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(30)
class HttpServerTest {
  private static final String INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
          + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";

  /** A stack trace as text or as the JSON of a serialised exception. */
  private static final Pattern STACK_TRACE =
      Pattern.compile(
          "(\\bat [\\w.$]+\\(|Exception|Caused by|\\.java|\\tat |stackTrace|className|lineNumber"
              + "|localizedMessage|io\\.modelcontextprotocol|org\\.eclipse)");

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private WireMockServer airflow;
  private HttpServer server;
  private int port;

  @BeforeAll
  void start() throws Exception {
    airflow = new WireMockServer(options().dynamicPort());
    airflow.start();
    server = HttpServer.start(runtime(null), config(List.of("https://App.Example.com/")));
    port = server.port();
  }

  @AfterAll
  void stop() {
    server.close();
    airflow.stop();
  }

  @BeforeEach
  void resetAirflow() {
    airflow.resetAll();
    airflow.stubFor(
        get(urlEqualTo("/api/v2/version")).willReturn(okJson("{\"version\":\"3.0.2\"}")));
  }

  private ServerRuntime runtime(AirflowCredentials service) {
    HttpAirflowTransport client =
        new HttpAirflowTransport(
            AirflowTransportConfig.defaults("http://localhost:" + airflow.port()));
    ToolPipeline pipeline =
        new ToolPipeline(
            new AirflowGateway(client),
            new VersionDetector(client, Clock.systemUTC()),
            new ToolPipeline.Hooks(
                ArgumentValidator.NONE,
                RateLimiter.UNLIMITED,
                new SensitiveKeyRedactor(),
                AuditSink.NONE),
            60_000);
    ToolRegistry registry = ToolRegistry.of(new TestCatalog(), getClass().getClassLoader());
    return new ServerRuntime(registry, pipeline, service, "9.9.9-test");
  }

  private static ServerConfig config(List<String> origins) {
    return new ServerConfig(
        ServerConfig.Transport.HTTP,
        "127.0.0.1",
        0,
        "http://unused",
        null,
        null,
        null,
        true,
        null,
        false,
        origins);
  }

  private static McpSyncClient client(int port, String authorization) {
    HttpClientStreamableHttpTransport.Builder transport =
        HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + port).endpoint("/mcp");
    if (authorization != null) {
      transport.addHttpRequestCustomizer(
          (request, method, uri, body, context) -> request.header("Authorization", authorization));
    }
    return McpClient.sync(transport.build()).requestTimeout(Duration.ofSeconds(10)).build();
  }

  private static CallToolRequest call(String tool, Map<String, Object> arguments) {
    return CallToolRequest.builder(tool).arguments(arguments).build();
  }

  private static String text(CallToolResult result) {
    return ((TextContent) result.content().get(0)).text();
  }

  private void stubDagFor(String authorization, String owner) {
    airflow.stubFor(
        get(urlPathEqualTo("/api/v2/dags/etl"))
            .withHeader("Authorization", equalTo(authorization))
            .willReturn(okJson("{\"dag_id\":\"etl\",\"owner\":\"" + owner + "\"}")));
  }

  // --- guard -----------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://evil.example",
        "https://localhost.evil.example",
        "null",
        "file://",
        "http://127.0.0.2:80"
      })
  void foreignOriginsAreForbidden(String origin) throws Exception {
    RawHttp.Response r =
        RawHttp.postJson(port, INITIALIZE, "Authorization: Bearer a", "Origin: " + origin);
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.body()).isEqualTo("{\"error\":\"forbidden origin\"}");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"evil.example", "evil.example:80", "localhost.evil.example", "127.0.0.1.nip.io"})
  void foreignHostsAreForbidden(String host) throws Exception {
    RawHttp.Response r =
        RawHttp.postJson(port, INITIALIZE, "Authorization: Bearer a", "Host: " + host);
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.body()).isEqualTo("{\"error\":\"forbidden host\"}");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://localhost:3000",
        "http://127.0.0.1:5173",
        "http://[::1]:8080",
        "https://localhost",
        "https://app.example.com",
        "https://app.example.com/"
      })
  void loopbackAndConfiguredOriginsAreAccepted(String origin) throws Exception {
    RawHttp.Response r =
        RawHttp.postJson(port, INITIALIZE, "Authorization: Bearer a", "Origin: " + origin);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).contains("\"serverInfo\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "127.0.0.1", "[::1]"})
  void loopbackHostNamesAreAccepted(String host) throws Exception {
    RawHttp.Response r =
        RawHttp.postJson(port, INITIALIZE, "Authorization: Bearer a", "Host: " + host + ":" + port);
    assertThat(r.status()).isEqualTo(200);
  }

  @Test
  void withoutAuthorizationOrServiceCredentialsTheAnswerIs401() throws Exception {
    RawHttp.Response r = RawHttp.postJson(port, INITIALIZE);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.headers()).containsEntry("www-authenticate", "Bearer");
    assertThat(r.body()).contains("Authorization header");

    RawHttp.Response blank = RawHttp.postJson(port, INITIALIZE, "Authorization:  ");
    assertThat(blank.status()).isEqualTo(401);
  }

  @Test
  void anOversizeDeclaredBodyIs413() throws Exception {
    RawHttp.Response r =
        RawHttp.send(
            port,
            "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer a\r\n"
                + "Content-Type: application/json\r\nContent-Length: "
                + (HttpServer.MAX_REQUEST_BYTES + 1),
            new byte[0]);
    assertThat(r.status()).isEqualTo(413);
  }

  @Test
  void anOversizeChunkedBodyIsRefused() throws Exception {
    StringBuilder json =
        new StringBuilder(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\"");
    json.append("x".repeat(HttpServer.MAX_REQUEST_BYTES + 10)).append("\"}}");
    byte[] data = json.toString().getBytes(StandardCharsets.UTF_8);
    java.io.ByteArrayOutputStream chunked = new java.io.ByteArrayOutputStream();
    for (int off = 0; off < data.length; off += 65536) {
      int n = Math.min(65536, data.length - off);
      chunked.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      chunked.write(data, off, n);
      chunked.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }
    chunked.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));

    RawHttp.Response r =
        RawHttp.send(
            port,
            "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer a\r\n"
                + "Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                + "Transfer-Encoding: chunked",
            chunked.toByteArray());

    assertThat(r.status()).isEqualTo(413);
    assertThat(r.body()).doesNotContainPattern(STACK_TRACE);
  }

  // --- MCP through the Java SDK client ---------------------------------------------------------

  @Test
  void anMcpClientInitializesListsToolsWithoutAliasesAndCallsThem() {
    stubDagFor("Bearer alice-token", "alice");
    try (McpSyncClient client = client(port, "Bearer alice-token")) {
      McpSchema.InitializeResult init = client.initialize();
      assertThat(init.serverInfo().name()).isEqualTo("Test Airflow MCP");
      assertThat(init.serverInfo().version()).isEqualTo("9.9.9-test");
      assertThat(init.instructions()).isEqualTo("Use these tools for Airflow questions.");

      assertThat(client.listTools().tools())
          .extracting(McpSchema.Tool::name)
          .containsExactly("get_dag", "list_dags");

      CallToolResult result = client.callTool(call("get_dag", Map.of("dag_id", "etl")));
      assertThat(result.isError()).isFalse();
      assertThat(text(result)).isEqualTo("{\"dag_id\":\"etl\",\"owner\":\"alice\"}");

      CallToolResult viaAlias = client.callTool(call("get_dag_details", Map.of("dag_id", "etl")));
      assertThat(viaAlias.isError()).isFalse();
      assertThat(text(viaAlias)).isEqualTo(text(result));

      CallToolResult invalid = client.callTool(call("get_dag", Map.of("dagid", "etl")));
      assertThat(invalid.isError()).isTrue();
      assertThat(text(invalid))
          .contains("\"error_type\":\"ValidationError\"", "did you mean 'dag_id'?");
    }
    airflow.verify(
        2,
        getRequestedFor(urlEqualTo("/api/v2/dags/etl?limit=100"))
            .withHeader("Authorization", equalTo("Bearer alice-token")));
  }

  @Test
  void resultsOutsideAsciiArriveAsUtf8WithTheirExactLength() throws Exception {
    // Accented letters, CJK and a character outside the BMP (a surrogate pair in Java strings):
    // the guard buffers the SDK's answer and writes it as UTF-8 with its Content-Length.
    String owner = "Zoë 数据 \uD83D\uDE80 team";
    stubDagFor("Bearer utf8-token", owner);
    String call =
        "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":"
            + "\"get_dag\",\"arguments\":{\"dag_id\":\"etl\"}}}";
    RawHttp.Response r =
        RawHttp.postJson(
            port,
            call,
            "Authorization: Bearer utf8-token",
            "Accept: application/json, text/event-stream",
            "MCP-Protocol-Version: 2025-06-18");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).doesNotContain("\uFFFD");
    assertThat(r.headers())
        .containsEntry(
            "content-length", String.valueOf(r.body().getBytes(StandardCharsets.UTF_8).length));
    JsonNode answer = JSON.readTree(r.body());
    String text = answer.path("result").path("content").path(0).path("text").asString();
    assertThat(JSON.readTree(text).path("owner").asString()).isEqualTo(owner);
  }

  @Test
  void theCallersAuthorizationHeaderReachesAirflowVerbatim() {
    String header = "Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc-_=+/ x";
    stubDagFor(header, "exact");
    try (McpSyncClient client = client(port, header)) {
      client.initialize();
      CallToolResult result = client.callTool(call("get_dag", Map.of("dag_id", "etl")));
      assertThat(text(result)).contains("\"owner\":\"exact\"");
    }
  }

  @Test
  void twoCallersHeadersNeverMix() throws Exception {
    stubDagFor("Bearer alice-token", "alice");
    stubDagFor("Bearer bob-token", "bob");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (McpSyncClient alice = client(port, "Bearer alice-token");
        McpSyncClient bob = client(port, "Bearer bob-token")) {
      alice.initialize();
      bob.initialize();
      List<Callable<String>> calls = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        McpSyncClient caller = i % 2 == 0 ? alice : bob;
        String expected = i % 2 == 0 ? "alice" : "bob";
        calls.add(
            () -> {
              String t = text(caller.callTool(call("get_dag", Map.of("dag_id", "etl"))));
              return expected + "->" + t;
            });
      }
      for (Future<String> f : pool.invokeAll(calls)) {
        String outcome = f.get();
        String expected = outcome.substring(0, outcome.indexOf("->"));
        assertThat(outcome).endsWith("{\"dag_id\":\"etl\",\"owner\":\"" + expected + "\"}");
      }
    } finally {
      pool.shutdownNow();
    }
    List<LoggedRequest> dagRequests =
        airflow.findAll(getRequestedFor(urlPathEqualTo("/api/v2/dags/etl")));
    assertThat(dagRequests).hasSize(20);
    assertThat(dagRequests)
        .extracting(r -> r.getHeader("Authorization"))
        .containsOnly("Bearer alice-token", "Bearer bob-token")
        .filteredOn("Bearer alice-token"::equals)
        .hasSize(10);
  }

  @Test
  void inServiceAccountModeServiceCredentialsServeCallersWithoutAHeaderAndACallersHeaderWins()
      throws Exception {
    stubDagFor("Bearer svc-token", "service");
    stubDagFor("Bearer carol-token", "carol");
    try (HttpServer withService =
        HttpServer.start(
            runtime(new StaticTokenCredentials("svc-token")),
            config(List.of()).withHttpAuth(HttpAuthSettings.serviceAccount()))) {
      try (McpSyncClient anonymous = client(withService.port(), null)) {
        anonymous.initialize();
        CallToolResult r = anonymous.callTool(call("get_dag", Map.of("dag_id", "etl")));
        assertThat(text(r)).contains("\"owner\":\"service\"");
      }
      try (McpSyncClient carol = client(withService.port(), "Bearer carol-token")) {
        carol.initialize();
        CallToolResult r = carol.callTool(call("get_dag", Map.of("dag_id", "etl")));
        assertThat(text(r)).contains("\"owner\":\"carol\"");
      }
    }
  }

  // --- no stack traces -------------------------------------------------------------------------

  @Test
  void noAnswerToABadRequestCarriesAStackTrace() throws Exception {
    String auth = "\r\nAuthorization: Bearer a\r\nHost: 127.0.0.1";
    List<RawHttp.Response> answers = new ArrayList<>();
    answers.add(RawHttp.postJson(port, "{not json", "Authorization: Bearer a"));
    answers.add(RawHttp.postJson(port, "{\"foo\":1}", "Authorization: Bearer a"));
    answers.add(RawHttp.postJson(port, "[1,2,3]", "Authorization: Bearer a"));
    answers.add(
        RawHttp.postJson(
            port,
            "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"nope/nope\"}",
            "Authorization: Bearer a"));
    answers.add(
        RawHttp.postJson(
            port,
            "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/call\",\"params\":{\"name\":\"missing\"}}",
            "Authorization: Bearer a"));
    answers.add(
        RawHttp.postJson(
            port,
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"get_dag\","
                + "\"arguments\":\"not an object\"}}",
            "Authorization: Bearer a"));
    byte[] json = INITIALIZE.getBytes(StandardCharsets.UTF_8);
    answers.add(
        RawHttp.send(
            port,
            "POST /mcp HTTP/1.1\r\nContent-Type: text/plain\r\nContent-Length: "
                + json.length
                + auth,
            json));
    answers.add(
        RawHttp.send(port, "POST /mcp HTTP/1.1\r\nContent-Length: " + json.length + auth, json));
    answers.add(
        RawHttp.send(port, "GET /mcp HTTP/1.1\r\nAccept: text/event-stream" + auth, new byte[0]));
    answers.add(RawHttp.send(port, "DELETE /mcp HTTP/1.1" + auth, new byte[0]));
    answers.add(
        RawHttp.send(
            port,
            "PUT /mcp HTTP/1.1\r\nContent-Length: 2" + auth,
            "{}".getBytes(StandardCharsets.UTF_8)));
    answers.add(RawHttp.send(port, "GET /elsewhere HTTP/1.1" + auth, new byte[0]));
    answers.add(RawHttp.send(port, "GET /mcp/../../etc/passwd HTTP/1.1" + auth, new byte[0]));
    byte[] badUtf8 = {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'};
    answers.add(
        RawHttp.send(
            port,
            "POST /mcp HTTP/1.1\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                + "Content-Length: "
                + badUtf8.length
                + auth,
            badUtf8));
    answers.add(
        RawHttp.send(port, "POST /mcp HTTP/1.1\r\nContent-Length: abc" + auth, new byte[0]));

    assertThat(answers)
        .extracting(RawHttp.Response::status)
        .containsExactly(400, 400, 400, 200, 200, 200, 415, 415, 405, 405, 405, 404, 400, 400, 400);
    for (RawHttp.Response r : answers) {
      assertThat(r.body())
          .as("HTTP %d: %s", r.status(), r.body())
          .doesNotContainPattern(STACK_TRACE);
      if (r.status() >= 400) {
        JsonNode error = JSON.readTree(r.body()).get("error");
        assertThat(error).as(r.body()).isNotNull();
      }
    }
    assertThat(answers.get(0).body())
        .isEqualTo(
            "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,"
                + "\"message\":\"Invalid request (HTTP 400)\"}}");
    assertThat(answers.get(6).body()).contains("Content-Type application/json (HTTP 415)");
    // Arguments that are no object: invalid params with the request's id (was an HTTP 500 without
    // the id from the SDK; see ParamsCheck).
    JsonNode invalid = JSON.readTree(answers.get(5).body());
    assertThat(invalid.path("id").asInt()).isEqualTo(7);
    assertThat(invalid.path("error").path("code").asInt()).isEqualTo(-32602);
  }
}
