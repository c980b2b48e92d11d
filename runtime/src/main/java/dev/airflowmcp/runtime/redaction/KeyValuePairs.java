package dev.airflowmcp.runtime.redaction;

import java.util.Set;

/**
 * Objects that name a setting in one property and hold its value in another: Airflow 2's {@code
 * {"key": "db_password", "value": "…"}} variables, config options, Kubernetes {@code {"name":
 * "DB_PASSWORD", "value": "…"}} env vars. When the naming property holds a sensitive name, the
 * {@code value} property is masked, as Airflow masks a variable by its key.
 */
final class KeyValuePairs {
  private KeyValuePairs() {}

  /** Properties whose string value names the setting. */
  static final Set<String> NAMING =
      Set.of("key", "name", "variable", "option", "field", "param", "parameter", "setting");

  /**
   * Properties that name a key, so the object's {@code value} is key material whatever the name:
   * Azure's {@code az storage account keys list} prints {@code {"keyName": "key1", "value": …}}.
   */
  static final Set<String> KEY_NAMING = Set.of("keyName", "key_name");

  /** The property holding the value. */
  static final String VALUE = "value";
}
