package dev.airflowmcp.runtime.redaction;

import java.util.Locale;
import java.util.Set;

/**
 * Masks that the shape of a value or the place it sits in show to be false alarms, dropped after
 * every rule has run (issue 12). How much is dropped depends on why the value was masked: a value
 * masked for its shape alone ({@link #SHAPE_FAMILIES}) can be dropped for any reason below; a value
 * a credential name, flag, cue word or vendor format marked (or found again after one did) only
 * when the value itself cannot be a secret (eight or more of one character, a name pattern) or,
 * after a cue word, when it is a cache key labelled so. A registered value is never dropped ({@link
 * Spans#dropIf}).
 *
 * <ul>
 *   <li>placeholders: one character repeated after at most a three-letter prefix ({@code
 *       T00000000}, {@code B00000000}, {@code 000…0}, {@code aaaa…a}), and the all-zero UUID:
 *       vendors document their formats with these; six or more for a shape-found value, eight or
 *       more for any other ({@code password: Pw0000000} stays masked);
 *   <li>source-control and content ids (shape-found values only): 7–64 hex characters whose nearest
 *       label on the line is a commit, sha, revision, ref, remote, upstream, digest, checksum or
 *       etag word ({@code "remote":"3089ed11…"}, {@code Checking out revision …}); a credential
 *       label nearer to the value wins, since then it is not the nearest;
 *   <li>public keys and names called in code (shape-found values only): a value whose own label
 *       says public key, an identifier followed by '(' ({@code cipher = ChaCha20Poly1305(key)});
 *   <li>references by pattern: a lower-case name pattern whose {@code *} follows a separator
 *       ({@code airflow-connections-*}) names many secrets and is none ({@code summer-night*} is
 *       not such a pattern);
 *   <li>cache keys (shape-found values and values after a cue word): words joined by {@code -}
 *       ending in a SHA-1 or SHA-256 digest ({@code setup-uv-1-x86_64-unknown-linux-gnu-26f6…},
 *       {@code Linux-pip-fdd0…}) whose own label names a cache, or is {@code key} after text that
 *       speaks of a cache.
 * </ul>
 */
final class HarmlessContexts {
  private HarmlessContexts() {}

  /**
   * Families whose masks were made from the value's shape alone, with no credential name, cue word
   * or format beside it: the masks this class may drop for where they sit, not only for what they
   * are.
   */
  private static final Set<String> SHAPE_FAMILIES = Set.of("shape", "generated-password");

  /** Hash names that start a key fingerprint ({@code SHA256:…}). */
  private static final Set<String> FINGERPRINT_ALGORITHMS =
      Set.of("md5", "sha1", "sha256", "sha512");

  /**
   * Labels of source-control and content ids. Only words that name an id: words that also label
   * other values ({@code before:}/{@code after:} of a rotated token, {@code at}, {@code base}) are
   * not here.
   */
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
          "parent",
          "checkout",
          "digest",
          "checksum",
          "etag",
          "hash",
          "oid",
          "changeset");

  /**
   * Drops the false alarms among {@code spans}; {@code name} is the property holding text, or null.
   */
  static void drop(String text, String name, Spans spans) {
    if (spans.isEmpty()) {
      return;
    }
    spans.dropIf((s, e, family) -> harmless(text, name, s, e, family));
  }

  static boolean harmless(String text, String name, int s, int e, String family) {
    if (e > text.length() || e - s > 256) {
      return false;
    }
    boolean shape = SHAPE_FAMILIES.contains(family);
    if (placeholder(text, s, e, shape ? 6 : 8) || globReference(text, s, e)) {
      return true; // the value itself cannot be a secret, wherever it was found
    }
    if ((shape || family.equals("credential-cue")) && cacheKey(text, s, e, shape)) {
      return true;
    }
    if (!shape) {
      return false;
    }
    if (e - s >= 7 && e - s <= 64 && hex(text, s, e)) {
      String label = nearestLabel(text, s);
      if (label.isEmpty() && s == 0 && e == text.length() && name != null) {
        label = name.toLowerCase(Locale.ROOT); // the whole value of a property: its name
      }
      if (ID_LABELS.contains(lastPart(label))) {
        return true;
      }
    }
    return call(text, s, e) || publicKeyLabel(text, s);
  }

  /**
   * Whether the value's own label ({@link #nearestLabel}) says public key: {@code public_key},
   * {@code publicKey}, {@code ssh-public-key}, {@code pubkey}; or the line reads {@code Public key:
   * <value>}. A public key mentioned elsewhere on the line does not count.
   */
  static boolean publicKeyLabel(String t, int s) {
    String label = nearestLabel(t, s);
    if (FINGERPRINT_ALGORITHMS.contains(label)) { // RSA_PUBLIC_KEY_FP=SHA256:<fingerprint>
      int k = s;
      while (k > 0 && s - k < 8 + label.length() && t.charAt(k - 1) != '=') {
        k--;
      }
      if (k > 0 && t.charAt(k - 1) == '=') {
        label = nearestLabel(t, k);
      }
    }
    if (label.endsWith("pubkey")
        || (label.contains("public")
            && (label.endsWith("key") || label.endsWith("_fp") || label.endsWith("fingerprint")))
        || label.equals("public_key")) {
      return true;
    }
    if (label.equals("key")) { // "Public key: <value>", the label read as its last word
      int b = s;
      while (b > 0 && s - b < 8 && " \t:=\"'".indexOf(t.charAt(b - 1)) >= 0) {
        b--;
      }
      int k = b - 3; // start of "key"
      return k >= 7 && t.regionMatches(true, k - 7, "public ", 0, 7);
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
    return placeholder(t, s, e, 6);
  }

  /** One character repeated ({@code run} or more) after at most three letters, or the zero UUID. */
  private static boolean placeholder(String t, int s, int e, int run) {
    int a = s;
    while (a < e && a - s < 3 && Character.isLetter(t.charAt(a))) {
      a++;
    }
    if (a < e && (t.charAt(a) == '_' || t.charAt(a) == '-') && a > s) {
      a++;
    }
    if (repeated(t, s, e, run) || (a > s && repeated(t, a, e, run))) {
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

  /** {@code run} or more of one character. */
  private static boolean repeated(String t, int s, int e, int run) {
    if (e - s < run) {
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

  /** {@code airflow-connections-*}: a lower-case name pattern ending in a separator and '*'. */
  private static boolean globReference(String t, int s, int e) {
    int end = e;
    if (end < t.length() && t.charAt(end) == '*') {
      end++;
    }
    if (end - s < 4 || t.charAt(end - 1) != '*' || "-/_.:".indexOf(t.charAt(end - 2)) < 0) {
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

  /**
   * Words joined by '-' ending in a hex digest: a cache action's key ({@code key: Linux-uv-…}),
   * when its own label names a cache, or the 300 characters before it speak of a cache and it was
   * found by its shape ({@code byShape}); after a cue word, only a SHA-1 or SHA-256 digest under
   * the label {@code key} (or on a line starting {@code key:}) with a cache in the 300 characters
   * before it or built from a CI expression ({@code key: ${{ runner.os }}-dbt-…}). A value under
   * another label ({@code password=prod-admin-…} after a cache message) is never one, nor {@code
   * key: sk-live-…} with no cache in sight.
   */
  private static boolean cacheKey(String t, int s, int e, boolean byShape) {
    int last = e - 1;
    while (last > s && t.charAt(last) != '-') {
      last--;
    }
    int digest = e - last - 1;
    if (last <= s || digest < 16 || !hex(t, last + 1, e)) {
      return false;
    }
    if (!byShape && digest != 40 && digest != 64) {
      return false; // after a cue word: only a SHA-1 or SHA-256, as cache actions write
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
    boolean template =
        s >= 3 && t.charAt(s - 1) == '-' && t.charAt(s - 2) == '}' && t.charAt(s - 3) == '}';
    if (template) {
      words++; // ${{ runner.os }}-dbt-…: a template expression is a part of the name
    }
    if (words < 2) {
      return false;
    }
    String label = nearestLabel(t, s);
    boolean cacheBefore =
        t.substring(Math.max(0, s - 300), s).toLowerCase(Locale.ROOT).contains("cache");
    if (label.contains("cache") || (byShape && cacheBefore)) {
      return true;
    }
    int a = s;
    while (a > 0 && s - a < 80 && t.charAt(a - 1) != '\n') {
      a--;
    }
    while (a < s && (t.charAt(a) == ' ' || t.charAt(a) == '-')) {
      a++;
    }
    if (!label.equals("key") && !t.startsWith("key:", a)) {
      return false;
    }
    return cacheBefore || template; // a key built from a CI expression is a workflow's
  }
}
