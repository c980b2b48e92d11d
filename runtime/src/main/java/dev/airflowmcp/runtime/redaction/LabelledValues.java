package dev.airflowmcp.runtime.redaction;

import java.util.Locale;
import java.util.Set;

/**
 * Values that a label in prose names as a credential, with no {@code key=value} syntax around them
 * (issue 12): {@code Unseal Key 1: <base64>}, {@code Bugsnag API key: <hex>}, {@code Opsgenie API
 * key is <uuid>}, {@code Using unlock pin 80401578}, {@code MFA verification code for svc: 9292…},
 * {@code Shared secret for RADIUS client 10.0.4.5 is …}. A label is a head word ({@code key},
 * {@code secret}, {@code token}, {@code password}, {@code passphrase}, {@code passcode}, {@code
 * pin}, {@code puk}, {@code otp}, {@code code}) with the word before it; {@code key} needs a
 * qualifier that makes it a credential ({@code api}, {@code signing}, {@code unseal}, …: a cache,
 * partition, object, routing-by-name or public key is none), {@code code} one that makes it a
 * one-time code, and {@code token} loses quantity and paging qualifiers ({@code prompt}, {@code
 * continuation}, …). After the head may come a number ({@code 1}, {@code #2}), a parenthesis
 * ({@code (hex)}) and a {@code for …} clause of up to four words; then a separator ({@code :},
 * {@code =}, {@code ->}, {@code is}) or, after a qualified label or a PIN word, just a space. The
 * value is masked only when it is machine-made: digits (4–12, not one repeated digit) after a PIN,
 * PUK, OTP, passcode or code word; otherwise 16 or more characters of hex, base64 or base64url
 * mixing letters and digits (a UUID too), not a placeholder. So {@code the token is valid for 3600
 * seconds}, {@code PIN entry failed}, {@code API key last rotated: 2025-…} and {@code secret
 * version: 7} stay.
 *
 * <p>Also here, as the same kind of reading: literal keys passed to a cipher, MAC or JWT call
 * ({@link #findCryptoLiterals}), the one-line output of a command that prints a file or a stored
 * value named as a secret ({@link #findPrintedSecrets}), and names paired with values by workflow
 * commands and XML ({@link #findNamedValues}). Each reader is one pass over the text with bounded
 * look-arounds.
 */
final class LabelledValues {
  private LabelledValues() {}

  /** Longest value read after a label. */
  private static final int MAX_VALUE = 512;

  /** Qualifiers that make {@code key} a credential. */
  private static final Set<String> KEY_QUALIFIERS =
      Set.of(
          "api",
          "app",
          "application",
          "secret",
          "private",
          "master",
          "signing",
          "sign",
          "encryption",
          "decryption",
          "access",
          "accesskey",
          "auth",
          "authentication",
          "unseal",
          "recovery",
          "license",
          "licence",
          "admin",
          "write",
          "ingest",
          "integration",
          "routing",
          "service",
          "client",
          "shared",
          "session",
          "hmac",
          "aes",
          "root",
          "account",
          "storage",
          "webhook",
          "developer",
          "project",
          "server",
          "security",
          "cipher",
          "crypto",
          "jwt",
          "bearer",
          "consumer",
          "partner",
          "user",
          "hsm",
          "kek",
          "dek",
          "wrapping",
          "symmetric");

  /** Qualifiers after which {@code token} is a count, a page marker or a parser's word. */
  private static final Set<String> TOKEN_NOT =
      Set.of(
          "prompt",
          "completion",
          "total",
          "max",
          "input",
          "output",
          "continuation",
          "page",
          "next",
          "pagination",
          "file",
          "sync",
          "resume",
          "cancellation",
          "id",
          "sequence",
          "lexer",
          "parse",
          "unexpected",
          "cancel",
          "progress",
          "end",
          "start");

  /** Qualifiers that make {@code code} a one-time code. */
  private static final Set<String> CODE_QUALIFIERS =
      Set.of(
          "verification",
          "verify",
          "otp",
          "2fa",
          "mfa",
          "sms",
          "auth",
          "authentication",
          "security",
          "login",
          "puk",
          "recovery",
          "backup",
          "activation",
          "pairing",
          "confirmation",
          "time",
          "onetime",
          "totp",
          "hotp",
          "pin",
          "unlock",
          "access");

  /** Qualifiers after which {@code secret} names a secret object, not a value. */
  private static final Set<String> SECRET_NOT =
      Set.of("kubernetes", "k8s", "docker", "vault", "sealed", "external", "no", "the", "a");

  /**
   * The first letters of the heads, either case (key, secret, token, password, passphrase,
   * passcode, pin, puk, otp, code): one table read per character of the scan.
   */
  private static final boolean[] HEAD_FIRST = new boolean[128];

  static {
    for (char c : "kstpocKSTPOC".toCharArray()) {
      HEAD_FIRST[c] = true;
    }
  }

  /** Finds labelled values in {@code text} and adds their ranges. */
  static void find(String text, Spans spans) {
    int n = text.length();
    for (int i = 0; i + 3 <= n; i++) {
      char c = text.charAt(i);
      if (c >= 128 || !HEAD_FIRST[c]) {
        continue;
      }
      if (i > 0 && alnum(text.charAt(i - 1)) && !lowerToUpper(text, i)) {
        continue; // inside a word (but AccessKey, ApiSecret: a camelCase head)
      }
      int end = i + 1;
      while (end < n && alnum(text.charAt(end)) && end - i <= 10) {
        end++;
      }
      int len = end - i;
      // label() acts only when a separator follows the head: tested first, as it is cheaper
      if (len >= 3 && len <= 10 && end < n && " \t:=-(#\u2192".indexOf(text.charAt(end)) >= 0) {
        int head = head(text, i, end);
        if (head != NONE) {
          label(text, i, end, head, spans);
        }
      }
      i = end - 1;
    }
  }

  private static boolean alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  /** A lower-case letter then an upper-case one at {@code i}: a camelCase word boundary. */
  private static boolean lowerToUpper(String s, int i) {
    char a = s.charAt(i - 1);
    char b = s.charAt(i);
    return a >= 'a' && a <= 'z' && b >= 'A' && b <= 'Z';
  }

  /**
   * Whether {@code s} holds a word that can head a digit code ({@code pin}, {@code puk}, {@code
   * otp}, {@code code}, {@code passcode}) and a run of 4–12 digits not part of a time, a date or a
   * decimal: asked by {@link SecretPrefilter} after its own tests. No allocation.
   */
  static boolean mayHoldDigitCode(String s) {
    return mayLabelDigits(s) && standaloneDigits(s);
  }

  private static boolean standaloneDigits(String s) {
    int n = s.length();
    int digits = 0;
    for (int i = 0; i <= n; i++) {
      char c = i < n ? s.charAt(i) : ' ';
      if (c >= '0' && c <= '9') {
        if (digits++ == 0 && i > 0 && ".:,-/".indexOf(s.charAt(i - 1)) >= 0) {
          digits = -1_000; // part of a time, a date or a decimal
        }
      } else {
        if (digits >= 4 && digits <= 12 && ".:,-/".indexOf(c) < 0) {
          return true;
        }
        digits = 0;
      }
    }
    return false;
  }

  /** Whether {@code s} holds a word that can head a digit code. */
  static boolean mayLabelDigits(String s) {
    int n = s.length();
    for (int i = 0; i + 3 <= n; i++) {
      char c = (char) (s.charAt(i) | 0x20);
      if ((c == 'p' || c == 'o' || c == 'c') && (i == 0 || !Character.isLetter(s.charAt(i - 1)))) {
        int e = i;
        while (e < n && Character.isLetterOrDigit(s.charAt(e)) && e - i <= 10) {
          e++;
        }
        int h = head(s, i, e);
        if (h == DIGITS || h == CODE) {
          return true;
        }
      }
    }
    return false;
  }

  private static final int NONE = 0;
  private static final int KEY = 1;
  private static final int SECRET = 2;
  private static final int TOKEN = 3;
  private static final int PASSWORD = 4;
  private static final int DIGITS = 5; // pin, puk, otp, passcode
  private static final int CODE = 6;

  /**
   * The head word at {@code [from, to)}, whose first character is an ASCII letter (both callers
   * test it): that letter and the length pick the one or two words to compare.
   */
  private static int head(String s, int from, int to) {
    char c = (char) (s.charAt(from) | 0x20);
    switch (to - from) {
      case 3 -> {
        if (c == 'k') {
          return s.regionMatches(true, from, "key", 0, 3) ? KEY : NONE;
        }
        if (c == 'p') {
          return s.regionMatches(true, from, "pin", 0, 3)
                  || s.regionMatches(true, from, "puk", 0, 3)
              ? DIGITS
              : NONE;
        }
        return c == 'o' && s.regionMatches(true, from, "otp", 0, 3) ? DIGITS : NONE;
      }
      case 4 -> {
        return c == 'c' && s.regionMatches(true, from, "code", 0, 4) ? CODE : NONE;
      }
      case 5 -> {
        return c == 't' && s.regionMatches(true, from, "token", 0, 5) ? TOKEN : NONE;
      }
      case 6 -> {
        return c == 's' && s.regionMatches(true, from, "secret", 0, 6) ? SECRET : NONE;
      }
      case 8 -> {
        if (c != 'p') {
          return NONE;
        }
        if (s.regionMatches(true, from, "password", 0, 8)) {
          return PASSWORD;
        }
        return s.regionMatches(true, from, "passcode", 0, 8) ? DIGITS : NONE;
      }
      case 10 -> {
        return c == 'p' && s.regionMatches(true, from, "passphrase", 0, 10) ? PASSWORD : NONE;
      }
      default -> {
        return NONE;
      }
    }
  }

  /** The lower-cased word before {@code from} on the same line (across ' ', '_', '-'), or "". */
  private static String qualifier(String s, int from) {
    int b = from;
    int limit = Math.max(0, from - 3);
    while (b > limit
        && (s.charAt(b - 1) == ' ' || s.charAt(b - 1) == '_' || s.charAt(b - 1) == '-')) {
      b--;
    }
    if (b == from && from > 0 && Character.isLetterOrDigit(s.charAt(from - 1))) {
      return ""; // inside a word
    }
    int a = b;
    while (a > 0 && Character.isLetterOrDigit(s.charAt(a - 1)) && b - a < 24) {
      a--;
    }
    if (a == b) {
      return "";
    }
    return s.substring(a, b).toLowerCase(Locale.ROOT);
  }

  private static void label(String s, int from, int to, int head, Spans spans) {
    if (to >= s.length() || " \t:=-(#\u2192".indexOf(s.charAt(to)) < 0) {
      return; // the head is not followed by a separator, a number or a value
    }
    if (from > 0
        && (s.charAt(from - 1) == '_' || s.charAt(from - 1) == '.')
        && (s.charAt(to) == '=' || s.charAt(to) == ':')) {
      return; // an identifier's assignment (api_key=…, db.password: …): the assignment readers'
    }
    int n = s.length();
    int p = to;
    p = spaces(s, p);
    // a number after the head: Unseal Key 1, Recovery Key #2
    int num = p;
    if (num < n && s.charAt(num) == '#') {
      num++;
    }
    int d = num;
    while (d < n && d - num < 3 && Character.isDigit(s.charAt(d))) {
      d++;
    }
    if (d > num
        && d - num <= 2
        && (d == n || !Character.isLetterOrDigit(s.charAt(d)))
        && d < n
        && (s.charAt(d) == ':' || s.charAt(d) == ' ')) {
      if (!(head == DIGITS || head == CODE) || s.charAt(d) == ':') {
        p = spaces(s, d);
      }
    }
    if (p < n && s.charAt(p) == '(') {
      int close = p + 1;
      while (close < n && close - p <= 24 && s.charAt(close) != ')' && s.charAt(close) != '\n') {
        close++;
      }
      if (close >= n || s.charAt(close) != ')') {
        return;
      }
      p = spaces(s, close + 1);
    }
    boolean separated = false;
    boolean bare = false;
    int sep = separator(s, p);
    if (sep > p) {
      separated = true;
      p = spaces(s, sep);
    } else if (word(s, p, "for")) {
      // up to four words, then a separator: "code for svc_airflow: 1234", "secret for X is …"
      int w = spaces(s, p + 3);
      for (int k = 0; k < 4 && w < n; k++) {
        int e = w;
        while (e < n && !Character.isWhitespace(s.charAt(e))) {
          e++;
        }
        if (e > w && s.charAt(e - 1) == ':') {
          separated = true;
          p = spaces(s, e);
          break;
        }
        int after = spaces(s, e);
        int sp = separator(s, after);
        if (sp > after) {
          separated = true;
          p = spaces(s, sp);
          break;
        }
        if (after >= n || s.charAt(after) == '\n' || after == e) {
          return;
        }
        w = after;
      }
      if (!separated) {
        return;
      }
    } else if (p == to || (from > 0 && (s.charAt(from - 1) == '_' || s.charAt(from - 1) == '.'))) {
      return; // no space, or an identifier (refresh_token) with only a space after it
    } else {
      bare = true; // only a space after the head: it needs a qualifier (tested below)
    }
    if (p >= n) {
      return;
    }
    int vs = p;
    char open = s.charAt(vs);
    if (open == '"' || open == '\'' || open == '`') {
      vs++;
    }
    int ve = vs;
    while (ve < n && ve - vs < MAX_VALUE && valueChar(s.charAt(ve))) {
      ve++;
    }
    while (ve > vs && (s.charAt(ve - 1) == '.' || s.charAt(ve - 1) == ':')) {
      ve--;
    }
    if (ve < n
        && (Character.isLetterOrDigit(s.charAt(ve)) || s.charAt(ve) == '.')
        && ve - vs < MAX_VALUE) {
      // the value goes on with characters a key has not (a path, a dotted name, a date)
      if (!(s.charAt(ve) == '.' && (ve + 1 >= n || !Character.isLetterOrDigit(s.charAt(ve + 1))))) {
        return;
      }
    }
    if (ve <= vs || !valueEnds(s, ve)) {
      return;
    }
    boolean digitsHead = head == DIGITS || head == CODE;
    // The qualifier word (a new string) is read only for a value that got this far.
    String q = head == PASSWORD || head == DIGITS ? "" : qualifier(s, from); // theirs unused
    // camelCase heads (AccessKey, ApiSecret) are read with their qualifier inside the word
    boolean qualified;
    switch (head) {
      case KEY -> qualified = KEY_QUALIFIERS.contains(q) || q.endsWith("api") || q.equals("one");
      case CODE -> {
        if (!CODE_QUALIFIERS.contains(q)) {
          return;
        }
        qualified = true;
      }
      case TOKEN -> {
        if (TOKEN_NOT.contains(q)) {
          return;
        }
        qualified = !q.isEmpty();
      }
      case SECRET -> {
        if (SECRET_NOT.contains(q)) {
          return;
        }
        qualified = !q.isEmpty();
      }
      default -> qualified = true;
    }
    if (head == KEY && !qualified) {
      return;
    }
    if (bare && !(qualified || head == DIGITS)) {
      return; // a bare head with only a space after it
    }
    if (spans.covers(vs, ve)) {
      return; // another rule masked it already (most values of key=value text)
    }
    if (digitsHead ? digitCode(s, vs, ve) : machineMade(s, vs, ve)) {
      spans.add(vs, ve);
    }
  }

  /** Whether a value may end at {@code e}: the end, white space, a quote or closing punctuation. */
  private static boolean valueEnds(String s, int e) {
    if (e >= s.length()) {
      return true;
    }
    char c = s.charAt(e);
    if (c == '.' || c == ':') {
      return e + 1 >= s.length() || Character.isWhitespace(s.charAt(e + 1));
    }
    return Character.isWhitespace(c) || "\"'`,;)]}>".indexOf(c) >= 0;
  }

  private static boolean valueChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '+'
        || c == '/'
        || c == '='
        || c == '_'
        || c == '-'
        || c == '~';
  }

  private static int spaces(String s, int p) {
    while (p < s.length() && (s.charAt(p) == ' ' || s.charAt(p) == '\t')) {
      p++;
    }
    return p;
  }

  private static boolean word(String s, int p, String w) {
    int e = p + w.length();
    return e < s.length() && s.regionMatches(true, p, w, 0, w.length()) && s.charAt(e) == ' ';
  }

  /**
   * The position after a separator at {@code p} ({@code :}, {@code =}, {@code ->}, {@code is}); p
   * if none.
   */
  private static int separator(String s, int p) {
    int n = s.length();
    if (p >= n) {
      return p;
    }
    char c = s.charAt(p);
    if (c == ':' || c == '=') {
      int q = p + 1;
      if (q < n && (s.charAt(q) == '=' || s.charAt(q) == '>' || s.charAt(q) == ':')) {
        q++;
      }
      return q < n && (s.charAt(q) == ' ' || s.charAt(q) == '\t' || c == '=') ? q : p;
    }
    if ((c == '-' || c == '=') && p + 1 < n && s.charAt(p + 1) == '>') {
      return p + 2;
    }
    if (c == '\u2192') {
      return p + 1;
    }
    if (word(s, p, "is") || word(s, p, "was")) {
      return s.indexOf(' ', p) + 1;
    }
    return p;
  }

  /** Digits 4–12 long, not one repeated digit, not part of a longer number or a date. */
  private static boolean digitCode(String s, int from, int to) {
    int len = to - from;
    if (len < 4 || len > 12) {
      return false;
    }
    char first = s.charAt(from);
    boolean same = true;
    for (int k = from; k < to; k++) {
      char c = s.charAt(k);
      if (c < '0' || c > '9') {
        return false;
      }
      same &= c == first;
    }
    return !same;
  }

  /**
   * 16 or more characters of hex, base64 or base64url with letters and digits, not one repeated
   * character, not a placeholder; with '/' only as base64 (both cases and digits, no word path).
   */
  static boolean machineMade(CharSequence s, int from, int to) {
    int len = to - from;
    if (len < 16 || len > MAX_VALUE) {
      return false;
    }
    boolean digit = false;
    boolean upper = false;
    boolean lower = false;
    boolean slash = false;
    boolean same = true;
    char first = s.charAt(from);
    for (int k = from; k < to; k++) {
      char c = s.charAt(k);
      same &= c == first;
      if (c >= '0' && c <= '9') {
        digit = true;
      } else if (c >= 'A' && c <= 'Z') {
        upper = true;
      } else if (c >= 'a' && c <= 'z') {
        lower = true;
      } else if (c == '/') {
        slash = true;
      }
    }
    if (same || !digit || !(upper || lower)) {
      return false;
    }
    if (slash && !(upper && lower)) {
      return false;
    }
    for (int k = from; k < to; k++) {
      if (s.charAt(k) == '=' && k < to - 2) {
        return false; // a name=value inside, not base64 padding
      }
    }
    if (nameWords(s, from, to) >= 2 || HarmlessContexts.counting(s, from, to)) {
      return false; // airflow-fernet-key-7d9f names a secret; 1a2b3c4d… is a placeholder
    }
    String v = s.subSequence(from, to).toString();
    return !Masks.isPlaceholder(v) && !HarmlessShapes.placeholder(v) && !ValueKinds.isPath(v);
  }

  /**
   * Parts between '-', '_' and '.' that are words: three or more letters, lower case after the
   * first ({@code airflow}, {@code Api}).
   */
  static int nameWords(CharSequence s, int from, int to) {
    int words = 0;
    int a = from;
    for (int k = from; k <= to; k++) {
      if (k == to || s.charAt(k) == '-' || s.charAt(k) == '_' || s.charAt(k) == '.') {
        boolean word = k - a >= 3 && Character.isLetter(s.charAt(a));
        for (int m = a + 1; m < k && word; m++) {
          char c = s.charAt(m);
          word = c >= 'a' && c <= 'z';
        }
        if (word) {
          words++;
        }
        a = k + 1;
      }
    }
    return words;
  }

  // ---------------------------------------------------------------- literal keys of crypto calls

  /** Words of calls that take a key: ciphers, MACs, JWT signing, Fernet. */
  private static final String[] CRYPTO_CALLS = {
    "aes", "cipher", "fernet", "hmac", "secretkeyspec", "jwt.encode", "jwt.sign", "encrypt",
    "decrypt", "chacha", "secretbox", "blowfish", "des3", "tripledes", "signingkey", "jwt.decode"
  };

  /**
   * A string literal of 32+ hex or 24+ base64 characters (letters and digits) passed, within 80
   * characters of the same line, to a call named after a cipher, a MAC, Fernet or JWT signing:
   * {@code AES.new(bytes.fromhex('…'))}, {@code Fernet(b'…')}, {@code new
   * SecretKeySpec(Hex.decodeHex("…"), "AES")}, {@code crypto.createCipheriv('aes-256-cbc',
   * Buffer.from('…', 'hex'), iv)}, {@code jwt.encode(p, '…')}. Hashes of literals ({@code
   * sha256(b'…')}) and comparisons stay.
   */
  static void findCryptoLiterals(String text, Spans spans) {
    if (text.indexOf('(') < 0) {
      return;
    }
    int n = text.length();
    int i = 0;
    while (i < n) {
      char q = text.charAt(i);
      if ((q != '\'' && q != '"') || !argumentStart(text, i)) {
        i++;
        continue;
      }
      int a = i + 1;
      int e = a;
      while (e < n && e - a <= MAX_VALUE && valueChar(text.charAt(e))) {
        e++;
      }
      if (e < n
          && text.charAt(e) == q
          && e - a >= 24
          && cryptoCallBefore(text, i)
          && cryptoValue(text, a, e)) {
        spans.add(a, e);
      }
      i = Math.max(i + 1, e);
    }
  }

  /**
   * Whether the quote at {@code q} opens an argument: after '(' or ',' (a b/u/r prefix and spaces
   * between).
   */
  private static boolean argumentStart(String s, int q) {
    int k = q - 1;
    if (k >= 0 && (s.charAt(k) == 'b' || s.charAt(k) == 'u' || s.charAt(k) == 'r')) {
      k--;
    }
    while (k >= 0 && k > q - 4 && s.charAt(k) == ' ') {
      k--;
    }
    return k >= 0 && (s.charAt(k) == '(' || s.charAt(k) == ',');
  }

  private static boolean cryptoValue(String s, int from, int to) {
    boolean hex = true;
    for (int k = from; k < to; k++) {
      char c = s.charAt(k);
      hex &= (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
    if (hex && to - from < 32) {
      return false;
    }
    return machineMade(s, from, to);
  }

  private static boolean cryptoCallBefore(String s, int quote) {
    int a = quote;
    while (a > 0 && quote - a < 80 && s.charAt(a - 1) != '\n') {
      a--;
    }
    boolean paren = false;
    for (int k = quote - 1; k >= a && !paren; k--) {
      paren = s.charAt(k) == '(';
    }
    if (!paren) {
      return false;
    }
    String before = s.substring(a, quote).toLowerCase(Locale.ROOT);
    if (before.contains("sha")
        || before.contains("md5")
        || before.contains("digest")
        || before.contains("assert")
        || before.contains("==")) {
      return false;
    }
    for (String w : CRYPTO_CALLS) {
      if (before.contains(w)) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- printed files and stored
  // values

  /** Words of file names that hold a secret. */
  private static final Set<String> SECRET_FILE_WORDS =
      Set.of(
          "key",
          "secret",
          "secrets",
          "token",
          "password",
          "passwd",
          "pass",
          "pwd",
          "credentials",
          "creds",
          "apikey",
          "passphrase",
          "pin",
          "masterkey");

  /**
   * The output line of a command that prints a file or a stored value whose name says secret:
   * {@code $ cat config/master.key} then the key; {@code cat ~/.vault-token}; {@code Get-Content
   * .\app.secret}; {@code type credentials.key}; {@code consul kv get …/api_token}; {@code etcdctl
   * get /app/db_password} (its echo of the key skipped); {@code redis-cli> GET partner:api_key}.
   * The output must be one token (quotes stripped), machine-made or under a secret name, not a
   * placeholder; public keys ({@code .pub}) and any line with spaces stay.
   */
  static void findPrintedSecrets(String text, Spans spans) {
    int n = text.length();
    int i = 0;
    while (i < n) {
      int nl = text.indexOf('\n', i);
      if (nl < 0) {
        return;
      }
      if (nl - i <= 400 && promptAt(text, i, nl) && printsSecret(text, i, nl)) {
        String arg = lastArg(text, i, nl);
        int line = nl + 1;
        for (int k = 0; k < 2 && line < n; k++) {
          int le = text.indexOf('\n', line);
          if (le < 0) {
            le = n;
          }
          int a = line;
          int b = le;
          while (b > a && (text.charAt(b - 1) == '\r' || text.charAt(b - 1) == ' ')) {
            b--;
          }
          if (b - a >= 2 && text.charAt(a) == '"' && text.charAt(b - 1) == '"') {
            a++;
            b--;
          }
          String v = text.substring(a, b);
          if (k == 0 && v.equals(arg)) {
            line = le + 1; // etcdctl prints the key first
            continue;
          }
          if (b - a >= 6
              && b - a <= 4096
              && v.indexOf(' ') < 0
              && v.indexOf('\t') < 0
              && !Masks.isPlaceholder(v)
              && !ValueKinds.clearlyNotSecret(v)
              && (ValueKinds.looksRandom(v))) {
            spans.add(a, b);
          }
          break;
        }
      }
      i = nl + 1;
    }
  }

  /** Whether a prompt mark and a space stand in the first 60 characters of the line. */
  private static boolean promptAt(String s, int from, int to) {
    int limit = Math.min(to - 1, from + 60);
    for (int k = from; k < limit; k++) {
      char c = s.charAt(k);
      if ((c == '$' || c == '#' || c == '>') && s.charAt(k + 1) == ' ') {
        return true;
      }
    }
    return false;
  }

  /** Whether the line is a prompt and a command printing a secret-named file or stored value. */
  private static boolean printsSecret(String s, int from, int to) {
    String line = s.substring(from, to).strip();
    int prompt = -1;
    for (int k = 0; k < Math.min(line.length(), 60); k++) {
      char c = line.charAt(k);
      if ((c == '$' || c == '#' || c == '>')
          && k + 1 < line.length()
          && line.charAt(k + 1) == ' ') {
        prompt = k;
        break;
      }
    }
    if (prompt < 0) {
      return false;
    }
    String cmd = line.substring(prompt + 2).strip();
    String lower = cmd.toLowerCase(Locale.ROOT);
    String[] words = lower.split("\\s+");
    if (words.length < 2 || words.length > 12) {
      return false;
    }
    String w0 = words[0];
    boolean file =
        (w0.equals("cat")
                || w0.equals("type")
                || w0.equals("more")
                || w0.equals("head")
                || w0.equals("get-content")
                || w0.equals("gc")
                || w0.equals("bat")
                || w0.equals("sudo") && words[1].equals("cat"))
            && words.length <= 3;
    boolean stored =
        lower.startsWith("consul kv get ")
            || lower.startsWith("etcdctl get ")
            || w0.equals("get")
            || lower.startsWith("redis-cli") && lower.contains(" get ")
            || lower.startsWith("vault kv get ")
            || lower.startsWith("vault read ")
            || lower.startsWith("gcloud secrets versions access")
            || lower.contains("get-parameter")
            || lower.contains("get-secret-value")
            || lower.startsWith("kubectl get secret");
    if (!file && !stored) {
      return false;
    }
    String last = words[words.length - 1];
    if (stored && !file) {
      // the name of the value: the argument after get/--name/--secret, else the last argument
      for (int k = 1; k < words.length; k++) {
        String w = words[k];
        if (w.startsWith("--name") || w.startsWith("--secret") || w.startsWith("--secret-id")) {
          last =
              w.contains("=")
                  ? w.substring(w.indexOf('=') + 1)
                  : (k + 1 < words.length ? words[k + 1] : w);
          break;
        }
        if (!w.startsWith("-") && (words[k - 1].equals("get"))) {
          last = w;
        }
      }
    }
    return secretFileName(last, file);
  }

  private static boolean secretFileName(String path, boolean file) {
    String p = path.replace('\\', '/');
    if (p.endsWith(".pub")
        || p.contains("public")
        || p.contains("known_hosts")
        || p.contains("authorized_keys")
        || p.endsWith(".crt")
        || p.endsWith(".cert")) {
      return false;
    }
    int slash = Math.max(p.lastIndexOf('/'), p.lastIndexOf(':'));
    String base = p.substring(slash + 1);
    for (String w : base.split("[._\\-]+")) {
      if (SECRET_FILE_WORDS.contains(w)) {
        return true;
      }
    }
    return !file && SecretNames.namesASecret(base);
  }

  private static String lastArg(String s, int from, int to) {
    String line = s.substring(from, to).strip();
    int sp = line.lastIndexOf(' ');
    return line.substring(sp + 1);
  }

  // ---------------------------------------------------------------- names paired with values

  /**
   * Names paired with values by GitHub Actions workflow commands and XML: {@code ::add-mask::VALUE}
   * (the step itself declares the value secret), {@code ::set-output name=NAME::VALUE}, {@code echo
   * "NAME=VALUE" >> $GITHUB_OUTPUT}, {@code <entry key="NAME">VALUE</entry>}, {@code <add
   * key="NAME" value="VALUE"/>}, a plist {@code <key>NAME</key><string>VALUE</string>}. The value
   * is masked when the name is a secret name (or holds {@code private_key}, as Airflow's own rule
   * has it) and the value looks machine-made.
   */
  static void findNamedValues(String text, Spans spans) {
    int n = text.length();
    int i = text.indexOf("::add-mask::");
    while (i >= 0) {
      int a = i + 12;
      int b = a;
      while (b < n && text.charAt(b) != '\n' && text.charAt(b) != '"' && b - a < 4096) {
        b++;
      }
      String v = text.substring(a, b).strip();
      if (v.length() >= 4 && !Masks.isPlaceholder(v)) {
        spans.add(a, a + text.substring(a, b).stripTrailing().length());
      }
      i = text.indexOf("::add-mask::", b);
    }
    pairs(text, "set-output name=", "::", null, spans);
    if (text.indexOf('<') >= 0) { // the XML pairs all open with '<': one look for the three
      pairs(text, "<entry key=\"", "\">", "<", spans);
      pairs(text, "<add key=\"", "\" value=\"", "\"", spans);
      pairs(text, "<key>", "</key>", "<", spans);
    }
    if (text.contains("$GITHUB_OUTPUT") || text.contains("$GITHUB_ENV")) {
      pairs(text, "echo \"", "=", "\"", spans);
    }
    privateKeyIds(text, "rivate_key_id", spans);
    privateKeyIds(text, "RIVATE_KEY_ID", spans);
  }

  /**
   * {@code GCP_PRIVATE_KEY_ID=…}, {@code "private_key_id": "…"}: Airflow's own rule masks every
   * name holding {@code private_key}; in free text the same name with a machine-made value is
   * masked.
   */
  private static void privateKeyIds(String text, String word, Spans spans) {
    int n = text.length();
    int i = text.indexOf(word);
    while (i >= 1) {
      int p = i + word.length();
      if (p < n && text.charAt(p) == '"') {
        p++;
      }
      int sepEnd = p;
      while (sepEnd < n
          && sepEnd - p < 4
          && (text.charAt(sepEnd) == '='
              || text.charAt(sepEnd) == ':'
              || text.charAt(sepEnd) == ' '
              || text.charAt(sepEnd) == '"'
              || text.charAt(sepEnd) == '\'')) {
        sepEnd++;
      }
      if (sepEnd > p && (text.charAt(p) == '=' || text.charAt(p) == ':')) {
        int ve = sepEnd;
        while (ve < n && ve - sepEnd < MAX_VALUE && valueChar(text.charAt(ve))) {
          ve++;
        }
        if (!spans.covers(sepEnd, ve) && machineMade(text, sepEnd, ve)) {
          spans.add(sepEnd, ve);
        }
      }
      i = text.indexOf(word, i + word.length());
    }
  }

  private static void pairs(String text, String open, String mid, String close, Spans spans) {
    int n = text.length();
    int i = text.indexOf(open);
    while (i >= 0) {
      int a = i + open.length();
      int m = a;
      int mLimit = Math.min(n - mid.length(), a + 81);
      while (m <= mLimit && !text.startsWith(mid, m)) {
        m++;
      }
      if (m > mLimit) {
        i = text.indexOf(open, a);
        continue;
      }
      if (m - a >= 2 && m - a <= 80 && Assignments.isNameChar(text.charAt(a))) {
        String name = text.substring(a, m);
        boolean plain = true;
        for (int k = 0; k < name.length() && plain; k++) {
          char c = name.charAt(k);
          plain = Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
        }
        int vs = m + mid.length();
        if (open.equals("<key>")) {
          // <key>NAME</key> then white space and <string>VALUE</string>
          int t = vs;
          while (t < n && Character.isWhitespace(text.charAt(t)) && t - vs < 40) {
            t++;
          }
          vs = text.startsWith("<string>", t) ? t + 8 : -1;
        }
        if (plain && vs >= 0 && secretName(name)) {
          int ve = vs;
          while (ve < n
              && ve - vs < 4096
              && text.charAt(ve) != '\n'
              && (close == null || !text.startsWith(close, ve))) {
            ve++;
          }
          while (ve > vs && Character.isWhitespace(text.charAt(ve - 1))) {
            ve--;
          }
          String v = text.substring(vs, ve);
          if (v.length() >= 8
              && !spans.covers(vs, ve)
              && v.indexOf(' ') < 0
              && ValueKinds.looksRandom(v)
              && !Masks.isPlaceholder(v)
              && !ValueKinds.clearlyNotSecret(v)) {
            spans.add(vs, ve);
          }
        }
      }
      i = text.indexOf(open, Math.max(m, a));
    }
  }

  private static boolean secretName(String name) {
    if (SecretNames.namesASecret(name)) {
      return true;
    }
    String lower = name.toLowerCase(Locale.ROOT).replace('-', '_');
    return lower.contains("private_key")
        || lower.contains("privatekey")
        || lower.endsWith("app_key")
        || lower.endsWith("routing_key")
        || lower.endsWith("auth_token")
        || lower.endsWith("api_key");
  }
}
