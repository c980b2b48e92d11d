package dev.airflowmcp.runtime.generated;

import static dev.airflowmcp.common.AirflowMajor.AIRFLOW2;
import static dev.airflowmcp.common.AirflowMajor.AIRFLOW3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airflowmcp.common.AirflowMajor;
import dev.airflowmcp.common.LayoutSource;
import dev.airflowmcp.runtime.airflow.AirflowRequest;
import dev.airflowmcp.runtime.tool.CompositeStep;
import dev.airflowmcp.runtime.tool.InvalidArgumentsException;
import dev.airflowmcp.runtime.tool.ResponseShape;
import dev.airflowmcp.runtime.tool.ToolPolicy;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The base classes and named builders generated tools are written with. */
class ThinToolTest {

  record Runs(String dagId, Long limit, String state, List<String> states, Boolean verbose) {}

  /** A tool written the way the generator writes one. */
  static final class RunsTool extends PlainTool<Runs> {
    private static final ToolPolicy POLICY =
        ToolPolicy.readOnly("list")
            .arguments("dag_id", "limit", "state", "states", "verbose")
            .response(ResponseShape.listOf("dag_runs").include("dag_run_id"))
            .freeText("note")
            .build();

    RunsTool(Bindings<Runs> bindings) {
      super("list_runs", POLICY, bindings);
    }

    @Override
    protected Runs read(ArgumentReader reader) {
      return new Runs(
          reader.string("dag_id").required(),
          reader.integer("limit").between(1, 1000).orElse(100),
          reader.string("state").oneOf("queued", "running").optional(),
          reader.strings("states").oneOf("failed", "success").orElse(List.of("failed")),
          reader.bool("verbose").orElse(false));
    }

    static AirflowRequest binding(AirflowMajor major, Runs arguments) {
      return AirflowRequest.get("get_dag_runs", major.apiPrefix() + "/dags/{dag_id}/dagRuns")
          .path("dag_id", arguments.dagId())
          .query("limit", arguments.limit())
          .build();
    }
  }

  private static Map<String, Object> args(Object... keysAndValues) {
    Map<String, Object> out = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      out.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return out;
  }

  @Test
  void namedReadsApplyDefaultsAndBounds() throws InvalidArgumentsException {
    RunsTool tool = new RunsTool(Bindings.same(RunsTool::binding, AIRFLOW2, AIRFLOW3));
    assertThat(tool.parseArguments(args("dag_id", "etl")))
        .isEqualTo(new Runs("etl", 100L, null, List.of("failed"), false));
    assertThat(
            tool.parseArguments(
                args(
                    "dag_id",
                    "etl",
                    "limit",
                    "7",
                    "states",
                    List.of("success"),
                    "verbose",
                    "true",
                    "state",
                    "queued")))
        .isEqualTo(new Runs("etl", 7L, "queued", List.of("success"), true));
  }

  @Test
  void everyProblemIsReportedTogether() {
    RunsTool tool = new RunsTool(Bindings.same(RunsTool::binding, AIRFLOW2, AIRFLOW3));
    assertThatThrownBy(
            () ->
                tool.parseArguments(
                    args("limit", 0, "state", "done", "states", List.of("x"), "dag_idd", "etl")))
        .isInstanceOf(InvalidArgumentsException.class)
        .hasMessageContaining("unknown argument 'dag_idd' (did you mean 'dag_id'?)")
        .hasMessageContaining("missing required argument 'dag_id'")
        .hasMessageContaining("argument 'limit' must be at least 1, got 0")
        .hasMessageContaining("argument 'state' must be one of [queued, running], got 'done'")
        .hasMessageContaining("argument 'states' has 'x', which is not one of [failed, success]");
  }

  @Test
  void aSharedBindingPutsEachMajorsPrefixBeforeItsPath() throws InvalidArgumentsException {
    RunsTool tool = new RunsTool(Bindings.same(RunsTool::binding, AIRFLOW2, AIRFLOW3));
    Runs runs = tool.parseArguments(args("dag_id", "etl"));
    assertThat(tool.supports(AIRFLOW2)).isTrue();
    assertThat(tool.request(AIRFLOW2, runs).pathTemplate())
        .isEqualTo("/api/v1/dags/{dag_id}/dagRuns");
    assertThat(tool.request(AIRFLOW3, runs).pathTemplate())
        .isEqualTo("/api/v2/dags/{dag_id}/dagRuns");
    assertThat(tool.name()).isEqualTo("list_runs");
  }

  @Test
  void aToolBoundOnOneMajorRefusesTheOther() throws InvalidArgumentsException {
    RunsTool tool = new RunsTool(Bindings.of(AIRFLOW3, a -> RunsTool.binding(AIRFLOW3, a)));
    Runs runs = tool.parseArguments(args("dag_id", "etl"));
    assertThat(tool.supports(AIRFLOW2)).isFalse();
    assertThat(tool.supports(AIRFLOW3)).isTrue();
    assertThatThrownBy(() -> tool.request(AIRFLOW2, runs))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessage("list_runs has no binding for AIRFLOW2");
    assertThatThrownBy(() -> Bindings.<Runs>of(AIRFLOW3, a -> null).and(AIRFLOW3, a -> null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void thePolicyBuilderGivesTheRecordItNames() {
    ResponseShape shape =
        new ResponseShape("dag_runs", null, List.of("dag_run_id"), List.of(), 0, null);
    assertThat(RunsTool.POLICY)
        .isEqualTo(
            new ToolPolicy(
                false,
                "list",
                List.of("dag_id", "limit", "state", "states", "verbose"),
                Map.of(AIRFLOW2, shape, AIRFLOW3, shape),
                List.of(),
                List.of("note")));
    ToolPolicy write =
        ToolPolicy.writes("write")
            .response(AIRFLOW3, ResponseShape.object().exclude("conf"))
            .sensitive("password")
            .build();
    assertThat(write.write()).isTrue();
    assertThat(write.response(AIRFLOW3).exclude()).containsExactly("conf");
    assertThat(write.response(AIRFLOW2)).isEqualTo(ResponseShape.PASS_THROUGH);
    assertThat(write.sensitiveFields()).containsExactly("password");
    assertThat(ToolPolicy.readOnly("read").build().response(AIRFLOW2))
        .isEqualTo(ResponseShape.PASS_THROUGH);
  }

  @Test
  void theShapeBuilderKeepsLayoutOrder() {
    Map<String, LayoutSource> layout = new LinkedHashMap<>();
    layout.put("dag_id", LayoutSource.ARGUMENT);
    layout.put("events", LayoutSource.ITEMS);
    layout.put("count", LayoutSource.COUNT);
    layout.put("total", LayoutSource.TOTAL);
    layout.put("state", LayoutSource.FIELD);
    layout.put("before", LayoutSource.BEFORE);
    layout.put("message", LayoutSource.MESSAGE);
    ResponseShape built =
        ResponseShape.listOf("asset_events")
            .envelope("events")
            .maxChars(500)
            .truncationHint("cut")
            .rename("asset_uri", "uri")
            .message("Deleted {dag_id}.")
            .layoutArgument("dag_id")
            .layoutItems("events")
            .layoutCount("count")
            .layoutTotal("total")
            .layoutField("state")
            .layoutBefore("before")
            .layoutMessage("message")
            .build();
    assertThat(built)
        .isEqualTo(
            new ResponseShape(
                "asset_events",
                "events",
                List.of(),
                List.of(),
                500,
                "cut",
                Map.of("asset_uri", "uri"),
                layout,
                "Deleted {dag_id}."));
    assertThat(List.copyOf(built.layout().keySet())).containsExactlyElementsOf(layout.keySet());
    assertThat(ResponseShape.object().layoutStep("a").layoutSummary("b").build().layout())
        .containsExactly(Map.entry("a", LayoutSource.STEP), Map.entry("b", LayoutSource.SUMMARY));
  }

  @Test
  void theStepBuilderLeavesOutAbsentArguments() {
    CompositeStep step =
        CompositeStep.call("failed", "list_task_instances")
            .with("dag_id", "etl")
            .with("dag_run_id", null)
            .select("task_instances")
            .field("count", "total_entries")
            .maxItems(1000)
            .build();
    assertThat(step)
        .isEqualTo(
            new CompositeStep(
                "failed",
                "list_task_instances",
                Map.of("dag_id", "etl"),
                "task_instances",
                Map.of("count", "total_entries"),
                1000));
  }

  @Test
  void aCompositeSaysItsSummaryAndLayout() throws InvalidArgumentsException {
    record DagArgs(String dagId) {}
    ResponseShape layout =
        ResponseShape.object().layoutArgument("dag_id").layoutStep("runs").build();
    CompositeTool<DagArgs> composite =
        new CompositeTool<>(
            "overview",
            ToolPolicy.readOnly("read").arguments("dag_id").build(),
            "dag_run_summary",
            layout) {
          @Override
          protected DagArgs read(ArgumentReader reader) {
            return new DagArgs(reader.string("dag_id").required());
          }

          @Override
          public List<CompositeStep> steps(DagArgs arguments) {
            return List.of(
                CompositeStep.call("runs", "list_dag_runs")
                    .with("dag_id", arguments.dagId())
                    .build());
          }
        };
    assertThat(composite.summary()).isEqualTo("dag_run_summary");
    assertThat(composite.response()).isEqualTo(layout);
    assertThat(composite.steps(composite.parseArguments(args("dag_id", "etl"))).get(0).arguments())
        .containsExactly(Map.entry("dag_id", "etl"));
    assertThatThrownBy(() -> composite.parseArguments(args()))
        .hasMessageContaining("missing required argument 'dag_id'");
  }
}
