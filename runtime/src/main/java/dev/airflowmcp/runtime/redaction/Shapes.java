package dev.airflowmcp.runtime.redaction;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a value looks machine-made and secret by its shape alone, for values no secret name gives
 * away. Harmless shapes are listed explicitly and never count: hex of any length (hashes, digests,
 * trace ids), UUIDs and ULIDs, numbers, run ids ({@code manual__…}), camelCase and snake_case
 * words, dotted names and versions. Everything else needs upper and lower case letters and digits
 * mixed without forming words, or a vendor-style prefix ({@code gsk_…}, {@code squ_…}) before a
 * random or long hex body.
 *
 * <p>Thresholds: {@value #FREE_TEXT} characters in free text, {@value #LISTED} under a name in a
 * key/value listing (a Variable, an {@code extra} key, an env line) whose name is not one of {@link
 * #HARMLESS_NAMES}.
 */
final class Shapes {
  private Shapes() {}

  /** Shortest random token masked in free text. */
  static final int FREE_TEXT = 24;

  /** Shortest random value masked under a name in a listing. */
  static final int LISTED = 16;

  /** Shortest generated password with punctuation masked under a name in a listing. */
  static final int PASSWORD_MIN = 12;

  /** Longest one. */
  static final int PASSWORD_MAX = 128;

  /** Shortest body after a vendor prefix. */
  static final int PREFIXED_BODY = 16;

  /** Last words of names whose values are identifiers, digests or places, never secrets. */
  static final Set<String> HARMLESS_NAMES =
      Set.of(
          "id",
          "ids",
          "uuid",
          "guid",
          "ulid",
          "version",
          "hash",
          "sha",
          "digest",
          "checksum",
          "md5",
          "etag",
          "fingerprint",
          "thumbprint",
          "name",
          "path",
          "file",
          "url",
          "uri",
          "host",
          "hostname",
          "date",
          "time",
          "timestamp",
          "ts",
          "region",
          "zone",
          "bucket",
          "table",
          "schema",
          "image",
          "commit",
          "branch",
          "arn",
          "dag",
          "task",
          "run",
          "queue",
          "pool",
          "email",
          "user",
          "username",
          "login",
          "owner",
          "account",
          "project",
          "location",
          "endpoint",
          "type",
          "kind",
          "label",
          "description",
          "title",
          "note",
          "operator",
          "executor",
          "state",
          "status",
          "class",
          "module",
          "callable",
          "sql",
          "query",
          "number",
          "index",
          "count",
          "size",
          "format",
          "sha1",
          "sha224",
          "sha256",
          "sha384",
          "sha512",
          "md5sum",
          "sha1sum",
          "sha256sum",
          "sha512sum",
          "crc32",
          "crc32c",
          "hashes",
          "container",
          "revision",
          "rev",
          "build",
          "parent",
          "trace",
          "span",
          "object",
          "key",
          "prefix",
          "release",
          "tag",
          "tags",
          "fpr",
          "challenge",
          "traceparent",
          "tracestate");

  /**
   * Words that make a name one of a digest wherever they stand ({@code MD5OfMessageBody}, {@code
   * x-amz-checksum-sha256}, {@code content_md5}).
   */
  private static final Set<String> DIGEST_WORDS =
      Set.of(
          "md5",
          "sha1",
          "sha224",
          "sha256",
          "sha384",
          "sha512",
          "crc32",
          "crc32c",
          "checksum",
          "digest",
          "fingerprint",
          "etag");

  /** Vendor-style prefixes that mark identifiers rather than credentials. */
  private static final Set<String> HARMLESS_PREFIXES =
      Set.of(
          "jr",
          "run",
          "job",
          "req",
          "request",
          "trace",
          "span",
          "build",
          "commit",
          "task",
          "id",
          "uuid",
          "file",
          "part",
          "obj",
          "etag",
          "hash",
          "digest",
          "sha",
          "sha1",
          "sha256",
          "sha512",
          "md5",
          "application",
          "app",
          "container",
          "pod",
          "exec",
          "execution",
          "step",
          "event",
          "msg",
          "message",
          "session",
          "query",
          "sub",
          "user",
          "org",
          "cus",
          "evt",
          "v1",
          "v2",
          "v3",
          "python",
          "airflow",
          "release",
          "version",
          "dag",
          "scheduled",
          "manual",
          "backfill",
          "dataset",
          "asset",
          "triggered");

  /**
   * Nouns that, as a token's first word before {@code _} or {@code -}, make it the identifier of a
   * job, run, request, file or digest ({@code job_JA1pfBX9…}, {@code req-7Hq…}, {@code
   * spark-758c…}, {@code sha512-…}), not a credential, however random the rest. Words that may
   * start a credential ({@code session}, {@code user}, {@code app}, {@code client}, {@code api},
   * {@code key}) are not here. The one list of identifier nouns: {@link HarmlessShapes} reads it
   * too.
   */
  static final Set<String> ID_NOUNS =
      Set.of(
          "org",
          "job",
          "jobs",
          "run",
          "req",
          "request",
          "trace",
          "span",
          "build",
          "commit",
          "task",
          "exec",
          "execution",
          "step",
          "event",
          "evt",
          "msg",
          "message",
          "query",
          "jr",
          "dag",
          "asset",
          "dataset",
          "container",
          "pod",
          "part",
          "obj",
          "etag",
          "hash",
          "digest",
          "sha",
          "sha1",
          "sha224",
          "sha256",
          "sha384",
          "sha512",
          "md5",
          "operation",
          "op",
          "batch",
          "snapshot",
          "bundle",
          "upload",
          "correlation",
          "transaction",
          "txn",
          "ticket",
          "incident",
          "spark",
          "application",
          "driver",
          "executor",
          "file",
          "object",
          "chunk",
          "layer",
          "blob",
          "image",
          "deploy",
          "deployment",
          "release",
          "version",
          "instance",
          "cluster",
          "node",
          "download",
          "export",
          "import",
          "report",
          "revision",
          "workflow",
          "pipeline",
          "stage",
          "attempt",
          "scheduled",
          "manual",
          "backfill",
          "triggered",
          "order",
          "invoice",
          "nonce");

  /** First words of payment-provider object ids ({@code ch_…}, {@code pi_…}, {@code cus_…}). */
  private static final Set<String> PAYMENT_ID_PREFIXES =
      Set.of(
          "ch",
          "pi",
          "pm",
          "py",
          "in",
          "ii",
          "sub",
          "si",
          "price",
          "prod",
          "re",
          "po",
          "seti",
          "src",
          "card",
          "ba",
          "acct",
          "cus",
          "inv",
          "cs",
          "prctbl",
          "plink",
          "sess",
          "payout",
          "charge",
          "refund",
          "customer",
          "ord");

  /**
   * Whether the token starts with an identifier noun and {@code _} or {@code -} ({@link
   * #ID_NOUNS}). A token holding {@code _secret_} is not an id, whatever its start: a payment
   * provider's client secret is the object's id, {@code _secret_} and the secret ({@code
   * pi_…_secret_…}, {@code seti_…_secret_…}).
   */
  static boolean idPrefix(CharSequence s, int from, int to) {
    if (holdsSecretPart(s, from, to)) {
      return false;
    }
    int limit = Math.min(to, from + 13);
    int i = from;
    while (i < limit && Character.isLetterOrDigit(s.charAt(i))) {
      i++;
    }
    if (i == from || i >= limit || (s.charAt(i) != '_' && s.charAt(i) != '-')) {
      return false;
    }
    String word = s.subSequence(from, i).toString().toLowerCase(Locale.ROOT);
    return ID_NOUNS.contains(word)
        || PAYMENT_ID_PREFIXES.contains(word)
        || (word.length() > 3 && (word.endsWith("job") || word.endsWith("run"))); // bqjob_…
  }

  private static boolean holdsSecretPart(CharSequence s, int from, int to) {
    for (int i = from; i + 8 <= to; i++) {
      if (s.charAt(i) == '_' && s.charAt(i + 7) == '_' && regionIs(s, i + 1, "secret")) {
        return true;
      }
    }
    return false;
  }

  private static boolean regionIs(CharSequence s, int at, String word) {
    for (int k = 0; k < word.length(); k++) {
      if (Character.toLowerCase(s.charAt(at + k)) != word.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /**
   * A licence or product key: 4 to 6 groups of the same length (4 to 6) of capitals and digits
   * joined by {@code -}, with digits and letters both (at least 3 of each): {@code
   * OVGI9-91UVV-Q6ESP-3TMX0-V7UXO}. UUIDs (groups of 8-4-4-4-12) and dates do not have this shape.
   */
  static boolean productKey(CharSequence s, int from, int to) {
    int len = to - from;
    if (len < 19 || len > 41) {
      return false;
    }
    int group = -1;
    int run = 0;
    int groups = 0;
    int digits = 0;
    int letters = 0;
    for (int i = from; i <= to; i++) {
      char c = i < to ? s.charAt(i) : '-';
      if (c == '-') {
        if (run < 4 || run > 6 || (group >= 0 && run != group)) {
          return false;
        }
        group = run;
        run = 0;
        groups++;
      } else if (c >= '0' && c <= '9') {
        digits++;
        run++;
      } else if (c >= 'A' && c <= 'Z') {
        letters++;
        run++;
      } else {
        return false;
      }
    }
    return groups >= 4 && groups <= 6 && digits >= 3 && letters >= 3;
  }

  /** Names whose values are places: harmless only when the value looks like one. */
  private static final Set<String> PLACE_NAMES =
      Set.of("path", "url", "uri", "file", "endpoint", "location", "key", "tag", "tags");

  /** Names of containers that say nothing about what they hold ({@code value}, {@code data}). */
  private static final Set<String> GENERIC_NAMES =
      Set.of(
          "value",
          "val",
          "data",
          "result",
          "results",
          "output",
          "return_value",
          "payload",
          "body",
          "content",
          "message",
          "msg",
          "text",
          "event",
          "line",
          "row",
          "log",
          "details",
          "detail",
          "error",
          "description",
          "args",
          "kwargs",
          "params",
          "conf",
          "extra",
          "s");

  /** Whether a name says nothing about its value. */
  static boolean genericName(String name) {
    return GENERIC.get(name);
  }

  /** {@link #genericName} decided once per distinct name (it is asked for every JSON value). */
  private static final NameCache<Boolean> GENERIC =
      new NameCache<>(name -> GENERIC_NAMES.contains(name.toLowerCase(Locale.ROOT)));

  /**
   * Whether the name makes the value {@code s[from, to)} harmless: an identifier, digest, time or
   * count by its last words; a place ({@code *_path}, {@code *_url}, an object {@code *_key}) when
   * the value looks like one. A user name of API key shape (16 or more capitals and digits,
   * Confluent's and AWS's key ids) is a credential, not a person's name.
   */
  static boolean harmlessName(String name, CharSequence s, int from, int to) {
    if (!harmlessName(name)) {
      return false;
    }
    String last = LAST_WORD.get(name);
    if ((last.equals("user") || last.equals("username") || last.equals("login"))
        && (keyIdShape(s, from, to)
            || (vendorPrefix(s, from, to) > 0 && secret(s, from, to, false))
            || (last.equals("login") && to - from >= 32 && hexRun(s, from, to - from)))) {
      return false; // sonar.login=squ_…, a token (or 40 hex) used as the login: a credential
    }
    if (!PLACE_NAMES.contains(last)) {
      return true;
    }
    if (last.equals("key") && labelledDigest(s, from, to)) {
      return true; // Cache-Key: shipments-e4a2…: a key computed from content
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '/' || c == '.' || c == ':' || c == '@') {
        return true;
      }
    }
    return false;
  }

  /**
   * Names that are a public member of a JSON Web Key (RFC 7518): the RSA modulus and exponent, the
   * EC point. The private members ({@code d}, {@code p}, {@code q}, {@code dp}, {@code dq}, {@code
   * qi}, {@code k}) are not here.
   */
  private static final Set<String> JWK_PUBLIC_MEMBERS = Set.of("n", "e", "x", "y");

  /**
   * A cache or object key built from a label and a digest ({@code shipments-e4a2…}, 32, 40 or 64
   * lower-case hex after a lower-case label of 3 to 30 characters and {@code -}, {@code _} or
   * {@code :}): derived from content, not a credential. Pulumi's {@code pul-} tokens are excluded.
   */
  static boolean labelledDigest(CharSequence s, int from, int to) {
    int n = to - from;
    for (int hex : new int[] {32, 40, 64}) {
      int d = to - hex;
      if (d - 1 < from + 3 || n > hex + 31) {
        continue;
      }
      char sep = s.charAt(d - 1);
      if ((sep != '-' && sep != '_' && sep != ':') || !lowerHex(s, d, to)) {
        continue;
      }
      boolean label = Character.isLetter(s.charAt(from));
      for (int k = from; k < d - 1 && label; k++) {
        char c = s.charAt(k);
        label = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
      }
      if (label && !(d - 1 - from == 3 && regionLower(s, from, "pul"))) {
        return true;
      }
    }
    return false;
  }

  private static boolean lowerHex(CharSequence s, int from, int to) {
    for (int k = from; k < to; k++) {
      char c = s.charAt(k);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  private static boolean regionLower(CharSequence s, int from, String word) {
    for (int k = 0; k < word.length(); k++) {
      if (s.charAt(from + k) != word.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** The name's last word, split once per distinct name (asked for every JSON value). */
  private static final NameCache<String> LAST_WORD =
      new NameCache<>(
          name -> {
            List<String> words = SensitiveKeys.words(name);
            return words.isEmpty() ? "" : words.get(words.size() - 1);
          });

  /** Whether the name's last word says its value is an identifier, digest or place. */
  static boolean harmlessName(String name) {
    return name != null && !name.isEmpty() && HARMLESS.get(name);
  }

  private static final NameCache<Boolean> HARMLESS = new NameCache<>(Shapes::decideHarmless);

  private static boolean decideHarmless(String name) {
    if (name == null || name.isEmpty()) {
      return false;
    }
    List<String> words = SensitiveKeys.words(name);
    for (String w : words) {
      if (DIGEST_WORDS.contains(w)) {
        return true;
      }
    }
    if (JWK_PUBLIC_MEMBERS.contains(name)) {
      return true; // a JSON Web Key's public modulus, exponent and curve point ("n", "e", "x", "y")
    }
    int seen = 0;
    for (int i = words.size() - 1; i >= 0 && seen < 2; i--) {
      seen++;
      String w = words.get(i);
      if (HARMLESS_NAMES.contains(w) || (seen == 1 && w.endsWith("id"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * A generated resource name: lower case and digits in segments joined by {@code -}, at least
   * three segments, none longer than 12 ({@code etl-daily-run-7f9c8b6d5-x2k9p}, a Kubernetes pod;
   * {@code job-7f3a9c1e-2025}): names made by schedulers, not credentials.
   */
  static boolean resourceName(CharSequence s, int from, int to) {
    int segments = 1;
    int run = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '-') {
        if (run == 0) {
          return false;
        }
        segments++;
        run = 0;
      } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        if (++run > 12) {
          return false;
        }
      } else {
        return false;
      }
    }
    return run > 0 && segments >= 3;
  }

  /**
   * An API key id: 16 to 32 capitals and digits only, at least 2 digits, 6 letters and 3 of them
   * past F (not upper-case hex).
   */
  static boolean keyIdShape(CharSequence s, int from, int to) {
    int len = to - from;
    if (len < 16 || len > 32) {
      return false;
    }
    int digits = 0;
    int letters = 0;
    int pastF = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (c >= 'A' && c <= 'Z') {
        letters++;
        if (c > 'F') {
          pastF++;
        }
      } else {
        return false;
      }
    }
    return digits >= 2 && letters >= 6 && pastF >= 3;
  }

  /**
   * Lower-case base32 ({@code a-z}, {@code 2-7}) of random bytes, as Azure DevOps writes its 52
   * character personal access tokens: digits 2 to 7 only and at least six of them, letters past
   * {@code f} (not hex), no words.
   */
  static boolean base32Key(CharSequence s, int from, int to) {
    int digits = 0;
    int pastF = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c >= '2' && c <= '7') {
        digits++;
      } else if (c >= 'a' && c <= 'z') {
        if (c > 'f') {
          pastF++;
        }
      } else {
        return false;
      }
    }
    int letters = to - from - digits;
    return digits >= 6 && pastF >= 8 && wordiness(s, from, to) * 2 < letters;
  }

  /** Whether {@code s[from, to)} is a random secret; {@code listed}: under a name in a listing. */
  static boolean secret(CharSequence s, int from, int to, boolean listed) {
    int len = to - from;
    if (len < (listed ? LISTED : PREFIXED_BODY) || len > Tokens.MAX_TOKEN) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (!Tokens.tokenChar(s.charAt(i))) {
        return false; // one token only: prose, JSON and lists are not a value's shape
      }
    }
    if (resourceName(s, from, to) || idPrefix(s, from, to)) {
      return false;
    }
    if (productKey(s, from, to)) {
      return true;
    }
    int prefix = vendorPrefix(s, from, to);
    if (prefix > 0 && to - prefix >= PREFIXED_BODY && body(s, prefix, to, true)) {
      return true;
    }
    if (listed && keyIdShape(s, from, to) && !isUlid(s, from, to)) {
      return true;
    }
    if (len == 52 && base32Key(s, from, to)) {
      return true; // an Azure DevOps personal access token, wherever it is printed
    }
    return len >= (listed ? LISTED : FREE_TEXT) && body(s, from, to, listed);
  }

  /**
   * Hex of 20 or more characters (letters and digits both) under a name that is no identifier,
   * digest or place: a key or token printed as hex ({@code "ingest_handle": "616ef88b…"}).
   */
  static boolean namedHex(String name, CharSequence s, int from, int to) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith("ref")
        || n.endsWith("rev")
        || n.endsWith("sha")
        || n.endsWith("head")
        || n.endsWith("tag")
        || n.endsWith("event")
        || n.endsWith("key")) {
      return false; // git refs and revisions, event ids, object keys: hex that is no secret
    }
    int len = to - from;
    if (len < 20 || len > 128) {
      return false;
    }
    boolean letter = false;
    boolean digit = false;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digit = true;
      } else if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) {
        letter = true;
      } else {
        return false;
      }
    }
    return letter && digit;
  }

  /**
   * Whether {@code s[from, to)} reads as a generated password with punctuation: 12 to 128 printable
   * characters without spaces or quotes, upper and lower case letters, a digit and a symbol other
   * than the separators of paths, hosts, e-mails, dates and versions ({@code - _ . / : @}), few
   * letters in words. Not a URL, a path, a template, a format string or a query string of {@code
   * name=value} pairs.
   */
  static boolean passwordLike(CharSequence s, int from, int to) {
    int len = to - from;
    if (len < PASSWORD_MIN || len > PASSWORD_MAX) {
      return false;
    }
    char first = s.charAt(from);
    if ("/~.$<{%[(".indexOf(first) >= 0) {
      return false;
    }
    int upper = 0;
    int lower = 0;
    int digit = 0;
    int strong = 0;
    int equals = 0;
    int amps = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c <= ' ' || c >= 127 || c == '"' || c == '\'' || c == '\\' || c == '`') {
        return false;
      }
      if (c >= 'A' && c <= 'Z') {
        upper++;
      } else if (c >= 'a' && c <= 'z') {
        lower++;
      } else if (c >= '0' && c <= '9') {
        digit++;
      } else if ("-_./:@".indexOf(c) < 0) {
        strong++;
        if (c == '=') {
          equals++;
        } else if (c == '&') {
          amps++;
        }
        if ((c == '{' || c == '$' || c == '%')
            && i + 1 < to
            && (s.charAt(i + 1) == '{' || s.charAt(i + 1) == '(' || s.charAt(i + 1) == 's')) {
          return false; // {{ template }}, ${VAR}, %(name)s, %s
        }
      }
      if (c == ':' && i + 2 < to && s.charAt(i + 1) == '/' && s.charAt(i + 2) == '/') {
        return false;
      }
    }
    if (upper == 0 || lower == 0 || digit == 0 || strong == 0 || upper + lower < 6) {
      return false;
    }
    if (caseRuns(s, from, to, 1) < 2 || caseRuns(s, from, to, 2) < 2) {
      return false; // en-US,en;q=0.9, UTF-8;q=0.9: one run of capitals, not random
    }
    if (equals > 0 && amps > 0 && queryString(s, from, to)) {
      return false;
    }
    return wordiness(s, from, to) * 3 < upper + lower;
  }

  /**
   * Where the password of a {@code user:password} pair starts, when {@code s[from, to)} is one (12
   * characters or more in all): a user name (a letter, then letters, digits, {@code . _ -}; at most
   * 64), one {@code :}, and 8 to 128 characters with upper and lower case, a digit and a symbol
   * other than {@code - _ .}, no {@code : @ /} (no host, port, URL or path) and few words; else -1.
   */
  static int credentialPair(CharSequence s, int from, int to) {
    int c = from;
    int limit = Math.min(to, from + 65);
    if (to - from < PASSWORD_MIN || !Character.isLetter(s.charAt(from))) {
      return -1; // 12 or more: SecretPrefilter's run of mixed characters covers it
    }
    while (c < limit && s.charAt(c) != ':') {
      char ch = s.charAt(c);
      if (!(Character.isLetterOrDigit(ch) || ch == '.' || ch == '_' || ch == '-')) {
        return -1;
      }
      c++;
    }
    if (c >= limit || s.charAt(c) != ':') {
      return -1;
    }
    int p = c + 1;
    int len = to - p;
    if (len < 8 || len > PASSWORD_MAX) {
      return -1;
    }
    int upper = 0;
    int lower = 0;
    int digit = 0;
    int symbol = 0;
    for (int i = p; i < to; i++) {
      char ch = s.charAt(i);
      if (ch >= 'A' && ch <= 'Z') {
        upper++;
      } else if (ch >= 'a' && ch <= 'z') {
        lower++;
      } else if (ch >= '0' && ch <= '9') {
        digit++;
      } else if (ch == ':' || ch == '@' || ch == '/' || ch <= ' ' || ch >= 127) {
        return -1;
      } else if (ch != '-' && ch != '_' && ch != '.') {
        symbol++;
        if ((ch == '{' || ch == '$' || ch == '%')
            && i + 1 < to
            && (s.charAt(i + 1) == '{' || s.charAt(i + 1) == '(' || s.charAt(i + 1) == 's')) {
          return -1; // {{ template }}, ${VAR}, %(name)s
        }
      }
    }
    if (upper == 0 || lower == 0 || digit == 0 || symbol == 0) {
      return -1;
    }
    return wordiness(s, p, to) * 2 < upper + lower ? p : -1;
  }

  /** Maximal runs of upper-case ({@code want} 1) or lower-case (2) letters. */
  private static int caseRuns(CharSequence s, int from, int to, int want) {
    int runs = 0;
    int prev = 0; // 1 upper, 2 lower, 0 other
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      int kind = c >= 'A' && c <= 'Z' ? 1 : c >= 'a' && c <= 'z' ? 2 : 0;
      if (kind == want && kind != prev) {
        runs++;
      }
      prev = kind;
    }
    return runs;
  }

  /** {@code a=1&b=two}: every {@code &}-separated piece is a name of letters, '=' and a value. */
  private static boolean queryString(CharSequence s, int from, int to) {
    int piece = from;
    for (int i = from; i <= to; i++) {
      if (i == to || s.charAt(i) == '&') {
        int eq = -1;
        for (int k = piece; k < i; k++) {
          if (s.charAt(k) == '=') {
            eq = k;
            break;
          }
        }
        if (eq - piece < 2) {
          return false;
        }
        for (int k = piece; k < eq; k++) {
          char c = s.charAt(k);
          if (!(Character.isLetter(c) || c == '_' || c == '-' || c == '.')) {
            return false;
          }
        }
        piece = i + 1;
      }
    }
    return true;
  }

  /** Words of a name under which a UUID is a key (Opsgenie, PagerDuty, Feishu, webhooks). */
  private static final Set<String> UUID_KEY_WORDS =
      Set.of(
          "integration",
          "routing",
          "genie",
          "geniekey",
          "hook",
          "webhook",
          "apikey",
          "api",
          "key",
          "token",
          "secret",
          "auth",
          "license",
          "subscription");

  /**
   * A UUID (the whole value) under a name that says it is a key rather than an identifier ({@code
   * OPSGENIE_INTEGRATION}, {@code routing_key}, {@code hook_token}); not under {@code *_id}, {@code
   * uuid} or other identifier names (the caller checks those).
   */
  static boolean uuidKey(String name, CharSequence s, int from, int to) {
    if (to - from != 36 || !hasUuid(s, from, to)) {
      return false;
    }
    for (String w : SensitiveKeys.words(name)) {
      if (UUID_KEY_WORDS.contains(w)) {
        return true;
      }
    }
    return false;
  }

  /**
   * False only when {@link #secretUnderName} is false for every value under {@code name}, by the
   * name alone (the walk then skips the value rules for it); kept in step with that method's first
   * checks ({@code NameGatesTest} tries it against every corpus value).
   */
  static boolean maySecretUnderName(String name) {
    if (name == null || genericName(name) || SecretNames.declines(name)) {
      return false;
    }
    if (!harmlessName(name)) {
      return true;
    }
    // harmlessName(name, value) holds for every value unless the last word is a user or a place.
    String last = LAST_WORD.get(name);
    return last.equals("user")
        || last.equals("username")
        || last.equals("login")
        || PLACE_NAMES.contains(last);
  }

  /** A value under a property of this name is a secret by its shape (structured data). */
  static boolean secretUnderName(String name, String value) {
    if (name == null
        || genericName(name)
        || harmlessName(name, value, 0, value.length())
        || SecretNames.declines(name)
        || HarmlessShapes.harmless(value, 0, value.length())) {
      return false;
    }
    boolean random =
        secret(value, 0, value.length(), true)
            || namedHex(name, value, 0, value.length())
            || passwordLike(value, 0, value.length())
            || uuidKey(name, value, 0, value.length());
    // Base64 of text with words or JSON, or of public binary: the decoding scan decides (a
    // pagination cursor, a certificate), not the shape.
    return random && !Tokens.encodedProse(value);
  }

  /**
   * End of a vendor prefix ({@code gsk_}, {@code pscale_pw_}, {@code sq0csp-}, {@code dt0c01.}) at
   * {@code from}, or -1.
   */
  static int vendorPrefix(CharSequence s, int from, int to) {
    int i = from;
    if (i >= to || !Character.isLetter(s.charAt(i))) {
      return -1;
    }
    int limit = Math.min(to, from + 20);
    int parts = 0;
    while (i < limit && parts < 3) {
      int w = i;
      while (i < limit && Character.isLetterOrDigit(s.charAt(i))) {
        i++;
      }
      if (i == w || i - w > 12 || i >= limit) {
        return -1;
      }
      char c = s.charAt(i);
      if (c != '_' && c != '-' && c != '.') {
        return -1;
      }
      if (parts == 0) {
        String first = s.subSequence(w, i).toString().toLowerCase(Locale.ROOT);
        if (HARMLESS_PREFIXES.contains(first)) {
          return -1;
        }
      }
      parts++;
      i++;
      if (i < to && i - from >= 3 && looksLikeBodyStart(s, i, to)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean looksLikeBodyStart(CharSequence s, int i, int to) {
    int run = 0;
    for (int j = i; j < to && j < i + PREFIXED_BODY; j++) {
      char c = s.charAt(j);
      if (!Character.isLetterOrDigit(c) && c != '_' && c != '-') {
        return false;
      }
      run++;
    }
    return run >= PREFIXED_BODY;
  }

  /**
   * Whether a body is random: mixed case and digits without words; after a prefix or in a listing
   * also long hex (prefixed only) and lower- or upper-case letters mixed with digits.
   */
  static boolean body(CharSequence s, int from, int to, boolean lenient) {
    return body(s, from, to, lenient, 20);
  }

  /** {@link #body}, with the shortest one-case-and-digits body given. */
  static boolean body(CharSequence s, int from, int to, boolean lenient, int oneCaseMin) {
    int upper = 0;
    int lower = 0;
    int digit = 0;
    int other = 0;
    int hex = 0;
    int transitions = 0;
    int underscores = 0;
    int dashes = 0;
    int letterSet = 0; // bit (c - 'a') for each ASCII letter, either case
    boolean nonAscii = false;
    int prevKind = -1;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      int kind;
      if (c >= 'A' && c <= 'Z') {
        upper++;
        kind = 0;
        letterSet |= 1 << (c - 'A');
      } else if (c >= 'a' && c <= 'z') {
        lower++;
        kind = 1;
        letterSet |= 1 << (c - 'a');
        if (c <= 'f') {
          hex++;
        }
      } else if (c >= '0' && c <= '9') {
        digit++;
        hex++;
        kind = 2;
      } else {
        other++;
        kind = 3;
        nonAscii |= c >= 128;
        if (c == '_') {
          underscores++;
        } else if (c == '-') {
          dashes++;
        }
      }
      if (prevKind >= 0 && kind != prevKind && kind != 3 && prevKind != 3) {
        transitions++;
      }
      prevKind = kind;
    }
    int len = to - from;
    int letters = upper + lower;
    if (letters == 0 || digit == len) {
      return false;
    }
    boolean onlyHex = upper == 0 && hex + other == len;
    if (onlyHex) {
      // A hash or digest, unless a vendor prefix says it is a key (squ_<hex>, sk-<hex>).
      return lenient && hex >= 32 && isPrefixedContext(s, from);
    }
    // Each check only where the counts allow it (a run id needs "__", a UUID four '-' in 36
    // characters): most bodies skip the scans.
    if ((underscores >= 2 && isRunId(s, from, to))
        || isUlid(s, from, to)
        || (dashes >= 4 && len >= 36 && hasUuid(s, from, to))
        || ((nonAscii || (letterSet & AIRFLOW_LETTERS) == AIRFLOW_LETTERS)
            && containsIgnoreCase(s, from, to, "airflow"))) {
      return false;
    }
    if (upper >= 2 && lower >= 2 && digit >= (lenient ? 1 : 2)) {
      return wordiness(s, from, to) * 2 < letters && transitions * 4 >= len;
    }
    if (!lenient) {
      return false;
    }
    if (digit * 100 >= len * 15
        && transitions * 3 >= len
        && Math.min(upper, lower) <= 2
        && len >= oneCaseMin) {
      return wordiness(s, from, to) * 2 < letters; // lower+digit or UPPER+DIGIT, interleaved
    }
    if (digit == 0 && upper >= 4 && lower >= 4 && len >= 20 && transitions * 3 >= len) {
      return wordiness(s, from, to) * 4 < letters; // mixed case without digits, no words
    }
    return false;
  }

  /**
   * The letters of "airflow" as bits of {@code body}'s letter set: without all of them (and without
   * a character outside ASCII, which may fold to one) the word cannot occur.
   */
  private static final int AIRFLOW_LETTERS = letterBits("airflow");

  private static int letterBits(String lower) {
    int bits = 0;
    for (int i = 0; i < lower.length(); i++) {
      bits |= 1 << (lower.charAt(i) - 'a');
    }
    return bits;
  }

  private static boolean isPrefixedContext(CharSequence s, int from) {
    return from > 0
        && (s.charAt(from - 1) == '_' || s.charAt(from - 1) == '-' || s.charAt(from - 1) == '.');
  }

  /** Letters that belong to words: runs of 4+ lower case (after an optional capital). */
  static int wordiness(CharSequence s, int from, int to) {
    int words = 0;
    int i = from;
    while (i < to) {
      int start = i;
      char first = s.charAt(i);
      if (first < 128 ? first >= 'A' && first <= 'Z' : Character.isUpperCase(first)) {
        i++;
      }
      int ls = i;
      int vowels = 0; // counted in the same pass as the run
      while (i < to) {
        char c = s.charAt(i);
        if (c < 'a' || c > 'z') {
          break;
        }
        if (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y') {
          vowels++;
        }
        i++;
      }
      int run = i - ls;
      if ((run >= 4 && vowels * 4 >= run) || (run >= 3 && i - start == 4 && vowels > 0)) {
        words += i - start;
      }
      if (i == start) {
        i++;
      }
    }
    return words;
  }

  private static boolean containsIgnoreCase(CharSequence s, int from, int to, String lower) {
    int n = lower.length();
    outer:
    for (int i = from; i + n <= to; i++) {
      for (int k = 0; k < n; k++) {
        char c = s.charAt(i + k);
        // ASCII folds by itself; Character.toLowerCase only outside ASCII (U+0130 folds to 'i').
        char folded =
            c < 128 ? (c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) : Character.toLowerCase(c);
        if (folded != lower.charAt(k)) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /** A UUID (8-4-4-4-12 hex) anywhere in the token: an identifier. */
  private static boolean hasUuid(CharSequence s, int from, int to) {
    for (int i = from; i + 36 <= to; i++) {
      if (s.charAt(i + 8) == '-'
          && s.charAt(i + 13) == '-'
          && s.charAt(i + 18) == '-'
          && s.charAt(i + 23) == '-'
          && hexRun(s, i, 8)
          && hexRun(s, i + 9, 4)
          && hexRun(s, i + 14, 4)
          && hexRun(s, i + 19, 4)
          && hexRun(s, i + 24, 12)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the {@code n} characters of {@code s} from {@code from} are all hex digits. */
  static boolean hexRun(CharSequence s, int from, int n) {
    for (int i = from; i < from + n; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return true;
  }

  /** {@code manual__2025-…}, {@code scheduled__…}: Airflow run ids ({@code __} then a date). */
  private static boolean isRunId(CharSequence s, int from, int to) {
    for (int i = from; i + 5 < to; i++) {
      if (s.charAt(i) == '_'
          && s.charAt(i + 1) == '_'
          && Character.isDigit(s.charAt(i + 2))
          && Character.isDigit(s.charAt(i + 3))
          && Character.isDigit(s.charAt(i + 4))
          && Character.isDigit(s.charAt(i + 5))) {
        return true;
      }
    }
    return false;
  }

  /** 26 characters of Crockford base32 in upper case. */
  private static boolean isUlid(CharSequence s, int from, int to) {
    if (to - from != 26) {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) {
        return false;
      }
    }
    return true;
  }

  /** For tests and docs: the harmless shapes, by name. */
  static List<String> harmlessShapes() {
    return List.of(
        "hex (hashes, digests, trace ids)",
        "UUID",
        "ULID",
        "numbers",
        "Airflow run ids",
        "camelCase and snake_case words",
        "dotted names and versions",
        "paths and URLs (segment by segment)",
        "values under id/hash/name/path/url/time names");
  }
}
