package dev.airflowmcp.runtime.redaction;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Places in source code where a secret is referred to by name, not given: the arguments of a call
 * that mounts or selects a secret that lives elsewhere. Airflow's {@code Secret(deploy_type="env",
 * deploy_target="DB_PASSWORD", secret="airflow-db", key="password")} for the KubernetesPodOperator,
 * the Kubernetes client's {@code V1SecretKeySelector(name=…, key=…)}, {@code
 * V1SecretVolumeSource(secret_name=…)}, {@code V1SecretEnvSource}, {@code SecretReference}: each
 * argument names a Kubernetes Secret, a key inside it, an environment variable or a path, so {@code
 * secret="airflow-db"} there is a reference, like {@code secretKeyRef} in a manifest.
 *
 * <p>Bounded: the call is looked for at most {@value #REACH} characters back and its arguments at
 * most as far forward.
 */
final class SecretReferences {
  private SecretReferences() {}

  /** How far back the opening parenthesis and forward the arguments are looked for. */
  static final int REACH = 400;

  /** Words of a callee that, with {@code secret}, make it a mount or a selector. */
  private static final Set<String> MOUNT_WORDS =
      Set.of(
          "selector", "volume", "source", "ref", "reference", "projection", "mount", "env", "key");

  /** Keyword arguments that only a mount of a named secret takes. */
  private static final List<String> MOUNT_ARGUMENTS =
      List.of("deploy_type", "deploy_target", "secret_name", "mount_path", "items=");

  /**
   * Helm values such as {@code sshKeySecret: airflow-git-ssh} or {@code passwordSecret: db-creds}:
   * a name made of a secret word followed by {@code Secret} (one word, no separator, as Helm charts
   * write it) whose value is a Kubernetes object name of lower-case words joined by hyphens names
   * the Secret that holds the key, not the key. {@code clientSecret} or {@code client_key_secret}
   * are not such names; a value with digits or capitals is not such a name.
   *
   * @param lowerName the name in lower case
   */
  static boolean secretObjectName(String lowerName, String value) {
    if (!lowerName.endsWith("secret") || lowerName.length() > 64) {
      return false;
    }
    String head = lowerName.substring(0, lowerName.length() - 6);
    boolean holder = false;
    for (String w : HOLDER_WORDS) {
      holder |= head.endsWith(w) && head.chars().allMatch(c -> c >= 'a' && c <= 'z');
    }
    return holder && objectName(value);
  }

  /** What a Secret named after its content holds. */
  private static final List<String> HOLDER_WORDS =
      List.of("key", "password", "token", "credentials", "cert", "tls", "ssh", "hosts");

  /** Lower-case words of two or more letters joined by hyphens, two to six of them. */
  static boolean objectName(String v) {
    int n = v.length();
    if (n < 5 || n > 63) {
      return false;
    }
    int words = 1;
    int run = 0;
    for (int i = 0; i < n; i++) {
      char c = v.charAt(i);
      if (c >= 'a' && c <= 'z') {
        run++;
      } else if (c == '-' && run >= 2) {
        words++;
        run = 0;
      } else {
        return false;
      }
    }
    return run >= 2 && words >= 2 && words <= 6;
  }

  /** Whether {@code pos} lies among the arguments of a call that mounts a secret by name. */
  static boolean insideMountCall(String text, int pos) {
    int depth = 0;
    int floor = Math.max(0, pos - REACH);
    for (int i = pos - 1; i >= floor; i--) {
      char c = text.charAt(i);
      if (c == ')' || c == ']' || c == '}') {
        depth++;
      } else if (c == '(' || c == '[' || c == '{') {
        if (depth > 0) {
          depth--;
          continue;
        }
        return c == '(' && mountCallee(text, i);
      } else if (c == ';') {
        return false;
      }
    }
    return false;
  }

  /** Whether the call opened at {@code open} is a mount: by its callee's words or arguments. */
  private static boolean mountCallee(String text, int open) {
    int e = open;
    int s = e;
    while (s > 0
        && s > e - 80
        && (Character.isLetterOrDigit(text.charAt(s - 1)) || text.charAt(s - 1) == '_')) {
      s--;
    }
    if (s == e) {
      return false;
    }
    List<String> words = SensitiveKeys.words(text.substring(s, e));
    boolean secret = false;
    boolean mount = false;
    for (String w : words) {
      secret |= w.equals("secret") || w.equals("secrets");
      mount |= MOUNT_WORDS.contains(w);
    }
    if (!secret) {
      return false;
    }
    if (mount) {
      return true;
    }
    // Airflow's Secret(deploy_type, deploy_target, secret, key): told by its arguments.
    int limit = Math.min(text.length(), open + REACH);
    String args = text.substring(open, limit).toLowerCase(Locale.ROOT);
    int close = args.indexOf(')');
    if (close > 0) {
      args = args.substring(0, close);
    }
    for (String a : MOUNT_ARGUMENTS) {
      if (args.contains(a)) {
        return true;
      }
    }
    String first = args.substring(1).stripLeading();
    return first.startsWith("'env'")
        || first.startsWith("\"env\"")
        || first.startsWith("'volume'")
        || first.startsWith("\"volume\"");
  }
}
