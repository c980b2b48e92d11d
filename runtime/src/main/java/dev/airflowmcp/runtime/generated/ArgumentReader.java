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
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads raw MCP arguments into typed values for a generated argument record, collecting every
 * problem. Lenient where models commonly are (numeric strings, {@code "true"}, {@code null} for an
 * optional argument) and strict where it matters (unknown names, bounds, enum values).
 *
 * <p>Type mapping: {@code string → String}, {@code integer → Long}, {@code number → Double}, {@code
 * boolean → Boolean}, {@code array → List}, {@code object → Map<String, Object>}.
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
      problems.add(
          "argument '" + name + "' must be at least " + plain(min) + ", got " + plain(value));
      ok = false;
    }
    if (max != null && value > max) {
      problems.add(
          "argument '" + name + "' must be at most " + plain(max) + ", got " + plain(value));
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
        problems.add("argument '" + name + "' has '" + s + "', which is not one of " + allowed);
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

  /**
   * Reads every argument with {@code read} and throws when any problem was found: the whole of a
   * generated {@code parseArguments}.
   */
  public static <A> A parse(
      Map<String, Object> raw, Set<String> known, Function<ArgumentReader, A> read)
      throws InvalidArgumentsException {
    ArgumentReader reader = of(raw, known);
    A arguments = read.apply(reader);
    reader.finish();
    return arguments;
  }

  /** A string argument; say {@code required()}, {@code optional()} or {@code orElse(...)}. */
  public StringArgument string(String name) {
    return new StringArgument(name, List.of());
  }

  /** An integer argument; bounds first, then whether it is required. */
  public IntegerArgument integer(String name) {
    return new IntegerArgument(name, null, null);
  }

  /** A number argument; bounds first, then whether it is required. */
  public NumberArgument number(String name) {
    return new NumberArgument(name, null, null);
  }

  /** A boolean argument. */
  public BooleanArgument bool(String name) {
    return new BooleanArgument(name);
  }

  /** An array-of-strings argument. */
  public StringListArgument strings(String name) {
    return new StringListArgument(name, List.of());
  }

  /** An array-of-integers argument. */
  public IntegerListArgument integers(String name) {
    return new IntegerListArgument(name);
  }

  /** An object argument. */
  public ObjectArgument object(String name) {
    return new ObjectArgument(name);
  }

  /** A string argument being read: its allowed values, then whether it is required. */
  public final class StringArgument {
    private final String name;
    private final List<String> allowed;

    private StringArgument(String name, List<String> allowed) {
      this.name = name;
      this.allowed = allowed;
    }

    /** Only these values are accepted. */
    public StringArgument oneOf(String... values) {
      return new StringArgument(name, List.of(values));
    }

    /** The value; missing or empty is a problem. */
    public String required() {
      return string(name, true, null, allowed);
    }

    /** The value, or {@code null} when absent. */
    public String optional() {
      return string(name, false, null, allowed);
    }

    /** The value, or {@code value} when absent. */
    public String orElse(String value) {
      return string(name, false, value, allowed);
    }
  }

  /** An integer argument being read: its bounds, then whether it is required. */
  public final class IntegerArgument {
    private final String name;
    private final Long min;
    private final Long max;

    private IntegerArgument(String name, Long min, Long max) {
      this.name = name;
      this.min = min;
      this.max = max;
    }

    /** Values below {@code min} are refused. */
    public IntegerArgument atLeast(long min) {
      return new IntegerArgument(name, min, max);
    }

    /** Values above {@code max} are refused. */
    public IntegerArgument atMost(long max) {
      return new IntegerArgument(name, min, max);
    }

    /** Values outside {@code min..max} are refused. */
    public IntegerArgument between(long min, long max) {
      return new IntegerArgument(name, min, max);
    }

    /** The value; missing is a problem. */
    public Long required() {
      return integer(name, true, null, min, max);
    }

    /** The value, or {@code null} when absent. */
    public Long optional() {
      return integer(name, false, null, min, max);
    }

    /** The value, or {@code value} when absent. */
    public Long orElse(long value) {
      return integer(name, false, value, min, max);
    }
  }

  /** A number argument being read: its bounds, then whether it is required. */
  public final class NumberArgument {
    private final String name;
    private final Double min;
    private final Double max;

    private NumberArgument(String name, Double min, Double max) {
      this.name = name;
      this.min = min;
      this.max = max;
    }

    /** Values below {@code min} are refused. */
    public NumberArgument atLeast(double min) {
      return new NumberArgument(name, min, max);
    }

    /** Values above {@code max} are refused. */
    public NumberArgument atMost(double max) {
      return new NumberArgument(name, min, max);
    }

    /** Values outside {@code min..max} are refused. */
    public NumberArgument between(double min, double max) {
      return new NumberArgument(name, min, max);
    }

    /** The value; missing is a problem. */
    public Double required() {
      return number(name, true, null, min, max);
    }

    /** The value, or {@code null} when absent. */
    public Double optional() {
      return number(name, false, null, min, max);
    }

    /** The value, or {@code value} when absent. */
    public Double orElse(double value) {
      return number(name, false, value, min, max);
    }
  }

  /** A boolean argument being read. */
  public final class BooleanArgument {
    private final String name;

    private BooleanArgument(String name) {
      this.name = name;
    }

    /** The value; missing is a problem. */
    public Boolean required() {
      return bool(name, true, null);
    }

    /** The value, or {@code null} when absent. */
    public Boolean optional() {
      return bool(name, false, null);
    }

    /** The value, or {@code value} when absent. */
    public Boolean orElse(boolean value) {
      return bool(name, false, value);
    }
  }

  /** An array-of-strings argument being read: its allowed items, then whether it is required. */
  public final class StringListArgument {
    private final String name;
    private final List<String> allowed;

    private StringListArgument(String name, List<String> allowed) {
      this.name = name;
      this.allowed = allowed;
    }

    /** Only these items are accepted. */
    public StringListArgument oneOf(String... values) {
      return new StringListArgument(name, List.of(values));
    }

    /** The items; missing is a problem. */
    public List<String> required() {
      return stringList(name, true, allowed);
    }

    /** The items, or {@code null} when absent. */
    public List<String> optional() {
      return stringList(name, false, allowed);
    }

    /** The items, or {@code values} when absent. */
    public List<String> orElse(List<String> values) {
      return Objects.requireNonNullElse(stringList(name, false, allowed), values);
    }
  }

  /** An array-of-integers argument being read. */
  public final class IntegerListArgument {
    private final String name;

    private IntegerListArgument(String name) {
      this.name = name;
    }

    /** The items; missing is a problem. */
    public List<Long> required() {
      return integerList(name, true);
    }

    /** The items, or {@code null} when absent. */
    public List<Long> optional() {
      return integerList(name, false);
    }

    /** The items, or {@code values} when absent. */
    public List<Long> orElse(List<Long> values) {
      return Objects.requireNonNullElse(integerList(name, false), values);
    }
  }

  /** An object argument being read. */
  public final class ObjectArgument {
    private final String name;

    private ObjectArgument(String name) {
      this.name = name;
    }

    /** The object; missing is a problem. */
    public Map<String, Object> required() {
      return object(name, true);
    }

    /** The object, or {@code null} when absent. */
    public Map<String, Object> optional() {
      return object(name, false);
    }
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
      problems.add("argument '" + name + "' must be one of " + allowed + ", got '" + value + "'");
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
    problems.add("argument '" + name + "' must be " + expected + ", got " + describe(actual));
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
