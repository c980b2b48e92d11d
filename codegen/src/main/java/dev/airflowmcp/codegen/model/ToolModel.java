package dev.airflowmcp.codegen.model;

import dev.airflowmcp.common.AirflowMajor;
import dev.airflowmcp.toolspec.ToolDef;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A tool ready to emit.
 *
 * @param def the tool as written in the tool spec
 * @param className the simple name of the generated class, e.g. {@code ListDagsTool}
 * @param arguments the tool's arguments with their Java names, in schema order (hidden ones too)
 * @param operations the resolved operation per Airflow major version, in {@link AirflowMajor} order
 */
public record ToolModel(
    ToolDef def,
    String className,
    List<ArgumentModel> arguments,
    Map<AirflowMajor, OperationModel> operations) {
  public ToolModel {
    Objects.requireNonNull(def, "def");
    Objects.requireNonNull(className, "className");
    arguments = List.copyOf(arguments);
    operations = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(operations));
  }
}
