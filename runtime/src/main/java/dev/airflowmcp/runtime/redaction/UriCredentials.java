package dev.airflowmcp.runtime.redaction;

import java.util.List;

/**
 * Credentials in the user-info part of URIs, for any scheme: {@code
 * postgresql+psycopg2://user:PASSWORD@host/db}, {@code redis://:PASSWORD@host:6379/0}, {@code
 * mongodb+srv://user:PASSWORD@cluster}, {@code https://x-access-token:TOKEN@github.com}, Sentry
 * style {@code https://KEY@o1.ingest.sentry.io/1}. Only the password (or a token-like user) is
 * masked, as Celery and kombu print broker URLs ({@code amqp://guest:**@host}); a password that is
 * already masked, empty or a placeholder stays.
 */
final class UriCredentials {
  private UriCredentials() {}

  /** Handles the {@code ://} at {@code sep}. */
  static void at(String text, int sep, int lineEnd, Spans spans, List<String> values) {
    int s = sep;
    int schemeLimit = Math.max(0, sep - 64);
    while (s > schemeLimit && isSchemeChar(text.charAt(s - 1))) {
      s--;
    }
    if (sep - s < 2 || !Character.isLetter(text.charAt(s))) {
      return;
    }
    int a = sep + 3;
    int authEnd = a;
    int authLimit = Math.min(lineEnd, a + 2048);
    while (authEnd < authLimit && !endsAuthority(text.charAt(authEnd))) {
      authEnd++;
    }
    int at = -1;
    for (int i = authEnd - 1; i >= a; i--) {
      if (text.charAt(i) == '@') {
        at = i;
        break;
      }
    }
    if (authEnd < authLimit
        && (text.charAt(authEnd) == '#' || text.charAt(authEnd) == '?')
        && text.lastIndexOf(':', authEnd) >= a
        && !port(text, text.lastIndexOf(':', authEnd) + 1, authEnd)) {
      // etl:wmn0@0ArxUGQ#@host: a '#' or '?' in a password not percent-encoded; the user-info
      // ends at the last '@' before the next '/', space or quote.
      int limit = Math.min(lineEnd, authEnd + 256);
      for (int i = authEnd; i < limit; i++) {
        char c = text.charAt(i);
        if (c == '/' || c == ' ' || c == '"' || c == '\'' || c == '\\' || c == '`') {
          break;
        }
        if (c == '@' && i + 1 < limit && Character.isLetterOrDigit(text.charAt(i + 1))) {
          at = i;
        }
      }
    }
    if (at < 0) {
      at = widerUserInfo(text, a, lineEnd);
      if (at < 0) {
        return;
      }
    }
    int colon = -1;
    for (int i = a; i < at; i++) {
      if (text.charAt(i) == ':') {
        colon = i;
        break;
      }
    }
    if (colon >= 0) {
      int p = colon + 1;
      if (p < at) {
        String password = text.substring(p, at);
        if (!Masks.isPlaceholder(password)) {
          spans.add(p, at);
          values.add(password);
          String decoded = percentDecoded(password);
          if (decoded != null) {
            values.add(decoded); // the same password printed raw elsewhere in the text
          }
        }
      }
    } else if (at > a) {
      String user = text.substring(a, at);
      if (looksLikeToken(user)) {
        spans.add(a, at);
        values.add(user);
      }
    }
  }

  /** Whether {@code text[from, to)} is a port number (host:8443?x=…). */
  private static boolean port(String text, int from, int to) {
    if (to <= from) {
      return true;
    }
    for (int i = from; i < to; i++) {
      if (!Character.isDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** {@code v} with its {@code %XX} escapes decoded (UTF-8), or null when it has none or is bad. */
  static String percentDecoded(String v) {
    if (v.indexOf('%') < 0 || v.length() > 1024) {
      return null;
    }
    try {
      String d =
          java.net.URLDecoder.decode(
              v.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
      return d.equals(v) || d.indexOf('\uFFFD') >= 0 ? null : d;
    } catch (IllegalArgumentException bad) {
      return null;
    }
  }

  /**
   * A password holding characters that end an authority ({@code /}, {@code ?}, {@code #}) when not
   * percent-encoded: {@code user:pa/ss@host}. Accepted only when a {@code :} comes before the
   * {@code @} with no space between, and what follows the {@code :} is not a port number.
   *
   * @return the index of the {@code @}, or -1
   */
  private static int widerUserInfo(String text, int a, int lineEnd) {
    int limit = Math.min(lineEnd, a + 256);
    int colon = -1;
    for (int i = a; i < limit; i++) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\t' || c == '"' || c == '\'' || c == '\\' || c == '`') {
        return -1;
      }
      if (c == ':' && colon < 0) {
        colon = i;
      } else if (c == '@') {
        if (colon < 0) {
          return -1;
        }
        int slash = i;
        for (int j = colon + 1; j < i; j++) {
          if (text.charAt(j) == '/') {
            slash = j;
            break;
          }
        }
        boolean port = slash > colon + 1;
        for (int j = colon + 1; j < slash && port; j++) {
          port = Character.isDigit(text.charAt(j));
        }
        return port ? -1 : i;
      } else if ((c == '/' || c == '?' || c == '#') && colon < 0) {
        return -1;
      }
    }
    return -1;
  }

  private static boolean isSchemeChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '+'
        || c == '.'
        || c == '-';
  }

  private static boolean endsAuthority(char c) {
    return switch (c) {
      case '/',
          '?',
          '#',
          ' ',
          '\t',
          '\n',
          '\r',
          '"',
          '\'',
          '<',
          '>',
          '\\',
          '`',
          '|',
          '{',
          '}',
          '(',
          ')',
          ',' ->
          true;
      default -> false;
    };
  }

  /** A user name that is really a credential: long, with letters and digits, no dots. */
  private static boolean looksLikeToken(String user) {
    if (user.length() < 20 || user.indexOf('.') >= 0) {
      return false;
    }
    boolean letter = false;
    boolean digit = false;
    for (int i = 0; i < user.length(); i++) {
      char c = user.charAt(i);
      if (Character.isLetter(c)) {
        letter = true;
      } else if (Character.isDigit(c)) {
        digit = true;
      } else if (c != '_' && c != '-') {
        return false;
      }
    }
    return letter && digit;
  }
}
