package dev.airflowmcp.runtime.redaction;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Secrets that are short codes or word lists, recognised by the purpose their name states rather
 * than by a secret word: recovery and backup codes, unlock, activation and license codes, PINs and
 * one-time passwords, wallet seed phrases. Three readers:
 *
 * <ul>
 *   <li><b>purpose names</b> ({@link #kind}): a name whose words say what the value unlocks ({@code
 *       backup_codes}, {@code unlock_code}, {@code license_blob}, {@code bootstrap_pin}, {@code
 *       sftp_passcode}, {@code seed_phrase}, {@code mnemonic}); the code-shaped pieces of its value
 *       ({@link #codeLike}: digits, grouped characters, random mixes; also each item of a list) are
 *       masked, never words, placeholders or paths;
 *   <li><b>codes blocks</b>: a line naming codes ({@code GitHub recovery codes for x:}) followed by
 *       lines of similar code-shaped tokens: each token is masked;
 *   <li><b>seed phrases</b>: twelve or more consecutive words of the BIP-0039 English list (a
 *       published standard list, shipped as data: {@code bip39-english.txt}) in a text that names a
 *       seed, mnemonic, wallet or recovery phrase; prose never strings twelve of them together (the
 *       list lacks {@code the}, {@code and}, {@code of}, {@code to}, {@code is}).
 * </ul>
 *
 * Woken by the keywords in {@link #KEYWORDS} (a rule of {@link Detectors}, so {@link
 * SecretPrefilter} lets such text through); every reader is bounded ({@link #MAX_VALUE}, {@link
 * #MAX_BLOCK_LINES}).
 */
final class Codes {
  private Codes() {}

  /** Longest value read after a purpose name. */
  static final int MAX_VALUE = 1024;

  /** Most lines read after a codes heading. */
  static final int MAX_BLOCK_LINES = 40;

  /** Fewest words of a seed phrase. */
  static final int PHRASE_WORDS = 12;

  /** Keywords that wake the readers up (matched ignoring case). */
  static final List<String> KEYWORDS =
      List.of(
          "recovery",
          "backup",
          "unlock",
          "activation",
          "licen",
          "passcode",
          "pincode",
          "_pin",
          "-pin",
          "pin_",
          "pin-",
          "pin=",
          "pin:",
          "pin\"",
          "pin'",
          " pin ",
          "otp",
          "mnemonic",
          "seed",
          "phrase",
          "wallet",
          "2fa",
          "mfa",
          "verification",
          "scratch",
          "one-time",
          "onetime",
          "one_time",
          "pairing",
          "enrol",
          "access_code",
          "access-code",
          "security_code",
          "auth_code",
          "codes");

  /** What a purpose name says its value is. */
  enum Kind {
    NONE,
    /** Codes, PINs, one-time passwords: the code-shaped pieces of the value. */
    CODE,
    /** A seed phrase or mnemonic: the whole value when it is a run of words. */
    PHRASE
  }

  /** Words that make a name say its value is a code by themselves. */
  private static final Set<String> CODE_WORDS =
      Set.of(
          "pin",
          "pins",
          "pincode",
          "passcode",
          "passcodes",
          "otp",
          "otps",
          "totp",
          "hotp",
          "unlock",
          "activation",
          "license",
          "licence",
          "licensing");

  /**
   * Nouns that, after a qualifier, make a name a code ({@code backup_codes}, {@code reset_key}).
   */
  private static final Set<String> CODE_NOUNS =
      Set.of("code", "codes", "key", "keys", "blob", "string", "pin", "secret", "token", "word");

  /** Qualifiers that, with a code noun, make a name a code. */
  private static final Set<String> QUALIFIERS =
      Set.of(
          "backup",
          "recovery",
          "access",
          "security",
          "auth",
          "verification",
          "verify",
          "mfa",
          "2fa",
          "tfa",
          "scratch",
          "onetime",
          "one",
          "reset",
          "pairing",
          "enrollment",
          "enrolment",
          "bootstrap",
          "setup",
          "admin",
          "master",
          "emergency",
          "sms",
          "login",
          "signin",
          "confirmation",
          "invite",
          "invitation",
          "product",
          "registration",
          "unlock",
          "activation",
          "license",
          "licence",
          "pass");

  /** Words of a name that make the whole name a phrase. */
  private static final Set<String> PHRASE_NOUNS =
      Set.of("phrase", "words", "mnemonic", "mnemonics");

  /** Qualifiers of a phrase noun. */
  private static final Set<String> PHRASE_QUALIFIERS =
      Set.of("seed", "recovery", "secret", "wallet", "backup", "mnemonic", "pass", "master");

  /** Last words that make a name metadata about a code, not the code. */
  private static final Set<String> METADATA =
      Set.of(
          "length",
          "len",
          "digits",
          "hint",
          "enabled",
          "disabled",
          "required",
          "expiry",
          "expires",
          "expiration",
          "ttl",
          "timeout",
          "attempts",
          "retries",
          "count",
          "policy",
          "type",
          "format",
          "issuer",
          "url",
          "uri",
          "path",
          "file",
          "dir",
          "name",
          "id",
          "ids",
          "sent",
          "status",
          "state",
          "verified",
          "method",
          "channel",
          "at",
          "time",
          "date",
          "interval",
          "period",
          "window",
          "size",
          "min",
          "max",
          "mode",
          "server",
          "host",
          "port",
          "bucket",
          "prefix",
          "schedule",
          "version",
          "algorithm",
          "alg",
          "used",
          "remaining",
          "left",
          "generated",
          "created",
          "updated",
          "valid",
          "label",
          "description",
          "email",
          "phone",
          "number",
          "user",
          "username",
          "owner",
          "table",
          "level");

  /** What a value under this name is, by the name's words; decided once per distinct name. */
  static Kind kind(String name) {
    return name == null || name.isEmpty() || name.length() > 80 ? Kind.NONE : KINDS.get(name);
  }

  private static final NameCache<Kind> KINDS = new NameCache<>(Codes::decide);

  private static Kind decide(String name) {
    List<String> words = SensitiveKeys.words(name);
    if (words.isEmpty() || METADATA.contains(words.get(words.size() - 1))) {
      return Kind.NONE;
    }
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (PHRASE_NOUNS.contains(w)
          && (w.startsWith("mnemonic")
              || (i > 0 && PHRASE_QUALIFIERS.contains(words.get(i - 1))))) {
        return Kind.PHRASE;
      }
    }
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (CODE_WORDS.contains(w)) {
        return Kind.CODE;
      }
      if (CODE_NOUNS.contains(w) && i > 0 && QUALIFIERS.contains(words.get(i - 1))) {
        return Kind.CODE;
      }
    }
    if (words.size() >= 2 && words.get(0).equals("one") && words.get(1).equals("time")) {
      return Kind.CODE; // one_time_password, one-time-code
    }
    return Kind.NONE;
  }

  /** Whether a structured string value under this name is a code or phrase to mask. */
  static boolean secretUnderName(String name, String value) {
    Kind k = kind(name);
    if (k == Kind.NONE || value == null || value.length() < 4 || value.length() > MAX_VALUE) {
      return false;
    }
    if (k == Kind.PHRASE) {
      return phrase(value, 0, value.length());
    }
    return anyCode(value, 0, value.length(), k);
  }

  /** False only when {@link #maskUnderName} is false for every value under {@code name}. */
  static boolean mayMaskUnderName(String name) {
    return kind(name) != Kind.NONE;
  }

  /**
   * Whether a structured value (string, number, or array of strings) under this name is a code to
   * mask; values an operator keeps stay.
   */
  static boolean maskUnderName(
      String name, tools.jackson.databind.JsonNode value, Set<String> keep) {
    if (kind(name) == Kind.NONE || value == null) {
      return false;
    }
    if (value.isString()) {
      return !keep.contains(value.asString()) && secretUnderName(name, value.asString());
    }
    if (value.isIntegralNumber()) {
      return numberUnderName(name, value.asString());
    }
    if (value.isArray() && !value.isEmpty() && value.size() <= 64) {
      for (tools.jackson.databind.JsonNode item : value) {
        if (!item.isString() || keep.contains(item.asString())) {
          return false;
        }
      }
      String joined =
          String.join(
              " ",
              java.util.stream.StreamSupport.stream(value.spliterator(), false)
                  .map(tools.jackson.databind.JsonNode::asString)
                  .toList());
      return secretUnderName(name, joined);
    }
    return false;
  }

  /**
   * Whether one item of a list under this name is a code: grouped ({@code vbwqk-dmrtz} among
   * others), code-shaped ({@link #codeLike}) or a seed phrase.
   */
  static boolean itemUnderName(String name, String item) {
    Kind k = kind(name);
    if (k == Kind.NONE || item.length() < 4 || item.length() > MAX_VALUE) {
      return false;
    }
    if (k == Kind.PHRASE) {
      return phrase(item, 0, item.length());
    }
    return groupShape(item, 0, item.length()) > 0 && !HarmlessShapes.placeholder(item)
        || codeLike(item, 0, item.length());
  }

  /** Whether a number under this name is a PIN or one-time code (4 to 12 digits). */
  static boolean numberUnderName(String name, String digits) {
    return kind(name) == Kind.CODE
        && digits.length() >= 4
        && digits.length() <= 12
        && digits.chars().allMatch(Character::isDigit);
  }

  /** Whether some piece of {@code s[from, to)} is code-shaped. */
  private static boolean anyCode(CharSequence s, int from, int to, Kind k) {
    boolean[] found = new boolean[1];
    pieces(s, from, to, (a, b) -> found[0] = true);
    return found[0] || phrase(s, from, to);
  }

  /** Receives a code-shaped piece. */
  private interface PieceSink {
    void piece(int start, int end);
  }

  /**
   * The pieces of a value, split at white space, {@code , ; [ ] ( ) " '}; each code-shaped one goes
   * to {@code sink}. Stops at a piece that holds {@code =} or {@code :} (the next name of a
   * listing). Pieces that share one grouped shape are all codes when half of them hold a digit
   * ({@code hgili-qnhbq} among {@code 2e3qf-ti3ir}).
   */
  private static void pieces(CharSequence s, int from, int to, PieceSink sink) {
    int i = from;
    int grouped = 0;
    int groupedWithDigit = 0;
    int firstShape = -1;
    boolean sameShape = true;
    int[] starts = new int[16];
    int[] ends = new int[16];
    int n = 0;
    while (i < to) {
      char c = s.charAt(i);
      if (separator(c)) {
        i++;
        continue;
      }
      int a = i;
      while (i < to && !separator(s.charAt(i))) {
        i++;
      }
      int b = i;
      if (has(s, a, b, '=') || (has(s, a, b, ':') && !allCodeChars(s, a, b))) {
        break;
      }
      while (b > a && (s.charAt(b - 1) == '.' || s.charAt(b - 1) == ':')) {
        b--;
      }
      int shape = groupShape(s, a, b);
      if (shape > 0) {
        grouped++;
        if (hasDigit(s, a, b)) {
          groupedWithDigit++;
        }
        if (firstShape < 0) {
          firstShape = shape;
        } else if (shape != firstShape) {
          sameShape = false;
        }
        if (n < starts.length) {
          starts[n] = a;
          ends[n++] = b;
        }
      } else if (codeLike(s, a, b)) {
        sink.piece(a, b);
      }
    }
    boolean listOfCodes = sameShape && grouped >= 2 && groupedWithDigit * 2 >= grouped;
    for (int k = 0; k < n; k++) {
      if (listOfCodes || codeLike(s, starts[k], ends[k])) {
        sink.piece(starts[k], ends[k]);
      }
    }
  }

  private static boolean separator(char c) {
    return c <= ' ' || c == ',' || c == ';' || c == '[' || c == ']' || c == '(' || c == ')'
        || c == '"' || c == '\'' || c == '`' || c == '{' || c == '}' || c == '|' || c == '&';
  }

  private static boolean has(CharSequence s, int a, int b, char c) {
    for (int i = a; i < b; i++) {
      if (s.charAt(i) == c) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasDigit(CharSequence s, int a, int b) {
    for (int i = a; i < b; i++) {
      if (s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        return true;
      }
    }
    return false;
  }

  private static boolean allCodeChars(CharSequence s, int a, int b) {
    for (int i = a; i < b; i++) {
      char c = s.charAt(i);
      if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '-'))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The shape of a grouped code ({@code 0875-0873}, {@code 3c964-lqywv}, {@code
   * OVGI9-91UVV-Q6ESP}): 2 to 8 groups of 3 to 8 letters and digits joined by {@code -}, as a
   * number (groups × 16 + length of the first group), or 0.
   */
  static int groupShape(CharSequence s, int a, int b) {
    int groups = 0;
    int run = 0;
    int first = 0;
    for (int i = a; i <= b; i++) {
      if (i == b || s.charAt(i) == '-') {
        if (run < 3 || run > 8) {
          return 0;
        }
        if (groups == 0) {
          first = run;
        }
        groups++;
        run = 0;
        continue;
      }
      char c = s.charAt(i);
      if (!(c < 128 && Character.isLetterOrDigit(c))) {
        return 0;
      }
      run++;
    }
    return groups >= 2 && groups <= 8 ? groups * 16 + first : 0;
  }

  /**
   * Whether {@code s[a, b)} is a code by its own shape: 4 to 12 digits (a PIN, a one-time code);
   * grouped characters with a digit ({@link #groupShape}); or 6 to 64 letters and digits mixed
   * ({@code zVFZZhkcvvulMDvs}), not a word, a placeholder, a path or a version.
   */
  static boolean codeLike(CharSequence s, int a, int b) {
    int len = b - a;
    if (len < 4 || len > 64) {
      return false;
    }
    int digits = 0;
    int upper = 0;
    int lower = 0;
    for (int i = a; i < b; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (c >= 'A' && c <= 'Z') {
        upper++;
      } else if (c >= 'a' && c <= 'z') {
        lower++;
      } else if (c != '-' && c != '_') {
        return false; // dots, slashes, colons: versions, paths, hosts
      }
    }
    boolean shaped;
    if (digits == len) {
      shaped = len <= 12;
    } else if (groupShape(s, a, b) > 0) {
      shaped = digits > 0;
    } else if (len < 6 || has(s, a, b, '_')) {
      shaped = false;
    } else if (upper > 0 && lower > 0) {
      // mixed case: random unless it reads as words (camelCase names)
      shaped = digits > 0 || Shapes.wordiness(s, a, b) * 2 < upper + lower;
    } else {
      // one case and digits, interleaved: 8346I, 4ooux
      shaped = digits >= 2 && upper + lower >= 2 && Shapes.wordiness(s, a, b) * 2 < upper + lower;
    }
    return shaped
        && !HarmlessShapes.placeholder(s, a, b)
        && !Masks.isPlaceholder(s.subSequence(a, b).toString());
  }

  /** The BIP-0039 English words, read on first use (not when the detectors are built). */
  private static final class Words {
    static final Set<String> BIP39 = load();
  }

  private static Set<String> load() {
    Set<String> words = new HashSet<>(4096);
    try (InputStream in = Codes.class.getResourceAsStream("bip39-english.txt")) {
      if (in == null) {
        throw new IllegalStateException("bip39-english.txt missing");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        String w = line.strip();
        if (!w.isEmpty()) {
          words.add(w);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Set.copyOf(words);
  }

  /** How many words the shipped list holds (2048). */
  static int wordListSize() {
    return Words.BIP39.size();
  }

  /** Whether {@code w} is a word of the BIP-0039 English list. */
  static boolean bip39(String w) {
    return Words.BIP39.contains(w);
  }

  /** Whether {@code s[from, to)} is one seed phrase: only its words, 12 or more, all listed. */
  static boolean phrase(CharSequence s, int from, int to) {
    int[] run = run(s, from, to, false);
    return run[2] >= PHRASE_WORDS
        && run[0] <= skip(s, from, to, true)
        && run[1] >= skip(s, from, to, false);
  }

  private static int skip(CharSequence s, int from, int to, boolean forward) {
    if (forward) {
      while (from < to && !Character.isLetter(s.charAt(from))) {
        from++;
      }
      return from;
    }
    while (to > from && !Character.isLetter(s.charAt(to - 1))) {
      to--;
    }
    return to;
  }

  /**
   * The longest run of listed words in {@code s[from, to)} separated by single spaces (or line
   * breaks), or with {@code first} the first one of {@link #PHRASE_WORDS} or more: {start, end,
   * words}. One pass.
   */
  private static int[] run(CharSequence s, int from, int to, boolean first) {
    int[] best = {0, 0, 0};
    int runStart = -1;
    int runEnd = -1;
    int words = 0;
    int i = from;
    while (i < to) {
      int a = i;
      while (i < to && s.charAt(i) >= 'a' && s.charAt(i) <= 'z' && i - a <= 8) {
        i++;
      }
      int b = i;
      boolean boundary = i >= to || !Character.isLetterOrDigit(s.charAt(i));
      boolean listed =
          b - a >= 3
              && b - a <= 8
              && boundary
              && (a == from || !Character.isLetterOrDigit(s.charAt(a - 1)))
              && Words.BIP39.contains(s.subSequence(a, b).toString());
      if (listed) {
        if (words == 0) {
          runStart = a;
        }
        words++;
        runEnd = b;
        if (words > best[2]) {
          best[0] = runStart;
          best[1] = runEnd;
          best[2] = words;
        }
        // the next word follows one space (or a line break, as wallets print them)
        if (i < to && (s.charAt(i) == ' ' || s.charAt(i) == '\n')) {
          i++;
          continue;
        }
      }
      if (first && best[2] >= PHRASE_WORDS) {
        return best;
      }
      words = 0;
      if (i == a) {
        i++; // a character that starts no word
      } else {
        while (i < to && Character.isLetterOrDigit(s.charAt(i))) {
          i++; // the rest of this word
        }
      }
    }
    return best;
  }

  /** Masks, in {@code text[from, to)}, the runs of twelve or more listed words; one pass. */
  static void phrases(String text, int from, int to, Spans spans) {
    int i = from;
    while (i < to) {
      int[] run = run(text, i, to, true);
      if (run[2] < PHRASE_WORDS) {
        return;
      }
      spans.add(run[0], run[1]);
      i = run[1];
    }
  }

  /** The state of one pass over one text: what was read already. */
  static final class Reader {
    private final String text;
    private final Spans spans;
    private int reach;
    private boolean phrasesDone;

    Reader(String text, Spans spans) {
      this.text = text;
      this.spans = spans;
    }

    /** A keyword at {@code [start, end)} on the line {@code [lineStart, lineEnd)}. */
    void at(int start, int end, int lineStart, int lineEnd) {
      if (!phrasesDone) {
        phrasesDone = true;
        phrases(text, 0, Math.min(text.length(), 64 * 1024), spans);
      }
      if (start < reach) {
        return;
      }
      int ns = start;
      while (ns > lineStart && ns > start - 80 && nameChar(text.charAt(ns - 1))) {
        ns--;
      }
      int ne = end;
      while (ne < lineEnd && ne < end + 80 && nameChar(text.charAt(ne))) {
        ne++;
      }
      while (ns < ne && !Character.isLetterOrDigit(text.charAt(ns))) {
        ns++;
      }
      while (ne > ns && !Character.isLetterOrDigit(text.charAt(ne - 1))) {
        ne--; // the keyword may end in its separator ("pin:", "pin=")
      }
      if (named(ns, ne, lineEnd)) {
        return;
      }
      heading(lineStart, lineEnd);
    }

    private static boolean nameChar(char c) {
      return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.');
    }

    /** {@code name = value}, {@code name: value}, {@code "name": "value"}: the value's codes. */
    private boolean named(int ns, int ne, int lineEnd) {
      if (ne - ns < 2) {
        return false;
      }
      // "verification code", "backup codes", "wallet seed phrase": a noun after a space joins
      ne = nounAfter(ne, lineEnd);
      int j = ne;
      while (j < lineEnd && (text.charAt(j) == '"' || text.charAt(j) == '\'')) {
        j++;
      }
      while (j < lineEnd && text.charAt(j) == ' ') {
        j++;
      }
      if (j >= lineEnd) {
        return false;
      }
      char sep = text.charAt(j);
      if (sep == '-' && j + 1 < lineEnd && text.charAt(j + 1) == '>') {
        j += 2;
      } else if (sep == '=' || sep == ':') {
        j++;
      } else if (j > ne && (word(j, lineEnd, "is ") || word(j, lineEnd, "are "))) {
        j += text.charAt(j) == 'i' ? 3 : 4; // "your PIN is 4821", "recovery codes are …"
      } else {
        return false;
      }
      Kind k = kind(text.substring(ns, ne)); // only a name with a separator after it is looked up
      if (k == Kind.NONE) {
        return false;
      }
      while (j < lineEnd && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
        j++;
      }
      if (j >= lineEnd) {
        return false;
      }
      int vs = j;
      int ve;
      char open = text.charAt(j);
      int limit = Math.min(lineEnd, j + 1 + MAX_VALUE);
      if (open == '"' || open == '\'') {
        ve = closing(open, j + 1, limit);
        vs = j + 1;
      } else if (open == '[') {
        ve = closing(']', j + 1, limit);
      } else {
        ve = limit;
      }
      reach = Math.max(reach, ve);
      if (k == Kind.PHRASE) {
        int[] run = run(text, vs, ve, false);
        if (run[2] >= PHRASE_WORDS) {
          spans.add(run[0], run[1]);
        }
        return true;
      }
      pieces(text, vs, ve, spans::add);
      return true;
    }

    /** Nouns that join the name before them across one space. */
    private static final String[] NOUNS = {"codes", "code", "pin", "phrase", "key", "words"};

    /** The end of a noun of {@link #NOUNS} after one space at {@code ne}, or {@code ne}. */
    private int nounAfter(int ne, int lineEnd) {
      if (ne + 1 >= lineEnd || text.charAt(ne) != ' ') {
        return ne;
      }
      for (String noun : NOUNS) {
        int e = ne + 1 + noun.length();
        if (e <= lineEnd
            && text.regionMatches(true, ne + 1, noun, 0, noun.length())
            && (e == lineEnd || !Character.isLetterOrDigit(text.charAt(e)))) {
          return e;
        }
      }
      return ne;
    }

    /** Whether {@code w} (lower case, ending in a space) starts at {@code j}. */
    private boolean word(int j, int lineEnd, String w) {
      return j + w.length() <= lineEnd && text.regionMatches(true, j, w, 0, w.length());
    }

    /** The first {@code c} in {@code [from, limit)}, or {@code limit}. */
    private int closing(char c, int from, int limit) {
      for (int i = from; i < limit; i++) {
        if (text.charAt(i) == c) {
          return i;
        }
      }
      return limit;
    }

    /** The start of the last line read as a heading (each line is read once). */
    private int lastHeading = -1;

    /**
     * A line that names codes ({@code recovery codes}, {@code backup codes:}), then lines of
     * similar code-shaped tokens, each with an optional bullet or number: every token is masked.
     */
    private void heading(int lineStart, int lineEnd) {
      if (lineStart == lastHeading) {
        return;
      }
      lastHeading = lineStart;
      if (!mentionsCodes(lineStart, lineEnd)) {
        return;
      }
      int shape = 0;
      int[] found = new int[2 * 64];
      int n = 0;
      int pos = lineEnd + 1;
      for (int line = 0; line < MAX_BLOCK_LINES && pos < text.length() && n < 64; line++) {
        int le = text.indexOf('\n', pos);
        if (le < 0) {
          le = text.length();
        }
        int i = pos;
        while (i < le && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
          i++;
        }
        // a bullet or a number: "- ", "* ", "1. ", "2) "
        int b = i;
        while (b < le && b < i + 3 && Character.isDigit(text.charAt(b))) {
          b++;
        }
        if (b > i && b < le && (text.charAt(b) == '.' || text.charAt(b) == ')')) {
          i = b + 1;
        } else if (i < le
            && "-*\u2022".indexOf(text.charAt(i)) >= 0
            && i + 1 < le
            && text.charAt(i + 1) == ' ') {
          i += 2;
        }
        int tokens = 0;
        boolean ok = true;
        while (i < le) {
          char c = text.charAt(i);
          if (c == ' ' || c == '\t' || c == '\r' || c == ',') {
            i++;
            continue;
          }
          int a = i;
          while (i < le && " \t\r,".indexOf(text.charAt(i)) < 0) {
            i++;
          }
          int sh = groupShape(text, a, i);
          boolean code = sh > 0 || codeLike(text, a, i);
          if (!code || (sh > 0 && shape > 0 && sh != shape)) {
            ok = false;
            break;
          }
          if (sh > 0) {
            shape = sh;
          }
          if (n < 64) {
            found[2 * n] = a;
            found[2 * n + 1] = i;
            n++;
          }
          if (++tokens > 4) {
            break;
          }
        }
        if (!ok || tokens == 0 || tokens > 4) {
          break;
        }
        pos = le + 1;
      }
      if (n >= 2) {
        for (int k = 0; k < n; k++) {
          spans.add(found[2 * k], found[2 * k + 1]);
        }
        reach = Math.max(reach, found[2 * n - 1]);
      }
    }

    /** Whether the line names codes: a word {@code codes} (or {@code code} before ':') in it. */
    private boolean mentionsCodes(int lineStart, int lineEnd) {
      int limit = Math.min(lineEnd, lineStart + 256);
      for (int i = lineStart; i + 4 <= limit; i++) {
        if (text.regionMatches(true, i, "code", 0, 4)
            && (i == lineStart || !Character.isLetter(text.charAt(i - 1)))) {
          int e = i + 4;
          if (e < limit && (text.charAt(e) == 's' || text.charAt(e) == 'S')) {
            return true;
          }
          while (e < limit && text.charAt(e) == ' ') {
            e++;
          }
          if (e < limit && text.charAt(e) == ':' && e == limit - 1) {
            return true;
          }
        }
      }
      return false;
    }
  }
}
