package dev.airflowmcp.runtime.redaction;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Secrets given by name in free text: {@code password=…}, {@code "secret": "…"}, {@code
 * 'api_key': '…'}, {@code AWS_SECRET_ACCESS_KEY=…}, {@code --password …}, {@code <password>…<}, a
 * Kubernetes {@code {name: DB_PASSWORD, value: …}} pair, HTTP headers ({@code Authorization:
 * Bearer …}, {@code X-Vault-Token: …}), query parameters ({@code &sig=…}, {@code
 * X-Amz-Signature=…}) and JDBC/ODBC settings ({@code Pwd=…;}), with quotes escaped to any depth.
 *
 * <p>A name counts when its words (camelCase split, lower case) hold a secret word in a
 * secret position: {@code password}, {@code passwd}, {@code passphrase} or {@code secret}
 * anywhere; {@code token}, {@code pass}, {@code pwd} at the end; {@code key} after {@code api},
 * {@code access}, {@code private}, {@code account}, … — and the last word is not one that names
 * metadata about the secret ({@code token_type}, {@code password_policy}, {@code secret_name},
 * {@code private_key_id}, {@code token_uri}, …). The value must not be a placeholder, a
 * reference ({@code $PG_PASS}, {@code {{ conn.x.password }}}), code ({@code Variable.get(…)}) or
 * a path to a key file.
 */
final class Assignments {

  private static final Set<String> METADATA =
      Set.of(
          "type", "types", "length", "len", "policy", "policies", "name", "names", "id", "ids",
          "file", "files", "path", "paths", "dir", "directory", "env", "var", "field", "fields",
          "hint", "prompt", "min", "max", "count", "used", "expiry", "expires", "expired",
          "expiration", "exp", "ttl", "uri", "url", "endpoint", "version", "versions", "rotation",
          "backend", "backends", "manager", "enabled", "required", "set", "provider", "kind",
          "format", "mode", "strategy", "class", "arn", "ref", "reference", "location", "source",
          "method", "methods", "scope", "scopes", "algorithm", "alg", "size", "bits", "store",
          "regex", "pattern", "label", "description", "desc", "status", "state", "error",
          "errors", "message", "msg", "exists", "valid", "limit", "timeout", "retries",
          "attempts", "date", "time", "at", "age", "template", "cmd", "command", "prefix",
          "suffix", "index", "idx", "num", "number", "lifetime", "duration", "interval", "key",
          "keys", "header", "lookup", "mount", "mountpoint", "engine", "cache", "hash", "salt",
          "chars", "changed", "reset", "strength", "validator", "validation", "check",
          "checks", "hook", "conn", "connection", "option", "options", "config", "settings",
          "kwargs", "args", "param", "params", "flag", "flags", "service", "server", "host",
          "port", "user", "username", "login", "email", "client", "owner", "project", "region",
          "zone", "account", "accounts", "principal", "role", "group", "policy_arn", "issuer",
          "audience", "subject", "claims", "scheme", "schema", "level", "stage", "in", "out",
          "sha", "sha256", "md5", "checksum", "fingerprint", "thumbprint", "permissions",
          "labels", "tag", "tags", "parameter", "parameters", "storage", "folder",
          "bucket", "table", "column", "db", "database");

  /** Airflow options that also come as {@code <option>_secret} (a secrets backend key). */
  private static final Set<String> AIRFLOW_SECRET_OPTIONS =
      Set.of("SQL_ALCHEMY_CONN", "FERNET_KEY", "BROKER_URL", "RESULT_BACKEND",
          "FLOWER_BASIC_AUTH", "SMTP_PASSWORD", "SECRET_KEY", "SENTRY_DSN", "JWT_SECRET",
          "SQL_ALCHEMY_ENGINE_ARGS", "SQL_ALCHEMY_CONN_ASYNC", "CELERY_BROKER_URL");

  /** Words before {@code key} that make it a secret ({@code api_key}, {@code account_key}, …). */
  private static final Set<String> KEY_QUALIFIERS =
      Set.of(
          "api", "access", "secret", "private", "account", "master", "signing", "encryption",
          "fernet", "service", "app", "application", "auth", "license", "storage", "shared",
          "subscription", "sas", "admin", "write", "read", "ingest", "webhook", "hmac", "ssh",
          "gpg", "pgp", "crypt", "cipher", "client", "consumer", "mgmt", "management", "rest",
          "secure", "session", "server", "developer", "dev", "live", "prod", "test", "cluster",
          "sendgrid", "mailgun", "stripe", "twilio", "datadog", "dd", "openai", "anthropic",
          "gemini", "google", "maps", "firebase", "algolia", "pagerduty", "routing",
          "integration", "x", "user", "personal", "bot", "jwt", "cookie", "csrf", "django",
          "flask", "webserver", "primary", "secondary", "root", "sasl");

  /** Single words that are secret names on their own. */
  private static final Set<String> SECRET_WORDS =
      Set.of(
          "apikey", "accesskey", "secretkey", "privatekey", "accountkey", "appkey", "masterkey",
          "licensekey", "authkey", "sessionkey", "signingkey", "pwd", "pass", "pw", "dsn",
          "credentials", "credential", "creds", "cred", "sig", "signature", "token",
          "authorization", "passphrase", "connectionstring", "connstr", "conn_str",
          "keyfile_dict", "cookie", "pat", "jsessionid", "phpsessid", "sessionid", "sessid",
          "aspsessionid");

  /** Names that contain a secret word but name a product or a reference. */
  private static final Set<String> NOT_SECRET_NAMES =
      Set.of("secretsmanager", "secretmanager", "secretkeyref", "secretref", "secretname",
          "secretstore", "secrets", "passwordless", "tokenizer", "bypass", "passthrough");

  /** Words that make a token a pointer, not a credential ({@code next_page_token}). */
  private static final Set<String> NOT_CREDENTIAL =
      Set.of("page", "continuation", "pagination", "cursor", "sync", "next", "csrf", "xsrf",
          "file", "resume", "idempotency", "max", "total", "num", "input", "output", "prompt",
          "completion", "cached", "reasoning", "count", "eos", "bos", "pad", "unk", "sep", "cls",
          "mask", "special");

  /** Schemes that come before the credential in an {@code Authorization} header. */
  private static final Set<String> AUTH_SCHEMES =
      Set.of(
          "bearer", "basic", "token", "bot", "ssws", "apikey", "api-key", "key", "jwt",
          "negotiate", "ntlm", "splunk", "geniekey", "dsn", "sharedkey", "sharedkeylite", "oauth",
          "klaviyo-api-key", "pat", "pvetoken", "vault", "aws4-hmac-sha256", "digest", "hmac");

  private enum Strength {
    NONE,
    /** A secret name: any non-placeholder value is masked. */
    STRONG,
    /** A name that sometimes holds a secret ({@code sig}): only token-like values are masked. */
    WEAK,
    /** An {@code Authorization}-style header: a scheme, then the credential. */
    HEADER
  }

  private final String text;
  private final Spans spans;
  private final List<String> values;
  private final Set<Integer> seen = new HashSet<>();
  /** End of the last value read: keywords inside a value are part of it, not new names. */
  private int consumedUntil;

  /** Longest unquoted value read; a longer run is no value anyone typed. */
  static final int MAX_VALUE = 4096;
  /** How far spaces, backslashes and quotes around a separator are skipped. */
  private static final int SMALL = 64;

  Assignments(String text, Spans spans, List<String> values) {
    this.text = text;
    this.spans = spans;
    this.values = values;
  }

  private static boolean isNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
        || c == '-' || c == '.';
  }

  /** Looks at the name around the keyword found at {@code [ks, ke)}. */
  void at(int ks, int ke, int lineStart, int lineEnd) {
    if (ks < consumedUntil) {
      return;
    }
    int ns = ks;
    int leftLimit = Math.max(lineStart, ks - 81);
    while (ns > leftLimit && isNameChar(text.charAt(ns - 1))) {
      ns--;
    }
    int ne = ke;
    int rightLimit = Math.min(lineEnd, ke + 81);
    while (ne < rightLimit && isNameChar(text.charAt(ne))) {
      ne++;
    }
    // A name cannot end in '.' or '-' ("password." at the end of a sentence).
    while (ne > ke && (text.charAt(ne - 1) == '.' || text.charAt(ne - 1) == '-')) {
      ne--;
    }
    if (ne - ns > 80 || !seen.add(ns)) {
      return;
    }
    boolean flag = text.charAt(ns) == '-';
    int nameStart = ns;
    while (nameStart < ne && (text.charAt(nameStart) == '-' || text.charAt(nameStart) == '.')) {
      nameStart++;
    }
    if (nameStart >= ne) {
      return;
    }
    if (nameStart > 0 && text.charAt(nameStart - 1) == ':') {
      return; // a segment of a colon chain: arn:aws:secretsmanager:…
    }
    String name = text.substring(nameStart, ne);
    String lower = name.toLowerCase(Locale.ROOT);
    firstOnLine = startsLine(ns, lineStart);
    flagName = flag;
    colonInName = false;
    if (lower.equals("bearer") || lower.equals("basic")) {
      scheme(lower, ne, lineEnd);
      return;
    }
    int sep = separator(ne, lineEnd, flag, ns);
    if (sep < 0) {
      if (Statements.sqlLiteral(text, name, nameStart, ne, lineStart, lineEnd, this::add)) {
        return;
      }
      if (!callPair(name, nameStart, ne, lineEnd) && !envPair(name, ne, lineEnd)
          && !xmlPair(name, ne)) {
        afterWords(name, ne, lineEnd);
      }
      return;
    }
    Strength strength = classify(name);
    if (strength == Strength.NONE) {
      return;
    }
    if (strength == Strength.WEAK && lower.equals("sig")) {
      char before = nameStart > 0 ? text.charAt(nameStart - 1) : ' ';
      if (before != '?' && before != '&' && before != ';') {
        return;
      }
    }
    // 'password': 'x' (a quoted name, then ':') is an item of a dict or JSON literal: its quoted
    // value is the literal string held under the name, never a reference to another setting.
    char open = nameStart > 0 ? text.charAt(nameStart - 1) : ' ';
    boolean colon = text.charAt(sepChar) == ':';
    boolean dictItem =
        (open == '\'' || open == '"') && ne < lineEnd && text.charAt(ne) == open && colon;
    value(sep, lineEnd, strength, colon, dictItem);
  }

  /** Index of the separator character found by {@link #separator}, for the caller. */
  private int sepChar;

  /** Whether the current name starts its line (a config-file line: the value ends the line). */
  private boolean firstOnLine;
  /** Whether the current name is a command-line flag ({@code --password}). */
  private boolean flagName;
  /** Whether the current name ends a colon chain or sits in a URL ({@code ?password=}). */
  private boolean colonInName;

  /** {@code {{ … }}} or {@code {% … %}} starts at {@code i}: a template, not a value. */
  private boolean isTemplateAt(int i, int lineEnd) {
    if (i + 1 >= lineEnd || (text.charAt(i + 1) != '{' && text.charAt(i + 1) != '%')) {
      return false;
    }
    int limit = Math.min(lineEnd, i + MAX_VALUE);
    String close = text.charAt(i + 1) == '{' ? "}}" : "%}";
    int at = text.indexOf(close, i + 2);
    return at > 0 && at < limit;
  }

  /** Whether a quote is the next character after spaces ({@code ('user', 'pw')}). */
  private boolean quoteFollows(int from, int lineEnd) {
    int i = from;
    while (i < lineEnd && i < from + SMALL && text.charAt(i) == ' ') {
      i++;
    }
    return i < lineEnd && isQuote(text.charAt(i));
  }

  /**
   * The closing brace of an ODBC braced value starting at {@code from}: a {@code '}'} not doubled,
   * followed by {@code ;}, a space or the end of the line; -1 when there is none.
   */
  private int odbcBraceEnd(int from, int lineEnd) {
    int limit = Math.min(lineEnd, from + MAX_VALUE);
    for (int j = from; j < limit; j++) {
      char ch = text.charAt(j);
      if (ch == '{' && j > from) {
        return -1;
      }
      if (ch == '}') {
        if (j + 1 < lineEnd && text.charAt(j + 1) == '}') {
          j++;
          continue;
        }
        if (j + 1 >= lineEnd || text.charAt(j + 1) == ';' || text.charAt(j + 1) == ' '
            || text.charAt(j + 1) == '"' || text.charAt(j + 1) == '\'') {
          return j;
        }
        return -1;
      }
    }
    return -1;
  }

  /** Whether only spaces, {@code export }, {@code - } or a quote precede {@code ns} on its line. */
  private boolean startsLine(int ns, int lineStart) {
    int i = ns - 1;
    if (i >= lineStart && (text.charAt(i) == '"' || text.charAt(i) == '\'')) {
      return false; // a quoted name: JSON or a dict, values are quoted or end at punctuation
    }
    while (i >= lineStart && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i--;
    }
    if (i < lineStart) {
      return true;
    }
    if (text.charAt(i) == '-' && (i == lineStart || text.charAt(i - 1) == ' ')) {
      int j = i - 1;
      while (j >= lineStart && text.charAt(j) == ' ') {
        j--;
      }
      return j < lineStart;
    }
    if (i >= lineStart + 5 && text.startsWith("export", i - 5)) {
      int j = i - 6;
      while (j >= lineStart && text.charAt(j) == ' ') {
        j--;
      }
      return j < lineStart;
    }
    return false;
  }

  /**
   * Finds what follows a name: an optional closing quote (escaped or not), spaces, then {@code =},
   * {@code :}, {@code :=} or {@code =>}; for a command-line flag, a space; for an XML element,
   * {@code >}.
   *
   * @return where the value starts (before any spaces), or -1
   */
  private int separator(int ne, int lineEnd, boolean flag, int ns) {
    lineEnd = Math.min(lineEnd, ne + SMALL);
    int i = ne;
    while (i < lineEnd && text.charAt(i) == '\\') {
      i++;
    }
    if (i < lineEnd && (text.charAt(i) == '"' || text.charAt(i) == '\'')) {
      i++;
    } else {
      i = ne;
    }
    if (i < lineEnd && text.charAt(i) == '>' && ns > 0 && text.charAt(ns - 1) == '<') {
      sepChar = i;
      return i + 1; // <password>value</password>
    }
    int spaces = i;
    while (i < lineEnd && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    if (i >= lineEnd) {
      return -1;
    }
    char c = text.charAt(i);
    if (c == '=') {
      if (i + 1 < lineEnd && text.charAt(i + 1) == '=') {
        boolean spaced = i > ne || (i + 2 < lineEnd && text.charAt(i + 2) == ' ');
        if (spaced || i + 2 >= lineEnd) {
          return -1; // a comparison
        }
        sepChar = i;
        return i + 1; // password==x… in a DSN: the value starts with '='
      }
      sepChar = i;
      return i + 1 < lineEnd && text.charAt(i + 1) == '>' ? i + 2 : i + 1;
    }
    if (c == ':') {
      if (i + 1 < lineEnd && (text.charAt(i + 1) == ':' || text.charAt(i + 1) == '/')) {
        return -1; // Foo::bar, scheme://
      }
      sepChar = i;
      return i + 1 < lineEnd && text.charAt(i + 1) == '=' ? i + 2 : i + 1;
    }
    if (flag && i > spaces && c != '-') {
      sepChar = spaces;
      return spaces; // --password value
    }
    return -1;
  }

  /**
   * Reads and masks the value that starts at {@code start} (spaces skipped here).
   *
   * @param dictItem whether the name is a quoted key of a dict or JSON literal: its quoted value is
   *     then the string itself, never a reference to another setting
   */
  private void value(int start, int lineEnd, Strength strength, boolean colon, boolean dictItem) {
    int i = start;
    int spacesLimit = Math.min(lineEnd, start + SMALL);
    while (i < spacesLimit && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    if (i >= lineEnd) {
      return;
    }
    // Python string prefixes: b'…', r"…", f"…".
    int q = i;
    if (q + 1 < lineEnd && "bBrRuUfFN".indexOf(text.charAt(q)) >= 0
        && isQuote(text.charAt(q + 1))) {
      q++;
    }
    int backslashes = 0;
    while (q < lineEnd && text.charAt(q) == '\\' && backslashes < SMALL) {
      q++;
      backslashes++;
    }
    if (q < lineEnd && isQuote(text.charAt(q))) {
      char quote = text.charAt(q);
      int vs = q + 1;
      int ve = closingQuote(vs, lineEnd, quote, backslashes);
      if (ve < 0 && backslashes == 0 && q == i) {
        // No closing quote: the quote is the value's first character ("?byY… as a password).
        ve = firstOnLine && !flagName ? ValueReader.restOfLine(text, q, lineEnd)
            : ValueReader.inlineEnd(text, q + 1, lineEnd);
        consumedUntil = ve;
        if (ve - q >= 4 && ve - q <= MAX_VALUE && strength != Strength.HEADER) {
          accept(q, ve, text.substring(q, ve), strength, false, dictItem);
        }
        return;
      }
      if (ve < 0) {
        consumedUntil = Math.min(lineEnd, vs + MAX_VALUE);
        return;
      }
      consumedUntil = ve;
      String v = text.substring(vs, ve);
      if (strength == Strength.HEADER) {
        header(vs, ve);
      } else {
        accept(vs, ve, v, strength, true, dictItem);
      }
      return;
    }
    if (backslashes > 0) {
      return;
    }
    char c = text.charAt(i);
    if (c == '{' && !isTemplateAt(i, lineEnd)) {
      int close = odbcBraceEnd(i + 1, lineEnd);
      if (close > i) {
        // ODBC braces: PWD={p@ss;word}; ("}}" stands for one '}')
        String inner = text.substring(i + 1, close);
        consumedUntil = close;
        if (!inner.contains("\"") && !inner.contains("'") && !inner.contains(": ")) {
          accept(i + 1, close, inner, strength, true, dictItem);
        }
        return;
      }
    }
    if ((c == '(' || c == '[') && quoteFollows(i + 1, lineEnd)) {
      tuple(i, lineEnd);
      return;
    }
    if (c == '$' && i + 1 < lineEnd && (text.charAt(i + 1) == '{' || text.charAt(i + 1) == '(')) {
      return; // ${PG_PASS}, ${PG_PASS:-}, $(cat /run/secrets/pg): references, not values
    }
    int ve = ValueReader.inlineEnd(text, i, lineEnd);
    if (firstOnLine && !flagName && !colonInName) {
      // A config-file line: the value is the rest of the line, punctuation and all; after ':'
      // only when it is one word ("secret: see the vault" is prose).
      int rest = ValueReader.restOfLine(text, i, lineEnd);
      if (!colon || text.substring(i, rest).indexOf(' ') < 0) {
        ve = Math.max(ve, rest);
      }
    }
    consumedUntil = Math.max(consumedUntil, ve);
    if (ve - i > MAX_VALUE) {
      return;
    }
    // Trailing sentence punctuation is not part of a value.
    while (ve > i && (text.charAt(ve - 1) == '.' || text.charAt(ve - 1) == ':')) {
      ve--;
    }
    if (ve <= i) {
      return;
    }
    String v = text.substring(i, ve);
    if (strength == Strength.HEADER) {
      headerUnquoted(i, ve, lineEnd);
      return;
    }
    if (colon) {
      // "Token: signature has expired" is prose; "password: hunter2" at the end is a value.
      int rest = ve;
      int restLimit = Math.min(lineEnd, ve + SMALL);
      while (rest < restLimit && (text.charAt(rest) == ' ' || text.charAt(rest) == '\t')) {
        rest++;
      }
      boolean more = rest < lineEnd && ve < rest && Character.isLetterOrDigit(text.charAt(rest));
      if (more && !looksRandom(v)) {
        return;
      }
    }
    if (isCode(v) || isPath(v) || isSetting(v)) {
      return;
    }
    accept(i, ve, v, strength, false, dictItem);
  }

  private int indexOf(char c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (text.charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }

  private boolean endsUnquoted(int i) {
    char c = text.charAt(i);
    switch (c) {
      case ' ', '\t', '\r', '\n', ',', ';', '&', ')', ']', '}', '"', '\'', '<', '>', '|', '`' -> {
        return true;
      }
      case '\\' -> {
        if (i + 1 < text.length()) {
          char n = text.charAt(i + 1);
          return n == '"' || n == '\'' || n == 'n' || n == 'r' || n == 't' || n == '\\';
        }
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  /** {@code ('user', 'password')} after {@code auth=}: the second string is the secret. */
  private void tuple(int open, int lineEnd) {
    int first = -1;
    int strings = 0;
    int i = open + 1;
    lineEnd = Math.min(lineEnd, open + 512);
    while (i < lineEnd && strings < 2) {
      char c = text.charAt(i);
      if (isQuote(c)) {
        int end = closingQuote(i + 1, lineEnd, c, 0);
        if (end < 0) {
          return;
        }
        strings++;
        if (strings == 2) {
          String v = text.substring(i + 1, end);
          if (first >= 0 && !Masks.isPlaceholder(v)) {
            add(i + 1, end, v);
          }
          return;
        }
        first = i;
        i = end + 1;
      } else if (c == ')' || c == ']') {
        return;
      } else {
        i++;
      }
    }
  }

  /**
   * The closing quote that matches an opening one preceded by {@code backslashes} backslashes:
   * the same quote preceded by exactly as many backslashes (an odd run more would escape it).
   */
  private int closingQuote(int from, int lineEnd, char quote, int backslashes) {
    int limit = Math.min(lineEnd, from + 4096);
    for (int j = from; j < limit; j++) {
      if (text.charAt(j) != quote) {
        continue;
      }
      int run = 0;
      int k = j - 1;
      while (k >= from && text.charAt(k) == '\\') {
        run++;
        k--;
      }
      if (run == backslashes) {
        return j - backslashes;
      }
    }
    return -1;
  }

  private static boolean isQuote(char c) {
    return c == '"' || c == '\'' || c == '`';
  }

  private void accept(
      int vs, int ve, String v, Strength strength, boolean quoted, boolean dictItem) {
    if (v.length() < 3 || Masks.isPlaceholder(v)) {
      return;
    }
    if (!quoted && v.length() < 4) {
      return;
    }
    if (strength == Strength.WEAK && !looksRandom(v)) {
      return;
    }
    if (quoted && (isPath(v) || (!dictItem && isCodeReference(v)))) {
      return;
    }
    if (isReferencePath(v)) {
      return;
    }
    add(vs, ve, v);
  }

  void add(int vs, int ve, String v) {
    spans.add(vs, ve);
    values.add(v);
  }

  /** {@code Authorization: Bearer X} (quoted): mask what follows the scheme. */
  private void header(int vs, int ve) {
    int i = vs;
    while (i < ve && text.charAt(i) != ' ') {
      i++;
    }
    String first = text.substring(vs, i).toLowerCase(Locale.ROOT);
    if (i < ve && AUTH_SCHEMES.contains(first)) {
      int cs = i;
      while (cs < ve && text.charAt(cs) == ' ') {
        cs++;
      }
      String cred = text.substring(cs, ve);
      if (cred.length() >= 3 && !Masks.isPlaceholder(cred) && !cred.contains("{")) {
        add(cs, ve, cred);
      }
    } else if (i >= ve) {
      String cred = text.substring(vs, ve);
      if (cred.length() >= 8 && !Masks.isPlaceholder(cred) && !isCode(cred)
          && !AUTH_SCHEMES.contains(first)) {
        add(vs, ve, cred);
      }
    }
  }

  /** {@code Authorization: Bearer X} (unquoted): the scheme, then one token. */
  private void headerUnquoted(int vs, int ve, int lineEnd) {
    String first = text.substring(vs, ve).toLowerCase(Locale.ROOT);
    if (AUTH_SCHEMES.contains(first)) {
      int cs = ve;
      while (cs < lineEnd && cs < ve + SMALL && text.charAt(cs) == ' ') {
        cs++;
      }
      int ce = cs;
      int limit = Math.min(lineEnd, cs + MAX_VALUE);
      while (ce < limit && !endsUnquoted(ce)) {
        ce++;
      }
      consumedUntil = Math.max(consumedUntil, ce);
      String cred = text.substring(cs, ce);
      if (cred.length() >= 3 && !Masks.isPlaceholder(cred)) {
        add(cs, ce, cred);
      }
    } else if (looksRandom(first) && first.length() >= 8) {
      add(vs, ve, text.substring(vs, ve));
    }
  }

  /** A standalone {@code Bearer X} or {@code Basic X}, outside any header. */
  private void scheme(String scheme, int ne, int lineEnd) {
    if (ne >= lineEnd || text.charAt(ne) != ' ') {
      return;
    }
    int cs = ne + 1;
    int ce = cs;
    int limit = Math.min(lineEnd, cs + MAX_VALUE);
    while (ce < limit && isTokenChar(text.charAt(ce))) {
      ce++;
    }
    if (ce < lineEnd && !endsUnquoted(ce) && text.charAt(ce) != '.') {
      return;
    }
    String cred = text.substring(cs, ce);
    if (scheme.equals("bearer")) {
      if (cred.length() >= 16 && looksRandom(cred)) {
        add(cs, ce, cred);
      }
    } else if (cred.length() >= 8 && isBasicCredential(cred)) {
      add(cs, ce, cred);
    }
  }

  private static boolean isTokenChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
        || c == '_' || c == '.' || c == '~' || c == '+' || c == '/' || c == '=';
  }

  /** Base64 of {@code user:password}. */
  private static boolean isBasicCredential(String s) {
    try {
      byte[] raw = Base64.getDecoder().decode(s);
      String decoded = new String(raw, java.nio.charset.StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      if (colon <= 0 || colon == decoded.length() - 1) {
        return false;
      }
      for (int i = 0; i < decoded.length(); i++) {
        if (decoded.charAt(i) < 0x20 || decoded.charAt(i) == 0xFFFD) {
          return false;
        }
      }
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * A secret name followed, without a separator, by the value key of the same object: Kubernetes
   * env vars ({@code name: DB_PASSWORD} then {@code value: …}, in YAML, JSON or Python repr).
   */
  private boolean envPair(String name, int ne, int lineEnd) {
    if (classify(name) != Strength.STRONG) {
      return false;
    }
    int i = ne;
    int limit = Math.min(text.length(), ne + 40);
    // Closing quote(s), a comma, line break and indentation, an optional "- ", then "value".
    while (i < limit && "\\\"', \t\r\n-".indexOf(text.charAt(i)) >= 0) {
      i++;
    }
    if (i + 5 > text.length() || !text.startsWith("value", i)) {
      return false;
    }
    int after = i + 5;
    if (after < text.length() && isNameChar(text.charAt(after)) && text.charAt(after) != '.') {
      return false; // value_from
    }
    int bound = Math.min(text.length(), after + MAX_VALUE);
    int nextLineEnd = indexOf('\n', after, bound);
    int end = nextLineEnd < 0 ? bound : nextLineEnd;
    int sep = separator(after, end, false, i);
    if (sep >= 0) {
      int ls = i;
      while (ls > 0 && ls > i - SMALL && text.charAt(ls - 1) != '\n') {
        ls--;
      }
      firstOnLine = startsLine(i, ls);
      flagName = false;
      value(sep, end, Strength.STRONG, text.charAt(sepChar) == ':', false);
    }
    return true;
  }

  /**
   * Hadoop-style XML properties: {@code <name>…Password</name>} then {@code <value>…</value>}
   * (on the same or the next lines).
   */
  private boolean xmlPair(String name, int ne) {
    if (!text.startsWith("</name>", ne) || classify(name) != Strength.STRONG) {
      return false;
    }
    int limit = Math.min(text.length(), ne + 7 + SMALL);
    int i = ne + 7;
    while (i < limit && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    if (!text.startsWith("<value>", i)) {
      return false;
    }
    int vs = i + 7;
    int end = text.indexOf("</value>", vs);
    if (end < 0 || end - vs > MAX_VALUE) {
      return false;
    }
    String v = text.substring(vs, end);
    consumedUntil = end;
    if (v.length() >= 3 && !Masks.isPlaceholder(v)) {
      add(vs, end, v);
    }
    return true;
  }

  /**
   * A secret name, a few words, a colon, then one machine-made value that ends the line: {@code
   * Your new password is: Kx8#…}, {@code Auth token generated: 3f8e…}. The value must look random,
   * have at least 8 characters and be no URL, path or ARN.
   */
  private void afterWords(String name, int ne, int lineEnd) {
    if (classify(name) != Strength.STRONG) {
      return;
    }
    int scanEnd = Math.min(lineEnd, ne + 128);
    int i = ne;
    int words = 0;
    while (i < scanEnd && words <= 3) {
      char c = text.charAt(i);
      if (c == ':') {
        break;
      }
      if (c == ' ') {
        i++;
        continue;
      }
      int w = i;
      while (i < scanEnd && Character.isLetter(text.charAt(i))) {
        i++;
      }
      if (i == w || i - w > 15) {
        return;
      }
      words++;
    }
    if (i >= scanEnd || text.charAt(i) != ':' || words > 3) {
      return;
    }
    int vs = i + 1;
    while (vs < scanEnd && text.charAt(vs) == ' ') {
      vs++;
    }
    int valueEnd = Math.min(lineEnd, vs + 512);
    int ve = vs;
    while (ve < valueEnd && !Character.isWhitespace(text.charAt(ve))) {
      ve++;
    }
    int rest = ve;
    int restEnd = Math.min(lineEnd, ve + SMALL);
    while (rest < restEnd && Character.isWhitespace(text.charAt(rest))) {
      rest++;
    }
    if (rest < lineEnd || ve - vs < 8) {
      return;
    }
    String v = text.substring(vs, ve);
    if (looksRandom(v) && v.indexOf(':') < 0 && v.indexOf('/') < 0 && !Masks.isPlaceholder(v)
        && !isCode(v)) {
      add(vs, ve, v);
    }
  }

  /**
   * A quoted secret name as the first argument of a call, the value as the second: {@code
   * .option("password", "…")}, {@code conf.set('spark.hadoop.fs.s3a.secret.key', '…')}.
   */
  private boolean callPair(String name, int nameStart, int ne, int lineEnd) {
    if (nameStart < 2 || ne >= lineEnd) {
      return false;
    }
    char quote = text.charAt(nameStart - 1);
    if (!isQuote(quote) || text.charAt(ne) != quote) {
      return false;
    }
    int j = nameStart - 2;
    while (j >= 0 && j > nameStart - SMALL && text.charAt(j) == ' ') {
      j--;
    }
    if (j < 0 || text.charAt(j) != '(') {
      return false;
    }
    int i = ne + 1;
    while (i < lineEnd && i < ne + SMALL && text.charAt(i) == ' ') {
      i++;
    }
    if (i >= lineEnd || text.charAt(i) != ',' || classify(name) != Strength.STRONG) {
      return false;
    }
    value(i + 1, lineEnd, Strength.STRONG, false, false);
    return true;
  }

  /**
   * Whether a structured value under a property of this name is a secret by the rules for free
   * text (stricter names than Airflow's, such as {@code app_key} or {@code fernet_key}): strings
   * that are not placeholders, and numbers, under a secret name; token-like strings under a weak
   * one ({@code signature}).
   */
  static boolean maskUnderName(String name, String value, boolean number) {
    Strength strength = classify(name);
    if (strength == Strength.NONE) {
      return false;
    }
    if (number) {
      return strength != Strength.WEAK && value.length() >= 4;
    }
    if (value.length() < 3 || Masks.isPlaceholder(value)) {
      return false;
    }
    return strength != Strength.WEAK || looksRandom(value);
  }

  /**
   * Whether values under this name are worth remembering as secrets: names that really hold one
   * ({@code password}, {@code api_token}, {@code Authorization}), not the names Airflow's rule
   * also covers that often hold ordinary values ({@code service_account_name}, {@code proxy}).
   */
  static boolean namesASecret(String name) {
    Strength s = classify(name);
    return s == Strength.STRONG || s == Strength.HEADER;
  }

  /** How strongly a name marks a secret. */
  static Strength classify(String name) {
    return CLASSIFIED.get(name);
  }

  /** {@link #classify} decided once per distinct name. */
  private static final NameCache<Strength> CLASSIFIED = new NameCache<>(Assignments::decide);

  private static Strength decide(String name) {
    if (name.regionMatches(true, 0, "AIRFLOW__", 0, 9)) {
      String upper = name.toUpperCase(Locale.ROOT);
      int option = upper.lastIndexOf("__") + 2;
      if (upper.endsWith("_CMD") || (upper.endsWith("_SECRET")
          && AIRFLOW_SECRET_OPTIONS.contains(upper.substring(option, upper.length() - 7)))) {
        return Strength.NONE; // Airflow's *_secret and *_cmd settings name a secret, not hold it
      }
    }
    String lower = SensitiveKeys.normalise(SensitiveKeys.splitCamel(name));
    List<String> words = new ArrayList<>(4);
    for (String w : lower.split("_")) {
      if (!w.isEmpty()) {
        words.add(w);
      }
    }
    if (words.isEmpty()) {
      return Strength.NONE;
    }
    String last = words.get(words.size() - 1);
    String joined = String.join("_", words);
    for (String w : words) {
      if (NOT_SECRET_NAMES.contains(w)) {
        return Strength.NONE;
      }
    }
    if (last.equals("authorization") || joined.equals("auth_header")
        || joined.endsWith("authorization_header")) {
      return Strength.HEADER;
    }
    if (joined.contains("webhook_url") || joined.equals("slack_webhook")) {
      return Strength.STRONG;
    }
    if (METADATA.contains(last) && !(last.equals("key") && keyIsSecret(words))) {
      return Strength.NONE;
    }
    for (String w : words) {
      if (NOT_CREDENTIAL.contains(w)) {
        return Strength.NONE;
      }
    }
    if ((joined.contains("password") || joined.contains("passwd")
            || joined.contains("passphrase"))) {
      return Strength.STRONG;
    }
    if (joined.contains("secret") && !joined.contains("secretary")) {
      return Strength.STRONG;
    }
    if (last.equals("sig") || last.equals("signature")) {
      return Strength.WEAK;
    }
    if (last.equals("token") || (last.endsWith("token") && last.length() > 5)
        || SECRET_WORDS.contains(last) || SECRET_WORDS.contains(joined)) {
      return last.equals("auth") ? Strength.WEAK : Strength.STRONG;
    }
    if (joined.equals("keyfile_dict") || joined.endsWith("connection_string")
        || joined.endsWith("conn_str") || joined.endsWith("conn_string")) {
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
    if (last.equals("auth") && words.size() == 1) {
      return Strength.WEAK;
    }
    if (last.equals("cookie")) {
      return Strength.STRONG;
    }
    return Strength.NONE;
  }

  private static boolean keyIsSecret(List<String> words) {
    return words.size() >= 2 && KEY_QUALIFIERS.contains(words.get(words.size() - 2));
  }

  /**
   * Whether a name says its value is about a secret rather than one: a secret word with a
   * metadata word last ({@code token_url}, {@code password_hint}) or a pointer word ({@code
   * next_page_token}). Such values are left to Airflow's key rule, not guessed at by shape.
   */
  static boolean declines(String name) {
    return DECLINES.get(name);
  }

  private static final NameCache<Boolean> DECLINES = new NameCache<>(Assignments::decideDeclines);

  private static boolean decideDeclines(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    boolean secretWord = lower.contains("token") || lower.contains("secret")
        || lower.contains("pass") || lower.contains("key") || lower.contains("pwd")
        || lower.contains("auth") || lower.contains("cred");
    if (!secretWord || classify(name) != Strength.NONE) {
      return false;
    }
    List<String> words = new ArrayList<>();
    for (String w : SensitiveKeys.normalise(SensitiveKeys.splitCamel(name)).split("_")) {
      if (!w.isEmpty()) {
        words.add(w);
      }
    }
    if (words.isEmpty()) {
      return false;
    }
    if (METADATA.contains(words.get(words.size() - 1))) {
      return true;
    }
    for (String w : words) {
      if (NOT_CREDENTIAL.contains(w) || NOT_SECRET_NAMES.contains(w)) {
        return true;
      }
    }
    return false;
  }

  /** {@code v[0, end)} is a (dotted) identifier: the callee of {@code f(…)}. */
  private static boolean isDottedName(String v, int end) {
    if (!(Character.isLetter(v.charAt(0)) || v.charAt(0) == '_')) {
      return false;
    }
    for (int i = 1; i < end; i++) {
      char c = v.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '_' || c == '.')) {
        return false;
      }
    }
    return true;
  }

  /** Unquoted code: calls, attribute paths, and variables named after the secret. */
  private static boolean isCode(String v) {
    int paren = v.indexOf('(');
    if ((paren > 0 && v.endsWith(")") && isDottedName(v, paren)) || v.startsWith("self.")
        || v.startsWith("os.")) {
      return true;
    }
    return isCodeReference(v);
  }

  /** {@code conn.password}, {@code settings.SECRET_KEY}, {@code db_password}, {@code token}. */
  private static boolean isCodeReference(String v) {
    boolean dotted = false;
    boolean letters = true;
    int start = 0;
    for (int i = 0; i <= v.length(); i++) {
      if (i == v.length() || v.charAt(i) == '.') {
        String part = v.substring(start, i);
        if (!Masks.isIdentifier(part) || Character.isDigit(part.charAt(0))) {
          return false;
        }
        dotted |= i < v.length();
        start = i + 1;
      } else if (!Character.isLetter(v.charAt(i)) && v.charAt(i) != '_') {
        letters = false;
      }
    }
    if (dotted) {
      return true;
    }
    if (!letters) {
      return false;
    }
    String lower = v.toLowerCase(Locale.ROOT);
    return lower.contains("pass") || lower.contains("secret") || lower.contains("token")
        || lower.contains("key") || lower.contains("pwd") || lower.contains("cred");
  }

  /**
   * Another setting rather than a value: {@code name=} (the start of the next assignment) or a
   * lower-case snake_case name ({@code sql_alchemy_conn}), as Airflow's {@code *_SECRET} and
   * {@code *_CMD} settings hold the name of a secret, not the secret.
   */
  private static boolean isSetting(String v) {
    if (v.endsWith("=") && Masks.isIdentifier(v.substring(0, v.length() - 1))) {
      return true;
    }
    if (v.indexOf('_') <= 0) {
      return false;
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (!((c >= 'a' && c <= 'z') || c == '_')) {
        return false;
      }
    }
    return true;
  }

  /**
   * A path in a secrets manager or vault, not a secret: lower-case words, digits and {@code
   * -_.} in segments joined by {@code /} ({@code secret/data/airflow/pg}, {@code
   * projects/etl/secrets/db-password/versions/latest}).
   */
  static boolean isReferencePath(String v) {
    if (v.indexOf('/') <= 0 || v.length() > 256) {
      return false;
    }
    int digits = 0;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (!((c >= 'a' && c <= 'z') || c == '-' || c == '_' || c == '.' || c == '/')) {
        return false;
      }
    }
    return digits * 4 < v.length();
  }

  /** A file path, not the secret itself ({@code /run/secrets/db}, {@code ./key.json}). */
  private static boolean isPath(String v) {
    if (v.length() > 256) {
      return false;
    }
    boolean path = v.startsWith("/") || v.startsWith("./") || v.startsWith("~/")
        || v.startsWith("../") || (v.length() > 3 && v.charAt(1) == ':' && v.charAt(2) == '\\');
    String lower = v.toLowerCase(Locale.ROOT);
    boolean keyFile = lower.endsWith(".json") || lower.endsWith(".pem") || lower.endsWith(".key")
        || lower.endsWith(".p12") || lower.endsWith(".pfx") || lower.endsWith(".txt")
        || lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".cfg")
        || lower.endsWith(".env") || lower.endsWith(".crt") || lower.endsWith(".jks");
    if (!path && !keyFile) {
      return false;
    }
    if (keyFile && !path && v.indexOf('/') < 0 && v.indexOf('.') == v.lastIndexOf('.')) {
      return true; // key.json
    }
    int upper = 0;
    int letters = 0;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == ' ' || c == '+' || c == '=') {
        return false;
      }
      if (Character.isLetter(c)) {
        letters++;
        if (Character.isUpperCase(c)) {
          upper++;
        }
      }
    }
    return upper * 5 <= letters;
  }

  /**
   * Looks machine-made rather than a word: at least 8 characters with a digit, both cases, or a
   * symbol other than {@code -_.}.
   */
  static boolean looksRandom(String v) {
    if (v.length() < 8) {
      return false;
    }
    boolean digit = false;
    boolean upper = false;
    boolean lower = false;
    boolean symbol = false;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (Character.isDigit(c)) {
        digit = true;
      } else if (Character.isUpperCase(c)) {
        upper = true;
      } else if (Character.isLowerCase(c)) {
        lower = true;
      } else if (c != '-' && c != '_' && c != '.') {
        symbol = true;
      }
    }
    return (digit && (upper || lower)) || (upper && lower) || symbol;
  }
}
