package dev.airflowmcp.runtime.pipeline;

import dev.airflowmcp.common.AirflowMajor;
import dev.airflowmcp.common.LayoutSource;
import dev.airflowmcp.runtime.airflow.AirflowCallException;
import dev.airflowmcp.runtime.airflow.AirflowGateway;
import dev.airflowmcp.runtime.airflow.AirflowRequest;
import dev.airflowmcp.runtime.airflow.AirflowResponse;
import dev.airflowmcp.runtime.airflow.AirflowVersion;
import dev.airflowmcp.runtime.airflow.RequestGuard;
import dev.airflowmcp.runtime.airflow.VersionDetector;
import dev.airflowmcp.runtime.auth.AirflowCredentials;
import dev.airflowmcp.runtime.ratelimit.ConcurrencyCaps;
import dev.airflowmcp.runtime.ratelimit.RateLimiter;
import dev.airflowmcp.runtime.ratelimit.RefusalListener;
import dev.airflowmcp.runtime.ratelimit.UpstreamCooldown;
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
import dev.airflowmcp.runtime.tool.ToolPolicy;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs one tool call: parse and validate arguments → rate limit (an identity Airflow answered HTTP
 * 429 waits out the {@code Retry-After} first, see {@link UpstreamCooldown}; a class at its
 * concurrency cap, see {@link ConcurrencyCaps}, refuses at once) → detect the Airflow version →
 * build the request → call Airflow (auth, lookups, one retry after a 401) → shape → strip hidden
 * characters → redact → cap long fields → size budget → audit. Hand-written tools ({@link
 * dev.airflowmcp.runtime.tool.CustomTool}) take the place of the middle steps and get the same
 * treatment around them. Never throws: every failure becomes an {@code isError} result whose text
 * is redacted. Logs carry the tool name, outcome and timing, never arguments or payloads.
 */
public final class ToolPipeline implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ToolPipeline.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Shortest argument value masked inside error messages. */
  static final int MIN_MASKED_ARGUMENT = 3;

  private final AirflowGateway gateway;
  private final VersionDetector versions;
  private final Hooks hooks;
  private final int defaultMaxChars;
  private final Function<String, Tool> tools;
  private final Map<String, CompositeSummary> summaries;
  private final ExecutorService stepExecutor;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final UpstreamCooldown cooldown = new UpstreamCooldown();
  private final ConcurrencyCaps caps;
  private volatile RefusalListener refusals = RefusalListener.NONE;

  /**
   * The replaceable parts of the pipeline.
   *
   * @param validator extra argument checks
   * @param rateLimiter per-principal limits
   * @param redactor masks secrets in results and errors
   * @param audit receives one event per call
   */
  public record Hooks(
      ArgumentValidator validator, RateLimiter rateLimiter, Redactor redactor, AuditSink audit) {
    public Hooks {
      Objects.requireNonNull(validator, "validator");
      Objects.requireNonNull(rateLimiter, "rateLimiter");
      Objects.requireNonNull(redactor, "redactor");
      Objects.requireNonNull(audit, "audit");
    }
  }

  /**
   * A pipeline without concurrency caps.
   *
   * @param defaultMaxChars size budget of a result when the tool spec sets none
   * @param tools finds the tool behind a name, for composite steps; returns null when unknown
   */
  public ToolPipeline(
      AirflowGateway gateway,
      VersionDetector versions,
      Hooks hooks,
      int defaultMaxChars,
      Function<String, Tool> tools) {
    this(gateway, versions, hooks, defaultMaxChars, tools, ConcurrencyCaps.NONE);
  }

  /**
   * @param defaultMaxChars size budget of a result when the tool spec sets none
   * @param tools finds the tool behind a name, for composite steps; returns null when unknown
   * @param caps how many calls of each rate-limit class run at once on this server
   */
  public ToolPipeline(
      AirflowGateway gateway,
      VersionDetector versions,
      Hooks hooks,
      int defaultMaxChars,
      Function<String, Tool> tools,
      ConcurrencyCaps caps) {
    this.caps = Objects.requireNonNull(caps, "caps");
    this.gateway = gateway;
    this.versions = versions;
    this.hooks = hooks;
    this.defaultMaxChars = defaultMaxChars;
    this.tools = tools;
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

  /** Threads that run composite steps concurrently (shared by all calls). */
  static final int STEP_THREADS = 16;

  /**
   * Stops the threads that run composite steps once the steps under way have finished; a composite
   * call after this fails. The server closes its pipeline when it stops.
   */
  @Override
  public void close() {
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

  /** A pipeline whose tools cannot call other tools. */
  public ToolPipeline(
      AirflowGateway gateway, VersionDetector versions, Hooks hooks, int defaultMaxChars) {
    this(gateway, versions, hooks, defaultMaxChars, name -> null);
  }

  /** The redactor every output passes through. */
  public Redactor redactor() {
    return hooks.redactor();
  }

  /** Tells {@code listener} about every call refused by a rate limit (for metrics). */
  public void onRefusal(RefusalListener listener) {
    this.refusals = Objects.requireNonNull(listener, "listener");
  }

  /** Calls currently running (used to drain before exit). */
  public int inFlight() {
    return inFlight.get();
  }

  /**
   * Calls a tool.
   *
   * @param tool the tool
   * @param calledName the name the client used (the tool name or an alias), for audit
   * @param raw the raw MCP arguments
   * @param credentials where Airflow auth comes from; null when the caller has none
   */
  public CallToolResult call(
      Tool tool, String calledName, Map<String, Object> raw, AirflowCredentials credentials) {
    return call(tool, calledName, raw, credentials, ProgressSink.NONE);
  }

  /**
   * Calls a tool whose progress notifications (see {@link ToolContext#progress}) go to {@code
   * progress}.
   *
   * @param tool the tool
   * @param calledName the name the client used (the tool name or an alias), for audit
   * @param raw the raw MCP arguments
   * @param credentials where Airflow auth comes from; null when the caller has none
   * @param progress where the tool's progress goes
   */
  public CallToolResult call(
      Tool tool,
      String calledName,
      Map<String, Object> raw,
      AirflowCredentials credentials,
      ProgressSink progress) {
    inFlight.incrementAndGet();
    long start = System.nanoTime();
    CallState state =
        new CallState(
            credentials, tool.policy().write(), Objects.requireNonNull(progress, "progress"));
    try {
      return run(tool, raw, state);
    } catch (RuntimeException e) {
      // A bug or an unexpected answer: report it without internals.
      LOG.warn("tool {} failed unexpectedly: {}", calledName, e.getClass().getSimpleName());
      state.outcome = ErrorType.INTERNAL.wireName();
      return error(tool.policy(), raw, INTERNAL);
    } finally {
      long millis = (System.nanoTime() - start) / 1_000_000;
      String principal = credentials == null ? "anonymous" : credentials.principal();
      try {
        hooks
            .audit()
            .record(
                new AuditSink.AuditEvent(
                    calledName, principal, state.outcome, state.calls.get(), millis, state.chars));
      } catch (RuntimeException e) {
        // The audit sink must not throw; if it does, the call's result still goes back.
        LOG.warn("audit sink failed for tool {}: {}", calledName, e.getClass().getSimpleName());
      }
      LOG.debug("tool {} -> {} in {} ms", calledName, state.outcome, millis);
      inFlight.decrementAndGet();
    }
  }

  private static final ToolError INTERNAL =
      new ToolError(
          "The server failed while handling this call.",
          ErrorType.INTERNAL,
          "This is a server problem, not a problem with the arguments.",
          false);

  /** A tool call whose arguments have been accepted, ready to run. */
  @FunctionalInterface
  private interface Execution {
    JsonNode run(CallState state)
        throws AirflowCallException, ToolFailure, InvalidArgumentsException;
  }

  /** Everything one call (including its composite steps) shares; also its {@link ToolContext}. */
  private final class CallState implements ToolContext {
    final AirflowCredentials credentials;
    final boolean writes;
    final ProgressSink progress;
    final AtomicInteger calls = new AtomicInteger();
    volatile String outcome = "ok";
    volatile ResponseShape shape;
    int chars;

    /** The size of the Airflow answer the result is shaped from (0: unknown), a size hint. */
    long answerBytes;

    int depth;

    /**
     * @param writes whether the tool is a write tool: only then may it send more than GETs
     * @param progress where its progress notifications go
     */
    CallState(AirflowCredentials credentials, boolean writes, ProgressSink progress) {
      this.credentials = credentials;
      this.writes = writes;
      this.progress = progress;
    }

    @Override
    public AirflowVersion airflowVersion() throws AirflowCallException {
      return versions.detect(credentials);
    }

    @Override
    public JsonNode getJson(AirflowRequest request) throws AirflowCallException {
      if (!writes && !"GET".equals(request.method())) {
        // Defence in depth: the client allows writes for the whole server once it has any write
        // tool; a tool not marked as one still only reads.
        throw RequestGuard.readOnly(request, "only write tools may change Airflow");
      }
      AirflowGateway.Exchange exchange =
          gateway.execute(request, credentials, airflowVersion().major(), calls);
      byte[] body = exchange.response().body();
      try {
        return isBlank(body) ? NODES.objectNode() : readJson(body);
      } catch (JacksonException e) {
        throw new AirflowCallException(
            AirflowCallException.Kind.BAD_RESPONSE,
            "Airflow's answer to " + request.describe() + " is not valid JSON");
      }
    }

    @Override
    public String redact(String text) {
      return hooks.redactor().redactText(UntrustedText.strip(text, null));
    }

    @Override
    public void progress(double value, Double total, String message) {
      try {
        progress.notify(value, total, message);
      } catch (RuntimeException e) {
        // A lost notification must not fail the call.
        LOG.debug("progress notification failed: {}", e.getClass().getSimpleName());
      }
    }

    @Override
    public StepResult callTool(String name, Map<String, Object> arguments) {
      Tool step = tools.apply(name);
      if (step == null) {
        return new StepResult(
            null,
            new ToolError(
                "No tool named " + name + ".",
                ErrorType.INTERNAL,
                "This is a server configuration problem.",
                false));
      }
      if (depth >= MAX_STEP_DEPTH) {
        return new StepResult(
            null,
            new ToolError(
                "Steps nest too deeply.",
                ErrorType.INTERNAL,
                "This is a server configuration problem.",
                false));
      }
      CallState child = new CallState(credentials, step.policy().write(), ProgressSink.NONE);
      child.depth = depth + 1;
      try {
        JsonNode result = prepare(step, arguments).run(child);
        return new StepResult(result, null);
      } catch (InvalidArgumentsException e) {
        return new StepResult(null, invalidArguments(step.name(), e));
      } catch (AirflowCallException e) {
        if (credentials != null) {
          noteTooManyRequests(e, credentials.principal());
        }
        return new StepResult(null, ErrorMapper.from(e));
      } catch (ToolFailure e) {
        if (credentials != null) {
          noteTooManyRequests(e, credentials.principal());
        }
        return new StepResult(null, e.error());
      } catch (RuntimeException e) {
        LOG.warn("step {} failed unexpectedly: {}", name, e.getClass().getSimpleName());
        return new StepResult(null, INTERNAL);
      } finally {
        calls.addAndGet(child.calls.get());
      }
    }

    /** Runs one composite step: a single call, or the pages of a list when it has maxItems. */
    StepResult callStep(CompositeStep step) {
      return step.maxItems() > 0
          ? callPages(step.tool(), step.arguments(), step.maxItems())
          : callTool(step.tool(), step.arguments());
    }

    /**
     * Calls a list tool page after page, raising {@code offset} by the size of each page (Airflow
     * may return fewer items than {@code limit} asks for: its {@code maximum_page_limit} caps a
     * page), until a page is empty, Airflow's total is reached or {@code maxItems} items are
     * collected. The result is the first page's result with every collected item in its list and
     * the count updated. A page that fails fails the step: a partial list would pass for a whole.
     */
    private StepResult callPages(String name, Map<String, Object> arguments, int maxItems) {
      Tool handle = tools.apply(name);
      if (handle == null) {
        return callTool(name, arguments);
      }
      ListKeys keys;
      try {
        keys = ListKeys.of(handle.policy().response(airflowVersion().major()));
      } catch (AirflowCallException e) {
        return new StepResult(null, ErrorMapper.from(e));
      }
      if (keys == null) {
        LOG.warn("step calling {} cannot page: the tool has no list result", name);
        return new StepResult(null, INTERNAL);
      }
      ObjectNode merged = null;
      ArrayNode items = NODES.arrayNode();
      long offset = 0;
      while (items.size() < maxItems) {
        Map<String, Object> pageArguments = new LinkedHashMap<>(arguments);
        pageArguments.put("offset", offset);
        StepResult page = callTool(name, pageArguments);
        if (!page.ok()) {
          return page;
        }
        JsonNode list = page.result().get(keys.items());
        if (!(page.result() instanceof ObjectNode object) || list == null || !list.isArray()) {
          return new StepResult(null, INTERNAL);
        }
        if (merged == null) {
          merged = object;
        }
        for (JsonNode item : list) {
          if (items.size() < maxItems) {
            items.add(item);
          }
        }
        offset += list.size();
        JsonNode total = keys.total() == null ? null : object.get(keys.total());
        if (list.isEmpty() || (total != null && total.isNumber() && offset >= total.asLong())) {
          break;
        }
      }
      merged.set(keys.items(), items);
      if (keys.count() != null && merged.has(keys.count())) {
        merged.put(keys.count(), items.size());
      }
      return new StepResult(merged, null);
    }
  }

  /**
   * Where a list tool's result keeps its items, its total and its count (the count and total may be
   * absent from a custom layout).
   */
  private record ListKeys(String items, String total, String count) {
    static ListKeys of(ResponseShape shape) {
      if (shape.listKey() == null) {
        return null;
      }
      if (shape.layout().isEmpty()) {
        return new ListKeys(shape.envelopeKey(), "total_" + shape.envelopeKey(), "returned_count");
      }
      String items = null;
      String total = null;
      String count = null;
      for (Map.Entry<String, LayoutSource> e : shape.layout().entrySet()) {
        switch (e.getValue()) {
          case ITEMS -> items = e.getKey();
          case TOTAL -> total = e.getKey();
          case COUNT -> count = e.getKey();
          default -> {
            // Other keys are carried over from the first page.
          }
        }
      }
      return items == null ? null : new ListKeys(items, total, count);
    }
  }

  /**
   * Remembers Airflow's 429 for the identity, so that its next calls wait as Airflow asked: from a
   * failed Airflow call, or a tool failure that reports one in its own words (its cause).
   */
  private void noteTooManyRequests(Exception failure, String principal) {
    Throwable call = failure instanceof ToolFailure ? failure.getCause() : failure;
    if (call instanceof AirflowCallException e
        && e.kind() == AirflowCallException.Kind.HTTP_STATUS
        && e.status() == 429) {
      cooldown.note(principal, e.retryAfterSeconds());
    }
  }

  /** How deeply composite steps may call further tools. */
  static final int MAX_STEP_DEPTH = 3;

  private static ToolError invalidArguments(String toolName, InvalidArgumentsException e) {
    return new ToolError(
        "Invalid arguments for " + toolName + ": " + e.getMessage(),
        ErrorType.VALIDATION,
        "Fix the arguments as described and call again; the input schema lists them.",
        true);
  }

  /** Checks the arguments of a generated tool now; a custom tool checks its own when it runs. */
  private Execution prepare(Tool tool, Map<String, Object> raw) throws InvalidArgumentsException {
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
    hooks.validator().validate(tool.name(), arguments);
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
          throw new ToolFailure(INTERNAL);
        }
        summary = s.summarize(results, echo);
      }
      return Composites.layout(steps, results, summary, tool.response(), echo);
    };
  }

  private <A extends Record> Execution prepareGenerated(
      GeneratedTool<A> tool, Map<String, Object> raw) throws InvalidArgumentsException {
    A arguments = tool.parseArguments(raw);
    hooks.validator().validate(tool.name(), arguments);
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
      try {
        return shape(exchange.response(), shape, raw, before);
      } catch (IllegalArgumentException | JacksonException e) {
        // Only the answer's shape is judged here: the same exceptions elsewhere are bugs.
        throw new ToolFailure(
            new ToolError(
                "Airflow's answer did not have the expected shape: " + safeMessage(e),
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

  private CallToolResult run(Tool tool, Map<String, Object> raw, CallState state) {
    ToolPolicy policy = tool.policy();
    Execution execution;
    try {
      execution = prepare(tool, raw);
    } catch (InvalidArgumentsException e) {
      state.outcome = ErrorType.VALIDATION.wireName();
      return error(policy, raw, invalidArguments(tool.name(), e));
    }
    if (state.credentials == null) {
      state.outcome = ErrorType.AUTHENTICATION.wireName();
      return error(
          policy,
          raw,
          new ToolError(
              "No Airflow credentials: the request carried no Authorization header and the"
                  + " server has none configured.",
              ErrorType.AUTHENTICATION,
              "Over HTTP, send your own Airflow token in the Authorization header; otherwise an"
                  + " operator must configure AIRFLOW_AUTH_TOKEN or AIRFLOW_USERNAME and"
                  + " AIRFLOW_PASSWORD.",
              false));
    }
    String principal = state.credentials.principal();
    long cooling = cooldown.remainingMillis(principal);
    if (cooling > 0) {
      state.outcome = ErrorType.RATE_LIMIT.wireName();
      refusals.refused(policy.rateLimitClass(), RefusalListener.Reason.UPSTREAM_429);
      long seconds = Math.max(1, (cooling + 999) / 1000);
      return error(
          policy,
          raw,
          new ToolError(
              "Airflow asked for fewer calls (HTTP 429); this server holds your calls back until"
                  + " the time it gave has passed.",
              ErrorType.RATE_LIMIT,
              "Wait " + seconds + " s before calling again.",
              true,
              seconds));
    }
    // The concurrency slot first: a call refused for a full class must not spend a token of the
    // caller's bucket, or retrying as the hint says would drain it.
    ConcurrencyCaps.Slot slot = caps.tryEnter(policy.rateLimitClass());
    if (slot == null) {
      state.outcome = ErrorType.RATE_LIMIT.wireName();
      refusals.refused(policy.rateLimitClass(), RefusalListener.Reason.CONCURRENCY_CAP);
      return error(
          policy,
          raw,
          new ToolError(
              "Too many calls of class '"
                  + policy.rateLimitClass()
                  + "' are running on this"
                  + " server at once (at most "
                  + caps.capOf(policy.rateLimitClass())
                  + ").",
              ErrorType.RATE_LIMIT,
              "Wait a moment and call again; the calls already running finish first.",
              true,
              1));
    }
    try (slot) {
      RateLimiter.Decision decision =
          hooks.rateLimiter().tryAcquire(principal, policy.rateLimitClass());
      if (!decision.allowed()) {
        state.outcome = ErrorType.RATE_LIMIT.wireName();
        refusals.refused(policy.rateLimitClass(), RefusalListener.Reason.RATE_LIMIT);
        long seconds = Math.max(1, (decision.retryAfterMillis() + 999) / 1000);
        return error(
            policy,
            raw,
            new ToolError(
                "Too many calls of class '" + policy.rateLimitClass() + "'.",
                ErrorType.RATE_LIMIT,
                "Wait " + seconds + " s before calling again.",
                true,
                seconds));
      }
      return execute(tool, raw, state, execution, principal);
    }
  }

  /** Runs an accepted call and turns its result or failure into the MCP result. */
  private CallToolResult execute(
      Tool tool, Map<String, Object> raw, CallState state, Execution execution, String principal) {
    ToolPolicy policy = tool.policy();
    ToolError failure;
    try {
      JsonNode result = execution.run(state);
      // Hidden characters go first, so that they cannot split a secret the redactor would find.
      int[] removed = new int[1];
      result = UntrustedText.sanitize(result, removed);
      result = hooks.redactor().redact(result, policy.sensitiveFields());
      ResponseShape shape = state.shape == null ? ResponseShape.PASS_THROUGH : state.shape;
      if (UntrustedText.cap(result, policy.freeTextFields(), UntrustedText.FIELD_CAP)
          && result instanceof ObjectNode object) {
        object.put("truncated", true);
        object.put(
            "truncation_hint",
            shape.truncationHint() == null ? UntrustedText.CAP_HINT : shape.truncationHint());
      }
      int budget = shape.maxChars() > 0 ? shape.maxChars() : defaultMaxChars;
      String text =
          ResultBudget.fit(result, budget, shape.truncationHint(), JSON, state.answerBytes);
      state.chars = text.length();
      return CallToolResult.builder()
          .addTextContent(text)
          .isError(false)
          .meta(UntrustedText.meta(policy.freeTextFields(), removed[0]))
          .build();
    } catch (InvalidArgumentsException e) {
      failure = invalidArguments(tool.name(), e);
    } catch (AirflowCallException e) {
      noteTooManyRequests(e, principal);
      failure = ErrorMapper.from(e);
    } catch (ToolFailure e) {
      noteTooManyRequests(e, principal);
      failure = e.error();
    }
    state.outcome = failure.type();
    return error(policy, raw, failure);
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

  private static String safeMessage(Exception e) {
    if (e instanceof JacksonException) {
      return "not valid JSON";
    }
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }

  /**
   * An {@code isError} result with the error keys and the echoed arguments, redacted. The values of
   * arguments the redactor treats as secret are also masked wherever the message repeats them
   * (Airflow's error details and argument problems may quote the input).
   */
  CallToolResult error(ToolPolicy policy, Map<String, Object> raw, ToolError error) {
    Redactor r = hooks.redactor();
    String message = UntrustedText.strip(error.message(), null);
    if (raw != null) {
      for (String secret : secretArgumentValues(raw, policy.sensitiveFields())) {
        message = message.replace(secret, Redactor.MASK);
      }
    }
    ObjectNode body = NODES.objectNode();
    body.put("error", r.redactText(message));
    body.put("error_type", error.type());
    body.put("hint", error.hint());
    body.put("retryable", error.retryable());
    if (error.retryAfterSeconds() >= 0) {
      body.put("retry_after_seconds", error.retryAfterSeconds());
    }
    if (raw != null) {
      List<String> echoed = policy.echoedArguments();
      for (String name : echoed) {
        Object value = raw.get(name);
        if (value != null) {
          body.set(name, JSON.valueToTree(value));
        }
      }
    }
    error.extra().forEach((key, value) -> body.set(key, JSON.valueToTree(value)));
    JsonNode redacted = r.redact(body, policy.sensitiveFields());
    return CallToolResult.builder()
        .addTextContent(JSON.writeValueAsString(redacted))
        .isError(true)
        .build();
  }

  /**
   * The string and number values among the raw arguments that the redactor masks, longest first (so
   * a secret that contains another is replaced whole). Values shorter than {@value
   * #MIN_MASKED_ARGUMENT} characters are left out: masking them would garble the message.
   */
  private List<String> secretArgumentValues(Map<String, Object> raw, List<String> sensitiveFields) {
    JsonNode original = JSON.valueToTree(raw);
    JsonNode redacted = hooks.redactor().redact(original.deepCopy(), sensitiveFields);
    List<String> secrets = new ArrayList<>();
    collectMasked(original, redacted, secrets);
    secrets.sort(Comparator.comparingInt(String::length).reversed());
    return secrets;
  }

  private static void collectMasked(JsonNode before, JsonNode after, List<String> out) {
    if (before.isObject()) {
      for (String name : before.propertyNames()) {
        collectMasked(before.get(name), after == null ? null : after.get(name), out);
      }
    } else if (before.isArray()) {
      for (int i = 0; i < before.size(); i++) {
        collectMasked(before.get(i), after == null ? null : after.get(i), out);
      }
    } else if ((before.isString() || before.isNumber()) && !before.equals(after)) {
      String value = before.asString();
      if (value.length() >= MIN_MASKED_ARGUMENT) {
        out.add(value);
      }
    }
  }
}
