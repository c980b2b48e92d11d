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
   */
  record ArgumentOrLookup(String argument, OperationModel lookup, String field)
      implements ValueSource {
    public ArgumentOrLookup {
      Objects.requireNonNull(argument, "argument");
      Objects.requireNonNull(lookup, "lookup");
      Objects.requireNonNull(field, "field");
    }
  }

  /**
   * Always the {@code field} of the answer to {@code lookup}, for values the model cannot know
   * (such as Airflow 2's opaque DAG file token).
   *
   * @param lookup a GET operation of the same major version, with its params bound to arguments
   * @param field the top-level response field holding the value
   */
  record Lookup(OperationModel lookup, String field) implements ValueSource {
    public Lookup {
      Objects.requireNonNull(lookup, "lookup");
      Objects.requireNonNull(field, "field");
    }
  }

  /**
   * JSON {@code null}, for a body field Airflow requires but accepts as null (e.g. Airflow 3's
   * {@code logical_date} when triggering a run) that the tool gives no value.
   */
  record JsonNull() implements ValueSource {}
}
