package dev.airflowmcp.runtime.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.airflowmcp.common.AirflowMajor;
import dev.airflowmcp.runtime.airflow.AirflowGateway;
import dev.airflowmcp.runtime.airflow.AirflowRequest;
import dev.airflowmcp.runtime.airflow.AirflowTransportConfig;
import dev.airflowmcp.runtime.airflow.HttpAirflowTransport;
import dev.airflowmcp.runtime.airflow.VersionDetector;
import dev.airflowmcp.runtime.auth.AirflowCredentials;
import dev.airflowmcp.runtime.auth.StaticTokenCredentials;
import dev.airflowmcp.runtime.ratelimit.RateLimiter;
import dev.airflowmcp.runtime.redaction.Redactor;
import dev.airflowmcp.runtime.redaction.SensitiveKeyRedactor;
import dev.airflowmcp.runtime.tool.InvalidArgumentsException;
import dev.airflowmcp.runtime.tool.ResponseShape;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ToolPipelineTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private WireMockServer airflow;
  private HttpAirflowTransport client;
  private final List<AuditSink.AuditEvent> audit = Collections.synchronizedList(new ArrayList<>());
  private final AirflowCredentials credentials = new StaticTokenCredentials("tok-123");

  @BeforeEach
  void start() {
    airflow = new WireMockServer(options().dynamicPort());
    airflow.start();
    airflow.stubFor(
        get(urlEqualTo("/api/v2/version")).willReturn(okJson("{\"version\":\"3.0.2\"}")));
    client = clientFor("http://localhost:" + airflow.port());
  }

  @AfterEach
  void stop() {
    airflow.stop();
  }

  /**
   * The deadline of most tests: long enough for a fresh WireMock on a busy machine, including the
   * retries of a 502/503/504 (a 400 ms deadline once turned a retried 503 into a ReadTimeout).
   */
  private static HttpAirflowTransport clientFor(String url) {
    return clientFor(url, Duration.ofSeconds(5));
  }

  private static HttpAirflowTransport clientFor(String url, Duration deadline) {
    return new HttpAirflowTransport(
        AirflowTransportConfig.defaults(url)
            .withConnectTimeout(Duration.ofSeconds(2))
            .withRequestTimeout(deadline));
  }

  private ToolPipeline pipeline(RateLimiter limiter, Redactor redactor) {
    return pipeline(client, limiter, redactor);
  }

  private ToolPipeline pipeline(
      HttpAirflowTransport gatewayClient, RateLimiter limiter, Redactor redactor) {
    return new ToolPipeline(
        new AirflowGateway(gatewayClient),
        new VersionDetector(client, Clock.systemUTC()),
        new ToolPipeline.Hooks(ArgumentValidator.NONE, limiter, redactor, audit::add),
        60_000);
  }

  private ToolPipeline pipeline() {
    return pipeline(RateLimiter.UNLIMITED, new SensitiveKeyRedactor());
  }

  private static Map<String, Object> args(Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], keyValues[i + 1]);
    }
    return m;
  }

  private static String text(CallToolResult result) {
    assertThat(result.content()).hasSize(1);
    return ((TextContent) result.content().get(0)).text();
  }

  private static JsonNode errorBody(CallToolResult result) {
    assertThat(result.isError()).isTrue();
    return JSON.readTree(text(result));
  }

  private static List<String> keys(JsonNode node) {
    return new ArrayList<>(node.propertyNames());
  }

  private CallToolResult callGetDag(Map<String, Object> raw) {
    return pipeline().call(TestTool.getDagTool("get_dag"), "get_dag", raw, credentials);
  }

  private void stubDag(String dagId, ResponseDefinitionBuilder answer) {
    airflow.stubFor(get(urlPathEqualTo("/api/v2/dags/" + dagId)).willReturn(answer));
  }

  // --- success ---------------------------------------------------------------------------------

  @Test
  void successIsShapedRedactedCompactAndNotAnError() {
    stubDag(
        "etl",
        okJson(
            "{\n  \"dag_id\": \"etl\",\n  \"fileloc\": \"/dags/etl.py\",\n"
                + "  \"description\": \"loads data\",\n"
                + "  \"conn\": {\"login\": \"u\", \"password\": \"p4ss\"}\n}"));
    ResponseShape shape =
        new ResponseShape(
            null, null, List.of("dag_id", "description", "conn", "owners"), List.of(), 0, null);
    TestTool tool =
        new TestTool("get_dag", TestTool.policy(shape, List.of("description")), TestTool::getDag);

    CallToolResult result = pipeline().call(tool, "get_dag", args("dag_id", "etl"), credentials);

    assertThat(result.isError()).isFalse();
    assertThat(text(result))
        .isEqualTo(
            "{\"dag_id\":\"etl\",\"description\":\"***\","
                + "\"conn\":{\"login\":\"u\",\"password\":\"***\"},\"owners\":null}");
    airflow.verify(
        getRequestedFor(urlEqualTo("/api/v2/dags/etl?limit=100"))
            .withHeader("Authorization", equalTo("Bearer tok-123")));
  }

  @Test
  void listResultsGetTheEnvelopeAndTheToolsSizeBudget() {
    StringBuilder items = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      items.append(i == 0 ? "" : ",").append("{\"dag_id\":\"dag_").append(i).append("\"}");
    }
    airflow.stubFor(
        get(urlPathEqualTo("/api/v2/dags"))
            .willReturn(okJson("{\"dags\":[" + items + "],\"total_entries\":1234}")));
    ResponseShape shape =
        new ResponseShape("dags", "dags", List.of(), List.of(), 400, "Use offset.");
    TestTool tool =
        new TestTool(
            "list_dags",
            TestTool.policy(shape, List.of()),
            (major, a) -> AirflowRequest.get("get_dags", major.apiPrefix() + "/dags").build());

    CallToolResult result = pipeline().call(tool, "list_dags", args("dag_id", "x"), credentials);

    String text = text(result);
    assertThat(result.isError()).isFalse();
    assertThat(text.length()).isLessThanOrEqualTo(400);
    JsonNode out = JSON.readTree(text);
    assertThat(keys(out))
        .containsExactly("total_dags", "returned_count", "dags", "truncated", "truncation_hint");
    assertThat(out.get("total_dags").asInt()).isEqualTo(1234);
    assertThat(out.get("returned_count").asInt()).isEqualTo(out.get("dags").size()).isLessThan(50);
    assertThat(out.get("truncation_hint").asString()).isEqualTo("Use offset.");
  }

  // --- Airflow errors --------------------------------------------------------------------------

  @Test
  void notFoundIsRetryableWithTheErrorKeysAndEchoedArgumentsOnly() {
    stubDag(
        "nope",
        aResponse()
            .withStatus(404)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"detail\":\"The DAG with dag_id: `nope` was not found\"}"));

    JsonNode body = errorBody(callGetDag(args("limit", 5, "dag_id", "nope")));

    assertThat(keys(body)).containsExactly("error", "error_type", "hint", "retryable", "dag_id");
    assertThat(body.get("error_type").asString()).isEqualTo("NotFoundError");
    assertThat(body.get("retryable").asBoolean()).isTrue();
    assertThat(body.get("error").asString())
        .isEqualTo(
            "Airflow answered HTTP 404 for GET /api/v2/dags/{dag_id}:"
                + " The DAG with dag_id: `nope` was not found");
    assertThat(body.get("hint").asString()).contains("list_dags");
    assertThat(body.get("dag_id").asString()).isEqualTo("nope");
  }

  @ParameterizedTest
  @CsvSource({
    "400, true",
    "422, true",
    "401, false",
    "403, false",
    "409, false",
    "500, false",
    "502, false",
    "503, false",
    "418, false"
  })
  void httpStatusesMapToHttpStatusErrorsWithTheirRetryability(int status, boolean retryable) {
    stubDag("etl", aResponse().withStatus(status).withBody("not json"));

    JsonNode body = errorBody(callGetDag(args("dag_id", "etl")));

    assertThat(keys(body)).containsExactly("error", "error_type", "hint", "retryable", "dag_id");
    assertThat(body.get("error_type").asString()).isEqualTo("HTTPStatusError");
    assertThat(body.get("retryable").asBoolean()).isEqualTo(retryable);
    assertThat(body.get("hint").asString()).contains("HTTP " + status);
    assertThat(body.get("error").asString())
        .isEqualTo("Airflow answered HTTP " + status + " for GET /api/v2/dags/{dag_id}");
  }

  @Test
  void tooManyRequestsIsRetryableAndTheHintHonoursRetryAfter() {
    stubDag("etl", aResponse().withStatus(429).withHeader("Retry-After", "7"));

    JsonNode body = errorBody(callGetDag(args("dag_id", "etl")));

    assertThat(body.get("error_type").asString()).isEqualTo("HTTPStatusError");
    assertThat(body.get("retryable").asBoolean()).isTrue();
    assertThat(body.get("hint").asString()).contains("HTTP 429").contains("Wait 7 s");
  }

  @Test
  void refusedConnectionIsAConnectError() throws IOException {
    int deadPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      deadPort = socket.getLocalPort();
    }
    ToolPipeline p =
        pipeline(
            clientFor("http://localhost:" + deadPort),
            RateLimiter.UNLIMITED,
            new SensitiveKeyRedactor());

    JsonNode body =
        errorBody(
            p.call(TestTool.getDagTool("get_dag"), "get_dag", args("dag_id", "etl"), credentials));

    assertThat(keys(body)).containsExactly("error", "error_type", "hint", "retryable", "dag_id");
    assertThat(body.get("error_type").asString()).isEqualTo("ConnectError");
    assertThat(body.get("retryable").asBoolean()).isFalse();
    assertThat(body.get("hint").asString().toLowerCase()).contains("reach airflow");
    assertThat(body.get("error").asString())
        .startsWith("could not connect to Airflow at http://localhost:");
  }

  @Test
  void slowAnswerIsAReadTimeout() {
    stubDag("etl", okJson("{}").withFixedDelay(3_000));
    ToolPipeline impatient =
        pipeline(
            clientFor("http://localhost:" + airflow.port(), Duration.ofMillis(400)),
            RateLimiter.UNLIMITED,
            new SensitiveKeyRedactor());

    JsonNode body =
        errorBody(
            impatient.call(
                TestTool.getDagTool("get_dag"), "get_dag", args("dag_id", "etl"), credentials));

    assertThat(body.get("error_type").asString()).isEqualTo("ReadTimeout");
    assertThat(body.get("retryable").asBoolean()).isFalse();
    assertThat(body.get("hint").asString()).contains("respond");
    assertThat(body.get("error").asString()).isEqualTo("Airflow did not respond within 400 ms");
  }

  @Test
  void nonJsonSuccessIsAnInvalidResponseError() {
    stubDag(
        "etl",
        aResponse()
            .withStatus(200)
            .withHeader("Content-Type", "text/html")
            .withBody("<html>hi</html>"));

    JsonNode body = errorBody(callGetDag(args("dag_id", "etl")));

    assertThat(keys(body)).containsExactly("error", "error_type", "hint", "retryable", "dag_id");
    assertThat(body.get("error_type").asString()).isEqualTo("InvalidResponseError");
    assertThat(body.get("retryable").asBoolean()).isFalse();
    assertThat(body.get("error").asString())
        .isEqualTo("Airflow's answer did not have the expected shape: not valid JSON");
  }

  @Test
  void answerWithoutTheListKeyIsAnInvalidResponseError() {
    stubDag("etl", okJson("{\"detail\":\"odd\"}"));
    ResponseShape shape = new ResponseShape("dags", "dags", List.of(), List.of(), 0, null);
    TestTool tool = new TestTool("list_dags", TestTool.policy(shape, List.of()), TestTool::getDag);

    JsonNode body =
        errorBody(pipeline().call(tool, "list_dags", args("dag_id", "etl"), credentials));

    assertThat(body.get("error_type").asString()).isEqualTo("InvalidResponseError");
    assertThat(body.get("error").asString()).endsWith("Airflow's answer has no 'dags' list");
  }

  // --- failures before Airflow is called ---------------------------------------------------------

  @Test
  void invalidArgumentsAreAValidationErrorNamingEveryProblemWithoutCallingAirflow() {
    CallToolResult result =
        callGetDag(
            args("dag_idd", "etl", "limit", "lots", "states", List.of("nope"), "password", "pw1"));

    JsonNode body = errorBody(result);
    assertThat(keys(body)).containsExactly("error", "error_type", "hint", "retryable", "password");
    assertThat(body.get("error_type").asString()).isEqualTo("ValidationError");
    assertThat(body.get("retryable").asBoolean()).isTrue();
    assertThat(body.get("error").asString())
        .isEqualTo(
            "Invalid arguments for get_dag: unknown argument 'dag_idd' (did you mean 'dag_id'?);"
                + " missing required argument 'dag_id';"
                + " argument 'limit' must be an integer, got a string;"
                + " argument 'states' has 'nope', which is not one of [success, failed]");
    assertThat(body.get("password").asString()).isEqualTo("***");
    airflow.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void airflowsTooManyRequestsHoldsThatCallerBackForRetryAfter() {
    airflow.stubFor(
        get(urlPathEqualTo("/api/v2/dags/etl"))
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Retry-After", "30")
                    .withBody("{\"detail\": \"slow down\"}")));
    airflow.stubFor(get(urlPathEqualTo("/api/v2/dags/other")).willReturn(okJson("{}")));
    ToolPipeline pipeline = pipeline();
    AirflowCredentials other = new StaticTokenCredentials("tok-456");

    JsonNode first =
        errorBody(
            pipeline.call(
                TestTool.getDagTool("get_dag"), "get_dag", args("dag_id", "etl"), credentials));
    assertThat(first.get("error_type").asString()).isEqualTo("HTTPStatusError");
    assertThat(first.get("hint").asString()).contains("HTTP 429").contains("Wait 30 s");
    assertThat(first.has("retry_after_seconds")).as("astro's HTTPStatusError keys only").isFalse();

    JsonNode second =
        errorBody(
            pipeline.call(
                TestTool.getDagTool("get_dag"), "get_dag", args("dag_id", "other"), credentials));
    assertThat(second.get("error_type").asString()).isEqualTo("RateLimitError");
    assertThat(second.get("retryable").asBoolean()).isTrue();
    assertThat(second.get("retry_after_seconds").asLong()).isBetween(29L, 30L);
    assertThat(second.get("error").asString()).contains("HTTP 429");
    airflow.verify(0, getRequestedFor(urlPathEqualTo("/api/v2/dags/other")));

    CallToolResult fromOther =
        pipeline.call(TestTool.getDagTool("get_dag"), "get_dag", args("dag_id", "other"), other);
    assertThat(fromOther.isError()).as("another identity is not held back").isFalse();
    airflow.verify(1, getRequestedFor(urlPathEqualTo("/api/v2/dags/etl")));
    assertThat(audit)
        .extracting(AuditSink.AuditEvent::outcome)
        .containsExactly("HTTPStatusError", "RateLimitError", "ok");
  }

  @Test
  void rateLimiterRejectionIsARetryableRateLimitError() {
    List<String> asked = new ArrayList<>();
    RateLimiter limiter =
        (principal, rateLimitClass) -> {
          asked.add(principal + "/" + rateLimitClass);
          return RateLimiter.Decision.reject(1_500);
        };

    JsonNode body =
        errorBody(
            pipeline(limiter, new SensitiveKeyRedactor())
                .call(
                    TestTool.getDagTool("get_dag"), "get_dag", args("dag_id", "etl"), credentials));

    assertThat(keys(body))
        .containsExactly(
            "error", "error_type", "hint", "retryable", "retry_after_seconds", "dag_id");
    assertThat(body.get("error_type").asString()).isEqualTo("RateLimitError");
    assertThat(body.get("retryable").asBoolean()).isTrue();
    assertThat(body.get("retry_after_seconds").asLong()).isEqualTo(2);
    assertThat(body.get("hint").asString()).isEqualTo("Wait 2 s before calling again.");
    assertThat(asked).containsExactly(credentials.principal() + "/default");
    airflow.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void noCredentialsIsAnAuthenticationError() {
    JsonNode body =
        errorBody(
            pipeline()
                .call(TestTool.getDagTool("get_dag"), "get_dag", args("dag_id", "etl"), null));

    assertThat(keys(body)).containsExactly("error", "error_type", "hint", "retryable", "dag_id");
    assertThat(body.get("error_type").asString()).isEqualTo("AuthenticationError");
    assertThat(body.get("retryable").asBoolean()).isFalse();
    assertThat(body.get("hint").asString())
        .contains("Authorization header")
        .contains("AIRFLOW_AUTH_TOKEN");
    airflow.verify(0, anyRequestedFor(anyUrl()));
    assertThat(audit)
        .singleElement()
        .extracting(AuditSink.AuditEvent::principal)
        .isEqualTo("anonymous");
  }

  // --- secrets in errors -------------------------------------------------------------------------

  @Test
  void aSecretArgumentIsMaskedInTheEchoAndWhereTheErrorTextRepeatsIt() {
    stubDag(
        "etl",
        aResponse()
            .withStatus(400)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"detail\":\"password 'hunter2-long' is not accepted for etl\"}"));

    JsonNode body =
        errorBody(callGetDag(args("password", "hunter2-long", "dag_id", "etl", "limit", 3)));

    assertThat(keys(body))
        .containsExactly("error", "error_type", "hint", "retryable", "dag_id", "password");
    assertThat(body.get("password").asString()).isEqualTo("***");
    assertThat(body.get("error").asString())
        .doesNotContain("hunter2-long")
        .endsWith("password '***' is not accepted for etl");
    assertThat(body.get("dag_id").asString()).isEqualTo("etl");
  }

  @Test
  void theRedactorsTextRulesApplyToTheErrorMessage() {
    stubDag(
        "etl",
        aResponse()
            .withStatus(500)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"detail\":\"db at postgres://airflow:S3CR3T@db failed\"}"));
    SensitiveKeyRedactor keys = new SensitiveKeyRedactor();
    Redactor redactor =
        new Redactor() {
          @Override
          public JsonNode redact(JsonNode node, List<String> sensitiveFields) {
            return keys.redact(node, sensitiveFields);
          }

          @Override
          public String redactText(String text) {
            return text.replace("S3CR3T", MASK);
          }
        };

    JsonNode body =
        errorBody(
            pipeline(RateLimiter.UNLIMITED, redactor)
                .call(
                    TestTool.getDagTool("get_dag"), "get_dag", args("dag_id", "etl"), credentials));

    assertThat(body.get("error").asString())
        .doesNotContain("S3CR3T")
        .endsWith("db at postgres://airflow:***@db failed");
  }

  // --- unexpected failures -------------------------------------------------------------------

  @Test
  void anExceptionInsideTheToolIsAnInternalErrorWithoutItsMessage() {
    for (RuntimeException thrown :
        List.of(
            new IllegalStateException("boom token=s3cr3t"),
            new IllegalArgumentException("bad template token=s3cr3t"),
            new NullPointerException("npe token=s3cr3t"))) {
      TestTool tool =
          new TestTool(
              "get_dag",
              TestTool.policy(ResponseShape.PASS_THROUGH, List.of()),
              (major, a) -> {
                throw thrown;
              });

      CallToolResult result = pipeline().call(tool, "get_dag", args("dag_id", "etl"), credentials);

      String text = text(result);
      JsonNode body = errorBody(result);
      assertThat(body.get("error_type").asString())
          .as(thrown.toString())
          .isEqualTo("InternalError");
      assertThat(body.get("retryable").asBoolean()).isFalse();
      assertThat(keys(body)).containsExactly("error", "error_type", "hint", "retryable", "dag_id");
      assertThat(text).doesNotContain("s3cr3t", "boom", "template", "npe", "Exception");
    }
  }

  @Test
  void aThrowingAuditSinkDoesNotBreakTheCall() {
    stubDag("etl", okJson("{\"dag_id\":\"etl\"}"));
    ToolPipeline p =
        new ToolPipeline(
            new AirflowGateway(client),
            new VersionDetector(client, Clock.systemUTC()),
            new ToolPipeline.Hooks(
                ArgumentValidator.NONE,
                RateLimiter.UNLIMITED,
                new SensitiveKeyRedactor(),
                event -> {
                  throw new IllegalStateException("audit down");
                }),
            60_000);

    CallToolResult result =
        p.call(TestTool.getDagTool("get_dag"), "get_dag", args("dag_id", "etl"), credentials);

    assertThat(result.isError()).isFalse();
    assertThat(text(result)).isEqualTo("{\"dag_id\":\"etl\"}");
    assertThat(p.inFlight()).isZero();
  }

  @Test
  void theArgumentValidatorCanRejectAParsedCall() {
    ToolPipeline p =
        new ToolPipeline(
            new AirflowGateway(client),
            new VersionDetector(client, Clock.systemUTC()),
            new ToolPipeline.Hooks(
                (tool, arguments) -> {
                  if (((TestTool.Args) arguments).dagId().startsWith("secret_")) {
                    throw new InvalidArgumentsException(
                        List.of("dag_id 'secret_x' is not allowed on this site"));
                  }
                },
                RateLimiter.UNLIMITED,
                new SensitiveKeyRedactor(),
                audit::add),
            60_000);

    JsonNode body =
        errorBody(
            p.call(
                TestTool.getDagTool("get_dag"),
                "get_dag",
                args("dag_id", "secret_x"),
                credentials));

    assertThat(body.get("error_type").asString()).isEqualTo("ValidationError");
    assertThat(body.get("error").asString())
        .endsWith("dag_id 'secret_x' is not allowed on this site");
    airflow.verify(0, anyRequestedFor(anyUrl()));
  }

  // --- audit ---------------------------------------------------------------------------------

  @Test
  void everyCallGivesOneAuditEventWithoutArguments() {
    stubDag("dag-xyz-123", okJson("{\"dag_id\":\"dag-xyz-123\"}"));
    stubDag("gone-dag-456", aResponse().withStatus(404));
    ToolPipeline p = pipeline();
    TestTool tool = TestTool.getDagTool("get_dag");

    CallToolResult ok = p.call(tool, "get_dag_alias", args("dag_id", "dag-xyz-123"), credentials);
    p.call(tool, "get_dag", args("dag_id", "gone-dag-456", "password", "pw-789"), credentials);
    p.call(tool, "get_dag", args("limit", 0), credentials);

    assertThat(audit).hasSize(3);
    AuditSink.AuditEvent first = audit.get(0);
    assertThat(first.tool()).isEqualTo("get_dag_alias");
    assertThat(first.principal()).isEqualTo(credentials.principal()).startsWith("token:");
    assertThat(first.outcome()).isEqualTo("ok");
    assertThat(first.airflowCalls()).isEqualTo(1);
    assertThat(first.resultChars()).isEqualTo(text(ok).length());
    assertThat(first.durationMillis()).isGreaterThanOrEqualTo(0);
    assertThat(audit)
        .extracting(AuditSink.AuditEvent::outcome)
        .containsExactly("ok", "NotFoundError", "ValidationError");
    assertThat(audit.toString()).doesNotContain("dag-xyz-123", "gone-dag-456", "pw-789", "tok-123");
    assertThat(p.inFlight()).isZero();
  }

  @Test
  void theDetectedMajorPicksTheBinding() {
    airflow.resetAll();
    airflow.stubFor(get(urlEqualTo("/api/v2/version")).willReturn(aResponse().withStatus(404)));
    airflow.stubFor(
        get(urlEqualTo("/api/v1/version")).willReturn(okJson("{\"version\":\"2.10.5\"}")));
    airflow.stubFor(
        get(urlPathEqualTo("/api/v1/dags/etl")).willReturn(okJson("{\"dag_id\":\"etl\"}")));

    CallToolResult result = callGetDag(args("dag_id", "etl"));

    assertThat(result.isError()).isFalse();
    airflow.verify(getRequestedFor(urlEqualTo("/api/v1/dags/etl?limit=100")));
  }

  @Test
  void aToolWithoutABindingForTheDetectedMajorSaysWhichItNeedsAndCallsNothing() {
    // The fake answers as Airflow 3.0.2; the tool binds only Airflow 2.
    CallToolResult result =
        pipeline()
            .call(
                TestTool.getDagToolOnlyFor("get_dag", AirflowMajor.AIRFLOW2),
                "get_dag",
                args("dag_id", "etl"),
                credentials);

    JsonNode body = errorBody(result);
    assertThat(keys(body)).containsExactly("error", "error_type", "hint", "retryable", "dag_id");
    assertThat(body.get("error_type").asString()).isEqualTo("UnsupportedVersionError");
    assertThat(body.get("error").asString())
        .isEqualTo(
            "get_dag needs Airflow 2; this Airflow is 3.0.2, whose REST API (/api/v2) has no"
                + " endpoint for it.");
    assertThat(body.get("hint").asString())
        .isEqualTo(
            "Retrying cannot help on this Airflow; use the other tools, or tell the user"
                + " that this needs Airflow 2.");
    assertThat(body.get("retryable").asBoolean()).isFalse();
    assertThat(body.get("dag_id").asString()).isEqualTo("etl");
    // Only the version probe reached Airflow.
    airflow.verify(1, anyRequestedFor(anyUrl()));
    airflow.verify(getRequestedFor(urlEqualTo("/api/v2/version")));
    assertThat(audit)
        .extracting(AuditSink.AuditEvent::outcome)
        .containsExactly("UnsupportedVersionError");
  }
}
