package dev.airflowmcp.codegen.emit;

import java.util.ArrayList;
import java.util.List;

/**
 * Line breaking of the statements the generator writes (field initialisers, {@code return}, {@code
 * super(...)}, record headers), as google-java-format breaks them: a statement that fits in 100
 * columns is one line; otherwise the initialiser goes on its own line, a builder chain has one call
 * a line, an argument list that does not fit goes on the next line, and one argument a line when it
 * does not fit there either; a string concatenation has one operand a line.
 */
final class StatementLayout {
  private StatementLayout() {}

  private static final String[] STARTS = {
    "private static final ", "public static final ", "return ", "super(", "public record "
  };

  /** The source with each statement the generator writes laid out again. */
  static String apply(String source) {
    String[] lines = source.split("\n", -1);
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < lines.length) {
      String line = lines[i];
      String stripped = line.strip();
      String indent = line.substring(0, line.length() - line.stripLeading().length());
      if (stripped.startsWith("public final class ")
          && line.length() > GoogleLayout.COLUMNS
          && stripped.contains(" extends ")) {
        // A class header too long for one line: "extends" on the next, indented 4.
        int at = line.indexOf(" extends ");
        out.append(line, 0, at).append('\n').append(indent).append("    ");
        out.append(line.substring(at + 1)).append(i == lines.length - 1 ? "" : "\n");
        i++;
        continue;
      }
      if (!startsStatement(stripped)) {
        out.append(line).append(i == lines.length - 1 ? "" : "\n");
        i++;
        continue;
      }
      boolean record = stripped.startsWith("public record ");
      StringBuilder text = new StringBuilder(stripped);
      int j = i;
      while (!ends(lines[j].strip(), record)) {
        j++;
        text.append('\n').append(lines[j].strip());
      }
      String body = "";
      String statement = text.toString();
      if (record) {
        if (statement.endsWith(" {}")) {
          body = " {}";
        } else if (j + 1 < lines.length && lines[j + 1].equals(indent + "}")) {
          body = " {}";
          j++;
        } else {
          body = " {";
        }
        statement = statement.substring(0, statement.lastIndexOf('{')).strip();
      } else {
        statement = statement.substring(0, statement.length() - 1); // the ';'
      }
      String original = String.join("\n", java.util.Arrays.asList(lines).subList(i, j + 1));
      out.append(layoutOrKeep(indent, statement, record ? body : ";", original));
      out.append(j == lines.length - 1 ? "" : "\n");
      i = j + 1;
    }
    return out.toString();
  }

  /**
   * The statement laid out, or as JavaPoet wrote it when it has a shape this class does not know
   * (the output then still compiles; only the formatting check would notice).
   */
  private static String layoutOrKeep(
      String indent, String statement, String tail, String original) {
    try {
      return layoutStatement(indent, statement, tail);
    } catch (RuntimeException unknownShape) {
      return original;
    }
  }

  private static boolean startsStatement(String stripped) {
    for (String s : STARTS) {
      if (stripped.startsWith(s)) {
        return true;
      }
    }
    return false;
  }

  private static boolean ends(String stripped, boolean record) {
    return record ? stripped.endsWith("{") || stripped.endsWith("{}") : stripped.endsWith(";");
  }

  private static String layoutStatement(String indent, String statement, String tail) {
    List<String> tokens = tokens(statement);
    int col = indent.length();
    int ind = col;
    // "lhs = rhs": keep the left side, break after '=' when the whole does not fit.
    int eq = tokens.indexOf("=");
    String head;
    Node expr;
    if (eq > 0 && !statement.startsWith("return ")) {
      head = flat(tokens.subList(0, eq)) + " =";
      expr = new Parser(tokens.subList(eq + 1, tokens.size())).expression();
      String one = head + " " + expr.flat();
      if (col + one.length() + tail.length() <= GoogleLayout.COLUMNS) {
        return indent + one + tail;
      }
      int next = ind + 4;
      return indent
          + head
          + "\n"
          + " ".repeat(next)
          + expr.layout(next, next, tail.length())
          + tail;
    }
    if (statement.startsWith("return ")) {
      expr = new Parser(tokens.subList(1, tokens.size())).expression();
      return indent + "return " + expr.layout(col + 7, ind, tail.length()) + tail;
    }
    // super(...) and a record header: a call-like head with an argument list.
    int open = tokens.indexOf("(");
    String name = flat(tokens.subList(0, open));
    Parser p = new Parser(tokens.subList(open, tokens.size()));
    List<Node> args = p.arguments();
    Node call = new Call(name, args);
    return indent + call.layout(col, ind, tail.length()) + tail;
  }

  private static String flat(List<String> tokens) {
    StringBuilder out = new StringBuilder();
    String prev = null;
    for (String t : tokens) {
      if (prev != null && (word(prev) || prev.equals(">") || prev.equals(",")) && word(t)) {
        out.append(' ');
      } else if (prev != null && prev.equals(",")) {
        out.append(' ');
      }
      out.append(t);
      prev = t;
    }
    return out.toString();
  }

  private static boolean word(String t) {
    char c = t.charAt(0);
    return Character.isJavaIdentifierPart(c) || c == '"' || c == '\'';
  }

  static List<String> tokens(String s) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '"' || c == '\'') {
        int j = i + 1;
        while (s.charAt(j) != c) {
          j += s.charAt(j) == '\\' ? 2 : 1;
        }
        out.add(s.substring(i, j + 1));
        i = j + 1;
      } else if (Character.isJavaIdentifierPart(c) || negativeNumber(s, i, out)) {
        int j = i + 1;
        while (j < s.length() && Character.isJavaIdentifierPart(s.charAt(j))) {
          j++;
        }
        out.add(s.substring(i, j));
        i = j;
      } else if (s.startsWith("::", i)
          || s.startsWith("!=", i)
          || s.startsWith("==", i)
          || s.startsWith("->", i)
          || s.startsWith("&&", i)
          || s.startsWith("||", i)) {
        out.add(s.substring(i, i + 2));
        i += 2;
      } else {
        out.add(String.valueOf(c));
        i++;
      }
    }
    return out;
  }

  /** A '-' that starts a number literal: after '(', ',', an operator or nothing. */
  private static boolean negativeNumber(String s, int i, List<String> before) {
    if (s.charAt(i) != '-' || i + 1 >= s.length() || !Character.isDigit(s.charAt(i + 1))) {
      return false;
    }
    String prev = before.isEmpty() ? "(" : before.get(before.size() - 1);
    return !(Character.isJavaIdentifierPart(prev.charAt(0)) || prev.equals(")"));
  }

  /** An expression that knows its one-line form and how to break itself. */
  private interface Node {
    String flat();

    /** Laid out starting at column {@code col}; continuation lines relative to {@code ind}. */
    String layout(int col, int ind, int tail);
  }

  private static boolean fits(int col, String text, int tail) {
    return col + text.length() + tail <= GoogleLayout.COLUMNS;
  }

  /** A name, literal, method reference, or anything else kept on one line. */
  private record Atom(String text) implements Node {
    @Override
    public String flat() {
      return text;
    }

    @Override
    public String layout(int col, int ind, int tail) {
      return text;
    }
  }

  /** {@code name(args)}, {@code new T(args)}. */
  private record Call(String name, List<Node> args) implements Node {
    @Override
    public String flat() {
      StringBuilder out = new StringBuilder(name).append('(');
      for (int i = 0; i < args.size(); i++) {
        out.append(i == 0 ? "" : ", ").append(args.get(i).flat());
      }
      return out.append(')').toString();
    }

    @Override
    public String layout(int col, int ind, int tail) {
      return layoutArgs(col, ind, ind + 4, tail);
    }

    String layoutArgs(int col, int ind, int argInd, int tail) {
      String flat = flat();
      if (fits(col, flat, tail) || args.isEmpty()) {
        return flat;
      }
      String pad = " ".repeat(argInd);
      StringBuilder one = new StringBuilder();
      for (int i = 0; i < args.size(); i++) {
        one.append(i == 0 ? "" : ", ").append(args.get(i).flat());
      }
      if (fits(argInd, one.toString(), tail + 1)) {
        return name + "(\n" + pad + one + ")";
      }
      StringBuilder out = new StringBuilder(name).append("(\n");
      for (int i = 0; i < args.size(); i++) {
        boolean last = i == args.size() - 1;
        out.append(pad).append(args.get(i).layout(argInd, argInd, last ? tail + 1 : 1));
        out.append(last ? ")" : ",\n");
      }
      return out.toString();
    }
  }

  /** {@code Type.first(args).second(args)...}: the prefix, then one call a line. */
  private record Chain(Node prefix, List<Call> calls) implements Node {
    @Override
    public String flat() {
      StringBuilder out = new StringBuilder(prefix.flat());
      for (Call c : calls) {
        out.append('.').append(c.flat());
      }
      return out.toString();
    }

    @Override
    public String layout(int col, int ind, int tail) {
      String flat = flat();
      if (fits(col, flat, tail)) {
        return flat;
      }
      int dots = ind + 4;
      String first =
          prefix instanceof Call c
              ? c.layoutArgs(col, dots, dots + 4, 0)
              : prefix.layout(col, dots, 0);
      StringBuilder out = new StringBuilder(first);
      for (int i = 0; i < calls.size(); i++) {
        boolean last = i == calls.size() - 1;
        out.append('\n').append(" ".repeat(dots)).append('.');
        out.append(calls.get(i).layout(dots + 1, dots, last ? tail : 0));
      }
      return out.toString();
    }
  }

  /** {@code a + b + c} (or another operator): one operand a line when it does not fit. */
  private record Binary(List<Node> operands, List<String> operators) implements Node {
    @Override
    public String flat() {
      StringBuilder out = new StringBuilder(operands.get(0).flat());
      for (int i = 1; i < operands.size(); i++) {
        out.append(' ').append(operators.get(i - 1)).append(' ').append(operands.get(i).flat());
      }
      return out.toString();
    }

    @Override
    public String layout(int col, int ind, int tail) {
      String flat = flat();
      if (fits(col, flat, tail)) {
        return flat;
      }
      StringBuilder out = new StringBuilder(operands.get(0).layout(col, ind + 4, 0));
      for (int i = 1; i < operands.size(); i++) {
        String op = operators.get(i - 1) + " ";
        out.append('\n').append(" ".repeat(ind + 4)).append(op);
        int last = i == operands.size() - 1 ? tail : 0;
        out.append(operands.get(i).layout(ind + 4 + op.length(), ind + 4, last));
      }
      return out.toString();
    }
  }

  /** A recursive-descent reader of the expressions the generator writes. */
  private static final class Parser {
    private final List<String> tokens;
    private int pos;

    Parser(List<String> tokens) {
      this.tokens = tokens;
    }

    Node expression() {
      List<Node> operands = new ArrayList<>();
      List<String> operators = new ArrayList<>();
      operands.add(postfix());
      while (pos < tokens.size() && isOperator(tokens.get(pos))) {
        operators.add(tokens.get(pos++));
        operands.add(postfix());
      }
      return operands.size() == 1 ? operands.get(0) : new Binary(operands, operators);
    }

    private static boolean isOperator(String t) {
      return List.of("+", "!=", "==", "?", ":", "&&", "||").contains(t);
    }

    private Node postfix() {
      // The prefix: a run of names joined by '.' (and "new"), up to the first call.
      StringBuilder name = new StringBuilder();
      if (tokens.get(pos).equals("new")) {
        name.append("new ");
        pos++;
      }
      name.append(tokens.get(pos++));
      while (pos + 1 < tokens.size()
          && (tokens.get(pos).equals(".") || tokens.get(pos).equals("::"))) {
        // Type.method( is the prefix; a second call starts the chain (x.y.z stays together).
        if (pos + 2 < tokens.size() && tokens.get(pos + 2).equals("(") && name.indexOf(".") >= 0) {
          break;
        }
        name.append(tokens.get(pos)).append(tokens.get(pos + 1));
        pos += 2;
      }
      while (pos < tokens.size() && tokens.get(pos).equals("<")) { // List<String>
        int depth = 0;
        do {
          String t = tokens.get(pos++);
          depth += t.equals("<") ? 1 : t.equals(">") ? -1 : 0;
          name.append(t.equals(",") ? ", " : t);
        } while (depth > 0);
      }
      Node prefix;
      if (pos < tokens.size() && tokens.get(pos).equals("(")) {
        prefix = new Call(name.toString(), arguments());
      } else {
        prefix = new Atom(name.toString());
      }
      List<Call> calls = new ArrayList<>();
      while (pos + 1 < tokens.size() && tokens.get(pos).equals(".")) {
        String method = tokens.get(pos + 1);
        pos += 2;
        calls.add(new Call(method, arguments()));
      }
      return calls.isEmpty() ? prefix : new Chain(prefix, calls);
    }

    /** {@code ( a, b )} from the current '(' on. */
    List<Node> arguments() {
      pos++; // '('
      List<Node> args = new ArrayList<>();
      while (!tokens.get(pos).equals(")")) {
        if (tokens.get(pos).equals(",")) {
          pos++;
        }
        args.add(argument());
      }
      pos++; // ')'
      return args;
    }

    private Node argument() {
      // A parameter declaration (Type name) or an expression.
      Node first = expression();
      if (pos < tokens.size() && !tokens.get(pos).equals(",") && !tokens.get(pos).equals(")")) {
        String rest = tokens.get(pos++);
        return new Atom(first.flat() + " " + rest);
      }
      return first;
    }
  }
}
