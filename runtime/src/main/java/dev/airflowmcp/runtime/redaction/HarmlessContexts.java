package dev.airflowmcp.runtime.redaction;

import java.util.Locale;
import java.util.Set;

/**
 * Masks that the shape of a value or the place it sits in show to be false alarms, dropped after
 * every rule has run (issue 12); registered values are never dropped ({@link Spans#dropIf}):
 *
 * <ul>
 *   <li>placeholders: one character repeated six times or more, after at most a three-letter prefix
 *       ({@code T00000000}, {@code B00000000}, {@code 000…0}, {@code aaaa…a}), and the all-zero
 *       UUID: vendors document their formats with these;
 *   <li>source-control and content ids: 7–64 hex characters found by a shape rule, whose nearest
 *       label on the line is a commit, sha, revision, ref, remote, upstream, digest, checksum or
 *       etag word ({@code "remote":"3089ed11…"}, {@code Checking out revision …}); a credential
 *       label nearer to the value wins, since then it is not the nearest;
 *   <li>public keys and names called in code: a value whose label says public key, an identifier
 *       followed by '(' ({@code cipher = ChaCha20Poly1305(key)}), when only a shape rule found it;
 *   <li>references by pattern: a name pattern ending in {@code *} ({@code airflow-connections-*})
 *       names many secrets and is none;
 *   <li>cache keys: words joined by {@code -} ending in a hex digest ({@code
 *       setup-uv-1-x86_64-unknown-linux-gnu-26f6…}, {@code Linux-pip-fdd0…}) where the text says
 *       {@code cache} before it or the label is {@code key}.
 * </ul>
 */
final class HarmlessContexts {
  private HarmlessContexts() {}

  /** Families whose masks are judged by shape or context alone. */
  private static final Set<String> SHAPE_FAMILIES =
      Set.of("shape", "credential-cue", "generated-password", "unattributed", "found-value");

  /** Labels of source-control and content ids. */
  private static final Set<String> ID_LABELS =
      Set.of(
          "commit",
          "sha",
          "sha1",
          "revision",
          "rev",
          "ref",
          "remote",
          "upstream",
          "head",
          "parent",
          "tree",
          "merge",
          "origin",
          "checkout",
          "digest",
          "checksum",
          "etag",
          "hash",
          "at",
          "base",
          "before",
          "after",
          "oid",
          "changeset");

  /**
   * Drops the false alarms among {@code spans}; {@code name} is the property holding text, or null.
   */
  static void drop(String text, String name, Spans spans) {
    if (spans.isEmpty()) {
      return;
    }
    PublicWord pub = new PublicWord(text);
    spans.dropIf((s, e, family) -> harmless(text, name, s, e, family, pub));
  }

  /**
   * Whether the text says public or pubkey, looked up (four scans of the text) only when a shape
   * range that is not a call asks, and then once.
   */
  private static final class PublicWord {
    private final String text;
    private int known; // 0: not looked up, 1: yes, 2: no

    PublicWord(String text) {
      this.text = text;
    }

    boolean said() {
      if (known == 0) {
        known =
            text.indexOf("ublic") >= 0
                    || text.indexOf("UBLIC") >= 0
                    || text.indexOf("ubkey") >= 0
                    || text.indexOf("UBKEY") >= 0
                ? 1
                : 2;
      }
      return known == 1;
    }
  }

  static boolean harmless(String text, String name, int s, int e, String family) {
    return harmless(text, name, s, e, family, null);
  }

  /** {@code pub} null: the public-key label is looked for whatever the text says. */
  private static boolean harmless(
      String text, String name, int s, int e, String family, PublicWord pub) {
    if (e > text.length() || e - s > 256) {
      return false;
    }
    if (placeholder(text, s, e)) {
      return true;
    }
    boolean shape = SHAPE_FAMILIES.contains(family);
    if (shape && e - s >= 7 && e - s <= 64 && hex(text, s, e)) {
      String label = nearestLabel(text, s);
      if (label.isEmpty() && s == 0 && e == text.length() && name != null) {
        label = name.toLowerCase(Locale.ROOT); // the whole value of a property: its name
      }
      if (ID_LABELS.contains(lastPart(label))) {
        return true;
      }
    }
    if (shape && (call(text, s, e) || ((pub == null || pub.said()) && publicKeyLabel(text, s)))) {
      return true;
    }
    return globReference(text, s, e) || cacheKey(text, s, e);
  }

  /** Whether the label before {@code s} on its line (30 characters) says public key. */
  static boolean publicKeyLabel(String t, int s) {
    int a = s;
    while (a > 0 && s - a < 30 && t.charAt(a - 1) != '\n') {
      a--;
    }
    for (int k = a; k + 6 <= s; k++) {
      char c = t.charAt(k);
      if ((c == 'p' || c == 'P')
          && (t.regionMatches(true, k, "public", 0, 6)
              || t.regionMatches(true, k, "pubkey", 0, 6))) {
        int m = k + 6;
        if (m < s && (t.charAt(m) == ' ' || t.charAt(m) == '_')) {
          m++;
        }
        if (t.regionMatches(true, k, "pubkey", 0, 6) || t.regionMatches(true, m, "key", 0, 3)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * A name called in code: an identifier followed by '(' ({@code ChaCha20Poly1305(key)}), the span
   * ending at the '(' or holding the call with a plain argument list: code, not a value.
   */
  static boolean call(String t, int s, int e) {
    int k = s;
    if (k >= e || !(Character.isLetter(t.charAt(k)) || t.charAt(k) == '_')) {
      return false;
    }
    while (k < e
        && (Character.isLetterOrDigit(t.charAt(k)) || t.charAt(k) == '_' || t.charAt(k) == '.')) {
      k++;
    }
    if (k == e) {
      return e < t.length() && t.charAt(e) == '(';
    }
    if (t.charAt(k) != '(') {
      return false;
    }
    int close = -1;
    for (int m = k + 1; m < Math.min(t.length(), e + 1); m++) {
      if (t.charAt(m) == ')') {
        close = m;
        break;
      }
    }
    if (close < 0) {
      return false;
    }
    for (int m = k + 1; m < close; m++) {
      char c = t.charAt(m);
      if (!(Character.isLetterOrDigit(c) || c == '_' || c == ',' || c == ' ' || c == '.')) {
        return false;
      }
    }
    for (int m = close + 1; m < e; m++) {
      if (t.charAt(m) != ';') {
        return false;
      }
    }
    return true;
  }

  /** One character repeated (six or more) after at most three letters, or the all-zero UUID. */
  static boolean placeholder(String t, int s, int e) {
    int a = s;
    while (a < e && a - s < 3 && Character.isLetter(t.charAt(a))) {
      a++;
    }
    if (a < e && (t.charAt(a) == '_' || t.charAt(a) == '-') && a > s) {
      a++;
    }
    if (repeated(t, s, e) || (a > s && repeated(t, a, e))) {
      return true;
    }
    if (e - s == 36) {
      for (int k = s; k < e; k++) {
        char c = t.charAt(k);
        if (c != '0' && c != '-') {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  /**
   * A counting placeholder (used by {@link LabelledValues#machineMade}, not as a veto on other
   * rules, whose tests keep such values as secrets): its digits, read in order, count up by one
   * (modulo 10) eight times or more, and its letters, if any, count up too ({@code
   * 1a2b3c4d5e6f7a8b…}, {@code 1234567890abcdef}, {@code abc123456789}). Random values almost never
   * do.
   */
  static boolean counting(CharSequence t, int s, int e) {
    int digits = 0;
    int prevDigit = -1;
    int prevLetter = -1;
    int letterFirst = -1;
    for (int k = s; k < e; k++) {
      char c = Character.toLowerCase(t.charAt(k));
      if (c >= '0' && c <= '9') {
        int d = c - '0';
        if (prevDigit >= 0 && d != (prevDigit + 1) % 10) {
          return false;
        }
        prevDigit = d;
        digits++;
      } else if (c >= 'a' && c <= 'z') {
        int l = c - 'a';
        if (prevLetter >= 0 && l != prevLetter + 1 && !(l == letterFirst && l < prevLetter)) {
          return false;
        }
        if (letterFirst < 0) {
          letterFirst = l;
        }
        prevLetter = l;
      }
    }
    return digits >= 8;
  }

  /** Six or more of one character. */
  private static boolean repeated(String t, int s, int e) {
    if (e - s < 6) {
      return false;
    }
    char c = t.charAt(s);
    for (int k = s + 1; k < e; k++) {
      if (t.charAt(k) != c) {
        return false;
      }
    }
    return true;
  }

  private static boolean hex(String t, int s, int e) {
    for (int k = s; k < e; k++) {
      char c = t.charAt(k);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code value} is 7–64 hex characters under a property whose name's last part says
   * commit, revision, remote, digest and the like: an id, not a key.
   */
  static boolean idUnderName(String name, String value) {
    int n = value.length();
    return name != null
        && n >= 7
        && n <= 64
        && hex(value, 0, n)
        && ID_LABELS.contains(lastPart(name.toLowerCase(Locale.ROOT)));
  }

  /** The last '_', '-' or '.' separated part of a name. */
  private static String lastPart(String label) {
    int k =
        Math.max(label.lastIndexOf('_'), Math.max(label.lastIndexOf('-'), label.lastIndexOf('.')));
    return label.substring(k + 1);
  }

  /**
   * The label right before {@code s} on its line, lower-cased: across quotes, ':', '=' and spaces,
   * then a name of letters, digits, '_', '-' and '.'; "" when none.
   */
  static String nearestLabel(String t, int s) {
    int b = s;
    int limit = Math.max(0, s - 8);
    while (b > limit) {
      char c = t.charAt(b - 1);
      if (c == '"' || c == '\'' || c == ':' || c == '=' || c == ' ' || c == '\t' || c == '[') {
        b--;
      } else {
        break;
      }
    }
    if (b == s && s > 0) {
      return "";
    }
    int a = b;
    while (a > 0
        && b - a < 40
        && (Character.isLetterOrDigit(t.charAt(a - 1))
            || t.charAt(a - 1) == '_'
            || t.charAt(a - 1) == '-'
            || t.charAt(a - 1) == '.')) {
      a--;
    }
    return t.substring(a, b).toLowerCase(Locale.ROOT);
  }

  /** {@code airflow-connections-*}: a lower-case name pattern ending in '*'. */
  private static boolean globReference(String t, int s, int e) {
    int end = e;
    if (end < t.length() && t.charAt(end) == '*') {
      end++;
    }
    if (end - s < 4 || t.charAt(end - 1) != '*') {
      return false;
    }
    boolean sep = false;
    for (int k = s; k < end - 1; k++) {
      char c = t.charAt(k);
      if (c == '-' || c == '/' || c == '_' || c == '.' || c == ':') {
        sep = true;
      } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '*')) {
        return false;
      }
    }
    return sep && !ValueKinds.looksRandom(t.substring(s, end - 1));
  }

  /** Words joined by '-' ending in a hex digest, where the text speaks of a cache or a key. */
  private static boolean cacheKey(String t, int s, int e) {
    int last = e - 1;
    while (last > s && t.charAt(last) != '-') {
      last--;
    }
    if (last <= s || e - last - 1 < 16 || !hex(t, last + 1, e)) {
      return false;
    }
    int words = 0;
    int segStart = s;
    for (int k = s; k <= last; k++) {
      if (k == last || t.charAt(k) == '-') {
        boolean letters = k - segStart >= 2;
        for (int m = segStart; m < k && letters; m++) {
          letters = Character.isLetter(t.charAt(m));
        }
        if (letters) {
          words++;
        }
        segStart = k + 1;
      }
    }
    if (s >= 3 && t.charAt(s - 1) == '-' && t.charAt(s - 2) == '}' && t.charAt(s - 3) == '}') {
      words++; // ${{ runner.os }}-dbt-…: a template expression is a part of the name
    }
    if (words < 2) {
      return false;
    }
    String label = nearestLabel(t, s);
    int a = s;
    while (a > 0 && s - a < 80 && t.charAt(a - 1) != '\n') {
      a--;
    }
    while (a < s && (t.charAt(a) == ' ' || t.charAt(a) == '-')) {
      a++;
    }
    if (label.equals("key") || label.contains("cache") || t.startsWith("key:", a)) {
      return true;
    }
    int from = Math.max(0, s - 300);
    return t.substring(from, s).toLowerCase(Locale.ROOT).contains("cache");
  }
}
