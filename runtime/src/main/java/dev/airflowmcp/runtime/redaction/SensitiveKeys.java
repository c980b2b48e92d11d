package dev.airflowmcp.runtime.redaction;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Airflow's sensitive-key rule for structured data: a key is sensitive when its normalised form
 * (lower case, every run of characters other than letters and digits as {@code _}) contains one of
 * the sensitive names. Beyond Airflow, a camelCase key is also tried split into words, so {@code
 * accessKey} and {@code SecretAccessKey} match like {@code access_key}. Immutable.
 */
public final class SensitiveKeys {

  /** Airflow's sensitive names (apache/airflow main, 2026). */
  public static final List<String> AIRFLOW_DEFAULTS =
      List.of(
          "access_key",
          "access_token",
          "api_key",
          "apikey",
          "auth_header",
          "authorization",
          "bearer",
          "connection_string",
          "dsn",
          "keyfile_dict",
          "passphrase",
          "passwd",
          "password",
          "private_key",
          "proxy",
          "proxy_password",
          "proxies",
          "secret",
          "service_account",
          "service_key",
          "token",
          "webhook_url");

  private final List<String> names;

  /** The Airflow defaults plus {@code extra} names (normalised the same way). */
  public SensitiveKeys(Collection<String> extra) {
    Set<String> all = new LinkedHashSet<>(AIRFLOW_DEFAULTS);
    for (String k : extra) {
      String n = normalise(k);
      String trimmed = trimUnderscores(n);
      if (!trimmed.isEmpty()) {
        all.add(trimmed);
      }
    }
    this.names = List.copyOf(all);
  }

  /** The names in use, normalised. */
  public List<String> names() {
    return names;
  }

  /** Lower case, runs of characters other than ASCII letters and digits as {@code _}. */
  public static String normalise(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    StringBuilder out = null;
    boolean inRun = false;
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      boolean word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (word) {
        if (out != null) {
          out.append(c);
        }
        inRun = false;
      } else {
        if (out == null) {
          out = new StringBuilder(lower.length());
          out.append(lower, 0, i);
        }
        if (!inRun) {
          out.append('_');
        }
        inRun = true;
      }
    }
    return out == null ? lower : out.toString();
  }

  /**
   * The words of a key name, the one normaliser every name rule uses: camelCase split ({@link
   * #splitCamel}), then {@link #normalise}d and cut at {@code _}, empty words dropped. {@code
   * X-Vendor-Key} → [x, vendor, key]; {@code clientSecretValue} → [client, secret, value].
   */
  static java.util.List<String> words(String key) {
    String n = normalise(splitCamel(key));
    java.util.List<String> words = new java.util.ArrayList<>(4);
    int start = 0;
    for (int i = 0; i <= n.length(); i++) {
      if (i == n.length() || n.charAt(i) == '_') {
        if (i > start) {
          words.add(n.substring(start, i));
        }
        start = i + 1;
      }
    }
    return words;
  }

  /** {@code SecretAccessKey} → {@code Secret_Access_Key}: a {@code _} before each inner capital. */
  static String splitCamel(String key) {
    StringBuilder out = null;
    for (int i = 1; i < key.length(); i++) {
      char prev = key.charAt(i - 1);
      char c = key.charAt(i);
      boolean boundary =
          Character.isUpperCase(c)
              && (Character.isLowerCase(prev)
                  || Character.isDigit(prev)
                  || (i + 1 < key.length()
                      && Character.isUpperCase(prev)
                      && Character.isLowerCase(key.charAt(i + 1))));
      if (boundary) {
        if (out == null) {
          out = new StringBuilder(key.length() + 4);
          out.append(key, 0, i);
        }
        out.append('_');
      }
      if (out != null) {
        out.append(c);
      }
    }
    return out == null ? key : out.toString();
  }

  private static String trimUnderscores(String s) {
    int a = 0;
    int b = s.length();
    while (a < b && s.charAt(a) == '_') {
      a++;
    }
    while (b > a && s.charAt(b - 1) == '_') {
      b--;
    }
    return s.substring(a, b);
  }

  /** Whether a field of this name holds a secret. */
  public boolean isSensitive(String key) {
    if (key == null || key.isEmpty()) {
      return false;
    }
    return decided.get(key);
  }

  /** {@link #isSensitive(String)} decided once per distinct key name. */
  private final NameCache<Boolean> decided = new NameCache<>(this::decide);

  private boolean decide(String key) {
    String n = normalise(key);
    if (containsAny(n)) {
      return true;
    }
    String camel = splitCamel(key);
    return camel != key && containsAny(normalise(camel));
  }

  /** Whether this name, or one of {@code extra} (tool-specific names), marks a secret. */
  public boolean isSensitive(String key, List<String> extra) {
    if (isSensitive(key)) {
      return true;
    }
    if (extra.isEmpty() || key == null) {
      return false;
    }
    String n = normalise(key);
    String camel = normalise(splitCamel(key));
    for (String e : extra) {
      String x = trimUnderscores(normalise(e));
      if (!x.isEmpty() && (n.contains(x) || camel.contains(x))) {
        return true;
      }
    }
    return false;
  }

  private boolean containsAny(String normalised) {
    for (String name : names) {
      if (normalised.contains(name)) {
        return true;
      }
    }
    return false;
  }
}
