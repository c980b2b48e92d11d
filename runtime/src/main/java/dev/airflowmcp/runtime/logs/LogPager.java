package dev.airflowmcp.runtime.logs;

import dev.airflowmcp.runtime.airflow.AirflowCallException;
import dev.airflowmcp.runtime.airflow.AirflowRequest;
import dev.airflowmcp.runtime.tool.ErrorType;
import dev.airflowmcp.runtime.tool.ToolContext;
import dev.airflowmcp.runtime.tool.ToolError;
import dev.airflowmcp.runtime.tool.ToolFailure;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.JsonNode;

/**
 * Walks the pages of one task try's log ({@code get_log} with {@code full_content=false}, following
 * {@code continuation_token}) into a {@link LogSink}, one page in memory at a time (the Airflow
 * transport caps a page's size). Shared by {@code get_log_tail} and {@code search_task_logs}.
 */
final class LogPager {
  private LogPager() {}

  /**
   * The task instance whose log is read.
   *
   * @param prefix the REST API prefix of the Airflow major ({@code /api/v1} or {@code /api/v2})
   * @param mapIndex the map index, -1 for an unmapped task
   */
  record Target(String prefix, String dagId, String runId, String taskId, long mapIndex) {}

  /** Why reading stopped. */
  enum Stop {
    /** Airflow said the log ended (no further token, the same token, or end_of_log). */
    END_OF_LOG,
    /** The page limit was reached. */
    PAGE_LIMIT,
    /** The sink had enough. */
    SINK,
    /** The time budget ran out. */
    TIME_LIMIT
  }

  /** How reading went. */
  record Outcome(int pages, Stop stop) {
    boolean complete() {
      return stop == Stop.END_OF_LOG;
    }
  }

  /**
   * Reads pages until the log ends, {@code maxPages} pages were read, {@code enough} says so (asked
   * after each page) or the time budget is spent (null for none); then finishes the sink.
   *
   * @param progress told after each page (pages read so far), may do nothing
   */
  static Outcome read(
      ToolContext context,
      Target target,
      long tryNumber,
      int maxPages,
      java.time.Duration budget,
      LogSink sink,
      BooleanSupplier enough,
      java.util.function.IntConsumer progress)
      throws AirflowCallException {
    long started = System.nanoTime();
    String token = null;
    int pages = 0;
    Stop stop = Stop.PAGE_LIMIT;
    while (pages < maxPages) {
      AirflowRequest.Builder request =
          AirflowRequest.get(
                  "get_log",
                  target.prefix()
                      + "/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/logs/"
                      + "{try_number}")
              .path("dag_id", target.dagId())
              .path("dag_run_id", target.runId())
              .path("task_id", target.taskId())
              .path("try_number", tryNumber)
              .query("full_content", false)
              .query("map_index", target.mapIndex())
              .query("token", token)
              .header("Accept", "application/json");
      JsonNode page = context.getJson(request.build());
      pages++;
      long before = sink.seen();
      LogPages.feed(page.get("content"), sink);
      progress.accept(pages);
      JsonNode next = page.get("continuation_token");
      String nextToken = next == null || next.isNull() ? null : next.asString();
      boolean nothingNew = sink.seen() == before && !hasPendingText(page);
      if (nextToken == null
          || nextToken.isEmpty()
          || nextToken.equals(token)
          || LogPages.saysEndOfLog(nextToken)
          || (pages > 1 && nothingNew)) {
        stop = Stop.END_OF_LOG;
        break;
      }
      if (enough.getAsBoolean()) {
        stop = Stop.SINK;
        break;
      }
      if (budget != null && System.nanoTime() - started >= budget.toNanos()) {
        stop = Stop.TIME_LIMIT;
        break;
      }
      token = nextToken;
    }
    sink.finish();
    return new Outcome(pages, stop);
  }

  /** A text page whose content has no line break still carried text (held as a partial line). */
  private static boolean hasPendingText(JsonNode page) {
    JsonNode c = page.get("content");
    return c != null && c.isString() && !c.asString().isEmpty();
  }

  /**
   * The task instance's latest try ({@code try_number}).
   *
   * @throws AirflowCallException {@code NOT_YET} when the task has not run (try 0)
   * @throws ToolFailure when Airflow's answer has no try number
   */
  static long latestTry(ToolContext context, Target target)
      throws AirflowCallException, ToolFailure {
    String template =
        target.prefix() + "/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}";
    AirflowRequest.Builder b;
    if (target.mapIndex() >= 0) {
      b =
          AirflowRequest.get("get_mapped_task_instance", template + "/{map_index}")
              .path("dag_id", target.dagId())
              .path("dag_run_id", target.runId())
              .path("task_id", target.taskId())
              .path("map_index", target.mapIndex());
    } else {
      b =
          AirflowRequest.get("get_task_instance", template)
              .path("dag_id", target.dagId())
              .path("dag_run_id", target.runId())
              .path("task_id", target.taskId());
    }
    JsonNode ti = context.getJson(b.build());
    JsonNode t = ti.get("try_number");
    if (t == null || !t.canConvertToLong()) {
      throw new ToolFailure(
          new ToolError(
              "Airflow's task instance has no try_number, so the latest try is unknown.",
              ErrorType.INVALID_RESPONSE,
              "Call again with try_number set.",
              true));
    }
    if (t.asLong() < 1) {
      // As get_task_logs' lookup says it (its tool spec's belowMinimum).
      throw new AirflowCallException(AirflowCallException.Kind.NOT_YET, NOT_RUN_YET);
    }
    return t.asLong();
  }

  /** What the model is told when the latest try is 0: the task has no log yet. */
  static final String NOT_RUN_YET =
      "The task instance has not run yet (its try number is 0), so it has no log.";
}
