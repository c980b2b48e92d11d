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

  /** A step named {@code name} that calls {@code tool}; add its arguments with {@code with}. */
  public static Builder call(String name, String tool) {
    return new Builder(name, tool);
  }

  /** Builds a {@link CompositeStep} by naming each part; parts left out are empty. */
  public static final class Builder {
    private final String name;
    private final String tool;
    private final Map<String, Object> arguments = new LinkedHashMap<>();
    private String select;
    private final Map<String, String> fields = new LinkedHashMap<>();
    private int maxItems;

    private Builder(String name, String tool) {
      this.name = Objects.requireNonNull(name, "name");
      this.tool = Objects.requireNonNull(tool, "tool");
    }

    /** Argument {@code argument} of the called tool; a {@code null} value is left out. */
    public Builder with(String argument, Object value) {
      arguments.put(argument, value);
      return this;
    }

    /** Keeps only this top-level field of the called tool's result. */
    public Builder select(String field) {
      this.select = Objects.requireNonNull(field, "field");
      return this;
    }

    /** Section key {@code key} is result field {@code field}. */
    public Builder field(String key, String field) {
      fields.put(key, field);
      return this;
    }

    /** Pages through the called list tool until this many items are collected. */
    public Builder maxItems(int maxItems) {
      this.maxItems = maxItems;
      return this;
    }

    public CompositeStep build() {
      return new CompositeStep(name, tool, arguments, select, fields, maxItems);
    }
  }
}
