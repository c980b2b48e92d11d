package dev.airflowmcp.runtime.tool;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One step of a composite call: which tool, with which arguments, and which part of its result
 * becomes the step's section.
 *
 * @param name the step (and section) name
 * @param tool the called tool
 * @param arguments the called tool's arguments (null values are left out)
 * @param select a top-level field of the result to keep, or null
 * @param fields section key → result field, in order; empty keeps the result
 * @param maxItems when positive, the called list tool is paged through (its {@code offset} raised
 *     by each page's size) until Airflow's total or this many items are collected, and the step's
 *     result is the list envelope of them all; 0 for a single call
 */
public record CompositeStep(
    String name,
    String tool,
    Map<String, Object> arguments,
    String select,
    Map<String, String> fields,
    int maxItems) {

  public CompositeStep {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(tool, "tool");
    Map<String, Object> args = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : arguments.entrySet()) {
      if (e.getValue() != null) {
        args.put(e.getKey(), e.getValue());
      }
    }
    arguments = Collections.unmodifiableMap(args);
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    if (maxItems < 0) {
      throw new IllegalArgumentException("maxItems must be 0 or more");
    }
  }
}
