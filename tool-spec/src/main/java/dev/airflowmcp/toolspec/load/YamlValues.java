package dev.airflowmcp.toolspec.load;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Reads plain values out of YAML nodes resolved by {@link CoreSchemaResolver}. */
final class YamlValues {
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private YamlValues() {}

  /** What a node is, as a message fragment: "a string", "an integer", "a list", "null", ... */
  static String kind(Node node) {
    if (node instanceof MappingNode) {
      return "a map";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    Tag tag = node.getTag();
    if (Tag.NULL.equals(tag)) {
      return "null";
    }
    if (Tag.BOOL.equals(tag)) {
      return "a boolean";
    }
    if (Tag.INT.equals(tag)) {
      return "an integer";
    }
    if (Tag.FLOAT.equals(tag)) {
      return "a number";
    }
    return "a string";
  }

  static boolean isNull(Node node) {
    return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
  }

  /**
   * Whether a node is a string scalar. Scalars with a tag other than the core schema's are read as
   * strings too: their tag is reported once by {@link TreeChecks}, and a second "must be a string"
   * error would only confuse.
   */
  static boolean isString(Node node) {
    return node instanceof ScalarNode && "a string".equals(kind(node));
  }

  /** The text of a scalar node. */
  static String text(Node node) {
    return ((ScalarNode) node).getValue();
  }

  /**
   * A hint for a null where a value belongs, when the author probably meant the text {@code ~}
   * (Airflow's "all DAGs" wildcard), which YAML reads as null; otherwise {@code null}.
   */
  static String nullHint(Node node) {
    if (isNull(node) && "~".equals(text(node))) {
      return "write '~' in quotes for a literal tilde; a bare ~ is YAML's null";
    }
    return null;
  }

  /**
   * The Java value of a non-null scalar: {@link String}, {@link Long}, {@link Double} or {@link
   * Boolean}. Returns {@code null} after reporting INVALID_VALUE when the text does not fit its tag
   * (an integer out of range, a non-finite number, or an explicit {@code !!int} on non-digits).
   *
   * @param subject the message prefix naming the value, for example {@code 'maximum' in parameter
   *     'limit' of tool 'list_dags'}
   */
  static Object scalar(ScalarNode node, String subject, Reporter reporter) {
    Tag tag = node.getTag();
    String text = node.getValue();
    if (Tag.BOOL.equals(tag)) {
      if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
        return Boolean.valueOf(text.equalsIgnoreCase("true"));
      }
      reporter.error(
          node, SpecCodes.INVALID_VALUE, subject + " is not a valid boolean: '" + text + "'");
      return null;
    }
    if (Tag.INT.equals(tag)) {
      Long value = parseInteger(text);
      if (value == null) {
        reporter.error(
            node,
            SpecCodes.INVALID_VALUE,
            subject + " is not a valid 64-bit integer: '" + text + "'");
      }
      return value;
    }
    if (Tag.FLOAT.equals(tag)) {
      Double value = parseFinite(text);
      if (value == null) {
        reporter.error(
            node, SpecCodes.INVALID_VALUE, subject + " is not a finite number: '" + text + "'");
      }
      return value;
    }
    return text;
  }

  /** A whole number as a {@link Long} (JSON Schema counts {@code 2.0} as an integer), else null. */
  static Long asInteger(Object value) {
    if (value instanceof Long l) {
      return l;
    }
    if (value instanceof Double d
        && d == Math.rint(d)
        && d >= -9.007199254740992E15
        && d <= 9.007199254740992E15) {
      return d.longValue();
    }
    return null;
  }

  private static Long parseInteger(String text) {
    String digits = text;
    int radix = 10;
    if (text.startsWith("0o")) {
      digits = text.substring(2);
      radix = 8;
    } else if (text.startsWith("0x")) {
      digits = text.substring(2);
      radix = 16;
    } else if (text.startsWith("+")) {
      digits = text.substring(1);
    }
    try {
      BigInteger value = new BigInteger(digits, radix);
      if (value.compareTo(LONG_MIN) < 0 || value.compareTo(LONG_MAX) > 0) {
        return null;
      }
      return value.longValue();
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Double parseFinite(String text) {
    try {
      double value = Double.parseDouble(text);
      return Double.isFinite(value) ? value : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * A constant: a non-null scalar or a list of them, as {@code String}, {@code Long}, {@code
   * Double} or {@code Boolean}; reports and returns {@code null} otherwise.
   */
  static Object constant(Node node, String subject, Reporter reporter) {
    if (node instanceof SequenceNode list) {
      List<Object> items = new ArrayList<>();
      boolean ok = true;
      for (Node item : list.getValue()) {
        Object value = scalarConstant(item, "items of " + subject, "scalars", reporter);
        ok &= value != null;
        items.add(value);
      }
      return ok ? List.copyOf(items) : null;
    }
    return scalarConstant(node, subject, "a scalar or a list of scalars", reporter);
  }

  private static Object scalarConstant(
      Node node, String subject, String expected, Reporter reporter) {
    if (node instanceof ScalarNode scalar && !isNull(node)) {
      return scalar(scalar, subject, reporter);
    }
    reporter.error(
        node,
        SpecCodes.WRONG_TYPE,
        subject + " must be " + expected + ", got " + kind(node),
        nullHint(node));
    return null;
  }
}
