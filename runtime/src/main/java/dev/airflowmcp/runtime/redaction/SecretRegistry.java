package dev.airflowmcp.runtime.redaction;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Registered secret values, found by exact match wherever they occur, together with the forms they
 * take when written into URLs and JSON: URL-encoded (Python's {@code quote}, {@code quote(safe='')}
 * and {@code quote_plus}) and JSON-escaped up to three levels deep (also with non-ASCII as {@code
 * \\uXXXX}, as Python's {@code json.dumps} writes it). Values shorter than {@value #MIN_LENGTH}
 * characters are ignored, as in Airflow.
 *
 * <p>Two kinds of values: configured ones, kept for the life of the registry, and values learned
 * during the session (for example values the key rule masked), bounded in number, the oldest
 * forgotten first. Thread-safe: lookups read an immutable matcher that registration replaces.
 */
public final class SecretRegistry {
  /** Shortest value registered (Airflow's {@code min_length_masked_secret} default). */
  public static final int MIN_LENGTH = 5;

  /** Longest value registered; longer values are masked where found, but not remembered. */
  static final int MAX_LENGTH = 2048;

  /** Values Airflow never masks because they are everywhere ({@code SECRETS_TO_SKIP_MASKING}). */
  private static final Set<String> SKIP = Set.of("airflow");

  private static final int SKIPPED_LENGTH = "airflow".length();

  /** Values a key rule meets that are type names or flags, never secrets. */
  private static final Set<String> NOT_SECRETS =
      Set.of(
          "bearer",
          "basic",
          "token",
          "secret",
          "password",
          "passwd",
          "none",
          "null",
          "true",
          "false",
          "undefined",
          "hidden",
          "masked",
          "redacted",
          "enabled",
          "disabled",
          "required",
          "optional",
          "default",
          "oauth",
          "oauth2",
          "apikey",
          "api_key",
          "access_token",
          "jwt",
          "service_account",
          "authorized_user",
          "external_account",
          "digest",
          "negotiate",
          "kerberos",
          "plain",
          "scram-sha-256",
          "scram-sha-512",
          "md5",
          "sha256",
          "private_key",
          "refresh_token",
          "client_credentials",
          "password_grant",
          "unknown",
          "empty",
          "string");

  private final int maxSessionValues;
  private final Set<String> configured = new LinkedHashSet<>();
  private final LinkedHashSet<String> session = new LinkedHashSet<>();

  /** Learned values not yet in {@link #matcher}; kept few so that learning stays cheap. */
  private final Set<String> recent = new LinkedHashSet<>();

  /** How many learned values wait in the small matcher before the large one is rebuilt. */
  static final int RECENT_LIMIT = 128;

  /** Both matchers, replaced together. */
  private record Matchers(ExactMatcher base, ExactMatcher recent) {}

  private volatile Matchers matchers = new Matchers(ExactMatcher.EMPTY, ExactMatcher.EMPTY);

  /**
   * Changes whenever the values looked for change, so that a decision cached for one set of values
   * ("this key name holds none of them") is not reused after another was added.
   */
  Object generation() {
    return matchers;
  }

  /**
   * @param maxSessionValues how many learned values are kept (configured ones do not count)
   */
  public SecretRegistry(int maxSessionValues) {
    this.maxSessionValues = maxSessionValues;
  }

  public SecretRegistry() {
    this(4096);
  }

  /**
   * Registers configured values, kept for the life of the registry.
   *
   * @return how many were accepted (long enough, not already known)
   */
  public synchronized int addConfigured(Collection<String> values) {
    int added = 0;
    for (String v : values) {
      if (acceptable(v) && configured.add(v)) {
        session.remove(v);
        added++;
      }
    }
    if (added > 0) {
      rebuildAll();
    }
    return added;
  }

  /**
   * Registers values learned during the session (for example masked by the key rule). Words that
   * name types rather than hold secrets ({@code bearer}, {@code service_account}, …) and values
   * without a letter or digit are skipped.
   *
   * @return how many were new
   */
  public int learn(Collection<String> values) {
    List<String> fresh = null;
    for (String v : values) {
      if (learnable(v)) {
        if (fresh == null) {
          fresh = new ArrayList<>();
        }
        fresh.add(v);
      }
    }
    if (fresh == null) {
      return 0;
    }
    synchronized (this) {
      int added = 0;
      for (String v : fresh) {
        if (!configured.contains(v) && !session.contains(v)) {
          session.add(v);
          recent.add(v);
          added++;
        }
      }
      if (added == 0) {
        return 0;
      }
      // Forgotten values leave the matchers at the next full rebuild (until then they are still
      // masked, which is harmless); rebuilding for each would make learning slow.
      Iterator<String> oldest = session.iterator();
      while (session.size() > maxSessionValues && oldest.hasNext()) {
        recent.remove(oldest.next());
        oldest.remove();
      }
      if (recent.size() > RECENT_LIMIT) {
        rebuildAll();
      } else {
        matchers = new Matchers(matchers.base(), new ExactMatcher(withVariants(recent)));
      }
      return added;
    }
  }

  /** Longer values are in no word set: they skip hashing for the set probe. */
  private static final int LONGEST_NOT_SECRET =
      NOT_SECRETS.stream().mapToInt(String::length).max().orElse(0);

  /** Whether a value would be remembered by {@link #learn}. */
  static boolean learnable(String v) {
    if (v == null || v.length() < MIN_LENGTH || v.length() > MAX_LENGTH) {
      return false; // acceptable(v) says no without lower-casing
    }
    String lower = v.toLowerCase(Locale.ROOT);
    if (!acceptable(v, lower)
        || (lower.length() <= LONGEST_NOT_SECRET && NOT_SECRETS.contains(lower))) {
      return false;
    }
    for (int i = 0; i < v.length(); i++) {
      if (Character.isLetterOrDigit(v.charAt(i))) {
        return !v.startsWith("{{") && !v.startsWith("${");
      }
    }
    return false;
  }

  private static boolean acceptable(String v) {
    return v != null
        && v.length() >= MIN_LENGTH
        && v.length() <= MAX_LENGTH
        && acceptable(v, v.toLowerCase(Locale.ROOT));
  }

  /** {@link #acceptable(String)} with {@code v} already in lower case. */
  private static boolean acceptable(String v, String lower) {
    if (v == null || v.length() < MIN_LENGTH || v.length() > MAX_LENGTH || v.isBlank()) {
      return false;
    }
    if ((lower.length() == SKIPPED_LENGTH && SKIP.contains(lower)) || Masks.isMasked(v)) {
      return false;
    }
    char first = v.charAt(0);
    for (int i = 1; i < v.length(); i++) {
      if (v.charAt(i) != first) {
        return true;
      }
    }
    return false; // one repeated character, such as "*****" or "00000"
  }

  /** Whether nothing is registered. */
  public boolean isEmpty() {
    Matchers m = matchers;
    return m.base().isEmpty() && m.recent().isEmpty();
  }

  /** How many values (not counting variants) are registered. */
  public synchronized int size() {
    return configured.size() + session.size();
  }

  /** Adds the ranges of every registered value (and variant) found in {@code text}. */
  void find(CharSequence text, Spans out) {
    Matchers m = matchers;
    m.base().find(text, out);
    m.recent().find(text, out);
  }

  /** Every value in one large matcher; the small one starts empty again. */
  private void rebuildAll() {
    Set<String> all = withVariants(configured);
    all.addAll(withVariants(session));
    recent.clear();
    matchers = new Matchers(new ExactMatcher(all), ExactMatcher.EMPTY);
  }

  private static Set<String> withVariants(Collection<String> values) {
    Set<String> all = new LinkedHashSet<>();
    for (String v : values) {
      all.addAll(variants(v));
    }
    return all;
  }

  /** The value and the forms it takes in URLs and JSON text. */
  static Set<String> variants(String value) {
    Set<String> out = new LinkedHashSet<>();
    out.add(value);
    out.add(percentEncode(value, "/", false));
    out.add(percentEncode(value, "", false));
    out.add(percentEncode(value, "", true));
    String escaped = value;
    String ascii = value;
    for (int level = 0; level < 3; level++) {
      escaped = jsonEscape(escaped, false);
      ascii = jsonEscape(ascii, true);
      out.add(escaped);
      out.add(ascii);
    }
    return out;
  }

  /** Python's {@code urllib.parse.quote} ({@code plus=false}) or {@code quote_plus}. */
  static String percentEncode(String value, String safe, boolean plus) {
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      boolean unreserved =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '.'
              || c == '-'
              || c == '~'
              || (c < 128 && safe.indexOf(c) >= 0);
      if (unreserved) {
        out.append((char) c);
      } else if (plus && c == ' ') {
        out.append('+');
      } else {
        out.append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return out.toString();
  }

  /** The content of a JSON string literal holding {@code value} (without the quotes). */
  static String jsonEscape(String value, boolean asciiOnly) {
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || (asciiOnly && c > 0x7e)) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
