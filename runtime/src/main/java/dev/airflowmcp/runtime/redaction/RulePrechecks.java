package dev.airflowmcp.runtime.redaction;

/**
 * Cheap necessary conditions for a few pattern rules of {@link Detectors} whose keywords are common
 * and whose patterns are slow to search: when the condition fails on the region the pattern would
 * search, the pattern cannot match there and is not run. Each condition follows from its pattern,
 * so results are the same with or without it; it only saves the search. Rules are found by family
 * name, so rule definitions stay where they are.
 */
final class RulePrechecks {
  private RulePrechecks() {}

  /** Whether the rule's pattern may match in {@code text[from, to)}. */
  @FunctionalInterface
  interface Need {
    boolean mayMatch(CharSequence text, int from, int to);
  }

  /**
   * The AWS secret key patterns end in 40 base64 characters bounded on both sides by none of {@code
   * [A-Za-z0-9/+=]}, and the key id pattern looks at most 225 characters past its start.
   */
  private static final int AFTER_KEY_ID_REACH = 225;

  /**
   * The condition for a rule, or null when its pattern runs unconditionally: only for the patterns
   * each condition was derived from, so a rule whose pattern changes (or a new rule of the same
   * family name) loses its pre-check rather than its matches.
   */
  static Need forRule(String family, String pattern) {
    String derivedFrom = DERIVED_FROM.get(family);
    return derivedFrom != null && derivedFrom.equals(pattern) ? forFamily(family) : null;
  }

  /** The pattern source each condition was derived from (as in {@link Detectors#RULES}). */
  private static final java.util.Map<String, String> DERIVED_FROM =
      java.util.Map.of(
          "aws-secret-access-key",
          "(?<![A-Za-z0-9/+=])(?<s>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])"
              + "(?<=(?i:secret)[^\\n]{0,100})",
          "aws-secret-after-key-id",
          "(?:A[KS]IA[A-Z0-9]{16}|GOOG1[A-Z0-9]{20,80})[^\\n]{1,100}?(?<![A-Za-z0-9/+=])"
              + "(?<s>(?=[A-Za-z0-9/+]{0,39}[0-9])(?=[A-Za-z0-9/+]{0,39}[a-z])"
              + "(?=[A-Za-z0-9/+]{0,39}[A-Z])[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])",
          "curl-user-password",
          "(?:^|\\s)(?:-u|--user)\\s*['\"]?[^:\\s'\"]{1,128}:(?![0-9]+(?:[\\s'\"]|$))"
              + "(?<s>[^\\s'\"]{3,4096})",
          "mysql-password-argument",
          "(?:^|\\s)-p(?<s>'[^'\\n]{3,4096}'|\"[^\"\\n]{3,4096}\"|[^\\s'\"-][^\\s'\"]{2,4096})",
          "cli-password-stdin",
          "(?:\\becho|\\bprintf)\\s+(?:-[neE]{1,3}\\s+)?"
              + "(?:(?:'%s[^']{0,4}'|\"%s[^\"]{0,4}\"|%s)\\s+)?"
              + Detectors.VALUE
              + "\\s*\\|(?=[^\\n]{0,512}?(?:-stdin|--with-token|--password-file=-"
              + "|--passphrase-fd[ =]0|[=\\s]/dev/(?:stdin|fd/0)\\b"
              + "|-pass(?:in|word)?[ =](?:stdin|fd:0)))");

  /** The families that have a condition. */
  static java.util.Set<String> families() {
    return DERIVED_FROM.keySet();
  }

  private static Need forFamily(String family) {
    return switch (family) {
      // (?<s>[A-Za-z0-9/+]{40}) between (?<![A-Za-z0-9/+=]) and (?![A-Za-z0-9/+=])
      case "aws-secret-access-key" -> RulePrechecks::runOf40;
      // key id (at most 85) + [^\n]{1,100}? + the 40 characters above, from the keyword
      case "aws-secret-after-key-id" ->
          (t, from, to) -> runOf40(t, from, Math.min(to, from + AFTER_KEY_ID_REACH));
      // (?:-u|--user): both contain "-u"
      case "curl-user-password" -> (t, from, to) -> contains(t, from, to, "-u");
      // (?:^|\s)-p…, case-sensitive
      case "mysql-password-argument" -> (t, from, to) -> contains(t, from, to, "-p");
      // (?:\becho|\bprintf), case-sensitive
      case "cli-password-stdin" ->
          (t, from, to) -> contains(t, from, to, "echo") || contains(t, from, to, "printf");
      default -> null;
    };
  }

  private static boolean base64(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '/'
        || c == '+';
  }

  /**
   * Whether {@code text[from, to)} holds a run of exactly 40 of {@code [A-Za-z0-9/+]}, its
   * neighbours inside the range neither such characters nor '='. A run that the patterns match lies
   * inside the range and is such a run; runs cut by the range's ends are let through too.
   */
  static boolean runOf40(CharSequence text, int from, int to) {
    int i = from;
    while (i < to) {
      if (!base64(text.charAt(i))) {
        i++;
        continue;
      }
      int s = i;
      while (i < to && base64(text.charAt(i))) {
        i++;
      }
      if (i - s == 40
          && (s == from || text.charAt(s - 1) != '=')
          && (i == to || text.charAt(i) != '=')) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code needle} occurs entirely inside {@code text[from, to)}. */
  static boolean contains(CharSequence text, int from, int to, String needle) {
    char first = needle.charAt(0);
    int last = to - needle.length();
    for (int i = from; i <= last; i++) {
      if (text.charAt(i) == first) {
        int k = 1;
        while (k < needle.length() && text.charAt(i + k) == needle.charAt(k)) {
          k++;
        }
        if (k == needle.length()) {
          return true;
        }
      }
    }
    return false;
  }
}
