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
    assertThat(r.entry("get_health").status()).isEqualTo(Status.UNCURATED);
    assertThat(r.entries()).filteredOn(e -> e.status() == Status.DENIED)
        .extracting(Entry::operationId, Entry::path)
        .containsExactly(tuple("login", "/api/v2/auth/login"), tuple("logout", "/api/v2/auth/logout"));
    assertThat(r.count(Status.EXPOSED) + r.count(Status.LOOKUP) + r.count(Status.WRITE)
        + r.count(Status.DENIED) + r.count(Status.UNCURATED)).isEqualTo(110);
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
    String md = Coverage.markdown(List.of(
        Coverage.of(TestSpecs.real("airflow-2.11.1-v1.yaml"), CURATED),
        Coverage.of(TestSpecs.real("airflow-3.2.0-v2.yaml"), CURATED)));

    assertThat(md).startsWith("# Operation coverage\n")
        .contains("\n## airflow-2.11.1-v1.yaml\n\n89 operations: ")
        .contains("\n## airflow-3.2.0-v2.yaml\n\n110 operations: ")
        .contains("| DAG | `get_dags` | GET | `/api/v2/dags` | exposed | list_dags |")
        .contains("| Monitor | `get_health` | GET | `/api/v2/monitor/health` | uncurated |  |");
    assertThat(md.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| tag"))).hasSize(199);
  }

  @Test
  void budgetNamesSizeAndLargestTools() {
    String manifest = "{\"tools\": [{\"name\": \"a\", \"description\": \"" + "x".repeat(400)
        + "\"}, {\"name\": \"b\", \"description\": \"y\"}]}";
    int tokens = ToolsListBudget.tokens(manifest);

    assertThat(ToolsListBudget.check(manifest, tokens)).isNull();
    assertThat(ToolsListBudget.check(manifest, 50))
        .isEqualTo("tools/list is about " + tokens + " tokens (" + manifest.length()
            + " characters / 4), over the budget of 50 (maxToolsListTokens). Largest tools: a (108),"
            + " b (8). Remove or shorten tools (an overlay can), or raise maxToolsListTokens.");
    assertThat(tuple(ToolsListBudget.largest(manifest).get(0).name())).isEqualTo(tuple("a"));
  }
}
