package dev.airflowmcp.codegen.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.airflowmcp.codegen.diff.SpecDiffReport.Candidate;
import dev.airflowmcp.codegen.diff.SpecDiffReport.Change;
import dev.airflowmcp.codegen.diff.SpecDiffReport.Kind;
import dev.airflowmcp.codegen.openapi.TestSpecs;
import dev.airflowmcp.toolspec.ToolSpec;
import dev.airflowmcp.toolspec.load.ToolSpecLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SpecDiff} across the shipped Airflow specs with the curated tool spec. */
class SpecDiffRealTest {
  private static final ToolSpec CURATED = ToolSpecLoader.loadCurated().spec();

  private static SpecDiffReport diff(String oldFile, String newFile) {
    return SpecDiff.compare(TestSpecs.real(oldFile), TestSpecs.real(newFile), CURATED);
  }

  @Test
  void airflow2_10_5To2_11_1ChangesNoOperationTheToolsCall() {
    // the only difference between the two files is the WeightRule response schema
    SpecDiffReport r = diff("airflow-2.10.5-v1.yaml", "airflow-2.11.1-v1.yaml");

    assertThat(r.breaking()).isEmpty();
    assertThat(r.nonBreaking()).isEmpty();
    assertThat(r.addedOperations()).isEmpty();
    assertThat(r.removedOperations()).isEmpty();
    assertThat(r.candidates().get("EventLog"))
        .extracting(Candidate::operationId)
        .containsExactly("get_event_log");
    assertThat(r.allCandidates())
        .extracting(Candidate::operationId)
        .contains("get_event_log", "get_mapped_task_instance", "get_task_instance_try_details")
        // called by a tool or a lookup
        .doesNotContain(
            "get_dags",
            "get_dag",
            "get_log",
            "get_health",
            "get_event_logs",
            "get_xcom_entries",
            "get_xcom_entry",
            "get_task_instance_tries");
    assertThat(r.allCandidates()).allSatisfy(c -> assertThat(c.method()).isEqualTo("GET"));
  }

  @Test
  void airflow3_0_2To3_0_3rc6ReportsTheTryNumberBound() {
    SpecDiffReport r = diff("airflow-3.0.2-v2.yaml", "airflow-3.0.3rc6-v2.yaml");

    assertThat(r.breaking()).isEmpty();
    assertThat(r.nonBreaking())
        .extracting(
            Change::tool,
            Change::operationId,
            Change::parameter,
            Change::kind,
            Change::before,
            Change::after)
        .containsExactly(
            tuple(
                "get_task_logs",
                "get_log",
                "try_number",
                Kind.BOUNDS_CHANGED,
                "exclusiveMinimum 0",
                "minimum 0"));
  }

  @Test
  void airflow3_0_3rc6To3_2_0ReportsOrderByBecomingAnArray() {
    SpecDiffReport r = diff("airflow-3.0.3rc6-v2.yaml", "airflow-3.2.0-v2.yaml");

    assertThat(r.breaking()).isEmpty();
    List<Change> orderBy =
        r.nonBreaking().stream()
            .filter(c -> "order_by".equals(c.parameter()) && c.kind() == Kind.TYPE_CHANGED)
            .toList();
    assertThat(orderBy)
        .extracting(Change::tool, Change::operationId, Change::usedByTool)
        .contains(
            tuple("list_dags", "get_dags", false),
            tuple("list_dag_runs", "get_dag_runs", true),
            tuple("list_import_errors", "get_import_errors", false));
    assertThat(orderBy)
        .allSatisfy(
            c -> {
              assertThat(c.before()).isEqualTo("string");
              assertThat(c.after()).isEqualTo("array of string");
            });
    assertThat(r.nonBreaking())
        .filteredOn(c -> c.kind() == Kind.DEFAULT_CHANGED && "get_dag_runs".equals(c.operationId()))
        .extracting(Change::before, Change::after)
        .containsExactly(tuple("id", "[id]"));
    assertThat(r.nonBreaking())
        .filteredOn(c -> c.kind() == Kind.PARAMETER_ADDED && "list_dags".equals(c.tool()))
        .extracting(Change::parameter)
        .contains("has_import_errors", "is_favorite", "timetable_type");
    assertThat(r.removedOperations()).containsExactly("get_dag_reports");
    assertThat(r.addedOperations())
        .contains("wait_dag_run_until_finished", "get_hitl_details", "delete_xcom_entry");
    assertThat(r.allCandidates())
        .filteredOn(Candidate::isNew)
        .extracting(Candidate::operationId)
        .containsExactly(
            "wait_dag_run_until_finished",
            "import_errors",
            "get_external_log_url",
            "get_hitl_detail",
            "get_hitl_detail_try_detail",
            "get_hitl_details");
    assertThat(r.candidates())
        .containsKeys("Backfill", "Event Log")
        .doesNotContainKeys("Monitor", "Job"); // get_health and list_jobs expose them
    assertThat(r.candidates().get("Backfill"))
        .extracting(Candidate::operationId)
        .containsExactly("get_backfill");
    // writes added in 3.2.0 are listed as added, never as candidates
    assertThat(r.allCandidates())
        .extracting(Candidate::operationId)
        .doesNotContain("delete_xcom_entry", "favorite_dag");
  }

  @Test
  void rendersMarkdownAndJson() {
    SpecDiffReport r = diff("airflow-3.0.2-v2.yaml", "airflow-3.0.3rc6-v2.yaml");

    String md = DiffRenderer.markdown(List.of(r));
    assertThat(md)
        .startsWith(
            "# Airflow spec changes for the tools\n\n## airflow-3.0.2-v2.yaml → "
                + "airflow-3.0.3rc6-v2.yaml\n")
        .contains(
            "| get_task_logs | get_log | try_number | BOUNDS_CHANGED | bounds of try_number"
                + " changed from exclusiveMinimum 0 to minimum 0 |")
        .contains("- **Backfill**: `get_backfill` (GET /api/v2/backfills/{backfill_id})");
    String json = DiffRenderer.json(List.of(r));
    assertThat(json)
        .contains("\"kind\": \"BOUNDS_CHANGED\"")
        .contains("\"old\": \"airflow-3.0.2-v2.yaml\"")
        .contains("\"airflowMajor\": 3");
    assertThat(DiffRenderer.json(List.of(r))).isEqualTo(json);
  }
}
