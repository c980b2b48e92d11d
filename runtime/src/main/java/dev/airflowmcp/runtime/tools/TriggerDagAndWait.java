package dev.airflowmcp.runtime.tools;

import dev.airflowmcp.common.AirflowMajor;
import dev.airflowmcp.runtime.airflow.AirflowCallException;
import dev.airflowmcp.runtime.airflow.AirflowRequest;
import dev.airflowmcp.runtime.generated.ArgumentReader;
import dev.airflowmcp.runtime.pipeline.ErrorMapper;
import dev.airflowmcp.runtime.tool.ErrorType;
import dev.airflowmcp.runtime.tool.InvalidArgumentsException;
import dev.airflowmcp.runtime.tool.TaskTool;
import dev.airflowmcp.runtime.tool.ToolContext;
import dev.airflowmcp.runtime.tool.ToolDescriptor;
import dev.airflowmcp.runtime.tool.ToolError;
import dev.airflowmcp.runtime.tool.ToolFailure;
import dev.airflowmcp.runtime.tool.ToolPolicy;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code trigger_dag_and_wait}: starts a DAG run with the same Airflow call as {@code trigger_dag}
 * ({@code POST .../dags/{dag_id}/dagRuns}; on Airflow 3 with {@code "logical_date": null}), then
 * reads the run every few seconds until it ends or the timeout passes.
 *
 * <p>The result keeps astro-airflow-mcp's keys: {@code dag_run} (the final run as Airflow returns
 * it), {@code timed_out}, {@code elapsed_seconds} and, when the run did not succeed, {@code
 * failed_tasks} (every failed or upstream-failed task instance, found with Airflow's state filter,
 * not only those on a first page). After the timeout: {@code dag_id}, {@code dag_run_id}, {@code
 * state}, {@code timed_out: true}, {@code elapsed_seconds} and {@code message}. An error after the
 * arguments were accepted (a refused or failed trigger, a failed poll) carries the usual error keys
 * and the arguments, then {@code timed_out: false}, as astro's does. A paused DAG is never
 * unpaused: its run stays queued.
 *
 * <p>The poll interval is {@code max(2, min(10, timeout / 120))} seconds. A poll that fails for a
 * passing reason (timeout, connection, HTTP 429 or 5xx) is retried at the next interval; any other
 * failure ends the call with an error that names the triggered run. When the client asked for
 * progress (stdio with a {@code progressToken}), each poll sends a notification.
 *
 * <p>As a {@link TaskTool} it also runs without blocking, for a 2026-07-28 client of the tasks
 * extension: {@link #start} triggers the run and returns, each {@link #poll} reads it once and
 * ends, when the run has ended or the deadline has passed, with the result {@link #call} gives (see
 * {@code docs/protocol-revisions.md}).
 *
 * <p>A write tool: the runtime sends its POST only in a build with writes enabled and without
 * {@code AF_READ_ONLY=true}. The runtime does not register it itself; a write-enabled build lists
 * {@code dev.airflowmcp.runtime.tools.TriggerDagAndWait} in {@code
 * META-INF/services/dev.airflowmcp.runtime.tool.CustomTool}.
 */
public final class TriggerDagAndWait implements TaskTool {

  /** The MCP tool name. */
  public static final String NAME = "trigger_dag_and_wait";

  static final double DEFAULT_TIMEOUT_SECONDS = 3600.0;

  /** The longest wait a caller may ask for: one day. */
  static final double MAX_TIMEOUT_SECONDS = 86_400.0;

  /**
   * Run states in which a run has not ended. Airflow's DagRunState (2.x and 3.x) is queued,
   * running, success or failed; any state but the first two ends the wait.
   */
  static final Set<String> WAITING_STATES = Set.of("queued", "running");

  /** Task-instance states that count as failed, asked for with Airflow's state filter. */
  static final List<String> FAILED_TASK_STATES = List.of("failed", "upstream_failed");

  /** Page size for reading failed task instances (Airflow's default maximum page size). */
  static final int PAGE_SIZE = 100;

  /** At most this many failed task instances are listed. */
  static final int MAX_FAILED_TASKS = 1000;

  private static final List<String> FAILED_TASK_FIELDS =
      List.of("task_id", "state", "try_number", "start_date", "end_date", "map_index");
  private static final Set<String> ARGUMENT_NAMES = Set.of("dag_id", "conf", "timeout");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ToolPolicy POLICY =
      new ToolPolicy(true, "write", List.of("dag_id"), Map.of(), List.of(), List.of());

  /** Time as the tool sees it; tests replace it so that no test waits for real. */
  interface Timer {
    long nanoTime();

    void sleep(long nanos) throws InterruptedException;
  }

  static final Timer SYSTEM_TIMER =
      new Timer() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public void sleep(long nanos) throws InterruptedException {
          TimeUnit.NANOSECONDS.sleep(nanos);
        }
      };

  private final Timer timer;

  /** The tool with the system clock (ServiceLoader uses this). */
  public TriggerDagAndWait() {
    this(SYSTEM_TIMER);
  }

  TriggerDagAndWait(Timer timer) {
    this.timer = Objects.requireNonNull(timer, "timer");
  }

  @Override
  public ToolDescriptor descriptor() {
    return new ToolDescriptor(
        NAME,
        "Trigger a DAG run and wait for it",
        "Start a new run of a DAG and wait until it finishes or the timeout passes; returns the"
            + " final run and its failed tasks. A paused DAG stays paused and its run stays queued."
            + " Use trigger_dag to start a run without waiting.",
        inputSchema(),
        false,
        false,
        false,
        true);
  }

  private static Map<String, Object> inputSchema() {
    Map<String, Object> dagId = new LinkedHashMap<>();
    dagId.put("type", "string");
    dagId.put("description", "The DAG id.");
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("type", "object");
    object.put("additionalProperties", true);
    Map<String, Object> conf = new LinkedHashMap<>();
    conf.put("anyOf", List.of(object, Map.of("type", "null")));
    conf.put("default", null);
    conf.put("description", "Run configuration passed to the DAG as its params.");
    Map<String, Object> timeout = new LinkedHashMap<>();
    timeout.put("type", "number");
    timeout.put("default", DEFAULT_TIMEOUT_SECONDS);
    timeout.put("minimum", 0);
    timeout.put("maximum", MAX_TIMEOUT_SECONDS);
    timeout.put("description", "Seconds to wait for the run to finish.");
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("dag_id", dagId);
    properties.put("conf", conf);
    properties.put("timeout", timeout);
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", properties);
    schema.put("required", List.of("dag_id"));
    schema.put("additionalProperties", false);
    return schema;
  }

  @Override
  public ToolPolicy policy() {
    return POLICY;
  }

  @Override
  public JsonNode call(ToolContext context, Map<String, Object> arguments)
      throws InvalidArgumentsException, AirflowCallException, ToolFailure {
    Args args = Args.read(arguments);
    try {
      return triggerAndWait(context, args.dagId(), args.conf(), args.timeout());
    } catch (AirflowCallException | ToolFailure e) {
      throw afterAccepted(e);
    }
  }

  /** The arguments, checked. */
  private record Args(String dagId, Map<String, Object> conf, double timeout) {
    static Args read(Map<String, Object> arguments) throws InvalidArgumentsException {
      ArgumentReader reader = ArgumentReader.of(arguments, ARGUMENT_NAMES);
      String dagId = reader.string("dag_id", true, null, List.of());
      Map<String, Object> conf = reader.object("conf", false);
      Double timeout =
          reader.number("timeout", false, DEFAULT_TIMEOUT_SECONDS, 0.0, MAX_TIMEOUT_SECONDS);
      reader.finish();
      if (timeout.isNaN()) {
        throw new InvalidArgumentsException(List.of("argument 'timeout' must be a number"));
      }
      return new Args(dagId, conf, timeout);
    }
  }

  /** As astro-airflow-mcp: an error after the arguments were accepted says it did not time out. */
  private static ToolFailure afterAccepted(Exception e) {
    if (e instanceof AirflowCallException a) {
      return new ToolFailure(ErrorMapper.from(a).withExtra("timed_out", false), a);
    }
    ToolFailure f = (ToolFailure) e;
    return new ToolFailure(f.error().withExtra("timed_out", false), f.getCause());
  }

  /** Triggers the run and returns Airflow's answer, which has a {@code dag_run_id}. */
  private static JsonNode trigger(
      ToolContext context, AirflowMajor major, String dagId, Map<String, Object> conf)
      throws AirflowCallException, ToolFailure {
    JsonNode run = context.getJson(triggerRequest(major, dagId, conf));
    String runId = text(run, "dag_run_id");
    if (runId == null) {
      throw new ToolFailure(
          new ToolError(
              "Airflow's answer to the trigger of " + dagId + " has no dag_run_id.",
              ErrorType.INVALID_RESPONSE,
              "The run may have been created: list_dag_runs shows the DAG's newest runs.",
              false));
    }
    return run;
  }

  // ---- As an MCP task: trigger now, read the run on each poll ----

  @Override
  public Started start(ToolContext context, Map<String, Object> arguments)
      throws InvalidArgumentsException, AirflowCallException, ToolFailure {
    Args args = Args.read(arguments);
    try {
      String runId =
          text(
              trigger(context, context.airflowVersion().major(), args.dagId(), args.conf()),
              "dag_run_id");
      return new Started(
          List.of(args.dagId(), runId),
          Duration.ofMillis((long) (args.timeout() * 1000)),
          Duration.ofMillis((long) (pollIntervalSeconds(args.timeout()) * 1000)),
          "Run " + runId + " of " + args.dagId() + " was triggered.");
    } catch (AirflowCallException | ToolFailure e) {
      throw afterAccepted(e);
    }
  }

  /**
   * One look at the run. While it is queued or running and the deadline has not passed, the task is
   * working. It ends with the result {@link #call} gives: the final run when it ended by the
   * deadline (by its {@code end_date}, so that every later poll gives the same answer), otherwise
   * the timed-out answer with the state the run had at the deadline (running when its {@code
   * start_date} is not after it, else queued). A read that fails for a passing reason leaves the
   * task working; any other failure ends it with the error {@link #call} would give.
   */
  @Override
  public Polled poll(ToolContext context, Task task, Instant now)
      throws AirflowCallException, ToolFailure {
    String dagId = task.ref().get(0);
    String runId = task.ref().get(1);
    double timeout = task.timeoutSeconds();
    try {
      AirflowMajor major = context.airflowVersion().major();
      JsonNode run;
      try {
        run = context.getJson(runRequest(major, dagId, runId));
      } catch (AirflowCallException e) {
        if (!passing(e)) {
          throw unreadable(dagId, runId, e);
        }
        return new Working(
            "Run "
                + runId
                + " of "
                + dagId
                + ": its state could not be read this time ("
                + e.getMessage()
                + "); poll again.",
            task.createdAt());
      }
      String state = state(run);
      Instant started = instant(run, "start_date");
      Instant ended = instant(run, "end_date");
      boolean waiting = WAITING_STATES.contains(state);
      Instant deadline = task.deadline();
      if (!waiting && (ended != null ? !ended.isAfter(deadline) : !now.isAfter(deadline))) {
        Instant end = ended != null ? ended : now;
        double elapsed =
            Math.max(
                0.0,
                Math.min(timeout, Duration.between(task.createdAt(), end).toMillis() / 1000.0));
        return new Done(
            finished(context, major, dagId, runId, run, state, elapsed),
            "Run " + runId + " of " + dagId + " ended: " + state + ".",
            latest(task.createdAt(), end));
      }
      if (waiting && !now.isAfter(deadline)) {
        return new Working(
            "Run " + runId + " of " + dagId + " is " + state + ".",
            latest(task.createdAt(), started));
      }
      String atDeadline = started != null && !started.isAfter(deadline) ? "running" : "queued";
      return new Done(
          timedOut(dagId, runId, atDeadline, timeout, timeout, null),
          "Run "
              + runId
              + " of "
              + dagId
              + " did not finish within "
              + plain(timeout)
              + " seconds.",
          deadline);
    } catch (AirflowCallException e) {
      throw afterAccepted(e);
    }
  }

  private static final ToolPolicy POLL_POLICY = ToolPolicy.readOnly("read").build();

  @Override
  public ToolPolicy pollPolicy() {
    return POLL_POLICY;
  }

  private static Instant latest(Instant a, Instant b) {
    return b != null && b.isAfter(a) ? b : a;
  }

  /** An ISO-8601 date-time of the run, or null when it has none or it cannot be read. */
  private static Instant instant(JsonNode run, String field) {
    String v = text(run, field);
    if (v == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static AirflowCallException unreadable(
      String dagId, String runId, AirflowCallException e) {
    return new AirflowCallException(
        e.kind(),
        e.status(),
        e.retryAfterSeconds(),
        "Run "
            + runId
            + " of "
            + dagId
            + " was triggered, but its state could not be read: "
            + e.getMessage(),
        e);
  }

  private JsonNode triggerAndWait(
      ToolContext context, String dagId, Map<String, Object> conf, double timeout)
      throws AirflowCallException, ToolFailure {
    AirflowMajor major = context.airflowVersion().major();
    long start = timer.nanoTime();
    JsonNode run = trigger(context, major, dagId, conf);
    String runId = text(run, "dag_run_id");
    String state = state(run);
    long timeoutNanos = (long) (timeout * 1e9);
    long intervalNanos = (long) (pollIntervalSeconds(timeout) * 1e9);
    String lastPollError = null;
    context.progress(0, timeout, "Run " + runId + " is " + state + ".");
    while (WAITING_STATES.contains(state)) {
      long remaining = timeoutNanos - (timer.nanoTime() - start);
      if (remaining <= 0) {
        return timedOut(
            dagId, runId, state, seconds(timer.nanoTime() - start), timeout, lastPollError);
      }
      try {
        timer.sleep(Math.min(intervalNanos, remaining));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ToolFailure(
            new ToolError(
                "Stopped waiting for run " + runId + " of " + dagId + ": the server is stopping.",
                ErrorType.INTERRUPTED,
                "The run goes on in Airflow; get_dag_run shows its state.",
                false));
      }
      try {
        run = context.getJson(runRequest(major, dagId, runId));
        state = state(run);
        lastPollError = null;
      } catch (AirflowCallException e) {
        if (!passing(e)) {
          throw unreadable(dagId, runId, e);
        }
        lastPollError = e.getMessage();
      }
      double elapsed = seconds(timer.nanoTime() - start);
      context.progress(elapsed, timeout, "Run " + runId + " is " + state + ".");
    }

    return finished(context, major, dagId, runId, run, state, seconds(timer.nanoTime() - start));
  }

  /** The answer for a run that ended: the run, and its failed tasks unless it succeeded. */
  private static ObjectNode finished(
      ToolContext context,
      AirflowMajor major,
      String dagId,
      String runId,
      JsonNode run,
      String state,
      double elapsedSeconds) {
    ObjectNode out = NODES.objectNode();
    out.set("dag_run", run);
    out.put("timed_out", false);
    out.put("elapsed_seconds", round2(elapsedSeconds));
    if (!"success".equals(state)) {
      try {
        ArrayNode failed = failedTasks(context, major, dagId, runId);
        if (!failed.isEmpty()) {
          out.set("failed_tasks", failed);
        }
      } catch (AirflowCallException e) {
        out.put("failed_tasks_error", "Could not list the failed tasks: " + e.getMessage());
      }
    }
    return out;
  }

  /** {@code max(2, min(10, timeout / 120))} seconds, as astro-airflow-mcp polls. */
  static double pollIntervalSeconds(double timeout) {
    return Math.max(2.0, Math.min(10.0, timeout / 120.0));
  }

  /** The trigger, as trigger_dag sends it. */
  static AirflowRequest triggerRequest(AirflowMajor major, String dagId, Map<String, Object> conf) {
    AirflowRequest.Builder b =
        AirflowRequest.of(
                "POST",
                major == AirflowMajor.AIRFLOW2 ? "post_dag_run" : "trigger_dag_run",
                major.apiPrefix() + "/dags/{dag_id}/dagRuns")
            .path("dag_id", dagId);
    if (major != AirflowMajor.AIRFLOW2) {
      // Airflow 3 requires logical_date and takes null for "now".
      b.bodyNull("logical_date");
    }
    return b.body("conf", conf).build();
  }

  static AirflowRequest runRequest(AirflowMajor major, String dagId, String runId) {
    return AirflowRequest.get(
            "get_dag_run", major.apiPrefix() + "/dags/{dag_id}/dagRuns/{dag_run_id}")
        .path("dag_id", dagId)
        .path("dag_run_id", runId)
        .build();
  }

  static AirflowRequest failedTasksRequest(
      AirflowMajor major, String dagId, String runId, int offset) {
    return AirflowRequest.get(
            "get_task_instances",
            major.apiPrefix() + "/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances")
        .path("dag_id", dagId)
        .path("dag_run_id", runId)
        .query(
            "state",
            FAILED_TASK_STATES,
            major == AirflowMajor.AIRFLOW2
                ? AirflowRequest.ArrayStyle.COMMA
                : AirflowRequest.ArrayStyle.REPEAT)
        .query("limit", PAGE_SIZE)
        .query("offset", offset)
        .build();
  }

  /**
   * Every failed or upstream-failed task instance of the run (up to {@value #MAX_FAILED_TASKS}).
   */
  private static ArrayNode failedTasks(
      ToolContext context, AirflowMajor major, String dagId, String runId)
      throws AirflowCallException {
    ArrayNode out = NODES.arrayNode();
    int offset = 0;
    while (out.size() < MAX_FAILED_TASKS) {
      JsonNode page = context.getJson(failedTasksRequest(major, dagId, runId, offset));
      JsonNode items = page.get("task_instances");
      if (items == null || !items.isArray() || items.isEmpty()) {
        break;
      }
      for (JsonNode ti : items) {
        if (out.size() == MAX_FAILED_TASKS) {
          break;
        }
        ObjectNode f = NODES.objectNode();
        for (String field : FAILED_TASK_FIELDS) {
          JsonNode v = ti.get(field);
          f.set(field, v == null ? NODES.nullNode() : v);
        }
        out.add(f);
      }
      offset += items.size();
      JsonNode total = page.get("total_entries");
      if (total == null || !total.isNumber() || offset >= total.asLong()) {
        break;
      }
    }
    return out;
  }

  private static ObjectNode timedOut(
      String dagId, String runId, String state, double elapsed, double timeout, String pollError) {
    ObjectNode out = NODES.objectNode();
    out.put("dag_id", dagId);
    out.put("dag_run_id", runId);
    out.put("state", state);
    out.put("timed_out", true);
    out.put("elapsed_seconds", round2(elapsed));
    String message =
        "The run did not finish within "
            + plain(timeout)
            + " seconds; its last state was "
            + state
            + ". It goes on in Airflow: check it later with get_dag_run.";
    if ("queued".equals(state)) {
      message += " A run of a paused DAG stays queued until the DAG is unpaused.";
    }
    out.put("message", message);
    if (pollError != null) {
      out.put("last_poll_error", pollError);
    }
    return out;
  }

  /** Failures worth another poll: the next one may succeed. */
  private static boolean passing(AirflowCallException e) {
    return switch (e.kind()) {
      case TIMEOUT, CONNECT, BAD_RESPONSE -> true;
      case HTTP_STATUS -> e.status() == 429 || e.status() >= 500;
      default -> false;
    };
  }

  /** The run's state; a run without one has just been created, so it counts as queued. */
  private static String state(JsonNode run) {
    String state = text(run, "state");
    return state == null ? "queued" : state.toLowerCase(Locale.ROOT);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v != null && v.isString() && !v.asString().isEmpty() ? v.asString() : null;
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static double round2(double seconds) {
    return BigDecimal.valueOf(seconds).setScale(2, RoundingMode.HALF_UP).doubleValue();
  }

  private static String plain(double value) {
    return value == Math.rint(value) && !Double.isInfinite(value)
        ? Long.toString((long) value)
        : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
