package dev.airflowmcp.runtime.composite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airflowmcp.runtime.tool.CompositeSummary;
import dev.airflowmcp.runtime.tool.ToolContext.StepResult;
import dev.airflowmcp.runtime.tool.ToolError;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class SummariesTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final ToolError DOWN = new ToolError("down", "ConnectError", "-", false);

  private static StepResult ok(String json) {
    return new StepResult(JSON.readTree(json.replace('\'', '"')), null);
  }

  @Test
  void bothBuiltInsAreFoundByServiceLoader() {
    Set<String> names = new TreeSet<>();
    ServiceLoader.load(CompositeSummary.class).forEach(s -> names.add(s.name()));
    assertThat(names).contains("dag_run_summary", "system_health");
  }

  @Test
  void dagRunSummaryCountsStatesAndTakesFailuresFromTheFilteredStep() {
    Map<String, StepResult> steps = new LinkedHashMap<>();
    steps.put(
        "task_instances",
        ok(
            "{'total_task_instances': 250, 'task_instances': ["
                + "{'task_id':'a','state':'success'},{'task_id':'b','state':null},"
                + "{'task_id':'c','state':'failed','try_number':2},{'task_id':'d'}]}"));
    // A failure beyond the first page, found by Airflow's state filter.
    steps.put(
        "failed_tasks",
        ok(
            "{'task_instances': [{'task_id':'c','state':'failed','try_number':2,'map_index':-1},"
                + "{'task_id':'z','state':'upstream_failed','start_date':null}]}"));
    String out = JSON.writeValueAsString(new DagRunSummary().summarize(steps, Map.of()));
    assertThat(out)
        .isEqualTo(
            "{\"summary\":{\"total_tasks\":250,"
                + "\"state_counts\":{\"failed\":1,\"null\":1,\"success\":1,\"unknown\":1},"
                + "\"failed_tasks\":["
                + "{\"task_id\":\"c\",\"state\":\"failed\",\"start_date\":null,\"end_date\":null,"
                + "\"try_number\":2,\"map_index\":-1},"
                + "{\"task_id\":\"z\",\"state\":\"upstream_failed\",\"start_date\":null,"
                + "\"end_date\":null,\"try_number\":null,\"map_index\":null}]}}");
  }

  @Test
  void dagRunSummaryIsLeftOutWhenTheTaskInstancesCouldNotBeRead() {
    Map<String, StepResult> steps = Map.of("task_instances", new StepResult(null, DOWN));
    assertThat(new DagRunSummary().summarize(steps, Map.of()).isEmpty()).isTrue();
  }

  @Test
  void systemHealthUsesTotalsAndNeverTakesAFailedReadForZero() {
    SystemHealth health = new SystemHealth();
    assertThat(
            JSON.writeValueAsString(
                health.summarize(
                    Map.of(
                        "import_errors", ok("{'total_import_errors': 120, 'import_errors': []}"),
                        "dag_warnings", ok("{'total_dag_warnings': 3, 'dag_warnings': []}")),
                    Map.of())))
        .isEqualTo(
            "{\"overall_status\":\"unhealthy\",\"status_reason\":\"120 import error(s) detected\"}");
    assertThat(
            JSON.writeValueAsString(
                health.summarize(
                    Map.of(
                        "import_errors", ok("{'total_import_errors': 0, 'import_errors': []}"),
                        "dag_warnings", ok("{'total_dag_warnings': 3, 'dag_warnings': []}")),
                    Map.of())))
        .isEqualTo(
            "{\"overall_status\":\"warning\",\"status_reason\":\"3 DAG warning(s) detected\"}");
    assertThat(
            JSON.writeValueAsString(
                health.summarize(
                    Map.of(
                        "import_errors", ok("{'total_import_errors': 0, 'import_errors': []}"),
                        "dag_warnings", ok("{'dag_warnings': []}")),
                    Map.of())))
        .isEqualTo(
            "{\"overall_status\":\"healthy\",\"status_reason\":\"No import errors or warnings\"}");
    assertThat(
            JSON.writeValueAsString(
                health.summarize(
                    Map.of(
                        "import_errors",
                        new StepResult(null, DOWN),
                        "dag_warnings",
                        ok("{'dag_warnings': []}")),
                    Map.of())))
        .isEqualTo(
            "{\"overall_status\":\"unknown\",\"status_reason\":\"Could not read import errors; see its section.\"}");
  }
}
