package dev.airflowmcp.toolspec.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airflowmcp.common.AirflowMajor;
import dev.airflowmcp.toolspec.Annotations;
import dev.airflowmcp.toolspec.Binding;
import dev.airflowmcp.toolspec.ParamSource;
import dev.airflowmcp.toolspec.ParameterDef;
import dev.airflowmcp.toolspec.ParameterType;
import dev.airflowmcp.toolspec.RateLimitDef;
import dev.airflowmcp.toolspec.RedactionDef;
import dev.airflowmcp.toolspec.ResponseDef;
import dev.airflowmcp.toolspec.ServerInfo;
import dev.airflowmcp.toolspec.SourceLocation;
import dev.airflowmcp.toolspec.ToolDef;
import dev.airflowmcp.toolspec.ToolSpec;
import dev.airflowmcp.toolspec.diag.Diagnostic;
import dev.airflowmcp.toolspec.diag.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolSpecLoaderTest {
  private static final String FULL = "specs/valid-full.yaml";

  private static ToolSpec full() {
    LoadResult result = ToolSpecLoader.parse(FULL, Specs.fixture("valid-full.yaml"));
    assertThat(Specs.lines(result)).isEmpty();
    assertThat(result.ok()).isTrue();
    return result.spec();
  }

  private static SourceLocation at(int line, int column) {
    return new SourceLocation(FULL, line, column);
  }

  @Test
  void loadsTopLevelAndServer() {
    ToolSpec spec = full();
    assertThat(spec.version()).isEqualTo(1);
    assertThat(spec.location()).isEqualTo(at(3, 1));
    assertThat(spec.server())
        .isEqualTo(
            new ServerInfo(at(5, 3), "Airflow MCP Server", "Read-only access to Apache Airflow."));
    assertThat(spec.tools())
        .extracting(ToolDef::name)
        .containsExactly("list_dags", "get_task_logs", "trigger_dag");
  }

  @Test
  void loadsToolMetadataWithLocationsAndDefaults() {
    List<ToolDef> tools = full().tools();
    ToolDef listDags = tools.get(0);
    assertThat(listDags.location()).isEqualTo(at(10, 5));
    assertThat(listDags.aliases()).containsExactly("all_dags", "dags");
    assertThat(listDags.title()).isEqualTo("List DAGs");
    assertThat(listDags.description()).isEqualTo("Lists the DAGs, paged.");
    assertThat(listDags.write()).isFalse();
    assertThat(listDags.annotations()).isEqualTo(new Annotations(true, false, true, false));
    assertThat(listDags.rateLimitClass()).isEqualTo("list");

    ToolDef logs = tools.get(1);
    assertThat(logs.title()).isNull();
    assertThat(logs.aliases()).isEmpty();
    assertThat(logs.annotations()).isEqualTo(Annotations.READ_ONLY);
    assertThat(logs.rateLimitClass()).as("from defaults:").isEqualTo("standard");
    assertThat(logs.response()).isEqualTo(ResponseDef.passThrough(at(69, 5)));
    assertThat(logs.redaction()).isEqualTo(RedactionDef.NONE);

    ToolDef trigger = tools.get(2);
    assertThat(trigger.write()).isTrue();
    assertThat(trigger.annotations())
        .as("write defaults with destructive overridden")
        .isEqualTo(new Annotations(false, true, false, true));
  }

  @Test
  void loadsParametersOfEveryType() {
    List<ParameterDef> p = full().tools().get(0).parameters();
    assertThat(p)
        .extracting(ParameterDef::name)
        .containsExactly("limit", "tags", "only_active", "ratio", "order_by", "dag_id");

    assertThat(p.get(0))
        .isEqualTo(
            new ParameterDef(
                at(18, 9),
                "limit",
                ParameterType.INTEGER,
                null,
                "Page size.",
                false,
                false,
                100L,
                List.of(),
                1L,
                1000L,
                false));
    assertThat(p.get(1))
        .isEqualTo(
            new ParameterDef(
                at(24, 9),
                "tags",
                ParameterType.ARRAY,
                ParameterType.STRING,
                null,
                false,
                false,
                List.of("etl", "daily"),
                List.of("etl", "daily", "hourly"),
                null,
                null,
                false));
    ParameterDef onlyActive = p.get(2);
    assertThat(onlyActive.type()).isEqualTo(ParameterType.BOOLEAN);
    assertThat(onlyActive.nullable()).isTrue();
    assertThat(onlyActive.defaultValue()).isEqualTo(Boolean.TRUE);
    ParameterDef ratio = p.get(3);
    assertThat(ratio.defaultValue()).isEqualTo(0.5);
    assertThat(ratio.minimum()).isEqualTo(0L);
    assertThat(ratio.maximum()).isEqualTo(1.5);
    ParameterDef orderBy = p.get(4);
    assertThat(orderBy.hidden()).isTrue();
    assertThat(orderBy.defaultValue()).isEqualTo("dag_id");
    assertThat(orderBy.enumValues()).containsExactly("dag_id", "-dag_id");
    assertThat(p.get(5).required()).isTrue();
    assertThat(full().tools().get(2).parameter("conf").type()).isEqualTo(ParameterType.OBJECT);
  }

  @Test
  void loadsBindingsWithEveryKindOfParameterSource() {
    ToolDef listDags = full().tools().get(0);
    assertThat(listDags.bindings().keySet())
        .containsExactly(AirflowMajor.AIRFLOW2, AirflowMajor.AIRFLOW3);

    Binding v2 = listDags.bindings().get(AirflowMajor.AIRFLOW2);
    assertThat(v2.location()).isEqualTo(at(49, 9));
    assertThat(v2.operationId()).isEqualTo("get_dags");
    assertThat(v2.params())
        .isEqualTo(Map.of("limit", new ParamSource.FromArgument(at(51, 18), "limit", null, null)));
    assertThat(v2.response()).isNull();

    Binding v3 = listDags.bindings().get(AirflowMajor.AIRFLOW3);
    assertThat(v3.params().keySet())
        .containsExactly("dag_id_pattern", "paused", "fields", "dag_id");
    assertThat(v3.params().get("dag_id_pattern"))
        .isEqualTo(new ParamSource.FromArgument(at(55, 27), "dag_id", null, null));
    assertThat(v3.params().get("paused")).isEqualTo(new ParamSource.Constant(at(56, 19), false));
    assertThat(v3.params().get("fields"))
        .isEqualTo(new ParamSource.Constant(at(57, 19), List.of("dag_id", "is_paused")));
    assertThat(v3.params().get("dag_id"))
        .isEqualTo(new ParamSource.FromArgument(at(58, 19), "dag_id", "~", null));
  }

  @Test
  void loadsLookupsAndPerVersionResponses() {
    ToolDef logs = full().tools().get(1);
    Binding v2 = logs.bindings().get(AirflowMajor.AIRFLOW2);
    assertThat(v2.params().get("task_try_number"))
        .isEqualTo(
            new ParamSource.FromArgument(
                at(89, 13),
                "try_number",
                null,
                new ParamSource.Lookup(
                    at(91, 15),
                    "get_task_instance",
                    Map.of("dag_id", "dag_id", "dag_run_id", "dag_run_id", "task_id", "task_id"),
                    "try_number")));
    ParamSource.Lookup lookup =
        ((ParamSource.FromArgument) v2.params().get("task_try_number")).lookup();
    assertThat(lookup.params().keySet()).containsExactly("dag_id", "dag_run_id", "task_id");
    assertThat(v2.response())
        .isEqualTo(new ResponseDef(at(95, 11), null, null, List.of(), List.of(), 50000, null));

    Binding v3 = logs.bindings().get(AirflowMajor.AIRFLOW3);
    assertThat(((ParamSource.FromArgument) v3.params().get("try_number")).lookup())
        .isEqualTo(
            new ParamSource.Lookup(at(101, 21), "get_task_instance", Map.of(), "try_number"));
    assertThat(v3.response()).isNull();
  }

  @Test
  void loadsResponseAndRedaction() {
    ToolDef listDags = full().tools().get(0);
    assertThat(listDags.response())
        .isEqualTo(
            new ResponseDef(
                at(60, 7),
                "dags",
                "dag_list",
                List.of("dag_id", "is_paused"),
                List.of("fileloc"),
                20000,
                "Pass a smaller limit."));
    assertThat(listDags.redaction())
        .isEqualTo(new RedactionDef(List.of("owner_email"), List.of("description")));
  }

  @Test
  void loadsRateLimitsInFileOrderWithLocations() {
    assertThat(full().rateLimits().values())
        .containsExactly(
            new RateLimitDef(at(120, 13), "standard", 60, 240),
            new RateLimitDef(at(122, 5), "list", 20, 90));
    assertThat(full().rateLimits().keySet()).containsExactly("standard", "list");
  }

  @Test
  void minimalSpecGetsBuiltInDefaults() {
    LoadResult result = ToolSpecLoader.parse("minimal.yaml", Specs.fixture("minimal.yaml"));
    assertThat(Specs.lines(result)).isEmpty();
    ToolDef tool = result.spec().tools().get(0);
    assertThat(tool.rateLimitClass()).isEqualTo("default");
    assertThat(result.spec().rateLimits())
        .as("no rateLimits: the built-in limit applies")
        .isEmpty();
    assertThat(tool.parameters()).isEmpty();
    assertThat(tool.annotations()).isEqualTo(Annotations.READ_ONLY);
    assertThat(tool.bindings().get(AirflowMajor.AIRFLOW2).location())
        .isEqualTo(new SourceLocation("minimal.yaml", 8, 17));
    assertThat(result.spec().server().instructions()).isNull();
  }

  @Test
  void readsScalarsByTheYaml12CoreSchema() {
    LoadResult result =
        Specs.parse(
            Specs.HEADER
                + """
                  - name: "yes"
                    title: on
                    description: no
                    aliases: [2024-01-01, 1_000]
                    parameters:
                      - name: mode
                        type: string
                        enum: [on, off, y, n, yes]
                      - name: big
                        type: integer
                        default: 0x10
                        maximum: 0o20
                    bindings:
                      airflow3: {operationId: get_dags}
                  """);
    assertThat(Specs.lines(result)).isEmpty();
    ToolDef tool = result.spec().tools().get(0);
    assertThat(tool.name()).isEqualTo("yes");
    assertThat(tool.title()).isEqualTo("on");
    assertThat(tool.description()).isEqualTo("no");
    assertThat(tool.aliases()).containsExactly("2024-01-01", "1_000");
    assertThat(tool.parameter("mode").enumValues()).containsExactly("on", "off", "y", "n", "yes");
    assertThat(tool.parameter("big").defaultValue()).isEqualTo(16L);
    assertThat(tool.parameter("big").maximum()).isEqualTo(16L);
  }

  @Test
  void wholeNumberFloatsCountAsIntegers() {
    ToolSpec spec =
        Specs.parse(
                """
                version: 1.0
                server: {name: Test}
                tools:
                  - name: t
                    description: d
                    parameters:
                      - {name: limit, type: integer, default: 20.0, minimum: 1}
                    bindings: {airflow3: {operationId: get_dags}}
                """)
            .spec();
    assertThat(spec.version()).isEqualTo(1);
    assertThat(spec.tools().get(0).parameter("limit").defaultValue()).isEqualTo(20L);
  }

  @Test
  void aliasesToSharedBlocksAreAllowedWithinTheLimit() {
    LoadResult result =
        Specs.parse(
            Specs.HEADER
                + """
                  - name: a
                    description: d
                    response: &paged {list: dags, maxChars: 100}
                    bindings: {airflow3: {operationId: get_dags}}
                  - name: b
                    description: d
                    response: *paged
                    bindings: {airflow3: {operationId: get_dags}}
                """);
    assertThat(Specs.lines(result)).isEmpty();
    assertThat(result.spec().tools().get(1).response())
        .as("an alias reads the anchored node, located where it is written")
        .isEqualTo(result.spec().tools().get(0).response());
  }

  @Test
  void loadsFilesWithTheDisplayName(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("tools.yaml");
    Files.writeString(file, Specs.fixture("minimal.yaml"), StandardCharsets.UTF_8);
    LoadResult result = ToolSpecLoader.load(file, "src/main/airflow-mcp/tools.yaml");
    assertThat(result.ok()).isTrue();
    assertThat(result.spec().location())
        .isEqualTo(new SourceLocation("src/main/airflow-mcp/tools.yaml", 1, 1));
  }

  @Test
  void rejectsFilesThatAreNotUtf8(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("latin1.yaml");
    Files.write(
        file, "version: 1\nserver: {name: Caf\u00e9}\n".getBytes(StandardCharsets.ISO_8859_1));
    LoadResult result = ToolSpecLoader.load(file, "latin1.yaml");
    assertThat(result.spec()).isNull();
    assertThat(Specs.lines(result))
        .containsExactly("latin1.yaml: error [YAML_SYNTAX]: the file is not valid UTF-8");
  }

  @Test
  void missingFilesFailWithIoException(@TempDir Path dir) {
    assertThatThrownBy(() -> ToolSpecLoader.load(dir.resolve("absent.yaml"), "absent.yaml"))
        .isInstanceOf(IOException.class);
  }

  @Test
  void loadResultKeepsSpecAndErrorsApart() {
    Diagnostic error =
        new Diagnostic(Severity.ERROR, SourceLocation.ofFile("f"), "CODE", "message", null);
    Diagnostic warning =
        new Diagnostic(Severity.WARNING, SourceLocation.ofFile("f"), "CODE", "message", null);
    ToolSpec spec = full();
    assertThat(new LoadResult(spec, List.of(warning)).ok()).isTrue();
    assertThat(new LoadResult(null, List.of(error)).ok()).isFalse();
    assertThatThrownBy(() -> new LoadResult(spec, List.of(error)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LoadResult(null, List.of(warning)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
