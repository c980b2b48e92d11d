package dev.airflowmcp.runtime.redaction;

import java.util.Locale;
import java.util.Set;

/**
 * Values that look random, or sit where a secret would, but are public by what they declare. Each
 * rule reads a declaration the value carries itself, so it holds for formats nobody listed:
 *
 * <ul>
 *   <li><b>declared digests</b>: an algorithm label ({@code sha512-}, {@code sha256:}, go.sum's
 *       {@code h1:}) followed by exactly that algorithm's digest length in hex or base64 (npm/yarn
 *       {@code integrity}, pip {@code --hash}, Docker digests, Subresource Integrity);
 *   <li><b>public identifiers</b>: a first word that names a thing rather than a credential ({@code
 *       job_…}, {@code spark-…}, {@code request-…}), and the object ids and publishable keys of
 *       payment APIs that are public by design ({@code ch_…}, {@code pi_…}, {@code pk_live_…};
 *       never a {@code …_secret_…});
 *   <li><b>placeholders</b>: filler ({@code ghp_xxxx…}, {@code AKIAXXXX…}, {@code ****}), an
 *       angle-bracket slot ({@code sk_test_<YOUR_KEY>}), the words of an instruction ({@code
 *       xoxb-your-bot-token-here}, {@code changeme}), and documented example credentials (AWS's
 *       {@code …EXAMPLE} and {@code …EXAMPLEKEY} convention);
 *   <li><b>public files</b>: base64 whose bytes start with an image, PDF or font signature.
 * </ul>
 *
 * All checks are linear in the value and allocate nothing but the label they look up.
 */
final class HarmlessShapes {
  private HarmlessShapes() {}

  /** Longest value these rules look at. */
  static final int MAX = 4096;

  /** Digest algorithms by label, with their digest length in bytes. */
  private static int digestBytes(String label) {
    return switch (label) {
      case "md5" -> 16;
      case "sha1" -> 20;
      case "sha224", "sha512_224", "sha3_224" -> 28;
      case "sha256", "h1", "sha512_256", "sha3_256", "blake2s", "blake2s256", "blake3" -> 32;
      case "sha384", "sha3_384" -> 48;
      case "sha512", "sha3_512", "blake2b", "blake2b512" -> 64;
      default -> -1;
    };
  }

  /**
   * Whether {@code s[from, to)} is a declared digest: {@code label} {@code -} or {@code :} then a
   * body of exactly the label's digest length (hex, or base64 with or without padding).
   */
  static boolean digest(CharSequence s, int from, int to) {
    int limit = Math.min(to, from + 12);
    for (int i = from + 2; i < limit; i++) {
      char c = s.charAt(i);
      if (c == '-' || c == ':') {
        String label = s.subSequence(from, i).toString().toLowerCase(Locale.ROOT).replace('-', '_');
        int bytes = digestBytes(label);
        if (bytes < 0 && i + 4 < to && c == '-' && Character.isDigit(s.charAt(i + 1))) {
          continue; // sha3-256-…: the label goes on
        }
        return bytes > 0 && digestBody(s, i + 1, to, bytes);
      }
      if (!Character.isLetterOrDigit(c) && c != '_') {
        return false;
      }
    }
    return false;
  }

  /**
   * Whether the digest label and its ':' stand right before {@code from} ({@code h1:}, {@code
   * sha256:}) and {@code s[from, to)} has the label's digest length.
   */
  static boolean digestAfterLabel(CharSequence s, int from, int to) {
    if (from < 3 || s.charAt(from - 1) != ':') {
      return false;
    }
    int a = from - 1;
    while (a > 0
        && a > from - 13
        && (Character.isLetterOrDigit(s.charAt(a - 1)) || s.charAt(a - 1) == '-')) {
      a--;
    }
    if (a == from - 1) {
      return false;
    }
    String label = s.subSequence(a, from - 1).toString().toLowerCase(Locale.ROOT).replace('-', '_');
    int bytes = digestBytes(label);
    return bytes > 0 && digestBody(s, from, to, bytes);
  }

  private static boolean digestBody(CharSequence s, int from, int to, int bytes) {
    int len = to - from;
    if (len == bytes * 2 && Shapes.hexRun(s, from, len)) {
      return true;
    }
    int padded = (bytes + 2) / 3 * 4;
    int unpadded = (bytes * 4 + 2) / 3;
    int end = to;
    while (end > from && s.charAt(end - 1) == '=') {
      end--;
    }
    if (!(len == padded || (end == to && len == unpadded)) || end - from != unpadded) {
      return false;
    }
    for (int i = from; i < end; i++) {
      char c = s.charAt(i);
      if (!(Character.isLetterOrDigit(c) && c < 128)
          && c != '+'
          && c != '/'
          && c != '-'
          && c != '_') {
        return false;
      }
    }
    return true;
  }

  /**
   * Object ids and publishable keys that payment APIs print in receipts, URLs and browsers: public
   * by design (Stripe's {@code ch_}, {@code pi_}, {@code cus_}, …, {@code pk_live_}). A client
   * secret ({@code pi_…_secret_…}) is not one of them.
   */
  private static final Set<String> PUBLIC_ID_PREFIXES =
      Set.of(
          "ch", "pi", "cus", "pm", "py", "in", "ii", "il", "sub", "si", "txn", "re", "po", "acct",
          "prod", "price", "seti", "src", "card", "ba", "tr", "pyr", "pk", "cs", "plink", "ipi",
          "du", "dp", "ic", "inv", "cn", "ca", "mbur", "bpc");

  /** Whether {@code s[from, to)} is an identifier by its first word (see the class comment). */
  static boolean publicId(CharSequence s, int from, int to) {
    int i = from;
    int limit = Math.min(to, from + 16);
    while (i < limit && Character.isLetter(s.charAt(i)) && s.charAt(i) < 128) {
      i++;
    }
    if (i == from || i >= limit || i + 4 > to) {
      return false;
    }
    char sep = s.charAt(i);
    if (sep != '_' && sep != '-') {
      return false;
    }
    String word = s.subSequence(from, i).toString().toLowerCase(Locale.ROOT);
    if (Shapes.ID_NOUNS.contains(word)) {
      return body(s, i + 1, to, true);
    }
    if (sep != '_' || !PUBLIC_ID_PREFIXES.contains(word)) {
      return false;
    }
    int b = i + 1;
    if (word.equals("pk") || word.equals("cs")) {
      // pk_live_…, pk_test_…, cs_test_…: the mode word follows
      if (regionIs(s, b, to, "live_") || regionIs(s, b, to, "test_")) {
        b += 5;
      } else {
        return false;
      }
    }
    if (contains(s, b, to, "_secret_") || contains(s, b, to, "secret")) {
      return false;
    }
    // Stripe's publishable keys run to about 100 characters; object ids are shorter.
    return to - b >= 8 && to - b <= (word.equals("pk") ? 128 : 64) && body(s, b, to, false);
  }

  /** Letters and digits (with {@code -}, {@code _}, {@code .} when {@code separators}) only. */
  private static boolean body(CharSequence s, int from, int to, boolean separators) {
    if (to - from < 1 || to - from > 128) {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || (separators && (c == '-' || c == '_' || c == '.'));
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean regionIs(CharSequence s, int from, int to, String word) {
    if (to - from < word.length()) {
      return false;
    }
    for (int k = 0; k < word.length(); k++) {
      if (Character.toLowerCase(s.charAt(from + k)) != word.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static boolean contains(CharSequence s, int from, int to, String word) {
    for (int i = from; i + word.length() <= to; i++) {
      if (regionIs(s, i, to, word)) {
        return true;
      }
    }
    return false;
  }

  /** Words that, as a whole word of a value, make it an instruction to fill in, not a secret. */
  private static final Set<String> INSTRUCTION_WORDS =
      Set.of(
          "your",
          "yours",
          "here",
          "changeme",
          "changeit",
          "replace",
          "replaceme",
          "insert",
          "placeholder",
          "example",
          "dummy",
          "fake",
          "sample",
          "todo",
          "fixme",
          "redacted",
          "lorem",
          "ipsum");

  /** Whether {@code v} is a placeholder by the rules in the class comment. */
  static boolean placeholder(CharSequence v) {
    return placeholder(v, 0, v.length());
  }

  /** {@link #placeholder(CharSequence)} on {@code s[from, to)}. */
  static boolean placeholder(CharSequence s, int from, int to) {
    int len = to - from;
    if (len < 3 || len > MAX) {
      return false;
    }
    return documentedExample(s, from, to)
        || windowsVariable(s, from, to)
        || filler(s, from, to)
        || angleSlot(s, from, to)
        || instruction(s, from, to);
  }

  /** {@code %GITHUB_TOKEN%}: a Windows environment variable, named, not given. */
  private static boolean windowsVariable(CharSequence s, int from, int to) {
    if (to - from < 4 || s.charAt(from) != '%' || s.charAt(to - 1) != '%') {
      return false;
    }
    for (int i = from + 1; i < to - 1; i++) {
      char c = s.charAt(i);
      if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
        return false;
      }
    }
    return true;
  }

  /**
   * AWS documents its example credentials with {@code EXAMPLE} at the end ({@code
   * AKIAIOSFODNN7EXAMPLE}, {@code wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY}); other vendors copy
   * the convention.
   */
  private static boolean documentedExample(CharSequence s, int from, int to) {
    return to - from >= 16
        && (endsWith(s, from, to, "EXAMPLE")
            || endsWith(s, from, to, "EXAMPLEKEY")
            || endsWith(s, from, to, JWT_IO_SIGNATURE));
  }

  /**
   * The signature of jwt.io's published sample token (HS256 under the documented key {@code
   * your-256-bit-secret}), which tutorials and READMEs paste as an example of a JWT.
   */
  static final String JWT_IO_SIGNATURE = ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

  private static boolean endsWith(CharSequence s, int from, int to, String suffix) {
    int n = suffix.length();
    if (to - from < n) {
      return false;
    }
    for (int k = n - 1; k >= 0; k--) { // from the end: most values differ in the last character
      if (s.charAt(to - n + k) != suffix.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Filler: at least 6 of {@code x X * . # ? •} making up 60% of the value, or the whole value
   * after a vendor prefix ({@code ghp_xxxxxxxx}, {@code AKIAXXXXXXXXXXXXXXXX}, {@code
   * xoxb-xxxx-xxxx}).
   */
  private static boolean filler(CharSequence s, int from, int to) {
    int fill = 0;
    int other = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == 'x' || c == 'X' || c == '*' || c == '.' || c == '#' || c == '?' || c == '\u2022') {
        fill++;
      } else if (c != '-' && c != '_') {
        other++;
      }
    }
    return fill >= 6 && fill * 10 >= (fill + other) * 6;
  }

  /** {@code <YOUR_KEY>}, {@code <token>} inside the value: a slot to fill in. */
  private static boolean angleSlot(CharSequence s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) != '<') {
        continue;
      }
      int letters = 0;
      int j = i + 1;
      int limit = Math.min(to, i + 48);
      while (j < limit) {
        char c = s.charAt(j);
        if (Character.isLetter(c)) {
          letters++;
        } else if (!(Character.isDigit(c) || c == '_' || c == '-' || c == ' ' || c == '.')) {
          break;
        }
        j++;
      }
      if (j < limit && s.charAt(j) == '>' && letters >= 3) {
        return true;
      }
      i = j - 1;
    }
    return false;
  }

  /**
   * The words of an instruction: a whole word (split at case changes and punctuation) such as
   * {@code your}, {@code here}, {@code changeme}, with at most two digits in the value (a random
   * token has more) and no URL or address ({@code chat.example.org/hooks/<secret>}).
   */
  private static boolean instruction(CharSequence s, int from, int to) {
    int digits = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < 128 ? c >= '0' && c <= '9' : Character.isDigit(c)) {
        digits++;
      } else if (c == '/' || c == '@' || c == '%') {
        return false; // a URL or an address: example.org hosts still carry secrets in paths
      }
    }
    if (digits > 2) {
      return false;
    }
    int i = from;
    while (i < to) {
      char c = s.charAt(i);
      if (!letter(c)) {
        i++;
        continue;
      }
      int w = i;
      boolean upperRun = upper(c);
      i++;
      while (i < to && letter(s.charAt(i))) {
        char d = s.charAt(i);
        boolean up = upper(d);
        if (up && !upperRun) {
          break; // camelCase: a new word
        }
        if (upperRun && i - w > 1 && lower(d)) {
          i--; // "APIKeyHere": the capital before the lower case starts the next word
          break;
        }
        upperRun &= up;
        i++;
      }
      if (i - w >= 4 && i - w <= 11 && instructionWord(s, w, i)) {
        return true;
      }
      if (i == w) {
        i++;
      }
    }
    return false;
  }

  /** {@link Character#isLetter}, ASCII answered without the lookup. */
  private static boolean letter(char c) {
    return c < 128 ? (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') : Character.isLetter(c);
  }

  /** {@link Character#isUpperCase}, ASCII answered without the lookup. */
  private static boolean upper(char c) {
    return c < 128 ? c >= 'A' && c <= 'Z' : Character.isUpperCase(c);
  }

  /** {@link Character#isLowerCase}, ASCII answered without the lookup. */
  private static boolean lower(char c) {
    return c < 128 ? c >= 'a' && c <= 'z' : Character.isLowerCase(c);
  }

  /**
   * The hash codes of {@link #INSTRUCTION_WORDS}, sorted: a word whose lower-case form hashes to
   * none of them is not in the set, found without making the lower-case copy.
   */
  private static final int[] INSTRUCTION_HASHES =
      INSTRUCTION_WORDS.stream().mapToInt(String::hashCode).sorted().toArray();

  /** Whether {@code s[w, i)} in lower case is one of {@link #INSTRUCTION_WORDS}. */
  private static boolean instructionWord(CharSequence s, int w, int i) {
    int h = 0;
    for (int k = w; k < i; k++) {
      char c = s.charAt(k);
      if (c >= 128) {
        h = 0; // lower-casing outside ASCII may change the length: the exact way below
        break;
      }
      h = 31 * h + (c >= 'A' && c <= 'Z' ? c + 32 : c);
      if (k == i - 1 && java.util.Arrays.binarySearch(INSTRUCTION_HASHES, h) < 0) {
        return false;
      }
    }
    return INSTRUCTION_WORDS.contains(s.subSequence(w, i).toString().toLowerCase(Locale.ROOT));
  }

  /**
   * Whether decoded bytes start with the signature of a public file format: PNG, JPEG, GIF, PDF,
   * WebP, TIFF, WOFF fonts, ISO media ({@code ftyp}).
   */
  static boolean publicFile(byte[] raw) {
    if (raw.length < 8) {
      return false;
    }
    int b0 = raw[0] & 0xff;
    int b1 = raw[1] & 0xff;
    int b2 = raw[2] & 0xff;
    int b3 = raw[3] & 0xff;
    if (b0 == 0x89 && b1 == 'P' && b2 == 'N' && b3 == 'G') {
      return true;
    }
    if (b0 == 0xff && b1 == 0xd8 && b2 == 0xff) {
      return true;
    }
    if (b0 == 'G' && b1 == 'I' && b2 == 'F' && b3 == '8') {
      return true;
    }
    if (b0 == '%' && b1 == 'P' && b2 == 'D' && b3 == 'F') {
      return true;
    }
    if (b0 == 'R' && b1 == 'I' && b2 == 'F' && b3 == 'F' && raw.length >= 12) {
      return raw[8] == 'W' && raw[9] == 'E' && raw[10] == 'B' && raw[11] == 'P';
    }
    if ((b0 == 'I' && b1 == 'I' && b2 == '*' && b3 == 0)
        || (b0 == 'M' && b1 == 'M' && b2 == 0 && b3 == '*')) {
      return true;
    }
    if (b0 == 'w' && b1 == 'O' && b2 == 'F' && (b3 == 'F' || b3 == '2')) {
      return true;
    }
    return raw[4] == 'f' && raw[5] == 't' && raw[6] == 'y' && raw[7] == 'p';
  }

  /**
   * Whether the token {@code s[from, to)} is harmless by one of the rules above (digest,
   * identifier, placeholder).
   */
  static boolean harmless(CharSequence s, int from, int to) {
    if (to - from > MAX) {
      return false;
    }
    return digest(s, from, to)
        || digestAfterLabel(s, from, to)
        || publicId(s, from, to)
        || locatedId(s, from, to)
        || typedHexId(s, from, to)
        || graphNodeId(s, from, to)
        || placeholder(s, from, to);
  }

  /**
   * An identifier made of a type tag of one to four capitals and lower-case hex of 24 or more
   * ({@code SM80d75b…}, {@code CA66f1e1…}: Twilio's message, call and account SIDs): the random
   * part is hex, a digest or id in free text; only the tag mixes the case. A tag with a {@code K}
   * ({@code SK…}, an API key's SID) is left to the other rules.
   */
  static boolean typedHexId(CharSequence s, int from, int to) {
    int i = from;
    while (i < to && i < from + 5 && s.charAt(i) >= 'A' && s.charAt(i) <= 'Z') {
      i++;
    }
    if (i == from || i - from > 4 || to - i < 24 || to - i > 64) {
      return false;
    }
    for (int k = from; k < i; k++) {
      if (s.charAt(k) == 'K') {
        return false; // SK…, AK…: a key's id, printed where its secret is
      }
    }
    boolean digit = false;
    boolean letter = false;
    for (int k = i; k < to; k++) {
      char c = s.charAt(k);
      if (c >= '0' && c <= '9') {
        digit = true;
      } else if (c >= 'a' && c <= 'f') {
        letter = true;
      } else {
        return false;
      }
    }
    return digit && letter;
  }

  /**
   * A GraphQL global node id as GitHub prints them: base64 of {@code <digits>:<Type>…} ({@code
   * MDQ6VXNl…} is {@code 04:User…}, {@code MDEwOlJlcG9zaXRvcnk…} {@code 010:Repository…}): the id
   * says what it is once decoded.
   */
  static boolean graphNodeId(CharSequence s, int from, int to) {
    if (to - from < 12 || to - from > 128 || s.charAt(from) != 'M') {
      return false;
    }
    byte[] head;
    try {
      head = java.util.Base64.getDecoder().decode(s.subSequence(from, from + 12).toString());
    } catch (IllegalArgumentException e) {
      return false;
    }
    int i = 0;
    while (i < head.length && i < 3 && head[i] >= '0' && head[i] <= '9') {
      i++;
    }
    return i >= 2
        && i + 3 < head.length
        && head[i] == ':'
        && head[i + 1] >= 'A'
        && head[i + 1] <= 'Z'
        && head[i + 2] >= 'a'
        && head[i + 2] <= 'z';
  }

  /**
   * Whether {@code s[a, b)} names a place where a request or job ran: a data-centre code of three
   * capitals ({@code FRA}, Cloudflare's and Fastly's airport codes), a multi-region of two ({@code
   * EU}, {@code US}), an edge region of three letters and a digit ({@code fra1}, {@code iad1}), or
   * a cloud region ({@code us-central1}, {@code europe-west3}, {@code eu-west-1}, {@code
   * us-gov-west-1}).
   */
  static boolean location(CharSequence s, int a, int b) {
    int len = b - a;
    if (len < 2 || len > 32) {
      return false;
    }
    if (len <= 3) {
      for (int i = a; i < b; i++) {
        if (s.charAt(i) < 'A' || s.charAt(i) > 'Z') {
          return false;
        }
      }
      return true;
    }
    if (len <= 5 && lowerRun(s, a, a + 3) && digitRun(s, a + 3, b)) {
      return true; // fra1, iad1, sfo12
    }
    // Cloud regions: 2 to 4 segments of lower-case letters joined by '-', the last one digits
    // (AWS: eu-west-1) or letters and one or two digits (GCP: europe-west3).
    int segments = 0;
    int seg = a;
    for (int i = a; i <= b; i++) {
      if (i < b && s.charAt(i) != '-') {
        continue;
      }
      segments++;
      boolean last = i == b;
      if (i - seg < 1) {
        return false;
      }
      if (!last && !lowerRun(s, seg, i)) {
        return false;
      }
      if (last) {
        int d = i;
        while (d > seg && Character.isDigit(s.charAt(d - 1))) {
          d--;
        }
        if (d == i || i - d > 2 || !lowerRun(s, seg, d)) {
          return false;
        }
      }
      seg = i + 1;
    }
    return segments >= 2 && segments <= 4;
  }

  private static boolean lowerRun(CharSequence s, int a, int b) {
    for (int i = a; i < b; i++) {
      if (s.charAt(i) < 'a' || s.charAt(i) > 'z') {
        return false;
      }
    }
    return true;
  }

  private static boolean digitRun(CharSequence s, int a, int b) {
    if (b <= a) {
      return false;
    }
    for (int i = a; i < b; i++) {
      if (!Character.isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * An identifier that carries the place it was made in, as vendors print request, ray and job ids:
   * hex with a location after {@code -} ({@code 7d8e3f1a2b4c5d6e-FRA}, a Cloudflare ray id), or a
   * location before {@code .} or {@code :} and then an identifier by its first word, hex or a UUID
   * ({@code EU.job_…}, BigQuery's qualified job ids; {@code us-central1.bquxjob_…}).
   */
  static boolean locatedId(CharSequence s, int from, int to) {
    int len = to - from;
    if (len < 11 || len > 160) {
      return false;
    }
    int dash = -1;
    for (int i = to - 1; i > from && i >= to - 33; i--) {
      if (s.charAt(i) == '-'
          && location(s, i + 1, to)
          && Character.isLetterOrDigit(s.charAt(i - 1))) {
        dash = i;
        break;
      }
    }
    if (dash - from >= 8 && Shapes.hexRun(s, from, dash - from) && oneCase(s, from, dash)) {
      return true;
    }
    for (int i = from + 2; i < to - 8 && i <= from + 32; i++) {
      char c = s.charAt(i);
      if ((c == '.' || c == ':') && location(s, from, i)) {
        int r = i + 1;
        return Shapes.idPrefix(s, r, to)
            || publicId(s, r, to)
            || (to - r >= 16 && Shapes.hexRun(s, r, to - r) && oneCase(s, r, to));
      }
    }
    return false;
  }

  /** No upper and lower case letters mixed: hex as programs print it. */
  private static boolean oneCase(CharSequence s, int a, int b) {
    boolean upper = false;
    boolean lower = false;
    for (int i = a; i < b; i++) {
      char c = s.charAt(i);
      upper |= c >= 'A' && c <= 'Z';
      lower |= c >= 'a' && c <= 'z';
    }
    return !(upper && lower);
  }
}
