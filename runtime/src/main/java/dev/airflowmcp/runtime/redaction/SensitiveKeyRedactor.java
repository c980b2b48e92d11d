package dev.airflowmcp.runtime.redaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Airflow's sensitive-key rule alone, failing closed: a field whose normalised name contains a
 * sensitive word has its value masked, whatever its type and at any depth (Airflow masks only
 * strings). Free text is left as it is. The server uses {@link AirflowRedactor}, which adds JSON
 * inside strings, registered values and detectors; this class remains for vendors who want only the
 * key rule.
 */
public final class SensitiveKeyRedactor implements Redactor {

  /** Airflow's default sensitive field names (substring match on the normalised key). */
  public static final List<String> AIRFLOW_SENSITIVE_KEYS = SensitiveKeys.AIRFLOW_DEFAULTS;

  /** The one key rule of the package: the same normaliser, camelCase split included. */
  private final SensitiveKeys keys;

  /** The Airflow defaults plus {@code extraKeys}. */
  public SensitiveKeyRedactor(List<String> extraKeys) {
    this.keys = new SensitiveKeys(extraKeys);
  }

  public SensitiveKeyRedactor() {
    this(List.of());
  }

  /** Whether a field of this name holds a secret ({@link SensitiveKeys#isSensitive}). */
  public boolean isSensitive(String key, List<String> extra) {
    return keys.isSensitive(key, extra);
  }

  @Override
  public JsonNode redact(JsonNode node, List<String> sensitiveFields) {
    walk(node, sensitiveFields);
    return node;
  }

  private void walk(JsonNode node, List<String> extra) {
    if (node instanceof ObjectNode object) {
      List<String> names = new ArrayList<>(object.propertyNames());
      for (String name : names) {
        JsonNode value = object.get(name);
        if (isSensitive(name, extra) && !isHarmless(value)) {
          object.set(name, maskAll(value));
        } else {
          walk(value, extra);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (JsonNode item : array) {
        walk(item, extra);
      }
    }
  }

  /** Null, empty and already-masked values stay as they are, so results keep their meaning. */
  private static boolean isHarmless(JsonNode value) {
    if (value == null || value.isNull()) {
      return true;
    }
    if (value.isString()) {
      String s = value.asString();
      return s.isEmpty() || s.equals(MASK) || s.equals("< hidden >");
    }
    return false;
  }

  private static JsonNode maskAll(JsonNode value) {
    if (value instanceof ObjectNode object) {
      for (Map.Entry<String, JsonNode> e : new ArrayList<>(object.properties())) {
        object.set(e.getKey(), isHarmless(e.getValue()) ? e.getValue() : maskAll(e.getValue()));
      }
      return object;
    }
    if (value instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        JsonNode item = array.get(i);
        array.set(i, isHarmless(item) ? item : maskAll(item));
      }
      return array;
    }
    return StringNode.valueOf(MASK);
  }

  @Override
  public String redactText(String text) {
    return text;
  }
}
