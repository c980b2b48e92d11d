package dev.airflowmcp.runtime.tool;

import dev.airflowmcp.common.AirflowMajor;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The runtime facts about one tool.
 *
 * @param write whether the tool changes Airflow (the transport refuses non-GET calls otherwise)
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

  /** The policy of a tool that only reads, in the rate-limit class named. */
  public static Builder readOnly(String rateLimitClass) {
    return new Builder(false, rateLimitClass);
  }

  /** The policy of a tool that changes Airflow, in the rate-limit class named. */
  public static Builder writes(String rateLimitClass) {
    return new Builder(true, rateLimitClass);
  }

  /** Builds a {@link ToolPolicy} by naming each part; parts left out are empty. */
  public static final class Builder {
    private final boolean write;
    private final String rateLimitClass;
    private final List<String> arguments = new ArrayList<>();
    private final Map<AirflowMajor, ResponseShape> responses = new EnumMap<>(AirflowMajor.class);
    private final List<String> sensitive = new ArrayList<>();
    private final List<String> freeText = new ArrayList<>();

    private Builder(boolean write, String rateLimitClass) {
      this.write = write;
      this.rateLimitClass = Objects.requireNonNull(rateLimitClass, "rateLimitClass");
    }

    /** The argument names the tool accepts, echoed back in error results, in order. */
    public Builder arguments(String... names) {
      arguments.addAll(List.of(names));
      return this;
    }

    /** The response shape on every Airflow major. */
    public Builder response(ResponseShape.Builder shape) {
      ResponseShape built = shape.build();
      for (AirflowMajor major : AirflowMajor.values()) {
        responses.put(major, built);
      }
      return this;
    }

    /** The response shape on one Airflow major. */
    public Builder response(AirflowMajor major, ResponseShape.Builder shape) {
      responses.put(Objects.requireNonNull(major, "major"), shape.build());
      return this;
    }

    /** Field names always masked in the tool's results. */
    public Builder sensitive(String... fields) {
      sensitive.addAll(List.of(fields));
      return this;
    }

    /** Fields holding untrusted free text. */
    public Builder freeText(String... fields) {
      freeText.addAll(List.of(fields));
      return this;
    }

    public ToolPolicy build() {
      return new ToolPolicy(write, rateLimitClass, arguments, responses, sensitive, freeText);
    }
  }
}
