package dev.airflowmcp.runtime.redaction;

/**
 * The cheap question asked before the detectors run: could any of them find something in this
 * string? False only when none could — registered values aside, which the caller checks itself.
 * Kept beside the mechanisms it guards and in step with them:
 *
 * <ul>
 *   <li>a keyword of any detector ({@link Detectors#mayContainSecrets}: names, prefixes, {@code
 *       ://}, statements, commands) or a JSON document ({@link JsonText#looksLikeJson});
 *   <li>a keyword of {@link Codes} (purpose names, codes headings, seed and wallet words: {@link
 *       Codes#KEYWORDS}, a rule of {@link Detectors}, so the keyword pass above covers it);
 *   <li>a run of {@value Shapes#LISTED} or more token characters ({@link Tokens}: shapes, vendor
 *       prefixes, key ids, UUID keys, base64 to decode, webhook paths);
 *   <li>a {@code %} (URL-encoded text is decoded and scanned);
 *   <li>a run of {@value Shapes#PASSWORD_MIN} or more characters without spaces or quotes that
 *       mixes upper and lower case, digits and another symbol (a listed password with punctuation,
 *       {@link Shapes#passwordLike});
 *   <li>a {@code |} (a text table whose header may name a secret);
 *   <li>a run of 10 or more characters with upper and lower case and digits, and a credential word
 *       of {@link ContextScorer#mayCue} (a machine-made value after a cue);
 *   <li>a word that heads a digit code and a run of 4–12 digits standing alone ({@link
 *       LabelledValues#mayHoldDigitCode}: a PIN, PUK, OTP, passcode or one-time code).
 * </ul>
 *
 * One pass over the characters (one table read each) plus the keyword automaton; no allocation.
 */
public final class SecretPrefilter {
  private SecretPrefilter() {}

  /**
   * Bits of {@link #CHARS}: the character classes a word run counts (upper, lower, digit, other).
   */
  private static final int CLASSES = 15;

  /** A token character ({@link Tokens#tokenChar}). */
  private static final int TOKEN = 16;

  /** Ends a word run: space and controls, quotes, backslash, backtick, DEL and above. */
  private static final int BREAK = 32;

  /** {@code %} or {@code |}: the string may hold a secret whatever else it holds. */
  private static final int STOP = 64;

  /**
   * What the loop of {@link #mayHoldSecret} needs to know of each ASCII character, worked out once
   * from the same conditions it asked character by character before (a test compares the two on
   * every character and on random strings). Characters from 128 up are {@link #BREAK} only.
   */
  private static final byte[] CHARS = new byte[128];

  static {
    for (char c = 0; c < 128; c++) {
      int f = 0;
      if (c == '%' || c == '|') {
        f |= STOP;
      }
      if (Tokens.tokenChar(c)) {
        f |= TOKEN;
      }
      if (c <= ' ' || c == '"' || c == '\'' || c == '\\' || c == '`' || c >= 127) {
        f |= BREAK;
      } else if (c >= 'A' && c <= 'Z') {
        f |= 1;
      } else if (c >= 'a' && c <= 'z') {
        f |= 2;
      } else if (c >= '0' && c <= '9') {
        f |= 4;
      } else if (!Tokens.tokenChar(c) || c == '+' || c == '=' || c == '!' || c == '~') {
        f |= 8;
      }
      CHARS[c] = (byte) f;
    }
  }

  /** Whether a detector or shape rule could mask something in {@code s}. */
  public static boolean mayHoldSecret(String s) {
    if (s == null || s.isEmpty()) {
      return false;
    }
    int n = s.length();
    int tokenRun = 0;
    int wordRun = 0;
    int classes = 0; // bits: 1 upper, 2 lower, 4 digit, 8 other symbol
    boolean mixed = false; // a run of 10 or more with upper, lower and digit (ContextScorer)
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      int f = c < 128 ? CHARS[c] : BREAK;
      if ((f & STOP) != 0) {
        return true;
      }
      if ((f & TOKEN) != 0) {
        if (++tokenRun >= Shapes.LISTED) {
          return true;
        }
      } else {
        tokenRun = 0;
      }
      if ((f & BREAK) != 0) {
        wordRun = 0;
        classes = 0;
        continue;
      }
      wordRun++;
      classes |= f & CLASSES;
      if (wordRun >= Shapes.PASSWORD_MIN && classes == 15) {
        return true;
      }
      if (wordRun >= 10 && (classes & 7) == 7) {
        mixed = true;
      }
    }
    return JsonText.looksLikeJson(s)
        || Detectors.DEFAULT.mayContainSecrets(s)
        || (mixed && ContextScorer.mayCue(s))
        || LabelledValues.mayHoldDigitCode(s);
  }
}
