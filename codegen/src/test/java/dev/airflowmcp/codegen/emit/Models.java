package dev.airflowmcp.codegen.emit;

import dev.airflowmcp.codegen.model.ArgumentModel;
import dev.airflowmcp.codegen.model.BoundParam;
import dev.airflowmcp.codegen.model.GenerationModel;
import dev.airflowmcp.codegen.model.OperationModel;
import dev.airflowmcp.codegen.model.ParamLocation;
import dev.airflowmcp.codegen.model.SpecInfo;
import dev.airflowmcp.codegen.model.ToolModel;
import dev.airflowmcp.codegen.model.ValueSource;
import dev.airflowmcp.common.AirflowMajor;
import dev.airflowmcp.common.LayoutSource;
import dev.airflowmcp.toolspec.Annotations;
import dev.airflowmcp.toolspec.ParamSource;
import dev.airflowmcp.toolspec.ParameterDef;
import dev.airflowmcp.toolspec.ParameterType;
import dev.airflowmcp.toolspec.PromptDef;
import dev.airflowmcp.toolspec.RateLimitDef;
import dev.airflowmcp.toolspec.RedactionDef;
import dev.airflowmcp.toolspec.ResourceDef;
import dev.airflowmcp.toolspec.ResponseDef;
import dev.airflowmcp.toolspec.ServerInfo;
import dev.airflowmcp.toolspec.SourceLocation;
import dev.airflowmcp.toolspec.StepDef;
import dev.airflowmcp.toolspec.ToolDef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-built models that exercise every emitter feature. */
final class Models {
  private Models() {}

  static final SourceLocation AT = new SourceLocation("tools.yaml", 1, 1);

  static ParameterDef param(String name, ParameterType type, boolean required, Object def) {
    return new ParameterDef(
        AT,
        name,
        type,
        null,
        "The " + name + ".",
        required,
        false,
        def,
        List.of(),
        null,
        null,
        false);
  }

  static ArgumentModel arg(ParameterDef def, String javaName) {
    return new ArgumentModel(def, javaName);
  }

  /** A list tool with every argument kind, a comma-separated array and a hidden argument. */
  static ToolModel listRuns() {
    ParameterDef dagId =
        new ParameterDef(
            AT,
            "dag_id",
            ParameterType.STRING,
            null,
            "DAG id.",
            false,
            true,
            null,
            List.of(),
            null,
            null,
            false);
    ParameterDef limit =
        new ParameterDef(
            AT,
            "limit",
            ParameterType.INTEGER,
            null,
            "Max @items.",
            false,
            false,
            100L,
            List.of(),
            1L,
            1000L,
            false);
    ParameterDef states =
        new ParameterDef(
            AT,
            "states",
            ParameterType.ARRAY,
            ParameterType.STRING,
            "States.",
            false,
            false,
            null,
            List.of("failed", "success"),
            null,
            null,
            false);
    ParameterDef orderBy =
        new ParameterDef(
            AT,
            "order_by",
            ParameterType.STRING,
            null,
            "Order.",
            false,
            false,
            "-start_date",
            List.of(),
            null,
            null,
            false);
    ParameterDef ratio =
        new ParameterDef(
            AT,
            "min_ratio",
            ParameterType.NUMBER,
            null,
            null,
            false,
            false,
            0.5,
            List.of(),
            0.0,
            1.0,
            false);
    ParameterDef verbose =
        new ParameterDef(
            AT,
            "verbose",
            ParameterType.BOOLEAN,
            null,
            null,
            false,
            false,
            false,
            List.of(),
            null,
            null,
            false);
    ParameterDef source =
        new ParameterDef(
            AT,
            "source",
            ParameterType.STRING,
            null,
            null,
            false,
            false,
            "mcp",
            List.of(),
            null,
            null,
            true);
    ToolDef def =
        new ToolDef(
            AT,
            "list_dag_runs",
            List.of("dag_runs"),
            "List DAG runs",
            "List runs of a DAG. Paged.",
            Annotations.READ_ONLY,
            false,
            "list",
            List.of(dagId, limit, states, orderBy, ratio, verbose, source),
            Map.of(),
            new ResponseDef(
                AT,
                "dag_runs",
                null,
                List.of(),
                List.of(),
                0,
                null,
                Map.of("conf", "configuration"),
                layout(),
                null),
            RedactionDef.NONE);
    Map<AirflowMajor, OperationModel> ops = new LinkedHashMap<>();
    ops.put(
        AirflowMajor.AIRFLOW2,
        new OperationModel(
            AirflowMajor.AIRFLOW2,
            "get_dag_runs",
            "GET",
            "/api/v1/dags/{dag_id}/dagRuns",
            List.of(
                new BoundParam(
                    "dag_id", ParamLocation.PATH, false, new ValueSource.Argument("dag_id", "~")),
                new BoundParam(
                    "limit", ParamLocation.QUERY, false, new ValueSource.Argument("limit", null)),
                new BoundParam(
                    "state", ParamLocation.QUERY, true, new ValueSource.Argument("states", null)),
                new BoundParam(
                    "order_by",
                    ParamLocation.QUERY,
                    false,
                    new ValueSource.Argument("order_by", null))),
            def.response()));
    ops.put(
        AirflowMajor.AIRFLOW3,
        new OperationModel(
            AirflowMajor.AIRFLOW3,
            "get_dag_runs",
            "GET",
            "/api/v2/dags/{dag_id}/dagRuns",
            List.of(
                new BoundParam(
                    "dag_id", ParamLocation.PATH, false, new ValueSource.Argument("dag_id", "~")),
                new BoundParam(
                    "limit", ParamLocation.QUERY, false, new ValueSource.Argument("limit", null)),
                new BoundParam(
                    "state", ParamLocation.QUERY, false, new ValueSource.Argument("states", null)),
                new BoundParam(
                    "order_by",
                    ParamLocation.QUERY,
                    false,
                    new ValueSource.Argument("order_by", null)),
                new BoundParam(
                    "run_type",
                    ParamLocation.QUERY,
                    false,
                    new ValueSource.Constant(List.of("manual", "scheduled")))),
            def.response()));
    return new ToolModel(
        def,
        "ListDagRunsTool",
        List.of(
            arg(dagId, "dagId"),
            arg(limit, "limit"),
            arg(states, "states"),
            arg(orderBy, "orderBy"),
            arg(ratio, "minRatio"),
            arg(verbose, "verbose"),
            arg(source, "source")),
        ops);
  }

  static Map<String, LayoutSource> layout() {
    Map<String, LayoutSource> layout = new LinkedHashMap<>();
    layout.put("dag_id", LayoutSource.ARGUMENT);
    layout.put("dag_runs", LayoutSource.ITEMS);
    layout.put("total", LayoutSource.TOTAL);
    return layout;
  }

  /**
   * A tool with lookups: an argument-or-lookup path value and a lookup-only value, plus a header.
   */
  static ToolModel taskLogs() {
    ParameterDef dagId = param("dag_id", ParameterType.STRING, true, null);
    ParameterDef tryNumber = param("try_number", ParameterType.INTEGER, false, null);
    ToolDef def =
        new ToolDef(
            AT,
            "get_task_logs",
            List.of(),
            null,
            "Task log.",
            Annotations.READ_ONLY,
            false,
            "logs",
            List.of(dagId, tryNumber),
            Map.of(),
            new ResponseDef(AT, null, null, List.of(), List.of(), 4000, "Use get_log_tail."),
            new RedactionDef(List.of("extra"), List.of("content")));
    OperationModel tiLookup =
        new OperationModel(
            AirflowMajor.AIRFLOW3,
            "get_task_instance",
            "GET",
            "/api/v2/dags/{dag_id}/taskInstance",
            List.of(
                new BoundParam(
                    "dag_id", ParamLocation.PATH, false, new ValueSource.Argument("dag_id", null))),
            null);
    OperationModel dagLookup =
        new OperationModel(
            AirflowMajor.AIRFLOW3,
            "get_dag",
            "GET",
            "/api/v2/dags/{dag_id}",
            List.of(
                new BoundParam(
                    "dag_id", ParamLocation.PATH, false, new ValueSource.Argument("dag_id", null))),
            null);
    OperationModel op =
        new OperationModel(
            AirflowMajor.AIRFLOW3,
            "get_log",
            "GET",
            "/api/v2/dags/{dag_id}/logs/{try_number}/{file_token}",
            List.of(
                new BoundParam(
                    "dag_id", ParamLocation.PATH, false, new ValueSource.Argument("dag_id", null)),
                new BoundParam(
                    "try_number",
                    ParamLocation.PATH,
                    false,
                    new ValueSource.ArgumentOrLookup("try_number", tiLookup, "try_number")),
                new BoundParam(
                    "file_token",
                    ParamLocation.PATH,
                    false,
                    new ValueSource.Lookup(dagLookup, "file_token")),
                new BoundParam(
                    "full_content", ParamLocation.QUERY, false, new ValueSource.Constant(true)),
                new BoundParam(
                    "accept",
                    ParamLocation.HEADER,
                    false,
                    new ValueSource.Constant("application/json"))),
            def.response());
    return new ToolModel(
        def,
        "GetTaskLogsTool",
        List.of(arg(dagId, "dagId"), arg(tryNumber, "tryNumber")),
        Map.of(AirflowMajor.AIRFLOW3, op));
  }

  /** A composite: two steps calling the tools above, a summary and a layout. */
  static ToolModel overview() {
    ParameterDef dagId = param("dag_id", ParameterType.STRING, true, null);
    ParameterDef limit = param("limit", ParameterType.INTEGER, false, 5L);
    Map<String, LayoutSource> layout = new LinkedHashMap<>();
    layout.put("dag_id", LayoutSource.ARGUMENT);
    layout.put("runs", LayoutSource.STEP);
    layout.put("logs", LayoutSource.STEP);
    layout.put("summary", LayoutSource.SUMMARY);
    Map<String, ParamSource> runArgs = new LinkedHashMap<>();
    runArgs.put("dag_id", new ParamSource.FromArgument(AT, "dag_id", null, null));
    runArgs.put("limit", new ParamSource.FromArgument(AT, "limit", 10L, null));
    runArgs.put("order_by", new ParamSource.Constant(AT, "-end_date"));
    ToolDef def =
        new ToolDef(
            AT,
            "dag_overview",
            List.of(),
            null,
            "Overview of a DAG.",
            Annotations.READ_ONLY,
            false,
            "read",
            List.of(dagId, limit),
            Map.of(),
            new ResponseDef(AT, null, null, List.of(), List.of(), 0, null, Map.of(), layout, null),
            RedactionDef.NONE,
            List.of(
                new StepDef(AT, "runs", "list_dag_runs", runArgs, "dag_runs", Map.of(), 0),
                new StepDef(
                    AT,
                    "logs",
                    "get_task_logs",
                    Map.of("dag_id", new ParamSource.FromArgument(AT, "dag_id", null, null)),
                    null,
                    Map.of("text", "content"),
                    0)),
            "dag_run_summary",
            List.of());
    return new ToolModel(
        def, "DagOverviewTool", List.of(arg(dagId, "dagId"), arg(limit, "limit")), Map.of());
  }

  static GenerationModel model() {
    return new GenerationModel(
        new ServerInfo(AT, "Test Server", "Be \"careful\".\nSecond line."),
        "com.example.mcp",
        List.of(listRuns(), taskLogs(), overview()),
        List.of(new SpecInfo("airflow-3.2.0-v2.yaml", AirflowMajor.AIRFLOW3, "2", 110)),
        List.of(
            new ResourceDef(
                AT,
                "airflow://runs",
                "recent_runs",
                "Recent runs.",
                "text/plain",
                "list_dag_runs",
                Map.of("limit", 5L))),
        List.of(
            new PromptDef(
                AT,
                "triage",
                "Triage a DAG.",
                List.of(new PromptDef.Argument(AT, "dag_id", "The DAG.", true)),
                "Look at {dag_id} with dag_overview(dag_id=\"{dag_id}\").")),
        rateLimits());
  }

  /** Two classes, in this order. */
  static Map<String, RateLimitDef> rateLimits() {
    Map<String, RateLimitDef> limits = new LinkedHashMap<>();
    limits.put("list", new RateLimitDef(AT, "list", 30, 120));
    limits.put("logs", new RateLimitDef(AT, "logs", 5, 10, 2));
    return limits;
  }
}
