package dev.airflowmcp.runtime.logs;

import dev.airflowmcp.runtime.airflow.AirflowCallException;
import dev.airflowmcp.runtime.generated.ArgumentReader;
import dev.airflowmcp.runtime.tool.CustomTool;
import dev.airflowmcp.runtime.tool.InvalidArgumentsException;
import dev.airflowmcp.runtime.tool.ToolContext;
import dev.airflowmcp.runtime.tool.ToolDescriptor;
import dev.airflowmcp.runtime.tool.ToolFailure;
import dev.airflowmcp.runtime.tool.ToolPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code get_log_tail}: the last lines of one task try's log, for logs of any size. It walks
 * Airflow's log pages ({@code full_content=false}, following {@code continuation_token}) and keeps
 * only the last lines in a ring buffer, so memory stays bounded by the number of lines asked for
 * (plus one page, which the Airflow transport caps). At most {@value #MAX_PAGES} pages are read;
 * the result says whether the end of the log was reached. The try defaults to the task instance's
 * latest ({@code try_number} of the task instance). Works with Airflow 2 text logs and Airflow 3
 * structured logs. Shipped with the runtime, so every generated server lists it after its generated
 * tools.
 */
public final class GetLogTailTool implements CustomTool {
  static final String NAME = "get_log_tail";
  static final int DEFAULT_LINES = 100;
  static final int MAX_LINES = 2_000;

  /** Pages read at most in one call. */
  static final int MAX_PAGES = 32;

  /** Characters of log text returned at most; older lines go first when more would be. */
  static final int MAX_CONTENT_CHARS = 40_000;

  private static final Set<String> ARGUMENTS = TaskTry.argumentsAnd("lines");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final ToolPolicy POLICY =
      new ToolPolicy(
          false,
          "logs",
          List.of("dag_id", "dag_run_id", "task_id", "try_number"),
          Map.of(),
          List.of(),
          List.of("content"));

  @Override
  public ToolDescriptor descriptor() {
    Map<String, Object> props = new LinkedHashMap<>();
    TaskTry.describe(props, "read");
    Map<String, Object> lines =
        TaskTry.property("integer", "How many lines from the end of the log.");
    lines.put("default", DEFAULT_LINES);
    lines.put("minimum", 1);
    lines.put("maximum", MAX_LINES);
    props.put("lines", lines);
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", props);
    schema.put("required", TaskTry.REQUIRED);
    schema.put("additionalProperties", false);
    return new ToolDescriptor(
        NAME,
        "Get the end of a task log",
        "The last lines of one task try's log, however long the log is. Use it when"
            + " get_task_logs says the log was cut, or to see how a task ended. Defaults to the"
            + " latest try and the last "
            + DEFAULT_LINES
            + " lines.",
        schema,
        true,
        false,
        true,
        true);
  }

  @Override
  public ToolPolicy policy() {
    return POLICY;
  }

  @Override
  public JsonNode call(ToolContext context, Map<String, Object> arguments)
      throws InvalidArgumentsException, AirflowCallException, ToolFailure {
    ArgumentReader reader = ArgumentReader.of(arguments, ARGUMENTS);
    TaskTry task = TaskTry.read(reader);
    Long lines = reader.integer("lines", false, (long) DEFAULT_LINES, 1L, (long) MAX_LINES);
    reader.finish();

    LogPager.Target target = task.target(context);
    long tryNumber = task.resolve(context, target);

    LogTail tail = new LogTail(lines.intValue());
    LogPager.Outcome read =
        LogPager.read(context, target, tryNumber, MAX_PAGES, null, tail, () -> false, pages -> {});
    return result(task, tryNumber, lines, tail, read.pages(), read.complete());
  }

  /** What the model is told when the latest try is 0: the task has no log yet. */
  static final String NOT_RUN_YET = LogPager.NOT_RUN_YET;

  private static JsonNode result(
      TaskTry task, long tryNumber, long asked, LogTail tail, int pages, boolean complete) {
    List<String> kept = new ArrayList<>(tail.lines());
    int chars = 0;
    for (String l : kept) {
      chars += l.length() + 1;
    }
    int dropped = 0;
    while (chars > MAX_CONTENT_CHARS && kept.size() > 1) {
      chars -= kept.remove(0).length() + 1;
      dropped++;
    }
    ObjectNode out = NODES.objectNode();
    task.echo(out, tryNumber);
    out.put("lines_requested", asked);
    out.put("lines_returned", kept.size());
    out.put("lines_read", tail.seen());
    out.put("pages_read", pages);
    out.put("complete", complete);
    out.put("content", String.join("\n", kept));
    if (dropped > 0) {
      out.put("truncated", true);
      out.put(
          "truncation_hint",
          "The "
              + dropped
              + " oldest of the lines asked for were left"
              + " out to fit the size budget; ask for fewer lines.");
    } else if (!complete) {
      out.put("truncated", true);
      out.put(
          "truncation_hint",
          "The log has more than "
              + MAX_PAGES
              + " pages; these are the"
              + " last lines of the first "
              + MAX_PAGES
              + " pages read. The task may still be"
              + " writing its log; call again later for the newest lines.");
    }
    return out;
  }
}
