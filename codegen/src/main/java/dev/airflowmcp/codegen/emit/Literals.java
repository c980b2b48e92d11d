package dev.airflowmcp.codegen.emit;

import com.palantir.javapoet.CodeBlock;
import java.util.List;

/** Java source literals for tool-spec values (YAML scalars and lists of them). */
final class Literals {
  private Literals() {}

  /** A literal for a YAML scalar or list: {@code "x"}, {@code 5L}, {@code 2.5}, {@code true}. */
  static CodeBlock of(Object value) {
    if (value == null) {
      return CodeBlock.of("null");
    }
    if (value instanceof String s) {
      return CodeBlock.of("$S", s);
    }
    if (value instanceof Long || value instanceof Integer) {
      return CodeBlock.of("$LL", value);
    }
    if (value instanceof Double d) {
      return CodeBlock.of("$L", doubleLiteral(d));
    }
    if (value instanceof Boolean b) {
      return CodeBlock.of("$L", b);
    }
    if (value instanceof List<?> list) {
      return listOf(list);
    }
    throw new IllegalArgumentException("not a tool-spec value: " + value.getClass().getName());
  }

  /** {@code List.of(a, b)} of literals. */
  static CodeBlock listOf(List<?> values) {
    CodeBlock.Builder b = CodeBlock.builder().add("$T.of(", List.class);
    for (int i = 0; i < values.size(); i++) {
      b.add(i == 0 ? "$L" : ", $L", of(values.get(i)));
    }
    return b.add(")").build();
  }

  /** A {@code Long} literal or {@code null}, for integer bounds. */
  static CodeBlock longOrNull(Number n) {
    return n == null ? CodeBlock.of("null") : CodeBlock.of("$LL", n.longValue());
  }

  /** A {@code Double} literal or {@code null}, for number bounds and defaults. */
  static CodeBlock doubleOrNull(Object n) {
    return n == null
        ? CodeBlock.of("null")
        : CodeBlock.of("$L", doubleLiteral(((Number) n).doubleValue()));
  }

  private static String doubleLiteral(double d) {
    String s = Double.toString(d);
    return s.contains("E") || s.contains(".") ? s : s + ".0";
  }
}
