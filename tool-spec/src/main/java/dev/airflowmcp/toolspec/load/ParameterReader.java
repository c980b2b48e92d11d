package dev.airflowmcp.toolspec.load;

import dev.airflowmcp.common.DidYouMean;
import dev.airflowmcp.toolspec.ParameterDef;
import dev.airflowmcp.toolspec.ParameterType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the {@code parameters:} list of one tool and checks each parameter on its own: type names,
 * {@code items} for arrays, defaults and enum values of the declared type, bounds, and the {@code
 * hidden} rules.
 */
final class ParameterReader {
  static final List<String> KEYS =
      List.of(
          "name",
          "type",
          "items",
          "description",
          "required",
          "nullable",
          "default",
          "enum",
          "minimum",
          "maximum",
          "hidden");

  private static final List<String> TYPE_NAMES =
      Arrays.stream(ParameterType.values()).map(ParameterType::jsonName).toList();

  /** Spellings from other languages that edit distance would not catch. */
  private static final Map<String, ParameterType> TYPE_SYNONYMS =
      Map.ofEntries(
          Map.entry("int", ParameterType.INTEGER),
          Map.entry("long", ParameterType.INTEGER),
          Map.entry("str", ParameterType.STRING),
          Map.entry("text", ParameterType.STRING),
          Map.entry("bool", ParameterType.BOOLEAN),
          Map.entry("float", ParameterType.NUMBER),
          Map.entry("double", ParameterType.NUMBER),
          Map.entry("list", ParameterType.ARRAY),
          Map.entry("dict", ParameterType.OBJECT),
          Map.entry("map", ParameterType.OBJECT));

  private final Reporter reporter;

  ParameterReader(Reporter reporter) {
    this.reporter = reporter;
  }

  /**
   * The names of all parameter entries that have a string name, whatever else is wrong with them,
   * so that bindings are checked against what the author declared.
   */
  static Set<String> declaredNames(SequenceNode list) {
    Set<String> names = new LinkedHashSet<>();
    if (list != null) {
      for (Node item : list.getValue()) {
        String name = YamlMap.peekName(item, "name");
        if (name != null) {
          names.add(name);
        }
      }
    }
    return names;
  }

  /**
   * @param list the {@code parameters:} node, or {@code null} when absent
   * @param toolLabel the tool in messages, for example {@code tool 'list_dags'}
   */
  List<ParameterDef> read(SequenceNode list, String toolLabel) {
    List<ParameterDef> result = new ArrayList<>();
    if (list == null) {
      return result;
    }
    Map<String, Node> firstByName = new HashMap<>();
    int index = 0;
    for (Node item : list.getValue()) {
      index++;
      if (!(item instanceof MappingNode map)) {
        reporter.error(
            item,
            SpecCodes.WRONG_TYPE,
            "items of 'parameters' in "
                + toolLabel
                + " must be maps, got "
                + YamlValues.kind(item));
        continue;
      }
      ParameterDef parameter = readParameter(map, index, toolLabel);
      if (parameter == null) {
        continue;
      }
      Node first = firstByName.putIfAbsent(parameter.name(), map);
      if (first != null) {
        reporter.error(
            YamlMap.peekValue(map, "name"),
            SpecCodes.DUPLICATE_PARAMETER,
            "duplicate parameter '"
                + parameter.name()
                + "' in "
                + toolLabel
                + "; first declared at line "
                + reporter.at(first).line());
      } else {
        result.add(parameter);
      }
    }
    return result;
  }

  private ParameterDef readParameter(MappingNode node, int index, String toolLabel) {
    String peeked = YamlMap.peekName(node, "name");
    String label = peeked != null ? "'" + peeked + "'" : "#" + index;
    YamlMap p = new YamlMap(node, "in parameter " + label + " of " + toolLabel, KEYS, reporter);
    Checker c = new Checker(p, label + " in " + toolLabel);

    String name = p.requiredText("name");
    ParameterType type = c.type();
    ParameterType itemType = c.itemType(type);
    String description = p.optionalText("description");
    boolean required = p.flag("required", false);
    boolean nullable = p.flag("nullable", false);
    boolean hidden = p.flag("hidden", false);
    Number minimum = c.bound("minimum", type);
    Number maximum = c.bound("maximum", type);
    // The value type of defaults and enum values: the item type for arrays; null when unknown.
    ParameterType valueType = type == ParameterType.ARRAY ? itemType : type;
    List<Object> enumValues = c.enumValues(type, valueType);
    Object defaultValue = c.defaultValue(type, valueType);

    c.checkBounds(minimum, maximum, defaultValue, enumValues);
    c.checkDefaultInEnum(defaultValue, enumValues);
    if (hidden && !p.has("default")) {
      reporter.error(
          p.value("hidden"),
          SpecCodes.INVALID_VALUE,
          c.subject + ": a hidden parameter needs a default");
    }
    if (hidden && required) {
      reporter.error(
          p.value("hidden"),
          SpecCodes.INVALID_VALUE,
          c.subject + ": a hidden parameter cannot be required");
    }
    if (name == null || type == null) {
      return null;
    }
    return new ParameterDef(
        reporter.at(node),
        name,
        type,
        itemType,
        description,
        required,
        nullable,
        defaultValue,
        enumValues,
        minimum,
        maximum,
        hidden);
  }

  /** The checks of one parameter, sharing its map and its message subject. */
  private final class Checker {
    private final YamlMap p;

    /** For example {@code 'limit' in tool 'list_dags'}. */
    private final String subject;

    /** The value nodes of the enum values, parallel to the values. */
    private final List<Node> enumNodes = new ArrayList<>();

    Checker(YamlMap p, String subject) {
      this.p = p;
      this.subject = subject;
    }

    ParameterType type() {
      String text = p.requiredText("type");
      return text == null ? null : typeNamed(text, "type");
    }

    ParameterType itemType(ParameterType type) {
      if (!p.has("items")) {
        if (type == ParameterType.ARRAY) {
          p.missing("items");
        }
        return null;
      }
      if (type != null && type != ParameterType.ARRAY) {
        reporter.error(
            p.keyNode("items"),
            SpecCodes.INVALID_VALUE,
            subject + ": items is only allowed for arrays, not for " + type.jsonName());
        return null;
      }
      String text = p.optionalName("items");
      ParameterType itemType = text == null ? null : typeNamed(text, "item type");
      if (itemType == ParameterType.ARRAY || itemType == ParameterType.OBJECT) {
        reporter.error(
            p.value("items"),
            SpecCodes.INVALID_VALUE,
            subject + ": items must be string, integer, number or boolean, got '" + text + "'");
        return null;
      }
      return itemType;
    }

    private ParameterType typeNamed(String text, String what) {
      ParameterType type = ParameterType.fromJsonName(text);
      if (type == null) {
        ParameterType synonym = TYPE_SYNONYMS.get(text.toLowerCase(Locale.ROOT));
        String hint =
            synonym != null
                ? "did you mean '" + synonym.jsonName() + "'?"
                : DidYouMean.hint(text, TYPE_NAMES);
        String key = what.equals("type") ? "type" : "items";
        reporter.error(
            p.value(key),
            SpecCodes.INVALID_VALUE,
            "unknown " + what + " '" + text + "' " + p.where(),
            hint);
      }
      return type;
    }

    Number bound(String key, ParameterType type) {
      if (!p.has(key)) {
        return null;
      }
      if (type != null && type != ParameterType.INTEGER && type != ParameterType.NUMBER) {
        reporter.error(
            p.keyNode(key),
            SpecCodes.INVALID_VALUE,
            subject + ": " + key + " is only allowed for integer and number parameters");
        return null;
      }
      return p.optionalNumber(key);
    }

    List<Object> enumValues(ParameterType type, ParameterType valueType) {
      SequenceNode list = p.optionalList("enum");
      List<Object> values = new ArrayList<>();
      if (list == null) {
        return values;
      }
      if (type == ParameterType.OBJECT) {
        reporter.error(
            list, SpecCodes.INVALID_VALUE, subject + ": object parameters cannot have an enum");
        return values;
      }
      if (list.getValue().isEmpty()) {
        reporter.error(list, SpecCodes.INVALID_VALUE, subject + ": enum must not be empty");
        return values;
      }
      if (valueType == null) {
        return values; // the type is wrong or missing, which is reported already
      }
      for (Node item : list.getValue()) {
        Object value = scalarOf(item, valueType, "enum value");
        if (value == null) {
          continue;
        }
        if (values.stream().anyMatch(v -> sameValue(v, value))) {
          reporter.error(
              item,
              SpecCodes.INVALID_VALUE,
              subject + ": enum value " + show(value) + " is listed twice");
          continue;
        }
        values.add(value);
        enumNodes.add(item);
      }
      return values;
    }

    Object defaultValue(ParameterType type, ParameterType valueType) {
      Node node = p.value("default");
      if (node == null || type == null) {
        return null;
      }
      if (type == ParameterType.OBJECT) {
        reporter.error(
            node, SpecCodes.INVALID_VALUE, subject + ": object parameters cannot have a default");
        return null;
      }
      if (valueType == null) {
        return null; // an array without a usable item type, reported already
      }
      if (type != ParameterType.ARRAY) {
        return scalarOf(node, valueType, "default");
      }
      if (!(node instanceof SequenceNode list)) {
        reporter.error(
            node,
            SpecCodes.WRONG_TYPE,
            subject
                + ": default must be a list of "
                + plural(valueType)
                + ", got "
                + YamlValues.kind(node),
            YamlValues.nullHint(node));
        return null;
      }
      List<Object> items = new ArrayList<>();
      boolean ok = true;
      for (Node item : list.getValue()) {
        Object value = scalarOf(item, valueType, "default item");
        ok &= value != null;
        items.add(value);
      }
      return ok ? List.copyOf(items) : null;
    }

    /**
     * A scalar of one of the four value types; reports WRONG_TYPE in the form {@code 'limit' in
     * tool 'x': default must be an integer, got a string} and returns {@code null} on mismatch.
     */
    private Object scalarOf(Node node, ParameterType type, String what) {
      Object value = null;
      if (node instanceof ScalarNode scalar && !YamlValues.isNull(node)) {
        value = YamlValues.scalar(scalar, subject + ": " + what, reporter);
        if (value == null) {
          return null; // malformed number, reported by YamlValues
        }
        value = ofType(value, type);
      }
      if (value == null) {
        reporter.error(
            node,
            SpecCodes.WRONG_TYPE,
            subject + ": " + what + " must be " + article(type) + ", got " + YamlValues.kind(node),
            YamlValues.nullHint(node));
      }
      return value;
    }

    void checkBounds(Number minimum, Number maximum, Object defaultValue, List<Object> enumValues) {
      if (minimum != null && maximum != null && compare(minimum, maximum) > 0) {
        reporter.error(
            p.value("maximum"),
            SpecCodes.INVALID_VALUE,
            subject + ": minimum " + show(minimum) + " is greater than maximum " + show(maximum));
        return;
      }
      if (defaultValue instanceof Number n) {
        checkWithin(n, p.value("default"), "default", minimum, maximum);
      }
      for (int i = 0; i < enumValues.size(); i++) {
        if (enumValues.get(i) instanceof Number n) {
          checkWithin(n, enumNodes.get(i), "enum value", minimum, maximum);
        }
      }
    }

    private void checkWithin(Number n, Node node, String what, Number minimum, Number maximum) {
      if (minimum != null && compare(n, minimum) < 0) {
        reporter.error(
            node,
            SpecCodes.INVALID_VALUE,
            subject + ": " + what + " " + show(n) + " is below minimum " + show(minimum));
      } else if (maximum != null && compare(n, maximum) > 0) {
        reporter.error(
            node,
            SpecCodes.INVALID_VALUE,
            subject + ": " + what + " " + show(n) + " is above maximum " + show(maximum));
      }
    }

    void checkDefaultInEnum(Object defaultValue, List<Object> enumValues) {
      if (defaultValue == null || enumValues.isEmpty()) {
        return;
      }
      Node node = p.value("default");
      if (defaultValue instanceof List<?> items) {
        List<Node> itemNodes = ((SequenceNode) node).getValue();
        for (int i = 0; i < items.size(); i++) {
          Object item = items.get(i);
          if (enumValues.stream().noneMatch(v -> sameValue(v, item))) {
            reporter.error(
                itemNodes.get(i),
                SpecCodes.INVALID_VALUE,
                subject + ": default item " + show(item) + " is not one of the enum values");
          }
        }
      } else if (enumValues.stream().noneMatch(v -> sameValue(v, defaultValue))) {
        reporter.error(
            node,
            SpecCodes.INVALID_VALUE,
            subject + ": default " + show(defaultValue) + " is not one of the enum values");
      }
    }
  }

  /** The value as the given scalar type, or {@code null} when it is of another type. */
  private static Object ofType(Object value, ParameterType type) {
    return switch (type) {
      case STRING -> value instanceof String ? value : null;
      case INTEGER -> YamlValues.asInteger(value);
      case NUMBER -> value instanceof Number ? value : null;
      case BOOLEAN -> value instanceof Boolean ? value : null;
      case ARRAY, OBJECT -> throw new IllegalArgumentException("not a scalar type: " + type);
    };
  }

  private static String article(ParameterType type) {
    return switch (type) {
      case INTEGER, ARRAY, OBJECT -> "an " + type.jsonName();
      default -> "a " + type.jsonName();
    };
  }

  private static String plural(ParameterType type) {
    return type.jsonName() + "s";
  }

  private static boolean sameValue(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return compare(x, y) == 0;
    }
    return a.equals(b);
  }

  private static int compare(Number a, Number b) {
    return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString()));
  }

  private static String show(Object value) {
    return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
  }
}
