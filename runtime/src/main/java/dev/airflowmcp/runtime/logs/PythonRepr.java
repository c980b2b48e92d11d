package dev.airflowmcp.runtime.logs;

/**
 * Reads the one Python {@code repr} shape Airflow 2's log endpoint produces: a list of {@code
 * (host, text)} tuples of string literals, {@code [('worker-1', '*** Reading local file…\n[…')]}.
 */
final class PythonRepr {
  private PythonRepr() {}

  /**
   * The texts of the tuples, joined with a line break where one is missing between them, or {@code
   * null} when {@code s} is not such a list.
   */
  static String hostLogTuples(String s) {
    String t = s.strip();
    if (!t.startsWith("[(") || !t.endsWith(")]")) {
      return null;
    }
    StringBuilder out = new StringBuilder(t.length());
    int[] pos = {1};
    while (true) {
      skipSpaces(t, pos);
      if (pos[0] >= t.length() || t.charAt(pos[0]) != '(') {
        return null;
      }
      pos[0]++;
      skipSpaces(t, pos);
      if (readLiteral(t, pos, null) < 0) {
        return null;
      }
      skipSpaces(t, pos);
      if (pos[0] >= t.length() || t.charAt(pos[0]) != ',') {
        return null;
      }
      pos[0]++;
      skipSpaces(t, pos);
      if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
        out.append('\n');
      }
      if (readLiteral(t, pos, out) < 0) {
        return null;
      }
      skipSpaces(t, pos);
      if (pos[0] < t.length() && t.charAt(pos[0]) == ',') {
        pos[0]++; // a one-element tuple's trailing comma is not expected, but harmless
        skipSpaces(t, pos);
      }
      if (pos[0] >= t.length() || t.charAt(pos[0]) != ')') {
        return null;
      }
      pos[0]++;
      skipSpaces(t, pos);
      if (pos[0] < t.length() && t.charAt(pos[0]) == ',') {
        pos[0]++;
        continue;
      }
      if (pos[0] == t.length() - 1 && t.charAt(pos[0]) == ']') {
        return out.toString();
      }
      return null;
    }
  }

  private static void skipSpaces(String t, int[] pos) {
    while (pos[0] < t.length() && Character.isWhitespace(t.charAt(pos[0]))) {
      pos[0]++;
    }
  }

  /**
   * Reads a {@code '…'} or {@code "…"} literal at {@code pos}, appending its value to {@code out}
   * (when not null).
   *
   * @return the new position, or -1 when there is no valid literal
   */
  private static int readLiteral(String t, int[] pos, StringBuilder out) {
    int i = pos[0];
    if (i >= t.length() || (t.charAt(i) != '\'' && t.charAt(i) != '"')) {
      return -1;
    }
    char quote = t.charAt(i++);
    while (i < t.length()) {
      char c = t.charAt(i);
      if (c == quote) {
        pos[0] = i + 1;
        return pos[0];
      }
      if (c != '\\') {
        if (out != null) {
          out.append(c);
        }
        i++;
        continue;
      }
      if (i + 1 >= t.length()) {
        return -1;
      }
      char e = t.charAt(i + 1);
      int consumed = 2;
      int cp;
      switch (e) {
        case 'n' -> cp = '\n';
        case 't' -> cp = '\t';
        case 'r' -> cp = '\r';
        case '\\' -> cp = '\\';
        case '\'' -> cp = '\'';
        case '"' -> cp = '"';
        case '0' -> cp = 0;
        case 'a' -> cp = 7;
        case 'b' -> cp = 8;
        case 'f' -> cp = 12;
        case 'v' -> cp = 11;
        case 'x' -> {
          cp = hex(t, i + 2, 2);
          consumed = 4;
        }
        case 'u' -> {
          cp = hex(t, i + 2, 4);
          consumed = 6;
        }
        case 'U' -> {
          cp = hex(t, i + 2, 8);
          consumed = 10;
        }
        default -> {
          // Python keeps unknown escapes as written.
          cp = -2;
        }
      }
      if (cp == -1 || (cp >= 0 && !Character.isValidCodePoint(cp))) {
        return -1;
      }
      if (out != null) {
        if (cp == -2) {
          out.append('\\').append(e);
        } else {
          out.appendCodePoint(cp);
        }
      }
      i += consumed;
    }
    return -1;
  }

  private static int hex(String t, int from, int digits) {
    if (from + digits > t.length()) {
      return -1;
    }
    int v = 0;
    for (int i = from; i < from + digits; i++) {
      int d = Character.digit(t.charAt(i), 16);
      if (d < 0) {
        return -1;
      }
      v = v * 16 + d;
    }
    return v;
  }
}
