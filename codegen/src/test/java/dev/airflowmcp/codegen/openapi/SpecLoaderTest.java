package dev.airflowmcp.codegen.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.airflowmcp.codegen.model.ParamLocation;
import dev.airflowmcp.common.AirflowMajor;
import dev.airflowmcp.toolspec.diag.Diagnostic;
import dev.airflowmcp.toolspec.diag.Diagnostics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SpecLoader} on small synthetic specs. */
class SpecLoaderTest {

  private static List<String> lines(TestSpecs.Loaded loaded) {
    return loaded.diagnostics().stream().map(Diagnostic::format).toList();
  }

  @Test
  void detectsAirflow2FromServerAndPrefixesPaths() {
    AirflowSpec spec = TestSpecs.synthetic("mini-v1.yaml");

    assertThat(spec.label()).isEqualTo("mini-v1.yaml");
    assertThat(spec.major()).isEqualTo(AirflowMajor.AIRFLOW2);
    assertThat(spec.infoVersion()).isEqualTo("2.99.0");
    assertThat(spec.operations().keySet())
        .containsExactly(
            "get_dags", "get_dag", "patch_dag", "get_task_instance", "get_log", "get_dag_source");
    assertThat(spec.operation("patch_dag").method()).isEqualTo("PATCH");
    assertThat(spec.operation("patch_dag").path()).isEqualTo("/api/v1/dags/{dag_id}");
  }

  @Test
  void detectsAirflow3FromAbsolutePaths() {
    AirflowSpec spec = TestSpecs.synthetic("mini-v2-a.yaml");

    assertThat(spec.major()).isEqualTo(AirflowMajor.AIRFLOW3);
    assertThat(spec.infoVersion()).isEqualTo("2");
    assertThat(spec.operation("get_dag").path()).isEqualTo("/api/v2/dags/{dag_id}");
  }

  @Test
  void mergesPathLevelParametersFirst() {
    SpecOperation op = TestSpecs.synthetic("mini-v1.yaml").operation("get_dag");

    assertThat(op.parameters())
        .extracting(SpecParameter::name, SpecParameter::in)
        .containsExactly(tuple("dag_id", ParamLocation.PATH), tuple("fields", ParamLocation.QUERY));
  }

  @Test
  void commaSeparatedFollowsExplodeWithTheAirflow2Convention() {
    SpecOperation v1 = TestSpecs.synthetic("mini-v1.yaml").operation("get_dags");
    SpecOperation v2 = TestSpecs.synthetic("mini-v2-a.yaml").operation("get_dags");

    assertThat(v1.parameter("tags").commaSeparated()).as("v1, explode unset").isTrue();
    assertThat(v1.parameter("owners").commaSeparated()).as("v1, explode: true").isFalse();
    assertThat(
            TestSpecs.synthetic("mini-v1.yaml")
                .operation("get_dag")
                .parameter("fields")
                .commaSeparated())
        .as("v1, explode: false")
        .isTrue();
    assertThat(v2.parameter("tags").commaSeparated()).as("v2, explode unset").isFalse();
  }

  @Test
  void refWithSiblingDefaultKeepsTheDefaultAndTheReferencedEnum() {
    SpecParameter p =
        TestSpecs.synthetic("mini-v2-a.yaml")
            .operation("create_backfill")
            .parameter("reprocess_behavior");

    assertThat(p.type()).isEqualTo("string");
    assertThat(p.defaultValue()).isEqualTo("none");
    assertThat(p.enumValues()).containsExactly("failed", "completed", "none");
    assertThat(p.required()).isFalse();
  }

  @Test
  void nullableRefIsUnwrappedToTheReferencedType() {
    SpecParameter p =
        TestSpecs.synthetic("mini-v2-b.yaml").operation("get_dags").parameter("last_dag_run_state");

    assertThat(p.type()).isEqualTo("string");
    assertThat(p.enumValues()).containsExactly("queued", "running", "success", "failed");
  }

  @Test
  void cookieParameterIsLeftOutWithAWarning() {
    TestSpecs.Loaded loaded = TestSpecs.load(TestSpecs.resource("mini-v1.yaml"));

    assertThat(lines(loaded))
        .containsExactly(
            "mini-v1.yaml: warning [UNSUPPORTED_PARAMETER]: parameter 'session' of operation"
                + " 'get_dags' is in cookie, which tools cannot send; it is ignored");
    assertThat(loaded.spec().operation("get_dags").parameter("session")).isNull();
  }

  @Test
  void missingFileIsReportedByName() throws IOException {
    Diagnostics diagnostics = new Diagnostics();

    AirflowSpec spec = SpecLoader.load(Path.of("specs", "airflow-9.9.9-v2.yaml"), diagnostics);

    assertThat(spec).isNull();
    assertThat(diagnostics.sorted())
        .extracting(Diagnostic::format)
        .containsExactly(
            "airflow-9.9.9-v2.yaml: error [SPEC_NOT_FOUND]: Airflow REST spec not found: "
                + Path.of("specs", "airflow-9.9.9-v2.yaml"));
  }

  @Test
  void documentThatIsNotOpenApiIsInvalid() {
    TestSpecs.Loaded loaded = TestSpecs.load(TestSpecs.resource("broken.yaml"));

    assertThat(loaded.spec()).isNull();
    assertThat(lines(loaded))
        .containsExactly(
            "broken.yaml: error [SPEC_INVALID]: broken.yaml is not a valid OpenAPI document:"
                + " attribute openapi is missing");
  }

  @Test
  void repeatedOperationIdIsInvalid() {
    TestSpecs.Loaded loaded = TestSpecs.load(TestSpecs.resource("duplicate-ids.yaml"));

    assertThat(loaded.spec()).isNull();
    assertThat(lines(loaded))
        .singleElement()
        .asString()
        .startsWith("duplicate-ids.yaml: error [SPEC_INVALID]:")
        .contains("operationId is repeated");
  }

  @Test
  void textThatIsNotUtf8IsInvalid(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("binary.yaml");
    Files.write(file, new byte[] {'o', 'p', (byte) 0xff, (byte) 0xfe, 0});
    Diagnostics diagnostics = new Diagnostics();

    assertThat(SpecLoader.load(file, diagnostics)).isNull();
    assertThat(diagnostics.sorted())
        .extracting(Diagnostic::format)
        .containsExactly("binary.yaml: error [SPEC_INVALID]: binary.yaml is not UTF-8 text");
  }

  @Test
  void otherApiIsUnknownKind() {
    TestSpecs.Loaded loaded = TestSpecs.load(TestSpecs.resource("not-airflow.yaml"));

    assertThat(loaded.spec()).isNull();
    assertThat(loaded.diagnostics())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.code()).isEqualTo("UNKNOWN_SPEC_KIND");
              assertThat(d.hint())
                  .isEqualTo(
                      "configure only Airflow's REST API specs (the auth manager specs are not"
                          + " needed)");
            });
  }
}
