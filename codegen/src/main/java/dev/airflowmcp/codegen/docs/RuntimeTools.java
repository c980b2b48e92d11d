package dev.airflowmcp.codegen.docs;

import java.util.List;
import java.util.Objects;

/**
 * The hand-written tools that ship in {@code airflow-mcp-runtime}, as facts for the generated docs.
 * The codegen does not depend on the runtime, so they are written down here; codegen's {@code
 * RuntimeToolsTest} checks them against the runtime's classes.
 */
public final class RuntimeTools {
  private RuntimeTools() {}

  /**
   * One hand-written tool.
   *
   * @param name its MCP name
   * @param className its class
   * @param write whether it changes Airflow (a server lists it only when writes are enabled)
   * @param registeredByDefault whether the runtime registers it in every server; otherwise a server
   *     lists it once its {@code META-INF/services} file names the class
   * @param summary one sentence on what it does
   * @param arguments its argument names, in schema order
   */
  public record Tool(
      String name,
      String className,
      boolean write,
      boolean registeredByDefault,
      String summary,
      List<String> arguments) {
    public Tool {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(className, "className");
      Objects.requireNonNull(summary, "summary");
      arguments = List.copyOf(arguments);
    }
  }

  /** The runtime's hand-written tools. */
  public static List<Tool> shipped() {
    return List.of(
        new Tool(
            "get_log_tail",
            "dev.airflowmcp.runtime.logs.GetLogTailTool",
            false,
            true,
            "The last lines of one task try's log, however long the log is.",
            List.of("dag_id", "dag_run_id", "task_id", "try_number", "map_index", "lines")),
        new Tool(
            "search_task_logs",
            "dev.airflowmcp.runtime.logs.SearchTaskLogsTool",
            false,
            true,
            "Find the lines of one task try's log that contain a text or match a regular"
                + " expression, with line numbers and context, however long the log is.",
            List.of(
                "dag_id",
                "dag_run_id",
                "task_id",
                "try_number",
                "map_index",
                "pattern",
                "regex",
                "case_sensitive",
                "context_before",
                "context_after",
                "level",
                "max_matches")),
        new Tool(
            "trigger_dag_and_wait",
            "dev.airflowmcp.runtime.tools.TriggerDagAndWait",
            true,
            false,
            "Start a new run of a DAG and wait until it finishes or the timeout passes.",
            List.of("dag_id", "conf", "timeout")));
  }
}
