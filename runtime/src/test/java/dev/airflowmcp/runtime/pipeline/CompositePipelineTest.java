package dev.airflowmcp.runtime.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.airflowmcp.common.AirflowMajor;
import dev.airflowmcp.common.LayoutSource;
import dev.airflowmcp.runtime.airflow.AirflowGateway;
import dev.airflowmcp.runtime.airflow.AirflowTransportConfig;
import dev.airflowmcp.runtime.airflow.HttpAirflowTransport;
import dev.airflowmcp.runtime.airflow.VersionDetector;
import dev.airflowmcp.runtime.auth.StaticTokenCredentials;
import dev.airflowmcp.runtime.ratelimit.RateLimiter;
import dev.airflowmcp.runtime.redaction.SensitiveKeyRedactor;
import dev.airflowmcp.runtime.tool.CompositeStep;
import dev.airflowmcp.runtime.tool.CustomTool;
import dev.airflowmcp.runtime.tool.GeneratedComposite;
import dev.airflowmcp.runtime.tool.InvalidArgumentsException;
import dev.airflowmcp.runtime.tool.ResponseShape;
import dev.airflowmcp.runtime.tool.Tool;
import dev.airflowmcp.runtime.tool.ToolContext;
import dev.airflowmcp.runtime.tool.ToolDescriptor;
import dev.airflowmcp.runtime.tool.ToolError;
import dev.airflowmcp.runtime.tool.ToolFailure;
import dev.airflowmcp.runtime.tool.ToolPolicy;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Composite tools: concurrent steps, a failed step in its own section, layout and redaction. */
class CompositePipelineTest {
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
            .willReturn(
                okJson("{\"dag_id\":\"etl\",\"tags\":[\"a\"],\"password\":\"s3cr3t-pw\"}")));
    airflow.stubFor(
        get(urlPathEqualTo("/api/v2/dags/report"))
            .willReturn(okJson("{\"dag_id\":\"report\",\"tags\":[]}")));
    airflow.stubFor(
        get(urlPathEqualTo("/api/v2/dags/gone")).willReturn(aResponse().withStatus(404)));
  }

  @AfterEach
  void stop() {
    airflow.stop();
  }

  record Args(String first, String second) {}

  /** Two steps reading two DAGs; the first section keeps only the DAG's tags. */
  static class TwoDags implements GeneratedComposite<Args> {
    @Override
    public String name() {
      return "two_dags";
    }

    @Override
    public ToolPolicy policy() {
      return new ToolPolicy(
          false, "read", List.of("first", "second"), Map.of(), List.of(), List.of());
    }

    @Override
    public Args parseArguments(Map<String, Object> raw) throws InvalidArgumentsException {
      if (!(raw.get("first") instanceof String f) || !(raw.get("second") instanceof String s)) {
        throw new InvalidArgumentsException(List.of("missing required argument 'first'"));
      }
      return new Args(f, s);
    }

    @Override
    public List<CompositeStep> steps(Args a) {
      return List.of(
          new CompositeStep(
              "first_dag", "get_dag", Map.of("dag_id", a.first()), "tags", Map.of(), 0),
          new CompositeStep(
              "second_dag", "get_dag", Map.of("dag_id", a.second()), null, Map.of(), 0));
    }

    @Override
    public String summary() {
      return null;
    }

    @Override
    public ResponseShape response() {
      Map<String, LayoutSource> layout = new LinkedHashMap<>();
      layout.put("first", LayoutSource.ARGUMENT);
      layout.put("second_dag", LayoutSource.STEP);
      layout.put("first_dag", LayoutSource.STEP);
      return new ResponseShape(null, null, List.of(), List.of(), 0, null, Map.of(), layout, null);
    }
  }

  private ToolPipeline pipeline() {
    return pipeline(Map.of("get_dag", TestTool.getDagTool("get_dag")));
  }

  /** A pipeline against the fake Airflow whose composite steps can call {@code tools}. */
  private ToolPipeline pipeline(Map<String, Tool> tools) {
    HttpAirflowTransport client =
        new HttpAirflowTransport(
            AirflowTransportConfig.defaults("http://localhost:" + airflow.port()));
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

  private CallToolResult call(String first, String second) {
    return pipeline()
        .call(
            new TwoDags(),
            "two_dags",
            Map.of("first", first, "second", second),
            new StaticTokenCredentials("t"));
  }

  @Test
  void closingThePipelineEndsItsStepThreads() throws InterruptedException {
    ToolPipeline p = pipeline();
    CallToolResult r =
        p.call(
            new TwoDags(),
            "two_dags",
            Map.of("first", "etl", "second", "report"),
            new StaticTokenCredentials("t"));
    assertThat(r.isError()).isFalse();
    assertThat(p.stepThreadsEnded(Duration.ofMillis(50)))
        .as("step threads live on while the pipeline is open")
        .isFalse();

    p.close();

    assertThat(p.stepThreadsEnded(Duration.ofSeconds(30))).isTrue();
  }

  @Test
  void theLayoutOrdersTheSectionsAndSelectKeepsOneField() {
    CallToolResult r = call("etl", "report");
    assertThat(r.isError()).isFalse();
    assertThat(JSON.writeValueAsString(body(r)))
        .isEqualTo(
            "{\"first\":\"etl\",\"second_dag\":{\"dag_id\":\"report\",\"tags\":[]},"
                + "\"first_dag\":[\"a\"]}");
    assertThat(audit).singleElement().satisfies(e -> assertThat(e.airflowCalls()).isEqualTo(2));
  }

  @Test
  void stepsRunConcurrently() {
    // Each step waits until the other has started: run one after the other, both would fail.
    CyclicBarrier bothRunning = new CyclicBarrier(2);
    CustomTool rendezvous =
        new CustomTool() {
          @Override
          public ToolDescriptor descriptor() {
            return new ToolDescriptor("rendezvous", null, "x", Map.of(), true, false, true, true);
          }

          @Override
          public ToolPolicy policy() {
            return new ToolPolicy(false, "read", List.of(), Map.of(), List.of(), List.of());
          }

          @Override
          public JsonNode call(ToolContext context, Map<String, Object> arguments)
              throws ToolFailure {
            try {
              bothRunning.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
              throw new ToolFailure(new ToolError("alone", "Sequential", "-", false));
            }
            return JSON.valueToTree(Map.of("ok", true));
          }
        };
    GeneratedComposite<Args> both =
        new TwoDags() {
          @Override
          public List<CompositeStep> steps(Args a) {
            return List.of(
                new CompositeStep("first_dag", "rendezvous", Map.of(), null, Map.of(), 0),
                new CompositeStep("second_dag", "rendezvous", Map.of(), null, Map.of(), 0));
          }
        };
    ToolPipeline p = pipeline(Map.of("rendezvous", rendezvous));
    JsonNode b =
        body(
            p.call(
                both,
                "both",
                Map.of("first", "a", "second", "b"),
                new StaticTokenCredentials("t")));
    assertThat(b.get("first_dag").get("ok").asBoolean()).isTrue();
    assertThat(b.get("second_dag").get("ok").asBoolean()).isTrue();
  }

  @Test
  void aFailedStepKeepsItsOwnSectionAndTheRestIsRedacted() {
    CallToolResult r =
        pipeline()
            .call(
                new TwoDags() {
                  @Override
                  public List<CompositeStep> steps(Args a) {
                    return List.of(
                        new CompositeStep(
                            "first_dag", "get_dag", Map.of("dag_id", a.first()), null, Map.of(), 0),
                        new CompositeStep(
                            "second_dag",
                            "get_dag",
                            Map.of("dag_id", a.second()),
                            null,
                            Map.of(),
                            0));
                  }
                },
                "two_dags",
                Map.of("first", "etl", "second", "gone"),
                new StaticTokenCredentials("t"));
    assertThat(r.isError()).isFalse();
    JsonNode b = body(r);
    assertThat(b.get("first_dag").get("password").asString()).isEqualTo("***");
    assertThat(b.get("second_dag").get("error_type").asString()).isEqualTo("NotFoundError");
    assertThat(b.get("second_dag").get("retryable").asBoolean()).isTrue();
  }

  @Test
  void whenEveryStepFailsTheCallFails() {
    CallToolResult r = call("gone", "gone");
    assertThat(r.isError()).isTrue();
    JsonNode b = body(r);
    assertThat(b.get("error_type").asString()).isEqualTo("NotFoundError");
    assertThat(b.get("first").asString()).isEqualTo("gone");
  }

  /**
   * A list tool over {@code total} items that, like Airflow with its maximum_page_limit, returns at
   * most 100 per page whatever limit asks; it fails (HTTP 503 as Airflow would say) for the offset
   * {@code failAt}, or never when it is negative.
   */
  private static CustomTool pagedList(int total, long failAt, List<Long> offsetsSeen) {
    return new CustomTool() {
      @Override
      public ToolDescriptor descriptor() {
        return new ToolDescriptor("list_items", null, "x", Map.of(), true, false, true, true);
      }

      @Override
      public ToolPolicy policy() {
        ResponseShape items = new ResponseShape("items", "items", List.of(), List.of(), 0, null);
        return new ToolPolicy(
            false, "list", List.of(), Map.of(AirflowMajor.AIRFLOW3, items), List.of(), List.of());
      }

      @Override
      public JsonNode call(ToolContext context, Map<String, Object> arguments) throws ToolFailure {
        long offset = ((Number) arguments.get("offset")).longValue();
        long limit = ((Number) arguments.get("limit")).longValue();
        offsetsSeen.add(offset);
        if (offset == failAt) {
          throw new ToolFailure(new ToolError("page failed", "HTTPStatusError", "-", false));
        }
        List<Map<String, Object>> page = new ArrayList<>();
        for (long i = offset; i < Math.min(total, offset + Math.min(limit, 100)); i++) {
          page.add(Map.of("id", i));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total_items", total);
        out.put("returned_count", page.size());
        out.put("items", page);
        return JSON.valueToTree(out);
      }
    };
  }

  private JsonNode pagedStep(CustomTool list, int maxItems) {
    GeneratedComposite<Args> paged =
        new TwoDags() {
          @Override
          public List<CompositeStep> steps(Args a) {
            return List.of(
                new CompositeStep(
                    "all", "list_items", Map.of("limit", 1000L), null, Map.of(), maxItems),
                new CompositeStep(
                    "first_dag", "get_dag", Map.of("dag_id", a.first()), null, Map.of(), 0));
          }

          @Override
          public ResponseShape response() {
            Map<String, LayoutSource> layout = new LinkedHashMap<>();
            layout.put("all", LayoutSource.STEP);
            layout.put("first_dag", LayoutSource.STEP);
            return new ResponseShape(
                null, null, List.of(), List.of(), 0, null, Map.of(), layout, null);
          }
        };
    ToolPipeline p =
        pipeline(Map.of("list_items", list, "get_dag", TestTool.getDagTool("get_dag")));
    CallToolResult r =
        p.call(
            paged, "paged", Map.of("first", "etl", "second", "x"), new StaticTokenCredentials("t"));
    assertThat(r.isError()).isFalse();
    return body(r);
  }

  @Test
  void aPagingStepCollectsEveryPageWhenAirflowCapsThePageSize() {
    List<Long> offsets = Collections.synchronizedList(new ArrayList<>());
    JsonNode all = pagedStep(pagedList(250, -1, offsets), 1000).get("all");

    // limit 1000 asked, 100 per page given: offsets follow what came back, not what was asked.
    assertThat(offsets).containsExactly(0L, 100L, 200L);
    assertThat(all.get("total_items").asInt()).isEqualTo(250);
    assertThat(all.get("returned_count").asInt()).isEqualTo(250);
    assertThat(all.get("items")).hasSize(250);
    assertThat(all.get("items").get(249).get("id").asInt()).isEqualTo(249);
  }

  @Test
  void aPagingStepStopsAtMaxItems() {
    List<Long> offsets = Collections.synchronizedList(new ArrayList<>());
    JsonNode all = pagedStep(pagedList(1000, -1, offsets), 150).get("all");

    assertThat(offsets).containsExactly(0L, 100L);
    assertThat(all.get("total_items").asInt()).isEqualTo(1000);
    assertThat(all.get("returned_count").asInt()).isEqualTo(150);
    assertThat(all.get("items")).hasSize(150);
  }

  @Test
  void aFailedPageFailsTheStepRatherThanPassingForTheWholeList() {
    List<Long> offsets = Collections.synchronizedList(new ArrayList<>());
    JsonNode b = pagedStep(pagedList(250, 100, offsets), 1000);

    assertThat(offsets).containsExactly(0L, 100L);
    assertThat(b.get("all").get("error_type").asString()).isEqualTo("HTTPStatusError");
    assertThat(b.get("all").has("items")).isFalse();
    assertThat(b.get("first_dag").get("dag_id").asString()).isEqualTo("etl");
  }
}
