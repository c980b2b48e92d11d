package dev.airflowmcp.runtime.pipeline;

import dev.airflowmcp.runtime.airflow.AirflowCallException;
import dev.airflowmcp.runtime.airflow.AirflowGateway;
import dev.airflowmcp.runtime.airflow.VersionDetector;
import dev.airflowmcp.runtime.auth.AirflowCredentials;
import dev.airflowmcp.runtime.ratelimit.ConcurrencyCaps;
import dev.airflowmcp.runtime.ratelimit.RateLimiter;
import dev.airflowmcp.runtime.ratelimit.RefusalListener;
import dev.airflowmcp.runtime.ratelimit.UpstreamCooldown;
import dev.airflowmcp.runtime.redaction.Redactor;
import dev.airflowmcp.runtime.tool.ErrorType;
import dev.airflowmcp.runtime.tool.InvalidArgumentsException;
import dev.airflowmcp.runtime.tool.ResponseShape;
import dev.airflowmcp.runtime.tool.Tool;
import dev.airflowmcp.runtime.tool.ToolContext;
import dev.airflowmcp.runtime.tool.ToolError;
import dev.airflowmcp.runtime.tool.ToolFailure;
import dev.airflowmcp.runtime.tool.ToolPolicy;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
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
 *
 * <p>This class orchestrates; the jobs live beside it: {@link Executions} (argument checks and the
 * execution of generated tools and composites), {@link Admission} (cool-down, concurrency cap, rate
 * limit), {@link CallState} (a call's {@link ToolContext} and its steps) and {@link ErrorRenderer}
 * (error results).
 */
public final class ToolPipeline implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ToolPipeline.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Hooks hooks;
  private final int defaultMaxChars;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final ErrorRenderer errors;
  private final Admission admission;
  private final Executions executions;

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
    Objects.requireNonNull(caps, "caps");
    this.hooks = hooks;
    this.defaultMaxChars = defaultMaxChars;
    this.errors = new ErrorRenderer(hooks.redactor());
    this.admission = new Admission(caps, hooks.rateLimiter(), errors);
    this.executions =
        new Executions(gateway, versions, hooks.validator(), hooks.redactor(), tools, admission);
  }

  /**
   * Stops the threads that run composite steps once the steps under way have finished; a composite
   * call after this fails. The server closes its pipeline when it stops.
   */
  @Override
  public void close() {
    executions.close();
  }

  /** Whether the step threads have ended within {@code timeout} (for tests). */
  boolean stepThreadsEnded(Duration timeout) throws InterruptedException {
    return executions.stepThreadsEnded(timeout);
  }

  /** A pipeline whose tools cannot call other tools. */
  public ToolPipeline(
      AirflowGateway gateway, VersionDetector versions, Hooks hooks, int defaultMaxChars) {
    this(gateway, versions, hooks, defaultMaxChars, name -> null);
  }

  /** The heap shares of large answers (for tests). */
  LargeAnswers largeAnswers() {
    return executions.largeAnswers;
  }

  /** The redactor every output passes through. */
  public Redactor redactor() {
    return hooks.redactor();
  }

  /** Tells {@code listener} about every call refused by a rate limit (for metrics). */
  public void onRefusal(RefusalListener listener) {
    admission.onRefusal(listener);
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
            executions,
            credentials,
            tool.policy().write(),
            Objects.requireNonNull(progress, "progress"));
    try {
      return run(tool, raw, state);
    } catch (RuntimeException e) {
      // A bug or an unexpected answer: report it without internals.
      LOG.warn("tool {} failed unexpectedly: {}", calledName, e.getClass().getSimpleName());
      state.outcome = ErrorType.INTERNAL.wireName();
      return error(tool.policy(), raw, ErrorRenderer.INTERNAL);
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

  private CallToolResult run(Tool tool, Map<String, Object> raw, CallState state) {
    ToolPolicy policy = tool.policy();
    Executions.Execution execution;
    try {
      execution = executions.prepare(tool, raw);
    } catch (InvalidArgumentsException e) {
      state.outcome = ErrorType.VALIDATION.wireName();
      return error(policy, raw, ErrorRenderer.invalidArguments(tool.name(), e));
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
    return admission.admit(
        policy, raw, state, principal, () -> execute(tool, raw, state, execution, principal));
  }

  /** Runs an accepted call and turns its result or failure into the MCP result. */
  private CallToolResult execute(
      Tool tool,
      Map<String, Object> raw,
      CallState state,
      Executions.Execution execution,
      String principal) {
    ToolPolicy policy = tool.policy();
    ToolError failure;
    try {
      JsonNode result = execution.run(state);
      // Hidden characters go first, so that they cannot split a secret the redactor would find.
      // Skipped when the answer's text shows that the walk would change nothing.
      int[] removed = new int[1];
      if (!state.plainText) {
        result = UntrustedText.sanitize(result, removed);
      }
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
      failure = ErrorRenderer.invalidArguments(tool.name(), e);
    } catch (AirflowCallException e) {
      admission.noteTooManyRequests(e, principal);
      failure = ErrorMapper.from(e);
    } catch (ToolFailure e) {
      admission.noteTooManyRequests(e, principal);
      failure = e.error();
    } finally {
      state.releaseShare();
    }
    state.outcome = failure.type();
    return error(policy, raw, failure);
  }

  /** See {@link ErrorRenderer#error}. */
  CallToolResult error(ToolPolicy policy, Map<String, Object> raw, ToolError error) {
    return errors.error(policy, raw, error);
  }
}
