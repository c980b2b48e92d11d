package dev.airflowmcp.codegen.bind;

import static dev.airflowmcp.codegen.bind.ToolSpecs.arg;
import static dev.airflowmcp.codegen.bind.ToolSpecs.array;
import static dev.airflowmcp.codegen.bind.ToolSpecs.at;
import static dev.airflowmcp.codegen.bind.ToolSpecs.binding;
import static dev.airflowmcp.codegen.bind.ToolSpecs.constant;
import static dev.airflowmcp.codegen.bind.ToolSpecs.hidden;
import static dev.airflowmcp.codegen.bind.ToolSpecs.ifAbsent;
import static dev.airflowmcp.codegen.bind.ToolSpecs.lookup;
import static dev.airflowmcp.codegen.bind.ToolSpecs.optional;
import static dev.airflowmcp.codegen.bind.ToolSpecs.required;
import static dev.airflowmcp.codegen.bind.ToolSpecs.tool;
import static dev.airflowmcp.codegen.bind.ToolSpecs.withDefault;
import static dev.airflowmcp.common.AirflowMajor.AIRFLOW2;
import static dev.airflowmcp.common.AirflowMajor.AIRFLOW3;
import static dev.airflowmcp.toolspec.ParameterType.BOOLEAN;
import static dev.airflowmcp.toolspec.ParameterType.INTEGER;
import static dev.airflowmcp.toolspec.ParameterType.STRING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.airflowmcp.codegen.model.ArgumentModel;
import dev.airflowmcp.codegen.model.BoundParam;
import dev.airflowmcp.codegen.model.GenerationModel;
import dev.airflowmcp.codegen.model.OperationModel;
import dev.airflowmcp.codegen.model.ParamLocation;
import dev.airflowmcp.codegen.model.SpecInfo;
import dev.airflowmcp.codegen.model.ToolModel;
import dev.airflowmcp.codegen.model.ValueSource;
import dev.airflowmcp.codegen.openapi.AirflowSpec;
import dev.airflowmcp.codegen.openapi.TestSpecs;
import dev.airflowmcp.common.AirflowMajor;
import dev.airflowmcp.common.LayoutSource;
import dev.airflowmcp.toolspec.ParamSource;
import dev.airflowmcp.toolspec.RateLimitDef;
import dev.airflowmcp.toolspec.ResponseDef;
import dev.airflowmcp.toolspec.SourceLocation;
import dev.airflowmcp.toolspec.ToolDef;
import dev.airflowmcp.toolspec.ToolSpec;
import dev.airflowmcp.toolspec.diag.Diagnostic;
import dev.airflowmcp.toolspec.diag.Diagnostics;
import dev.airflowmcp.toolspec.diag.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelBuilderTest {

  private static final String PACKAGE = "com.example.airflow";
  private static final AirflowSpec V1 = TestSpecs.synthetic("mini-v1.yaml");
  private static final AirflowSpec V2A = TestSpecs.synthetic("mini-v2-a.yaml");
  private static final AirflowSpec V2B = TestSpecs.synthetic("mini-v2-b.yaml");
  private static final List<AirflowSpec> ALL = List.of(V1, V2A, V2B);

  private record Result(GenerationModel model, List<Diagnostic> diagnostics) {
    List<String> lines() {
      return diagnostics.stream().map(Diagnostic::format).toList();
    }

    Diagnostic only() {
      assertThat(diagnostics).hasSize(1);
      return diagnostics.get(0);
    }
  }

  private static Result build(List<AirflowSpec> specs, boolean allowWrites, ToolDef... tools) {
    return build(ToolSpecs.spec(tools), specs, new BindOptions(PACKAGE, allowWrites));
  }

  private static Result build(ToolSpec spec, List<AirflowSpec> specs, BindOptions options) {
    Diagnostics diagnostics = new Diagnostics();
    GenerationModel model = ModelBuilder.build(spec, specs, options, diagnostics);
    return new Result(model, diagnostics.sorted());
  }

  /** A tool reading one DAG on Airflow 3, valid against every synthetic spec. */
  private static ToolSpecs.Tool dagTool(int line, String name) {
    return tool(line, name)
        .params(required(line + 1, "dag_id", STRING))
        .bind(binding(line + 2, AIRFLOW3, "get_dag"));
  }

  /** A tool reading task logs on Airflow 3, with a chosen source for {@code try_number}. */
  private static ToolDef logTool(int line, String name, ParamSource tryNumber) {
    return tool(line, name)
        .params(
            required(line + 1, "dag_id", STRING),
            required(line + 2, "dag_run_id", STRING),
            required(line + 3, "task_id", STRING),
            optional(line + 4, "try_number", INTEGER))
        .bind(binding(line + 5, AIRFLOW3, "get_log").param("try_number", tryNumber))
        .build();
  }

  // ---- a valid spec

  @Test
  void buildsTheResolvedModel() {
    ToolDef listDags =
        tool(10, "list_dags")
            .params(
                withDefault(11, "limit", INTEGER, 20L),
                array(12, "tags", STRING),
                optional(13, "name_pattern", STRING))
            .bind(
                binding(14, AIRFLOW2, "get_dags")
                    .param("dag_id_pattern", arg(15, "name_pattern"))
                    .param("only_active", constant(16, true)))
            .bind(
                binding(17, AIRFLOW3, "get_dags")
                    .param("dag_id_pattern", arg(18, "name_pattern"))
                    .response(ToolSpecs.list(19, "dags")))
            .response(ToolSpecs.list(10, "dags"))
            .build();
    ToolDef logs =
        tool(30, "get_task_logs")
            .params(
                required(31, "dag_id", STRING),
                required(32, "dag_run_id", STRING),
                required(33, "task_id", STRING),
                optional(34, "try_number", INTEGER),
                hidden(35, "full_content", BOOLEAN, false))
            .bind(
                binding(36, AIRFLOW2, "get_log")
                    .param(
                        "task_try_number",
                        lookup(
                            37,
                            "try_number",
                            "get_task_instance",
                            "try_number",
                            "dag_id",
                            "dag_id",
                            "dag_run_id",
                            "dag_run_id",
                            "task_id",
                            "task_id")))
            .bind(
                binding(40, AIRFLOW3, "get_log")
                    .param(
                        "try_number",
                        lookup(
                            41,
                            "try_number",
                            "get_task_instance",
                            "try_number",
                            "dag_id",
                            "dag_id",
                            "dag_run_id",
                            "dag_run_id",
                            "task_id",
                            "task_id"))
                    .param("accept", constant(43, "application/json")))
            .build();
    ToolDef getTask =
        tool(50, "get_task")
            .params(required(51, "dag_id", STRING), required(52, "task_id", STRING))
            .bind(binding(53, AIRFLOW3, "get_task"))
            .build();

    Result result = build(ALL, false, listDags, logs, getTask);

    assertThat(result.diagnostics()).isEmpty();
    GenerationModel model = result.model();
    assertThat(model.basePackage()).isEqualTo(PACKAGE);
    assertThat(model.server().name()).isEqualTo("airflow-test");
    assertThat(model.specs())
        .containsExactly(
            new SpecInfo("mini-v1.yaml", AIRFLOW2, "2.99.0", 6),
            new SpecInfo("mini-v2-a.yaml", AIRFLOW3, "2", 11),
            new SpecInfo("mini-v2-b.yaml", AIRFLOW3, "2", 12));
    assertThat(model.tools())
        .extracting(ToolModel::className)
        .containsExactly("ListDagsTool", "GetTaskLogsTool", "GetTaskTool");

    ToolModel list = model.tools().get(0);
    assertThat(list.def()).isEqualTo(listDags);
    assertThat(list.arguments())
        .extracting(ArgumentModel::javaName)
        .containsExactly("limit", "tags", "namePattern");
    assertThat(list.operations().keySet()).containsExactly(AIRFLOW2, AIRFLOW3);
    assertThat(list.operations().get(AIRFLOW2))
        .isEqualTo(
            new OperationModel(
                AIRFLOW2,
                "get_dags",
                "GET",
                "/api/v1/dags",
                List.of(
                    query("limit", false, new ValueSource.Argument("limit", null)),
                    query("tags", true, new ValueSource.Argument("tags", null)),
                    query("only_active", false, new ValueSource.Constant(true)),
                    query("dag_id_pattern", false, new ValueSource.Argument("name_pattern", null))),
                ToolSpecs.list(10, "dags")));
    assertThat(list.operations().get(AIRFLOW3))
        .isEqualTo(
            new OperationModel(
                AIRFLOW3,
                "get_dags",
                "GET",
                "/api/v2/dags",
                List.of(
                    query("limit", false, new ValueSource.Argument("limit", null)),
                    query("tags", false, new ValueSource.Argument("tags", null)),
                    query("dag_id_pattern", false, new ValueSource.Argument("name_pattern", null))),
                ToolSpecs.list(19, "dags")));

    ToolModel log = model.tools().get(1);
    assertThat(log.arguments())
        .extracting(ArgumentModel::javaName)
        .containsExactly("dagId", "dagRunId", "taskId", "tryNumber", "fullContent");
    assertThat(log.arguments())
        .extracting(ArgumentModel::def)
        .containsExactlyElementsOf(logs.parameters());
    OperationModel lookupV3 =
        new OperationModel(
            AIRFLOW3,
            "get_task_instance",
            "GET",
            "/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}",
            List.of(
                path("dag_id", "dag_id"),
                path("dag_run_id", "dag_run_id"),
                path("task_id", "task_id")),
            ResponseDef.passThrough(at(42)));
    assertThat(log.operations().get(AIRFLOW3))
        .isEqualTo(
            new OperationModel(
                AIRFLOW3,
                "get_log",
                "GET",
                "/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/logs/"
                    + "{try_number}",
                List.of(
                    path("dag_id", "dag_id"),
                    path("dag_run_id", "dag_run_id"),
                    path("task_id", "task_id"),
                    new BoundParam(
                        "try_number",
                        ParamLocation.PATH,
                        false,
                        new ValueSource.ArgumentOrLookup("try_number", lookupV3, "try_number")),
                    query("full_content", false, new ValueSource.Argument("full_content", null)),
                    new BoundParam(
                        "accept",
                        ParamLocation.HEADER,
                        false,
                        new ValueSource.Constant("application/json"))),
                ResponseDef.passThrough(at(30))));
    OperationModel logV1 = log.operations().get(AIRFLOW2);
    assertThat(logV1.path())
        .isEqualTo(
            "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/logs/"
                + "{task_try_number}");
    assertThat(logV1.params())
        .extracting(BoundParam::name)
        .containsExactly("dag_id", "dag_run_id", "task_id", "task_try_number", "full_content");
    assertThat(logV1.params().get(3).value())
        .isInstanceOfSatisfying(
            ValueSource.ArgumentOrLookup.class,
            v ->
                assertThat(v.lookup().path())
                    .isEqualTo(
                        "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}"));

    ToolModel task = model.tools().get(2);
    assertThat(task.operations().keySet()).containsExactly(AIRFLOW3);
    assertThat(task.operations().get(AIRFLOW3).params())
        .containsExactly(path("dag_id", "dag_id"), path("task_id", "task_id"));
  }

  private static BoundParam query(String name, boolean comma, ValueSource value) {
    return new BoundParam(name, ParamLocation.QUERY, comma, value);
  }

  private static BoundParam path(String name, String argument) {
    return new BoundParam(
        name, ParamLocation.PATH, false, new ValueSource.Argument(argument, null));
  }

  @Test
  void buildingTwiceGivesEqualModels() {
    ToolSpec spec =
        ToolSpecs.spec(
            dagTool(10, "get_dag").build(),
            tool(20, "list_dags")
                .params(withDefault(21, "limit", INTEGER, 20L), array(22, "tags", STRING))
                .bind(binding(23, AIRFLOW2, "get_dags"))
                .bind(binding(24, AIRFLOW3, "get_dags"))
                .build(),
            logTool(
                30,
                "get_task_logs",
                lookup(
                    40,
                    "try_number",
                    "get_task_instance",
                    "try_number",
                    "dag_id",
                    "dag_id",
                    "dag_run_id",
                    "dag_run_id",
                    "task_id",
                    "task_id")));
    BindOptions options = new BindOptions(PACKAGE, false);

    Result first = build(spec, ALL, options);
    Result second = build(spec, ALL, options);

    assertThat(first.model()).isNotNull();
    assertThat(second.model()).isEqualTo(first.model());
    assertThat(second.model().toString()).isEqualTo(first.model().toString());
  }

  @Test
  void constPathParameterIsSentWithoutAnArgument() {
    ToolDef batch =
        tool(10, "list_runs_batch")
            .write()
            .bind(binding(11, AIRFLOW3, "get_list_dag_runs_batch"))
            .build();

    Result result = build(ALL, true, batch);

    assertThat(result.diagnostics()).isEmpty();
    OperationModel op = result.model().tools().get(0).operations().get(AIRFLOW3);
    assertThat(op.method()).isEqualTo("POST");
    assertThat(op.params())
        .containsExactly(
            new BoundParam("dag_id", ParamLocation.PATH, false, new ValueSource.Constant("~")));
  }

  @Test
  void lookupOnlySourceNeedsNoArgumentOfItsOwn() {
    ParamSource.Lookup byDag =
        new ParamSource.Lookup(at(13), "get_dag", Map.of("dag_id", "dag_id"), "file_token");
    ToolDef source =
        tool(10, "get_dag_source")
            .params(required(11, "dag_id", STRING))
            .bind(
                binding(12, AIRFLOW2, "get_dag_source")
                    .param("file_token", new ParamSource.FromLookup(at(13), byDag)))
            .build();

    Result result = build(ALL, false, source);

    assertThat(result.diagnostics()).isEmpty();
    assertThat(result.model().tools().get(0).operations().get(AIRFLOW2))
        .isEqualTo(
            new OperationModel(
                AIRFLOW2,
                "get_dag_source",
                "GET",
                "/api/v1/dagSources/{file_token}",
                List.of(
                    new BoundParam(
                        "file_token",
                        ParamLocation.PATH,
                        false,
                        new ValueSource.Lookup(
                            new OperationModel(
                                AIRFLOW2,
                                "get_dag",
                                "GET",
                                "/api/v1/dags/{dag_id}",
                                List.of(path("dag_id", "dag_id")),
                                ResponseDef.passThrough(at(13))),
                            "file_token"))),
                ResponseDef.passThrough(at(10))));
  }

  @Test
  void invalidLookupOnlySourceIsReportedOnce() {
    ParamSource.Lookup broken =
        new ParamSource.Lookup(at(13), "get_dga", Map.of("dag_id", "dag_id"), "file_token");
    ToolDef source =
        tool(10, "get_dag_source")
            .params(required(11, "dag_id", STRING))
            .bind(
                binding(12, AIRFLOW2, "get_dag_source")
                    .param("file_token", new ParamSource.FromLookup(at(13), broken)))
            .build();

    Result result = build(ALL, false, source);

    assertThat(result.model()).isNull();
    assertThat(result.lines())
        .containsExactly(
            "tools.yaml:13:5: error [LOOKUP_INVALID]: tool 'get_dag_source' uses lookup operation"
                + " 'get_dga', which no configured Airflow 2 spec has");
    assertThat(result.diagnostics().get(0).hint()).isEqualTo("did you mean 'get_dag'?");
  }

  @Test
  void untypedParameterTakesAnyScalarArgument() {
    ToolDef task =
        tool(10, "get_task")
            .params(required(11, "dag_id", STRING), required(12, "task_id", INTEGER))
            .bind(binding(13, AIRFLOW3, "get_task"))
            .build();

    assertThat(build(ALL, false, task).diagnostics()).isEmpty();
  }

  @Test
  void pathParameterMayUseAnOptionalArgumentWithAFallback() {
    ToolDef withDefault =
        tool(10, "get_dag")
            .params(withDefault(11, "dag_id", STRING, "example"))
            .bind(binding(12, AIRFLOW3, "get_dag"))
            .build();
    ToolDef withIfAbsent =
        tool(20, "get_dag2")
            .params(optional(21, "dag", STRING))
            .bind(binding(22, AIRFLOW3, "get_dag").param("dag_id", ifAbsent(23, "dag", "example")))
            .build();

    Result result = build(ALL, false, withDefault, withIfAbsent);

    assertThat(result.diagnostics()).isEmpty();
    assertThat(result.model().tools().get(1).operations().get(AIRFLOW3).params())
        .containsExactly(
            new BoundParam(
                "dag_id", ParamLocation.PATH, false, new ValueSource.Argument("dag", "example")));
  }

  @Test
  void writeToolIsBuiltWhenWritesAreAllowed() {
    ToolDef pause =
        tool(10, "pause_dag")
            .write()
            .params(required(11, "dag_id", STRING))
            .bind(binding(12, AIRFLOW3, "patch_dag"))
            .build();

    Result result = build(ALL, true, pause);

    assertThat(result.diagnostics()).isEmpty();
    assertThat(result.model().tools().get(0).operations().get(AIRFLOW3).method())
        .isEqualTo("PATCH");
  }

  // ---- one test per diagnostic code

  @Test
  void rateLimitsOfTheSpecAreKeptInFileOrderWithUnusedClasses() {
    Result result =
        build(
            ToolSpecs.spec(
                List.of(
                    ToolSpecs.limit(3, "logs", 5, 10),
                    ToolSpecs.limit(4, "default", 60, 240),
                    ToolSpecs.limit(5, "spare", 1, 1)),
                dagTool(10, "get_dag").build(),
                dagTool(20, "get_logs").rateLimitClass("logs").build()),
            ALL,
            new BindOptions(PACKAGE, false));

    assertThat(result.lines()).isEmpty();
    assertThat(result.model().rateLimits().values())
        .containsExactly(
            ToolSpecs.limit(3, "logs", 5, 10),
            ToolSpecs.limit(4, "default", 60, 240),
            ToolSpecs.limit(5, "spare", 1, 1));
  }

  @Test
  void withoutRateLimitsEveryUsedClassGetsTheBuiltInLimit() {
    Result result =
        build(
            ALL,
            false,
            dagTool(10, "get_dag").build(),
            dagTool(20, "get_logs").rateLimitClass("logs").build(),
            dagTool(30, "get_more").rateLimitClass("logs").build());

    assertThat(result.lines()).isEmpty();
    assertThat(result.model().rateLimits().keySet()).containsExactly("default", "logs");
    assertThat(result.model().rateLimits().get("logs"))
        .isEqualTo(RateLimitDef.builtIn(new SourceLocation(ToolSpecs.FILE, 1, 1), "logs"));
    assertThat(result.model().rateLimits().get("logs").capacity()).isEqualTo(30);
    assertThat(result.model().rateLimits().get("logs").refillPerMinute()).isEqualTo(60);
  }

  @Test
  void undefinedRateLimitClass() {
    Result result =
        build(
            ToolSpecs.spec(
                List.of(ToolSpecs.limit(3, "logs", 5, 10), ToolSpecs.limit(4, "default", 6, 6)),
                dagTool(10, "get_dag").build(),
                dagTool(20, "get_logs").rateLimitClass("log").build(),
                dagTool(30, "get_heavy").rateLimitClass("heavy").build()),
            ALL,
            new BindOptions(PACKAGE, false));

    assertThat(result.model()).isNull();
    assertThat(result.lines())
        .containsExactly(
            "tools.yaml:20:5: error [UNDEFINED_RATE_LIMIT_CLASS]: tool 'get_logs' uses rate-limit"
                + " class 'log', which rateLimits does not define (defined: logs, default)",
            "tools.yaml:30:5: error [UNDEFINED_RATE_LIMIT_CLASS]: tool 'get_heavy' uses rate-limit"
                + " class 'heavy', which rateLimits does not define (defined: logs, default)");
    assertThat(result.diagnostics().get(0).hint()).isEqualTo("did you mean 'logs'?");
    assertThat(result.diagnostics().get(1).hint())
        .isEqualTo("add 'heavy: {capacity: N, refillPerMinute: M}' to rateLimits");
  }

  @Test
  void invalidToolName() {
    String longAlias = "a".repeat(65);
    Result result =
        build(
            ALL,
            false,
            dagTool(10, "list dags").build(),
            dagTool(20, "ok").alias(longAlias).build());

    assertThat(result.model()).isNull();
    assertThat(result.lines())
        .containsExactly(
            "tools.yaml:10:5: error [INVALID_TOOL_NAME]: tool name 'list dags' is invalid: a tool"
                + " name has 1 to 64 characters from A-Z, a-z, 0-9, '_', '.' and '-' (it has 9)",
            "tools.yaml:20:5: error [INVALID_TOOL_NAME]: alias '"
                + longAlias
                + "' of tool 'ok'"
                + " is invalid: a tool name has 1 to 64 characters from A-Z, a-z, 0-9, '_', '.'"
                + " and '-' (it has 65)");
  }

  @Test
  void duplicateTool() {
    Result result =
        build(
            ALL,
            false,
            dagTool(10, "get_dag").build(),
            dagTool(20, "get_dag_info").alias("get_dag").build(),
            dagTool(30, "get_dag").build());

    assertThat(result.model()).isNull();
    assertThat(result.lines())
        .containsExactly(
            "tools.yaml:20:5: error [DUPLICATE_TOOL]: alias 'get_dag' of tool 'get_dag_info' is"
                + " already used by tool 'get_dag' at line 10",
            "tools.yaml:30:5: error [DUPLICATE_TOOL]: tool name 'get_dag' is already used by tool"
                + " 'get_dag' at line 10");
    assertThat(result.diagnostics().get(0).hint()).isEqualTo("rename or remove one of them");
  }

  @Test
  void toolNamesClashingAsClassNames() {
    Result result =
        build(ALL, false, dagTool(10, "get_dag").build(), dagTool(20, "get-dag").build());

    assertThat(result.model()).isNull();
    assertThat(result.lines())
        .containsExactly(
            "tools.yaml:20:5: error [NAME_CLASH]: tools 'get_dag' and 'get-dag' both map to class"
                + " GetDagTool");
  }

  @Test
  void argumentNamesClashingAsJavaNames() {
    ToolDef tool =
        tool(10, "get_dag")
            .params(required(11, "dag_id", STRING), optional(12, "dag-id", STRING))
            .bind(binding(13, AIRFLOW3, "get_dag").param("dag_id", arg(14, "dag-id")))
            .build();

    Result result = build(ALL, false, tool);

    assertThat(result.model()).isNull();
    assertThat(result.lines())
        .containsExactly(
            "tools.yaml:12:5: error [NAME_CLASH]: arguments 'dag_id' and 'dag-id' of tool"
                + " 'get_dag' both map to Java name 'dagId'",
            "tools.yaml:13:5: error [UNBOUND_ARGUMENT]: argument 'dag_id' of tool 'get_dag' is"
                + " bound to no parameter of airflow3 operation 'get_dag': parameter 'dag_id' takes"
                + " its value from another source",
            "tools.yaml:14:5: error [OPTIONAL_PATH_PARAMETER]: path parameter 'dag_id' of airflow3"
                + " operation 'get_dag' is bound to optional argument 'dag-id', which has no"
                + " default, ifAbsent value or lookup");
  }

  @Test
  void writeNotEnabled() {
    ToolDef pause =
        tool(10, "pause_dag")
            .write()
            .params(required(11, "dag_id", STRING))
            .bind(binding(12, AIRFLOW3, "patch_dag"))
            .build();

    Result result = build(ALL, false, pause);

    assertThat(result.model()).isNull();
    Diagnostic d = result.only();
    assertThat(d.format())
        .isEqualTo(
            "tools.yaml:10:5: error [WRITE_NOT_ENABLED]: tool 'pause_dag' changes Airflow"
                + " (write: true) but writes are not enabled");
    assertThat(d.hint())
        .isEqualTo("enable writes in the build (allowWrites) to generate it, or remove the tool");
  }

  @Test
  void writeOperation() {
    ToolDef pause =
        tool(10, "pause_dag")
            .params(required(11, "dag_id", STRING))
            .bind(binding(12, AIRFLOW3, "patch_dag"))
            .build();

    Result result = build(ALL, true, pause);

    assertThat(result.model()).isNull();
    Diagnostic d = result.only();
    assertThat(d.format())
        .isEqualTo(
            "tools.yaml:12:5: error [WRITE_OPERATION]: tool 'pause_dag' is read-only but its"
                + " airflow3 binding calls PATCH operation 'patch_dag'");
    assertThat(d.hint()).isEqualTo("mark the tool write: true");
  }

  @Test
  void forbiddenOperationEvenWithWritesAllowed() {
    ToolDef byId = tool(10, "sign_in").write().bind(binding(11, AIRFLOW3, "login")).build();
    ToolDef byPath = tool(20, "sign_out").bind(binding(21, AIRFLOW3, "sign_out")).build();
    ToolDef byLookup =
        logTool(30, "get_task_logs", lookup(40, "try_number", "logout", "try_number"));

    Result result = build(ALL, true, byId, byPath, byLookup);

    assertThat(result.model()).isNull();
    assertThat(result.lines())
        .containsExactly(
            "tools.yaml:11:5: error [FORBIDDEN_OPERATION]: tool 'sign_in' uses airflow3 operation"
                + " 'login', which is never allowed",
            "tools.yaml:21:5: error [FORBIDDEN_OPERATION]: tool 'sign_out' uses airflow3"
                + " operation 'sign_out' (GET /api/v2/auth/logout), which is never allowed",
            "tools.yaml:41:5: error [FORBIDDEN_OPERATION]: tool 'get_task_logs' uses lookup"
                + " operation 'logout', which is never allowed");
  }

  @Test
  void unknownOperation() {
    ToolDef tool = tool(10, "list_dags").bind(binding(11, AIRFLOW3, "get_dagss")).build();

    Result result = build(ALL, false, tool);

    assertThat(result.model()).isNull();
    Diagnostic d = result.only();
    assertThat(d.format())
        .isEqualTo(
            "tools.yaml:11:5: error [UNKNOWN_OPERATION]: tool 'list_dags' uses airflow3 operation"
                + " 'get_dagss', which no configured Airflow 3 spec has");
    assertThat(d.hint()).isEqualTo("did you mean 'get_dags'?");
  }

  @Test
  void operationNotInEverySpec() {
    ToolDef tool =
        tool(10, "get_log_url")
            .params(
                required(11, "dag_id", STRING),
                required(12, "dag_run_id", STRING),
                required(13, "task_id", STRING),
                required(14, "try_number", INTEGER))
            .bind(binding(15, AIRFLOW3, "get_external_log_url"))
            .build();

    Result result = build(ALL, false, tool);

    assertThat(result.model()).isNull();
    assertThat(result.lines())
        .containsExactly(
            "tools.yaml:15:5: error [OPERATION_NOT_IN_SPEC]: tool 'get_log_url' uses airflow3"
                + " operation 'get_external_log_url', which mini-v2-a.yaml does not have");
    assertThat(build(List.of(V2B), false, tool).diagnostics()).isEmpty();
  }

  @Test
  void bindingWithoutSpecIsDroppedWithAWarning() {
    ToolDef both = dagTool(10, "get_dag").bind(binding(13, AIRFLOW2, "get_dag")).build();
    ToolDef v1Only = tool(20, "list_dags_v1").bind(binding(21, AIRFLOW2, "get_dags")).build();

    Result result = build(List.of(V2A), false, both, v1Only);

    assertThat(result.lines())
        .containsExactly(
            "tools.yaml:13:5: warning [NO_SPEC_FOR_BINDING]: tool 'get_dag' binds airflow2"
                + " operation 'get_dag' but no Airflow 2 spec is configured; the binding is"
                + " dropped",
            "tools.yaml:20:5: warning [NO_SPEC_FOR_BINDING]: tool 'list_dags_v1' is not"
                + " generated: no configured spec matches its bindings",
            "tools.yaml:21:5: warning [NO_SPEC_FOR_BINDING]: tool 'list_dags_v1' binds airflow2"
                + " operation 'get_dags' but no Airflow 2 spec is configured; the binding is"
                + " dropped");
    assertThat(result.diagnostics()).allMatch(d -> d.severity() == Severity.WARNING);
    assertThat(result.model()).isNotNull();
    assertThat(result.model().tools())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.def().name()).isEqualTo("get_dag");
              assertThat(t.operations().keySet()).containsExactly(AIRFLOW3);
            });
  }

  @Test
  void unknownParameter() {
    ToolDef tool =
        tool(10, "list_dags")
            .params(optional(11, "pattern", STRING))
            .bind(
                binding(12, AIRFLOW3, "get_dags")
                    .param("dag_id_patern", arg(13, "pattern"))
                    .param("timetable_type", constant(14, List.of("cron"))))
            .build();

    Result result = build(ALL, false, tool);

    assertThat(result.model()).isNull();
    assertThat(result.lines())
        .containsExactly(
            "tools.yaml:13:5: error [UNKNOWN_PARAMETER]: airflow3 operation 'get_dags' has no"
                + " parameter 'dag_id_patern'",
            "tools.yaml:14:5: error [UNKNOWN_PARAMETER]: airflow3 operation 'get_dags' has no"
                + " parameter 'timetable_type' in mini-v2-a.yaml");
    assertThat(result.diagnostics().get(0).hint()).isEqualTo("did you mean 'dag_id_pattern'?");
  }

  @Test
  void aLayoutMayOnlyEchoArgumentsTheToolHas() {
    java.util.Map<String, LayoutSource> layout = new java.util.LinkedHashMap<>();
    layout.put("dag_idd", LayoutSource.ARGUMENT);
    layout.put("dags", LayoutSource.ITEMS);
    ToolDef tool =
        tool(10, "list_dags")
            .params(optional(11, "dag_id_pattern", STRING))
            .bind(binding(12, AIRFLOW3, "get_dags"))
            .response(
                new ResponseDef(
                    ToolSpecs.at(20),
                    "dags",
                    null,
                    List.of(),
                    List.of(),
                    0,
                    null,
                    java.util.Map.of(),
                    layout,
                    null))
            .build();

    Result result = build(ALL, false, tool);

    assertThat(result.lines())
        .containsExactly(
            "tools.yaml:20:5: error [UNKNOWN_ARGUMENT]: layout key 'dag_idd' echoes an argument,"
                + " which tool 'list_dags' does not have");
  }

  @Test
  void anArrayArgumentJoinsIntoAirflow2sCommaStringButNotWithoutJoin() {
    List<AirflowSpec> v1 = List.of(TestSpecs.real("airflow-2.11.1-v1.yaml"));
    ToolDef joined =
        tool(10, "get_dag_stats")
            .params(array(11, "dag_ids", STRING))
            .bind(
                binding(12, AIRFLOW2, "get_dag_stats")
                    .param(
                        "dag_ids",
                        new ParamSource.FromArgument(ToolSpecs.at(13), "dag_ids", null, null, ",")))
            .build();
    Result ok = build(v1, false, joined);
    assertThat(ok.lines()).isEmpty();
    assertThat(ok.model().tools().get(0).operations().get(AIRFLOW2).params())
        .singleElement()
        .satisfies(p -> assertThat(p.commaSeparated()).isTrue());

    ToolDef plain =
        tool(10, "get_dag_stats")
            .params(array(11, "dag_ids", STRING))
            .bind(binding(12, AIRFLOW2, "get_dag_stats"))
            .build();
    assertThat(build(v1, false, plain).lines())
        .containsExactly(
            "tools.yaml:12:5: error [TYPE_MISMATCH]: argument 'dag_ids' (array of string) does not"
                + " fit parameter 'dag_ids' of airflow2 operation 'get_dag_stats' (string) in"
                + " airflow-2.11.1-v1.yaml");

    ToolDef scalar =
        tool(10, "get_dag_stats")
            .params(required(11, "dag_ids", STRING))
            .bind(
                binding(12, AIRFLOW2, "get_dag_stats")
                    .param(
                        "dag_ids",
                        new ParamSource.FromArgument(ToolSpecs.at(13), "dag_ids", null, null, ",")))
            .build();
    assertThat(build(v1, false, scalar).lines())
        .containsExactly(
            "tools.yaml:13:5: error [TYPE_MISMATCH]: argument 'dag_ids' (string) is joined into"
                + " parameter 'dag_ids', but only arrays can be joined");
  }

  @Test
  void anIgnoredArgumentIsNotSentButOnlyWhereTheOperationCannotTakeIt() {
    List<AirflowSpec> real =
        List.of(TestSpecs.real("airflow-2.11.1-v1.yaml"), TestSpecs.real("airflow-3.2.0-v2.yaml"));
    ToolDef providers =
        tool(10, "list_providers")
            .params(optional(11, "limit", INTEGER), optional(12, "offset", INTEGER))
            .bind(binding(13, AIRFLOW2, "get_providers").ignore("limit", "offset"))
            .bind(binding(14, AIRFLOW3, "get_providers"))
            .build();
    Result ok = build(real, false, providers);
    assertThat(ok.lines()).isEmpty();
    assertThat(ok.model().tools().get(0).operations().get(AIRFLOW2).params()).isEmpty();
    assertThat(ok.model().tools().get(0).operations().get(AIRFLOW3).params())
        .extracting(p -> p.name())
        .containsExactly("limit", "offset");

    ToolDef needless =
        tool(10, "list_pools")
            .params(optional(11, "limit", INTEGER), optional(12, "pattern", STRING))
            .bind(
                binding(13, AIRFLOW3, "get_pools")
                    .param("pool_name_pattern", arg(14, "pattern"))
                    .ignore("limit", "pattern"))
            .build();
    Result bad = build(real, false, needless);
    assertThat(bad.model()).isNull();
    assertThat(bad.lines())
        .containsExactly(
            "tools.yaml:13:5: error [IGNORED_ARGUMENT]: argument 'limit' of tool 'list_pools' is"
                + " ignored, but airflow3 operation 'get_pools' has a parameter 'limit'",
            "tools.yaml:13:5: error [IGNORED_ARGUMENT]: argument 'pattern' of tool 'list_pools' is"
                + " ignored by the airflow3 binding, but a parameter source of that binding sends it");
  }

  @Test
  void unknownArgument() {
    ToolDef tool =
        tool(10, "get_dag")
            .params(required(11, "dag", STRING))
            .bind(binding(12, AIRFLOW3, "get_dag").param("dag_id", arg(13, "dga")))
            .build();

    Result result = build(ALL, false, tool);

    assertThat(result.model()).isNull();
    assertThat(result.lines())
        .containsExactly(
            "tools.yaml:12:5: error [UNBOUND_ARGUMENT]: argument 'dag' of tool 'get_dag' is bound"
                + " to no parameter of airflow3 operation 'get_dag'",
            "tools.yaml:13:5: error [UNKNOWN_ARGUMENT]: parameter 'dag_id' takes argument 'dga',"
                + " which tool 'get_dag' does not have");
    assertThat(result.diagnostics().get(1).hint()).isEqualTo("did you mean 'dag'?");
  }

  @Test
  void unboundArgument() {
    ToolDef tool =
        tool(10, "list_dags")
            .params(
                optional(11, "limt", INTEGER),
                array(12, "timetable_type", STRING),
                optional(13, "dag_id_pattern", STRING),
                optional(14, "pattern", STRING))
            .bind(binding(15, AIRFLOW3, "get_dags").param("dag_id_pattern", arg(16, "pattern")))
            .build();

    Result result = build(ALL, false, tool);

    assertThat(result.model()).isNull();
    assertThat(result.lines())
        .containsExactly(
            "tools.yaml:15:5: error [UNBOUND_ARGUMENT]: argument 'limt' of tool 'list_dags' is"
                + " bound to no parameter of airflow3 operation 'get_dags'",
            "tools.yaml:15:5: error [UNBOUND_ARGUMENT]: argument 'timetable_type' of tool"
                + " 'list_dags' is bound to no parameter of airflow3 operation 'get_dags' in"
                + " mini-v2-a.yaml",
            "tools.yaml:15:5: error [UNBOUND_ARGUMENT]: argument 'dag_id_pattern' of tool"
                + " 'list_dags' is bound to no parameter of airflow3 operation 'get_dags':"
                + " parameter 'dag_id_pattern' takes its value from another source");
    assertThat(result.diagnostics().get(0).hint()).isEqualTo("did you mean 'limit'?");
  }

  @Test
  void argumentUsedOnlyByALookupCountsAsBound() {
    ToolDef tool =
        tool(10, "get_log_by_run")
            .params(
                required(11, "dag_id", STRING),
                required(12, "run", STRING),
                required(13, "dag_run_id", STRING),
                required(14, "task_id", STRING),
                optional(15, "try_number", INTEGER))
            .bind(
                binding(16, AIRFLOW3, "get_log")
                    .param(
                        "try_number",
                        lookup(
                            17,
                            "try_number",
                            "get_task_instance",
                            "try_number",
                            "dag_id",
                            "dag_id",
                            "dag_run_id",
                            "run",
                            "task_id",
                            "task_id")))
            .build();

    assertThat(build(ALL, false, tool).diagnostics()).isEmpty();
  }

  @Test
  void unboundRequiredParameter() {
    ToolDef tool = tool(10, "get_dag").bind(binding(11, AIRFLOW3, "get_dag")).build();

    Result result = build(ALL, false, tool);

    assertThat(result.model()).isNull();
    Diagnostic d = result.only();
    assertThat(d.format())
        .isEqualTo(
            "tools.yaml:11:5: error [UNBOUND_REQUIRED_PARAMETER]: required parameter 'dag_id' of"
                + " airflow3 operation 'get_dag' gets no value");
    assertThat(d.hint())
        .isEqualTo("add a tool argument named 'dag_id', or bind the parameter under params");
  }

  @Test
  void optionalPathParameter() {
    ToolDef byName =
        tool(10, "get_dag")
            .params(optional(11, "dag_id", STRING))
            .bind(binding(12, AIRFLOW3, "get_dag"))
            .build();
    ToolDef explicit =
        tool(20, "get_dag2")
            .params(optional(21, "dag", STRING))
            .bind(binding(22, AIRFLOW3, "get_dag").param("dag_id", arg(23, "dag")))
            .build();

    Result result = build(ALL, false, byName, explicit);

    assertThat(result.model()).isNull();
    assertThat(result.lines())
        .containsExactly(
            "tools.yaml:12:5: error [OPTIONAL_PATH_PARAMETER]: path parameter 'dag_id' of"
                + " airflow3 operation 'get_dag' is bound to optional argument 'dag_id', which has"
                + " no default, ifAbsent value or lookup",
            "tools.yaml:23:5: error [OPTIONAL_PATH_PARAMETER]: path parameter 'dag_id' of"
                + " airflow3 operation 'get_dag' is bound to optional argument 'dag', which has no"
                + " default, ifAbsent value or lookup");
  }

  @Test
  void typeMismatch() {
    ToolDef tool =
        tool(10, "list_dags")
            .params(
                optional(11, "order_by", STRING),
                array(12, "tag_ids", INTEGER),
                optional(13, "flag", BOOLEAN))
            .bind(
                binding(14, AIRFLOW3, "get_dags")
                    .param("tags", arg(15, "tag_ids"))
                    .param("limit", constant(16, "ten"))
                    .param("paused", ifAbsent(17, "flag", "yes")))
            .build();
    ToolDef task =
        tool(20, "get_task")
            .params(required(21, "dag_id", STRING), array(22, "task_id", STRING))
            .bind(
                binding(23, AIRFLOW3, "get_task")
                    .param("task_id", ifAbsent(24, "task_id", List.of("a"))))
            .build();

    Result result = build(ALL, false, tool, task);

    assertThat(result.model()).isNull();
    assertThat(result.lines())
        .containsExactly(
            "tools.yaml:15:5: error [TYPE_MISMATCH]: argument 'tag_ids' (array of integer) does"
                + " not fit parameter 'tags' of airflow3 operation 'get_dags' (array of string) in"
                + " mini-v2-a.yaml, mini-v2-b.yaml",
            "tools.yaml:16:5: error [TYPE_MISMATCH]: constant 'ten' does not fit parameter"
                + " 'limit' of airflow3 operation 'get_dags' (integer) in mini-v2-a.yaml,"
                + " mini-v2-b.yaml",
            "tools.yaml:17:5: error [TYPE_MISMATCH]: ifAbsent value 'yes' does not fit parameter"
                + " 'paused' of airflow3 operation 'get_dags' (boolean) in mini-v2-a.yaml,"
                + " mini-v2-b.yaml",
            "tools.yaml:24:5: error [TYPE_MISMATCH]: argument 'task_id' (array of string) does"
                + " not fit parameter 'task_id' of airflow3 operation 'get_task' (untyped) in"
                + " mini-v2-a.yaml, mini-v2-b.yaml",
            "tools.yaml:24:5: error [TYPE_MISMATCH]: ifAbsent value ['a'] does not fit parameter"
                + " 'task_id' of airflow3 operation 'get_task' (untyped) in mini-v2-a.yaml,"
                + " mini-v2-b.yaml");
  }

  @Test
  void pathDiffers() {
    ToolDef tool = tool(10, "health").bind(binding(11, AIRFLOW3, "get_health")).build();

    Result result = build(ALL, false, tool);

    assertThat(result.model()).isNull();
    assertThat(result.lines())
        .containsExactly(
            "tools.yaml:11:5: error [PATH_DIFFERS]: airflow3 operation 'get_health' is GET"
                + " /api/v2/monitor/health in mini-v2-a.yaml but GET /api/v2/health in"
                + " mini-v2-b.yaml");
  }

  @Test
  void lookupInvalid() {
    ToolDef notGet =
        logTool(10, "logs_a", lookup(20, "try_number", "create_backfill", "try_number"));
    ToolDef unknown =
        logTool(
            30,
            "logs_b",
            lookup(40, "try_number", "get_task_instanc", "try_number", "dag_id", "dag_id"));
    ToolDef partial =
        logTool(
            50,
            "logs_c",
            lookup(
                60,
                "try_number",
                "get_task_instance",
                "try_number",
                "dag_id",
                "dag_id",
                "dag_run_idd",
                "dag_run_id"));
    ParamSource.FromArgument valid =
        lookup(
            80,
            "try_number",
            "get_task_instance",
            "try_number",
            "dag_id",
            "dag_id",
            "dag_run_id",
            "dag_run_id",
            "task_id",
            "task_id");
    ToolDef both =
        logTool(
            70,
            "logs_d",
            new ParamSource.FromArgument(valid.location(), "try_number", 1L, valid.lookup()));

    Result result = build(List.of(V2A), true, notGet, unknown, partial, both);

    assertThat(result.model()).isNull();
    assertThat(result.lines())
        .containsExactly(
            "tools.yaml:21:5: error [LOOKUP_INVALID]: lookup airflow3 operation 'create_backfill'"
                + " is POST; lookups must be GET operations",
            "tools.yaml:41:5: error [LOOKUP_INVALID]: tool 'logs_b' uses lookup operation"
                + " 'get_task_instanc', which no configured Airflow 3 spec has",
            "tools.yaml:61:5: error [LOOKUP_INVALID]: lookup airflow3 operation"
                + " 'get_task_instance' leaves required parameter 'dag_run_id' unbound",
            "tools.yaml:61:5: error [LOOKUP_INVALID]: lookup airflow3 operation"
                + " 'get_task_instance' leaves required parameter 'task_id' unbound",
            "tools.yaml:61:5: error [UNKNOWN_PARAMETER]: airflow3 operation 'get_task_instance'"
                + " has no parameter 'dag_run_idd'",
            "tools.yaml:80:5: error [LOOKUP_INVALID]: parameter 'try_number' has both an ifAbsent"
                + " value and a lookup");
  }

  @Test
  void invalidPackage() {
    Result result =
        build(
            ToolSpecs.spec(dagTool(10, "get_dag").build()),
            ALL,
            new BindOptions("com.example.class", false));

    assertThat(result.model()).isNull();
    assertThat(result.lines())
        .containsExactly(
            "<configuration>: error [INVALID_PACKAGE]: 'com.example.class' is not a valid Java"
                + " package name");
  }

  @Test
  void reportsEveryProblemAtOnce() {
    ToolDef writes =
        tool(10, "pause_dag")
            .write()
            .params(required(11, "dag_id", STRING))
            .bind(binding(12, AIRFLOW3, "patch_dag"))
            .build();
    ToolDef unknown = tool(20, "list_dags").bind(binding(21, AIRFLOW3, "get_dagz")).build();
    ToolDef mismatch =
        tool(30, "list_dags_sorted")
            .params(optional(31, "order_by", STRING), optional(32, "limt", INTEGER))
            .bind(binding(33, AIRFLOW3, "get_dags"))
            .bind(binding(34, AIRFLOW2, "get_dagz"))
            .build();

    Result result = build(ALL, false, writes, unknown, mismatch);

    assertThat(result.model()).isNull();
    assertThat(result.diagnostics())
        .extracting(d -> d.location().line() + " " + d.code())
        .containsExactly(
            "10 WRITE_NOT_ENABLED",
            "21 UNKNOWN_OPERATION",
            "33 UNBOUND_ARGUMENT",
            "34 UNKNOWN_OPERATION");
  }

  // ---- the real specs

  @Test
  void curatedStyleToolsBindAgainstEveryRealSpec() {
    List<AirflowSpec> real =
        List.of(
            TestSpecs.real("airflow-2.10.5-v1.yaml"),
            TestSpecs.real("airflow-2.11.1-v1.yaml"),
            TestSpecs.real("airflow-3.0.2-v2.yaml"),
            TestSpecs.real("airflow-3.0.3rc6-v2.yaml"),
            TestSpecs.real("airflow-3.2.0-v2.yaml"));
    ToolDef listDags =
        tool(10, "list_dags")
            .params(withDefault(11, "limit", INTEGER, 100L), withDefault(12, "offset", INTEGER, 0L))
            .bind(binding(13, AIRFLOW2, "get_dags"))
            .bind(binding(14, AIRFLOW3, "get_dags"))
            .response(ToolSpecs.list(10, "dags"))
            .build();
    ToolDef logs =
        tool(20, "get_task_logs")
            .params(
                required(21, "dag_id", STRING),
                required(22, "dag_run_id", STRING),
                required(23, "task_id", STRING),
                optional(24, "try_number", INTEGER))
            .bind(
                binding(25, AIRFLOW2, "get_log")
                    .param(
                        "task_try_number",
                        lookup(
                            26,
                            "try_number",
                            "get_task_instance",
                            "try_number",
                            "dag_id",
                            "dag_id",
                            "dag_run_id",
                            "dag_run_id",
                            "task_id",
                            "task_id")))
            .bind(
                binding(28, AIRFLOW3, "get_log")
                    .param(
                        "try_number",
                        lookup(
                            29,
                            "try_number",
                            "get_task_instance",
                            "try_number",
                            "dag_id",
                            "dag_id",
                            "dag_run_id",
                            "dag_run_id",
                            "task_id",
                            "task_id"))
                    .param("accept", constant(31, "application/json")))
            .build();

    Result result = build(real, false, listDags, logs);

    assertThat(result.diagnostics()).isEmpty();
    Map<AirflowMajor, OperationModel> ops = result.model().tools().get(0).operations();
    assertThat(ops.get(AIRFLOW2).path()).isEqualTo("/api/v1/dags");
    assertThat(ops.get(AIRFLOW3).path()).isEqualTo("/api/v2/dags");
    assertThat(result.model().specs())
        .extracting(SpecInfo::operationCount)
        .containsExactly(89, 89, 99, 99, 110);
  }

  @Test
  void aStringArgumentSpansOrderByBecomingAnArrayButAnArrayDoesNotFitAString() {
    List<AirflowSpec> real =
        List.of(TestSpecs.real("airflow-3.0.2-v2.yaml"), TestSpecs.real("airflow-3.2.0-v2.yaml"));
    ToolDef scalar =
        tool(10, "list_dags")
            .params(optional(11, "order_by", STRING))
            .bind(binding(12, AIRFLOW3, "get_dags"))
            .build();
    assertThat(build(real, false, scalar).lines()).isEmpty();

    ToolDef list =
        tool(10, "list_dags")
            .params(array(11, "order_by", STRING))
            .bind(binding(12, AIRFLOW3, "get_dags"))
            .build();
    assertThat(build(real, false, list).lines())
        .containsExactly(
            "tools.yaml:12:5: error [TYPE_MISMATCH]: argument 'order_by' (array of string) does"
                + " not fit parameter 'order_by' of airflow3 operation 'get_dags' (string) in"
                + " airflow-3.0.2-v2.yaml");
  }
}
