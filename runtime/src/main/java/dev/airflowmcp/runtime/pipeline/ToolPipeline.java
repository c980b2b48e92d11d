package dev.airflowmcp.runtime.pipeline;

import dev.airflowmcp.runtime.airflow.AirflowCallException;
import dev.airflowmcp.runtime.airflow.AirflowGateway;
import dev.airflowmcp.runtime.airflow.AirflowRequest;
import dev.airflowmcp.runtime.airflow.AirflowResponse;
import dev.airflowmcp.runtime.airflow.AirflowVersion;
import dev.airflowmcp.runtime.airflow.VersionDetector;
import dev.airflowmcp.runtime.auth.AirflowCredentials;
import dev.airflowmcp.runtime.redaction.Redactor;
import dev.airflowmcp.runtime.tool.GeneratedTool;
import dev.airflowmcp.runtime.tool.InvalidArgumentsException;
import dev.airflowmcp.runtime.tool.ResponseShape;
import dev.airflowmcp.runtime.tool.ToolPolicy;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs one tool call: parse and validate arguments → rate limit → detect the Airflow version →
 * build the request → call Airflow (auth, lookups, one retry after a 401) → shape → redact →
 * size budget → audit. Never throws: every failure becomes an {@code isError} result whose text is
 * redacted. Logs carry the tool name, outcome and timing, never arguments or payloads.
 */
public final class ToolPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(ToolPipeline.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Shortest argument value masked inside error messages. */
  static final int MIN_MASKED_ARGUMENT = 3;

  private final AirflowGateway gateway;
  private final VersionDetector versions;
  private final Hooks hooks;
  private final int defaultMaxChars;
  private final AtomicInteger inFlight = new AtomicInteger();

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
   * @param defaultMaxChars size budget of a result when the tool spec sets none
   */
  public ToolPipeline(
      AirflowGateway gateway, VersionDetector versions, Hooks hooks, int defaultMaxChars) {
    this.gateway = gateway;
    this.versions = versions;
    this.hooks = hooks;
    this.defaultMaxChars = defaultMaxChars;
  }

  /** Calls currently running (used to drain before exit). */
  public int inFlight() {
    return inFlight.get();
  }

  /**
   * Calls a tool.
   *
   * @param tool the generated tool
   * @param calledName the name the client used (the tool name or an alias), for audit
   * @param raw the raw MCP arguments
   * @param credentials where Airflow auth comes from; null when the caller has none
   */
  public CallToolResult call(
      GeneratedTool<?> tool,
      String calledName,
      Map<String, Object> raw,
      AirflowCredentials credentials) {
    inFlight.incrementAndGet();
    long start = System.nanoTime();
    Outcome outcome = new Outcome();
    try {
      return run(tool, raw, credentials, outcome);
    } catch (RuntimeException e) {
      // A bug or an unexpected answer: report it without internals.
      LOG.warn("tool {} failed unexpectedly: {}", calledName, e.getClass().getSimpleName());
      outcome.type = "InternalError";
      return error(
          tool,
          raw,
          new ToolError(
              "The server failed while handling this call.",
              "InternalError",
              "This is a server problem, not a problem with the arguments.",
              false));
    } finally {
      long millis = (System.nanoTime() - start) / 1_000_000;
      String principal = credentials == null ? "anonymous" : credentials.principal();
      try {
        hooks.audit()
            .record(
                new AuditSink.AuditEvent(
                    calledName, principal, outcome.type, outcome.calls, millis, outcome.chars));
      } catch (RuntimeException e) {
        // The audit sink must not throw; if it does, the call's result still goes back.
        LOG.warn("audit sink failed for tool {}: {}", calledName, e.getClass().getSimpleName());
      }
      LOG.debug("tool {} -> {} in {} ms", calledName, outcome.type, millis);
      inFlight.decrementAndGet();
    }
  }

  private static final class Outcome {
    String type = "ok";
    int calls;
    int chars;
  }

  private <A extends Record> CallToolResult run(
      GeneratedTool<A> tool,
      Map<String, Object> raw,
      AirflowCredentials credentials,
      Outcome outcome) {
    A arguments;
    try {
      arguments = tool.parseArguments(raw);
      hooks.validator().validate(tool.name(), arguments);
    } catch (InvalidArgumentsException e) {
      outcome.type = "ValidationError";
      return error(
          tool,
          raw,
          new ToolError(
              "Invalid arguments for " + tool.name() + ": " + e.getMessage(),
              "ValidationError",
              "Fix the arguments as described and call again; the input schema lists them.",
              true));
    }
    if (credentials == null) {
      outcome.type = "AuthenticationError";
      return error(
          tool,
          raw,
          new ToolError(
              "No Airflow credentials: the request carried no Authorization header and the"
                  + " server has none configured.",
              "AuthenticationError",
              "Over HTTP, send your own Airflow token in the Authorization header; otherwise an"
                  + " operator must configure AIRFLOW_AUTH_TOKEN or AIRFLOW_USERNAME and"
                  + " AIRFLOW_PASSWORD.",
              false));
    }
    ToolPolicy policy = tool.policy();
    RateLimiter.Decision decision =
        hooks.rateLimiter().tryAcquire(credentials.principal(), policy.rateLimitClass());
    if (!decision.allowed()) {
      outcome.type = "RateLimitError";
      long seconds = Math.max(1, (decision.retryAfterMillis() + 999) / 1000);
      return error(
          tool,
          raw,
          new ToolError(
              "Too many calls of class '" + policy.rateLimitClass() + "'.",
              "RateLimitError",
              "Wait " + seconds + " s before calling again.",
              true));
    }
    try {
      AirflowVersion version = versions.detect(credentials);
      if (!tool.supports(version.major())) {
        outcome.type = "UnsupportedVersionError";
        return error(
            tool,
            raw,
            new ToolError(
                tool.name() + " is not available for Airflow " + version.version() + ".",
                "UnsupportedVersionError",
                "Use another tool; this one has no binding for this Airflow major version.",
                false));
      }
      AirflowRequest request = tool.request(version.major(), arguments);
      AirflowGateway.Exchange exchange = gateway.execute(request, credentials, version.major());
      outcome.calls = exchange.calls();
      ResponseShape shape = policy.response(version.major());
      JsonNode result;
      try {
        result = shape(exchange.response(), shape);
      } catch (IllegalArgumentException | JacksonException e) {
        // Only the answer's shape is judged here: the same exceptions elsewhere are bugs.
        outcome.type = "InvalidResponseError";
        return error(
            tool,
            raw,
            new ToolError(
                "Airflow's answer did not have the expected shape: " + safeMessage(e),
                "InvalidResponseError",
                "This is a server-side problem; the same call is unlikely to succeed.",
                false));
      }
      result = hooks.redactor().redact(result, policy.sensitiveFields());
      int budget = shape.maxChars() > 0 ? shape.maxChars() : defaultMaxChars;
      String text = ResultBudget.fit(result, budget, shape.truncationHint(), JSON);
      outcome.chars = text.length();
      return CallToolResult.builder().addTextContent(text).isError(false).build();
    } catch (AirflowCallException e) {
      ToolError mapped = ErrorMapper.from(e);
      outcome.type = mapped.type();
      return error(tool, raw, mapped);
    }
  }

  private static JsonNode shape(AirflowResponse response, ResponseShape shape) {
    JsonNode answer;
    String body = response.bodyText();
    if (body.isBlank()) {
      answer = NODES.objectNode();
    } else {
      answer = JSON.readTree(body);
    }
    return ResponseShaper.shape(answer, shape);
  }

  private static String safeMessage(Exception e) {
    if (e instanceof JacksonException) {
      return "not valid JSON";
    }
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }

  /**
   * An {@code isError} result with the error keys and the echoed arguments, redacted. The values
   * of arguments the redactor treats as secret are also masked wherever the message repeats them
   * (Airflow's error details and argument problems may quote the input).
   */
  CallToolResult error(GeneratedTool<?> tool, Map<String, Object> raw, ToolError error) {
    Redactor r = hooks.redactor();
    String message = error.message();
    if (raw != null) {
      for (String secret : secretArgumentValues(raw, tool.policy().sensitiveFields())) {
        message = message.replace(secret, Redactor.MASK);
      }
    }
    ObjectNode body = NODES.objectNode();
    body.put("error", r.redactText(message));
    body.put("error_type", error.type());
    body.put("hint", error.hint());
    body.put("retryable", error.retryable());
    if (raw != null) {
      List<String> echoed = tool.policy().echoedArguments();
      for (String name : echoed) {
        Object value = raw.get(name);
        if (value != null) {
          body.set(name, JSON.valueToTree(value));
        }
      }
    }
    JsonNode redacted = r.redact(body, tool.policy().sensitiveFields());
    return CallToolResult.builder()
        .addTextContent(JSON.writeValueAsString(redacted))
        .isError(true)
        .build();
  }

  /**
   * The string and number values among the raw arguments that the redactor masks, longest first
   * (so a secret that contains another is replaced whole). Values shorter than {@value
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
