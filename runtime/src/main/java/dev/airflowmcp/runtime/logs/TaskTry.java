package dev.airflowmcp.runtime.logs;

import dev.airflowmcp.runtime.airflow.AirflowCallException;
import dev.airflowmcp.runtime.generated.ArgumentReader;
import dev.airflowmcp.runtime.tool.InvalidArgumentsException;
import dev.airflowmcp.runtime.tool.ToolContext;
import dev.airflowmcp.runtime.tool.ToolFailure;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * The arguments that name one task try, as the log tools take them: {@code dag_id}, {@code
 * dag_run_id}, {@code task_id}, an optional {@code try_number} (the latest when omitted) and {@code
 * map_index} (-1 for an unmapped task). One place for their schema, their reading and how they are
 * echoed in a result, so the log tools describe and check them the same way.
 *
 * @param tryNumber the try asked for, or {@code null} for the latest
 */
record TaskTry(String dagId, String runId, String taskId, Long tryNumber, long mapIndex) {

  /** The argument names, in schema order. */
  static final List<String> ARGUMENTS =
      List.of("dag_id", "dag_run_id", "task_id", "try_number", "map_index");

  /** These argument names and a tool's {@code own}: all the names the tool accepts. */
  static Set<String> argumentsAnd(String... own) {
    Set<String> names = new LinkedHashSet<>(ARGUMENTS);
    names.addAll(List.of(own));
    return Set.copyOf(names);
  }

  /** The names a tool must require among these. */
  static final List<String> REQUIRED = List.of("dag_id", "dag_run_id", "task_id");

  /**
   * Puts the five properties into a tool's schema {@code properties}, in order.
   *
   * @param verb what the tool does with the log ("read", "search"), for the try's description
   */
  static void describe(Map<String, Object> properties, String verb) {
    properties.put("dag_id", property("string", "The DAG id."));
    properties.put("dag_run_id", property("string", "The run id."));
    properties.put("task_id", property("string", "The task id."));
    Map<String, Object> tryNumber =
        property("integer", "Which try to " + verb + " (1 is the first); omit for the latest.");
    tryNumber.put("minimum", 0);
    properties.put("try_number", tryNumber);
    Map<String, Object> mapIndex =
        property("integer", "Index of a mapped task instance; -1 for unmapped tasks.");
    mapIndex.put("default", -1);
    mapIndex.put("minimum", -1);
    properties.put("map_index", mapIndex);
  }

  /** A schema property of {@code type} with its description (more keys may be added to it). */
  static Map<String, Object> property(String type, String description) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("type", type);
    p.put("description", description);
    return p;
  }

  /** Reads the five arguments; the caller reads its own and then calls {@code finish()}. */
  static TaskTry read(ArgumentReader reader) throws InvalidArgumentsException {
    String dagId = reader.string("dag_id", true, null, List.of());
    String runId = reader.string("dag_run_id", true, null, List.of());
    String taskId = reader.string("task_id", true, null, List.of());
    Long tryNumber = reader.integer("try_number", false, null, 0L, null);
    Long mapIndex = reader.integer("map_index", false, -1L, -1L, null);
    return new TaskTry(dagId, runId, taskId, tryNumber, mapIndex);
  }

  /** Where the try's log is, on the Airflow the call talks to. */
  LogPager.Target target(ToolContext context) throws AirflowCallException {
    return new LogPager.Target(
        context.airflowVersion().major().apiPrefix(), dagId, runId, taskId, mapIndex);
  }

  /** The try asked for, or the task instance's latest when none was (one call to Airflow). */
  long resolve(ToolContext context, LogPager.Target target)
      throws AirflowCallException, ToolFailure {
    return tryNumber != null ? tryNumber : LogPager.latestTry(context, target);
  }

  /** Echoes the task try in a result, with the try that was read. */
  void echo(ObjectNode out, long resolvedTry) {
    out.put("dag_id", dagId);
    out.put("dag_run_id", runId);
    out.put("task_id", taskId);
    out.put("try_number", resolvedTry);
    out.put("map_index", mapIndex);
  }
}
