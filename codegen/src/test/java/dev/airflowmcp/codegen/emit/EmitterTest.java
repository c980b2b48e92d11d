package dev.airflowmcp.codegen.emit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.testing.compile.Compilation;
import com.palantir.javapoet.JavaFile;
import dev.airflowmcp.codegen.AirflowMcpGenerator;
import dev.airflowmcp.codegen.GeneratedFile;
import dev.airflowmcp.common.AirflowMajor;
import dev.airflowmcp.runtime.airflow.AirflowRequest;
import dev.airflowmcp.runtime.tool.CompositeStep;
import dev.airflowmcp.runtime.tool.GeneratedComposite;
import dev.airflowmcp.runtime.tool.GeneratedTool;
import dev.airflowmcp.runtime.tool.InvalidArgumentsException;
import dev.airflowmcp.runtime.tool.RateLimit;
import dev.airflowmcp.runtime.tool.ToolCatalog;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmitterTest {
  private static Compilation compilation;
  private static CompiledClasses classes;

  @BeforeAll
  static void compileAll() {
    List<JavaFile> files = new ArrayList<>();
    ToolClassEmitter tools = new ToolClassEmitter("com.example.mcp.tools", "tools.yaml");
    files.add(tools.emit(Models.listRuns()));
    files.add(tools.emit(Models.taskLogs()));
    files.add(tools.emit(Models.overview()));
    files.add(
        new CatalogEmitter("tools.yaml").emit(Models.model(), "com.example.mcp.tools", "M.json"));
    compilation = CompiledClasses.compile(files);
    classes = CompiledClasses.load(compilation);
  }

  @Test
  void generatedCodeCompilesWithoutAnyWarning() {
    assertThat(compilation.errors()).isEmpty();
    assertThat(compilation.warnings()).isEmpty();
    assertThat(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
  }

  @SuppressWarnings("unchecked")
  private static <A extends Record> GeneratedTool<A> tool(String className) throws Exception {
    return (GeneratedTool<A>)
        classes
            .loadClass("com.example.mcp.tools." + className)
            .getDeclaredConstructor()
            .newInstance();
  }

  private static <A extends Record> AirflowRequest request(
      GeneratedTool<A> tool, AirflowMajor major, Map<String, Object> raw) throws Exception {
    return tool.request(major, tool.parseArguments(raw));
  }

  @Test
  void defaultsAndIfAbsentFillTheRequest() throws Exception {
    GeneratedTool<?> tool = tool("ListDagRunsTool");
    AirflowRequest r = request(tool, AirflowMajor.AIRFLOW3, Map.of());
    assertThat(r.operationId()).isEqualTo("get_dag_runs");
    assertThat(r.pathTemplate()).isEqualTo("/api/v2/dags/{dag_id}/dagRuns");
    assertThat(r.pathParams()).containsExactly(new AirflowRequest.Param("dag_id", "~"));
    assertThat(r.query())
        .containsExactly(
            new AirflowRequest.Param("limit", "100"),
            new AirflowRequest.Param("order_by", "-start_date"),
            new AirflowRequest.Param("run_type", "manual"),
            new AirflowRequest.Param("run_type", "scheduled"));
  }

  @Test
  void arraysFollowTheSpecStylePerMajor() throws Exception {
    GeneratedTool<?> tool = tool("ListDagRunsTool");
    Map<String, Object> raw = Map.of("dag_id", "etl", "states", List.of("failed", "success"));
    assertThat(request(tool, AirflowMajor.AIRFLOW2, raw).query())
        .contains(new AirflowRequest.Param("state", "failed,success"));
    assertThat(request(tool, AirflowMajor.AIRFLOW3, raw).query())
        .contains(
            new AirflowRequest.Param("state", "failed"),
            new AirflowRequest.Param("state", "success"));
    assertThat(request(tool, AirflowMajor.AIRFLOW3, raw).pathParams())
        .containsExactly(new AirflowRequest.Param("dag_id", "etl"));
  }

  @Test
  void parsingReportsEveryProblem() throws Exception {
    GeneratedTool<?> tool = tool("ListDagRunsTool");
    Map<String, Object> raw = new LinkedHashMap<>();
    raw.put("limit", 0);
    raw.put("states", List.of("nope"));
    raw.put("min_ratio", 2);
    raw.put("source", "model");
    raw.put("dagid", "x");
    assertThatThrownBy(() -> tool.parseArguments(raw))
        .isInstanceOf(InvalidArgumentsException.class)
        .satisfies(
            e ->
                assertThat(((InvalidArgumentsException) e).problems())
                    .containsExactlyInAnyOrder(
                        "unknown argument 'source'",
                        "unknown argument 'dagid' (did you mean 'dag_id'?)",
                        "argument 'limit' must be at least 1, got 0",
                        "argument 'states' has 'nope', which is not one of [failed, success]",
                        "argument 'min_ratio' must be at most 1, got 2"));
  }

  @Test
  void hiddenArgumentsKeepTheirFixedValueAndNumericStringsAreAccepted() throws Exception {
    GeneratedTool<?> tool = tool("ListDagRunsTool");
    Record args = tool.parseArguments(Map.of("limit", "25", "verbose", "true"));
    assertThat(args.toString())
        .contains("limit=25")
        .contains("verbose=true")
        .contains("source=mcp")
        .contains("minRatio=0.5");
  }

  @Test
  void lookupsAndHeadersAreDescribedForTheRuntime() throws Exception {
    GeneratedTool<?> tool = tool("GetTaskLogsTool");
    assertThat(tool.supports(AirflowMajor.AIRFLOW2)).isFalse();
    assertThat(tool.supports(AirflowMajor.AIRFLOW3)).isTrue();
    AirflowRequest latest = request(tool, AirflowMajor.AIRFLOW3, Map.of("dag_id", "d"));
    assertThat(latest.pathParams()).containsExactly(new AirflowRequest.Param("dag_id", "d"));
    assertThat(latest.lookups()).hasSize(2);
    assertThat(latest.lookups().get(0).name()).isEqualTo("try_number");
    assertThat(latest.lookups().get(0).field()).isEqualTo("try_number");
    assertThat(latest.lookups().get(0).source().operationId()).isEqualTo("get_task_instance");
    assertThat(latest.lookups().get(0).source().pathParams())
        .containsExactly(new AirflowRequest.Param("dag_id", "d"));
    assertThat(latest.lookups().get(1).name()).isEqualTo("file_token");
    assertThat(latest.headers())
        .containsExactly(new AirflowRequest.Param("accept", "application/json"));
    assertThat(latest.query()).containsExactly(new AirflowRequest.Param("full_content", "true"));

    AirflowRequest second =
        request(tool, AirflowMajor.AIRFLOW3, Map.of("dag_id", "d", "try_number", 2));
    assertThat(second.pathParams())
        .containsExactly(
            new AirflowRequest.Param("dag_id", "d"), new AirflowRequest.Param("try_number", "2"));
    assertThat(second.lookups()).hasSize(1);
    assertThatThrownBy(() -> request(tool, AirflowMajor.AIRFLOW2, Map.of("dag_id", "d")))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void policyCarriesShapeRedactionAndEchoedArguments() throws Exception {
    GeneratedTool<?> logs = tool("GetTaskLogsTool");
    assertThat(logs.policy().rateLimitClass()).isEqualTo("logs");
    assertThat(logs.policy().echoedArguments()).containsExactly("dag_id", "try_number");
    assertThat(logs.policy().response(AirflowMajor.AIRFLOW3).maxChars()).isEqualTo(4000);
    assertThat(logs.policy().response(AirflowMajor.AIRFLOW3).truncationHint())
        .isEqualTo("Use get_log_tail.");
    assertThat(logs.policy().sensitiveFields()).containsExactly("extra");
    assertThat(logs.policy().freeTextFields()).containsExactly("content");
    GeneratedTool<?> runs = tool("ListDagRunsTool");
    assertThat(runs.policy().echoedArguments()).doesNotContain("source");
    assertThat(runs.policy().response(AirflowMajor.AIRFLOW2).envelopeKey()).isEqualTo("dag_runs");
    assertThat(runs.policy().response(AirflowMajor.AIRFLOW3).rename())
        .containsExactly(Map.entry("conf", "configuration"));
    assertThat(runs.policy().response(AirflowMajor.AIRFLOW3).layout().keySet())
        .containsExactly("dag_id", "dag_runs", "total");
  }

  @Test
  void catalogListsToolsInOrderWithAliases() throws Exception {
    ToolCatalog catalog =
        (ToolCatalog)
            classes
                .loadClass("com.example.mcp.AirflowToolCatalog")
                .getDeclaredConstructor()
                .newInstance();
    assertThat(catalog.serverName()).isEqualTo("Test Server");
    assertThat(catalog.instructions()).isEqualTo("Be \"careful\".\nSecond line.");
    assertThat(catalog.tools())
        .extracting(GeneratedTool::name)
        .containsExactly("list_dag_runs", "get_task_logs");
    assertThat(catalog.composites())
        .extracting(GeneratedComposite::name)
        .containsExactly("dag_overview");
    assertThat(catalog.aliases()).containsExactly(Map.entry("dag_runs", "list_dag_runs"));
    assertThat(catalog.manifestResource()).isEqualTo("M.json");
    assertThat(catalog.resources())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.uri()).isEqualTo("airflow://runs");
              assertThat(r.tool()).isEqualTo("list_dag_runs");
              assertThat(r.mimeType()).isEqualTo("text/plain");
              assertThat(r.arguments()).containsExactly(Map.entry("limit", 5L));
            });
    assertThat(catalog.prompts())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.name()).isEqualTo("triage");
              assertThat(p.arguments())
                  .singleElement()
                  .satisfies(a -> assertThat(a.required()).isTrue());
              assertThat(p.render(Map.of("dag_id", "etl")))
                  .isEqualTo("Look at etl with dag_overview(dag_id=\"etl\").");
            });
    assertThat(catalog.rateLimits())
        .containsOnly(
            Map.entry("list", new RateLimit(30, 120)), Map.entry("logs", new RateLimit(5, 10, 2)));
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCompositeListsItsStepsWithResolvedArguments() throws Exception {
    GeneratedComposite<Record> overview =
        (GeneratedComposite<Record>)
            classes
                .loadClass("com.example.mcp.tools.DagOverviewTool")
                .getDeclaredConstructor()
                .newInstance();
    assertThat(overview.name()).isEqualTo("dag_overview");
    assertThat(overview.summary()).isEqualTo("dag_run_summary");
    assertThat(overview.response().layout().keySet())
        .containsExactly("dag_id", "runs", "logs", "summary");
    Record args = overview.parseArguments(Map.of("dag_id", "etl"));
    List<CompositeStep> steps = overview.steps(args);
    assertThat(steps).hasSize(2);
    assertThat(steps.get(0).name()).isEqualTo("runs");
    assertThat(steps.get(0).tool()).isEqualTo("list_dag_runs");
    assertThat(steps.get(0).arguments())
        .containsExactly(
            Map.entry("dag_id", "etl"), Map.entry("limit", 5L), Map.entry("order_by", "-end_date"));
    assertThat(steps.get(0).select()).isEqualTo("dag_runs");
    assertThat(steps.get(1).fields()).containsExactly(Map.entry("text", "content"));
    assertThatThrownBy(() -> overview.parseArguments(Map.of()))
        .isInstanceOf(InvalidArgumentsException.class);
  }

  @Test
  void everyTypeIsStampedGenerated() {
    for (GeneratedFile f : AirflowMcpGenerator.emit(Models.model(), "tools.yaml")) {
      String text = new String(f.content(), StandardCharsets.UTF_8);
      if (f.path().endsWith(".java")) {
        assertThat(text)
            .contains("@Generated(")
            .contains("dev.airflowmcp.codegen.AirflowMcpGenerator");
        assertThat(text).doesNotContain("\r").doesNotContain("/work/").doesNotContain("20" + "26-");
      }
    }
  }

  @Test
  void emittingTwiceGivesIdenticalBytes() {
    assertThat(AirflowMcpGenerator.emit(Models.model(), "tools.yaml"))
        .isEqualTo(AirflowMcpGenerator.emit(Models.model(), "tools.yaml"));
  }

  @Test
  void manifestIsTheToolsListContent() {
    String manifest = new ManifestEmitter().emit(Models.model());
    assertThat(manifest)
        .startsWith(
            "{\n  \"tools\": [\n    {\n      \"name\": \"list_dag_runs\",\n      \"title\": \"List DAG runs\",")
        .contains(
            "\"anyOf\": [\n              {\n                \"type\": \"string\"\n              },\n              {\n                \"type\": \"null\"\n              }\n            ],")
        .contains("\"minimum\": 1,\n            \"maximum\": 1000")
        .contains("\"default\": 0.5")
        .contains("\"required\": [\n          \"dag_id\"\n        ]")
        .doesNotContain("\"source\"")
        .contains("\"readOnlyHint\": true");
  }
}
