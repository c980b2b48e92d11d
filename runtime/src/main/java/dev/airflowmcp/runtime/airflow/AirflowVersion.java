package dev.airflowmcp.runtime.airflow;

import dev.airflowmcp.common.AirflowMajor;
import java.util.Objects;

/**
 * The Airflow version a server talks to, as {@code GET /version} reports it.
 *
 * @param version for example {@code 3.0.2}
 * @param major the major version, which picks the tool bindings
 */
public record AirflowVersion(String version, AirflowMajor major) {
  public AirflowVersion {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(major, "major");
  }
}
