package dev.airflowmcp.runtime.redaction;

import java.util.List;
import java.util.Locale;

/**
 * A secret printed on the line after whatever asked for it: the output of a command that reads a
 * secret ({@code kubectl get secret … | base64 -d}, {@code vault kv get -field=password …}, {@code
 * aws secretsmanager get-secret-value … --output text}, {@code gcloud secrets versions access …},
 * {@code op read …}), and the answer to a protocol's password prompt (SMTP {@code 334
 * UGFzc3dvcmQ6}, base64 of "Password:", then the client's line). The next line is masked when it
 * holds one word (optionally inside a {@code send: '…\r\n'} debug wrapper). Bounded: one line, at
 * most {@value #MAX} characters.
 */
final class CommandOutput {
  private CommandOutput() {}

  /** Longest output value masked. */
  static final int MAX = 1024;

  /**
   * Keywords on the asking line: base64 decoding needs "secret" on the line too, {@code -field=}
   * "vault", {@code get-parameter} "decrypt".
   */
  static final List<String> KEYWORDS =
      List.of(
          "base64 -d",
          "base64 --decode",
          "-field=",
          "get-secret-value",
          "versions access",
          "op read",
          "pass show",
          "get-parameter",
          "ugfzc3dvcmq6",
          "assword:\"",
          "private-lines:",
          "cGFzc3dvcmQ6",
          "<<");

  /** Tools that read a password or secret on stdin: a here-document's first line feeds them. */
  private static final List<String> STDIN_READERS =
      List.of(
          "kinit",
          "passwd",
          "-stdin",
          "sudo -s",
          "vault login",
          "ssh-add",
          "cryptsetup",
          "secret create",
          "secret set",
          "secret put",
          "secrets create",
          "keyring set",
          "--data-file=-",
          "--data-file -",
          "pass insert",
          "op item create");

  /**
   * Which words the current line holds, each looked for once per line: a line with many keywords
   * ({@code base64 -d} or {@code -field=} repeated) read the whole line again at each of them.
   */
  static final class LineWords {
    private int start = -1;
    private int end = -1;
    private int known;
    private int found;

    boolean has(String text, int lineStart, int lineEnd, int bit, String word) {
      if (lineStart != start || lineEnd != end) {
        start = lineStart;
        end = lineEnd;
        known = 0;
        found = 0;
      }
      if ((known & bit) == 0) {
        known |= bit;
        if (containsIgnoreCase(text, lineStart, lineEnd, word)) {
          found |= bit;
        }
      }
      return (found & bit) != 0;
    }
  }

  /**
   * The keyword [ks, ke) on the line [lineStart, lineEnd): masks the next line's word; the line's
   * words are remembered in {@code words} between keywords of one pass.
   */
  static void at(
      String text,
      int ks,
      int ke,
      int lineStart,
      int lineEnd,
      Spans spans,
      java.util.List<String> values,
      LineWords words) {
    if (lineEnd >= text.length()) {
      return;
    }
    boolean heredoc = ke - ks == 2 && text.charAt(ks) == '<';
    String kw = heredoc ? "<<" : text.substring(ks, ke).toLowerCase(Locale.ROOT);
    if (heredoc) {
      // kinit u@REALM <<EOF, then the password on the next line: a here-document into a tool
      // that reads a secret on stdin (not <<< here-strings, read by their own rule).
      if ((ks > 0 && text.charAt(ks - 1) == '<')
          || ke >= lineEnd
          || text.charAt(ke) == '<'
          || !heredocWord(text, ke, lineEnd)) {
        return;
      }
      boolean reader = false;
      for (String r : STDIN_READERS) {
        reader |= containsIgnoreCase(text, lineStart, ks, r);
      }
      if (!reader) {
        return;
      }
    } else if (kw.startsWith("base64")) {
      if (!words.has(text, lineStart, lineEnd, 1, "secret")) {
        return; // decoding something else
      }
    } else if (kw.equals("-field=")) {
      if (!words.has(text, lineStart, lineEnd, 2, "vault")) {
        return;
      }
    } else if (kw.equals("get-parameter")) {
      if (!words.has(text, lineStart, lineEnd, 4, "decrypt")) {
        return;
      }
    }
    int ns = lineEnd + 1;
    int limit = Math.min(text.length(), ns + MAX);
    int ne = ns;
    while (ne < limit && text.charAt(ne) != '\n') {
      ne++;
    }
    if (ne >= limit && limit < text.length()) {
      return;
    }
    int s = ns;
    int e = ne;
    while (s < e && (text.charAt(s) == ' ' || text.charAt(s) == '\t')) {
      s++;
    }
    while (e > s && (text.charAt(e - 1) == ' ' || text.charAt(e - 1) == '\r')) {
      e--;
    }
    // send: 'X\r\n' / C: X / >>> X (a protocol debug log): the wrapper stays.
    int colon = -1;
    for (int i = s; i < Math.min(e, s + 12); i++) {
      char c = text.charAt(i);
      if (c == ':' && i + 1 < e && text.charAt(i + 1) == ' ') {
        colon = i;
        break;
      }
      if (!Character.isLetter(c)) {
        break;
      }
    }
    int space = -1;
    for (int i = s; i < Math.min(e, s + 16); i++) {
      if (text.charAt(i) == ' ') {
        space = i;
        break;
      }
    }
    if (colon < 0
        && space > s
        && space < e - 2
        && isQuote(text.charAt(space + 1))
        && text.substring(s, space).chars().allMatch(Character::isLetter)) {
      s = space + 1; // send "X\r" (an expect script)
    }
    if (colon > 0) {
      s = colon + 2;
    } else if (text.startsWith(">>> ", s) || text.startsWith("> ", s)) {
      s = text.indexOf(' ', s) + 1;
    }
    if (s < e && text.charAt(s) == 'b' && s + 1 < e && isQuote(text.charAt(s + 1))) {
      s++;
    }
    if (s < e && isQuote(text.charAt(s)) && text.charAt(e - 1) == text.charAt(s)) {
      s++;
      e--;
    }
    while (e - s >= 2 && text.charAt(e - 2) == '\\' && "rn".indexOf(text.charAt(e - 1)) >= 0) {
      e -= 2;
    }
    if (e - s < 4) {
      return;
    }
    for (int i = s; i < e; i++) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\t' || c == '"' || c == '\'') {
        return; // prose or a table, not one value
      }
    }
    if (text.charAt(s) == '$' && e - s > 1 && text.charAt(s + 1) == ' ') {
      return; // the next prompt
    }
    String v = text.substring(s, e);
    if (Masks.isPlaceholder(v)) {
      return;
    }
    spans.add(s, e);
    values.add(v);
  }

  /** {@code EOF}, {@code -EOF}, {@code 'EOF'}, {@code "END"} then the end of the line. */
  private static boolean heredocWord(String text, int from, int lineEnd) {
    int i = from;
    if (i < lineEnd && text.charAt(i) == '-') {
      i++;
    }
    while (i < lineEnd && text.charAt(i) == ' ') {
      i++;
    }
    if (i < lineEnd && isQuote(text.charAt(i))) {
      i++;
    }
    int w = i;
    while (i < lineEnd
        && i < w + 32
        && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
      i++;
    }
    if (i == w) {
      return false;
    }
    if (i < lineEnd && isQuote(text.charAt(i))) {
      i++;
    }
    while (i < lineEnd && (text.charAt(i) == ' ' || text.charAt(i) == '\r')) {
      i++;
    }
    return i == lineEnd;
  }

  private static boolean isQuote(char c) {
    return c == '\'' || c == '"';
  }

  private static boolean containsIgnoreCase(String text, int from, int to, String lower) {
    int n = lower.length();
    for (int i = from; i + n <= to; i++) {
      if (text.regionMatches(true, i, lower, 0, n)) {
        return true;
      }
    }
    return false;
  }
}
