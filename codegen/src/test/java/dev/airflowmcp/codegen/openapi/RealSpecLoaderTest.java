package dev.airflowmcp.codegen.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.airflowmcp.codegen.model.ParamLocation;
import dev.airflowmcp.common.AirflowMajor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link SpecLoader} on the real Airflow REST specs. */
class RealSpecLoaderTest {

  @ParameterizedTest
  @CsvSource({
    "airflow-2.10.5-v1.yaml, AIRFLOW2, 89, 2.10.5",
    "airflow-2.11.1-v1.yaml, AIRFLOW2, 89, 2.10.5",
    "airflow-3.0.2-v2.yaml, AIRFLOW3, 99, 2",
    "airflow-3.0.3rc6-v2.yaml, AIRFLOW3, 99, 2",
    "airflow-3.2.0-v2.yaml, AIRFLOW3, 110, 2"
  })
  void loadsEveryRestSpecWithItsMajorAndOperations(
      String file, AirflowMajor major, int operations, String infoVersion) {
    AirflowSpec spec = TestSpecs.real(file);

    assertThat(spec.label()).isEqualTo(file);
    assertThat(spec.major()).isEqualTo(major);
    assertThat(spec.infoVersion()).isEqualTo(infoVersion);
    assertThat(spec.operations()).hasSize(operations);
    assertThat(spec.operations().values())
        .allSatisfy(op -> assertThat(op.path()).startsWith(major.apiPrefix() + "/"));
  }

  @Test
  void authManagerSpecIsNotARestSpec() {
    TestSpecs.Loaded loaded =
        TestSpecs.load(TestSpecs.realDir().resolve("airflow-3.2.0-simple-auth-manager.yaml"));

    assertThat(loaded.spec()).isNull();
    assertThat(loaded.diagnostics())
        .singleElement()
        .satisfies(
            d ->
                assertThat(d.format())
                    .isEqualTo(
                        "airflow-3.2.0-simple-auth-manager.yaml: error [UNKNOWN_SPEC_KIND]:"
                            + " airflow-3.2.0-simple-auth-manager.yaml is not an Airflow REST API"
                            + " spec: expected servers [/api/v1] with relative paths (Airflow 2)"
                            + " or absolute paths under /api/v2/ (Airflow 3)"));
  }

  @Test
  void v1GetDagsIsPrefixedAndSendsTagsCommaSeparated() {
    SpecOperation op = TestSpecs.real("airflow-2.11.1-v1.yaml").operation("get_dags");

    assertThat(op.method()).isEqualTo("GET");
    assertThat(op.path()).isEqualTo("/api/v1/dags");
    assertThat(op.tags()).containsExactly("DAG");
    assertThat(op.hasRequestBody()).isFalse();
    SpecParameter tags = op.parameter("tags");
    assertThat(tags.in()).isEqualTo(ParamLocation.QUERY);
    assertThat(tags.type()).isEqualTo("array");
    assertThat(tags.itemType()).isEqualTo("string");
    assertThat(tags.commaSeparated()).isTrue();
    assertThat(op.parameter("limit").defaultValue()).isEqualTo(100L);
    assertThat(op.parameter("order_by").type()).isEqualTo("string");
    assertThat(op.parameter("only_active").defaultValue()).isEqualTo(true);
  }

  @Test
  void v1PathLevelParametersAndFormatsAreKept() {
    AirflowSpec spec = TestSpecs.real("airflow-2.10.5-v1.yaml");

    SpecParameter key = spec.operation("get_variable").parameter("variable_key");
    assertThat(key.in()).isEqualTo(ParamLocation.PATH);
    assertThat(key.required()).isTrue();
    assertThat(key.format()).isEqualTo("path");
    assertThat(spec.operation("get_dag").parameters())
        .extracting(SpecParameter::name)
        .startsWith("dag_id");
    assertThat(spec.operation("patch_dag").hasRequestBody()).isTrue();
  }

  @Test
  void v2GetDagsUnwrapsNullableSchemas() {
    SpecOperation op = TestSpecs.real("airflow-3.2.0-v2.yaml").operation("get_dags");

    assertThat(op.path()).isEqualTo("/api/v2/dags");
    SpecParameter limit = op.parameter("limit");
    assertThat(limit.type()).isEqualTo("integer");
    assertThat(limit.defaultValue()).isEqualTo(50L);
    assertThat(op.parameter("paused").type()).isEqualTo("boolean");
    SpecParameter state = op.parameter("last_dag_run_state");
    assertThat(state.type()).isEqualTo("string");
    assertThat(state.enumValues()).contains("queued", "running", "success", "failed");
    SpecParameter tags = op.parameter("tags");
    assertThat(tags.itemType()).isEqualTo("string");
    assertThat(tags.commaSeparated()).isFalse();
  }

  @Test
  void v2GetLogHasTypedPathParametersAndAnAcceptHeader() {
    SpecOperation op = TestSpecs.real("airflow-3.2.0-v2.yaml").operation("get_log");

    assertThat(op.path())
        .isEqualTo(
            "/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/logs/{try_number}");
    assertThat(op.parameters().stream().filter(p -> p.in() == ParamLocation.PATH))
        .extracting(SpecParameter::name, SpecParameter::type, SpecParameter::required)
        .containsExactly(
            tuple("dag_id", "string", true),
            tuple("dag_run_id", "string", true),
            tuple("task_id", "string", true),
            tuple("try_number", "integer", true));
    SpecParameter accept = op.parameter("accept");
    assertThat(accept.in()).isEqualTo(ParamLocation.HEADER);
    assertThat(accept.type()).isEqualTo("string");
    assertThat(accept.enumValues()).contains("application/json", "application/x-ndjson");
    assertThat(accept.defaultValue()).isEqualTo("*/*");
    assertThat(op.parameter("map_index").defaultValue()).isEqualTo(-1L);
  }

  @Test
  void v2OrderByIsAStringIn302AndAnArrayIn320() {
    SpecParameter old =
        TestSpecs.real("airflow-3.0.2-v2.yaml").operation("get_dags").parameter("order_by");
    SpecParameter current =
        TestSpecs.real("airflow-3.2.0-v2.yaml").operation("get_dags").parameter("order_by");

    assertThat(old.type()).isEqualTo("string");
    assertThat(old.itemType()).isNull();
    assertThat(current.type()).isEqualTo("array");
    assertThat(current.itemType()).isEqualTo("string");
    assertThat(current.defaultValue()).isEqualTo(List.of("dag_id"));
    assertThat(current.commaSeparated()).isFalse();
  }

  @Test
  void untypedPathParameterHasNoType() {
    SpecParameter taskId =
        TestSpecs.real("airflow-3.2.0-v2.yaml").operation("get_task").parameter("task_id");

    assertThat(taskId.type()).isNull();
    assertThat(taskId.describeType()).isEqualTo("untyped");
    assertThat(taskId.required()).isTrue();
  }

  @Test
  void constPathParameterKeepsItsValue() {
    SpecParameter dagId =
        TestSpecs.real("airflow-3.2.0-v2.yaml")
            .operation("get_list_dag_runs_batch")
            .parameter("dag_id");

    assertThat(dagId.constValue()).isEqualTo("~");
    assertThat(dagId.type()).isEqualTo("string");
  }

  @Test
  void v1CommaSeparatedOnlyForArrayQueryParameters() {
    AirflowSpec spec = TestSpecs.real("airflow-2.11.1-v1.yaml");

    assertThat(spec.operation("get_dag_stats").parameter("dag_ids").commaSeparated()).isFalse();
    assertThat(spec.operation("patch_dags").parameter("update_mask").commaSeparated()).isTrue();
  }
}
