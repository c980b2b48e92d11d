package dev.airflowmcp.runtime.redaction;

import java.util.Locale;
import java.util.Set;

/** Text that is already a mask or a placeholder, and so is never masked again. */
final class Masks {
  private Masks() {}

  private static final Set<String> MASKS =
      Set.of(
          "< hidden >",
          "<hidden>",
          "[hidden]",
          "<redacted>",
          "[redacted]",
          "redacted",
          "**redacted**",
          "<redaction-failed>",
          "<masked>",
          "[masked]",
          "masked",
          "[filtered]",
          "<secret>",
          "[secret]",
          "<removed>");

  /** Words that stand where a secret would, but are not one. */
  private static final Set<String> PLACEHOLDER_WORDS =
      Set.of(
          "none",
          "null",
          "nil",
          "true",
          "false",
          "yes",
          "no",
          "on",
          "off",
          "undefined",
          "empty",
          "unset",
          "not",
          "set",
          "required",
          "optional",
          "missing",
          "invalid",
          "expired",
          "hidden",
          "masked",
          "redacted",
          "n/a",
          "na",
          "tbd",
          "todo",
          "default",
          "bearer",
          "basic",
          "token",
          "secret",
          "password",
          "passwd",
          "pass",
          "pwd",
          "string",
          "str",
          "bytes",
          "int",
          "any",
          "object",
          "dict",
          "list",
          "self",
          "cls",
          "value",
          "values",
          "provided",
          "found",
          "is",
          "was",
          "the",
          "a",
          "an",
          "and",
          "or",
          "for",
          "to",
          "of",
          "in",
          "with",
          "from",
          "has",
          "have",
          "must",
          "should",
          "will",
          "cannot",
          "can",
          "failed",
          "error",
          "success",
          "ok",
          "changed",
          "updated",
          "rotated",
          "reset",
          "length",
          "type",
          "field",
          "secretstr",
          "optional[str]",
          "str | none",
          "nan",
          "placeholder",
          "example",
          "sample",
          "dummy",
          "redact",
          "mask",
          "hide",
          "auto",
          "env",
          "environment",
          "vault",
          "file",
          "prompt",
          "keyring",
          "stdin",
          "ask",
          "generated",
          "random",
          "rotate",
          "enabled",
          "disabled",
          "nullable",
          "sensitive",
          "secretbytes",
          "secret_value",
          "get_secret_value",
          "...");

  /**
   * Whether {@code v} is a mask Airflow or this server writes ({@code ***}, {@code < hidden >}).
   */
  static boolean isMasked(String v) {
    if (v.length() < 2 || v.length() > 20) {
      return false;
    }
    char c = v.charAt(0);
    if (c != '*' && c != '<' && c != '[' && c != 'r' && c != 'R' && c != 'm' && c != 'M') {
      return false; // no mask starts otherwise (checked first: every string is asked)
    }
    return allStars(v) || MASKS.contains(v.toLowerCase(Locale.ROOT));
  }

  private static boolean allStars(String v) {
    for (int i = 0; i < v.length(); i++) {
      if (v.charAt(i) != '*') {
        return false;
      }
    }
    return true;
  }

  /** Longer values are no placeholder word: they skip hashing for the set probe. */
  private static final int LONGEST_PLACEHOLDER_WORD =
      PLACEHOLDER_WORDS.stream().mapToInt(String::length).max().orElse(0);

  /**
   * Whether a value found after a secret-looking name is not a secret: empty, a mask, partly masked
   * ({@code ****abcd}), a placeholder word, a template ({@code {{ conn.x.password }}}), a reference
   * to an environment variable ({@code $PG_PASS}, {@code ${PG_PASS}}), a format placeholder ({@code
   * %(password)s}, {@code {password}}) or an angle-bracket placeholder.
   */
  static boolean isPlaceholder(String v) {
    String t = v.strip();
    if (t.isEmpty() || isMasked(t) || t.startsWith("**") || documentedExample(t)) {
      return true;
    }
    String lower = t.toLowerCase(Locale.ROOT);
    if (fillerPlaceholder(t, lower)) {
      return true;
    }
    if (lower.length() <= LONGEST_PLACEHOLDER_WORD && PLACEHOLDER_WORDS.contains(lower)) {
      return true;
    }
    if (template(t, "{{", "}}") || template(t, "{%", "%}") || lower.contains("redacted")) {
      return true;
    }
    if (t.startsWith("$") && (isEnvReference(t) || t.startsWith("$("))) {
      return true;
    }
    if (t.startsWith("%(") || t.equals("%s") || t.equals("%r") || t.equals("?")) {
      return true;
    }
    if (t.startsWith("{") && t.endsWith("}") && isIdentifier(t.substring(1, t.length() - 1))) {
      return true;
    }
    if (t.startsWith("<") && t.endsWith(">")) {
      return true;
    }
    if (HarmlessShapes.placeholder(t)) {
      return true; // ghp_xxxx…, sk_test_<YOUR_KEY>, your-token-here, …EXAMPLEKEY
    }
    return t.length() >= 3
        && (allSame(lower, 'x')
            || allSame(t, '.')
            || allSame(t, '#')
            || allSame(t, '-')
            || allSame(t, '?'));
  }

  /** A template expression: an opening mark with its closing mark after it. */
  private static boolean template(String t, String open, String close) {
    int o = t.indexOf(open);
    return o >= 0 && t.indexOf(close, o + 2) > o;
  }

  /** {@code $NAME} or {@code ${NAME}} (optionally with a {@code :-default}). */
  static boolean isEnvReference(String t) {
    if (t.startsWith("${") && t.endsWith("}")) {
      String inner = t.substring(2, t.length() - 1);
      int colon = inner.indexOf(':');
      return isIdentifier(colon >= 0 ? inner.substring(0, colon) : inner);
    }
    String name = t.substring(1);
    return t.length() > 1 && isIdentifier(name) && !hasLower(name, 3) && !mixed(name);
  }

  /**
   * Upper and lower case and a digit ({@code $B6CX1rdGoVPjf3}): a generated password that starts
   * with '$', not a variable anyone names so.
   */
  private static boolean mixed(String s) {
    boolean upper = false;
    boolean lower = false;
    boolean digit = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      upper |= c >= 'A' && c <= 'Z';
      lower |= c >= 'a' && c <= 'z';
      digit |= c >= '0' && c <= '9';
    }
    return upper && lower && digit;
  }

  /**
   * A value that tells the reader to put a key there: {@code ghp_xxxxxxxxxxxx}, {@code
   * sk_test_<YOUR_KEY>}, {@code sk-...your-key...}, {@code xoxb-your-bot-token-here}.
   */
  static boolean fillerPlaceholder(String t) {
    return fillerPlaceholder(t, null);
  }

  /** {@link #fillerPlaceholder(String)} with {@code t} in lower case if already made, or null. */
  private static boolean fillerPlaceholder(String t, String lowerCase) {
    if (t.length() < 6 || t.length() > 200) {
      return false;
    }
    String lower = lowerCase != null ? lowerCase : t.toLowerCase(Locale.ROOT);
    if (lower.contains("xxxxxxxx") || lower.contains("********") || lower.contains("...")) {
      return true;
    }
    int lt = t.indexOf('<');
    int gt = lt < 0 ? -1 : t.indexOf('>', lt);
    if (gt - lt > 3) {
      boolean words = true;
      for (int i = lt + 1; i < gt && words; i++) {
        char c = t.charAt(i);
        words = Character.isLetter(c) || c == '_' || c == '-' || c == ' ';
      }
      if (words) {
        return true; // <YOUR_KEY>, <api-token>
      }
    }
    return lower.contains("your-")
        || lower.contains("your_")
        || lower.contains("-here")
        || lower.contains("_here")
        || lower.contains("changeme")
        || lower.contains("change-me")
        || lower.contains("replace-me")
        || lower.contains("replace_me")
        || lower.contains("placeholder");
  }

  /**
   * A key from vendor documentation ({@code AKIAIOSFODNN7EXAMPLE}, {@code
   * wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY}): {@code EXAMPLE} in capitals inside a long value.
   */
  static boolean documentedExample(String t) {
    return t.length() >= 16 && t.length() <= 128 && t.contains("EXAMPLE");
  }

  /** {@link #documentedExample(String)} on {@code s[from, to)}, without copying it. */
  static boolean documentedExample(String s, int from, int to) {
    if (to - from < 16 || to - from > 128) {
      return false;
    }
    for (int i = from; i + 7 <= to; i++) {
      if (s.charAt(i) == 'E' && s.startsWith("EXAMPLE", i)) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasLower(String s, int atLeast) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (Character.isLowerCase(s.charAt(i))) {
        n++;
      }
    }
    return n >= atLeast && n == s.length();
  }

  static boolean isIdentifier(String s) {
    if (s.isEmpty() || !(Character.isLetter(s.charAt(0)) || s.charAt(0) == '_')) {
      return s.isEmpty() ? false : s.chars().allMatch(Character::isDigit);
    }
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '_')) {
        return false;
      }
    }
    return true;
  }

  private static boolean allSame(String s, char c) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) != c) {
        return false;
      }
    }
    return true;
  }
}
