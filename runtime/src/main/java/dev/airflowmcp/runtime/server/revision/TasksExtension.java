package dev.airflowmcp.runtime.server.revision;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import dev.airflowmcp.runtime.airflow.AirflowCallException;
import dev.airflowmcp.runtime.auth.AirflowCredentials;
import dev.airflowmcp.runtime.server.ServerRuntime;
import dev.airflowmcp.runtime.server.ToolRegistry;
import dev.airflowmcp.runtime.tool.CustomTool;
import dev.airflowmcp.runtime.tool.InvalidArgumentsException;
import dev.airflowmcp.runtime.tool.TaskTool;
import dev.airflowmcp.runtime.tool.ToolContext;
import dev.airflowmcp.runtime.tool.ToolDescriptor;
import dev.airflowmcp.runtime.tool.ToolFailure;
import dev.airflowmcp.runtime.tool.ToolPolicy;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.modern.McpException;
import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.modern.server.McpAsyncResponse;
import io.modelcontextprotocol.modern.server.McpFeature;
import io.modelcontextprotocol.modern.server.McpRequestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The tasks extension ({@code io.modelcontextprotocol/tasks}, SEP-2663) of the 2026-07-28 revision,
 * for the tools that can run as tasks ({@link TaskTool}: {@code trigger_dag_and_wait}).
 *
 * <p>A {@code tools/call} of such a tool from a request whose {@code _meta} client capabilities
 * name the extension starts the work and answers at once with a task ({@code resultType: "task"});
 * any other caller gets the blocking call as before. {@code tasks/get} polls: each poll runs
 * through the tool pipeline under the tool's name (rate limit of the read class, audit, metrics,
 * redaction, budget) with the polling caller's own credentials, and once the work has ended inlines
 * the result the blocking call would have returned (an error result included, as {@code completed}
 * with {@code isError}: the blocking call never fails at the JSON-RPC level, so no task is ever
 * {@code failed}). {@code tasks/cancel} and {@code tasks/update} are acknowledged: nothing waits on
 * the server, so there is nothing to stop (the DAG run goes on in Airflow, as after the blocking
 * call's timeout) and no task ever asks for input.
 *
 * <p>The task id is the task ({@link TaskIds}): nothing is held in memory. An id that is malformed,
 * altered, another caller's or another key's is -32602 "Task not found"; an expired one -32602
 * "Task has expired". The three methods from a request that does not declare the extension are
 * -32021 naming it, as the extension requires.
 */
public final class TasksExtension implements McpFeature {
  /** The extension's identifier. */
  public static final String ID = "io.modelcontextprotocol/tasks";

  static final Set<String> METHODS = Set.of("tasks/get", "tasks/update", "tasks/cancel");

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final McpSchema.ClientCapabilities REQUIRED =
      McpSchema.ClientCapabilities.builder().extensions(Map.of(ID, Map.of())).build();

  private final ServerRuntime runtime;
  private final Function<McpTransportContext, AirflowCredentials> credentials;
  private final TaskIds ids;
  private final Clock clock;
  private final Map<String, TaskTool> tools;

  /**
   * @param tools the callable task tools by name (empty: the extension is not offered)
   */
  TasksExtension(
      ServerRuntime runtime,
      Function<McpTransportContext, AirflowCredentials> credentials,
      TaskIds ids,
      Clock clock,
      Map<String, TaskTool> tools) {
    this.runtime = runtime;
    this.credentials = credentials;
    this.ids = ids;
    this.clock = clock;
    this.tools = Map.copyOf(tools);
  }

  /**
   * The task tools a caller can use: registered, and not write tools of a read-only server (those
   * only answer ReadOnlyError).
   */
  static Map<String, TaskTool> callable(ServerRuntime runtime) {
    Map<String, TaskTool> out = new LinkedHashMap<>();
    for (ToolRegistry.Entry e : runtime.registry().entries()) {
      if (ServerRuntime.customTool(e) instanceof TaskTool t
          && (runtime.writesAllowed() || !t.policy().write())) {
        out.putIfAbsent(t.descriptor().name(), t);
      }
    }
    return out;
  }

  /** Whether a request's client capabilities declare the extension. */
  static boolean declared(McpRequestContext context) {
    McpSchema.ClientCapabilities caps = context.clientCapabilities();
    return caps != null && caps.extensions() != null && caps.extensions().containsKey(ID);
  }

  /** The task tool behind a registry entry, or null. */
  TaskTool taskTool(ToolRegistry.Entry entry) {
    return ServerRuntime.customTool(entry) instanceof TaskTool t
        ? tools.get(t.descriptor().name())
        : null;
  }

  @Override
  public Set<String> methods() {
    return METHODS;
  }

  @Override
  public void capabilities(McpSchema.ServerCapabilities.Builder builder) {
    builder.extension(ID, Map.of());
  }

  // ---- tools/call ----

  /**
   * Starts a task tool's work through the pipeline; answers the task, or (when the start failed:
   * bad arguments, a refused trigger, a rate limit) the error result the blocking call gives.
   */
  McpSchema.CallToolOutcome start(
      TaskTool tool, String calledName, Map<String, Object> arguments, AirflowCredentials caller) {
    StartStep step = new StartStep(tool);
    var result = runtime.call(step, calledName, arguments, caller);
    TaskTool.Started started = step.started;
    if (started == null || Boolean.TRUE.equals(result.isError()) || caller == null) {
      return ModernServer.result(result);
    }
    // Whole milliseconds: what the id keeps, so that every answer gives the same createdAt.
    Instant created = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    TaskIds.Sealed sealed =
        new TaskIds.Sealed(
            tool.descriptor().name(),
            new TaskTool.Task(started.ref(), created, created.plus(started.timeout())),
            started.pollInterval());
    String id = ids.seal(sealed, caller.principal());
    return TaskResult.task(id, sealed, "working", redact(started.message()), created);
  }

  // ---- tasks/get, tasks/update, tasks/cancel ----

  @Override
  public Mono<? extends McpAsyncResponse<? extends McpSchema.Result>> handle(
      McpRequestContext context, Object params) {
    if (!declared(context)) {
      return Mono.error(McpException.missingClientCapability(REQUIRED));
    }
    if (!(params instanceof Map<?, ?> p) || !(p.get("taskId") instanceof String taskId)) {
      return Mono.error(McpException.invalidParams("params.taskId must be a string"));
    }
    AirflowCredentials caller = credentials.apply(context.transportContext());
    TaskIds.Opened opened =
        ids.open(taskId, caller == null ? null : caller.principal(), clock.instant());
    if (opened instanceof TaskIds.Expired) {
      return Mono.error(McpException.invalidParams("Failed to retrieve task: Task has expired"));
    }
    if (!(opened instanceof TaskIds.Found found) || !tools.containsKey(found.task().tool())) {
      return Mono.error(McpException.invalidParams("Failed to retrieve task: Task not found"));
    }
    if (!"tasks/get".equals(context.method())) {
      // Cancel: nothing waits here to be stopped. Update: no task of ours asks for input, so
      // every response is for a request that is not outstanding, which the extension says to
      // ignore. Both are acknowledged.
      return Mono.just(McpAsyncResponse.result(TaskResult.ack()));
    }
    Mono<McpAsyncResponse<TaskResult>> get =
        Mono.fromCallable(() -> McpAsyncResponse.result(poll(taskId, found.task(), caller)));
    return context.isBlocking() ? get : get.subscribeOn(Schedulers.boundedElastic());
  }

  /** One poll through the pipeline, as the task's {@code tasks/get} answer. */
  TaskResult poll(String taskId, TaskIds.Sealed sealed, AirflowCredentials caller) {
    TaskTool tool = tools.get(sealed.tool());
    PollStep step = new PollStep(tool, sealed.task(), clock.instant());
    var result = runtime.call(step, sealed.tool(), Map.of(), caller);
    Instant created = sealed.task().createdAt();
    if (step.polled instanceof TaskTool.Done done) {
      TaskResult out =
          TaskResult.get(taskId, sealed, "completed", redact(done.message()), done.lastUpdated());
      out.fields.put("result", inlined(result));
      return out;
    }
    if (step.polled instanceof TaskTool.Working working) {
      return TaskResult.get(
          taskId, sealed, "working", redact(working.message()), working.lastUpdated());
    }
    if (step.ran) {
      // The poll failed for a lasting reason: the blocking call would have ended with this error.
      TaskResult out =
          TaskResult.get(taskId, sealed, "completed", "The task ended with an error.", created);
      out.fields.put("result", inlined(result));
      return out;
    }
    // Refused before it ran (a rate limit, a concurrency cap, Airflow's 429 cool-down): the task
    // goes on; the message says why and when to poll again.
    JsonNode error = errorBody(result);
    TaskResult out =
        TaskResult.get(
            taskId,
            sealed,
            "working",
            "This poll was not run: "
                + error.path("error").asString("")
                + " "
                + error.path("hint").asString(""),
            created);
    long retry = error.path("retry_after_seconds").asLong(0) * 1000;
    if (retry > sealed.pollInterval().toMillis()) {
      out.fields.put("pollIntervalMs", retry);
    }
    return out;
  }

  /** A status message as every output: secrets masked. */
  private String redact(String message) {
    return runtime.pipeline().redactor().redactText(message);
  }

  private static JsonNode errorBody(io.modelcontextprotocol.spec.McpSchema.CallToolResult r) {
    try {
      return JSON.readTree(
          ((io.modelcontextprotocol.spec.McpSchema.TextContent) r.content().get(0)).text());
    } catch (RuntimeException e) {
      return JsonNodeFactory.instance.objectNode();
    }
  }

  /** A pipeline result as the 2026 {@code CallToolResult} object, to inline in a task. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> inlined(
      io.modelcontextprotocol.spec.McpSchema.CallToolResult r) {
    return McpJsonDefaults.getMapper().convertValue(ModernServer.result(r), Map.class);
  }

  /** The start, as a pipeline call: keeps what {@link TaskTool#start} returned. */
  private static final class StartStep implements CustomTool {
    private final TaskTool tool;
    volatile TaskTool.Started started;

    StartStep(TaskTool tool) {
      this.tool = tool;
    }

    @Override
    public ToolDescriptor descriptor() {
      return tool.descriptor();
    }

    @Override
    public ToolPolicy policy() {
      return tool.policy();
    }

    @Override
    public JsonNode call(ToolContext context, Map<String, Object> arguments)
        throws InvalidArgumentsException, AirflowCallException, ToolFailure {
      started = tool.start(context, arguments);
      return JsonNodeFactory.instance.objectNode().put("message", started.message());
    }
  }

  /** One poll, as a pipeline call (a read): keeps what {@link TaskTool#poll} returned. */
  private static final class PollStep implements CustomTool {
    private final TaskTool tool;
    private final TaskTool.Task task;
    private final Instant now;
    volatile boolean ran;
    volatile TaskTool.Polled polled;

    PollStep(TaskTool tool, TaskTool.Task task, Instant now) {
      this.tool = tool;
      this.task = task;
      this.now = now;
    }

    @Override
    public ToolDescriptor descriptor() {
      return tool.descriptor();
    }

    @Override
    public ToolPolicy policy() {
      return tool.pollPolicy();
    }

    @Override
    public JsonNode call(ToolContext context, Map<String, Object> arguments)
        throws AirflowCallException, ToolFailure {
      ran = true;
      TaskTool.Polled p = tool.poll(context, task, now);
      polled = p;
      return p instanceof TaskTool.Done d
          ? d.result()
          : JsonNodeFactory.instance.objectNode().put("status", "working");
    }
  }

  /**
   * A task answer: {@code CreateTaskResult} ({@code resultType: "task"}) for {@code tools/call},
   * the detailed task for {@code tasks/get}, or the empty acknowledgement of {@code tasks/cancel}
   * and {@code tasks/update} (both {@code resultType: "complete"}). Its JSON is its fields.
   */
  static final class TaskResult implements McpSchema.CallToolOutcome {
    final Map<String, Object> fields = new LinkedHashMap<>();

    private TaskResult(String resultType) {
      fields.put("resultType", resultType);
    }

    static TaskResult ack() {
      return new TaskResult(McpSchema.ResultType.COMPLETE);
    }

    static TaskResult task(
        String id, TaskIds.Sealed sealed, String status, String message, Instant updated) {
      return new TaskResult("task").describe(id, sealed, status, message, updated);
    }

    static TaskResult get(
        String id, TaskIds.Sealed sealed, String status, String message, Instant updated) {
      return new TaskResult(McpSchema.ResultType.COMPLETE)
          .describe(id, sealed, status, message, updated);
    }

    private TaskResult describe(
        String id, TaskIds.Sealed sealed, String status, String message, Instant updated) {
      Instant created = sealed.task().createdAt();
      fields.put("taskId", id);
      fields.put("status", status);
      if (message != null && !message.isBlank()) {
        fields.put("statusMessage", message.strip());
      }
      fields.put("createdAt", created.toString());
      fields.put("lastUpdatedAt", (updated.isBefore(created) ? created : updated).toString());
      fields.put("ttlMs", Duration.between(created, sealed.expiresAt()).toMillis());
      fields.put("pollIntervalMs", sealed.pollInterval().toMillis());
      return this;
    }

    @Override
    public String resultType() {
      return (String) fields.get("resultType");
    }

    @Override
    public Map<String, Object> meta() {
      return null;
    }

    @JsonAnyGetter
    Map<String, Object> json() {
      return Collections.unmodifiableMap(fields);
    }
  }
}
