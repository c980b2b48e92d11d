package dev.airflowmcp.runtime.redaction;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which names mark a secret, and how strongly: the word lists and the decision, made once per
 * distinct name. A name counts when its words ({@link SensitiveKeys#words}) hold a secret word in a
 * secret position: {@code password}, {@code passwd}, {@code passphrase} or {@code secret} anywhere;
 * {@code token}, {@code pass}, {@code pwd} at the end; {@code key} after {@code api}, {@code
 * access}, {@code private}, {@code account}, … — and the last word is not one that names metadata
 * about the secret ({@code token_type}, {@code password_policy}, {@code secret_name}, {@code
 * private_key_id}, {@code token_uri}, …).
 */
final class SecretNames {
  private SecretNames() {}

  private static final Set<String> METADATA =
      Set.of(
          "type",
          "types",
          "length",
          "len",
          "policy",
          "policies",
          "name",
          "names",
          "id",
          "ids",
          "file",
          "files",
          "path",
          "paths",
          "dir",
          "directory",
          "env",
          "var",
          "field",
          "fields",
          "hint",
          "prompt",
          "min",
          "max",
          "count",
          "used",
          "expiry",
          "expires",
          "expired",
          "expiration",
          "exp",
          "ttl",
          "uri",
          "url",
          "endpoint",
          "version",
          "versions",
          "rotation",
          "backend",
          "backends",
          "manager",
          "enabled",
          "required",
          "set",
          "provider",
          "kind",
          "format",
          "mode",
          "strategy",
          "class",
          "arn",
          "ref",
          "reference",
          "location",
          "source",
          "method",
          "methods",
          "scope",
          "scopes",
          "algorithm",
          "alg",
          "size",
          "bits",
          "store",
          "regex",
          "pattern",
          "label",
          "description",
          "desc",
          "status",
          "state",
          "error",
          "errors",
          "message",
          "msg",
          "exists",
          "valid",
          "limit",
          "timeout",
          "retries",
          "attempts",
          "date",
          "time",
          "at",
          "age",
          "template",
          "cmd",
          "command",
          "prefix",
          "suffix",
          "index",
          "idx",
          "num",
          "number",
          "lifetime",
          "duration",
          "interval",
          "key",
          "keys",
          "header",
          "lookup",
          "mount",
          "mountpoint",
          "engine",
          "cache",
          "hash",
          "salt",
          "chars",
          "changed",
          "reset",
          "rotated",
          "updated",
          "created",
          "modified",
          "strength",
          "validator",
          "validation",
          "check",
          "checks",
          "hook",
          "conn",
          "connection",
          "option",
          "options",
          "config",
          "settings",
          "kwargs",
          "args",
          "param",
          "params",
          "flag",
          "flags",
          "service",
          "server",
          "host",
          "port",
          "user",
          "username",
          "login",
          "email",
          "client",
          "owner",
          "project",
          "region",
          "zone",
          "account",
          "accounts",
          "principal",
          "role",
          "group",
          "policy_arn",
          "issuer",
          "audience",
          "subject",
          "claims",
          "scheme",
          "schema",
          "level",
          "stage",
          "in",
          "out",
          "sha",
          "sha256",
          "md5",
          "checksum",
          "fingerprint",
          "thumbprint",
          "permissions",
          "labels",
          "tag",
          "tags",
          "parameter",
          "parameters",
          "storage",
          "folder",
          "bucket",
          "table",
          "column",
          "db",
          "database");

  /** Airflow options that also come as {@code <option>_secret} (a secrets backend key). */
  private static final Set<String> AIRFLOW_SECRET_OPTIONS =
      Set.of(
          "SQL_ALCHEMY_CONN",
          "FERNET_KEY",
          "BROKER_URL",
          "RESULT_BACKEND",
          "FLOWER_BASIC_AUTH",
          "SMTP_PASSWORD",
          "SECRET_KEY",
          "SENTRY_DSN",
          "JWT_SECRET",
          "SQL_ALCHEMY_ENGINE_ARGS",
          "SQL_ALCHEMY_CONN_ASYNC",
          "CELERY_BROKER_URL");

  /** Words before {@code key} that make it a secret ({@code api_key}, {@code account_key}, …). */
  private static final Set<String> KEY_QUALIFIERS =
      Set.of(
          "api",
          "access",
          "secret",
          "private",
          "account",
          "master",
          "signing",
          "encryption",
          "fernet",
          "service",
          "app",
          "application",
          "auth",
          "license",
          "storage",
          "shared",
          "subscription",
          "sas",
          "admin",
          "write",
          "read",
          "ingest",
          "webhook",
          "hmac",
          "ssh",
          "gpg",
          "pgp",
          "crypt",
          "cipher",
          "client",
          "consumer",
          "mgmt",
          "management",
          "rest",
          "secure",
          "session",
          "server",
          "developer",
          "dev",
          "live",
          "prod",
          "test",
          "cluster",
          "sendgrid",
          "mailgun",
          "stripe",
          "twilio",
          "datadog",
          "dd",
          "openai",
          "anthropic",
          "gemini",
          "google",
          "maps",
          "firebase",
          "algolia",
          "pagerduty",
          "routing",
          "integration",
          "x",
          "user",
          "personal",
          "bot",
          "jwt",
          "cookie",
          "csrf",
          "django",
          "flask",
          "webserver",
          "primary",
          "secondary",
          "root",
          "sasl");

  /** Words before {@code material} that make it the material of a credential. */
  private static final Set<String> MATERIAL_OF =
      Set.of(
          "key",
          "keying",
          "login",
          "auth",
          "secret",
          "signing",
          "credential",
          "cred",
          "password",
          "crypto",
          "private",
          "cipher",
          "token");

  /** Single words that are secret names on their own. */
  private static final Set<String> SECRET_WORDS =
      Set.of(
          "apikey",
          "accesskey",
          "secretkey",
          "privatekey",
          "accountkey",
          "appkey",
          "masterkey",
          "licensekey",
          "authkey",
          "sessionkey",
          "signingkey",
          "pwd",
          "pass",
          "pw",
          "psw",
          "pswd",
          "passwrd",
          "dsn",
          "credentials",
          "credential",
          "creds",
          "cred",
          "sig",
          "signature",
          "token",
          "authorization",
          "passphrase",
          "connectionstring",
          "connstr",
          "conn_str",
          "keyfile_dict",
          "cookie",
          "pat",
          "jsessionid",
          "phpsessid",
          "sessionid",
          "sessid",
          "aspsessionid",
          "seed",
          "storepass",
          "keypass",
          "srcstorepass",
          "deststorepass",
          "srckeypass",
          "destkeypass",
          "newpass",
          "oldpass",
          "passcode",
          "passcodes",
          "mnemonic");

  /** Names that contain a secret word but name a product or a reference. */
  private static final Set<String> NOT_SECRET_NAMES =
      Set.of(
          "secretsmanager",
          "secretmanager",
          "secretkeyref",
          "secretref",
          "secretname",
          "secretstore",
          "secrets",
          "passwordless",
          "tokenizer",
          "bypass",
          "passthrough");

  /**
   * Words of {@link #NOT_CREDENTIAL} that only make a token a pointer ({@code sync_token}, {@code
   * next_cursor}); before another secret word ({@code SYNC_AUTH}, {@code resume_password}) they say
   * what the secret is for.
   */
  private static final Set<String> POINTER =
      Set.of("page", "continuation", "pagination", "cursor", "sync", "next", "resume");

  /**
   * Purposes that make a code, PIN or phrase a credential: {@code recovery_codes}, {@code
   * unlock_pin}.
   */
  private static final Set<String> CODE_PURPOSES =
      Set.of(
          "recovery",
          "backup",
          "activation",
          "unlock",
          "license",
          "licence",
          "otp",
          "mfa",
          "totp",
          "hotp",
          "2fa",
          "scratch",
          "emergency",
          "pairing",
          "enrollment",
          "enrolment",
          "bootstrap",
          "setup",
          "access",
          "auth",
          "authorization",
          "authorisation",
          "security",
          "verification",
          "reset",
          "invite",
          "registration",
          "join",
          "seed",
          "mnemonic",
          "wallet");

  /** Last words that, after a purpose, name a credential. */
  private static final Set<String> CODE_WORDS =
      Set.of("code", "codes", "pin", "pins", "phrase", "phrases", "words", "passcode", "passcodes");

  /**
   * A credential named by what it unlocks: a code, PIN or phrase after a purpose word ({@code
   * backup_codes}, {@code activation_code}, {@code wallet_seed_phrase}), or a passcode of any kind.
   */
  private static boolean purposeCode(List<String> words, String last) {
    if (last.startsWith("passcode") || last.equals("pin") && words.size() == 1) {
      return true;
    }
    if (!CODE_WORDS.contains(last) || words.size() < 2) {
      return false;
    }
    for (int i = 0; i < words.size() - 1; i++) {
      if (CODE_PURPOSES.contains(words.get(i))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Words that, before {@code word}, {@code phrase} or {@code key}, say the value unlocks
   * something: {@code master_word}, {@code shared_phrase}, {@code safe_word}; and, before {@code
   * key}, the words of cryptography that make it a key in that sense ({@code cipher_iv_key}, {@code
   * aes_key}, {@code data_enc_key}), wherever they stand before it.
   */
  private static final Set<String> UNLOCKING =
      Set.of(
          "master",
          "shared",
          "secret",
          "pass",
          "safe",
          "magic",
          "admin",
          "root",
          "unlock",
          "login",
          "sudo",
          "vault",
          "private",
          "signing",
          "encryption",
          "cipher",
          "recovery",
          "backup",
          "seed",
          "wallet",
          "security",
          "access");

  private static final Set<String> CRYPTO =
      Set.of(
          "cipher",
          "crypt",
          "crypto",
          "encrypt",
          "encryption",
          "enc",
          "decrypt",
          "decryption",
          "aes",
          "des",
          "3des",
          "hmac",
          "iv",
          "kek",
          "dek",
          "wrap",
          "wrapping",
          "symmetric",
          "nacl",
          "gcm",
          "cbc",
          "chacha",
          "xor",
          "mac",
          "jwe",
          "jws",
          "sig",
          "sign",
          "signature");

  /**
   * A credential named by a general noun and a qualifier that says it is one: {@code word} or
   * {@code phrase} after an unlocking word ({@code MASTER_WORD}, {@code shared_phrase}), {@code
   * key} after a word of cryptography anywhere before it ({@code cipher_iv_key}).
   */
  private static boolean qualifiedCredential(List<String> words, String last) {
    int n = words.size();
    if (n < 2) {
      return false;
    }
    if (last.equals("word") || last.equals("phrase")) {
      return UNLOCKING.contains(words.get(n - 2));
    }
    if (last.equals("key")) {
      for (int i = 0; i < n - 1; i++) {
        if (CRYPTO.contains(words.get(i))) {
          return true;
        }
      }
    }
    return false;
  }

  /** Words that make a token a pointer, not a credential ({@code next_page_token}). */
  private static final Set<String> NOT_CREDENTIAL =
      Set.of(
          "page",
          "continuation",
          "pagination",
          "cursor",
          "sync",
          "next",
          "csrf",
          "xsrf",
          "public",
          "pub",
          "publishable",
          "file",
          "resume",
          "idempotency",
          "max",
          "total",
          "num",
          "input",
          "output",
          "prompt",
          "completion",
          "cached",
          "reasoning",
          "count",
          "eos",
          "bos",
          "pad",
          "unk",
          "sep",
          "cls",
          "mask",
          "special");

  enum Strength {
    NONE,
    /** A secret name: any non-placeholder value is masked. */
    STRONG,
    /** A name that sometimes holds a secret ({@code sig}): only token-like values are masked. */
    WEAK,
    /** An {@code Authorization}-style header: a scheme, then the credential. */
    HEADER
  }

  /** False only when {@link #maskUnderName} is false for every value under {@code name}. */
  static boolean mayMaskUnderName(String name) {
    return classify(name) != Strength.NONE;
  }

  /**
   * Whether a structured value under a property of this name is a secret by the rules for free text
   * (stricter names than Airflow's, such as {@code app_key} or {@code fernet_key}): strings that
   * are not placeholders, and numbers, under a secret name; token-like strings under a weak one
   * ({@code signature}).
   */
  static boolean maskUnderName(String name, String value, boolean number) {
    Strength strength = classify(name);
    if (strength == Strength.NONE) {
      return false;
    }
    if (number) {
      return strength != Strength.WEAK && value.length() >= 4 && !quantityName(name);
    }
    if (value.length() < 3 || Masks.isPlaceholder(value) || ValueKinds.clearlyNotSecret(value)) {
      return false;
    }
    return strength != Strength.WEAK || ValueKinds.looksRandom(value);
  }

  /**
   * Whether values under this name are worth remembering as secrets: names that really hold one
   * ({@code password}, {@code api_token}, {@code Authorization}), not the names Airflow's rule also
   * covers that often hold ordinary values ({@code service_account_name}, {@code proxy}).
   */
  static boolean namesASecret(String name) {
    Strength s = classify(name);
    return s == Strength.STRONG || s == Strength.HEADER;
  }

  /** Last words of names whose numbers are quantities about a secret, not the secret. */
  private static final Set<String> QUANTITIES =
      Set.of(
          "length",
          "len",
          "count",
          "min",
          "max",
          "size",
          "ttl",
          "timeout",
          "seconds",
          "secs",
          "sec",
          "ms",
          "millis",
          "minutes",
          "mins",
          "hours",
          "days",
          "retries",
          "attempts",
          "age",
          "limit",
          "interval",
          "rounds",
          "iterations",
          "bits",
          "port",
          "version",
          "versions",
          "number",
          "num",
          "expiry",
          "expires",
          "lifetime",
          "duration",
          "period",
          "window",
          "threshold",
          "index",
          "idx",
          "total",
          "capacity",
          "workers",
          "weeks");

  /**
   * Whether a number under this name is a quantity ({@code password_min_length: 12}, {@code
   * max_token_retries: 5}, {@code secret_count: 0}): its last word says so. Any other number under
   * a sensitive key is masked ({@code db_password: 12345678}, {@code api_key: 1234567}): Airflow
   * keeps such numbers, a known leak (apache/airflow#71275), which this server does not copy.
   */
  static boolean quantityName(String name) {
    if (name == null || name.isEmpty()) {
      return false;
    }
    return QUANTITY.get(name);
  }

  private static final NameCache<Boolean> QUANTITY =
      new NameCache<>(
          n -> {
            List<String> words = SensitiveKeys.words(n);
            return !words.isEmpty() && QUANTITIES.contains(words.get(words.size() - 1));
          });

  /** How strongly a name marks a secret. */
  static Strength classify(String name) {
    return CLASSIFIED.get(name);
  }

  /** {@link #classify} decided once per distinct name. */
  private static final NameCache<Strength> CLASSIFIED = new NameCache<>(SecretNames::decide);

  private static Strength decide(String name) {
    if (name.regionMatches(true, 0, "AIRFLOW__", 0, 9)) {
      String upper = name.toUpperCase(Locale.ROOT);
      int option = upper.lastIndexOf("__") + 2;
      if (upper.endsWith("_CMD")
          || (upper.endsWith("_SECRET")
              && AIRFLOW_SECRET_OPTIONS.contains(upper.substring(option, upper.length() - 7)))) {
        return Strength.NONE; // Airflow's *_secret and *_cmd settings name a secret, not hold it
      }
    }
    List<String> words = SensitiveKeys.words(name);
    if (words.isEmpty()) {
      return Strength.NONE;
    }
    String last = words.get(words.size() - 1);
    String joined = String.join("_", words);
    if (words.size() >= 2 && words.get(0).equals("secrets")) {
      // secrets.ddappkey, secrets.dbPassword (Helm values): a namespace; the rest decides
      return decide(String.join("_", words.subList(1, words.size())));
    }
    if (last.equals("material")
        && words.size() >= 2
        && MATERIAL_OF.contains(words.get(words.size() - 2))) {
      return Strength.STRONG; // sftp_login_material, key_material: what a login or key is made of
    }
    for (String w : words) {
      if (NOT_SECRET_NAMES.contains(w)) {
        return Strength.NONE;
      }
    }
    if (words.size() >= 2 && words.get(0).equals("existing") && words.get(1).startsWith("secret")) {
      return Strength.NONE; // existingSecret (Helm charts): the name of a Secret made elsewhere
    }
    if (last.equals("authorization")
        || joined.equals("auth_header")
        || joined.endsWith("authorization_header")) {
      return Strength.HEADER;
    }
    if (joined.contains("webhook_url") || joined.equals("slack_webhook")) {
      return Strength.STRONG;
    }
    if (words.size() >= 2
        && words.get(0).equals("x")
        && (last.equals("key")
            || last.equals("token")
            || last.equals("secret")
            || last.equals("apikey")
            || last.equals("auth"))) {
      return Strength.STRONG; // X-Vendor-Key, X-Figma-Token: custom credential headers
    }
    if (METADATA.contains(last)
        && !(last.equals("key") && (keyIsSecret(words) || qualifiedCredential(words, last)))) {
      return Strength.NONE;
    }
    if (words.size() >= 2
        && (last.equals("pwd") || last.equals("password") || last.equals("passphrase"))
        && !COUNTING.contains(words.get(words.size() - 2))) {
      return Strength.STRONG; // private_key_file_pwd: the password of the file, not a file
    }
    boolean tokenLike = last.contains("token") || last.equals("cursor") || last.equals("id");
    for (String w : words) {
      if (NOT_CREDENTIAL.contains(w) && (tokenLike || !POINTER.contains(w))) {
        return Strength.NONE;
      }
    }
    if (purposeCode(words, last) || qualifiedCredential(words, last)) {
      return Strength.STRONG;
    }
    if ((joined.contains("password")
        || joined.contains("passwd")
        || joined.contains("passphrase"))) {
      return Strength.STRONG;
    }
    if (joined.contains("secret") && !joined.contains("secretary")) {
      return Strength.STRONG;
    }
    if (last.equals("sig") || last.equals("signature")) {
      return Strength.WEAK;
    }
    if (last.equals("token")
        || (last.endsWith("token") && last.length() > 5)
        || compoundSecret(last)
        || SECRET_WORDS.contains(last)
        || SECRET_WORDS.contains(joined)) {
      return last.equals("auth") ? Strength.WEAK : Strength.STRONG;
    }
    if (joined.equals("keyfile_dict")
        || joined.endsWith("connection_string")
        || joined.endsWith("conn_str")
        || joined.endsWith("conn_string")) {
      return Strength.STRONG;
    }
    for (int w = 1; w < words.size(); w++) {
      if (words.get(w).equals("key") && KEY_QUALIFIERS.contains(words.get(w - 1))) {
        return Strength.STRONG; // api_key, private_key_content, fs.azure.account.key.<host>
      }
    }
    if (last.equals("data") && words.size() >= 2 && words.get(words.size() - 2).equals("key")) {
      return Strength.STRONG; // kubeconfig client-key-data
    }
    if (last.equals("auth") || last.equals("basic")) {
      return Strength.WEAK; // auth, basic_auth, SYNC_AUTH, flower_basic: token-like values only
    }
    if (last.equals("cookie")) {
      return Strength.STRONG;
    }
    return Strength.NONE;
  }

  /** Secret words that end names written as one lower-case word ({@code cloudflareapikey}). */
  private static final List<String> COMPOUND_ENDINGS =
      List.of("apikey", "appkey", "accesskey", "secretkey", "privatekey", "authkey", "apitoken");

  /** {@code ddappkey}, {@code oktaapitoken}: a vendor's name run into a secret word. */
  private static boolean compoundSecret(String last) {
    for (String e : COMPOUND_ENDINGS) {
      if (last.length() > e.length() && last.endsWith(e)) {
        return true;
      }
    }
    return false;
  }

  /** Words before a password word that make the name a count or a policy, not a password. */
  private static final Set<String> COUNTING =
      Set.of("max", "min", "num", "total", "count", "next", "csrf", "xsrf", "reset", "old", "last");

  private static boolean keyIsSecret(List<String> words) {
    return words.size() >= 2 && KEY_QUALIFIERS.contains(words.get(words.size() - 2));
  }

  /**
   * Whether a name says its value is about a secret rather than one: a secret word with a metadata
   * word last ({@code token_url}, {@code password_hint}) or a pointer word ({@code
   * next_page_token}). Such values are left to Airflow's key rule, not guessed at by shape.
   */
  static boolean declines(String name) {
    return DECLINES.get(name);
  }

  private static final NameCache<Boolean> DECLINES = new NameCache<>(SecretNames::decideDeclines);

  private static boolean decideDeclines(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    boolean secretWord =
        lower.contains("token")
            || lower.contains("secret")
            || lower.contains("pass")
            || lower.contains("key")
            || lower.contains("pwd")
            || lower.contains("auth")
            || lower.contains("cred");
    if (!secretWord || classify(name) != Strength.NONE) {
      return false;
    }
    List<String> words = SensitiveKeys.words(name);
    if (words.isEmpty()) {
      return false;
    }
    String last = words.get(words.size() - 1);
    boolean tokenLike = last.contains("token") || last.equals("cursor") || last.equals("id");
    for (String w : words) {
      if ((NOT_CREDENTIAL.contains(w) && (tokenLike || !POINTER.contains(w)))
          || NOT_SECRET_NAMES.contains(w)) {
        return true;
      }
    }
    // OKTA_KEY, SUPABASE_KEY: a key of some vendor may hold one; its value's shape decides.
    return METADATA.contains(last) && !last.equals("key");
  }
}
