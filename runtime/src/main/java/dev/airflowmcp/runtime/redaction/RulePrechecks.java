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
   * The AWS secret key patterns end in 40 base64 characters bounded on both sides by none of
   * {@code [A-Za-z0-9/+=]}, and the key id pattern looks at most 225 characters past its start.
   */
  private static final int AFTER_KEY_ID_REACH = 225;

  /** The condition for a family, or null when its pattern runs unconditionally. */
  static Need forFamily(String family) {
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
