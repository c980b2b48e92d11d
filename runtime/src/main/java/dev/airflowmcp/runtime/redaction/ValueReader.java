package dev.airflowmcp.runtime.redaction;

/**
 * Where an unquoted value ends, by the grammar of the place it sits in. Quoted values are read by
 * their quotes (with backslash escapes) before this is asked.
 *
 * <ul>
 *   <li>A config-file line ({@code password = …} in INI, {@code .env}, properties, YAML, TOML, with
 *       the name first on its line): the value is the rest of the line, less an inline comment
 *       ({@code " #"}) and trailing spaces, or up to the next {@code name=} after a space (libpq
 *       {@code password=… host=…} on a line of its own). Punctuation anywhere in it, leading too,
 *       is part of the value.
 *   <li>Inline ({@code …, password=…} in a log line, a DSN, a URL, a call): the value ends at white
 *       space, a quote or {@code </}; at {@code ;}, {@code &} or {@code ,} only when the next
 *       {@code name=} follows (ODBC {@code Pwd=…;Encrypt=yes}, JDBC, query strings); trailing
 *       {@code , ; . :} and closing brackets the value did not open are dropped ({@code
 *       connect(password=x)}).
 * </ul>
 *
 * Every loop is bounded by {@link Assignments#MAX_VALUE}.
 */
final class ValueReader {
  private ValueReader() {}

  /** End of a value that runs to the end of a config-file line. */
  static int restOfLine(String text, int from, int lineEnd) {
    int limit = Math.min(lineEnd, from + Assignments.MAX_VALUE + 1);
    int j = from;
    while (j < limit) {
      char c = text.charAt(j);
      if (c == '\r' || c == '\n') {
        break;
      }
      if ((c == ' ' || c == '\t') && j > from) {
        int k = j;
        while (k < limit && (text.charAt(k) == ' ' || text.charAt(k) == '\t')) {
          k++;
        }
        if (k < limit && (text.charAt(k) == '#' || text.charAt(k) == ';')) {
          break; // an inline comment
        }
        if (k < limit && assignmentAt(text, k, limit)) {
          break; // password=… host=… (libpq key/value pairs)
        }
        j = k;
        continue;
      }
      j++;
    }
    int end = j;
    while (end > from && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    if (end == limit && limit < lineEnd) {
      return limit; // longer than any value: the caller drops it
    }
    return end;
  }

  /** End of a value inside a line. */
  static int inlineEnd(String text, int from, int lineEnd) {
    int limit = Math.min(lineEnd, from + Assignments.MAX_VALUE + 1);
    int j = from;
    while (j < limit) {
      char c = text.charAt(j);
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '"' || c == '\'' || c == '`') {
        break;
      }
      if (c == '<' && j + 1 < limit && text.charAt(j + 1) == '/') {
        break; // </password>: the closing tag of an XML element
      }
      if (c == '\\' && j + 1 < text.length()) {
        char n = text.charAt(j + 1);
        if (n == '"' || n == '\'' || n == 'n' || n == 'r' || n == 't' || n == '\\') {
          break;
        }
      }
      if ((c == ';' || c == '&' || c == ',') && j > from && assignmentAt(text, j + 1, limit)) {
        break;
      }
      if (c == '&' && j + 4 < limit && text.startsWith("amp;", j + 1)) {
        break; // &amp; in HTML or XML
      }
      j++;
    }
    if (j == limit && limit < lineEnd) {
      return limit;
    }
    return trimTrailing(text, from, j);
  }

  /** Drops trailing {@code , ; .} and closing brackets without an opening one in the value. */
  static int trimTrailing(String text, int from, int end) {
    while (end > from) {
      char c = text.charAt(end - 1);
      if (c == ',' || c == ';' || c == '.' || c == ':') {
        end--;
      } else if (c == ')' || c == ']' || c == '}') {
        char open = c == ')' ? '(' : c == ']' ? '[' : '{';
        int opens = 0;
        int closes = 0;
        for (int k = from; k < end; k++) {
          char x = text.charAt(k);
          if (x == open) {
            opens++;
          } else if (x == c) {
            closes++;
          }
        }
        if (closes > opens) {
          end--;
        } else {
          break;
        }
      } else {
        break;
      }
    }
    return end;
  }

  /** Whether {@code name=} (a letter, then name characters, then '=') starts at {@code i}. */
  static boolean assignmentAt(String text, int i, int limit) {
    if (i >= limit || !Character.isLetter(text.charAt(i))) {
      return false;
    }
    int j = i + 1;
    int max = Math.min(limit, i + 64);
    while (j < max) {
      char c = text.charAt(j);
      if (c == '=') {
        return j + 1 >= limit || text.charAt(j + 1) != '=';
      }
      if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.')) {
        return false;
      }
      j++;
    }
    return false;
  }
}
