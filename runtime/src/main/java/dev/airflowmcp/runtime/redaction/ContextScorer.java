package dev.airflowmcp.runtime.redaction;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A tool-agnostic judge of single tokens, for secrets in formats no rule was written for. It reads
 * every token of a line (words between white space, split again at quotes) and asks two questions,
 * each about the token's <em>shape</em> and its <em>context</em>, never about the tool that wrote
 * it:
 *
 * <ol>
 *   <li><b>A generated password</b> ({@value #SHAPE}): 12 to 64 characters that mix upper and lower
 *       case, digits and at least one symbol no identifier, digest, path, host or version uses
 *       ({@code ! # $ % ^ & * ? ~ , ; ( ) [ ] { } < > |}), with few letters in words ({@link
 *       Shapes#passwordLike}). Such a token is masked wherever it stands — as the positional
 *       argument of any command, in a quoted literal, on the line after a prompt, in a notebook's
 *       output — because nothing harmless in Airflow's logs and API answers has that shape.
 *   <li><b>A machine-made value after a credential cue</b> ({@value #CUE}): a token of 10 or more
 *       characters that reads as generated (mixed case and digits, hex of 32 or more, base64 of 20
 *       or more) when one of the four words before it on the same line (within {@value #WINDOW}
 *       characters) is a credential word — {@code password}, {@code pass}, {@code pwd}, {@code
 *       psw}, {@code secret}, {@code token}, {@code key}, {@code auth}, {@code cred}, {@code psk},
 *       {@code passphrase}, {@code signer}, {@code salt}, {@code keytab}, … alone or as the end of
 *       a run-together name ({@code ddappkey}) — and no identifier word stands between them.
 * </ol>
 *
 * <p>The harmless side is explicit ({@link #harmlessShapes()}): the shapes {@link HarmlessShapes}
 * lists (declared digests, public ids, typed hex ids, placeholders), references and templates
 * ({@code ${…}}, {@code {{…}}}, {@code %(…)s}), URLs and paths, regular expressions with character
 * ranges, code calls ({@code name(…)}), URL-encoded text (left to the decoding scan), and for the
 * cue rule a nearer identifier word ({@code id}, {@code version}, {@code hash}, {@code digest},
 * {@code fingerprint}, {@code nonce}, {@code public}, {@code job}, {@code message}, {@code commit},
 * …) or a name {@link SecretNames#declines} (a pointer or metadata about a secret).
 *
 * <p>Cost: one pass over the characters; a token is looked at only when it is long enough, and a
 * cue is searched in at most {@value #WINDOW} characters before it, so the work is linear in the
 * text. {@link SecretPrefilter} lets a string through for the first rule (a run of 12 mixed
 * characters with a symbol); the second rule's values pass it as runs of token characters.
 */
final class ContextScorer {
  private ContextScorer() {}

  /** The family of masks made for a generated password's shape. */
  static final String SHAPE = "generated-password";

  /** The family of masks made for a machine-made value after a credential cue. */
  static final String CUE = "credential-cue";

  /** How far before a token its cue may stand (characters, same line). */
  static final int WINDOW = 48;

  /** How many words before a token are read for a cue. */
  private static final int CUE_WORDS = 4;

  /** Longest generated password masked by shape alone. */
  private static final int SHAPE_MAX = 64;

  /** Shortest value masked after a cue. */
  private static final int CUE_MIN = 10;

  /** Longest token looked at (a key file's base64 may be long). */
  private static final int TOKEN_MAX = 4096;

  /** Symbols of generated passwords that identifiers, digests, paths and hosts do not use. */
  private static final String PASSWORD_SYMBOLS = "!#$%^&*?~,;()[]{}<>|";

  /** Last parts of run-together names that say the value is a credential. */
  private static final List<String> CUE_ENDINGS =
      List.of(
          "password",
          "passwd",
          "passphrase",
          "pass",
          "pwd",
          "psw",
          "pw",
          "secret",
          "token",
          "apikey",
          "key",
          "creds",
          "cred",
          "psk",
          "signer",
          "salt",
          "keytab",
          "credential",
          "credentials");

  /** Calls whose string arguments include a password. */
  private static final Set<String> CONNECT_CALLS =
      Set.of(
          "connect",
          "connection",
          "getconnection",
          "login",
          "authenticate",
          "basicauth",
          "httpbasicauth",
          "networkcredential",
          "plaincredentials",
          "pdo",
          "httpdigestauth",
          "basic_auth",
          "set_password",
          "setpassword",
          "credentials");

  /** Whole words that are credential cues. */
  private static final Set<String> CUE_WORDS_SET =
      Set.of(
          "password",
          "passwd",
          "passphrase",
          "pass",
          "pwd",
          "psw",
          "pw",
          "secret",
          "secrets",
          "token",
          "tok",
          "key",
          "apikey",
          "auth",
          "authorization",
          "cred",
          "creds",
          "credential",
          "credentials",
          "psk",
          "signer",
          "signing",
          "sig",
          "salt",
          "hmac",
          "keytab",
          "login",
          "passcode",
          "pin",
          "private",
          "bearer");

  /** Words that say the value is an identifier, a digest or public: they stop the cue search. */
  private static final Set<String> ID_WORDS =
      Set.of(
          "id",
          "ids",
          "uuid",
          "guid",
          "version",
          "versions",
          "versionid",
          "hash",
          "digest",
          "sha",
          "sha1",
          "sha256",
          "sha512",
          "md5",
          "fingerprint",
          "fpr",
          "fp",
          "checksum",
          "etag",
          "crc",
          "nonce",
          "challenge",
          "public",
          "pub",
          "publickey",
          "kid",
          "tag",
          "commit",
          "trace",
          "span",
          "request",
          "req",
          "job",
          "run",
          "message",
          "msg",
          "sid",
          "account",
          "state",
          "cursor",
          "page",
          "file",
          "url",
          "uri",
          "path",
          "name",
          "hint",
          "type",
          "ref",
          "arn",
          "cache",
          "object",
          "suite",
          "node",
          "consumer",
          "delivery",
          "correlation",
          "build",
          "image",
          "revision",
          "rev",
          "serial",
          "thumbprint",
          "certificate",
          "cert",
          "ray",
          "placeholder",
          "length",
          "len",
          "count",
          "expires",
          "ttl",
          "rotation",
          "rotated",
          "instead",
          "stdin");

  /**
   * Words one of which a line needs before the cue rule can fire (the credential words, short
   * password flags, user words and login calls above, by their common parts): {@link
   * SecretPrefilter} asks {@link #mayCue} when a string holds a mixed run but nothing else let it
   * through.
   */
  private static final KeywordScanner CUES =
      new KeywordScanner(
          List.of(
              "pass",
              "pwd",
              "psw",
              "psk",
              "secret",
              "tok",
              "key",
              "auth",
              "cred",
              "login",
              "sig",
              "salt",
              "hmac",
              "connect",
              "using",
              "-p",
              "/p",
              "/rp",
              "user",
              "-pw",
              "echo",
              "pin",
              "bearer",
              "private",
              "signer",
              "pw",
              "pdo",
              "credential",
              "dsn"));

  /** Whether {@code s} holds a word the cue rule could start from (one automaton pass). */
  static boolean mayCue(CharSequence s) {
    return CUES.containsAny(s);
  }

  /** For tests and docs: the harmless side, by name. */
  static List<String> harmlessShapes() {
    return List.of(
        "declared digests, public ids, typed hex ids, placeholders (HarmlessShapes)",
        "references and templates: ${VAR}, $VAR, {{ … }}, %(name)s, %s",
        "URLs, paths and hosts (://, a leading / ~ .)",
        "regular expressions with character ranges ([A-Za-z0-9])",
        "code calls: name(…)",
        "URL-encoded text (%XX only: the decoding scan reads it)",
        "tokens with an identifier word nearer than the cue (id, version, hash, nonce, public …)",
        "names that are about a secret rather than one (SecretNames.declines)");
  }

  /** Adds the ranges of the tokens either rule masks in {@code s}. */
  static void find(String s, String name, Spans spans) {
    int n = s.length();
    int lineStart = 0;
    int cueLine = -1; // the line whose cue words were looked for, and the answer
    boolean cueOnLine = false;
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (c == '\n') {
        lineStart = i + 1;
        i++;
        continue;
      }
      if (separator(c)) {
        i++;
        continue;
      }
      int start = i;
      int classes = 0; // 1 upper, 2 lower, 4 digit, 8 a password symbol
      while (i < n && !separator(c = s.charAt(i)) && c != '\n') {
        if (c >= 'A' && c <= 'Z') {
          classes |= 1;
        } else if (c >= 'a' && c <= 'z') {
          classes |= 2;
        } else if (c >= '0' && c <= '9') {
          classes |= 4;
        } else if (PASSWORD_SYMBOLS.indexOf(c) >= 0) {
          classes |= 8;
        }
        i++;
      }
      int len = i - start;
      if (len < CUE_MIN || len > TOKEN_MAX) {
        continue;
      }
      // Cheap gates: rule 1 needs all four classes; rule 2 mixed case (or long hex) and a cue
      // word on the line, looked for once per line.
      boolean shape = len >= Shapes.PASSWORD_MIN && (classes & 15) == 15;
      boolean cue = (classes & 3) == 3 || (len >= 32 && (classes & 4) != 0);
      // The property name a JSON value sits under is not used: the name rules judge such values,
      // and SecretPrefilter, which sees the value alone, must see what this scan acts on.
      String outer = null;
      if (cue && outer == null) {
        if (cueLine != lineStart) {
          cueLine = lineStart;
          int lineEnd = s.indexOf('\n', i);
          cueOnLine = mayCue(s, lineStart, lineEnd < 0 ? n : lineEnd);
        }
        cue = cueOnLine;
      }
      if (shape || cue) {
        token(s, start, i, lineStart, outer, cue, spans);
      }
    }
  }

  /** Whether {@code s[from, to)} holds a cue word ({@link #CUES}). */
  private static boolean mayCue(String s, int from, int to) {
    boolean[] hit = new boolean[1];
    CUES.scan(s, from, to, (k, a, b) -> hit[0] = true);
    return hit[0];
  }

  private static boolean separator(char c) {
    return c <= ' ' || c == '"' || c == '\'' || c == '`';
  }

  /**
   * One token {@code s[a, b)} between separators. The rules are asked first and the vetoes (masked
   * already, PEM armour, a fill-in placeholder) only once a rule would mask a part of the token:
   * the rules add nothing themselves ({@link #judge} only answers), so the order does not change
   * what is masked, and most tokens never reach the vetoes.
   */
  private static void token(
      String s, int a, int b, int lineStart, String outer, boolean cue, Spans spans) {
    int ta = a;
    int tb = b;
    while (ta < tb && "([{<".indexOf(s.charAt(ta)) >= 0) {
      ta++;
    }
    while (tb > ta && ")]}>,;.:".indexOf(s.charAt(tb - 1)) >= 0) {
      tb--;
    }
    // name=value (also --flag=name=value): the value, with the name as the nearest cue word.
    int from = ta;
    boolean named = false;
    for (int level = 0; level < 3; level++) {
      int eq = nameEnd(s, from, tb);
      if (eq <= from) {
        break;
      }
      named = true;
      if (tb - eq - 1 < CUE_MIN) {
        break;
      }
      String family = judge(s, eq + 1, tb, lineStart, s.substring(from, eq), from, cue);
      if (family != null) {
        maskUnlessVetoed(s, a, b, eq + 1, tb, family, spans);
        return;
      }
      from = eq + 1;
    }
    // The whole token, then without the brackets and punctuation that close a sentence or a call;
    // a name=value token only by the password's shape (its name was judged above).
    String family = judge(s, a, b, lineStart, outer, a, cue && !named);
    if (family != null) {
      maskUnlessVetoed(s, a, b, a, b, family, spans);
      return;
    }
    if ((ta != a || tb != b) && tb - ta >= CUE_MIN) {
      family = judge(s, ta, tb, lineStart, null, ta, cue && !named);
      if (family != null) {
        maskUnlessVetoed(s, a, b, ta, tb, family, spans);
      }
    }
  }

  /** Masks {@code s[from, to)} unless the token {@code s[a, b)} it lies in is vetoed. */
  private static void maskUnlessVetoed(
      String s, int a, int b, int from, int to, String family, Spans spans) {
    if (maskedOrArmour(s, a, b) || HarmlessShapes.placeholder(s, a, b)) {
      return; // masked already, PEM armour, a fill-in placeholder (sk_live_<SECRET_KEY>)
    }
    spans.add(from, to, family);
  }

  /**
   * Whether {@code s[a, b)} holds {@code ***} or {@code -----}: one pass over the token (linear
   * overall), a comparison only where a '*' or '-' starts a long enough run.
   */
  private static boolean maskedOrArmour(String s, int a, int b) {
    for (int i = a; i + 3 <= b; i++) {
      char c = s.charAt(i);
      if (c == '*') {
        if (s.charAt(i + 1) == '*' && s.charAt(i + 2) == '*') {
          return true;
        }
      } else if (c == '-' && i + 5 <= b && s.startsWith("-----", i)) {
        return true;
      }
    }
    return false;
  }

  /** Where a leading {@code name=} ends (the index of {@code =}), or -1. */
  private static int nameEnd(String s, int a, int b) {
    int limit = Math.min(b, a + 64);
    int first = a < b && s.charAt(a) == '/' ? a + 1 : a; // /p:VALUE, a Windows switch
    for (int i = first; i < limit; i++) {
      char c = s.charAt(i);
      if (c == '=' || (c == ':' && i + 1 < b && s.charAt(i + 1) != '/')) {
        return i > first ? i : -1;
      }
      if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.')) {
        return -1;
      }
    }
    return -1;
  }

  /**
   * The family of the rule that masks {@code s[a, b)} ({@link #SHAPE}, {@link #CUE}), or null;
   * {@code name} is a name right before it.
   */
  private static String judge(
      String s, int a, int b, int lineStart, String name, int cueFrom, boolean byCue) {
    int len = b - a;
    boolean quoted =
        a > 0
            && b < s.length()
            && (s.charAt(a - 1) == '\'' || s.charAt(a - 1) == '"')
            && s.charAt(b) == s.charAt(a - 1);
    // Rule 1 (generatedPassword, spelled out), then rule 2; the shape and harmless verdicts rule 1
    // reached are handed to rule 2 (machineMade asks the same of the same range): -1 not asked.
    int passwordLike = -1;
    int harmless = -1;
    if (len <= SHAPE_MAX && len >= Shapes.PASSWORD_MIN) {
      passwordLike = Shapes.passwordLike(s, a, b) ? 1 : 0;
      if (passwordLike == 1 && passwordSymbols(s, a, b, quoted)) {
        harmless = harmless(s, a, b) ? 1 : 0;
        if (harmless == 0
            && !(name != null ? cueWord(name) < 0 : identityBefore(s, cueFrom, lineStart))) {
          return SHAPE;
        }
      }
    }
    if (byCue
        && machineMade(s, a, b, passwordLike, harmless)
        && cued(s, a, cueFrom, lineStart, name)) {
      return CUE;
    }
    return null;
  }

  /**
   * Whether the word right before {@code a} on its line is an identity word ({@code request_id:}).
   */
  private static boolean identityBefore(String s, int a, int lineStart) {
    int i = a;
    int floor = Math.max(lineStart, a - WINDOW);
    while (i > floor && !nameChar(s.charAt(i - 1))) {
      i--;
    }
    int end = i;
    while (i > floor && nameChar(s.charAt(i - 1))) {
      i--;
    }
    return end > i && cueWord(s.substring(i, end)) < 0;
  }

  /** Rule 1: a generated password by its shape alone (see the class comment). */
  static boolean generatedPassword(CharSequence s, int a, int b) {
    return generatedPassword(s, a, b, false);
  }

  /**
   * Rule 1; {@code quoted}: the token stands between a pair of quotes, so a symbol at its edge is
   * part of it, not the punctuation of a sentence.
   */
  static boolean generatedPassword(CharSequence s, int a, int b, boolean quoted) {
    return b - a >= Shapes.PASSWORD_MIN
        && Shapes.passwordLike(s, a, b)
        && passwordSymbols(s, a, b, quoted)
        && !harmless(s, a, b);
  }

  /**
   * Rule 1's symbol test on a password-like token: a password symbol inside it (or at its edge when
   * quoted), and not URL-encoded text alone.
   */
  private static boolean passwordSymbols(CharSequence s, int a, int b, boolean quoted) {
    int symbols = 0;
    int percents = 0;
    int encoded = 0;
    for (int i = a; i < b; i++) {
      char c = s.charAt(i);
      if (PASSWORD_SYMBOLS.indexOf(c) >= 0 && (quoted || (i > a && i < b - 1))) {
        symbols++; // inside: a comma or bracket around a word is punctuation of the sentence
      }
      if (c == '%') {
        percents++;
        if (i + 2 < b && hex(s.charAt(i + 1)) && hex(s.charAt(i + 2))) {
          encoded++;
        }
      }
    }
    // no password symbol; or URL-encoded text, which the decoding scan reads
    return !(symbols == 0 || (percents > 0 && encoded == percents && symbols == percents));
  }

  /** Rule 2's shape: a value that reads as machine-made. */
  static boolean machineMade(CharSequence s, int a, int b) {
    return machineMade(s, a, b, -1, -1);
  }

  /**
   * {@link #machineMade(CharSequence, int, int)} with {@link Shapes#passwordLike} and {@link
   * #harmless} of the same range already known (1 yes, 0 no) or not asked yet (-1).
   */
  private static boolean machineMade(CharSequence s, int a, int b, int passwordLike, int harmless) {
    int len = b - a;
    if (len < CUE_MIN || len > TOKEN_MAX) {
      return false;
    }
    char first = s.charAt(a);
    if ("/~.$<{%[(-".indexOf(first) >= 0) {
      return false; // paths, references, templates, flags
    }
    if (len >= 32 && Shapes.hexRun(s, a, len)) {
      return true; // hex of 16 bytes or more: a key, unless a nearer word says digest or id
    }
    // the shape first (cheap loops), then the harmless shapes it may still be
    boolean shaped =
        Assignments.generated(s, a, b)
            || (passwordLike >= 0 ? passwordLike == 1 : Shapes.passwordLike(s, a, b))
            || (len >= 12
                && base64Like(s, a, b)
                && !Tokens.encodedProse(s.subSequence(a, b).toString()));
    return shaped && !pathLike(s, a, b) && !(harmless >= 0 ? harmless == 1 : harmless(s, a, b));
  }

  /** A file name or path: a {@code .ext} ending, or a lower-case word between slashes. */
  private static boolean pathLike(CharSequence s, int a, int b) {
    int dot = -1;
    for (int i = b - 1; i > a && i >= b - 6; i--) {
      if (s.charAt(i) == '.') {
        dot = i;
        break;
      }
    }
    if (dot > a && dot < b - 1) {
      boolean ext = true;
      for (int i = dot + 1; i < b; i++) {
        char c = s.charAt(i);
        ext &= (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      }
      if (ext) {
        return true;
      }
    }
    int seg = a;
    for (int i = a; i <= b; i++) {
      if (i == b || s.charAt(i) == '/') {
        if (i < b || seg > a) {
          boolean lower = i - seg >= 4;
          for (int k = seg; k < i && lower; k++) {
            char c = s.charAt(k);
            lower = (c >= 'a' && c <= 'z') || c == '_' || c == '-';
          }
          if (lower && Shapes.wordiness(s, seg, i) > 0) {
            return true;
          }
        }
        seg = i + 1;
      }
    }
    return false;
  }

  private static boolean base64Like(CharSequence s, int a, int b) {
    int upper = 0;
    int lower = 0;
    int digit = 0;
    for (int i = a; i < b; i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        upper++;
      } else if (c >= 'a' && c <= 'z') {
        lower++;
      } else if (c >= '0' && c <= '9') {
        digit++;
      } else if (c != '+' && c != '/' && c != '=' && c != '_' && c != '-') {
        return false;
      }
    }
    if (upper == 0 || lower == 0 || digit == 0) {
      return false;
    }
    // Random text changes character class often; words and names change it rarely.
    int letters = upper + lower;
    int wordy = Shapes.wordiness(s, a, b);
    return transitions(s, a, b) * 4 >= b - a
        && (wordy * 2 < letters || (vowels(s, a, b) * 4 < letters && wordy * 4 < letters * 3));
  }

  /** Vowels among the letters: about a fifth in random text, two fifths in words. */
  private static int vowels(CharSequence s, int a, int b) {
    int n = 0;
    for (int i = a; i < b; i++) {
      if ("aeiouAEIOU".indexOf(s.charAt(i)) >= 0) {
        n++;
      }
    }
    return n;
  }

  /** How often the class (upper, lower, digit, other) changes from one character to the next. */
  private static int transitions(CharSequence s, int a, int b) {
    int n = 0;
    int prev = -1;
    for (int i = a; i < b; i++) {
      char c = s.charAt(i);
      int k = c >= 'A' && c <= 'Z' ? 0 : c >= 'a' && c <= 'z' ? 1 : c >= '0' && c <= '9' ? 2 : 3;
      if (prev >= 0 && k != prev) {
        n++;
      }
      prev = k;
    }
    return n;
  }

  /** The explicit harmless shapes (see {@link #harmlessShapes()}). */
  static boolean harmless(CharSequence s, int a, int b) {
    if (HarmlessShapes.harmless(s, a, b) || pairs(s, a, b) >= 2) {
      return true; // a digest, an id, a placeholder; a list of name=value pairs
    }
    for (int i = a; i < b; i++) {
      char c = s.charAt(i);
      char next = i + 1 < b ? s.charAt(i + 1) : 0;
      if (c == ':' && next == '/' && i + 2 < b && s.charAt(i + 2) == '/') {
        return true; // a URL
      }
      if ((c == '$' || c == '{' || c == '%') && (next == '{' || next == '(')) {
        return true; // ${VAR}, {{ … }}, %(name)s, $(command)
      }
      if (c == '(' && i > a && Character.isLetter(s.charAt(i - 1)) && wordBefore(s, a, i)) {
        return true; // name(…: a call in code
      }
      if (c == '&' && i + 2 < b && Character.isLetter(next) && indexOf(s, '=', i + 1, b) > 0) {
        return true; // a query string (…&name=…): its values are judged one by one
      }
      if (c == '[' && i + 4 < b && s.charAt(i + 2) == '-' && Character.isLetterOrDigit(next)) {
        return true; // [A-Z…]: a regular expression's range
      }
    }
    return false;
  }

  /** How many {@code name=} or {@code name:} (two letters or more) the token holds. */
  private static int pairs(CharSequence s, int a, int b) {
    int n = 0;
    int letters = 0;
    for (int i = a; i < b; i++) {
      char c = s.charAt(i);
      if ((c >= 'a' && c <= 'z') || c == '_') {
        letters++;
      } else if ((c == '=' || c == ':') && letters >= 2) {
        n++;
        letters = 0;
      } else {
        letters = 0;
      }
    }
    return n;
  }

  /** Whether a function name stands right before {@code i}: four letters, or a word of three. */
  private static boolean wordBefore(CharSequence s, int a, int i) {
    int k = i;
    while (k > a && (Character.isLetter(s.charAt(k - 1)) || s.charAt(k - 1) == '_')) {
      k--;
    }
    return i - k >= 4 || (i - k >= 3 && Shapes.wordiness(s, k, i) > 0);
  }

  private static int indexOf(CharSequence s, char c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }

  private static boolean hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /**
   * Rule 2's context: a credential word among the {@value #CUE_WORDS} words before {@code a} on its
   * line (within {@value #WINDOW} characters), with no identifier word nearer.
   */
  /** Words before a bare {@code key} that make it a lookup key, not a credential. */
  private static final Set<String> KEY_QUALIFIERS =
      Set.of(
          "cache",
          "idempotency",
          "partition",
          "sort",
          "primary",
          "foreign",
          "routing",
          "row",
          "lookup",
          "dedup",
          "dedupe",
          "dedupl",
          "object",
          "s3",
          "bucket",
          "shard",
          "group",
          "cluster",
          "join",
          "unique",
          "composite",
          "natural",
          "surrogate",
          "record",
          "map",
          "dict",
          "json",
          "redis",
          "storage",
          "blob",
          "upload",
          "xcom",
          "dag",
          "task",
          "table",
          "column",
          "field",
          "index",
          "sequence",
          "order",
          "gpg",
          "pgp",
          "ssh",
          "host",
          "known",
          "distribution",
          "sharding",
          "dedup_key",
          "range",
          "hash",
          "the",
          "this",
          "that",
          "by",
          "of",
          "for",
          "with",
          "pip",
          "build",
          "lock",
          "checkpoint",
          "state",
          "offset");

  static boolean cued(String s, int a, int cueFrom, int lineStart, String name) {
    if (name != null) {
      String n = name.startsWith("/") ? name.substring(1) : name;
      if (SHORT_PASSWORD_NAMES.contains(n)) {
        return true; // /p:VALUE, -pw=VALUE
      }
      if (NAMES_A_PERSON.contains(n.toLowerCase(Locale.ROOT))) {
        return false; // user=VALUE: the value is a name
      }
      int verdict = cueWord(name);
      if (verdict != 0) {
        return verdict > 0;
      }
    }
    if (insideLoginCall(s, a, lineStart)) {
      return true;
    }
    int floor = Math.max(lineStart, cueFrom - WINDOW);
    int i = cueFrom;
    int seen = name == null ? 0 : 1;
    String[] words = new String[CUE_WORDS];
    if (name != null) {
      words[0] = name;
    }
    while (i > floor && seen < CUE_WORDS) {
      // skip what is not a name character
      while (i > floor && !nameChar(s.charAt(i - 1))) {
        i--;
      }
      int end = i;
      while (i > floor && nameChar(s.charAt(i - 1))) {
        i--;
      }
      if (end == i) {
        break;
      }
      if (i == floor && floor > lineStart) {
        break; // a word cut by the window
      }
      String word = s.substring(i, end);
      if (seen == 0) {
        if (passwordFlag(s, i, word)) {
          return true; // -p VALUE, /rp VALUE: a short password flag of any command
        }
        if (NAMES_A_PERSON.contains(word.toLowerCase(Locale.ROOT))) {
          return false; // user VALUE, as VALUE: the value is a name
        }
      }
      words[seen++] = word;
      if (word.length() >= CUE_MIN && machineMade(word, 0, word.length())) {
        continue; // a random word is neither a cue nor an identifier word
      }
      if (seen == 2 && isEcho(words[0]) && commandOfSecret(word)) {
        return true; // --password-command 'echo VALUE': the command prints the password
      }
      int verdict = cueWord(word);
      if (verdict > 0 && word.equalsIgnoreCase("key")) {
        // a bare "key" only right before its value, and not a lookup key ("cache key")
        verdict = seen > 1 || lookupKey(s, i, floor) ? 0 : 1;
      }
      if (verdict < 0 && word.indexOf('.') > 0) {
        verdict = 0; // a host or module name (sql01.corp.example) says nothing about the value
      }
      if (verdict != 0) {
        return verdict > 0;
      }
    }
    // user NAME VALUE, user NAME using|with|identified by VALUE: the value after a user's name.
    return (seen >= 2 && userWord(words[1]))
        || (seen >= 3
            && CONNECTORS.contains(words[0].toLowerCase(Locale.ROOT))
            && userWord(words[2]));
  }

  private static boolean isEcho(String w) {
    return w.equals("echo") || w.equals("printf");
  }

  /**
   * A name for a command that yields a secret ({@code password_cmd}, {@code --password-command}).
   */
  private static boolean commandOfSecret(String word) {
    List<String> parts = SensitiveKeys.words(word.replace('.', '_'));
    boolean secret = false;
    boolean command = false;
    for (String w : parts) {
      secret |=
          w.equals("password")
              || w.equals("passwd")
              || w.equals("pass")
              || w.equals("secret")
              || w.equals("token")
              || w.equals("passphrase")
              || w.equals("pwd");
      command |= w.equals("cmd") || w.equals("command");
    }
    return secret && command;
  }

  /**
   * Whether {@code s[a…]} is a later argument of a call that logs in ({@code connect('host',
   * 'user', VALUE)}, {@code getConnection(url, "user", VALUE)}, {@code login('user', VALUE)}): the
   * unclosed {@code (} before it on its line, within {@value #CALL_WINDOW} characters, follows one
   * of {@link #CONNECT_CALLS}, and a comma stands between.
   */
  private static boolean insideLoginCall(String s, int a, int lineStart) {
    int p = a - 1;
    while (p >= lineStart && (s.charAt(p) == '\'' || s.charAt(p) == '"' || s.charAt(p) == ' ')) {
      p--;
    }
    if (p < lineStart || s.charAt(p) != ',') {
      return false; // a positional argument after the first: name=VALUE is judged by its name
    }
    int floor = Math.max(lineStart, a - CALL_WINDOW);
    int depth = 0;
    boolean comma = false;
    for (int i = a - 1; i >= floor; i--) {
      char c = s.charAt(i);
      if (c == ')') {
        depth++;
      } else if (c == '(') {
        if (depth > 0) {
          depth--;
          continue;
        }
        int e = i;
        int k = e;
        while (k > floor
            && (Character.isLetterOrDigit(s.charAt(k - 1)) || s.charAt(k - 1) == '_')) {
          k--;
        }
        return comma && k < e && CONNECT_CALLS.contains(s.substring(k, e).toLowerCase(Locale.ROOT));
      } else if (c == ',' && depth == 0) {
        comma = true;
      }
    }
    return false;
  }

  /** How far back the opening parenthesis of a login call may stand. */
  private static final int CALL_WINDOW = 120;

  /** Names of short password switches ({@code /p:VALUE}, {@code -pw=VALUE}). */
  private static final Set<String> SHORT_PASSWORD_NAMES =
      Set.of("p", "P", "pw", "pwd", "pass", "passwd", "rp", "-p", "-pw", "-pwd", "-pass", "--pw");

  /** Words that, right before a value, say it names someone or something. */
  private static final Set<String> NAMES_A_PERSON =
      Set.of(
          "user",
          "username",
          "usr",
          "uid",
          "owner",
          "principal",
          "as",
          "by",
          "for",
          "from",
          "role",
          "group",
          "schema",
          "database",
          "db",
          "host",
          "server",
          "table",
          "dag",
          "task",
          "-u",
          "-U",
          "--user",
          "--username",
          "-n",
          "--login",
          "user_name",
          "account");

  /** Words between a user's name and the password in positional forms. */
  private static final Set<String> CONNECTORS = Set.of("using", "with", "by", "identified");

  private static boolean userWord(String w) {
    String l = w.toLowerCase(Locale.ROOT);
    return l.equals("user")
        || l.equals("-u")
        || l.equals("--user")
        || l.equals("username")
        || l.equals("--username")
        || l.equals("login")
        || l.equals("-l");
  }

  /** Short password flags: {@code -p}, {@code -P}, {@code -pw}, {@code /p}, {@code /rp}, … */
  private static boolean passwordFlag(String s, int i, String word) {
    String w = word;
    if (i > 0 && s.charAt(i - 1) == '/' && (i == 1 || s.charAt(i - 2) == ' ')) {
      w = "/" + word;
    }
    return switch (w) {
      case "-p",
          "-P",
          "-pw",
          "-pwd",
          "-pass",
          "-passwd",
          "-rp",
          "/p",
          "/P",
          "/rp",
          "/pass",
          "/pwd",
          "/pw" ->
          true;
      default -> false;
    };
  }

  /** Whether the word before a bare {@code key} ending at {@code end} makes it a lookup key. */
  private static boolean lookupKey(String s, int end, int floor) {
    int i = end;
    while (i > floor
        && (s.charAt(i - 1) == ' ' || s.charAt(i - 1) == '-' || s.charAt(i - 1) == '_')) {
      i--;
    }
    int e = i;
    while (i > floor && Character.isLetterOrDigit(s.charAt(i - 1))) {
      i--;
    }
    if (e == i) {
      return false;
    }
    String w = s.substring(i, e).toLowerCase(Locale.ROOT);
    return KEY_QUALIFIERS.contains(w) || ID_WORDS.contains(w);
  }

  private static boolean nameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
  }

  /** +1 when {@code word} is a credential cue, -1 when it is an identifier word, else 0. */
  static int cueWord(String word) {
    return CUE_VERDICT.get(word);
  }

  private static final NameCache<Integer> CUE_VERDICT = new NameCache<>(ContextScorer::decide);

  private static int decide(String word) {
    if (word.length() > 64) {
      return 0;
    }
    List<String> words = SensitiveKeys.words(word.replace('.', '_'));
    if (words.isEmpty()) {
      return 0;
    }
    String lastWord = words.get(words.size() - 1);
    if (words.contains("public") || words.contains("pub") || ID_WORDS.contains(lastWord)) {
      return -1; // public_key, key_id, token_hash: about a secret, or no secret at all
    }
    if (!CUE_WORDS_SET.contains(lastWord)) {
      for (String w : words) {
        if (ID_WORDS.contains(w)) {
          return -1; // file_token_path, version_list
        }
      }
    }
    if (SecretNames.declines(word)) {
      return -1;
    }
    String lowerWord = word.toLowerCase(Locale.ROOT);
    int dot = lowerWord.lastIndexOf('.');
    String callee = dot >= 0 ? lowerWord.substring(dot + 1) : lowerWord;
    if (CONNECT_CALLS.contains(callee)) {
      return 1; // connect('host', 'user', VALUE): a call that logs in
    }
    for (String w : words) {
      if (CUE_WORDS_SET.contains(w)) {
        return 1;
      }
    }
    String last = words.get(words.size() - 1).toLowerCase(Locale.ROOT);
    for (String e : CUE_ENDINGS) {
      if (last.endsWith(e) && last.length() > e.length() && !last.endsWith("monkey")) {
        return 1;
      }
    }
    if (SecretNames.classify(word) == SecretNames.Strength.STRONG) {
      return 1;
    }
    return 0;
  }
}
