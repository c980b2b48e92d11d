package dev.airflowmcp.runtime.tool;

import dev.airflowmcp.common.AirflowMajor;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The runtime facts about one tool.
 *
 * @param write whether the tool changes Airflow (the client refuses non-GET calls otherwise)
 * @param rateLimitClass the rate-limit class
 * @param echoedArguments the argument names echoed back in error results, in order
 * @param responses the response shape per Airflow major version
 * @param sensitiveFields field names always masked in this tool's results
 * @param freeTextFields fields holding untrusted free text
 */
public record ToolPolicy(
    boolean write,
    String rateLimitClass,
    List<String> echoedArguments,
    Map<AirflowMajor, ResponseShape> responses,
    List<String> sensitiveFields,
    List<String> freeTextFields) {

  public ToolPolicy {
    Objects.requireNonNull(rateLimitClass, "rateLimitClass");
    echoedArguments = List.copyOf(echoedArguments);
    responses = Map.copyOf(responses);
    sensitiveFields = List.copyOf(sensitiveFields);
    freeTextFields = List.copyOf(freeTextFields);
  }

  /** The response shape for a major version, or a pass-through shape. */
  public ResponseShape response(AirflowMajor major) {
    return responses.getOrDefault(major, ResponseShape.PASS_THROUGH);
  }
}
