package dev.airflowmcp.codegen.model;

import java.util.Objects;

/**
 * One Airflow parameter and where its value comes from.
 *
 * @param name the Airflow parameter name
 * @param location path, query or header
 * @param commaSeparated for arrays: {@code style: form, explode: false} (Airflow 2), written as
 *     {@code a,b}; otherwise repeated ({@code ?x=a&x=b})
 * @param value the value's source
 */
public record BoundParam(
    String name, ParamLocation location, boolean commaSeparated, ValueSource value) {
  public BoundParam {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(value, "value");
  }
}
