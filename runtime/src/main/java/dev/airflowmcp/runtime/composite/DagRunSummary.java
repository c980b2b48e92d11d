package dev.airflowmcp.runtime.composite;

import dev.airflowmcp.runtime.tool.CompositeSummary;
import dev.airflowmcp.runtime.tool.ToolContext.StepResult;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code dag_run_summary}: the state of a DAG run's task instances. Reads the steps {@code
 * task_instances} (a page of the run's task instances, as {@code list_task_instances} returns it)
 * and, when present, {@code failed_tasks} (the run's task instances filtered by Airflow to failed
 * states, so no failure is missed beyond the first page). Gives {@code summary}: {@code
 * total_tasks} (Airflow's total), {@code state_counts} (over the page; a null state counts as
 * {@code "null"}) and {@code failed_tasks}. No summary when the task instances could not be read.
 */
public final class DagRunSummary implements CompositeSummary {
  static final Set<String> FAILED_STATES = Set.of("failed", "upstream_failed");
  private static final List<String> FAILED_FIELDS =
      List.of("task_id", "state", "start_date", "end_date", "try_number", "map_index");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Override
  public String name() {
    return "dag_run_summary";
  }

  @Override
  public ObjectNode summarize(Map<String, StepResult> steps, Map<String, Object> arguments) {
    ObjectNode out = NODES.objectNode();
    JsonNode page = Sections.result(steps, "task_instances");
    if (page == null) {
      return out;
    }
    JsonNode items = page.get("task_instances");
    ArrayNode list = items != null && items.isArray() ? (ArrayNode) items : NODES.arrayNode();
    Map<String, Integer> counts = new TreeMap<>();
    for (JsonNode ti : list) {
      JsonNode state = ti.get("state");
      String key = state == null ? "unknown" : state.isNull() ? "null" : state.asString();
      counts.merge(key, 1, Integer::sum);
    }
    ObjectNode stateCounts = NODES.objectNode();
    counts.forEach(stateCounts::put);

    ArrayNode failed = NODES.arrayNode();
    JsonNode failedStep = Sections.result(steps, "failed_tasks");
    Iterable<JsonNode> failedSource = list;
    if (failedStep != null && failedStep.get("task_instances") != null) {
      failedSource = failedStep.get("task_instances");
    }
    for (JsonNode ti : failedSource) {
      JsonNode state = ti.get("state");
      if (state != null && FAILED_STATES.contains(state.asString())) {
        ObjectNode f = NODES.objectNode();
        for (String field : FAILED_FIELDS) {
          JsonNode v = ti.get(field);
          f.set(field, v == null ? NODES.nullNode() : v);
        }
        failed.add(f);
      }
    }

    ObjectNode summary = out.putObject("summary");
    JsonNode total = page.get("total_task_instances");
    summary.set(
        "total_tasks", total != null && total.isNumber() ? total : NODES.numberNode(list.size()));
    summary.set("state_counts", stateCounts);
    summary.set("failed_tasks", failed);
    return out;
  }
}
