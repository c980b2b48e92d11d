package dev.airflowmcp.codegen.openapi;

import java.util.List;
import java.util.Objects;

/**
 * One operation of an Airflow REST spec.
 *
 * @param operationId the operationId
 * @param method the HTTP method, upper case
 * @param path the full path including the API prefix, e.g. {@code /api/v1/dags/{dag_id}}
 * @param tags the operation's tags, in file order
 * @param parameters path-level and operation-level parameters (an operation-level one replaces a
 *     path-level one of the same name and location), path-level first, each in file order
 * @param hasRequestBody whether the operation declares a request body
 */
public record SpecOperation(
    String operationId,
    String method,
    String path,
    List<String> tags,
    List<SpecParameter> parameters,
    boolean hasRequestBody) {

  public SpecOperation {
    Objects.requireNonNull(operationId, "operationId");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    tags = List.copyOf(tags);
    parameters = List.copyOf(parameters);
  }

  /**
   * The parameter with this name (the first one, should two locations share it), or {@code null}.
   */
  public SpecParameter parameter(String name) {
    for (SpecParameter p : parameters) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    return null;
  }
}
