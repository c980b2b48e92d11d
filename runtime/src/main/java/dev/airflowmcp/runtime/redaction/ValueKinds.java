package dev.airflowmcp.runtime.redaction;

import java.util.Base64;
import java.util.Locale;

/**
 * What a value found under a secret name is, by its text alone: code ({@code Variable.get(…)},
 * {@code conn.password}), a path to a key file, another setting's name, a reference path in a
 * secrets manager, base64 of {@code user:password}, or a machine-made string. Stateless.
 */
final class ValueKinds {
  private ValueKinds() {}

  /** Base64 of {@code user:password}. */
  static boolean isBasicCredential(String s) {
    try {
      byte[] raw = Base64.getDecoder().decode(s);
      String decoded = new String(raw, java.nio.charset.StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      if (colon <= 0 || colon == decoded.length() - 1) {
        return false;
      }
      for (int i = 0; i < decoded.length(); i++) {
        if (decoded.charAt(i) < 0x20 || decoded.charAt(i) == 0xFFFD) {
          return false;
        }
      }
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** {@code v[0, end)} is a (dotted) identifier: the callee of {@code f(…)}. */
  static boolean isDottedName(String v, int end) {
    if (!(Character.isLetter(v.charAt(0)) || v.charAt(0) == '_')) {
      return false;
    }
    for (int i = 1; i < end; i++) {
      char c = v.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '_' || c == '.')) {
        return false;
      }
    }
    return true;
  }

  /** Unquoted code: calls, attribute paths, and variables named after the secret. */
  static boolean isCode(String v) {
    int paren = v.indexOf('(');
    if (paren > 0 && paren == v.length() - 1) {
      // Secret( with its arguments on the next lines: a call of a name that reads as code
      String head = v.substring(0, paren);
      return isCodeReference(head) || (Masks.isIdentifier(head) && wordLike(head));
    }
    if ((paren > 0 && v.endsWith(")") && isDottedName(v, paren))
        || v.startsWith("self.")
        || v.startsWith("os.")) {
      return true;
    }
    return isCodeReference(v);
  }

  /** {@code conn.password}, {@code settings.SECRET_KEY}, {@code db_password}, {@code token}. */
  static boolean isCodeReference(String v) {
    boolean dotted = false;
    boolean letters = true;
    int start = 0;
    for (int i = 0; i <= v.length(); i++) {
      if (i == v.length() || v.charAt(i) == '.') {
        String part = v.substring(start, i);
        if (!Masks.isIdentifier(part) || Character.isDigit(part.charAt(0)) || !wordLike(part)) {
          return false;
        }
        dotted |= i < v.length();
        start = i + 1;
      } else if (!Character.isLetter(v.charAt(i)) && v.charAt(i) != '_') {
        letters = false;
      }
    }
    if (dotted) {
      return true;
    }
    if (!letters) {
      return false;
    }
    String lower = v.toLowerCase(Locale.ROOT);
    return lower.contains("pass")
        || lower.contains("secret")
        || lower.contains("token")
        || lower.contains("key")
        || lower.contains("pwd")
        || lower.contains("cred");
  }

  /**
   * A part of a dotted name as code writes it: one case ({@code conn}, {@code SECRET_KEY}) or
   * camelCase words ({@code getPassword}); not mixed case without words ({@code JcF6MnW}, the part
   * of a dotted password {@code PBL.JcF6MnW}).
   */
  static boolean wordLike(String part) {
    int upper = 0;
    int lower = 0;
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (Character.isUpperCase(c)) {
        upper++;
      } else if (Character.isLowerCase(c)) {
        lower++;
      } else if (Character.isDigit(c)
          && i + 1 < part.length()
          && Character.isLetter(part.charAt(i + 1))
          && upper > 0
          && lower > 0) {
        return false; // a digit between mixed-case letters
      }
    }
    if (upper == 0 || lower == 0) {
      return true;
    }
    return Shapes.wordiness(part, 0, part.length()) * 2 >= upper + lower;
  }

  /**
   * Another setting rather than a value: {@code name=} (the start of the next assignment) or a
   * lower-case snake_case name ({@code sql_alchemy_conn}), as Airflow's {@code *_SECRET} and {@code
   * *_CMD} settings hold the name of a secret, not the secret.
   */
  static boolean isSetting(String v) {
    if (v.endsWith("=")
        && v.length() <= 65
        && Masks.isIdentifier(v.substring(0, v.length() - 1))
        && wordLike(v.substring(0, v.length() - 1))) {
      return true; // not base64 ending in '=' (a key's body)
    }
    if (v.indexOf('_') <= 0) {
      return false;
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (!((c >= 'a' && c <= 'z') || c == '_')) {
        return false;
      }
    }
    return true;
  }

  /**
   * A path in a secrets manager or vault, not a secret: lower-case words, digits and {@code -_.} in
   * segments joined by {@code /} ({@code secret/data/airflow/pg}, {@code
   * projects/etl/secrets/db-password/versions/latest}).
   */
  static boolean isReferencePath(String v) {
    if (v.indexOf('/') <= 0 || v.length() > 256) {
      return false;
    }
    int digits = 0;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (!((c >= 'a' && c <= 'z') || c == '-' || c == '_' || c == '.' || c == '/')) {
        return false;
      }
    }
    return digits * 4 < v.length();
  }

  /** A file path, not the secret itself ({@code /run/secrets/db}, {@code ./key.json}). */
  static boolean isPath(String v) {
    if (v.length() > 256) {
      return false;
    }
    boolean path =
        v.startsWith("/")
            || v.startsWith("./")
            || v.startsWith("~/")
            || v.startsWith("../")
            || (v.length() > 3 && v.charAt(1) == ':' && v.charAt(2) == '\\');
    String lower = v.toLowerCase(Locale.ROOT);
    boolean keyFile =
        lower.endsWith(".json")
            || lower.endsWith(".pem")
            || lower.endsWith(".key")
            || lower.endsWith(".p12")
            || lower.endsWith(".pfx")
            || lower.endsWith(".txt")
            || lower.endsWith(".yaml")
            || lower.endsWith(".yml")
            || lower.endsWith(".cfg")
            || lower.endsWith(".env")
            || lower.endsWith(".crt")
            || lower.endsWith(".jks");
    if (!path && !keyFile) {
      return false;
    }
    if (keyFile && !path && v.indexOf('/') < 0 && v.indexOf('.') == v.lastIndexOf('.')) {
      return true; // key.json
    }
    int upper = 0;
    int letters = 0;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == ' ' || c == '+' || c == '=') {
        return false;
      }
      if (Character.isLetter(c)) {
        letters++;
        if (Character.isUpperCase(c)) {
          upper++;
        }
      }
    }
    return upper * 5 <= letters;
  }

  /**
   * Looks machine-made rather than a word: at least 8 characters with a digit, both cases, or a
   * symbol other than {@code -_.}.
   */
  static boolean looksRandom(String v) {
    if (v.length() < 8) {
      return false;
    }
    boolean digit = false;
    boolean upper = false;
    boolean lower = false;
    boolean symbol = false;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (Character.isDigit(c)) {
        digit = true;
      } else if (Character.isUpperCase(c)) {
        upper = true;
      } else if (Character.isLowerCase(c)) {
        lower = true;
      } else if (c != '-' && c != '_' && c != '.') {
        symbol = true;
      }
    }
    return (digit && (upper || lower)) || (upper && lower) || symbol;
  }

  /** Durations as configs write them: {@code 30s}, {@code 12h}, {@code 500ms}, {@code 1d}. */
  private static final java.util.regex.Pattern DURATION =
      java.util.regex.Pattern.compile(
          "[0-9]{1,6}(?:\\.[0-9]{1,3})?\\s?(?:ms|s|sec|secs|seconds?|m|min|mins"
              + "|minutes?|h|hr|hrs|hours?|d|days?|w|weeks?)");

  /** A date or a timestamp as logs and APIs print them. */
  private static final java.util.regex.Pattern DATE =
      java.util.regex.Pattern.compile(
          "[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]{1,9})?)?"
              + "(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?");

  /** Values that stand for a yes or no, a level or nothing. */
  private static final java.util.Set<String> FLAGS =
      java.util.Set.of(
          "true",
          "false",
          "yes",
          "no",
          "on",
          "off",
          "none",
          "null",
          "nil",
          "enabled",
          "disabled",
          "required",
          "optional",
          "always",
          "never",
          "auto");

  /**
   * A value under a secret-word name in free text that is clearly no secret, as Airflow's own
   * masker would never see it (it never parses {@code key=value} text): a flag, a duration, a date,
   * a host or URL without credentials, or a reference to a secret kept elsewhere ({@code {{
   * var.value.x }}}, {@code ${NAME}}, {@code vault:…}, a Secrets Manager ARN, {@code
   * projects/…/secrets/…}, {@code secretKeyRef}).
   */
  static boolean clearlyNotSecret(String v) {
    int n = v.length();
    if (n == 0) {
      return true;
    }
    char first = v.charAt(0);
    if (first >= '0' && first <= '9') {
      // A number is no proof: a numeric password or PIN under a secret name is still masked.
      if (n <= 16 && DURATION.matcher(v.toLowerCase(Locale.ROOT)).matches()) {
        return true;
      }
      if (n >= 10 && n <= 35 && DATE.matcher(v).matches()) {
        return true; // 2025-01-01, 2025-01-01T10:00:00+00:00
      }
    }
    if (n <= 8 && FLAGS.contains(v.toLowerCase(Locale.ROOT))) {
      return true;
    }
    if (isReference(v)) {
      return true;
    }
    return hostOrUrl(v);
  }

  private static boolean allDigits(String v) {
    return allDigitsBut(v, -1) && !v.isEmpty();
  }

  /** Whether every character but the one at {@code skip} is a digit. */
  private static boolean allDigitsBut(String v, int skip) {
    for (int i = 0; i < v.length(); i++) {
      if (i != skip && !Character.isDigit(v.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Prefixes of references to a secret kept elsewhere (any case). */
  private static final String[] REFERENCE_PREFIXES = {
    "vault:",
    "arn:aws:secretsmanager:",
    "arn:aws:ssm:",
    "secretkeyref",
    "@microsoft.keyvault(",
    "ref+",
    "op://",
    "sm://",
    "awssm:",
    "gcpsm:",
    "azkv:"
  };

  /** A reference to a secret kept elsewhere: it names the secret, it is not one. */
  static boolean isReference(String v) {
    char c = Character.toLowerCase(v.charAt(0));
    if (c == '{' || c == '$' || c == '%' || c == '<') {
      return Masks.isPlaceholder(v); // {{ … }}, ${NAME}, $NAME, %(password)s, <placeholder>
    }
    for (String p : REFERENCE_PREFIXES) {
      if (p.charAt(0) == c && v.regionMatches(true, 0, p, 0, p.length())) {
        return true;
      }
    }
    if (v.regionMatches(true, 0, "projects/", 0, 9)) {
      return v.contains("/secrets/");
    }
    return v.regionMatches(true, 0, "https://", 0, 8)
        && v.contains(".vault.azure.net/secrets/")
        && v.indexOf('@') < 0;
  }

  /**
   * A host name ({@code db.internal}, {@code pgbouncer.airflow.svc}) or a URL whose authority holds
   * no credentials: lower-case labels, at least one dot, no '@', no query carrying a value under a
   * secret name.
   */
  static boolean hostOrUrl(String v) {
    if (v.length() > 512 || v.indexOf('@') >= 0) {
      return false;
    }
    int scheme = v.indexOf("://");
    String rest = v;
    if (scheme > 0) {
      for (int i = 0; i < scheme; i++) {
        char c = v.charAt(i);
        if (!(Character.isLetterOrDigit(c) || c == '+' || c == '.' || c == '-')) {
          return false;
        }
      }
      rest = v.substring(scheme + 3);
      int q = rest.indexOf('?');
      if (q >= 0) {
        return false; // a query may carry a key: leave it to the other rules
      }
      int slash = rest.indexOf('/');
      String host = slash < 0 ? rest : rest.substring(0, slash);
      return hostName(host) && (slash < 0 || plainPath(rest.substring(slash)));
    }
    return hostName(rest);
  }

  /** Lower-case DNS labels with at least one dot and a letter, an optional port. */
  private static boolean hostName(String h) {
    int colon = h.lastIndexOf(':');
    if (colon > 0) {
      if (!allDigits(h.substring(colon + 1))) {
        return false;
      }
      h = h.substring(0, colon);
    }
    if (h.isEmpty() || h.indexOf('.') <= 0 || h.endsWith(".")) {
      return false;
    }
    boolean letter = false;
    for (int i = 0; i < h.length(); i++) {
      char c = h.charAt(i);
      if (c >= 'a' && c <= 'z') {
        letter = true;
      } else if (!((c >= '0' && c <= '9') || c == '.' || c == '-')) {
        return false;
      }
    }
    if (!letter) {
      return true; // an IPv4 address
    }
    // The last label is a word (a TLD or an internal zone), not random.
    String last = h.substring(h.lastIndexOf('.') + 1);
    for (int i = 0; i < last.length(); i++) {
      if (!Character.isLetter(last.charAt(i))) {
        return false;
      }
    }
    return last.length() >= 2 && last.length() <= 12;
  }

  /** A URL path of words: segments without random tokens. */
  private static boolean plainPath(String p) {
    for (String seg : p.split("/")) {
      if (seg.length() >= 16 && Shapes.body(seg, 0, seg.length(), true)) {
        return false;
      }
    }
    return true;
  }
}
