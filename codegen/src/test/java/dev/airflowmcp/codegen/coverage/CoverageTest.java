package dev.airflowmcp.codegen.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.airflowmcp.codegen.coverage.Coverage.Entry;
import dev.airflowmcp.codegen.coverage.Coverage.Status;
import dev.airflowmcp.codegen.openapi.TestSpecs;
import dev.airflowmcp.toolspec.ToolSpec;
import dev.airflowmcp.toolspec.load.ToolSpecLoader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Coverage} of the shipped specs by the curated tools. */
class CoverageTest {
  private static final ToolSpec CURATED = ToolSpecLoader.loadCurated().spec();

  @Test
  void everyOperationOfAirflow3_2HasAStatus() {
    Coverage.Report r = Coverage.of(TestSpecs.real("airflow-3.2.0-v2.yaml"), CURATED);

    assertThat(r.entries()).hasSize(110);
    assertThat(r.entry("get_dags"))
        .extracting(Entry::status, Entry::tools)
        .containsExactly(Status.EXPOSED, List.of("list_dags"));
    assertThat(r.entry("get_task_instance").tools())
        .contains("get_task_instance"); // bound, and also used by get_task_logs' lookup
    assertThat(r.entry("delete_dag").status()).isEqualTo(Status.WRITE);
    assertThat(r.entry("get_health"))
        .extracting(Entry::status, Entry::tools)
        .containsExactly(Status.EXPOSED, List.of("get_health"));
    assertThat(r.entry("list_backfills").tools()).containsExactly("list_backfills");
    assertThat(r.entry("get_backfill").status()).isEqualTo(Status.UNCURATED);
    assertThat(r.entries())
        .filteredOn(e -> e.status() == Status.DENIED)
        .extracting(Entry::operationId, Entry::path)
        .containsExactly(
            tuple("login", "/api/v2/auth/login"), tuple("logout", "/api/v2/auth/logout"));
    assertThat(
            r.count(Status.EXPOSED)
                + r.count(Status.LOOKUP)
                + r.count(Status.WRITE)
                + r.count(Status.DENIED)
                + r.count(Status.UNCURATED))
        .isEqualTo(110);
  }

  /**
   * The curated tools' reach in every shipped spec: exposed, lookup only, uncurated reads, writes
   * and denied operations. A change to the curated tools that moves these numbers must update them
   * here (and in the docs that quote them).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "airflow-2.10.5-v1.yaml, 89, 32, 1, 19, 37, 0",
    "airflow-2.11.1-v1.yaml, 89, 32, 1, 19, 37, 0",
    "airflow-3.0.2-v2.yaml, 99, 34, 0, 22, 41, 2",
    "airflow-3.0.3rc6-v2.yaml, 99, 34, 0, 22, 41, 2",
    "airflow-3.2.0-v2.yaml, 110, 34, 0, 27, 47, 2"
  })
  void curatedCoverageOfEveryShippedSpec(
      String spec,
      int operations,
      long exposed,
      long lookup,
      long uncurated,
      long writes,
      long denied) {
    Coverage.Report r = Coverage.of(TestSpecs.real(spec), CURATED);

    assertThat(r.entries()).hasSize(operations);
    assertThat(
            List.of(
                r.count(Status.EXPOSED),
                r.count(Status.LOOKUP),
                r.count(Status.UNCURATED),
                r.count(Status.WRITE),
                r.count(Status.DENIED)))
        .containsExactly(exposed, lookup, uncurated, writes, denied);
  }

  @Test
  void airflow2ExposesTheDebuggingReadsAndHasNoAirflow3OnlyTool() {
    Coverage.Report r = Coverage.of(TestSpecs.real("airflow-2.11.1-v1.yaml"), CURATED);

    assertThat(r.entries())
        .filteredOn(e -> e.status() == Status.EXPOSED)
        .flatExtracting(Entry::tools)
        .contains(
            "get_health",
            "list_event_logs",
            "list_xcom_entries",
            "get_xcom_entry",
            "list_task_instance_tries",
            "list_mapped_task_instances",
            "get_task_instance_dependencies")
        .doesNotContain("list_backfills");
    assertThat(r.entry("get_health").path()).isEqualTo("/api/v1/health");
    // Only the unmapped tries operation: Airflow 2 cannot route map index -1 in a path.
    assertThat(r.entry("get_task_instance_tries").tools())
        .containsExactly("list_task_instance_tries");
    assertThat(r.entry("get_mapped_task_instance_tries").status()).isEqualTo(Status.UNCURATED);
  }

  @Test
  void lookupOnlyOperationsOfAirflow2() {
    Coverage.Report r = Coverage.of(TestSpecs.real("airflow-2.11.1-v1.yaml"), CURATED);

    // Airflow 2's get_dag_source needs the DAG's file_token, read from get_dag
    assertThat(r.entry("get_dag"))
        .extracting(Entry::status, Entry::tools)
        .containsExactly(Status.LOOKUP, List.of("get_dag_source"));
  }

  @Test
  void rendersOneTablePerSpec() {
    String md =
        Coverage.markdown(
            List.of(
                Coverage.of(TestSpecs.real("airflow-2.11.1-v1.yaml"), CURATED),
                Coverage.of(TestSpecs.real("airflow-3.2.0-v2.yaml"), CURATED)));

    assertThat(md)
        .startsWith("# Operation coverage\n")
        .contains("\n## airflow-2.11.1-v1.yaml\n\n89 operations: ")
        .contains("\n## airflow-3.2.0-v2.yaml\n\n110 operations: ")
        .contains("| DAG | `get_dags` | GET | `/api/v2/dags` | exposed | list_dags |")
        .contains(
            "| Monitor | `get_health` | GET | `/api/v2/monitor/health` | exposed | get_health |")
        .contains(
            "| Backfill | `get_backfill` | GET | `/api/v2/backfills/{backfill_id}` | uncurated |  |");
    assertThat(md.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| tag"))).hasSize(199);
  }

  @Test
  void budgetNamesSizeAndLargestTools() {
    String manifest =
        "{\"tools\": [{\"name\": \"a\", \"description\": \""
            + "x".repeat(400)
            + "\"}, {\"name\": \"b\", \"description\": \"y\"}]}";
    int tokens = ToolsListBudget.tokens(manifest);
    // Counted on the compact JSON, as clients receive it: the eight spaces after ':' and ',' do not
    // count.
    assertThat(tokens).isEqualTo((manifest.length() - 8 + 3) / 4);

    assertThat(ToolsListBudget.check(manifest, tokens)).isNull();
    assertThat(ToolsListBudget.check(manifest, 50))
        .isEqualTo(
            "tools/list is about "
                + tokens
                + " tokens ("
                + (manifest.length() - 8)
                + " characters / 4), over the budget of 50 (maxToolsListTokens). Largest tools: a (108),"
                + " b (8). Remove or shorten tools (an overlay can), or raise maxToolsListTokens.");
    assertThat(tuple(ToolsListBudget.largest(manifest).get(0).name())).isEqualTo(tuple("a"));
  }
}
