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
import dev.airflowmcp.runtime.airflow.AirflowGateway;
import dev.airflowmcp.runtime.airflow.AirflowTransportConfig;
import dev.airflowmcp.runtime.airflow.HttpAirflowTransport;
import dev.airflowmcp.runtime.airflow.VersionDetector;
import dev.airflowmcp.runtime.pipeline.ArgumentValidator;
import dev.airflowmcp.runtime.pipeline.AuditSink;
import dev.airflowmcp.runtime.pipeline.ToolPipeline;
import dev.airflowmcp.runtime.ratelimit.RateLimiter;
import dev.airflowmcp.runtime.redaction.SensitiveKeyRedactor;
import dev.airflowmcp.runtime.server.revision.Revisions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Both protocol generations on one Streamable HTTP endpoint: 2026-07-28 requests (per-request
 * {@code _meta}, no handshake) and 2025-era ones (with {@code initialize}), with the same tools and
 * the same per-caller credentials.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(30)
class DualRevisionHttpTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String META =
      "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
          + "\"io.modelcontextprotocol/clientCapabilities\":{},"
          + "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}";
  private static final String MODERN_VERSION = "MCP-Protocol-Version: 2026-07-28";

  private WireMockServer airflow;
  private HttpServer server;
  private int port;

  @BeforeAll
  void start() throws Exception {
    airflow = new WireMockServer(options().dynamicPort());
    airflow.start();
    server = start(RateLimiter.UNLIMITED);
    port = server.port();
  }

  private HttpServer start(RateLimiter limiter) throws Exception {
    HttpAirflowTransport client =
        new HttpAirflowTransport(
            AirflowTransportConfig.defaults("http://localhost:" + airflow.port()));
    ToolPipeline pipeline =
        new ToolPipeline(
            new AirflowGateway(client),
            new VersionDetector(client, Clock.systemUTC()),
            new ToolPipeline.Hooks(
                ArgumentValidator.NONE, limiter, new SensitiveKeyRedactor(), AuditSink.NONE),
            60_000);
    ToolRegistry registry = ToolRegistry.of(new TestCatalog(), getClass().getClassLoader());
    return HttpServer.start(
        new ServerRuntime(registry, pipeline, null, "9.9.9-test"),
        new ServerConfig(
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
            List.of()));
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

  private RawHttp.Response modern(int id, String method, String params, String... headers)
      throws Exception {
    return modern(port, "Bearer caller-a", id, method, params, headers);
  }

  private static RawHttp.Response modern(
      int port, String authorization, int id, String method, String params, String... headers)
      throws Exception {
    List<String> all =
        new ArrayList<>(
            List.of("Authorization: " + authorization, MODERN_VERSION, "Mcp-Method: " + method));
    all.addAll(List.of(headers));
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":"
            + id
            + ",\"method\":\""
            + method
            + "\",\"params\":{"
            + (params.isEmpty() ? META : params + "," + META)
            + "}}";
    return RawHttp.postJson(port, body, all.toArray(String[]::new));
  }

  /** The JSON-RPC message of an answer given as JSON or as one SSE event. */
  private static JsonNode message(RawHttp.Response r) {
    String body = r.body().trim();
    if (!body.startsWith("{")) {
      StringBuilder data = new StringBuilder();
      for (String line : body.split("\r?\n")) {
        if (line.startsWith("data:")) {
          data.append(line.substring(5).trim());
        }
      }
      body = data.toString();
    }
    return JSON.readTree(body);
  }

  @Test
  void discoverNamesTheRevisionCapabilitiesAndServer() throws Exception {
    RawHttp.Response r = modern(1, "server/discover", "");
    assertThat(r.status()).isEqualTo(200);
    JsonNode result = message(r).path("result");
    assertThat(result.path("supportedVersions").toString()).isEqualTo("[\"2026-07-28\"]");
    assertThat(result.path("capabilities").has("tools")).isTrue();
    assertThat(result.path("capabilities").has("logging")).isFalse();
    assertThat(
            result.path("_meta").path("io.modelcontextprotocol/serverInfo").path("name").asString())
        .isEqualTo("Test Airflow MCP");
  }

  @Test
  void toolsListIsTheSameListInTheSameOrderWithCacheHints() throws Exception {
    JsonNode modern = message(modern(2, "tools/list", "")).path("result");
    assertThat(modern.path("resultType").asString()).isEqualTo("complete");
    assertThat(modern.path("ttlMs").asLong()).isEqualTo(300_000L);
    assertThat(modern.path("cacheScope").asString()).isEqualTo("public");
    List<String> names = new ArrayList<>();
    modern.path("tools").forEach(t -> names.add(t.path("name").asString()));
    // The alias get_dag_details is callable but not listed, as on 2025-era sessions.
    assertThat(names).containsExactly("get_dag", "list_dags");

    JsonNode again = message(modern(3, "tools/list", "")).path("result");
    assertThat(again.path("tools")).isEqualTo(modern.path("tools"));

    RawHttp.Response legacy =
        RawHttp.postJson(
            port,
            "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/list\",\"params\":{}}",
            "Authorization: Bearer caller-a",
            "MCP-Protocol-Version: 2025-11-25");
    assertThat(legacy.status()).isEqualTo(200);
    assertThat(message(legacy).path("result").path("tools")).isEqualTo(modern.path("tools"));
  }

  @Test
  void aCallGoesToAirflowWithTheCallersOwnAuthorization() throws Exception {
    airflow.stubFor(
        get(urlPathEqualTo("/api/v2/dags/etl")).willReturn(okJson("{\"dag_id\":\"etl\"}")));
    RawHttp.Response r =
        modern(
            5,
            "tools/call",
            "\"name\":\"get_dag_details\",\"arguments\":{\"dag_id\":\"etl\"}",
            "Mcp-Name: get_dag_details");
    assertThat(r.status()).isEqualTo(200);
    JsonNode result = message(r).path("result");
    assertThat(result.path("resultType").asString()).isEqualTo("complete");
    assertThat(result.path("isError").asBoolean(false)).isFalse();
    assertThat(result.path("content").get(0).path("text").asString()).contains("etl");
    airflow.verify(
        getRequestedFor(urlPathEqualTo("/api/v2/dags/etl"))
            .withHeader("Authorization", equalTo("Bearer caller-a")));
  }

  private static String legacyCall(int id) {
    return "{\"jsonrpc\":\"2.0\",\"id\":"
        + id
        + ",\"method\":\"tools/call\",\"params\":"
        + "{\"name\":\"get_dag\",\"arguments\":{\"dag_id\":\"etl\"}}}";
  }

  private static final String MODERN_CALL =
      "\"name\":\"get_dag\",\"arguments\":{\"dag_id\":\"etl\"}";

  @Test
  void oneCallerHasOneRateLimitBucketAndOneRedactorWhicheverRevisionItSpeaks() throws Exception {
    airflow.stubFor(
        get(urlPathEqualTo("/api/v2/dags/etl"))
            .willReturn(okJson("{\"dag_id\":\"etl\",\"password\":\"hunter2-secret\"}")));
    HttpServer limited =
        start(
            new dev.airflowmcp.runtime.ratelimit.LocalRateLimiter(
                dev.airflowmcp.runtime.ratelimit.RateLimits.uniform(
                    new dev.airflowmcp.runtime.tool.RateLimit(2, 1))));
    try {
      int p = limited.port();
      // Two 2025-era calls use caller A's burst of 2 ...
      for (int id = 1; id <= 2; id++) {
        RawHttp.Response r = RawHttp.postJson(p, legacyCall(id), "Authorization: Bearer caller-a");
        String text = message(r).path("result").path("content").get(0).path("text").asString();
        assertThat(text).contains("***").doesNotContain("hunter2-secret");
      }
      // ... so A's 2026 call is refused, while caller B's is served, redacted the same way.
      JsonNode refused =
          message(modern(p, "Bearer caller-a", 3, "tools/call", MODERN_CALL, "Mcp-Name: get_dag"))
              .path("result");
      assertThat(refused.path("isError").asBoolean()).isTrue();
      assertThat(refused.path("content").get(0).path("text").asString()).contains("RateLimitError");
      JsonNode served =
          message(modern(p, "Bearer caller-b", 4, "tools/call", MODERN_CALL, "Mcp-Name: get_dag"))
              .path("result");
      assertThat(served.path("isError").asBoolean(false)).isFalse();
      assertThat(served.path("content").get(0).path("text").asString())
          .contains("***")
          .doesNotContain("hunter2-secret");
    } finally {
      limited.close();
    }
  }

  @Test
  void withoutAuthorizationAModernCallerGets401LikeAnyOther() throws Exception {
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/list\",\"params\":{" + META + "}}";
    RawHttp.Response r = RawHttp.postJson(port, body, MODERN_VERSION, "Mcp-Method: tools/list");
    assertThat(r.status()).isEqualTo(401);
    assertThat(airflow.getAllServeEvents()).isEmpty();
  }

  @Test
  void headerAndBodyDisagreeingIsAHeaderMismatchWithTheRequestId() throws Exception {
    RawHttp.Response r =
        RawHttp.postJson(
            port,
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\",\"params\":{" + META + "}}",
            "Authorization: Bearer caller-a",
            MODERN_VERSION,
            "Mcp-Method: prompts/list");
    assertThat(r.status()).isEqualTo(400);
    JsonNode m = message(r);
    assertThat(m.path("id").asInt()).isEqualTo(7);
    assertThat(m.path("error").path("code").asInt()).isEqualTo(-32020);
  }

  @Test
  void anUnsupportedVersionListsTheSupportedOnes() throws Exception {
    String meta = META.replace("2026-07-28", "2099-01-01");
    RawHttp.Response r =
        RawHttp.postJson(
            port,
            "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"server/discover\",\"params\":{"
                + meta
                + "}}",
            "Authorization: Bearer caller-a",
            "MCP-Protocol-Version: 2099-01-01",
            "Mcp-Method: server/discover");
    assertThat(r.status()).isEqualTo(400);
    JsonNode error = message(r).path("error");
    assertThat(message(r).path("id").asInt()).isEqualTo(8);
    assertThat(error.path("data").path("supported").toString()).isEqualTo("[\"2026-07-28\"]");
    assertThat(error.path("data").path("requested").asString()).isEqualTo("2099-01-01");
  }

  @Test
  void aModernHeaderWithoutMetaIsInvalidParams() throws Exception {
    RawHttp.Response r =
        RawHttp.postJson(
            port,
            "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/list\",\"params\":{}}",
            "Authorization: Bearer caller-a",
            MODERN_VERSION,
            "Mcp-Method: tools/list");
    assertThat(r.status()).isEqualTo(400);
    assertThat(message(r).path("error").path("code").asInt()).isEqualTo(-32602);
    assertThat(message(r).path("id").asInt()).isEqualTo(9);
  }

  @Test
  void removedMethodsAreNotFoundForModernCallers() throws Exception {
    for (String method : List.of("ping", "logging/setLevel", "initialize")) {
      RawHttp.Response r = modern(10, method, "");
      assertThat(r.status()).as(method).isEqualTo(404);
      assertThat(message(r).path("error").path("code").asInt()).as(method).isEqualTo(-32601);
    }
  }

  @Test
  void initializeStillStartsA2025Session() throws Exception {
    RawHttp.Response r =
        RawHttp.postJson(
            port,
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}",
            "Authorization: Bearer caller-a");
    assertThat(r.status()).isEqualTo(200);
    JsonNode result = message(r).path("result");
    assertThat(result.path("protocolVersion").asString()).isEqualTo("2025-06-18");
    assertThat(result.path("serverInfo").path("name").asString()).isEqualTo("Test Airflow MCP");
    assertThat(Revisions.LEGACY).contains(result.path("protocolVersion").asString());
  }

  @Test
  void paramsOfTheWrongTypeAreInvalidParamsWithTheIdAndNoJavaText() throws Exception {
    RawHttp.Response bare =
        RawHttp.postJson(
            port,
            "{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"initialize\"}",
            "Authorization: Bearer caller-a");
    RawHttp.Response listed =
        RawHttp.postJson(
            port,
            "{\"jsonrpc\":\"2.0\",\"id\":\"c-12\",\"method\":\"tools/call\",\"params\":"
                + "{\"name\":\"get_dag\",\"arguments\":[\"etl\"]}}",
            "Authorization: Bearer caller-a");
    for (RawHttp.Response r : List.of(bare, listed)) {
      JsonNode error = message(r).path("error");
      assertThat(r.status()).isEqualTo(200);
      assertThat(error.path("code").asInt()).as(r.body()).isEqualTo(-32602);
      assertThat(error.path("message").asString())
          .startsWith("Invalid params: ")
          .doesNotContain("Exception", "java.", "io.modelcontextprotocol", "tools.jackson");
    }
    assertThat(message(bare).path("id").asInt()).isEqualTo(11);
    assertThat(message(listed).path("id").asString()).isEqualTo("c-12");

    // A 2026-07-28 request is its revision's to answer; it must not carry Java text either.
    JsonNode modernAnswer =
        message(
            modern(
                13,
                "tools/call",
                "\"name\":\"get_dag\",\"arguments\":\"etl\"",
                "Mcp-Name: get_dag"));
    assertThat(modernAnswer.toString())
        .doesNotContain("Exception", "java.", "io.modelcontextprotocol", "tools.jackson");
  }

  @Test
  void getIsNotAllowedForEither() throws Exception {
    RawHttp.Response r =
        RawHttp.send(
            port,
            "GET /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer a\r\n"
                + "Accept: text/event-stream\r\nMCP-Protocol-Version: 2026-07-28",
            new byte[0]);
    assertThat(r.status()).isEqualTo(405);
  }
}
