package dev.airflowmcp.runtime.redaction;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Private key blocks: PEM ({@code RSA}, {@code EC}, {@code DSA}, PKCS#8, encrypted), OpenSSH and
 * PGP. Everything between the {@code -----BEGIN … PRIVATE KEY-----} line and its {@code -----END}
 * line is masked, whether the line breaks are real or written as {@code \n} (once or several times
 * escaped, as inside JSON strings). A block cut off before its end line is masked as far as it
 * goes.
 */
final class PrivateKeyBlocks {
  private PrivateKeyBlocks() {}

  private static final Pattern HEADER =
      Pattern.compile(
          "-----BEGIN (?:[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?"
              // shared secrets in the same armour: OpenVPN static keys, secret/symmetric keys
              + "|(?![A-Za-z0-9 ]{0,40}(?i:public))[A-Za-z0-9 ]{0,40}"
              + "(?i:static|secret|symmetric|shared|preshared) (?i:key)(?: V[0-9])?)-----");

  /** How far an end line is looked for (real keys are a few KiB). */
  private static final int MAX_BLOCK = 1024 * 1024;

  /**
   * The next {@code -----BEGIN} and {@code -----END} at or after a position, each searched for at
   * most once per pass over a text, so that many headers cost linear time.
   */
  static final class Markers {
    private final String text;
    private int endFrom = -1;
    private int endAt = -1;
    private int beginFrom = -1;
    private int beginAt = -1;

    Markers(String text) {
      this.text = text;
    }

    int nextEnd(int from) {
      if (endFrom < 0 || from < endFrom || (endAt >= 0 && from > endAt)) {
        endAt = text.indexOf("-----END", from);
        endFrom = from;
      }
      return endAt;
    }

    int nextBegin(int from) {
      if (beginFrom < 0 || from < beginFrom || (beginAt >= 0 && from > beginAt)) {
        beginAt = text.indexOf("-----BEGIN", from);
        beginFrom = from;
      }
      return beginAt;
    }
  }

  /**
   * Masks the block whose header starts at {@code start}, if there is one.
   *
   * @return the index up to which the text was handled
   */
  static int at(String text, int start, Spans spans, Markers markers) {
    Matcher m = HEADER.matcher(text);
    m.region(start, Math.min(text.length(), start + 80));
    if (!m.lookingAt()) {
      return start + 1;
    }
    int bodyStart = m.end();
    int limit = Math.min(text.length(), bodyStart + MAX_BLOCK);
    int end = markers.nextEnd(bodyStart);
    int nextBegin = end < 0 ? -1 : markers.nextBegin(bodyStart);
    if (end >= 0 && end <= limit && (nextBegin < 0 || nextBegin > end)) {
      spans.add(bodyStart, end);
      return end;
    }
    // No end line: mask the base64 body as far as it goes.
    int i = bodyStart;
    limit = text.length();
    while (i < limit) {
      char c = text.charAt(i);
      if (isBase64(c) || c == '\n' || c == '\r' || c == ' ' || c == '\t') {
        i++;
      } else if (c == '\\') {
        int j = i;
        while (j < limit && text.charAt(j) == '\\') {
          j++;
        }
        if (j < limit && (text.charAt(j) == 'n' || text.charAt(j) == 'r')) {
          i = j + 1;
        } else {
          break;
        }
      } else if (c == ':' || c == ',' || c == '-') {
        // Proc-Type: 4,ENCRYPTED / DEK-Info: AES-128-CBC,… header lines of encrypted keys.
        i++;
      } else {
        break;
      }
    }
    spans.add(bodyStart, i);
    return i;
  }

  private static boolean isBase64(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '+'
        || c == '/'
        || c == '=';
  }
}
