package dev.airflowmcp.runtime.pipeline;

import dev.airflowmcp.runtime.redaction.Redactor;
import dev.airflowmcp.runtime.tool.ErrorType;
import dev.airflowmcp.runtime.tool.InvalidArgumentsException;
import dev.airflowmcp.runtime.tool.ToolError;
import dev.airflowmcp.runtime.tool.ToolPolicy;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a {@link ToolError} into the {@code isError} result of a call: the error keys, the echoed
 * arguments, everything redacted, and secret argument values masked wherever the message repeats
 * them. Part of {@link ToolPipeline}.
 */
final class ErrorRenderer {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Shortest argument value masked inside error messages. */
  static final int MIN_MASKED_ARGUMENT = 3;

  static final ToolError INTERNAL =
      new ToolError(
          "The server failed while handling this call.",
          ErrorType.INTERNAL,
          "This is a server problem, not a problem with the arguments.",
          false);

  private final Redactor redactor;

  ErrorRenderer(Redactor redactor) {
    this.redactor = redactor;
  }

  static ToolError invalidArguments(String toolName, InvalidArgumentsException e) {
    return new ToolError(
        "Invalid arguments for " + toolName + ": " + e.getMessage(),
        ErrorType.VALIDATION,
        "Fix the arguments as described and call again; the input schema lists them.",
        true);
  }

  static String safeMessage(Exception e) {
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
    Redactor r = redactor;
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
    JsonNode redacted = redactor.redact(original.deepCopy(), sensitiveFields);
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
