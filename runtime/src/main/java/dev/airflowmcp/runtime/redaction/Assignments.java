package dev.airflowmcp.runtime.redaction;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Secrets given by name in free text: {@code password=…}, {@code "secret": "…"}, {@code 'api_key':
 * '…'}, {@code AWS_SECRET_ACCESS_KEY=…}, {@code --password …}, {@code <password>…<}, a Kubernetes
 * {@code {name: DB_PASSWORD, value: …}} pair, HTTP headers ({@code Authorization: Bearer …}, {@code
 * X-Vault-Token: …}), query parameters ({@code &sig=…}, {@code X-Amz-Signature=…}) and JDBC/ODBC
 * settings ({@code Pwd=…;}), with quotes escaped to any depth.
 *
 * <p>This class is the scanner: where a name ends, which separator follows, where its value ends.
 * Which names count is {@link SecretNames}' decision; what a value is (code, a path, a reference)
 * is {@link ValueKinds}'. The value must not be a placeholder, a reference ({@code $PG_PASS},
 * {@code {{ conn.x.password }}}), code ({@code Variable.get(…)}) or a path to a key file.
 */
final class Assignments {

  /** Schemes that come before the credential in an {@code Authorization} header. */
  private static final Set<String> AUTH_SCHEMES =
      Set.of(
          "bearer",
          "basic",
          "token",
          "bot",
          "ssws",
          "apikey",
          "api-key",
          "key",
          "jwt",
          "negotiate",
          "ntlm",
          "splunk",
          "geniekey",
          "dsn",
          "sharedkey",
          "sharedkeylite",
          "oauth",
          "klaviyo-api-key",
          "pat",
          "pvetoken",
          "vault",
          "aws4-hmac-sha256",
          "digest",
          "hmac");

  private final String text;
  private final Spans spans;
  private final List<String> values;
  private final java.util.BitSet seen = new java.util.BitSet();

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

  /** A character of a name: ASCII letters and digits, '_', '-' and '.' (also {@link Tables}). */
  static boolean isNameChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '-'
        || c == '.';
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
    if (ne - ns > 80 || seen.get(ns)) {
      return;
    }
    seen.set(ns);
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
    inSemicolonList = nameStart > 0 && text.charAt(nameStart - 1) == ';';
    flagName = flag;
    colonInName = false;
    if (lower.equals("bearer") || lower.equals("basic")) {
      scheme(lower, ne, lineEnd);
      return;
    }
    boolean forward = false;
    if (!flag && SecretNames.classify(name) == SecretNames.Strength.NONE) {
      int we = forwardWordEnd(ne, lineEnd);
      if (we > 0) {
        String joined = (name + "_" + text.substring(ne + 1, we)).toLowerCase(Locale.ROOT);
        if (SecretNames.classify(joined) == SecretNames.Strength.STRONG) {
          name = joined; // "backup code: …", "recovery codes: …"
          lower = joined;
          ne = we;
          forward = true;
        }
      }
    }
    if (lower.endsWith("codes")
        && SecretNames.classify(lower) == SecretNames.Strength.STRONG
        && codesAfterColon(ne, lineEnd)) {
      return;
    }
    int sep = separator(ne, lineEnd, flag, ns);
    if (sep < 0) {
      if (forward) {
        afterWords(name, ne, lineEnd, true);
        return;
      }
      if (Statements.sqlLiteral(text, name, nameStart, ne, lineStart, lineEnd, this::add)) {
        return;
      }
      if (!callPair(name, nameStart, ne, lineEnd)
          && !envPair(name, ne, lineEnd)
          && !xmlPair(name, ne)) {
        String prose = proseName(name, nameStart, lineStart);
        afterWords(prose == null ? name : prose, ne, lineEnd, prose != null);
      }
      return;
    }
    SecretNames.Strength strength = forward ? proseStrength(name) : SecretNames.classify(name);
    if (strength == SecretNames.Strength.NONE
        && (lower.equals("key") || lower.equals("sig") || lower.equals("code"))
        && nameStart > 0
        && (text.charAt(nameStart - 1) == '?' || text.charAt(nameStart - 1) == '&')) {
      strength = SecretNames.Strength.WEAK; // ?key=…: an API key in a query string
    }
    if (strength == SecretNames.Strength.NONE) {
      String prose = proseName(name, nameStart, lineStart);
      if (prose == null) {
        return;
      }
      name = prose;
      lower = prose;
      strength = proseStrength(prose);
    }
    currentName = lower;
    if (strength == SecretNames.Strength.WEAK && lower.equals("sig")) {
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
    if (text.charAt(sepChar) == '>') {
      xmlText(sep, lineEnd, strength);
      return;
    }
    value(sep, lineEnd, strength, colon, dictItem);
  }

  /** The name whose value is being read, in lower case. */
  private String currentName = "";

  /**
   * A name of two words in prose ({@code API key: …}, {@code Secret key is …}, {@code Your recovery
   * codes: …}): the word before, a single space, and the keyword's word, joined with {@code _} when
   * that names a secret and the word alone does not; else null.
   */
  private String proseName(String name, int nameStart, int lineStart) {
    if (nameStart < 2 || text.charAt(nameStart - 1) != ' ') {
      return null;
    }
    int we = nameStart - 1;
    int ws = we;
    while (ws > lineStart && ws > we - 16 && Character.isLetterOrDigit(text.charAt(ws - 1))) {
      ws--;
    }
    if (ws == we || (ws > lineStart && Character.isLetterOrDigit(text.charAt(ws - 1)))) {
      return null;
    }
    String joined = (text.substring(ws, we) + "_" + name).toLowerCase(Locale.ROOT);
    return SecretNames.classify(joined) == SecretNames.Strength.STRONG ? joined : null;
  }

  /** End of the word after a single space at {@code ne} (letters only, at most 16), or -1. */
  private int forwardWordEnd(int ne, int lineEnd) {
    if (ne + 1 >= lineEnd || text.charAt(ne) != ' ') {
      return -1;
    }
    int i = ne + 1;
    int limit = Math.min(lineEnd, i + 17);
    while (i < limit && Character.isLetter(text.charAt(i))) {
      i++;
    }
    if (i == ne + 1
        || i >= limit && i < lineEnd
        || i < lineEnd && isNameChar(text.charAt(i)) && text.charAt(i) != '.') {
      return -1;
    }
    return i;
  }

  /**
   * How strongly a two-word prose name marks its value: codes and PINs by purpose stay strong (a
   * backup code may be all digits); {@code API key}, {@code primary key} only mask values that look
   * random.
   */
  private static SecretNames.Strength proseStrength(String joined) {
    int u = joined.lastIndexOf('_');
    String last = joined.substring(u + 1);
    return last.startsWith("code") || last.startsWith("pin") || last.startsWith("pass")
        ? SecretNames.Strength.STRONG
        : SecretNames.Strength.WEAK;
  }

  /** Index of the separator character found by {@link #separator}, for the caller. */
  private int sepChar;

  /** Whether the current name starts its line (a config-file line: the value ends the line). */
  private boolean firstOnLine;

  /**
   * Whether the current name follows a {@code ;} ({@code …;user=u;password=…;}, JDBC and ODBC
   * settings): its value ends at the next {@code ;} only, commas and {@code =} included.
   */
  private boolean inSemicolonList;

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
        if (j + 1 >= lineEnd
            || text.charAt(j + 1) == ';'
            || text.charAt(j + 1) == ' '
            || text.charAt(j + 1) == '"'
            || text.charAt(j + 1) == '\'') {
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
    if (i < lineEnd
        && text.charAt(i) == '>'
        && i > ne
        && ns >= 2
        && isQuote(text.charAt(ns - 1))
        && text.charAt(ns - 2) == '=') {
      sepChar = i;
      return i + 1; // <entry key="dd_app_key">value</entry>
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
    if (c == '-' && i + 1 < lineEnd && text.charAt(i + 1) == '>' && !flag) {
      sepChar = i;
      return i + 2; // db_password -> value (a debug trace of a lookup)
    }
    if (c == ':') {
      if (i + 1 < lineEnd && text.charAt(i + 1) == ':' && !identifierRun(i + 2, lineEnd)) {
        sepChar = i;
        return i + 1; // Password::Vg%… : the value starts with the second ':'
      }
      if (i + 1 < lineEnd && (text.charAt(i + 1) == ':' || text.charAt(i + 1) == '/')) {
        return -1; // Foo::bar, scheme://
      }
      sepChar = i;
      return i + 1 < lineEnd && text.charAt(i + 1) == '=' ? i + 2 : i + 1;
    }
    if (flag && i > spaces && c != '-' && !text.regionMatches(true, ne - 6, "-stdin", 0, 6)) {
      // (--password-stdin takes no value: the word after it is prose or the next argument)
      sepChar = spaces;
      return spaces; // --password value
    }
    return -1;
  }

  /** Whether a run of letters, digits and '_' starts at {@code from} and ends the word there. */
  private boolean identifierRun(int from, int lineEnd) {
    int limit = Math.min(lineEnd, from + SMALL);
    int i = from;
    while (i < limit && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
      i++;
    }
    return i > from
        && (i >= lineEnd
            || !(text.charAt(i) > ' '
                && text.charAt(i) != ','
                && text.charAt(i) != ')'
                && text.charAt(i) != '('
                && text.charAt(i) != ';'));
  }

  /**
   * Reads and masks the value that starts at {@code start} (spaces skipped here).
   *
   * @param dictItem whether the name is a quoted key of a dict or JSON literal: its quoted value is
   *     then the string itself, never a reference to another setting
   */
  private void value(
      int start, int lineEnd, SecretNames.Strength strength, boolean colon, boolean dictItem) {
    int i = start;
    int spacesLimit = Math.min(lineEnd, start + SMALL);
    while (i < spacesLimit && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    if (i >= lineEnd) {
      if (colon && strength == SecretNames.Strength.STRONG && i == lineEnd) {
        yamlList(lineEnd);
      }
      return;
    }
    if (nestedOptions(i, lineEnd)) {
      return; // CREDENTIALS=(AWS_KEY_ID='…' AWS_SECRET_KEY='…'): each option is read by its name
    }
    // Python string prefixes: b'…', r"…", f"…".
    int q = i;
    if (q + 1 < lineEnd
        && "bBrRuUfFN".indexOf(text.charAt(q)) >= 0
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
        ve =
            firstOnLine && !flagName
                ? ValueReader.restOfLine(text, q, lineEnd)
                : ValueReader.inlineEnd(text, q + 1, lineEnd);
        consumedUntil = ve;
        if (ve - q >= 4 && ve - q <= MAX_VALUE && strength != SecretNames.Strength.HEADER) {
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
      if (strength == SecretNames.Strength.HEADER) {
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
      if (close < 0 && strength == SecretNames.Strength.STRONG && quoteFollows(i + 1, lineEnd)) {
        valueItem(i + 1, Math.min(lineEnd, i + MAX_VALUE)); // {"sensitive": true, "value": "[{…"}
        return;
      }
      if (close > i) {
        // ODBC braces: PWD={p@ss;word}; ("}}" stands for one '}')
        String inner = text.substring(i + 1, close);
        if (!dictLiteral(inner)) {
          consumedUntil = close;
          accept(i + 1, close, inner, strength, true, dictItem);
        } else if (strength == SecretNames.Strength.STRONG) {
          valueItem(i + 1, close); // "db_password": {"sensitive": true, "value": "…"}
        }
        return; // a dict literal ({'user': …, 'secret': …}): its items are read by their names
      }
    }
    if (c == '[' && strength == SecretNames.Strength.STRONG && quoteFollows(i + 1, lineEnd)) {
      list(i, lineEnd);
      return;
    }
    if ((c == '(' || c == '[') && quoteFollows(i + 1, lineEnd)) {
      tuple(i, lineEnd);
      return;
    }
    if (c == '$'
        && i + 1 < lineEnd
        && (text.charAt(i + 1) == '{' || text.charAt(i + 1) == '(')
        && closes(i + 2, lineEnd, text.charAt(i + 1) == '{' ? '}' : ')')) {
      return; // ${PG_PASS}, ${PG_PASS:-}, $(cat /run/secrets/pg): references, not values
    }
    if (c == '$') {
      int r = i + 1;
      int rl = Math.min(lineEnd, i + SMALL);
      while (r < rl && (Character.isLetterOrDigit(text.charAt(r)) || text.charAt(r) == '_')) {
        r++;
      }
      if (r > i + 1
          && (r >= lineEnd || text.charAt(r) == ' ' || text.charAt(r) == '\t')
          && Masks.isEnvReference(text.substring(i, r))) {
        consumedUntil = Math.max(consumedUntil, r);
        return; // PGPASSWORD=$DB_PASS psql …: a reference, then the command
      }
    }
    int ve = ValueReader.inlineEnd(text, i, lineEnd);
    if (inSemicolonList) {
      int k = i;
      int limit = Math.min(lineEnd, i + MAX_VALUE);
      while (k < limit && " \t\r;\"'".indexOf(text.charAt(k)) < 0) {
        k++;
      }
      ve = Math.max(ve, k);
    }
    if (c == '$' && Masks.isEnvReference(text.substring(i, ve))) {
      return; // PGPASSWORD=$DB_PASS psql …: a reference, then the command
    }
    if (firstOnLine && !flagName && !colonInName) {
      // A config-file line: the value is the rest of the line, punctuation and all; after ':'
      // only when it is one word ("secret: see the vault" is prose).
      int rest = ValueReader.restOfLine(text, i, lineEnd);
      if (!colon || text.substring(i, rest).indexOf(' ') < 0 || phraseName(currentName)) {
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
    if (strength == SecretNames.Strength.HEADER) {
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
      if (more && !ValueKinds.looksRandom(v)) {
        return;
      }
    }
    if (ValueKinds.isCode(v) || ValueKinds.isPath(v) || ValueKinds.isSetting(v)) {
      return;
    }
    if (currentName.endsWith("seed")
        && v.length() <= 10
        && v.chars().allMatch(Character::isDigit)) {
      return; // random_seed=1234: a seed for random numbers, not a wallet's
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

  /** Names whose values are phrases of several words: the rest of a config line is the value. */
  private static boolean phraseName(String lower) {
    return lower.endsWith("phrase")
        || lower.endsWith("mnemonic")
        || lower.endsWith("words")
        || lower.endsWith("seed");
  }

  /**
   * A YAML block list under a secret name ending its line: {@code recovery_codes:} then {@code -
   * 8f3k2-9xq7m} lines. Each item is masked; at most 64 items of one line each.
   */
  private void yamlList(int lineEnd) {
    int i = lineEnd + 1;
    for (int items = 0; items < 64 && i < text.length(); items++) {
      int ls = i;
      int limit = Math.min(text.length(), ls + SMALL);
      while (i < limit && text.charAt(i) == ' ') {
        i++;
      }
      if (i + 1 >= text.length() || text.charAt(i) != '-' || text.charAt(i + 1) != ' ') {
        return;
      }
      int vs = i + 2;
      int le = text.indexOf('\n', vs);
      if (le < 0) {
        le = text.length();
      }
      if (le - vs > MAX_VALUE) {
        return;
      }
      int s = vs;
      int e = le;
      while (e > s && (text.charAt(e - 1) == ' ' || text.charAt(e - 1) == '\r')) {
        e--;
      }
      if (e - s >= 2 && isQuote(text.charAt(s)) && text.charAt(e - 1) == text.charAt(s)) {
        s++;
        e--;
      }
      String v = text.substring(s, e);
      if (v.length() >= 3 && !Masks.isPlaceholder(v) && !ValueKinds.clearlyNotSecret(v)) {
        add(s, e, v);
      }
      consumedUntil = Math.max(consumedUntil, le);
      i = le + 1;
    }
  }

  /**
   * The text of an XML element named as a secret, up to its closing tag: {@code
   * <password>V#!%&amp;s7</password>} (entities and all).
   */
  private void xmlText(int vs, int lineEnd, SecretNames.Strength strength) {
    int limit = Math.min(lineEnd, vs + MAX_VALUE);
    int ve = vs;
    while (ve < limit && text.charAt(ve) != '<') {
      ve++;
    }
    consumedUntil = Math.max(consumedUntil, ve);
    if (ve >= limit || !text.startsWith("</", ve)) {
      if (ve >= lineEnd) {
        value(vs, lineEnd, strength, false, false); // <password>value, the tag closed later
      }
      return;
    }
    int s = vs;
    int e = ve;
    while (s < e && text.charAt(s) == ' ') {
      s++;
    }
    while (e > s && text.charAt(e - 1) == ' ') {
      e--;
    }
    if (text.startsWith("<![CDATA[", s)) {
      return;
    }
    accept(s, e, text.substring(s, e), strength, true, true);
  }

  /**
   * A list of strings under a secret name: {@code backup_codes: ["2e3qf-ti3ir", "4ooux-avacp"]},
   * {@code passwords = ['…', '…']}. Every string in it is masked.
   */
  private void list(int open, int lineEnd) {
    int limit = Math.min(lineEnd, open + MAX_VALUE);
    int i = open + 1;
    while (i < limit) {
      char c = text.charAt(i);
      if (isQuote(c)) {
        int end = closingQuote(i + 1, limit, c, 0);
        if (end < 0) {
          return;
        }
        String v = text.substring(i + 1, end);
        if (v.length() >= 3 && !Masks.isPlaceholder(v) && !ValueKinds.clearlyNotSecret(v)) {
          add(i + 1, end, v);
        }
        i = end + 1;
        consumedUntil = Math.max(consumedUntil, i);
      } else if (c == ']' || c == '[' || c == '{') {
        return;
      } else {
        i++;
      }
    }
  }

  /**
   * Whether a reference opened before {@code from} closes with {@code close} on the line after a
   * name ({@code ${PG_PASS}}, {@code ${PG_PASS:-x}}, {@code $(cat f)}); a generated password that
   * starts with {@code ${} does not ({@code ${NAMAU^s9EACf5E,gu0}).
   */
  private boolean closes(int from, int lineEnd, char close) {
    int limit = Math.min(lineEnd, from + 256);
    int j = from;
    while (j < limit && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_')) {
      j++;
    }
    if (close == ')') {
      return j > from && text.indexOf(')', j) >= 0 && text.indexOf(')', j) < lineEnd;
    }
    return j > from && j < limit && (text.charAt(j) == '}' || text.charAt(j) == ':');
  }

  /** {@code {'user': …}}, {@code {"a":"b"}}: a dict or JSON literal, not an ODBC braced value. */
  private static boolean dictLiteral(String inner) {
    return inner.contains(": ") || inner.contains("\":") || inner.contains("':");
  }

  /**
   * The {@code value} item of a dict under a secret name ({@code "db_password": {"sensitive": true,
   * "type": "string", "value": "…"}}, as {@code terraform output -json} prints it; a
   * Kubernetes-style {@code {"name": …, "value": …}}): the string it holds is the secret.
   */
  private void valueItem(int from, int to) {
    for (int i = from; i + 8 < to; i++) {
      char q = text.charAt(i);
      if (!isQuote(q) || !text.startsWith("value", i + 1) || text.charAt(i + 6) != q) {
        continue;
      }
      int j = i + 7;
      while (j < to && (text.charAt(j) == ' ' || text.charAt(j) == ':')) {
        j++;
      }
      if (j < to && isQuote(text.charAt(j))) {
        int end = closingQuote(j + 1, to, text.charAt(j), 0);
        if (end > j + 1) {
          String v = text.substring(j + 1, end);
          if (v.length() >= 3 && !Masks.isPlaceholder(v) && !ValueKinds.clearlyNotSecret(v)) {
            add(j + 1, end, v);
          }
        }
      }
      return;
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
   * The closing quote that matches an opening one preceded by {@code backslashes} backslashes: the
   * same quote preceded by exactly as many backslashes (an odd run more would escape it).
   */
  private int closingQuote(int from, int lineEnd, char quote, int backslashes) {
    int limit = Math.min(lineEnd, from + 4096);
    for (int j = from; j < limit; j++) {
      if (text.charAt(j) != quote) {
        continue;
      }
      if (quote == '\'' && backslashes == 0 && text.startsWith("\\''", j + 1)) {
        j += 3; // 'abc'\''def': a shell's quote inside single quotes
        continue;
      }
      if (quote == '\''
          && backslashes == 0
          && j > from
          && j + 2 < limit
          && text.charAt(j + 1) == '\''
          && text.charAt(j + 2) > ' ') {
        j++; // 'Ax''Q]1': YAML and SQL write a quote inside single quotes twice
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

  /**
   * {@code (NAME=…}: a parenthesised list of options (Snowflake, SQL WITH clauses), not a value.
   */
  private boolean nestedOptions(int i, int lineEnd) {
    if (i >= lineEnd) {
      return false;
    }
    if (text.charAt(i) != '(') {
      return call(i, lineEnd);
    }
    int j = i + 1;
    int limit = Math.min(lineEnd, j + 64);
    while (j < limit && text.charAt(j) == ' ') {
      j++;
    }
    int name = j;
    while (j < limit && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_')) {
      j++;
    }
    if (j == name || !Character.isLetter(text.charAt(name))) {
      return false;
    }
    while (j < limit && text.charAt(j) == ' ') {
      j++;
    }
    return j < limit && text.charAt(j) == '=';
  }

  /**
   * {@code HTTPBasicAuth('u', 'p')}, {@code get_secret()}: a call, not a value (its arguments are
   * read by the rules for them): a dotted identifier, {@code (}, then a quote, {@code )} or a
   * keyword argument.
   */
  private boolean call(int i, int lineEnd) {
    int limit = Math.min(lineEnd, i + 80);
    if (!Character.isLetter(text.charAt(i))) {
      return false;
    }
    int j = i + 1;
    while (j < limit
        && (Character.isLetterOrDigit(text.charAt(j))
            || text.charAt(j) == '_'
            || text.charAt(j) == '.')) {
      j++;
    }
    if (j >= limit || text.charAt(j) != '(' || j - i < 3) {
      return false;
    }
    if (j + 1 == lineEnd) {
      return true; // Secret( with its arguments on the lines below
    }
    if (j + 1 >= limit) {
      return false;
    }
    char c = text.charAt(j + 1);
    if (c == '\'' || c == '"' || c == ')') {
      return true;
    }
    int k = j + 1; // a keyword argument: V1SecretVolumeSource(secret_name=…)
    while (k < limit && (Character.isLetterOrDigit(text.charAt(k)) || text.charAt(k) == '_')) {
      k++;
    }
    return k > j + 1
        && k + 1 < lineEnd
        && text.charAt(k) == '='
        && text.charAt(k + 1) != '='
        && Character.isLetter(text.charAt(j + 1));
  }

  private static boolean isQuote(char c) {
    return c == '"' || c == '\'' || c == '`';
  }

  private void accept(
      int vs, int ve, String v, SecretNames.Strength strength, boolean quoted, boolean dictItem) {
    if (v.length() < 3 || Masks.isPlaceholder(v)) {
      return;
    }
    if (!quoted && v.length() < 4) {
      return;
    }
    if (strength == SecretNames.Strength.WEAK && !ValueKinds.looksRandom(v)) {
      return;
    }
    if (quoted && (ValueKinds.isPath(v) || (!dictItem && ValueKinds.isCodeReference(v)))) {
      return;
    }
    if (ValueKinds.isReferencePath(v) || ValueKinds.clearlyNotSecret(v)) {
      return;
    }
    if (SecretReferences.secretObjectName(currentName, v)) {
      return; // sshKeySecret: airflow-git-ssh names the Kubernetes Secret that holds the key
    }
    add(vs, ve, v);
  }

  void add(int vs, int ve, String v) {
    if (SecretReferences.insideMountCall(text, vs)) {
      return; // Secret(…, secret="airflow-db", key="password"): names of a mounted secret
    }
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
      if (cred.length() >= 8
          && !Masks.isPlaceholder(cred)
          && !ValueKinds.isCode(cred)
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
    } else if (ValueKinds.looksRandom(first) && first.length() >= 8) {
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
      if (cred.length() >= 16 && ValueKinds.looksRandom(cred)) {
        add(cs, ce, cred);
      }
    } else if (cred.length() >= 8 && ValueKinds.isBasicCredential(cred)) {
      add(cs, ce, cred);
    }
  }

  private static boolean isTokenChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_'
        || c == '.'
        || c == '~'
        || c == '+'
        || c == '/'
        || c == '=';
  }

  /**
   * A secret name followed, without a separator, by the value key of the same object: Kubernetes
   * env vars ({@code name: DB_PASSWORD} then {@code value: …}, in YAML, JSON or Python repr).
   */
  private boolean envPair(String name, int ne, int lineEnd) {
    if (SecretNames.classify(name) != SecretNames.Strength.STRONG) {
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
      value(sep, end, SecretNames.Strength.STRONG, text.charAt(sepChar) == ':', false);
    }
    return true;
  }

  /**
   * Hadoop-style XML properties: {@code <name>…Password</name>} then {@code <value>…</value>} (on
   * the same or the next lines).
   */
  private boolean xmlPair(String name, int ne) {
    if (!text.startsWith("</name>", ne)
        || SecretNames.classify(name) != SecretNames.Strength.STRONG) {
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
  private void afterWords(String name, int ne, int lineEnd, boolean prose) {
    if (SecretNames.classify(name) != SecretNames.Strength.STRONG) {
      return;
    }
    int scanEnd = Math.min(lineEnd, ne + 128);
    if (spacedValue(ne, scanEnd, lineEnd)) {
      return;
    }
    if (prose && name.endsWith("codes") && codesAfterColon(ne, lineEnd)) {
      return;
    }
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
    if (ValueKinds.looksRandom(v)
        && v.indexOf(':') < 0
        && v.indexOf('/') < 0
        && !Masks.isPlaceholder(v)
        && !ValueKinds.isCode(v)
        && !ValueReader.assignmentAt(v, 0, v.length())
        && !ValueKinds.clearlyNotSecret(v)) {
      add(vs, ve, v);
    }
  }

  /**
   * A secret name, white space, then a value that can only be a generated password: {@code Using
   * login etl password _MqU61…%$Hs4 for sftp}, a CLI table row {@code password sHDU…!!K*Hd5}.
   * Without a separator the value must carry its proof itself ({@link #generated}).
   */
  private boolean spacedValue(int ne, int scanEnd, int lineEnd) {
    int vs = ne;
    while (vs < scanEnd && (text.charAt(vs) == ' ' || text.charAt(vs) == '\t')) {
      vs++;
    }
    if (vs == ne || vs >= scanEnd) {
      return false;
    }
    if (vs < scanEnd && text.charAt(vs) == '(') {
      int close = text.indexOf(')', vs);
      if (close > vs
          && close < Math.min(scanEnd, vs + 16)
          && close + 1 < scanEnd
          && text.charAt(close + 1) == ' ') {
        vs = close + 2; // "password (raw) X"
      }
    }
    for (String link : new String[] {"is ", "was ", "= "}) {
      if (text.startsWith(link, vs)) {
        vs += link.length(); // "Secret key is X"
        break;
      }
    }
    int limit = Math.min(lineEnd, vs + 129);
    int ve = vs;
    while (ve < limit
        && text.charAt(ve) > ' '
        && text.charAt(ve) != '"'
        && text.charAt(ve) != '\'') {
      ve++;
    }
    if (ve >= limit && limit < lineEnd) {
      return false;
    }
    // Trailing sentence punctuation and closing brackets are not part of it.
    while (ve > vs && ",.;)]}".indexOf(text.charAt(ve - 1)) >= 0) {
      ve--;
    }
    if (!generated(text, vs, ve)) {
      return false;
    }
    String v = text.substring(vs, ve);
    if (Masks.isPlaceholder(v) || ValueKinds.clearlyNotSecret(v) || ValueKinds.isPath(v)) {
      return false;
    }
    consumedUntil = Math.max(consumedUntil, ve);
    add(vs, ve, v);
    return true;
  }

  /**
   * After a prose name of codes and a colon ({@code Your recovery codes: 4f8k2-9xq7m 2j4l1-m8x0q}):
   * every word of the rest of the line that holds a digit is masked.
   */
  private boolean codesAfterColon(int ne, int lineEnd) {
    int i = ne;
    int limit = Math.min(lineEnd, ne + SMALL);
    while (i < limit && text.charAt(i) != ':' && text.charAt(i) != '=') {
      if (!isNameChar(text.charAt(i)) && text.charAt(i) != ' ' && text.charAt(i) != '"') {
        return false;
      }
      i++;
    }
    if (i >= limit) {
      return false;
    }
    int end = Math.min(lineEnd, i + MAX_VALUE);
    int after = i + 1;
    while (after < end && (text.charAt(after) == ' ' || text.charAt(after) == '\r')) {
      after++;
    }
    if (after >= end) {
      return codeLines(lineEnd); // GitHub recovery codes for x:\n3c964-lqywv\n…
    }
    if (text.charAt(after) == '[' || text.charAt(after) == '"' || text.charAt(after) == '\'') {
      return false; // a list or a quoted value: read as such
    }
    boolean any = false;
    i++;
    while (i < end) {
      while (i < end && (text.charAt(i) == ' ' || text.charAt(i) == ',')) {
        i++;
      }
      int ws = i;
      boolean digit = false;
      while (i < end && text.charAt(i) != ' ' && text.charAt(i) != ',') {
        digit |= Character.isDigit(text.charAt(i));
        i++;
      }
      if (i - ws >= 4 && digit) {
        add(ws, i, text.substring(ws, i));
        any = true;
      }
    }
    consumedUntil = Math.max(consumedUntil, end);
    return any;
  }

  /** Lines of one code each after a heading of codes: each line with a digit is masked. */
  private boolean codeLines(int lineEnd) {
    int i = lineEnd + 1;
    boolean any = false;
    for (int lines = 0; lines < 64 && i < text.length(); lines++) {
      int le = text.indexOf('\n', i);
      if (le < 0) {
        le = text.length();
      }
      int s = i;
      int e = le;
      while (s < e && (text.charAt(s) == ' ' || text.charAt(s) == '-' || text.charAt(s) == '*')) {
        s++;
      }
      while (e > s && (text.charAt(e - 1) == ' ' || text.charAt(e - 1) == '\r')) {
        e--;
      }
      if (e - s < 4 || e - s > 64 || text.substring(s, e).indexOf(' ') >= 0) {
        break;
      }
      boolean digit = false;
      for (int k = s; k < e; k++) {
        digit |= Character.isDigit(text.charAt(k));
      }
      if (digit) {
        add(s, e, text.substring(s, e));
        any = true;
      }
      consumedUntil = Math.max(consumedUntil, le);
      i = le + 1;
    }
    return any;
  }

  /**
   * Whether {@code s[from, to)} can only be machine-made: 8 to 128 characters, upper and lower case
   * letters, and a digit or a symbol, both when shorter than 12; no URL, template, reference or
   * word-heavy text ({@link Shapes#wordiness}).
   */
  static boolean generated(CharSequence s, int from, int to) {
    int len = to - from;
    if (len < 8 || len > 128) {
      return false;
    }
    int upper = 0;
    int lower = 0;
    int digit = 0;
    int symbol = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        upper++;
      } else if (c >= 'a' && c <= 'z') {
        lower++;
      } else if (c >= '0' && c <= '9') {
        digit++;
      } else if (c == ':'
          || c == '@'
          || c >= 127
          || (c == '/' && (i == from || s.charAt(i - 1) == '/'))) {
        return false; // paths, URLs, e-mails, hosts
      } else if (c != '-' && c != '_' && c != '.' && c != '/') {
        symbol++;
        if ((c == '{' || c == '$' || c == '%')
            && i + 1 < to
            && (s.charAt(i + 1) == '{' || s.charAt(i + 1) == '(' || s.charAt(i + 1) == 's')) {
          return false; // {{ template }}, ${VAR}, %(name)s
        }
      }
    }
    if (upper == 0 || lower == 0) {
      return false;
    }
    boolean strong = (digit > 0 && symbol > 0) || (digit > 0 && upper >= 2 && lower >= 2);
    if (!strong && (len < 12 || (digit == 0 && symbol == 0))) {
      return false;
    }
    return Shapes.wordiness(s, from, to) * 2 < upper + lower;
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
    if (i >= lineEnd
        || text.charAt(i) != ','
        || SecretNames.classify(name) != SecretNames.Strength.STRONG) {
      return false;
    }
    if (keywordArgument(i + 1, lineEnd)) {
      return true; // Variable.get('api_key', deserialize_json=False): an option, not the value
    }
    value(i + 1, lineEnd, SecretNames.Strength.STRONG, false, false);
    return true;
  }

  /** Whether {@code identifier=} (not {@code ==}) starts at {@code from}, spaces skipped. */
  private boolean keywordArgument(int from, int lineEnd) {
    int limit = Math.min(lineEnd, from + SMALL);
    int i = from;
    while (i < limit && text.charAt(i) == ' ') {
      i++;
    }
    int s = i;
    while (i < limit && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
      i++;
    }
    return i > s
        && Character.isLetter(text.charAt(s))
        && i + 1 < lineEnd
        && text.charAt(i) == '='
        && text.charAt(i + 1) != '=';
  }
}
