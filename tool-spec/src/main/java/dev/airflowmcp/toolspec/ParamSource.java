package dev.airflowmcp.toolspec;

import java.util.Map;
import java.util.Objects;

/** Where the value of one Airflow parameter comes from. */
public sealed interface ParamSource
    permits ParamSource.FromArgument, ParamSource.Constant, ParamSource.FromLookup {

  /** Where this source is written. */
  SourceLocation location();

  /**
   * The value of a tool argument.
   *
   * @param argument the tool argument name
   * @param ifAbsent the value to send when the argument is absent or null, or {@code null}
   * @param lookup how to find the value when the argument is absent, or {@code null}
   * @param join for an array argument sent as one string parameter (Airflow 2's comma lists such as
   *     {@code dag_ids}), the separator; otherwise {@code null}
   */
  record FromArgument(
      SourceLocation location, String argument, Object ifAbsent, Lookup lookup, String join)
      implements ParamSource {
    public FromArgument {
      Objects.requireNonNull(location, "location");
      Objects.requireNonNull(argument, "argument");
    }

    /** A source without a join separator. */
    public FromArgument(SourceLocation location, String argument, Object ifAbsent, Lookup lookup) {
      this(location, argument, ifAbsent, lookup, null);
    }
  }

  /**
   * A fixed value, never visible to the model.
   *
   * @param value a YAML scalar or list of scalars
   */
  record Constant(SourceLocation location, Object value) implements ParamSource {
    public Constant {
      Objects.requireNonNull(location, "location");
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * A value always read from another operation's answer (YAML: a source map with only {@code
   * lookup}).
   */
  record FromLookup(SourceLocation location, Lookup lookup) implements ParamSource {
    public FromLookup {
      Objects.requireNonNull(location, "location");
      Objects.requireNonNull(lookup, "lookup");
    }
  }

  /**
   * Finds a value by calling another read operation first, for example the latest try number of a
   * task instance, or the opaque {@code file_token} of a DAG on Airflow 2.
   *
   * @param operationId a GET operation in the same spec
   * @param params its parameters, keyed by Airflow parameter name, valued by tool argument name
   * @param field the top-level field of its JSON response that holds the value, or {@code
   *     list[*].name} for the {@code name} of every item of a list, joined with commas
   * @param minimum the smallest number the found value may be, or {@code null}: a smaller one fails
   *     the call with {@code belowMinimum} before the tool's own request is sent (for example try
   *     0: the task has not run yet, so there is no log to read)
   * @param belowMinimum what the model is told then; set exactly when {@code minimum} is
   */
  record Lookup(
      SourceLocation location,
      String operationId,
      Map<String, String> params,
      String field,
      Long minimum,
      String belowMinimum) {
    public Lookup {
      Objects.requireNonNull(location, "location");
      Objects.requireNonNull(operationId, "operationId");
      Objects.requireNonNull(field, "field");
      params = Immutables.orderedMap(params);
      if ((minimum == null) != (belowMinimum == null)) {
        throw new IllegalArgumentException("minimum and belowMinimum go together");
      }
    }

    /** A lookup without a minimum. */
    public Lookup(
        SourceLocation location, String operationId, Map<String, String> params, String field) {
      this(location, operationId, params, field, null, null);
    }
  }
}
