package dev.airflowmcp.codegen.openapi;

import dev.airflowmcp.common.AirflowMajor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One parsed Airflow REST spec, reduced to what binding tools needs.
 *
 * @param label the spec's file name only (never a path, so that messages and output stay
 *     reproducible)
 * @param major the Airflow major version the spec describes
 * @param infoVersion {@code info.version} of the document (the Airflow release for {@code /api/v1},
 *     the API version {@code 2} for {@code /api/v2})
 * @param operations every operation, keyed by operationId, in the order of the file's paths
 */
public record AirflowSpec(
    String label, AirflowMajor major, String infoVersion, Map<String, SpecOperation> operations) {

  public AirflowSpec {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(major, "major");
    operations = Collections.unmodifiableMap(new LinkedHashMap<>(operations));
  }

  /** The operation with this operationId, or {@code null}. */
  public SpecOperation operation(String operationId) {
    return operations.get(operationId);
  }
}
