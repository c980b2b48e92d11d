package dev.airflowmcp.toolspec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One named step of a composite tool: a call of another tool of the same spec. Steps run
 * concurrently; a failed step is reported in its own section while the others still return.
 *
 * @param location where the step starts
 * @param name the step's name, which is also its section key in the result
 * @param tool the tool it calls (a tool with bindings, not another composite)
 * @param arguments the called tool's arguments, keyed by its argument names: each from an argument
 *     of the composite or a constant
 * @param select a top-level field of the step's result to keep instead of the whole result, or
 *     {@code null}
 * @param fields builds the section from fields of the step's result: section key → result field, in
 *     order; empty keeps the result
 * @param maxItems for a step that calls a list tool with {@code limit} and {@code offset}: page
 *     through the list (raising {@code offset}) until Airflow's total or this many items are
 *     collected, and return them as one list; 0 for a single call
 */
public record StepDef(
    SourceLocation location,
    String name,
    String tool,
    Map<String, ParamSource> arguments,
    String select,
    Map<String, String> fields,
    int maxItems) {

  public StepDef {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(tool, "tool");
    arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    if (maxItems < 0) {
      throw new IllegalArgumentException("maxItems must be 0 or more");
    }
  }

  /** Whether the step pages through a list instead of calling its tool once. */
  public boolean pages() {
    return maxItems > 0;
  }
}
