package dev.airflowmcp.runtime.generated;

import dev.airflowmcp.common.DidYouMean;
import dev.airflowmcp.runtime.tool.InvalidArgumentsException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads raw MCP arguments into typed values for a generated argument record, collecting every
 * problem. Lenient where models commonly are (numeric strings, {@code "true"}, {@code null} for an
 * optional argument) and strict where it matters (unknown names, bounds, enum values).
 *
 * <p>Type mapping: {@code string → String}, {@code integer → Long}, {@code number → Double},
 * {@code boolean → Boolean}, {@code array → List}, {@code object → Map<String, Object>}.
 */
public final class ArgumentReader {
  private final Map<String, Object> raw;
  private final List<String> problems = new ArrayList<>();

  private ArgumentReader(Map<String, Object> raw, Set<String> known) {
    this.raw = raw == null ? Map.of() : raw;
    for (String name : this.raw.keySet()) {
      if (!known.contains(name)) {
        problems.add("unknown argument '" + name + "'" + suggestion(name, known));
      }
    }
  }

  /** Starts reading; names not in {@code known} are reported as unknown. */
  public static ArgumentReader of(Map<String, Object> raw, Set<String> known) {
    return new ArgumentReader(raw, known);
  }

  /** Throws when any problem was found; call after reading every argument. */
  public void finish() throws InvalidArgumentsException {
    if (!problems.isEmpty()) {
      throw new InvalidArgumentsException(problems);
    }
  }

  public String string(String name, boolean required, String defaultValue, List<String> allowed) {
    Object v = present(name, required);
    if (v == null) {
      return defaultValue;
    }
    if (!(v instanceof String s)) {
      if (v instanceof Number || v instanceof Boolean) {
        return checkEnum(name, String.valueOf(v), allowed);
      }
      return wrongType(name, "a string", v);
    }
    if (required && s.isEmpty()) {
      problems.add("argument '" + name + "' must not be empty");
      return null;
    }
    return checkEnum(name, s, allowed);
  }

  public Long integer(String name, boolean required, Long defaultValue, Long min, Long max) {
    Object v = present(name, required);
    if (v == null) {
      return defaultValue;
    }
    Long value = toLong(v);
    if (value == null) {
      return wrongType(name, "an integer", v);
    }
    return checkBounds(name, value, min, max) ? value : null;
  }

  public Double number(String name, boolean required, Double defaultValue, Double min, Double max) {
    Object v = present(name, required);
    if (v == null) {
      return defaultValue;
    }
    Double value = toDouble(v);
    if (value == null) {
      return wrongType(name, "a number", v);
    }
    boolean ok = true;
    if (min != null && value < min) {
      problems.add("argument '" + name + "' must be at least " + plain(min) + ", got " + plain(value));
      ok = false;
    }
    if (max != null && value > max) {
      problems.add("argument '" + name + "' must be at most " + plain(max) + ", got " + plain(value));
      ok = false;
    }
    return ok ? value : null;
  }

  public Boolean bool(String name, boolean required, Boolean defaultValue) {
    Object v = present(name, required);
    if (v == null) {
      return defaultValue;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof String s) {
      String t = s.trim().toLowerCase(Locale.ROOT);
      if (t.equals("true")) {
        return Boolean.TRUE;
      }
      if (t.equals("false")) {
        return Boolean.FALSE;
      }
    }
    return wrongType(name, "a boolean", v);
  }

  public List<String> stringList(String name, boolean required, List<String> allowed) {
    Object v = present(name, required);
    if (v == null) {
      return null;
    }
    if (!(v instanceof List<?> list)) {
      return wrongType(name, "an array of strings", v);
    }
    List<String> out = new ArrayList<>();
    for (Object item : list) {
      if (!(item instanceof String s)) {
        return wrongType(name, "an array of strings", v);
      }
      if (!allowed.isEmpty() && !allowed.contains(s)) {
        problems.add(
            "argument '" + name + "' has '" + s + "', which is not one of " + allowed);
        return null;
      }
      out.add(s);
    }
    return Collections.unmodifiableList(out);
  }

  public List<Long> integerList(String name, boolean required) {
    Object v = present(name, required);
    if (v == null) {
      return null;
    }
    if (!(v instanceof List<?> list)) {
      return wrongType(name, "an array of integers", v);
    }
    List<Long> out = new ArrayList<>();
    for (Object item : list) {
      Long l = toLong(item);
      if (l == null) {
        return wrongType(name, "an array of integers", v);
      }
      out.add(l);
    }
    return Collections.unmodifiableList(out);
  }

  public Map<String, Object> object(String name, boolean required) {
    Object v = present(name, required);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Map<?, ?> m)) {
      return wrongType(name, "an object", v);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      out.put(String.valueOf(e.getKey()), e.getValue());
    }
    return Collections.unmodifiableMap(out);
  }

  private Object present(String name, boolean required) {
    Object v = raw.get(name);
    if (v == null && required) {
      problems.add("missing required argument '" + name + "'");
    }
    return v;
  }

  private String checkEnum(String name, String value, List<String> allowed) {
    if (!allowed.isEmpty() && !allowed.contains(value)) {
      problems.add(
          "argument '" + name + "' must be one of " + allowed + ", got '" + value + "'");
      return null;
    }
    return value;
  }

  private boolean checkBounds(String name, long value, Long min, Long max) {
    if (min != null && value < min) {
      problems.add("argument '" + name + "' must be at least " + min + ", got " + value);
      return false;
    }
    if (max != null && value > max) {
      problems.add("argument '" + name + "' must be at most " + max + ", got " + value);
      return false;
    }
    return true;
  }

  private <T> T wrongType(String name, String expected, Object actual) {
    problems.add(
        "argument '" + name + "' must be " + expected + ", got " + describe(actual));
    return null;
  }

  private static String describe(Object v) {
    if (v instanceof String) {
      return "a string";
    }
    if (v instanceof Boolean) {
      return "a boolean";
    }
    if (v instanceof Number) {
      return "a number";
    }
    if (v instanceof List) {
      return "an array";
    }
    if (v instanceof Map) {
      return "an object";
    }
    return v.getClass().getSimpleName();
  }

  private static Long toLong(Object v) {
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Number n) {
      double d = n.doubleValue();
      if (d == Math.rint(d) && Math.abs(d) < 9.0e15) {
        return (long) d;
      }
      return null;
    }
    if (v instanceof String s) {
      try {
        return Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static Double toDouble(Object v) {
    if (v instanceof Number n) {
      double d = n.doubleValue();
      return Double.isFinite(d) ? d : null;
    }
    if (v instanceof String s) {
      try {
        double d = Double.parseDouble(s.trim());
        return Double.isFinite(d) ? d : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static String plain(double d) {
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }

  private static String suggestion(String name, Set<String> known) {
    String hint = DidYouMean.hint(name, known);
    return hint == null ? "" : " (" + hint + ")";
  }
}
