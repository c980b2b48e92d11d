package dev.airflowmcp.runtime.pipeline;

import dev.airflowmcp.common.AirflowMajor;
import dev.airflowmcp.runtime.airflow.AirflowCallException;
import dev.airflowmcp.runtime.airflow.AirflowGateway;
import dev.airflowmcp.runtime.airflow.AirflowRequest;
import dev.airflowmcp.runtime.airflow.AirflowResponse;
import dev.airflowmcp.runtime.airflow.AirflowVersion;
import dev.airflowmcp.runtime.airflow.VersionDetector;
import dev.airflowmcp.runtime.redaction.Redactor;
import dev.airflowmcp.runtime.tool.CompositeStep;
import dev.airflowmcp.runtime.tool.CompositeSummary;
import dev.airflowmcp.runtime.tool.CustomTool;
import dev.airflowmcp.runtime.tool.ErrorType;
import dev.airflowmcp.runtime.tool.GeneratedComposite;
import dev.airflowmcp.runtime.tool.GeneratedTool;
import dev.airflowmcp.runtime.tool.InvalidArgumentsException;
import dev.airflowmcp.runtime.tool.ResponseShape;
import dev.airflowmcp.runtime.tool.Tool;
import dev.airflowmcp.runtime.tool.ToolContext;
import dev.airflowmcp.runtime.tool.ToolError;
import dev.airflowmcp.runtime.tool.ToolFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Prepares the execution of a call: checks a generated tool's arguments, then runs it (the request
 * for the detected Airflow major, its before-reads, shaping the answer) or fans a composite's steps
 * out on the shared step threads and lays out their results. Part of {@link ToolPipeline}.
 */
final class Executions {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Threads that run composite steps concurrently (shared by all calls). */
  static final int STEP_THREADS = 16;

  /** How deeply composite steps may call further tools. */
  static final int MAX_STEP_DEPTH = 3;

  final AirflowGateway gateway;
  final VersionDetector versions;
  final ArgumentValidator validator;
  final Redactor redactor;
  final Function<String, Tool> tools;
  final Admission admission;
  private final Map<String, CompositeSummary> summaries;
  private final ExecutorService stepExecutor;

  /** The heap share large answers take while they are processed (see {@link LargeAnswers}). */
  final LargeAnswers largeAnswers = LargeAnswers.forThisJvm();

  /** A tool call whose arguments have been accepted, ready to run. */
  @FunctionalInterface
  interface Execution {
    JsonNode run(CallState state)
        throws AirflowCallException, ToolFailure, InvalidArgumentsException;
  }

  Executions(
      AirflowGateway gateway,
      VersionDetector versions,
      ArgumentValidator validator,
      Redactor redactor,
      Function<String, Tool> tools,
      Admission admission) {
    this.gateway = gateway;
    this.versions = versions;
    this.validator = validator;
    this.redactor = redactor;
    this.tools = tools;
    this.admission = admission;
    this.summaries = loadSummaries();
    this.stepExecutor =
        Executors.newFixedThreadPool(
            STEP_THREADS,
            runnable -> {
              Thread t = new Thread(runnable, "airflow-mcp-step");
              t.setDaemon(true);
              return t;
            });
  }

  /** Stops the step threads once the steps under way have finished. */
  void close() {
    stepExecutor.shutdown();
  }

  /** Whether the step threads have ended within {@code timeout} (for tests). */
  boolean stepThreadsEnded(Duration timeout) throws InterruptedException {
    return stepExecutor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static Map<String, CompositeSummary> loadSummaries() {
    Map<String, CompositeSummary> out = new LinkedHashMap<>();
    for (CompositeSummary s :
        ServiceLoader.load(CompositeSummary.class, ToolPipeline.class.getClassLoader())) {
      out.putIfAbsent(s.name(), s);
    }
    return out;
  }

  /** Checks the arguments of a generated tool now; a custom tool checks its own when it runs. */
  Execution prepare(Tool tool, Map<String, Object> raw) throws InvalidArgumentsException {
    if (tool instanceof CustomTool custom) {
      return state -> custom.call(state, raw);
    }
    if (tool instanceof GeneratedComposite<?> composite) {
      return prepareComposite(composite, raw);
    }
    return prepareGenerated((GeneratedTool<?>) tool, raw);
  }

  private <A extends Record> Execution prepareComposite(
      GeneratedComposite<A> tool, Map<String, Object> raw) throws InvalidArgumentsException {
    A arguments = tool.parseArguments(raw);
    validator.validate(tool.name(), arguments);
    List<CompositeStep> steps = tool.steps(arguments);
    Map<String, Object> echo = raw == null ? Map.of() : raw;
    return state -> {
      state.shape = tool.response();
      Map<String, CompletableFuture<ToolContext.StepResult>> running = new LinkedHashMap<>();
      for (CompositeStep step : steps) {
        running.put(
            step.name(), CompletableFuture.supplyAsync(() -> state.callStep(step), stepExecutor));
      }
      Map<String, ToolContext.StepResult> results = new LinkedHashMap<>();
      for (Map.Entry<String, CompletableFuture<ToolContext.StepResult>> e : running.entrySet()) {
        results.put(e.getKey(), e.getValue().join());
      }
      ToolError firstError = null;
      boolean anyOk = false;
      for (ToolContext.StepResult r : results.values()) {
        anyOk |= r.ok();
        if (!r.ok() && firstError == null) {
          firstError = r.error();
        }
      }
      if (!anyOk && firstError != null) {
        throw new ToolFailure(firstError); // nothing to show but errors: fail the call
      }
      ObjectNode summary = NODES.objectNode();
      if (tool.summary() != null) {
        CompositeSummary s = summaries.get(tool.summary());
        if (s == null) {
          throw new ToolFailure(ErrorRenderer.INTERNAL);
        }
        summary = s.summarize(results, echo);
      }
      return Composites.layout(steps, results, summary, tool.response(), echo);
    };
  }

  private <A extends Record> Execution prepareGenerated(
      GeneratedTool<A> tool, Map<String, Object> raw) throws InvalidArgumentsException {
    A arguments = tool.parseArguments(raw);
    validator.validate(tool.name(), arguments);
    return state -> {
      AirflowVersion version = state.airflowVersion();
      if (!tool.supports(version.major())) {
        throw new ToolFailure(unsupportedVersion(tool, version));
      }
      AirflowRequest request = tool.request(version.major(), arguments);
      Map<String, JsonNode> before = readBefore(tool.before(arguments), request, state);
      AirflowGateway.Exchange exchange =
          gateway.execute(request, state.credentials, version.major(), state.calls);
      ResponseShape shape = tool.policy().response(version.major());
      state.shape = shape;
      state.answerBytes = exchange.response().body().length;
      if (state.depth == 0) {
        // Held until the pipeline has written the result (a step's answer is the caller's).
        state.holdShare(largeAnswers, state.answerBytes, "GET".equals(request.method()));
      }
      try {
        JsonNode result = shape(exchange.response(), shape, raw, before);
        if (state.depth == 0) {
          state.plainText = plainResult(exchange.response().body(), shape);
        }
        return result;
      } catch (IllegalArgumentException | JacksonException e) {
        // Only the answer's shape is judged here: the same exceptions elsewhere are bugs.
        throw new ToolFailure(
            new ToolError(
                "Airflow's answer did not have the expected shape: " + ErrorRenderer.safeMessage(e),
                ErrorType.INVALID_RESPONSE,
                "This is a server-side problem; the same call is unlikely to succeed.",
                false));
      }
    };
  }

  /**
   * Makes a tool's before-reads, one after the other, and returns the section of each that
   * succeeded (a failed read is left out and does not stop the call). A request the Airflow client
   * would refuse (a write in read-only mode) fails first, so that nothing is sent for it.
   */
  private Map<String, JsonNode> readBefore(
      List<CompositeStep> reads, AirflowRequest request, CallState state)
      throws AirflowCallException {
    if (reads.isEmpty()) {
      return Map.of();
    }
    gateway.check(request);
    Map<String, JsonNode> sections = new LinkedHashMap<>();
    for (CompositeStep read : reads) {
      ToolContext.StepResult result = state.callTool(read.tool(), read.arguments());
      if (result.ok()) {
        sections.put(read.name(), Composites.section(read, result));
      }
    }
    return sections;
  }

  /**
   * The error of a tool called against an Airflow major it has no binding for: which majors it
   * needs and which Airflow answered, so the agent knows no retry or other argument helps.
   */
  static ToolError unsupportedVersion(GeneratedTool<?> tool, AirflowVersion version) {
    List<String> supported = new ArrayList<>();
    for (AirflowMajor major : AirflowMajor.values()) {
      if (tool.supports(major)) {
        supported.add("Airflow " + major.number());
      }
    }
    return new ToolError(
        tool.name()
            + " needs "
            + String.join(" or ", supported)
            + "; this Airflow is "
            + version.version()
            + ", whose REST API ("
            + version.major().apiPrefix()
            + ") has no endpoint for it.",
        ErrorType.UNSUPPORTED_VERSION,
        "Retrying cannot help on this Airflow; use the other tools, or tell the user that this"
            + " needs "
            + String.join(" or ", supported)
            + ".",
        false);
  }

  private static JsonNode shape(
      AirflowResponse response,
      ResponseShape shape,
      Map<String, Object> arguments,
      Map<String, JsonNode> before) {
    JsonNode answer;
    // Parsed from the bytes: no decoded copy of a large page is made first.
    byte[] body = response.body();
    if (isBlank(body)) {
      answer = NODES.objectNode();
    } else {
      answer = readJson(body);
    }
    return ResponseShaper.shape(answer, shape, arguments == null ? Map.of() : arguments, before);
  }

  /**
   * Whether a result shaped from {@code body} by {@code shape} holds nothing {@link
   * UntrustedText#strip} would change: without a layout its strings and names all come from the
   * answer's text or are the shape's own names (list and envelope keys, included fields, renames),
   * so both being plain is enough. A layout echoes arguments and earlier reads: never judged plain.
   */
  static boolean plainResult(byte[] body, ResponseShape shape) {
    if (!shape.layout().isEmpty()) {
      return false;
    }
    if (shape.listKey() != null && !UntrustedText.plainName(shape.envelopeKey())) {
      return false;
    }
    for (String name : shape.include()) {
      if (!UntrustedText.plainName(name)) {
        return false;
      }
    }
    for (String name : shape.rename().values()) {
      if (!UntrustedText.plainName(name)) {
        return false;
      }
    }
    return UntrustedText.plainJson(body);
  }

  /**
   * Parses a body from its bytes. A body that is not valid UTF-8 is read as before, decoded with
   * replacement characters, so such an answer keeps its meaning.
   */
  static JsonNode readJson(byte[] body) {
    try {
      return JSON.readTree(body);
    } catch (JacksonException e) {
      return JSON.readTree(new String(body, java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  /** Whether a body is empty or only JSON whitespace (as {@code String.isBlank} judged it). */
  static boolean isBlank(byte[] body) {
    for (byte b : body) {
      if (b != ' '
          && b != '\n'
          && b != '\r'
          && b != '\t'
          && b != 0x0b
          && b != 0x0c
          && !(b >= 0x1c && b <= 0x1f)) {
        return false;
      }
    }
    return true;
  }
}
