package dev.airflowmcp.codegen.bind;

import static dev.airflowmcp.codegen.bind.ToolSpecs.at;
import static dev.airflowmcp.codegen.bind.ToolSpecs.binding;
import static dev.airflowmcp.codegen.bind.ToolSpecs.optional;
import static dev.airflowmcp.codegen.bind.ToolSpecs.required;
import static dev.airflowmcp.codegen.bind.ToolSpecs.tool;
import static dev.airflowmcp.toolspec.AirflowMajor.AIRFLOW3;
import static dev.airflowmcp.toolspec.ParameterType.INTEGER;
import static dev.airflowmcp.toolspec.ParameterType.STRING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.airflowmcp.codegen.model.GenerationModel;
import dev.airflowmcp.codegen.openapi.AirflowSpec;
import dev.airflowmcp.codegen.openapi.TestSpecs;
import dev.airflowmcp.toolspec.Annotations;
import dev.airflowmcp.toolspec.ParamSource;
import dev.airflowmcp.toolspec.ParameterDef;
import dev.airflowmcp.toolspec.RedactionDef;
import dev.airflowmcp.toolspec.ResponseDef;
import dev.airflowmcp.toolspec.StepDef;
import dev.airflowmcp.toolspec.ToolDef;
import dev.airflowmcp.toolspec.diag.Diagnostic;
import dev.airflowmcp.toolspec.diag.Diagnostics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Composite tools are checked against the tools their steps call. */
class CompositeChecksTest {
  private static final List<AirflowSpec> V3 = List.of(TestSpecs.real("airflow-3.2.0-v2.yaml"));

  private static ToolDef getDag() {
    return tool(10, "get_dag_details")
        .params(required(11, "dag_id", STRING))
        .bind(binding(12, AIRFLOW3, "get_dag_details"))
        .build();
  }

  private static ToolDef listTasks() {
    return tool(20, "list_tasks")
        .params(required(21, "dag_id", STRING), optional(22, "order_by", STRING))
        .bind(binding(23, AIRFLOW3, "get_tasks"))
        .build();
  }

  private static ToolDef composite(
      List<ParameterDef> params, List<StepDef> steps, String summary, Map<String, ResponseDef.LayoutSource> layout) {
    return new ToolDef(at(40), "explore_dag", List.of(), null, "Explore a DAG.",
        Annotations.READ_ONLY, false, "read", params, Map.of(),
        new ResponseDef(at(50), null, null, List.of(), List.of(), 0, null, Map.of(), layout),
        RedactionDef.NONE, steps, summary);
  }

  private static StepDef step(int line, String name, String tool, Map<String, ParamSource> args) {
    return new StepDef(at(line), name, tool, args, null, Map.of());
  }

  private static List<String> build(ToolDef... tools) {
    Diagnostics d = new Diagnostics();
    GenerationModel model =
        ModelBuilder.build(ToolSpecs.spec(tools), V3, new BindOptions("p", false), d);
    if (!d.hasErrors()) {
      assertThat(model).isNotNull();
    }
    return d.sorted().stream().map(Diagnostic::format).toList();
  }

  @Test
  void aValidCompositeBuilds() {
    Map<String, ResponseDef.LayoutSource> layout = new LinkedHashMap<>();
    layout.put("dag_id", ResponseDef.LayoutSource.ARGUMENT);
    layout.put("dag_info", ResponseDef.LayoutSource.STEP);
    layout.put("tasks", ResponseDef.LayoutSource.STEP);
    ToolDef explore =
        composite(
            List.of(required(41, "dag_id", STRING)),
            List.of(
                step(42, "dag_info", "get_dag_details",
                    Map.of("dag_id", new ParamSource.FromArgument(at(43), "dag_id", null, null))),
                step(44, "tasks", "list_tasks",
                    Map.of(
                        "dag_id", new ParamSource.FromArgument(at(45), "dag_id", null, null),
                        "order_by", new ParamSource.Constant(at(46), "task_id")))),
            null,
            layout);
    assertThat(build(getDag(), listTasks(), explore)).isEmpty();
  }

  @Test
  void everyProblemOfACompositeIsReported() {
    Map<String, ResponseDef.LayoutSource> layout = new LinkedHashMap<>();
    layout.put("dag_infos", ResponseDef.LayoutSource.STEP);
    layout.put("summary", ResponseDef.LayoutSource.SUMMARY);
    layout.put("dags", ResponseDef.LayoutSource.ITEMS);
    ToolDef explore =
        composite(
            List.of(required(41, "dag_id", INTEGER)),
            List.of(
                step(42, "dag_info", "get_dag_detail", Map.of()),
                step(44, "tasks", "list_tasks",
                    Map.of(
                        "dag_id", new ParamSource.FromArgument(at(45), "dag_id", null, null),
                        "order", new ParamSource.Constant(at(46), "task_id"))),
                step(47, "more", "list_tasks",
                    Map.of("order_by", new ParamSource.Constant(at(48), 5L)))),
            null,
            layout);
    assertThat(build(getDag(), listTasks(), explore))
        .containsExactly(
            "tools.yaml:42:5: error [UNKNOWN_STEP_TOOL]: step 'dag_info' of tool 'explore_dag'"
                + " calls 'get_dag_detail', which is not a tool of this build",
            "tools.yaml:45:5: error [TYPE_MISMATCH]: step 'tasks' passes argument 'dag_id'"
                + " (integer) as 'dag_id' of tool 'list_tasks' (string)",
            "tools.yaml:46:5: error [UNKNOWN_ARGUMENT]: step 'tasks' passes 'order', which tool"
                + " 'list_tasks' does not take",
            "tools.yaml:47:5: error [STEP_MISSING_ARGUMENT]: step 'more' of tool 'explore_dag'"
                + " does not pass 'dag_id', which tool 'list_tasks' requires",
            "tools.yaml:48:5: error [TYPE_MISMATCH]: step 'more' passes constant 5 as 'order_by'"
                + " of tool 'list_tasks' (string)",
            "tools.yaml:50:5: error [INVALID_LAYOUT]: layout key 'dag_infos' of tool"
                + " 'explore_dag' names no step",
            "tools.yaml:50:5: error [INVALID_LAYOUT]: layout key 'summary' of tool 'explore_dag'"
                + " is 'summary', but the tool has no summary",
            "tools.yaml:50:5: error [INVALID_LAYOUT]: layout key 'dags' of composite tool"
                + " 'explore_dag' is 'items'; a composite lays out steps, summary keys and"
                + " arguments");
  }

  @Test
  void anUnknownSummaryIsOnlyAWarningAndStepKeysOutsideCompositesAreErrors() {
    ToolDef explore =
        composite(
            List.of(required(41, "dag_id", STRING)),
            List.of(step(42, "dag_info", "get_dag_details",
                Map.of("dag_id", new ParamSource.FromArgument(at(43), "dag_id", null, null)))),
            "my_summary",
            Map.of());
    Map<String, ResponseDef.LayoutSource> layout = Map.of("x", ResponseDef.LayoutSource.STEP);
    ToolDef plain =
        tool(60, "get_dag")
            .params(required(61, "dag_id", STRING))
            .bind(binding(62, AIRFLOW3, "get_dag"))
            .response(new ResponseDef(at(63), null, null, List.of(), List.of(), 0, null, Map.of(), layout))
            .build();
    assertThat(build(getDag(), explore, plain))
        .containsExactly(
            "tools.yaml:40:5: warning [UNKNOWN_SUMMARY]: summary 'my_summary' of tool"
                + " 'explore_dag' is not built in; the server must find it through ServiceLoader",
            "tools.yaml:63:5: error [INVALID_LAYOUT]: layout key 'x' of tool 'get_dag' is 'step',"
                + " which only composite tools (with steps) have");
  }
}
