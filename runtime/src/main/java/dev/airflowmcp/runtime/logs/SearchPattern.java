package dev.airflowmcp.runtime.logs;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.airflowmcp.runtime.redaction.AirflowRedactor;
import dev.airflowmcp.runtime.redaction.Redactor;
import dev.airflowmcp.runtime.tool.InvalidArgumentsException;
import java.util.List;

/**
 * What {@code search_task_logs} looks for: a literal string or a regular expression, either
 * case-sensitive or not. Regular expressions run on RE2/J, whose matching time grows linearly with
 * the line and the size of the compiled pattern and never backtracks, so no pattern can run away on
 * a line; patterns whose compiled size would be large (counted repetitions such as {@code
 * (a{100}){100}} expand) are refused before compiling, by the estimate of {@link
 * #estimatedSize(String)}.
 */
final class SearchPattern {
  /** Longest pattern accepted, in characters. */
  static final int MAX_PATTERN_CHARS = 500;

  /** Largest estimated program (roughly, RE2 instructions) accepted. */
  static final long MAX_PROGRAM = 2_000;

  /** Shortest literal worth looking for before running a regular expression. */
  static final int MIN_PREFILTER = 3;

  private final String literal;
  private final boolean ignoreCase;
  private final Pattern regex;
  private final String required;

  /**
   * @param literal the text to find, or null for a regular expression
   * @param ignoreCase whether letters match regardless of case
   * @param regex the regular expression, or null
   * @param required a text every match of {@code regex} contains, or null: lines without it are
   *     skipped without running the regular expression
   */
  private SearchPattern(String literal, boolean ignoreCase, Pattern regex, String required) {
    this.literal = literal;
    this.ignoreCase = ignoreCase;
    this.regex = regex;
    this.required = required;
  }

  /**
   * @throws InvalidArgumentsException for an empty, too long or invalid pattern, or one that would
   *     compile too large
   */
  static SearchPattern compile(String pattern, boolean isRegex, boolean caseSensitive)
      throws InvalidArgumentsException {
    if (pattern.isEmpty()) {
      throw invalid("pattern must not be empty");
    }
    if (pattern.length() > MAX_PATTERN_CHARS) {
      throw invalid(
          "pattern is "
              + pattern.length()
              + " characters long; at most "
              + MAX_PATTERN_CHARS
              + " are allowed");
    }
    if (!isRegex) {
      return new SearchPattern(pattern, !caseSensitive, null, prefilter(pattern));
    }
    long size = estimatedSize(pattern);
    if (size > MAX_PROGRAM) {
      throw invalid(
          "pattern is too complex to search with (its counted repetitions expand it to about "
              + size
              + " steps per character, at most "
              + MAX_PROGRAM
              + " are allowed); use"
              + " smaller {n,m} counts or fewer nested ones");
    }
    try {
      Pattern compiled = Pattern.compile(pattern, caseSensitive ? 0 : Pattern.CASE_INSENSITIVE);
      return new SearchPattern(null, !caseSensitive, compiled, prefilter(requiredLiteral(pattern)));
    } catch (PatternSyntaxException e) {
      throw invalid(
          "pattern is not a valid regular expression (RE2 syntax: no backreferences or"
              + " lookaround): "
              + e.getDescription());
    }
  }

  private static InvalidArgumentsException invalid(String problem) {
    return new InvalidArgumentsException(List.of(problem));
  }

  /**
   * A text every match contains that may be looked for in a line before it is redacted, or null.
   * Redaction only replaces parts of a line with {@value Redactor#MASK} (or, when it fails, the
   * whole line with {@value AirflowRedactor#FAILED}), so a text without {@code *} that is not part
   * of that marker and appears in the redacted line appears in the line before redaction too:
   * looking for it first skips lines that cannot match without telling anything about what the
   * redaction hides. Shorter texts than {@value #MIN_PREFILTER} characters are not worth it.
   */
  static String prefilter(String required) {
    if (required == null
        || required.length() < MIN_PREFILTER
        || required.indexOf('*') >= 0
        || AirflowRedactor.FAILED
            .toLowerCase(java.util.Locale.ROOT)
            .contains(required.toLowerCase(java.util.Locale.ROOT))) {
      return null;
    }
    return required;
  }

  /**
   * Whether a line (before redaction, hidden characters already stripped) can match at all: false
   * only when it lacks the {@link #prefilter} text. A line that can must be redacted and passed to
   * {@link #find}.
   */
  boolean mayMatch(String plainLine) {
    return required == null || indexOf(plainLine, required, ignoreCase) >= 0;
  }

  /** Where the first match in {@code line} (redacted) starts, or -1. */
  int find(String line) {
    if (literal != null) {
      return indexOf(line, literal, ignoreCase);
    }
    if (required != null && indexOf(line, required, ignoreCase) < 0) {
      return -1;
    }
    com.google.re2j.Matcher m = regex.matcher(line);
    return m.find() ? m.start() : -1;
  }

  /**
   * Where {@code text} first contains {@code part}, or -1; ignoring case as {@link
   * String#regionMatches(boolean, int, String, int, int)} does (upper and lower case of each
   * character, which covers the simple case folding RE2 uses, such as the Kelvin sign for k).
   */
  static int indexOf(String text, String part, boolean ignoreCase) {
    if (!ignoreCase) {
      return text.indexOf(part);
    }
    int m = part.length();
    if (m == 0) {
      return 0;
    }
    char first = part.charAt(0);
    char upper = Character.toUpperCase(first);
    char lower = Character.toLowerCase(first);
    for (int i = 0, last = text.length() - m; i <= last; i++) {
      char c = text.charAt(i);
      if ((c == first
              || c == upper
              || c == lower
              || Character.toUpperCase(c) == upper
              || Character.toLowerCase(c) == lower)
          && text.regionMatches(true, i, part, 0, m)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The longest run of literal characters that every match of a regular expression contains, or
   * null when none can be told safely: it is read from the top level only (outside groups and
   * classes, with no top-level alternation, no flags and no quoting), and a character a quantifier
   * makes optional ends the run before it.
   */
  static String requiredLiteral(String regex) {
    if (regex.contains("(?") || regex.contains("\\Q")) {
      return null;
    }
    String best = "";
    StringBuilder run = new StringBuilder();
    int i = 0;
    int n = regex.length();
    while (i < n) {
      char c = regex.charAt(i);
      char literal;
      int next;
      if (c == '\\') {
        if (i + 1 >= n) {
          return null;
        }
        char e = regex.charAt(i + 1);
        if (e < 128 && !Character.isLetterOrDigit(e)) {
          literal = e;
          next = i + 2;
        } else {
          best = longer(best, run);
          run.setLength(0);
          i = skipEscape(regex, i);
          continue;
        }
      } else if (c == '|') {
        return null;
      } else if (c == '(') {
        best = longer(best, run);
        run.setLength(0);
        i = skipGroup(regex, i);
        if (i < 0) {
          return null;
        }
        continue;
      } else if (c == '[') {
        best = longer(best, run);
        run.setLength(0);
        i = skipClass(regex, i);
        if (i < 0) {
          return null;
        }
        continue;
      } else if (c == '{') {
        // A repetition count (after a group or class): skipped whole; its digits are no text.
        best = longer(best, run);
        run.setLength(0);
        int end = regex.indexOf('}', i);
        i = end < 0 ? i + 1 : end + 1;
        continue;
      } else if (c == '.' || c == '^' || c == '$' || c == '*' || c == '+' || c == '?' || c == ')') {
        best = longer(best, run);
        run.setLength(0);
        i++;
        continue;
      } else {
        literal = c;
        next = i + 1;
      }
      char q = next < n ? regex.charAt(next) : 0;
      if (q == '*' || q == '?' || (q == '{' && next + 1 < n && regex.charAt(next + 1) == '0')) {
        best = longer(best, run); // this character may be absent
        run.setLength(0);
      } else if (q == '+' || q == '{') {
        run.append(literal); // present at least once, but what follows need not touch it
        best = longer(best, run);
        run.setLength(0);
      } else {
        run.append(literal);
      }
      i = next;
    }
    best = longer(best, run);
    return best.isEmpty() ? null : best;
  }

  private static String longer(String best, StringBuilder run) {
    return run.length() > best.length() ? run.toString() : best;
  }

  private static int skipEscape(String s, int i) {
    int j = i + 2;
    char e = s.charAt(i + 1);
    if ((e == 'p' || e == 'P' || e == 'x') && j < s.length() && s.charAt(j) == '{') {
      int end = s.indexOf('}', j);
      return end < 0 ? s.length() : end + 1;
    }
    return j;
  }

  /** The index after the group starting at {@code i}, or -1 when it is not closed. */
  private static int skipGroup(String s, int i) {
    int depth = 0;
    for (int j = i; j < s.length(); j++) {
      char c = s.charAt(j);
      if (c == '\\') {
        j++;
      } else if (c == '[') {
        j = skipClass(s, j) - 1;
        if (j < 0) {
          return -1;
        }
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return j + 1;
      }
    }
    return -1;
  }

  /** The index after the class starting at {@code i}, or -1 when it is not closed. */
  private static int skipClass(String s, int i) {
    int j = i + 1;
    if (j < s.length() && s.charAt(j) == '^') {
      j++;
    }
    if (j < s.length() && s.charAt(j) == ']') {
      j++;
    }
    while (j < s.length() && s.charAt(j) != ']') {
      if (s.charAt(j) == '\\') {
        j++;
      } else if (s.startsWith("[:", j)) {
        int end = s.indexOf(":]", j + 2);
        j = end < 0 ? j : end + 1;
      }
      j++;
    }
    return j < s.length() ? j + 1 : -1;
  }

  /**
   * A rough upper estimate of the size of the program a regular expression compiles to: every atom
   * counts 1, a group the sum of its alternatives plus 1, and a counted repetition {@code {n,m}}
   * multiplies what it repeats by its largest count ({@code {n,}} by n + 1). Syntax errors are left
   * to the compiler.
   */
  static long estimatedSize(String regex) {
    Estimator e = new Estimator(regex);
    long total = 0;
    while (e.pos < regex.length()) {
      total = add(total, e.alternation());
      if (e.pos < regex.length()) {
        e.pos++; // an unmatched ')': the compiler reports it
      }
    }
    return total;
  }

  private static long add(long a, long b) {
    long r = a + b;
    return r < 0 ? Long.MAX_VALUE : r;
  }

  private static long multiply(long a, long b) {
    return b != 0 && a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
  }

  private static final class Estimator {
    final String s;
    int pos;

    Estimator(String s) {
      this.s = s;
    }

    /** Alternatives up to ')' or the end: their sizes added. */
    long alternation() {
      long total = sequence();
      while (pos < s.length() && s.charAt(pos) == '|') {
        pos++;
        total = add(total, add(sequence(), 1));
      }
      return total;
    }

    long sequence() {
      long total = 0;
      while (pos < s.length() && s.charAt(pos) != '|' && s.charAt(pos) != ')') {
        long atom = atom();
        while (pos < s.length()) {
          char c = s.charAt(pos);
          if (c == '*' || c == '+' || c == '?') {
            pos++;
            atom = add(atom, 1);
          } else if (c == '{') {
            long count = repeatCount();
            if (count < 0) {
              break; // a literal '{'
            }
            atom = multiply(atom, Math.max(1, count));
          } else {
            break;
          }
        }
        total = add(total, atom);
      }
      return total;
    }

    /** The largest count of a {n}, {n,} or {n,m} at pos (pos moves past it), or -1 if none. */
    long repeatCount() {
      int end = s.indexOf('}', pos);
      if (end < 0) {
        return -1;
      }
      String body = s.substring(pos + 1, end);
      if (!body.matches("\\d{1,6}(,\\d{0,6})?")) {
        return -1;
      }
      pos = end + 1;
      if (pos < s.length() && s.charAt(pos) == '?') {
        pos++;
      }
      int comma = body.indexOf(',');
      if (comma < 0) {
        return Long.parseLong(body);
      }
      String max = body.substring(comma + 1);
      return max.isEmpty() ? Long.parseLong(body.substring(0, comma)) + 1 : Long.parseLong(max);
    }

    long atom() {
      char c = s.charAt(pos);
      switch (c) {
        case '(' -> {
          pos++;
          if (pos < s.length() && s.charAt(pos) == '?') {
            // (?flags), (?flags:...), (?P<name>...), (?<name>...)
            int close = s.indexOf(')', pos);
            int colon = s.indexOf(':', pos);
            int angle = s.indexOf('>', pos);
            if ((s.startsWith("?P<", pos) || s.startsWith("?<", pos)) && angle > 0) {
              pos = angle + 1;
            } else if (colon > 0 && (close < 0 || colon < close)) {
              pos = colon + 1;
            } else if (close > 0) {
              pos = close + 1;
              return 0;
            }
          }
          long inner = alternation();
          if (pos < s.length() && s.charAt(pos) == ')') {
            pos++;
          }
          return add(inner, 1);
        }
        case '[' -> {
          skipClass();
          return 1;
        }
        case '\\' -> {
          return escape();
        }
        default -> {
          pos++;
          return 1;
        }
      }
    }

    private void skipClass() {
      pos++; // '['
      if (pos < s.length() && s.charAt(pos) == '^') {
        pos++;
      }
      if (pos < s.length() && s.charAt(pos) == ']') {
        pos++;
      }
      while (pos < s.length() && s.charAt(pos) != ']') {
        if (s.charAt(pos) == '\\') {
          pos += 2;
        } else if (s.startsWith("[:", pos)) {
          int end = s.indexOf(":]", pos + 2);
          pos = end < 0 ? pos + 1 : end + 2;
        } else {
          pos++;
        }
      }
      pos++; // ']'
    }

    private long escape() {
      pos++; // '\'
      if (pos >= s.length()) {
        return 1;
      }
      char e = s.charAt(pos);
      if (e == 'Q') {
        int end = s.indexOf("\\E", pos);
        int stop = end < 0 ? s.length() : end;
        long n = Math.max(1, stop - pos - 1);
        pos = end < 0 ? s.length() : end + 2;
        return n;
      }
      pos++;
      if ((e == 'p' || e == 'P' || e == 'x') && pos < s.length() && s.charAt(pos) == '{') {
        int end = s.indexOf('}', pos);
        pos = end < 0 ? s.length() : end + 1;
      } else if (e == 'p' || e == 'P') {
        pos = Math.min(s.length(), pos + 1);
      }
      return 1;
    }
  }
}
