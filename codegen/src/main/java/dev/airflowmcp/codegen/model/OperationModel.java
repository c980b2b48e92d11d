package dev.airflowmcp.codegen.model;

import dev.airflowmcp.common.AirflowMajor;
import dev.airflowmcp.toolspec.ResponseDef;
import java.util.List;
import java.util.Objects;

/**
 * One Airflow operation a tool (or a lookup) calls, resolved against the newest configured spec of
 * its major version.
 *
 * @param major the Airflow major version
 * @param operationId the operationId
 * @param method HTTP method, upper case
 * @param path full path including the API prefix, e.g. {@code /api/v2/dags/{dag_id}}
 * @param params every parameter sent, in spec order (path, then query, then header)
 * @param response the response shape for this major version (the binding's, else the tool's)
 */
public record OperationModel(
    AirflowMajor major,
    String operationId,
    String method,
    String path,
    List<BoundParam> params,
    ResponseDef response) {
  public OperationModel {
    Objects.requireNonNull(major, "major");
    Objects.requireNonNull(operationId, "operationId");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    params = List.copyOf(params);
  }
}
