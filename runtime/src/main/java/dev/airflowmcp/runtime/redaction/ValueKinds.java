package dev.airflowmcp.runtime.redaction;

import java.util.Base64;
import java.util.Locale;

/**
 * What a value found under a secret name is, by its text alone: code ({@code
 * Variable.get(…)}, {@code conn.password}), a path to a key file, another setting's name, a
 * reference path in a secrets manager, base64 of {@code user:password}, or a machine-made
 * string. Stateless.
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
    if ((paren > 0 && v.endsWith(")") && isDottedName(v, paren)) || v.startsWith("self.")
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
        if (!Masks.isIdentifier(part) || Character.isDigit(part.charAt(0))) {
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
    return lower.contains("pass") || lower.contains("secret") || lower.contains("token")
        || lower.contains("key") || lower.contains("pwd") || lower.contains("cred");
  }

  /**
   * Another setting rather than a value: {@code name=} (the start of the next assignment) or a
   * lower-case snake_case name ({@code sql_alchemy_conn}), as Airflow's {@code *_SECRET} and
   * {@code *_CMD} settings hold the name of a secret, not the secret.
   */
  static boolean isSetting(String v) {
    if (v.endsWith("=") && Masks.isIdentifier(v.substring(0, v.length() - 1))) {
      return true;
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
   * A path in a secrets manager or vault, not a secret: lower-case words, digits and {@code
   * -_.} in segments joined by {@code /} ({@code secret/data/airflow/pg}, {@code
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
    boolean path = v.startsWith("/") || v.startsWith("./") || v.startsWith("~/")
        || v.startsWith("../") || (v.length() > 3 && v.charAt(1) == ':' && v.charAt(2) == '\\');
    String lower = v.toLowerCase(Locale.ROOT);
    boolean keyFile = lower.endsWith(".json") || lower.endsWith(".pem") || lower.endsWith(".key")
        || lower.endsWith(".p12") || lower.endsWith(".pfx") || lower.endsWith(".txt")
        || lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".cfg")
        || lower.endsWith(".env") || lower.endsWith(".crt") || lower.endsWith(".jks");
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
}
