package dev.airflowmcp.toolspec.load;

import dev.airflowmcp.common.DidYouMean;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * One YAML map of the spec, read with its context: reports duplicate keys and (for maps with a
 * fixed set of keys) unknown keys when created, then offers typed getters that report missing keys
 * and wrong types. Every message names the map through {@code where}, for example {@code in tool
 * 'list_dags'} or {@code at the top level}.
 */
final class YamlMap {

  /** One key of a map, with the node of the key and of its value. */
  record Entry(String key, ScalarNode keyNode, Node value) {}

  private final MappingNode node;
  private final String where;
  private final Reporter reporter;
  private final Map<String, Entry> entries = new LinkedHashMap<>();

  /**
   * @param allowedKeys the keys the format defines here, or {@code null} when keys are free (for
   *     example Airflow parameter names)
   */
  YamlMap(MappingNode node, String where, Collection<String> allowedKeys, Reporter reporter) {
    this.node = node;
    this.where = where;
    this.reporter = reporter;
    for (NodeTuple tuple : node.getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode keyNode) || TreeChecks.isMergeKey(keyNode)) {
        continue; // reported once for the whole tree by TreeChecks
      }
      String key = keyNode.getValue();
      Entry first = entries.get(key);
      if (first != null) {
        reporter.error(
            keyNode,
            SpecCodes.DUPLICATE_KEY,
            "duplicate key '"
                + key
                + "' "
                + where
                + "; first defined at line "
                + reporter.at(first.keyNode()).line());
      } else if (allowedKeys != null && !allowedKeys.contains(key)) {
        reporter.error(
            keyNode,
            SpecCodes.UNKNOWN_KEY,
            "unknown key '" + key + "' " + where,
            DidYouMean.hint(key, allowedKeys));
      } else {
        entries.put(key, new Entry(key, keyNode, tuple.getValueNode()));
      }
    }
  }

  /**
   * The value node of {@code key} in a map node, read without reporting anything (the first one
   * when the key is duplicated), or {@code null}.
   */
  static Node peekValue(Node node, String key) {
    if (node instanceof MappingNode map) {
      for (NodeTuple tuple : map.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
          return tuple.getValueNode();
        }
      }
    }
    return null;
  }

  /**
   * The text of {@code key} when it is a non-blank string, read without reporting anything; used to
   * name a map (a tool, a parameter) in messages before it is read.
   */
  static String peekName(Node node, String key) {
    Node value = peekValue(node, key);
    if (YamlValues.isString(value) && !YamlValues.text(value).isBlank()) {
      return YamlValues.text(value);
    }
    return null;
  }

  String where() {
    return where;
  }

  /** The message prefix naming one key of this map, for example {@code 'write' in tool 'x'}. */
  String subject(String key) {
    return "'" + key + "' " + where;
  }

  /** The accepted entries in file order (duplicates and unknown keys left out). */
  List<Entry> entries() {
    return new ArrayList<>(entries.values());
  }

  boolean has(String key) {
    return entries.containsKey(key);
  }

  /** The value node of {@code key}, or {@code null} when absent. */
  Node value(String key) {
    Entry e = entries.get(key);
    return e == null ? null : e.value();
  }

  /** The key node of {@code key}, or {@code null} when absent. */
  ScalarNode keyNode(String key) {
    Entry e = entries.get(key);
    return e == null ? null : e.keyNode();
  }

  void missing(String key) {
    reporter.error(node, SpecCodes.MISSING_KEY, "missing key '" + key + "' " + where);
  }

  void wrongType(String key, Node value, String expected) {
    reporter.error(
        value,
        SpecCodes.WRONG_TYPE,
        subject(key) + " must be " + expected + ", got " + YamlValues.kind(value),
        YamlValues.nullHint(value));
  }

  /** A required string that is not blank; {@code null} (reported) when absent or invalid. */
  String requiredText(String key) {
    if (!has(key)) {
      missing(key);
      return null;
    }
    return nonBlankText(key);
  }

  /** An optional string that must not be blank when present (an identifier, a field name). */
  String optionalName(String key) {
    return has(key) ? nonBlankText(key) : null;
  }

  /** An optional string of free text; empty is allowed. */
  String optionalText(String key) {
    Node value = value(key);
    if (value == null) {
      return null;
    }
    if (!YamlValues.isString(value)) {
      wrongType(key, value, "a string");
      return null;
    }
    return YamlValues.text(value);
  }

  private String nonBlankText(String key) {
    String text = optionalText(key);
    if (text != null && text.isBlank()) {
      reporter.error(value(key), SpecCodes.INVALID_VALUE, subject(key) + " must not be empty");
      return null;
    }
    return text;
  }

  /** An optional boolean; {@code null} when absent or invalid (reported). */
  Boolean optionalBoolean(String key) {
    Node value = value(key);
    if (value == null) {
      return null;
    }
    if (!(value instanceof ScalarNode scalar) || !"a boolean".equals(YamlValues.kind(value))) {
      wrongType(key, value, "a boolean");
      return null;
    }
    return (Boolean) YamlValues.scalar(scalar, subject(key), reporter);
  }

  /** An optional boolean with a default. */
  boolean flag(String key, boolean defaultValue) {
    Boolean value = optionalBoolean(key);
    return value == null ? defaultValue : value;
  }

  /** An optional whole number; {@code null} when absent or invalid (reported). */
  Long optionalInteger(String key) {
    Node value = value(key);
    if (value == null) {
      return null;
    }
    Number number = numberOf(key, value, "an integer");
    if (number == null) {
      return null;
    }
    Long whole = YamlValues.asInteger(number);
    if (whole == null) {
      reporter.error(
          value,
          SpecCodes.WRONG_TYPE,
          subject(key) + " must be an integer, got " + YamlValues.kind(value));
    }
    return whole;
  }

  /** An optional number ({@link Long} or {@link Double}); {@code null} when absent or invalid. */
  Number optionalNumber(String key) {
    Node value = value(key);
    return value == null ? null : numberOf(key, value, "a number");
  }

  private Number numberOf(String key, Node value, String expected) {
    String kind = YamlValues.kind(value);
    if (!(value instanceof ScalarNode scalar)
        || !("an integer".equals(kind) || "a number".equals(kind))) {
      wrongType(key, value, expected);
      return null;
    }
    return (Number) YamlValues.scalar(scalar, subject(key), reporter);
  }

  /** An optional map; {@code null} when absent or not a map (reported). */
  MappingNode optionalMap(String key) {
    Node value = value(key);
    if (value == null) {
      return null;
    }
    if (!(value instanceof MappingNode map)) {
      wrongType(key, value, "a map");
      return null;
    }
    return map;
  }

  /** A required map; {@code null} when absent or not a map (reported). */
  MappingNode requiredMap(String key) {
    if (!has(key)) {
      missing(key);
      return null;
    }
    return optionalMap(key);
  }

  /** An optional list; {@code null} when absent or not a list (reported). */
  SequenceNode optionalList(String key) {
    Node value = value(key);
    if (value == null) {
      return null;
    }
    if (!(value instanceof SequenceNode list)) {
      wrongType(key, value, "a list");
      return null;
    }
    return list;
  }

  /** A required list; {@code null} when absent or not a list (reported). */
  SequenceNode requiredList(String key) {
    if (!has(key)) {
      missing(key);
      return null;
    }
    return optionalList(key);
  }

  /**
   * An optional list of non-blank strings; empty when absent. Each bad item is reported at the item
   * and left out.
   */
  List<String> nameList(String key) {
    SequenceNode list = optionalList(key);
    List<String> names = new ArrayList<>();
    if (list == null) {
      return names;
    }
    for (Node item : list.getValue()) {
      if (!YamlValues.isString(item)) {
        reporter.error(
            item,
            SpecCodes.WRONG_TYPE,
            "items of " + subject(key) + " must be strings, got " + YamlValues.kind(item),
            YamlValues.nullHint(item));
      } else if (YamlValues.text(item).isBlank()) {
        reporter.error(
            item, SpecCodes.INVALID_VALUE, "items of " + subject(key) + " must not be empty");
      } else {
        names.add(YamlValues.text(item));
      }
    }
    return names;
  }
}
