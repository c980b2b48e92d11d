package dev.airflowmcp.runtime.redaction;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * One pass over the tokens of a text (runs of {@code A-Z a-z 0-9 _ - + / = . ~ !}) for secrets that
 * no keyword announces:
 *
 * <ul>
 *   <li><b>shape</b>: random values ({@link Shapes}) in free text, and the shorter ones that sit
 *       under a name in a key/value listing ({@code name: value}, {@code NAME=value}, a table cell
 *       after the name's cell);
 *   <li><b>webhook paths</b>: the random segments after a {@code hooks}/{@code webhook} segment,
 *       and Slack's {@code T…/B…/secret} wherever its host is;
 *   <li><b>decoding</b>: base64 that decodes to text is scanned (bounded: {@link #MAX_DEPTH}
 *       levels, {@link #MAX_DECODED} characters per token, {@link #BUDGET} per text) and masked
 *       whole when a secret is inside; URL-encoded runs ({@code %3D}, {@code %22}, …) are decoded
 *       and what is found inside is masked in place.
 * </ul>
 */
final class Tokens {
  private Tokens() {}

  /** How many decoding levels are followed. */
  static final int MAX_DEPTH = 2;

  /** Longest decoded text scanned for one token. */
  static final int MAX_DECODED = 64 * 1024;

  /** Characters decoded per text at most (all tokens together). */
  static final int BUDGET = 256 * 1024;

  /** Longest token looked at. */
  static final int MAX_TOKEN = 16 * 1024;

  /** {@code base64} results: not base64, decoded and handled, random bytes. */
  static final int NOT_BASE64 = 0;

  static final int HANDLED = 1;
  static final int BINARY = 2;

  /** Scans decoded text: returns the masked ranges of {@code decoded} (null when none). */
  interface Decoder {
    Spans scan(String decoded, int depth);
  }

  /** What a scan finds goes here. */
  interface Sink {
    void add(int start, int end, String family);
  }

  /** Base64 of the first bytes of public file formats: PNG, JPEG, GIF, PDF, WebP/RIFF, ZIP. */
  private static final String[] FILE_MAGIC = {
    "iVBORw0KGgo", "/9j/", "R0lGODlh", "R0lGODdh", "JVBERi0", "UklGR", "UEsDB"
  };

  private static final boolean[] TOKEN = new boolean[128];

  static {
    for (char c = 0; c < 128; c++) {
      TOKEN[c] =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '-'
              || c == '+'
              || c == '/'
              || c == '='
              || c == '.'
              || c == '~'
              || c == '!';
    }
  }

  static boolean tokenChar(char c) {
    return c < 128 && TOKEN[c];
  }

  /**
   * Whether {@code v} is base64 (standard or URL alphabet, padded or not) of printable text that
   * holds spaces or line breaks, or is JSON: an encoded document or message (a pagination cursor, a
   * config script), whose decoded form the decoding scan reads for secrets, rather than a key; or
   * of public binary (a DER certificate, an SSH public key).
   */
  static boolean encodedProse(String v) {
    int n = v.length();
    if (n < 16 || n > MAX_DECODED) {
      return false;
    }
    boolean url = false;
    boolean std = false;
    int end = n;
    while (end > 0 && v.charAt(end - 1) == '=') {
      end--;
    }
    if (n - end > 2) {
      return false;
    }
    for (int i = 0; i < end; i++) {
      char c = v.charAt(i);
      if (c == '+' || c == '/') {
        std = true;
      } else if (c == '-' || c == '_') {
        url = true;
      } else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
        return false;
      }
    }
    if (std && url) {
      return false;
    }
    String body = v.substring(0, end - end % 4);
    byte[] raw;
    try {
      raw = (url ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(body);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (raw.length >= 12 && Scan.publicBinary(raw, v.substring(0, Math.min(n, 8)))) {
      return true; // a certificate, an SSH public key, a Fernet token
    }
    if (raw.length < 12 || !Scan.printable(raw)) {
      return false;
    }
    char first = (char) raw[0];
    if (first == '{' || first == '[') {
      return true;
    }
    int spaces = 0;
    for (byte b : raw) {
      if (b == ' ' || b == '\n') {
        spaces++;
      }
    }
    return spaces >= 2;
  }

  /** The state of one scan. */
  static final class Scan {
    final String text;
    final Sink sink;
    final Decoder decoder;
    final int depth;

    /** The name the whole text sits under (a JSON property), or null. */
    final String outer;

    int budget = BUDGET;

    Scan(String text, Sink sink, Decoder decoder, int depth) {
      this(text, sink, decoder, depth, null);
    }

    Scan(String text, Sink sink, Decoder decoder, int depth, String outer) {
      this.text = text;
      this.sink = sink;
      this.decoder = decoder;
      this.depth = depth;
      this.outer = outer == null || Shapes.genericName(outer) ? null : outer;
    }

    void run() {
      String t = text;
      int n = t.length();
      int i = 0;
      boolean percent = false;
      boolean[] token = TOKEN;
      while (i < n) {
        char c = t.charAt(i);
        if (c >= 128 || !token[c]) {
          percent |= c == '%';
          i++;
          continue;
        }
        int start = i;
        i++;
        while (i < n) {
          char d = t.charAt(i);
          if (d >= 128 || !token[d]) {
            break;
          }
          i++;
        }
        if (i < n && i - start <= MAX_TOKEN && passwordSymbol(t.charAt(i))) {
          int end = listedPassword(start, i);
          if (end > 0) {
            i = end;
            continue;
          }
        }
        if (i - start >= Shapes.LISTED && i - start <= MAX_TOKEN) {
          token(start, i);
        }
      }
      if (percent && depth < MAX_DEPTH) {
        urlEncoded();
      }
    }

    /**
     * A value with punctuation in a listing ({@code NAME=Ab3#x&…}, {@code name: "Ab3#x…"}) that
     * reads as a generated password ({@link Shapes#passwordLike}) under a name that is no
     * identifier, place or generic container. The token [s, e) is its first run of token
     * characters; returns the end of the masked value, or -1.
     */
    private int listedPassword(int s, int e) {
      int vs = s;
      String name = null;
      for (int i = s + 1; i < e - 1; i++) {
        if (text.charAt(i) == '=') {
          if (isName(s, i)) {
            vs = i + 1;
            name = text.substring(s, i);
          }
          break;
        }
      }
      if (name == null) {
        if (s > 0 && !valueStart(s)) {
          return -1;
        }
      }
      int ve = valueEnd(vs);
      if (ve > vs && (s > 0 || name != null || ve == text.length())) {
        int c = Shapes.credentialPair(text, vs, ve);
        if (c > 0 && !placeName(name)) {
          sink.add(c, ve, "shape"); // acme:n*Q;0d_#8#oA, a user:password pair as a value
          return ve;
        }
      }
      if (s == 0 && name == null) {
        return -1;
      }
      if (ve - vs < Shapes.PASSWORD_MIN || !Shapes.passwordLike(text, vs, ve)) {
        return -1;
      }
      if (name == null) {
        name = nameBefore(vs);
        if (name == null && outer != null && vs == 0 && ve == text.length()) {
          name = outer;
        }
      }
      if (name == null
          || name.isEmpty()
          || Shapes.genericName(name)
          || Shapes.harmlessName(name, text, vs, ve)
          || SecretNames.declines(name)) {
        return -1;
      }
      sink.add(vs, ve, "shape");
      return ve;
    }

    /** Whether a name says its value is a place ({@code *_url}, {@code host}, {@code image}). */
    private static boolean placeName(String name) {
      if (name == null || name.isEmpty()) {
        return false;
      }
      for (String w : SensitiveKeys.words(name)) {
        if (w.equals("url")
            || w.equals("uri")
            || w.equals("endpoint")
            || w.equals("host")
            || w.equals("path")
            || w.equals("image")
            || w.equals("file")) {
          return true;
        }
      }
      return false;
    }

    /** Whether a value may start at {@code s}: after '=', ':', '>' or a quote, spaces skipped. */
    private boolean valueStart(int s) {
      int j = s - 1;
      while (j >= 0 && j > s - 4 && text.charAt(j) == ' ') {
        j--;
      }
      if (j < 0) {
        return false;
      }
      char c = text.charAt(j);
      return c == '=' || c == ':' || c == '"' || c == '\'' || c == '>';
    }

    /**
     * End of a listed value starting at {@code vs}: the closing quote when one opened it (a
     * backslash-escaped quote ends it too: JSON inside a string), else the next white space;
     * trailing {@code , ; .} and unopened closing brackets dropped. At most 256 characters.
     */
    private int valueEnd(int vs) {
      int limit = Math.min(text.length(), vs + 256);
      char open = vs > 0 ? text.charAt(vs - 1) : ' ';
      boolean quoted = open == '"' || open == '\'';
      int j = vs;
      while (j < limit) {
        char c = text.charAt(j);
        if (quoted ? c == open || c == '\\' || c == '\n' : c <= ' ' || c == '"' || c == '\'') {
          break;
        }
        j++;
      }
      if (j == limit && limit < text.length()) {
        return -1;
      }
      if (quoted) {
        return j;
      }
      // Unquoted: also ends at ';', '&' or ',' before the next name= (a query string, a DSN).
      return Math.min(j, ValueReader.inlineEnd(text, vs, j));
    }

    /** Characters that may sit inside a generated password but end a token. */
    private static boolean passwordSymbol(char c) {
      return c < 128 && c > ' ' && !TOKEN[c] && c != '"' && c != '\'' && c != '\\';
    }

    /** One token [s, e). */
    private void token(int s, int e) {
      if (s > 0
          && text.charAt(s - 1) == '%'
          && s + 2 <= e
          && hex(text.charAt(s))
          && hex(text.charAt(s + 1))) {
        s += 2; // the rest of a %XX escape
      }
      // Sentence punctuation around a token is not part of it.
      while (s < e && (text.charAt(s) == '.' || text.charAt(s) == '-' || text.charAt(s) == '!')) {
        s++;
      }
      while (e > s && (text.charAt(e - 1) == '.' || text.charAt(e - 1) == '!')) {
        e--;
      }
      if (e - s < Shapes.LISTED) {
        return;
      }
      // NAME=value inside one token
      int eq = -1;
      for (int i = s + 1; i < e - 1; i++) {
        if (text.charAt(i) == '=' && text.charAt(i + 1) != '=') {
          eq = i;
          break;
        }
      }
      if (eq > s && isName(s, eq)) {
        value(eq + 1, e, text.substring(s, eq));
        return;
      }
      if (digestBefore(s) || Shapes.idPrefix(text, s, e)) {
        return; // SHA256:<base64>, an SSH host key fingerprint; sha512-<base64>, job_<id>
      }
      if (Masks.documentedExample(text, s, e)) {
        return; // AKIAIOSFODNN7EXAMPLE and the like, from vendor documentation
      }
      String name = nameBefore(s);
      if (name == null && outer != null && s == 0 && e == text.length()) {
        name = outer; // the whole string is the value of a named property
      }
      if (name == null && aloneOnLine(s, e)) {
        name = ""; // a value printed on a line of its own (airflow variables get …)
      }
      value(s, e, name);
    }

    /** Whether a digest algorithm's name and ':' come right before {@code s}. */
    private boolean digestBefore(int s) {
      if (s < 4 || text.charAt(s - 1) != ':') {
        return false;
      }
      for (String d : new String[] {"sha256", "sha512", "sha384", "sha1", "md5"}) {
        int at = s - 1 - d.length();
        if (at >= 0
            && text.regionMatches(true, at, d, 0, d.length())
            && (at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1)))) {
          return true;
        }
      }
      return false;
    }

    /** Whether only spaces surround [s, e) on its line, and the text has more than one line. */
    private boolean aloneOnLine(int s, int e) {
      int a = s - 1;
      while (a >= 0 && (text.charAt(a) == ' ' || text.charAt(a) == '\t')) {
        a--;
      }
      int b = e;
      while (b < text.length()
          && (text.charAt(b) == ' ' || text.charAt(b) == '\t' || text.charAt(b) == '\r')) {
        b++;
      }
      boolean startOk = a < 0 || text.charAt(a) == '\n';
      boolean endOk = b >= text.length() || text.charAt(b) == '\n';
      return startOk && endOk && (a >= 0 || b < text.length());
    }

    /** A value [s, e), under {@code name} (null in free text). */
    private void value(int s, int e, String name) {
      if (e - s < Shapes.LISTED
          || callee(s, e)
          || insidePublicBlock(s)
          || publicFile(s, e)
          || HarmlessShapes.harmless(text, s, e)) {
        return; // public files; declared digests, public ids, placeholders: HarmlessShapes
      }
      boolean slash = false;
      for (int i = s; i < e && !slash; i++) {
        slash = text.charAt(i) == '/';
      }
      if ((name != null
              && !name.isEmpty()
              && (Shapes.harmlessName(name, text, s, e) || SecretNames.declines(name)))
          || (name == null && harmlessWordBefore(s))
          || labelledHarmless(s, e, name)) {
        if (e - s >= 16 && e - s <= MAX_DECODED && depth < MAX_DEPTH) {
          base64(s, e); // an encoded file or document under any name: its content decides
        }
        if (slash) {
          path(s, e, false, false); // webhook paths only
        }
        return;
      }
      boolean listed = name != null;
      if (hexText(s, e) == HANDLED) {
        return;
      }
      int b = base64(s, e);
      if (b == HANDLED) {
        return;
      }
      if (slash && (b == NOT_BASE64 || (b == BINARY && !base64Marked(s, e)))) {
        path(s, e, listed, true);
        return;
      }
      if (Shapes.secret(text, s, e, listed)
          || (listed
              && !name.isEmpty()
              && (Shapes.namedHex(name, text, s, e) || Shapes.uuidKey(name, text, s, e)))) {
        sink.add(s, e, "shape");
      }
    }

    /**
     * A value in a list whose label says it holds identifiers, versions or digests ({@code Object
     * version list: …}, {@code ids: …}, {@code tracestate: …}), under no secret name of its own.
     */
    private boolean labelledHarmless(int s, int e, String name) {
      if (name != null
          && !name.isEmpty()
          && SecretNames.classify(name) != SecretNames.Strength.NONE) {
        return false;
      }
      String label = listLabel(s);
      return label != null && Shapes.harmlessName(label, text, s, e);
    }

    /**
     * A qualified name right before {@code (}: a function or class called ({@code
     * k8s.V1EnvVarSource(…)}, {@code hooks.base.BaseHook(…)}), code rather than a value.
     */
    private boolean callee(int s, int e) {
      if (e >= text.length() || text.charAt(e) != '(') {
        return false;
      }
      boolean dot = false;
      boolean partStart = true;
      for (int i = s; i < e; i++) {
        char c = text.charAt(i);
        if (c == '.') {
          if (partStart) {
            return false;
          }
          dot = true;
          partStart = true;
        } else if (partStart) {
          if (!Character.isLetter(c) && c != '_') {
            return false;
          }
          partStart = false;
        } else if (!Character.isLetterOrDigit(c) && c != '_') {
          return false;
        }
      }
      return dot && !partStart;
    }

    /**
     * Whether a name at {@code ns} starts a listing item: the start of a line (after indentation or
     * "- "), or after '{', ',', '(', '[', ';', '|', '&', '?' or a quote.
     */
    private boolean startsItem(int ns) {
      int k = ns - 1;
      if (k >= 0 && (text.charAt(k) == '"' || text.charAt(k) == '\'')) {
        return true;
      }
      while (k >= 0 && (text.charAt(k) == ' ' || text.charAt(k) == '\t')) {
        k--;
      }
      if (k >= 0
          && text.charAt(k) == '-'
          && (k == 0 || text.charAt(k - 1) == ' ' || text.charAt(k - 1) == '\n')) {
        k--;
        while (k >= 0 && text.charAt(k) == ' ') {
          k--;
        }
      }
      return k < 0 || "\n{,([;|&?".indexOf(text.charAt(k)) >= 0;
    }

    /** A name of several parts (x-amz-id-2, feed_marker, fooBar): no word of prose. */
    private boolean compound(int ns, int ne) {
      boolean lower = false;
      for (int i = ns; i < ne; i++) {
        char c = text.charAt(i);
        if (c == '-' || c == '_' || c == '.' || (lower && Character.isUpperCase(c))) {
          return true;
        }
        lower = Character.isLowerCase(c);
      }
      return false;
    }

    /** Base64 with '+' or '=' padding: not a path even when it holds '/'. */
    private boolean base64Marked(int s, int e) {
      if (text.charAt(e - 1) == '=') {
        return true;
      }
      for (int i = s; i < e; i++) {
        if (text.charAt(i) == '+') {
          return true;
        }
      }
      return false;
    }

    /** Base64 that starts like a picture or document file (PNG, JPEG, GIF, PDF, WebP, ZIP). */
    private boolean publicFile(int s, int e) {
      for (String magic : FILE_MAGIC) {
        if (e - s > magic.length() && text.startsWith(magic, s)) {
          return true;
        }
      }
      return false;
    }

    private static final int[] NO_RANGES = new int[0];

    /** Longer words are no harmless name: they skip the lower-case copy and the set probe. */
    private static final int LONGEST_HARMLESS_NAME =
        Shapes.HARMLESS_NAMES.stream().mapToInt(String::length).max().orElse(0);

    /** Ranges of certificate and public key blocks, found on first use. */
    private int[] publicBlocks;

    /** Whether {@code s} lies in a PEM block that is no private key (a certificate). */
    private boolean insidePublicBlock(int s) {
      if (publicBlocks == null) {
        java.util.List<Integer> r = new java.util.ArrayList<>();
        int from = 0;
        while (r.size() < 64) {
          int b = text.indexOf("-----BEGIN ", from);
          if (b < 0) {
            break;
          }
          int hdrEnd = text.indexOf("-----", b + 11);
          int end = text.indexOf("-----END", b + 11);
          boolean priv = hdrEnd > 0 && text.substring(b, hdrEnd).contains("PRIVATE");
          int stop = end < 0 ? text.length() : end;
          if (!priv) {
            r.add(b);
            r.add(stop);
          }
          from = Math.max(stop, b + 11);
        }
        publicBlocks = r.isEmpty() ? NO_RANGES : r.stream().mapToInt(Integer::intValue).toArray();
      }
      for (int k = 0; k + 1 < publicBlocks.length; k += 2) {
        if (s >= publicBlocks[k] && s < publicBlocks[k + 1]) {
          return true;
        }
      }
      return insideSshPublicKey(s);
    }

    /** Ranges of OpenSSH public keys ({@code ssh-rsa AAAA…}), found on first use. */
    private int[] sshKeys;

    /**
     * Whether {@code s} lies in the base64 of an OpenSSH public key: a key type ({@code ssh-rsa},
     * {@code ssh-ed25519}, {@code ecdsa-sha2-nistp256}, {@code sk-ssh-ed25519@openssh.com}, a
     * {@code -cert-v01@openssh.com} certificate) and a space before {@code AAAA} (the wire format's
     * length prefix). authorized_keys and known_hosts lines hold these; they are public.
     */
    private boolean insideSshPublicKey(int s) {
      if (sshKeys == null) {
        java.util.List<Integer> r = new java.util.ArrayList<>();
        int from = 0;
        while (r.size() < 128) {
          int b = text.indexOf(" AAAA", from);
          if (b < 0) {
            break;
          }
          int t = b;
          while (t > 0
              && t > b - 48
              && !Character.isWhitespace(text.charAt(t - 1))
              && text.charAt(t - 1) != '"'
              && text.charAt(t - 1) != '\'') {
            t--;
          }
          String type = text.substring(t, b);
          int e = b + 1;
          if (type.startsWith("ssh-")
              || type.startsWith("ecdsa-sha2-")
              || type.startsWith("sk-ssh-")
              || type.startsWith("sk-ecdsa-")) {
            while (e < text.length() && e < b + 1 + 16384) {
              char c = text.charAt(e);
              if (!(Character.isLetterOrDigit(c) || c == '+' || c == '/' || c == '=')) {
                break;
              }
              e++;
            }
            r.add(b + 1);
            r.add(e);
          }
          from = e;
        }
        sshKeys = r.isEmpty() ? NO_RANGES : r.stream().mapToInt(Integer::intValue).toArray();
      }
      for (int k = 0; k + 1 < sshKeys.length; k += 2) {
        if (s >= sshKeys[k] && s < sshKeys[k + 1]) {
          return true;
        }
      }
      return false;
    }

    /** "version id X", "request id X": a harmless name as the word before, without separator. */
    private boolean harmlessWordBefore(int s) {
      int j = s - 1;
      if (j < 0 || text.charAt(j) != ' ') {
        return false;
      }
      while (j >= 0 && text.charAt(j) == ' ') {
        j--;
      }
      int we = j + 1;
      while (j >= 0 && j > we - 32 && Character.isLetter(text.charAt(j))) {
        j--;
      }
      if (we - j - 1 < 2) {
        return false;
      }
      String word = text.substring(j + 1, we);
      return (word.length() <= LONGEST_HARMLESS_NAME
              && Shapes.HARMLESS_NAMES.contains(word.toLowerCase(Locale.ROOT)))
          || (we - j - 1 >= 4 && Shapes.harmlessName(word)); // VersionId X, MessageId X
    }

    /** Segments of a path or URL ({@code shapes}: also random segments anywhere). */
    private void path(int s, int e, boolean listed, boolean shapes) {
      boolean hook = false;
      int slack = 0;
      int seg = s;
      for (int i = s; i <= e; i++) {
        if (i < e && text.charAt(i) != '/') {
          continue;
        }
        int a = seg;
        int b = i;
        seg = i + 1;
        if (b <= a) {
          continue;
        }
        int dot = b - 1;
        while (dot > a && dot > b - 6 && Character.isLetter(text.charAt(dot))) {
          dot--;
        }
        if (dot > a && dot < b - 1 && text.charAt(dot) == '.') {
          b = dot; // a file extension: events.csv, <uuid>.parquet
        }
        if (slack == 2
            && b - a >= 16
            && Shapes.body(text, a, b, true)
            && !HarmlessShapes.placeholder(text, a, b)) {
          sink.add(a, b, "webhook-path");
          slack = 0;
          continue;
        }
        slack = slackPart(a, b, slack);
        if (hook && hookSecret(a, b)) {
          sink.add(a, b, "webhook-path");
          continue;
        }
        if (containsIgnoreCase(a, b, "hook")
            || containsIgnoreCase(a, b, "integration")
            || containsIgnoreCase(a, b, "incoming")) {
          hook = true;
          continue;
        }
        if (shapes && b - a >= Shapes.LISTED && Shapes.secret(text, a, b, listed && seg > e)) {
          sink.add(a, b, "shape");
        }
      }
    }

    /**
     * A segment after a webhook segment that is its secret: letters and digits mixed (6 or more),
     * or 20 or more letters, digits, '-' and '_' (Mattermost's 26 lower-case characters), a UUID or
     * hex; plain words and numbers are path, not secret.
     */
    private boolean hookSecret(int a, int b) {
      int len = b - a;
      if (len < 6 || HarmlessShapes.placeholder(text, a, b)) {
        return false;
      }
      boolean letter = false;
      boolean digit = false;
      for (int i = a; i < b; i++) {
        char c = text.charAt(i);
        if (Character.isLetter(c)) {
          letter = true;
        } else if (Character.isDigit(c)) {
          digit = true;
        } else if (c != '-' && c != '_' && c != '@') {
          return false;
        }
      }
      if (letter && digit) {
        return true;
      }
      return letter && len >= 20 && Shapes.wordiness(text, a, b) * 2 < len;
    }

    /** Slack's T…/B… workspace and channel ids: the next segment is the secret. */
    private int slackPart(int a, int b, int state) {
      int len = b - a;
      char first = text.charAt(a);
      boolean id = len >= 9 && len <= 13 && upperDigits(a + 1, b);
      if (state == 0 && first == 'T' && id) {
        return 1;
      }
      if (state == 1 && first == 'B' && id) {
        return 2;
      }
      return 0;
    }

    private boolean upperDigits(int a, int b) {
      for (int i = a; i < b; i++) {
        char c = text.charAt(i);
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
          return false;
        }
      }
      return true;
    }

    private boolean allHex(int a, int b) {
      return Shapes.hexRun(text, a, b - a);
    }

    /** {@code lower} starts with an ASCII lower-case letter. */
    private boolean containsIgnoreCase(int a, int b, String lower) {
      char first = lower.charAt(0);
      for (int i = a; i + lower.length() <= b; i++) {
        char c = text.charAt(i);
        // An ASCII character other than the letter in either case cannot start a match (only
        // characters outside ASCII may fold to an ASCII letter): skip regionMatches for it.
        if (c < 128 && (c | 0x20) != first) {
          continue;
        }
        if (text.regionMatches(true, i, lower, 0, lower.length())) {
          return true;
        }
      }
      return false;
    }

    /**
     * Base64 that decodes: text with a secret inside masks the token ("decoded"); text without one,
     * and public binary, leave it alone ({@link #HANDLED}). Random bytes ({@link #BINARY}) are left
     * to the shape rules, as one token even when they hold '/'.
     */
    private int base64(int s, int e) {
      int len = e - s;
      if (len < 16 || depth >= MAX_DEPTH || budget <= 0) {
        return NOT_BASE64;
      }
      boolean url = false;
      boolean std = false;
      int pad = 0;
      for (int i = s; i < e; i++) {
        char c = text.charAt(i);
        if (c == '=') {
          pad++;
          if (i < e - 2) {
            return NOT_BASE64;
          }
        } else if (pad > 0) {
          return NOT_BASE64;
        } else if (c == '+' || c == '/') {
          std = true;
        } else if (c == '-' || c == '_') {
          url = true;
        } else if (!Character.isLetterOrDigit(c)) {
          return NOT_BASE64;
        }
      }
      if (std && url) {
        return NOT_BASE64;
      }
      if (pad > 0 && len % 4 != 0) {
        return NOT_BASE64;
      }
      int decodedLen = Math.min(len, MAX_DECODED * 4 / 3);
      budget -= decodedLen;
      byte[] raw;
      try {
        String body = text.substring(s, s + decodedLen - (decodedLen % 4 == 0 ? 0 : 0));
        raw =
            (url ? Base64.getUrlDecoder() : Base64.getDecoder())
                .decode(
                    pad == 0 && body.length() % 4 != 0
                        ? body.substring(0, body.length() - body.length() % 4)
                        : body);
      } catch (IllegalArgumentException notBase64) {
        return NOT_BASE64;
      }
      if (raw.length >= 12 && publicBinary(raw, text.substring(s, Math.min(e, s + 8)))) {
        return HANDLED;
      }
      if (raw.length < 12) {
        return NOT_BASE64;
      }
      if (!printable(raw)) {
        return BINARY;
      }
      String decoded = new String(raw, StandardCharsets.UTF_8);
      Spans inner = decoder.scan(decoded, depth + 1);
      if (inner != null && !inner.isEmpty()) {
        sink.add(s, e, "decoded-base64");
      }
      return HANDLED;
    }

    /**
     * Hex (with or without {@code 0x}) that decodes to printable ASCII: text printed as hex (a
     * password from a {@code bytes} column, {@code xxd -p}). A hash or random key almost never
     * decodes so (16 random bytes are all printable once in millions). The decoded text is scanned,
     * and a machine-made value ({@link Assignments#generated}, {@link Shapes#passwordLike}) masks
     * the whole token ({@link #HANDLED}); for other text (hex of a word or a sentence) and anything
     * else the result is {@link #NOT_BASE64}: the rules for hex decide.
     */
    private int hexText(int s, int e) {
      int b = s;
      if (e - s > 2
          && text.charAt(s) == '0'
          && (text.charAt(s + 1) == 'x' || text.charAt(s + 1) == 'X')) {
        b += 2;
      }
      int len = e - b;
      if (len < 16 || len % 2 != 0 || len > MAX_DECODED || depth >= MAX_DEPTH || budget <= 0) {
        return NOT_BASE64;
      }
      if (!Shapes.hexRun(text, b, len) || !hexLetter(b, e)) {
        return NOT_BASE64; // digits alone are a number, not text as hex
      }
      char[] decoded = new char[len / 2];
      for (int i = 0; i < decoded.length; i++) {
        int v =
            Character.digit(text.charAt(b + 2 * i), 16) * 16
                + Character.digit(text.charAt(b + 2 * i + 1), 16);
        if (v < 0x20 || v > 0x7e) {
          return NOT_BASE64; // binary: a hash, an id, a key as bytes
        }
        decoded[i] = (char) v;
      }
      budget -= len;
      String d = new String(decoded);
      Spans inner = decoder.scan(d, depth + 1);
      if ((inner != null && !inner.isEmpty())
          || (d.indexOf(' ') < 0
              && (Assignments.generated(d, 0, d.length())
                  || Shapes.passwordLike(d, 0, d.length())
                  || Shapes.secret(d, 0, d.length(), true)))) {
        sink.add(s, e, "decoded-hex");
        return HANDLED;
      }
      return NOT_BASE64; // text without a secret: the rules for hex decide, as before
    }

    private boolean hexLetter(int a, int b) {
      for (int i = a; i < b; i++) {
        if (Character.isLetter(text.charAt(i))) {
          return true;
        }
      }
      return false;
    }

    /** Text: valid UTF-8, no control characters, at least 90% printable ASCII. */
    private static boolean printable(byte[] raw) {
      int ascii = 0;
      for (byte b : raw) {
        int v = b & 0xff;
        if ((v < 0x20 && v != '\n' && v != '\r' && v != '\t') || v == 0x7f) {
          return false;
        }
        if (v < 0x80) {
          ascii++;
        }
      }
      if (ascii * 10 < raw.length * 9) {
        return false;
      }
      try {
        StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(raw));
        return true;
      } catch (java.nio.charset.CharacterCodingException e) {
        return false;
      }
    }

    /**
     * Base64 of binary that is public by its structure: DER (certificates; private keys have their
     * own rule), SSH public keys in wire format, Fernet tokens (ciphertext).
     */
    static boolean publicBinary(byte[] raw, String token) {
      if (token.startsWith("gAAAAA") || HarmlessShapes.publicFile(raw)) {
        return true;
      }
      if (derSequence(raw)) {
        return true;
      }
      return raw.length >= 4 && raw[0] == 0 && raw[1] == 0 && raw[2] == 0;
    }

    /**
     * A DER SEQUENCE whose declared length is what was decoded (within the padding), or more when a
     * long value was cut: a certificate, not random bytes that happen to start with 0x30.
     */
    static boolean derSequence(byte[] raw) {
      if (raw.length < 4 || (raw[0] & 0xff) != 0x30) {
        return false;
      }
      int first = raw[1] & 0xff;
      int header;
      int length;
      if (first == 0x81) {
        header = 3;
        length = raw[2] & 0xff;
      } else if (first == 0x82) {
        header = 4;
        length = ((raw[2] & 0xff) << 8) | (raw[3] & 0xff);
      } else if (first == 0x83 && raw.length >= 5) {
        header = 5;
        length = ((raw[2] & 0xff) << 16) | ((raw[3] & 0xff) << 8) | (raw[4] & 0xff);
      } else {
        return false;
      }
      int declared = header + length;
      return Math.abs(declared - raw.length) <= 2 || (raw.length >= 768 && declared > raw.length);
    }

    /** Runs holding %XX escapes: decoded, scanned, and what is found masked in place. */
    private void urlEncoded() {
      String t = text;
      int n = t.length();
      int i = 0;
      while (i < n && budget > 0) {
        int p = t.indexOf('%', i);
        if (p < 0) {
          break;
        }
        int s = p;
        int back = Math.max(i, p - MAX_DECODED / 2);
        while (s > back
            && !Character.isWhitespace(t.charAt(s - 1))
            && t.charAt(s - 1) != '"'
            && t.charAt(s - 1) != '\'') {
          s--;
        }
        int e = p;
        int escapes = 0;
        int forward = Math.min(n, p + MAX_DECODED / 2);
        while (e < forward
            && !Character.isWhitespace(t.charAt(e))
            && t.charAt(e) != '"'
            && t.charAt(e) != '\'') {
          if (t.charAt(e) == '%' && e + 2 < n && hex(t.charAt(e + 1)) && hex(t.charAt(e + 2))) {
            escapes++;
          }
          e++;
        }
        i = Math.max(e, p + 1); // always forward
        if (escapes < 2) {
          continue;
        }
        budget -= e - s;
        int[] map = new int[e - s + 1];
        String decoded = percentDecode(t, s, e, map);
        if (decoded == null) {
          continue;
        }
        Spans inner = decoder.scan(decoded, depth + 1);
        if (inner == null || inner.isEmpty()) {
          continue;
        }
        inner.forEach((a, b) -> sink.add(map[a], map[b], "decoded-url"));
      }
    }

    private static boolean hex(char c) {
      return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** Decodes %XX (UTF-8) and '+'; {@code map[k]} is the source index of decoded index k. */
    private static String percentDecode(String t, int s, int e, int[] map) {
      byte[] bytes = new byte[e - s];
      int[] byteSrc = new int[e - s + 1];
      int n = 0;
      for (int i = s; i < e; ) {
        char c = t.charAt(i);
        byteSrc[n] = i;
        if (c == '%'
            && i + 2 < e + 0
            && i + 2 < t.length()
            && hex(t.charAt(i + 1))
            && hex(t.charAt(i + 2))) {
          bytes[n++] = (byte) Integer.parseInt(t.substring(i + 1, i + 3), 16);
          i += 3;
        } else if (c == '+') {
          bytes[n++] = ' ';
          i++;
        } else if (c < 0x80) {
          bytes[n++] = (byte) c;
          i++;
        } else {
          return null; // non-ASCII around escapes: leave it to the text rules
        }
      }
      byteSrc[n] = e;
      String decoded = new String(bytes, 0, n, StandardCharsets.UTF_8);
      if (decoded.length() != n) {
        // Multi-byte characters: map by bytes is not exact; mask the whole run.
        for (int k = 0; k <= decoded.length() && k < map.length; k++) {
          map[k] = k == 0 ? s : e;
        }
        return decoded.length() < map.length ? decoded : null;
      }
      System.arraycopy(byteSrc, 0, map, 0, n + 1);
      return decoded;
    }

    private boolean isName(int s, int e) {
      if (e - s < 2 || e - s > 80 || !Character.isLetter(text.charAt(s))) {
        return false;
      }
      for (int i = s; i < e; i++) {
        char c = text.charAt(i);
        if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.')) {
          return false;
        }
      }
      return true;
    }

    /** The name before an arrow ending at {@code j}: {@code name}, {@code f('name')}. */
    private String arrowName(int j, int limit) {
      while (j >= limit && text.charAt(j) == ' ') {
        j--;
      }
      if (j >= limit && text.charAt(j) == ')') {
        j--;
      }
      while (j >= limit && (text.charAt(j) == '"' || text.charAt(j) == '\'')) {
        j--;
      }
      int ne = j + 1;
      while (j >= limit
          && (Character.isLetterOrDigit(text.charAt(j))
              || text.charAt(j) == '_'
              || text.charAt(j) == '-'
              || text.charAt(j) == '.')) {
        j--;
      }
      int ns = j + 1;
      if (ne - ns < 2 || !Character.isLetter(text.charAt(ns))) {
        return null;
      }
      return text.substring(ns, ne).toLowerCase(Locale.ROOT);
    }

    /**
     * The name a value sits under in a listing: {@code name: value}, {@code "name": "value"},
     * {@code name = value}, or a table's previous cell ({@code | name | value |}); null when the
     * value is in free text.
     */
    String nameBefore(int s) {
      int j = s - 1;
      int limit = Math.max(0, s - 48);
      while (j >= limit && (text.charAt(j) == '"' || text.charAt(j) == '\'')) {
        j--;
      }
      while (j >= limit && text.charAt(j) == ' ') {
        j--;
      }
      if (j < limit) {
        return null;
      }
      char sep = text.charAt(j);
      if (sep == '>' && j > limit && text.charAt(j - 1) == '-') {
        return arrowName(j - 2, limit); // Variable.get('name') -> 'value', name -> value
      }
      if (sep != ':' && sep != '=' && sep != '|') {
        return null;
      }
      if (sep == ':'
          && j > 0
          && Character.isDigit(text.charAt(j - 1))
          && j + 1 < text.length()
          && Character.isDigit(text.charAt(j + 1))) {
        return null; // a time
      }
      if (sep == ':' && j + 1 < text.length() && text.charAt(j + 1) == '/') {
        return null; // scheme://
      }
      j--;
      while (j >= limit
          && (text.charAt(j) == ' ' || text.charAt(j) == '"' || text.charAt(j) == '\'')) {
        j--;
      }
      int ne = j + 1;
      int nameLimit = Math.max(0, ne - 80);
      while (j >= nameLimit
          && (Character.isLetterOrDigit(text.charAt(j))
              || text.charAt(j) == '_'
              || text.charAt(j) == '-'
              || text.charAt(j) == '.')) {
        j--;
      }
      int ns = j + 1;
      if (ne - ns < 2 || !Character.isLetter(text.charAt(ns))) {
        return null;
      }
      if (ns > 0 && text.charAt(ns - 1) == ':') {
        return null; // a segment of a colon chain (arn:aws:secretsmanager:…:secret:name)
      }
      if (sep == ':' && !startsItem(ns) && !compound(ns, ne)) {
        return null; // "event captured: …" is prose, not a listing
      }
      if (sep == '|') {
        // The previous cell must start its row: "| name | value |".
        int k = ns - 1;
        while (k >= 0 && text.charAt(k) == ' ') {
          k--;
        }
        if (k < 0 || text.charAt(k) != '|') {
          return null;
        }
      }
      return text.substring(ns, ne); // case kept: PublicKey, VersionId split into their words
    }

    /**
     * The label of a list a free-text value belongs to: the one to four words before the {@code :}
     * that opens the list on its line ({@code Object version list: a, b, c}, {@code request ids: x
     * y}, {@code tracestate: dd=…,congo=…}), joined by {@code _}; null when the value is not in
     * such a list. Only list material (tokens, {@code , ; =} and spaces) may stand between the
     * colon and the value, and only the line's start, a {@code "} or {@code - } before the words.
     */
    String listLabel(int s) {
      int j = s - 1;
      int limit = Math.max(0, s - 512);
      while (j >= limit) {
        char c = text.charAt(j);
        if (c == ':' && j + 1 < text.length() && text.charAt(j + 1) == ' ') {
          break;
        }
        if (c == '\n' || !(tokenChar(c) || c == ' ' || c == ',' || c == ';' || c == ':')) {
          return null;
        }
        j--;
      }
      if (j < limit) {
        return null;
      }
      int we = j;
      int ws = we;
      int words = 0;
      while (ws > 0 && we - ws < 48) {
        char c = text.charAt(ws - 1);
        if (Character.isLetterOrDigit(c) || c == '_' || c == '-') {
          ws--;
        } else if (c == ' ' && ws > 1 && Character.isLetter(text.charAt(ws - 2)) && words < 3) {
          words++;
          ws--;
        } else {
          break;
        }
      }
      if (ws == we) {
        return null;
      }
      int k = ws - 1;
      while (k >= 0 && text.charAt(k) == ' ') {
        k--;
      }
      if (!(k < 0 || text.charAt(k) == '\n' || text.charAt(k) == '"' || text.charAt(k) == '-')) {
        return null;
      }
      return text.substring(ws, we).replace(' ', '_');
    }
  }
}
