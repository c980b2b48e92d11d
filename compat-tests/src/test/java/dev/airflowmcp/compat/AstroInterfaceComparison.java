package dev.airflowmcp.compat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Compares astro-airflow-mcp's {@code tools/list} (as recorded in {@code
 * astro-interface/tools.json}) with ours, tool by tool: presence, argument names, JSON types (an
 * {@code anyOf} with {@code null} counts as a nullable type), defaults, required arguments and
 * annotations. Descriptions, titles and bounds are not compared.
 *
 * <p>Each difference is one stable line of text, such as {@code argument try_number: default 1 ->
 * none}, so that a checked-in baseline can list the allowed ones verbatim.
 */
final class AstroInterfaceComparison {

  /** The annotation hints astro sets on every tool. */
  static final List<String> HINTS =
      List.of("readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint");

  private AstroInterfaceComparison() {}

  /** What kind of property a difference concerns, for the per-tool table's columns. */
  enum Aspect {
    PRESENCE,
    ARGUMENTS,
    TYPES,
    DEFAULTS,
    REQUIRED,
    ANNOTATIONS
  }

  /** One difference of one tool. */
  record Difference(String tool, Aspect aspect, String text) {
    Difference {
      Objects.requireNonNull(tool, "tool");
      Objects.requireNonNull(aspect, "aspect");
      Objects.requireNonNull(text, "text");
    }

    @Override
    public String toString() {
      return tool + ": " + text;
    }
  }

  /** One argument's comparable facts. */
  record Argument(String type, boolean nullable, boolean hasDefault, JsonNode defaultValue) {
    String describeDefault() {
      return hasDefault ? defaultValue.toString() : "none";
    }
  }

  /**
   * Every difference, in astro's tool order, then our extra tools in our order.
   *
   * @param astro astro's tool entries ({@code name}, {@code inputSchema}, {@code annotations})
   * @param ours our {@code tools/list} entries
   */
  static List<Difference> compare(List<JsonNode> astro, List<JsonNode> ours) {
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    for (JsonNode tool : ours) {
      byName.put(tool.get("name").asString(), tool);
    }
    List<Difference> out = new ArrayList<>();
    Set<String> astroNames = new LinkedHashSet<>();
    for (JsonNode a : astro) {
      String name = a.get("name").asString();
      astroNames.add(name);
      JsonNode o = byName.get(name);
      if (o == null) {
        out.add(new Difference(name, Aspect.PRESENCE, "missing tool"));
        continue;
      }
      compareArguments(name, a.get("inputSchema"), o.get("inputSchema"), out);
      compareAnnotations(name, a.get("annotations"), o.get("annotations"), out);
    }
    for (String name : byName.keySet()) {
      if (!astroNames.contains(name)) {
        out.add(new Difference(name, Aspect.PRESENCE, "extra tool"));
      }
    }
    return out;
  }

  private static void compareArguments(
      String tool, JsonNode astroSchema, JsonNode ourSchema, List<Difference> out) {
    Map<String, Argument> a = arguments(astroSchema);
    Map<String, Argument> o = arguments(ourSchema);
    Set<String> aRequired = required(astroSchema);
    Set<String> oRequired = required(ourSchema);
    for (Map.Entry<String, Argument> e : a.entrySet()) {
      String arg = e.getKey();
      Argument x = e.getValue();
      Argument y = o.get(arg);
      if (y == null) {
        out.add(new Difference(tool, Aspect.ARGUMENTS, "removed argument " + arg));
        continue;
      }
      if (!x.type().equals(y.type())) {
        out.add(
            new Difference(
                tool, Aspect.TYPES, "argument " + arg + ": type " + x.type() + " -> " + y.type()));
      }
      if (x.nullable() != y.nullable()) {
        out.add(
            new Difference(
                tool,
                Aspect.TYPES,
                "argument " + arg + ": nullable " + x.nullable() + " -> " + y.nullable()));
      }
      if (x.hasDefault() != y.hasDefault()
          || (x.hasDefault() && !sameValue(x.defaultValue(), y.defaultValue()))) {
        out.add(
            new Difference(
                tool,
                Aspect.DEFAULTS,
                "argument "
                    + arg
                    + ": default "
                    + x.describeDefault()
                    + " -> "
                    + y.describeDefault()));
      }
      boolean xr = aRequired.contains(arg);
      boolean yr = oRequired.contains(arg);
      if (xr != yr) {
        out.add(
            new Difference(
                tool, Aspect.REQUIRED, "argument " + arg + ": required " + xr + " -> " + yr));
      }
    }
    for (Map.Entry<String, Argument> e : o.entrySet()) {
      String arg = e.getKey();
      if (a.containsKey(arg)) {
        continue;
      }
      Argument y = e.getValue();
      String facts =
          y.type()
              + (y.nullable() ? ", nullable" : "")
              + (y.hasDefault() ? ", default " + y.describeDefault() : ", no default");
      out.add(
          new Difference(
              tool,
              Aspect.ARGUMENTS,
              "added "
                  + (oRequired.contains(arg) ? "required " : "")
                  + "argument "
                  + arg
                  + " ("
                  + facts
                  + ")"));
    }
  }

  private static void compareAnnotations(
      String tool, JsonNode astro, JsonNode ours, List<Difference> out) {
    for (String hint : HINTS) {
      JsonNode x = astro == null ? null : astro.get(hint);
      JsonNode y = ours == null ? null : ours.get(hint);
      if (!Objects.equals(x, y)) {
        out.add(
            new Difference(
                tool,
                Aspect.ANNOTATIONS,
                "annotation " + hint + ": " + show(x) + " -> " + show(y)));
      }
    }
  }

  /** The arguments of an input schema, in schema order. */
  static Map<String, Argument> arguments(JsonNode schema) {
    Map<String, Argument> out = new LinkedHashMap<>();
    JsonNode properties = schema == null ? null : schema.get("properties");
    if (properties == null) {
      return out;
    }
    for (Map.Entry<String, JsonNode> e : properties.properties()) {
      out.put(e.getKey(), argument(e.getValue()));
    }
    return out;
  }

  /** A property's type (arrays as {@code array<item>}), nullability and default. */
  static Argument argument(JsonNode property) {
    boolean nullable = false;
    List<String> types = new ArrayList<>();
    JsonNode anyOf = property.get("anyOf");
    if (anyOf != null && anyOf.isArray()) {
      for (JsonNode alternative : anyOf) {
        if ("null".equals(text(alternative.get("type")))) {
          nullable = true;
        } else {
          types.add(typeOf(alternative));
        }
      }
    } else {
      JsonNode type = property.get("type");
      if (type != null && type.isArray()) {
        for (JsonNode t : type) {
          if ("null".equals(t.asString())) {
            nullable = true;
          } else {
            types.add(t.asString());
          }
        }
      } else {
        types.add(typeOf(property));
      }
    }
    String type = types.size() == 1 ? types.get(0) : "anyOf" + types;
    JsonNode def = property.get("default");
    return new Argument(type, nullable, def != null, def);
  }

  private static String typeOf(JsonNode schema) {
    String type = text(schema.get("type"));
    if ("array".equals(type)) {
      JsonNode items = schema.get("items");
      return "array<" + (items == null ? "any" : text(items.get("type"))) + ">";
    }
    return type == null ? "any" : type;
  }

  private static Set<String> required(JsonNode schema) {
    Set<String> out = new LinkedHashSet<>();
    JsonNode required = schema == null ? null : schema.get("required");
    if (required != null) {
      for (JsonNode r : required) {
        out.add(r.asString());
      }
    }
    return out;
  }

  /** Equal JSON values, with 3 and 3.0 counted as equal. */
  private static boolean sameValue(JsonNode x, JsonNode y) {
    if (x.isNumber() && y.isNumber()) {
      return x.decimalValue().compareTo(y.decimalValue()) == 0;
    }
    return x.equals(y);
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asString();
  }

  private static String show(JsonNode node) {
    return node == null ? "none" : node.toString();
  }
}
