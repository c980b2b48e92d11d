package dev.airflowmcp.toolspec;

import dev.airflowmcp.common.AirflowMajor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One curated tool.
 *
 * @param location where the tool's entry starts
 * @param name the MCP tool name ({@code [A-Za-z0-9_.-]}, at most 64 characters)
 * @param aliases further names under which the tool can be called; hidden from {@code tools/list}
 * @param title optional human-readable title, or {@code null}
 * @param description what the tool does and when to use it
 * @param annotations MCP tool annotations (hints for clients)
 * @param write whether the tool changes Airflow; emitted only when writes are enabled
 * @param rateLimitClass the rate-limit class the runtime applies (for example {@code list})
 * @param parameters the tool's arguments, in {@code inputSchema} order
 * @param bindings the Airflow operation per major version; at least one
 * @param response how the Airflow response is shaped into the tool result
 * @param redaction redaction hints for this tool's results
 * @param steps for a composite tool, its steps in order (then {@code bindings} is empty)
 * @param summary for a composite tool, the name of a summary that adds keys computed from the
 *     steps' results, or {@code null}
 * @param before for a tool with bindings, reads made one after the other before its own call (for
 *     example the DAG run a delete removes); each is a step whose section a {@code before} layout
 *     key places in the result, left out when the read fails
 */
public record ToolDef(
    SourceLocation location,
    String name,
    List<String> aliases,
    String title,
    String description,
    Annotations annotations,
    boolean write,
    String rateLimitClass,
    List<ParameterDef> parameters,
    Map<AirflowMajor, Binding> bindings,
    ResponseDef response,
    RedactionDef redaction,
    List<StepDef> steps,
    String summary,
    List<StepDef> before) {

  public ToolDef {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(annotations, "annotations");
    Objects.requireNonNull(rateLimitClass, "rateLimitClass");
    Objects.requireNonNull(response, "response");
    Objects.requireNonNull(redaction, "redaction");
    aliases = List.copyOf(aliases);
    parameters = List.copyOf(parameters);
    bindings = Immutables.orderedMap(bindings);
    steps = List.copyOf(steps);
    before = List.copyOf(before);
  }

  /** A tool bound to Airflow operations (not a composite). */
  public ToolDef(
      SourceLocation location,
      String name,
      List<String> aliases,
      String title,
      String description,
      Annotations annotations,
      boolean write,
      String rateLimitClass,
      List<ParameterDef> parameters,
      Map<AirflowMajor, Binding> bindings,
      ResponseDef response,
      RedactionDef redaction) {
    this(
        location,
        name,
        aliases,
        title,
        description,
        annotations,
        write,
        rateLimitClass,
        parameters,
        bindings,
        response,
        redaction,
        List.of(),
        null,
        List.of());
  }

  /** Whether the tool is made of steps that call other tools. */
  public boolean isComposite() {
    return !steps.isEmpty();
  }

  /** This tool with other redaction hints. */
  public ToolDef withRedaction(RedactionDef newRedaction) {
    return new ToolDef(
        location,
        name,
        aliases,
        title,
        description,
        annotations,
        write,
        rateLimitClass,
        parameters,
        bindings,
        response,
        newRedaction,
        steps,
        summary,
        before);
  }

  /** The tool's response shape, then each binding's own shape where one replaces it. */
  public List<ResponseDef> responses() {
    List<ResponseDef> out = new ArrayList<>();
    out.add(response);
    for (Binding b : bindings.values()) {
      if (b.response() != null) {
        out.add(b.response());
      }
    }
    return out;
  }

  /** The parameter with this name, or {@code null}. */
  public ParameterDef parameter(String parameterName) {
    for (ParameterDef p : parameters) {
      if (p.name().equals(parameterName)) {
        return p;
      }
    }
    return null;
  }
}
