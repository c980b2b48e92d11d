package dev.airflowmcp.toolspec;

import java.util.List;
import java.util.Objects;

/**
 * One tool argument. Values ({@code defaultValue}, {@code enumValues}) are YAML scalars as the
 * loader read them: {@link String}, {@link Long}, {@link Double}, {@link Boolean}, or a {@link
 * List} of those for arrays.
 *
 * @param name the argument name the model sees
 * @param type the JSON type
 * @param itemType for arrays, the type of the items; otherwise {@code null}
 * @param description what the argument means, or {@code null}
 * @param required whether the model must pass it
 * @param nullable whether {@code null} is accepted (it then means "absent")
 * @param defaultValue the value used when absent, or {@code null}
 * @param enumValues the allowed values, or empty
 * @param minimum inclusive lower bound for numbers, or {@code null}
 * @param maximum inclusive upper bound for numbers, or {@code null}
 * @param hidden when true the argument is not in the input schema and always has its default
 */
public record ParameterDef(
    SourceLocation location,
    String name,
    ParameterType type,
    ParameterType itemType,
    String description,
    boolean required,
    boolean nullable,
    Object defaultValue,
    List<Object> enumValues,
    Number minimum,
    Number maximum,
    boolean hidden) {

  public ParameterDef {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    enumValues = List.copyOf(enumValues);
  }
}
