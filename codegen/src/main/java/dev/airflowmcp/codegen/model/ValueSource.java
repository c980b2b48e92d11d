package dev.airflowmcp.codegen.model;

import java.util.Objects;

/** Where the value of a bound Airflow parameter comes from, after validation. */
public sealed interface ValueSource
    permits ValueSource.Argument,
        ValueSource.Constant,
        ValueSource.ArgumentOrLookup,
        ValueSource.Lookup,
        ValueSource.JsonNull {

  /**
   * A tool argument.
   *
   * @param argument the argument's name in the tool spec
   * @param ifAbsent the constant sent when the argument is absent, or {@code null} to omit it
   */
  record Argument(String argument, Object ifAbsent) implements ValueSource {
    public Argument {
      Objects.requireNonNull(argument, "argument");
    }
  }

  /**
   * A constant (a YAML scalar or a list of them).
   *
   * @param value the value
   */
  record Constant(Object value) implements ValueSource {
    public Constant {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * A tool argument, or when it is absent, the {@code field} of the answer to {@code lookup}.
   *
   * @param argument the argument's name in the tool spec
   * @param lookup a GET operation of the same major version, with its params bound to arguments
   * @param field the top-level response field holding the value
   * @param minimum the smallest value the lookup may find, or {@code null} (see {@link Minimum})
   */
  record ArgumentOrLookup(String argument, OperationModel lookup, String field, Minimum minimum)
      implements ValueSource {
    public ArgumentOrLookup {
      Objects.requireNonNull(argument, "argument");
      Objects.requireNonNull(lookup, "lookup");
      Objects.requireNonNull(field, "field");
    }

    /** Without a minimum. */
    public ArgumentOrLookup(String argument, OperationModel lookup, String field) {
      this(argument, lookup, field, null);
    }
  }

  /**
   * The smallest value a lookup may find, and what the model is told when it finds less.
   *
   * @param value the minimum
   * @param message the message below it
   */
  record Minimum(long value, String message) {
    public Minimum {
      Objects.requireNonNull(message, "message");
    }

    /** The minimum of a tool-spec lookup, or {@code null} when it has none. */
    public static Minimum of(dev.airflowmcp.toolspec.ParamSource.Lookup lookup) {
      return lookup.minimum() == null ? null : new Minimum(lookup.minimum(), lookup.belowMinimum());
    }
  }

  /**
   * Always the {@code field} of the answer to {@code lookup}, for values the model cannot know
   * (such as Airflow 2's opaque DAG file token).
   *
   * @param lookup a GET operation of the same major version, with its params bound to arguments
   * @param field the top-level response field holding the value
   * @param minimum the smallest value the lookup may find, or {@code null}
   */
  record Lookup(OperationModel lookup, String field, Minimum minimum) implements ValueSource {
    public Lookup {
      Objects.requireNonNull(lookup, "lookup");
      Objects.requireNonNull(field, "field");
    }

    /** Without a minimum. */
    public Lookup(OperationModel lookup, String field) {
      this(lookup, field, null);
    }
  }

  /**
   * JSON {@code null}, for a body field Airflow requires but accepts as null (e.g. Airflow 3's
   * {@code logical_date} when triggering a run) that the tool gives no value.
   */
  record JsonNull() implements ValueSource {}
}
