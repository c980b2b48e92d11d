package dev.airflowmcp.runtime.logs;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.airflowmcp.runtime.tool.InvalidArgumentsException;
import java.util.List;

/**
 * What {@code search_task_logs} looks for: a literal string or a regular expression, either
 * case-sensitive or not. Regular expressions run on RE2/J, whose matching time grows linearly with
 * the line and the size of the compiled pattern and never backtracks, so no pattern can run away
 * on a line; patterns whose compiled size would be large (counted repetitions such as {@code
 * (a{100}){100}} expand) are refused before compiling, by the estimate of {@link
 * #estimatedSize(String)}.
 */
final class SearchPattern {
  /** Longest pattern accepted, in characters. */
  static final int MAX_PATTERN_CHARS = 500;

  /** Largest estimated program (roughly, RE2 instructions) accepted. */
  static final long MAX_PROGRAM = 2_000;

  private final String literal;
  private final Pattern regex;

  private SearchPattern(String literal, Pattern regex) {
    this.literal = literal;
    this.regex = regex;
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
          "pattern is " + pattern.length() + " characters long; at most " + MAX_PATTERN_CHARS
              + " are allowed");
    }
    if (!isRegex && caseSensitive) {
      return new SearchPattern(pattern, null);
    }
    String source = isRegex ? pattern : Pattern.quote(pattern);
    if (isRegex) {
      long size = estimatedSize(pattern);
      if (size > MAX_PROGRAM) {
        throw invalid(
            "pattern is too complex to search with (its counted repetitions expand it to about "
                + size + " steps per character, at most " + MAX_PROGRAM + " are allowed); use"
                + " smaller {n,m} counts or fewer nested ones");
      }
    }
    try {
      return new SearchPattern(
          null, Pattern.compile(source, caseSensitive ? 0 : Pattern.CASE_INSENSITIVE));
    } catch (PatternSyntaxException e) {
      throw invalid(
          "pattern is not a valid regular expression (RE2 syntax: no backreferences or"
              + " lookaround): " + e.getDescription());
    }
  }

  private static InvalidArgumentsException invalid(String problem) {
    return new InvalidArgumentsException(List.of(problem));
  }

  /** Where the first match in {@code line} starts, or -1. */
  int find(String line) {
    if (literal != null) {
      return line.indexOf(literal);
    }
    com.google.re2j.Matcher m = regex.matcher(line);
    return m.find() ? m.start() : -1;
  }

  /**
   * A rough upper estimate of the size of the program a regular expression compiles to: every
   * atom counts 1, a group the sum of its alternatives plus 1, and a counted repetition {@code
   * {n,m}} multiplies what it repeats by its largest count ({@code {n,}} by n + 1). Syntax errors
   * are left to the compiler.
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
