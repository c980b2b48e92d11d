package dev.airflowmcp.codegen.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airflowmcp.codegen.AirflowMcpGenerator;
import dev.airflowmcp.codegen.GeneratedFile;
import dev.airflowmcp.codegen.GenerationRequest;
import dev.airflowmcp.codegen.GenerationResult;
import dev.airflowmcp.toolspec.diag.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The migration table of real builds: curated, write-enabled, and a vendor overlay. */
class MigrationTablesTest {
  private static final Path SPECS =
      Path.of(System.getProperty("airflow.specs.dir", "../airflow-specs"));
  private static final List<Path> TWO_SPECS =
      List.of(SPECS.resolve("airflow-2.11.1-v1.yaml"), SPECS.resolve("airflow-3.2.0-v2.yaml"));

  @TempDir Path dir;

  private static String table(GenerationRequest request) throws IOException {
    GenerationResult result = new AirflowMcpGenerator().generate(request);
    assertThat(result.diagnostics()).extracting(Diagnostic::format).isEmpty();
    return result.docs().stream()
        .filter(f -> f.path().equals(AirflowMcpGenerator.MIGRATION_TABLE))
        .map(GeneratedFile::content)
        .map(b -> new String(b, StandardCharsets.UTF_8))
        .findFirst()
        .orElseThrow();
  }

  private static String row(String table, String astroTool) {
    return table
        .lines()
        .filter(l -> l.startsWith("| `" + astroTool + "` |"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row for " + astroTool + " in\n" + table));
  }

  @Test
  void theReadOnlyCuratedBuildServesEveryReadToolAndNamesWhatItCalls() throws IOException {
    String table = table(new GenerationRequest(TWO_SPECS, null, null, "p", false));

    assertThat(table)
        .contains(
            "This build serves 27 of astro-airflow-mcp's 34 tools; it does not"
                + " enable write tools.");
    assertThat(row(table, "list_dags"))
        .isEqualTo(
            "| `list_dags` | `list_dags` | `GET /api/v1/dags` | `GET /api/v2/dags` | `limit`, `offset`"
                + " | no |");
    assertThat(row(table, "get_dag_source"))
        .contains(
            "`GET /api/v1/dagSources/{file_token}`, after `GET /api/v1/dags/{dag_id}` for"
                + " `file_token`",
            "| `GET /api/v2/dagSources/{dag_id}` |");
    assertThat(row(table, "get_task_logs"))
        .contains(
            "after `GET /api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}` when"
                + " `try_number` is absent");
    assertThat(row(table, "explore_dag"))
        .contains("| calls `get_dag_details`, `list_tasks`, `get_dag_source` |");
    assertThat(row(table, "get_airflow_config")).endsWith("| `section` | no |");
    for (String write :
        List.of(
            "pause_dag",
            "unpause_dag",
            "trigger_dag",
            "trigger_dag_and_wait",
            "delete_dag_run",
            "clear_dag_run",
            "clear_task_instances")) {
      assertThat(row(table, write))
          .isEqualTo(
              "| `"
                  + write
                  + "` | not in this build (writes are"
                  + " not enabled) | — | — |  | yes |");
    }
    // astro lacks list_task_instances (generated) and get_log_tail (hand-written, always listed)
    assertThat(table.substring(table.indexOf("## Tools astro-airflow-mcp does not have")))
        .contains("| `list_task_instances` | Task instances of one DAG run")
        .contains(
            "| `get_log_tail` | The last lines of one task try's log, however long the log"
                + " is. Hand-written, in the runtime. | hand-written | hand-written | no |");
  }

  @Test
  void aWriteEnabledBuildServesAllOfAstrosTools() throws IOException {
    String table = table(new GenerationRequest(TWO_SPECS, null, null, "p", true));

    assertThat(table)
        .contains(
            "This build serves 33 of astro-airflow-mcp's 34 tools, 1 more once"
                + " their hand-written classes are registered.\n");
    assertThat(table).doesNotContain("not in this build");
    assertThat(row(table, "pause_dag"))
        .isEqualTo(
            "| `pause_dag` | `pause_dag` |"
                + " `PATCH /api/v1/dags/{dag_id}` | `PATCH /api/v2/dags/{dag_id}` |  | yes |");
    // The run a delete removes is read first, for deleted_run.
    assertThat(row(table, "delete_dag_run"))
        .isEqualTo(
            "| `delete_dag_run` | `delete_dag_run` |"
                + " `DELETE /api/v1/dags/{dag_id}/dagRuns/{dag_run_id}`, after"
                + " `GET /api/v1/dags/{dag_id}/dagRuns/{dag_run_id}` for `deleted_run` |"
                + " `DELETE /api/v2/dags/{dag_id}/dagRuns/{dag_run_id}`, after"
                + " `GET /api/v2/dags/{dag_id}/dagRuns/{dag_run_id}` for `deleted_run` |  | yes |");
    assertThat(row(table, "trigger_dag_and_wait"))
        .isEqualTo(
            "| `trigger_dag_and_wait` | `trigger_dag_and_wait` (hand-written, in the runtime; listed"
                + " once `dev.airflowmcp.runtime.tools.TriggerDagAndWait` is registered) |"
                + " hand-written | hand-written |  | yes |");
  }

  @Test
  void aVendorOverlayShowsRenamesRemovalsHiddenArgumentsAndItsOwnTools() throws IOException {
    Path spec = dir.resolve("tools.yaml");
    Files.writeString(
        spec,
        """
        version: 1
        extends: curated
        server:
          name: Acme Airflow
        remove: [get_upstream_asset_events]
        rename:
          list_dags: acme_list_pipelines
        override:
          - name: list_asset_events
            parameters:
              limit: {hidden: true}
        tools:
          - name: acme_health
            description: Health of the scheduler and metadata database. Cheap to call.
            rateLimitClass: read
            bindings:
              airflow2: {operationId: get_health}
              airflow3: {operationId: get_health}
        """);

    String table = table(new GenerationRequest(TWO_SPECS, spec, "tools.yaml", "p", false));

    assertThat(table).startsWith("# Migration table: astro-airflow-mcp 0.9.0 to Acme Airflow\n");
    assertThat(table).contains("This build serves 26 of astro-airflow-mcp's 34 tools;");
    assertThat(row(table, "list_dags"))
        .startsWith("| `list_dags` | `acme_list_pipelines` (`list_dags` is its alias) |");
    assertThat(row(table, "get_upstream_asset_events"))
        .isEqualTo(
            "| `get_upstream_asset_events` | not in this build (not in the tool spec) | — | — |  | no |");
    assertThat(row(table, "list_asset_events"))
        .endsWith("| `offset`; does not take `limit` | no |");
    assertThat(table)
        .contains(
            "| `acme_health` | Health of the scheduler and metadata database."
                + " | `GET /api/v1/health` | `GET /api/v2/monitor/health` | no |");
    // a renamed tool is astro's tool, not an addition
    assertThat(table.substring(table.indexOf("## Tools astro-airflow-mcp does not have")))
        .doesNotContain("acme_list_pipelines");
  }
}
