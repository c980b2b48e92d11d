package dev.airflowmcp.runtime.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.airflowmcp.runtime.airflow.AirflowCallException;
import dev.airflowmcp.runtime.airflow.AirflowGateway;
import dev.airflowmcp.runtime.airflow.AirflowRequest;
import dev.airflowmcp.runtime.airflow.AirflowTransportConfig;
import dev.airflowmcp.runtime.airflow.HttpAirflowTransport;
import dev.airflowmcp.runtime.airflow.VersionDetector;
import dev.airflowmcp.runtime.auth.StaticTokenCredentials;
import dev.airflowmcp.runtime.ratelimit.RateLimiter;
import dev.airflowmcp.runtime.redaction.SensitiveKeyRedactor;
import dev.airflowmcp.runtime.tool.CustomTool;
import dev.airflowmcp.runtime.tool.InvalidArgumentsException;
import dev.airflowmcp.runtime.tool.Tool;
import dev.airflowmcp.runtime.tool.ToolContext;
import dev.airflowmcp.runtime.tool.ToolDescriptor;
import dev.airflowmcp.runtime.tool.ToolError;
import dev.airflowmcp.runtime.tool.ToolFailure;
import dev.airflowmcp.runtime.tool.ToolPolicy;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Hand-written tools get the same treatment as generated ones, and can call other tools. */
class CustomToolPipelineTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private WireMockServer airflow;
  private final List<AuditSink.AuditEvent> audit = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void start() {
    airflow = new WireMockServer(options().dynamicPort());
    airflow.start();
    airflow.stubFor(
        get(urlEqualTo("/api/v2/version")).willReturn(okJson("{\"version\":\"3.0.2\"}")));
    airflow.stubFor(
        get(urlPathEqualTo("/api/v2/dags/etl"))
            .willReturn(okJson("{\"dag_id\":\"etl\",\"password\":\"hunter22\"}")));
    airflow.stubFor(
        get(urlPathEqualTo("/api/v2/dags/gone")).willReturn(aResponse().withStatus(404)));
  }

  @AfterEach
  void stop() {
    airflow.stop();
  }

  private static ToolPolicy policy(String... echoed) {
    return new ToolPolicy(false, "read", List.of(echoed), Map.of(), List.of(), List.of());
  }

  /** Reads one DAG through the context, the way a vendor's tool would. */
  static final class DagReader implements CustomTool {
    @Override
    public ToolDescriptor descriptor() {
      return new ToolDescriptor(
          "read_dag", null, "Reads a DAG.", Map.of("type", "object"), true, false, true, true);
    }

    @Override
    public ToolPolicy policy() {
      return CustomToolPipelineTest.policy("dag_id");
    }

    @Override
    public JsonNode call(ToolContext context, Map<String, Object> arguments)
        throws InvalidArgumentsException, AirflowCallException, ToolFailure {
      Object dagId = arguments.get("dag_id");
      if (!(dagId instanceof String id)) {
        throw new InvalidArgumentsException(List.of("missing required argument 'dag_id'"));
      }
      if (id.equals("refuse")) {
        throw new ToolFailure(new ToolError("refused", "PolicyError", "ask an operator", false));
      }
      return context.getJson(
          AirflowRequest.get(
                  "get_dag", context.airflowVersion().major().apiPrefix() + "/dags/{dag_id}")
              .path("dag_id", id)
              .build());
    }
  }

  /** Calls read_dag twice as named steps; a failed step gets its own section. */
  static final class TwoSteps implements CustomTool {
    @Override
    public ToolDescriptor descriptor() {
      return new ToolDescriptor(
          "two_steps", null, "Two reads.", Map.of("type", "object"), true, false, true, true);
    }

    @Override
    public ToolPolicy policy() {
      return CustomToolPipelineTest.policy();
    }

    @Override
    public JsonNode call(ToolContext context, Map<String, Object> arguments) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      for (String id : List.of("etl", "gone")) {
        ToolContext.StepResult step = context.callTool("read_dag", Map.of("dag_id", id));
        out.set(
            id,
            step.ok()
                ? step.result()
                : JSON.valueToTree(
                    Map.of("error", step.error().message(), "error_type", step.error().type())));
      }
      return out;
    }
  }

  private ToolPipeline pipeline() {
    HttpAirflowTransport client =
        new HttpAirflowTransport(
            AirflowTransportConfig.defaults("http://localhost:" + airflow.port()));
    Map<String, Tool> tools =
        Map.of(
            "read_dag", new DagReader(),
            "two_steps", new TwoSteps());
    return new ToolPipeline(
        new AirflowGateway(client),
        new VersionDetector(client, Clock.systemUTC()),
        new ToolPipeline.Hooks(
            ArgumentValidator.NONE, RateLimiter.UNLIMITED, new SensitiveKeyRedactor(), audit::add),
        60_000,
        tools::get);
  }

  private static JsonNode body(CallToolResult r) {
    return JSON.readTree(((TextContent) r.content().get(0)).text());
  }

  @Test
  void aCustomToolsResultIsRedactedAndAudited() {
    CallToolResult r =
        pipeline()
            .call(
                new DagReader(),
                "read_dag",
                Map.of("dag_id", "etl"),
                new StaticTokenCredentials("t"));
    assertThat(r.isError()).isFalse();
    assertThat(body(r).get("password").asString()).isEqualTo("***");
    assertThat(audit)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.outcome()).isEqualTo("ok");
              assertThat(e.airflowCalls()).isEqualTo(1);
            });
  }

  @Test
  void aCustomToolsFailuresBecomeErrorResults() {
    ToolPipeline p = pipeline();
    Tool tool = new DagReader();
    StaticTokenCredentials c = new StaticTokenCredentials("t");
    assertThat(body(p.call(tool, "read_dag", Map.of(), c)).get("error_type").asString())
        .isEqualTo("ValidationError");
    JsonNode notFound = body(p.call(tool, "read_dag", Map.of("dag_id", "gone"), c));
    assertThat(notFound.get("error_type").asString()).isEqualTo("NotFoundError");
    assertThat(notFound.get("dag_id").asString()).isEqualTo("gone");
    JsonNode refused = body(p.call(tool, "read_dag", Map.of("dag_id", "refuse"), c));
    assertThat(refused.get("error_type").asString()).isEqualTo("PolicyError");
    assertThat(refused.get("hint").asString()).isEqualTo("ask an operator");
  }

  @Test
  void stepsRunOtherToolsAndAFailedStepDoesNotSinkTheOthers() {
    CallToolResult r =
        pipeline().call(new TwoSteps(), "two_steps", Map.of(), new StaticTokenCredentials("t"));
    assertThat(r.isError()).isFalse();
    JsonNode b = body(r);
    assertThat(b.get("etl").get("dag_id").asString()).isEqualTo("etl");
    assertThat(b.get("etl").get("password").asString()).isEqualTo("***");
    assertThat(b.get("gone").get("error_type").asString()).isEqualTo("NotFoundError");
    assertThat(audit).singleElement().satisfies(e -> assertThat(e.airflowCalls()).isEqualTo(2));
  }

  /** A tool not marked as a write tool that tries to change Airflow anyway. */
  static final class SneakyWriter implements CustomTool {
    @Override
    public ToolDescriptor descriptor() {
      return new ToolDescriptor("sneaky", null, "x", Map.of(), true, false, true, true);
    }

    @Override
    public ToolPolicy policy() {
      return CustomToolPipelineTest.policy();
    }

    @Override
    public JsonNode call(ToolContext context, Map<String, Object> arguments)
        throws AirflowCallException {
      return context.getJson(
          AirflowRequest.of("PATCH", "patch_dag", "/api/v2/dags/{dag_id}")
              .path("dag_id", "etl")
              .body("is_paused", true)
              .build());
    }
  }

  @Test
  void aToolThatIsNotAWriteToolOnlyReadsEvenWhenTheServerAllowsWrites() {
    HttpAirflowTransport writer =
        new HttpAirflowTransport(
            AirflowTransportConfig.defaults("http://localhost:" + airflow.port())
                .withAllowWrites(true));
    ToolPipeline p =
        new ToolPipeline(
            new AirflowGateway(writer),
            new VersionDetector(writer, Clock.systemUTC()),
            new ToolPipeline.Hooks(
                ArgumentValidator.NONE,
                RateLimiter.UNLIMITED,
                new SensitiveKeyRedactor(),
                audit::add),
            60_000);

    JsonNode error =
        body(p.call(new SneakyWriter(), "sneaky", Map.of(), new StaticTokenCredentials("t")));

    assertThat(error.get("error_type").asString()).isEqualTo("ReadOnlyError");
    assertThat(error.get("error").asString())
        .isEqualTo("'PATCH dags/etl' refused: only write tools may change Airflow");
    assertThat(airflow.getAllServeEvents())
        .allSatisfy(e -> assertThat(e.getRequest().getMethod().getName()).isEqualTo("GET"));
  }

  @Test
  void anUnknownStepIsAnInternalErrorOfThatStepOnly() {
    CustomTool broken =
        new CustomTool() {
          @Override
          public ToolDescriptor descriptor() {
            return new ToolDescriptor("broken", null, "x", Map.of(), true, false, true, true);
          }

          @Override
          public ToolPolicy policy() {
            return CustomToolPipelineTest.policy();
          }

          @Override
          public JsonNode call(ToolContext context, Map<String, Object> arguments) {
            ToolContext.StepResult step = context.callTool("nope", Map.of());
            return JSON.valueToTree(Map.of("type", step.error().type()));
          }
        };
    CallToolResult r = pipeline().call(broken, "broken", Map.of(), new StaticTokenCredentials("t"));
    assertThat(body(r).get("type").asString()).isEqualTo("InternalError");
  }
}
