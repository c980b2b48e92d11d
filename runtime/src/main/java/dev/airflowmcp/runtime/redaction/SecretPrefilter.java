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
 * One pass over the characters plus the keyword automaton; no allocation.
 */
public final class SecretPrefilter {
  private SecretPrefilter() {}

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
      if (c == '%') {
        return true;
      }
      if (Tokens.tokenChar(c)) {
        if (++tokenRun >= Shapes.LISTED) {
          return true;
        }
      } else {
        tokenRun = 0;
      }
      if (c <= ' ' || c == '"' || c == '\'' || c == '\\' || c == '`' || c >= 127) {
        wordRun = 0;
        classes = 0;
        continue;
      }
      wordRun++;
      if (c >= 'A' && c <= 'Z') {
        classes |= 1;
      } else if (c >= 'a' && c <= 'z') {
        classes |= 2;
      } else if (c >= '0' && c <= '9') {
        classes |= 4;
      } else if (!Tokens.tokenChar(c) || c == '+' || c == '=' || c == '!' || c == '~') {
        classes |= 8;
      }
      if (c == '|') {
        return true;
      }
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
