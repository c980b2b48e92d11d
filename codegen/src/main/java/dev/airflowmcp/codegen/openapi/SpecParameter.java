package dev.airflowmcp.codegen.openapi;

import dev.airflowmcp.codegen.model.ParamLocation;
import java.util.List;
import java.util.Objects;

/**
 * One parameter of an Airflow operation, with its schema reduced to the facts binding needs: the
 * schema is unwrapped from nullability ({@code anyOf: [X, {type: 'null'}]}, {@code nullable}) and
 * its {@code $ref}s are resolved. Values ({@code enumValues}, {@code constValue}, {@code
 * defaultValue}) are plain Java values: {@link String}, {@link Long}, {@link Double}, {@link
 * Boolean}, or a {@link List} of those.
 *
 * @param name the Airflow parameter name
 * @param in path, query or header
 * @param type the JSON type ({@code string}, {@code integer}, {@code number}, {@code boolean},
 *     {@code array}, {@code object}), or {@code null} when the schema declares none
 * @param itemType for arrays, the JSON type of the items, or {@code null}
 * @param required whether Airflow requires it (always true for path parameters)
 * @param commaSeparated whether an array is sent comma-joined ({@code style: form, explode: false})
 *     rather than as repeated parameters
 * @param enumValues the allowed values, or empty
 * @param constValue the only allowed value ({@code const}), or {@code null}
 * @param defaultValue the default Airflow applies, or {@code null}
 * @param format the schema {@code format} (e.g. {@code date-time}, {@code path}), or {@code null}
 * @param nullable whether {@code null} is an accepted value (for body fields that are required but
 *     nullable, such as Airflow 3's {@code logical_date} when triggering a run)
 * @param bounds the numeric bounds as text (e.g. {@code minimum 0}, {@code exclusiveMinimum 0}), or
 *     {@code null}; only reported by the spec diff
 */
public record SpecParameter(
    String name,
    ParamLocation in,
    String type,
    String itemType,
    boolean required,
    boolean commaSeparated,
    List<Object> enumValues,
    Object constValue,
    Object defaultValue,
    String format,
    boolean nullable,
    String bounds) {

  public SpecParameter {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(in, "in");
    enumValues = List.copyOf(enumValues);
  }

  /** A parameter that does not accept {@code null}. */
  public SpecParameter(
      String name,
      ParamLocation in,
      String type,
      String itemType,
      boolean required,
      boolean commaSeparated,
      List<Object> enumValues,
      Object constValue,
      Object defaultValue,
      String format) {
    this(
        name,
        in,
        type,
        itemType,
        required,
        commaSeparated,
        enumValues,
        constValue,
        defaultValue,
        format,
        false,
        null);
  }

  /** A parameter without declared numeric bounds. */
  public SpecParameter(
      String name,
      ParamLocation in,
      String type,
      String itemType,
      boolean required,
      boolean commaSeparated,
      List<Object> enumValues,
      Object constValue,
      Object defaultValue,
      String format,
      boolean nullable) {
    this(
        name,
        in,
        type,
        itemType,
        required,
        commaSeparated,
        enumValues,
        constValue,
        defaultValue,
        format,
        nullable,
        null);
  }

  /** The type as people write it: {@code integer}, {@code array of string}, or {@code untyped}. */
  public String describeType() {
    if (type == null) {
      return "untyped";
    }
    if ("array".equals(type)) {
      return itemType == null ? "array" : "array of " + itemType;
    }
    return type;
  }
}
