package dev.airflowmcp.common;

/**
 * An Airflow major version, which decides the REST API a binding targets. The YAML key of each
 * constant is the name used under {@code bindings:} in a tool spec.
 */
public enum AirflowMajor {
  /** Airflow 2.x, REST API {@code /api/v1}. */
  AIRFLOW2("airflow2", "/api/v1", 2),
  /** Airflow 3.x, REST API {@code /api/v2}. */
  AIRFLOW3("airflow3", "/api/v2", 3);

  private final String yamlKey;
  private final String apiPrefix;
  private final int major;

  AirflowMajor(String yamlKey, String apiPrefix, int major) {
    this.yamlKey = yamlKey;
    this.apiPrefix = apiPrefix;
    this.major = major;
  }

  /** The key used in tool-spec YAML ({@code airflow2}, {@code airflow3}). */
  public String yamlKey() {
    return yamlKey;
  }

  /** The REST API prefix of this major ({@code /api/v1} or {@code /api/v2}). */
  public String apiPrefix() {
    return apiPrefix;
  }

  /** The numeric major version. */
  public int number() {
    return major;
  }

  /** The constant for a YAML key, or {@code null}. */
  public static AirflowMajor fromYamlKey(String key) {
    for (AirflowMajor m : values()) {
      if (m.yamlKey.equals(key)) {
        return m;
      }
    }
    return null;
  }

  /** The constant for a numeric major version, or {@code null} when unsupported. */
  public static AirflowMajor fromNumber(int number) {
    for (AirflowMajor m : values()) {
      if (m.major == number) {
        return m;
      }
    }
    return null;
  }
}
