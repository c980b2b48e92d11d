package dev.airflowmcp.codegen.bind;

import static dev.airflowmcp.codegen.bind.ToolSpecs.at;
import static dev.airflowmcp.codegen.bind.ToolSpecs.binding;
import static dev.airflowmcp.codegen.bind.ToolSpecs.optional;
import static dev.airflowmcp.codegen.bind.ToolSpecs.required;
import static dev.airflowmcp.codegen.bind.ToolSpecs.tool;
import static dev.airflowmcp.common.AirflowMajor.AIRFLOW3;
import static dev.airflowmcp.toolspec.ParameterType.INTEGER;
import static dev.airflowmcp.toolspec.ParameterType.STRING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.airflowmcp.codegen.model.GenerationModel;
import dev.airflowmcp.codegen.openapi.AirflowSpec;
import dev.airflowmcp.codegen.openapi.TestSpecs;
import dev.airflowmcp.common.LayoutSource;
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
      List<ParameterDef> params,
      List<StepDef> steps,
      String summary,
      Map<String, LayoutSource> layout) {
    return new ToolDef(
        at(40),
        "explore_dag",
        List.of(),
        null,
        "Explore a DAG.",
        Annotations.READ_ONLY,
        false,
        "read",
        params,
        Map.of(),
        new ResponseDef(at(50), null, null, List.of(), List.of(), 0, null, Map.of(), layout, null),
        RedactionDef.NONE,
        steps,
        summary,
        List.of());
  }

  private static StepDef step(int line, String name, String tool, Map<String, ParamSource> args) {
    return new StepDef(at(line), name, tool, args, null, Map.of(), 0);
  }

  private static List<String> build(ToolDef... tools) {
    return build(false, tools);
  }

  private static List<String> build(boolean allowWrites, ToolDef... tools) {
    Diagnostics d = new Diagnostics();
    GenerationModel model =
        ModelBuilder.build(ToolSpecs.spec(tools), V3, new BindOptions("p", allowWrites), d);
    if (!d.hasErrors()) {
      assertThat(model).isNotNull();
    }
    return d.sorted().stream().map(Diagnostic::format).toList();
  }

  @Test
  void aValidCompositeBuilds() {
    Map<String, LayoutSource> layout = new LinkedHashMap<>();
    layout.put("dag_id", LayoutSource.ARGUMENT);
    layout.put("dag_info", LayoutSource.STEP);
    layout.put("tasks", LayoutSource.STEP);
    ToolDef explore =
        composite(
            List.of(required(41, "dag_id", STRING)),
            List.of(
                step(
                    42,
                    "dag_info",
                    "get_dag_details",
                    Map.of("dag_id", new ParamSource.FromArgument(at(43), "dag_id", null, null))),
                step(
                    44,
                    "tasks",
                    "list_tasks",
                    Map.of(
                        "dag_id", new ParamSource.FromArgument(at(45), "dag_id", null, null),
                        "order_by", new ParamSource.Constant(at(46), "task_id")))),
            null,
            layout);
    assertThat(build(getDag(), listTasks(), explore)).isEmpty();
  }

  @Test
  void everyProblemOfACompositeIsReported() {
    Map<String, LayoutSource> layout = new LinkedHashMap<>();
    layout.put("dag_infos", LayoutSource.STEP);
    layout.put("summary", LayoutSource.SUMMARY);
    layout.put("dags", LayoutSource.ITEMS);
    ToolDef explore =
        composite(
            List.of(required(41, "dag_id", INTEGER)),
            List.of(
                step(42, "dag_info", "get_dag_detail", Map.of()),
                step(
                    44,
                    "tasks",
                    "list_tasks",
                    Map.of(
                        "dag_id", new ParamSource.FromArgument(at(45), "dag_id", null, null),
                        "order", new ParamSource.Constant(at(46), "task_id"))),
                step(
                    47,
                    "more",
                    "list_tasks",
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
            List.of(
                step(
                    42,
                    "dag_info",
                    "get_dag_details",
                    Map.of("dag_id", new ParamSource.FromArgument(at(43), "dag_id", null, null)))),
            "my_summary",
            Map.of());
    Map<String, LayoutSource> layout = Map.of("x", LayoutSource.STEP);
    ToolDef plain =
        tool(60, "get_dag")
            .params(required(61, "dag_id", STRING))
            .bind(binding(62, AIRFLOW3, "get_dag"))
            .response(
                new ResponseDef(
                    at(63), null, null, List.of(), List.of(), 0, null, Map.of(), layout, null))
            .build();
    assertThat(build(getDag(), explore, plain))
        .containsExactly(
            "tools.yaml:40:5: warning [UNKNOWN_SUMMARY]: summary 'my_summary' of tool"
                + " 'explore_dag' is not built in; the server must find it through ServiceLoader",
            "tools.yaml:63:5: error [INVALID_LAYOUT]: layout key 'x' of tool 'get_dag' is 'step',"
                + " which only composite tools (with steps) have");
  }

  private static ToolDef listTaskInstances() {
    return tool(30, "list_task_instances")
        .params(
            required(31, "dag_id", STRING),
            required(32, "dag_run_id", STRING),
            optional(33, "limit", INTEGER),
            optional(34, "offset", INTEGER))
        .bind(binding(35, AIRFLOW3, "get_task_instances"))
        .response(ToolSpecs.list(36, "task_instances"))
        .build();
  }

  private static StepDef paging(int line, String name, String tool, int maxItems) {
    Map<String, ParamSource> args = new LinkedHashMap<>();
    args.put("dag_id", new ParamSource.FromArgument(at(line + 1), "dag_id", null, null));
    if (tool.equals("list_task_instances")) {
      args.put("dag_run_id", new ParamSource.Constant(at(line + 2), "run"));
    }
    return new StepDef(at(line), name, tool, args, null, Map.of(), maxItems);
  }

  @Test
  void aPagingStepMustCallAListToolWithLimitAndOffset() {
    Map<String, LayoutSource> layout = new LinkedHashMap<>();
    layout.put("failed", LayoutSource.STEP);
    layout.put("info", LayoutSource.STEP);
    layout.put("tasks", LayoutSource.STEP);
    ToolDef diagnose =
        composite(
            List.of(required(41, "dag_id", STRING)),
            List.of(
                paging(60, "failed", "list_task_instances", 1000),
                paging(64, "info", "get_dag_details", 500),
                paging(68, "tasks", "list_tasks", 100)),
            null,
            layout);
    assertThat(build(getDag(), listTasks(), listTaskInstances(), diagnose))
        .containsExactly(
            "tools.yaml:64:5: error [STEP_CANNOT_PAGE]: step 'info' of tool 'explore_dag' pages"
                + " with maxItems, but tool 'get_dag_details' lacks an integer 'limit' argument and"
                + " an integer 'offset' argument and a list response",
            "tools.yaml:68:5: error [STEP_CANNOT_PAGE]: step 'tasks' of tool 'explore_dag' pages"
                + " with maxItems, but tool 'list_tasks' lacks an integer 'limit' argument and an"
                + " integer 'offset' argument and a list response");
  }

  private static ToolDef getDagRun() {
    return tool(70, "get_dag_run")
        .params(required(71, "dag_id", STRING), required(72, "dag_run_id", STRING))
        .bind(binding(73, AIRFLOW3, "get_dag_run"))
        .build();
  }

  private static ToolDef deleteDagRun(
      List<StepDef> before, String message, Map<String, LayoutSource> layout) {
    ToolDef bound =
        tool(80, "delete_dag_run")
            .write()
            .params(required(81, "dag_id", STRING), required(82, "dag_run_id", STRING))
            .bind(binding(83, AIRFLOW3, "delete_dag_run"))
            .response(
                new ResponseDef(
                    at(84), null, null, List.of(), List.of(), 0, null, Map.of(), layout, message))
            .build();
    return new ToolDef(
        bound.location(),
        bound.name(),
        List.of(),
        null,
        bound.description(),
        bound.annotations(),
        true,
        "write",
        bound.parameters(),
        bound.bindings(),
        bound.response(),
        RedactionDef.NONE,
        List.of(),
        null,
        before);
  }

  private static StepDef read(int line, String name, String tool) {
    Map<String, ParamSource> args = new LinkedHashMap<>();
    args.put("dag_id", new ParamSource.FromArgument(at(line + 1), "dag_id", null, null));
    args.put("dag_run_id", new ParamSource.FromArgument(at(line + 2), "dag_run_id", null, null));
    return new StepDef(at(line), name, tool, args, null, Map.of(), 0);
  }

  @Test
  void beforeReadsCallReadToolsAndTheLayoutAndMessageNameWhatExists() {
    Map<String, LayoutSource> layout = new LinkedHashMap<>();
    layout.put("message", LayoutSource.MESSAGE);
    layout.put("deleted_run", LayoutSource.BEFORE);
    ToolDef good =
        deleteDagRun(
            List.of(read(90, "deleted_run", "get_dag_run")),
            "DAG run '{dag_run_id}' of '{dag_id}' deleted.",
            layout);
    assertThat(build(true, getDagRun(), good)).isEmpty();

    Map<String, LayoutSource> wrong = new LinkedHashMap<>();
    wrong.put("message", LayoutSource.MESSAGE);
    wrong.put("deleted", LayoutSource.BEFORE);
    ToolDef other =
        tool(100, "other_delete")
            .write()
            .params(required(101, "dag_id", STRING), required(102, "dag_run_id", STRING))
            .bind(binding(103, AIRFLOW3, "delete_dag_run"))
            .build();
    ToolDef bad =
        deleteDagRun(
            List.of(read(90, "deleted_run", "get_dag_runs"), read(94, "again", "other_delete")),
            "Run {run_id} deleted.",
            wrong);
    assertThat(build(true, getDagRun(), other, bad))
        .containsExactly(
            "tools.yaml:84:5: error [INVALID_LAYOUT]: layout key 'deleted' of tool"
                + " 'delete_dag_run' is 'before', but the tool has no before-read of that name",
            "tools.yaml:84:5: error [INVALID_LAYOUT]: the message of tool 'delete_dag_run' names"
                + " {run_id}, which is not one of its arguments",
            "tools.yaml:90:5: error [UNKNOWN_STEP_TOOL]: before-read 'deleted_run' of tool"
                + " 'delete_dag_run' calls 'get_dag_runs', which is not a tool of this build",
            "tools.yaml:94:5: error [STEP_CALLS_WRITE_TOOL]: step 'again' of tool"
                + " 'delete_dag_run' calls write tool 'other_delete'; steps and before-reads only"
                + " read");
  }

  @Test
  void aMessageNamesRequiredArgumentsOnly() {
    Map<String, LayoutSource> layout = new LinkedHashMap<>();
    layout.put("message", LayoutSource.MESSAGE);
    layout.put("dag_runs", LayoutSource.ITEMS);
    ToolDef runs =
        tool(110, "list_runs")
            .params(required(111, "dag_id", STRING), optional(112, "limit", INTEGER))
            .bind(binding(113, AIRFLOW3, "get_dag_runs"))
            .response(
                new ResponseDef(
                    at(114),
                    "dag_runs",
                    null,
                    List.of(),
                    List.of(),
                    0,
                    null,
                    Map.of(),
                    layout,
                    "Runs of {dag_id}, {limit} at most."))
            .build();
    assertThat(build(runs))
        .containsExactly(
            "tools.yaml:114:5: error [INVALID_LAYOUT]: the message of tool 'list_runs' names"
                + " {limit}, which is optional");
  }
}
