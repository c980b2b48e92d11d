package dev.airflowmcp.runtime.redaction;

import java.util.Locale;

/**
 * Password clauses of SQL statements, where the secret follows a keyword without {@code =} or
 * {@code :}: {@code CREATE USER … WITH PASSWORD '…'}, {@code ALTER ROLE … ENCRYPTED PASSWORD '…'},
 * {@code OPTIONS (user 'x', password '…')}, {@code SET PASSWORD FOR 'u'@'h' = PASSWORD('…')},
 * {@code PASSWORD('…')}, Redshift's {@code SECRET_ACCESS_KEY '…'}. ({@code IDENTIFIED BY …} and
 * {@code PASSWORD = '…'} are found by their own rules.) A literal ends at its quote; {@code ''}
 * inside stands for one quote. Bounded: the look-back for SQL words covers {@value #CONTEXT}
 * characters, a literal at most {@link Assignments#MAX_VALUE}.
 */
final class Statements {
  private Statements() {}

  /** Receives a value found. */
  @FunctionalInterface
  interface Sink {
    void add(int start, int end, String value);
  }

  /** How far back on the line a SQL word is looked for. */
  static final int CONTEXT = 300;

  private static final String[] SQL_WORDS = {
    "user",
    "role",
    "login",
    "options",
    "mapping",
    "server",
    "alter",
    "create",
    "identified",
    "credentials",
    "copy",
    "unload",
    "stage",
    "grant",
    "with",
    "set"
  };

  /**
   * Handles a secret name followed by no separator. Returns true when a SQL clause was found (and
   * its literal given to {@code sink}).
   */
  static boolean sqlLiteral(
      String text, String name, int nameStart, int ne, int lineStart, int lineEnd, Sink sink) {
    String lower = name.toLowerCase(Locale.ROOT);
    boolean password = lower.equals("password");
    boolean upperName = isUpperSnake(name) && SecretNames.namesASecret(name);
    if (!password && !upperName) {
      return false;
    }
    if (nameStart > 0 && isQuote(text.charAt(nameStart - 1))) {
      return false; // a quoted name: a call's argument or a dict key, not a SQL keyword
    }
    int i = skipSpaces(text, ne, lineEnd);
    if (i >= lineEnd) {
      return false;
    }
    char c = text.charAt(i);
    if (c == '\\' && i + 1 < lineEnd && isQuote(text.charAt(i + 1))) {
      i++; // \"…\" inside a JSON string
      c = text.charAt(i);
    }
    if (password && c == '(') {
      // PASSWORD('…'): MySQL's function, also inside SET PASSWORD
      int q = skipSpaces(text, i + 1, lineEnd);
      return q < lineEnd && isQuote(text.charAt(q)) && literal(text, q, lineEnd, sink);
    }
    if (isQuote(c)) {
      if (!sqlContext(text, nameStart, lineStart)) {
        return false;
      }
      return literal(text, i, lineEnd, sink);
    }
    if (password && regionMatches(text, i, "for ") && sqlContext(text, nameStart, lineStart)) {
      // SET PASSWORD FOR 'u'@'h' = '…' | PASSWORD('…')
      int limit = Math.min(lineEnd, i + CONTEXT);
      int eq = -1;
      for (int j = i; j < limit; j++) {
        if (text.charAt(j) == '=') {
          eq = j;
          break;
        }
      }
      if (eq < 0) {
        return false;
      }
      int v = skipSpaces(text, eq + 1, lineEnd);
      if (regionMatches(text, v, "password(")) {
        v = skipSpaces(text, v + 9, lineEnd);
      }
      return v < lineEnd && isQuote(text.charAt(v)) && literal(text, v, lineEnd, sink);
    }
    return false;
  }

  /** A quoted literal at {@code q}: masks its inside. */
  private static boolean literal(String text, int q, int lineEnd, Sink sink) {
    char quote = text.charAt(q);
    int limit = Math.min(lineEnd, q + 1 + Assignments.MAX_VALUE);
    int j = q + 1;
    while (j < limit) {
      char c = text.charAt(j);
      if (c == '\\' && j + 1 < limit) {
        char n = text.charAt(j + 1);
        if (n == quote) {
          // An escaped quote: inside JSON it closes the literal (\"x\"), in SQL it is a quote.
          break;
        }
        j += 2;
        continue;
      }
      if (c == quote) {
        if (j + 1 < limit && text.charAt(j + 1) == quote) {
          j += 2;
          continue;
        }
        break;
      }
      j++;
    }
    if (j >= limit) {
      return false;
    }
    String v = text.substring(q + 1, j);
    if (v.length() < 3 || Masks.isPlaceholder(v)) {
      return true;
    }
    sink.add(q + 1, j, v);
    return true;
  }

  /** Whether a SQL word appears before the name on its line. */
  static boolean sqlContext(String text, int nameStart, int lineStart) {
    int from = Math.max(lineStart, nameStart - CONTEXT);
    String before = text.substring(from, nameStart).toLowerCase(Locale.ROOT);
    for (String w : SQL_WORDS) {
      int k = before.indexOf(w);
      while (k >= 0) {
        boolean startOk = k == 0 || !Character.isLetterOrDigit(before.charAt(k - 1));
        int e = k + w.length();
        boolean endOk = e >= before.length() || !Character.isLetterOrDigit(before.charAt(e));
        if (startOk && endOk) {
          return true;
        }
        k = before.indexOf(w, k + 1);
      }
    }
    return false;
  }

  private static boolean isUpperSnake(String name) {
    boolean letter = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        letter = true;
      } else if (!(c == '_' || (c >= '0' && c <= '9'))) {
        return false;
      }
    }
    return letter && name.indexOf('_') > 0;
  }

  private static int skipSpaces(String text, int i, int lineEnd) {
    int limit = Math.min(lineEnd, i + 64);
    while (i < limit && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  private static boolean regionMatches(String text, int i, String lowerWord) {
    return text.regionMatches(true, i, lowerWord, 0, lowerWord.length());
  }

  private static boolean isQuote(char c) {
    return c == '\'' || c == '"';
  }
}
