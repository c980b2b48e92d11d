package dev.airflowmcp.runtime.redaction;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Round-4 detector rules, kept apart from {@link Detectors#RULES} (which lists them after its own):
 * password grammars of more command lines (credentials after {@code user:} in quotes, PowerShell
 * and .NET credential objects, Windows account commands, tools that read a password on stdin), the
 * Go driver's DSN ({@code user:pass@tcp(host)/db}), secrets passed to client constructors, more
 * vendor prefixes, and values split over string literals or wrapped lines ({@link #split}).
 */
final class FormatRules {
  private FormatRules() {}

  /** A command-line or code value: quoted (also with an escaping backslash) or one word. */
  static final String VALUE =
      "(?<s>\\\\?'[^'\\n]{1,512}'|\\\\?\"[^\"\\n]{1,512}\"|[^\\s'\"|;`)]{1,512})";

  private static final String[] USER_FLAGS = {
    "-u ", "-u=", "-u'", "-u\"", "--user", "--proxy-user", "--auth", "--basic-auth", "--http-user"
  };

  /** A variable or property name that says it holds a secret. */
  private static final String SECRET_NAME =
      "[A-Za-z0-9_.\\-]{0,60}(?:pass|pwd|secret|token|key|auth|cred)[A-Za-z0-9_.\\-]{0,60}";

  static final String END = "(?![A-Za-z0-9_\\-])";

  private static Detectors.Line line(String family, String regex, String... keywords) {
    return new Detectors.Line(
        family, List.of(keywords), Pattern.compile(regex), FormatRules::given);
  }

  private static Detectors.Anchored anchored(String family, String regex, String... keywords) {
    return new Detectors.Anchored(family, List.of(keywords), Pattern.compile(regex));
  }

  /** A value given literally, not a variable, expression or prompt. */
  static boolean given(String v) {
    String t = v;
    if (t.length() >= 2 && (t.charAt(0) == '\'' || t.charAt(0) == '"')) {
      t = t.substring(1, t.length() - 1);
    } else if (t.indexOf('(') >= 0 || t.matches("[a-z_][a-z_.]{0,80}")) {
      return false; // unquoted in code: a call (os.getenv(…)) or a variable (db_password)
    }
    return t.length() >= 3
        && t.charAt(0) != '$'
        && t.charAt(0) != '%'
        && t.charAt(0) != '('
        && !t.startsWith("@(")
        && !t.equals("***")
        && !Masks.isPlaceholder(t);
  }

  /**
   * A literal that can be a secret: {@link #given}, and no URL, path, command line or value that is
   * clearly no secret ({@code API_TOKEN_URL = "https://…"}, {@code FERNET_KEY_CMD = "cat …"}).
   */
  static boolean literalSecret(String v) {
    if (!given(v)) {
      return false;
    }
    String t = v.charAt(0) == '\'' || v.charAt(0) == '"' ? v.substring(1, v.length() - 1) : v;
    return !t.contains("://")
        && !t.contains(" /")
        && !ValueKinds.isPath(t)
        && !ValueKinds.clearlyNotSecret(t);
  }

  /** Secrets as client libraries take them: a random key after an application or account id. */
  static boolean randomKey(String v) {
    int letters = 0;
    int digits = 0;
    boolean hex = true;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (Character.isLetter(c)) {
        letters++;
        hex &= c >= 'a' && c <= 'f';
      } else if (Character.isDigit(c)) {
        digits++;
      } else {
        hex = false;
      }
    }
    if (v.length() < 16 || letters < 4 || digits < 3) {
      return false;
    }
    // Hex in a key argument is the key (Algolia, Pusher, Mixpanel), not a digest of something.
    return hex
        || (Shapes.wordiness(v, 0, v.length()) * 3 < letters
            && !HarmlessShapes.harmless(v, 0, v.length()));
  }

  /**
   * A token given as the argument of a CLI's auth or login subcommand ({@code snyk auth <uuid>},
   * {@code ngrok config add-authtoken …}, {@code vault login s.…}): a UUID or a value random by its
   * shape; host names, URLs, e-mails, paths and words (the user or registry logged in to) stay.
   */
  static boolean authArgument(String v) {
    int n = v.length();
    if (n < 16 || n > 256 || v.indexOf('/') >= 0 || v.indexOf('@') >= 0 || v.indexOf(':') >= 0) {
      return false;
    }
    if (n == 36
        && v.charAt(8) == '-'
        && v.charAt(13) == '-'
        && v.charAt(18) == '-'
        && v.charAt(23) == '-') {
      return true; // a UUID after auth is the token (Snyk, Heroku, Netlify)
    }
    return Shapes.secret(v, 0, n, true) && !HarmlessShapes.harmless(v, 0, n);
  }

  /**
   * A positional password: reads as generated (three character classes, not a word), a leading dash
   * allowed since the value is not a flag when quoted or after a password word.
   */
  static boolean positionalPassword(String v) {
    if (v.isEmpty()) {
      return false;
    }
    String t = v.charAt(0) == '-' ? "x" + v.substring(1) : v;
    return Detectors.flagValue(t)
        || (v.startsWith("SCRAM-SHA-256$") || v.matches("md5[0-9a-f]{32}"));
  }

  static final List<Detectors.Rule> RULES =
      List.of(
          new Detectors.Line(
              "cli-auth-token",
              List.of(" auth ", " login ", " authtoken ", " add-authtoken "),
              java.util.regex.Pattern.compile(
                  "(?:^|[\\s;&|(])[\\w.-]{2,32}\\s+(?:config\\s+)?(?:auth(?:\\s+login)?|login|authtoken"
                      + "|add-authtoken)\\s+(?<s>[A-Za-z0-9][A-Za-z0-9._~+=-]{15,255})(?=[\\s'\"]|$)"),
              FormatRules::authArgument),
          // Round 7: a password given as a positional argument. After a bare password word
          // (mysqladmin password '…', rclone … pass '…', redis AUTH [user] …), optionally after a
          // user name; the value must read as a generated password, not a word or a flag.
          new Detectors.Line(
              "cli-positional-password",
              List.of("password ", "passwd ", "pass ", "auth "),
              Pattern.compile(
                  "(?m)(?:^|[\\s;&|(>])(?i:password|passwd|pass|auth)\\s+" + VALUE + "(?=\\s|$)"),
              FormatRules::positionalPassword),
          new Detectors.Line(
              "cli-positional-password",
              List.of("password ", "passwd ", "pass ", "auth "),
              Pattern.compile(
                  "(?m)(?:^|[\\s;&|(>])(?i:password|passwd|pass|auth)\\s+[\\w.@-]{1,64}\\s+"
                      + VALUE
                      + "(?=\\s|$)"),
              FormatRules::positionalPassword),
          // The last argument of a credential-store command (hdbuserstore SET key host user pw,
          // mkstore -createCredential alias user pw, -modifyCredential, -createEntry): one to
          // three positional words, then the quoted password at the end of the line.
          new Detectors.Line(
              "cli-positional-password",
              List.of("userstore", "credential", "-createentry", "-modifyentry"),
              Pattern.compile(
                  "(?m)(?i:userstore\\s+(?:-\\w{1,20}\\s+){0,3}set|-(?:create|modify)(?:credential|entry))"
                      + "(?:\\s+[^\\s'\"-][^\\s'\"]{0,255}){1,3}\\s+"
                      + "(?<s>'[^'\\n]{1,512}'|\"[^\"\\n]{1,512}\"|[^\\s'\"]{1,512})\\s*$"),
              FormatRules::positionalPassword),
          // user/"password"@host: an Oracle-style connect string with the password quoted.
          new Detectors.Line(
              "cli-positional-password",
              List.of("\"@"),
              Pattern.compile("(?<![\\w/])[A-Za-z][\\w$#]{0,30}/(?<s>\"[^\"\\n@]{1,128}\")@"),
              FormatRules::given),
          // A line of exactly two quoted words (pgbouncer's userlist.txt: "user" "password").
          new Detectors.Line(
              "quoted-user-password-line",
              List.of("\" \""),
              Pattern.compile(
                  "(?m)^[ \\t]{0,8}\"[^\"\\s]{1,64}\"[ \\t]{1,8}(?<s>\"[^\"\\n]{1,512}\")[ \\t]{0,8}$"),
              FormatRules::positionalPassword),
          // curl -u user:'pa ss', --user "u:p w", --proxy-user, httpie --auth: the password part
          // quoted on its own or the whole pair quoted with spaces inside.
          line(
              "cli-user-colon-password",
              // The dash first, then the look-behind for a space or the line's start: the same
              // matches as (?:^|\\s)(?:-u|-U|--user|…), found at a literal (cheaper per position).
              "-(?<![^\\s]-)(?:u|U|-user|-proxy-user|-auth|-basic-auth|-http-user)(?:\\s+|=)?"
                  + "[^:\\s'\"]{1,128}:(?<s>'[^'\\n]{1,512}'|\"[^\"\\n]{1,512}\")",
              USER_FLAGS),
          line(
              "cli-user-colon-password",
              "-(?<![^\\s]-)(?:u|U|-user|-proxy-user|-auth|-basic-auth|-http-user)(?:\\s+|=)?"
                  + "(['\"])[^:'\"\\n]{1,128}:(?<s>[^'\"\\n]{1,512})\\1",
              USER_FLAGS),
          // PowerShell and .NET: ConvertTo-SecureString "…" -AsPlainText, NetworkCredential(u, p),
          // PSCredential built from a literal.
          line(
              "powershell-secure-string",
              "(?i)ConvertTo-SecureString\\s+(?:-String\\s+)?" + VALUE,
              "convertto-securestring"),
          line(
              "dotnet-network-credential",
              "(?i)NetworkCredential\\s*\\(\\s*(['\"])[^'\"\\n]{0,128}\\1\\s*,\\s*(['\"])"
                  + "(?<s>[^'\"\\n]{3,256})\\2",
              "networkcredential"),
          // Windows account commands: net user NAME PASS /add, cmdkey /pass:, schtasks /RP.
          line(
              "windows-account-password",
              "(?i)\\bnet\\s+user\\s+[^\\s/]{1,64}\\s+(?<s>[^\\s/*][^\\s]{2,255})(?=\\s+/|\\s*$)",
              "net user"),
          line(
              "windows-account-password",
              "(?i)(?:^|\\s)/pass(?:word)?:(?<s>\"[^\"\\n]{1,256}\"|[^\\s\"]{1,256})",
              "/pass"),
          line(
              "windows-account-password",
              "(?:^|\\s)/RP\\s+(?<s>\"[^\"\\n]{1,256}\"|[^\\s/\"][^\\s]{0,255})",
              "/rp "),
          // A literal piped into a tool that reads a password (or a secret) on stdin.
          line(
              "cli-password-pipe",
              "(?:\\becho|\\bprintf)\\s+(?:-[neE]{1,3}\\s+)?(?:(?:'%s[^']{0,4}'|\"%s[^\"]{0,4}\")\\s+)?"
                  + VALUE
                  + "\\s*\\|\\s*(?:sudo\\s+(?:-\\w+\\s+){0,3})?"
                  + "(?:kinit\\b|chpasswd\\b|sudo\\s+(?:-\\w+\\s+){0,3}-S\\b|passwd\\b[^|\\n]{0,80}--stdin"
                  + "|smbpasswd\\b[^|\\n]{0,80}\\s-s|htpasswd\\b[^|\\n]{0,80}\\s-\\w*i"
                  + "|vault\\s+login\\b[^|\\n]{0,80}\\s-(?:\\s|$)|(?:docker|podman)\\s+secret\\s+create\\b"
                  + "|gh\\s+secret\\s+set\\b|wrangler\\s+secret\\s+put\\b|cryptsetup\\b"
                  + "|keyring\\s+set\\b|ssh-add\\b|openssl\\b[^|\\n]{0,120}-pass(?:in|out)?\\s+stdin"
                  + "|[\\w.-]{1,40}\\s[^|\\n]{0,120}--(?:password|passphrase|secret|token)-stdin)",
              "kinit",
              "chpasswd",
              "sudo -s",
              "passwd",
              "secret create",
              "secret set",
              "secret put",
              "vault login",
              "cryptsetup",
              "keyring set",
              "ssh-add"),
          // Secret stores fed on the command line: a here-string into the command, or the value
          // under a generic flag (az keyvault secret set --value, aws ssm put-parameter --value).
          line(
              "secret-store-here-string",
              "(?i)(?=[svkchp\\-])(?:\\bsecrets?\\s+(?:create|set|put|add)|\\bversions\\s+add|secret-tool\\s+store"
                  + "|\\bkinit\\b|\\bc?h?passwd\\b|\\bvault\\s+(?:kv\\s+put|write|login)"
                  + "|\\bkeyring\\s+set|--data-file[ =]-|-stdin\\b)[^\\n]{0,200}?<<<\\s*"
                  + VALUE,
              "<<<"),
          new Detectors.Line(
              "secret-store-value-flag",
              List.of(
                  "secret set",
                  "secret create",
                  "secret put",
                  "secret add",
                  "secrets set",
                  "secrets create",
                  "put-parameter",
                  "put-secret-value",
                  "create-secret"),
              Pattern.compile(
                  "(?i)(?=[spc])(?:\\bsecrets?\\s+(?:set|create|put|add)|put-parameter|put-secret-value"
                      + "|create-secret)\\b[^\\n]{0,200}?\\s--(?:value|secret-string|secret-value)"
                      + "(?:\\s+|=)"
                      + VALUE),
              FormatRules::literalSecret),
          // Python keyring: set_password(service, user, password).
          line(
              "keyring-set-password",
              "set_password\\s*\\(\\s*(['\"])[^'\"\\n]{0,128}\\1\\s*,\\s*(['\"])[^'\"\\n]{0,128}\\2"
                  + "\\s*,\\s*(['\"])(?<s>[^'\"\\n]{3,256})\\3",
              "set_password("),
          // Go's MySQL driver DSN: user:password@tcp(host:port)/db (also unix, tcp6).
          line(
              "go-mysql-dsn",
              "(?<![A-Za-z0-9_.\\-:/@])[A-Za-z0-9_.\\-]{1,64}:(?<s>[^\\s'\"]{1,256})"
                  + "@(?:tcp6?|unix|udp)\\(",
              "@tcp(",
              "@tcp6(",
              "@unix(",
              "@udp("),
          // A client built with an id and a key: SearchClient.create('APPID', '<key>'),
          // algoliasearch('APPID', '<key>'), FooClient(app_id='x', api_key='<key>').
          new Detectors.Line(
              "client-constructor-key",
              List.of(
                  "client(",
                  "client.create",
                  "client.init",
                  "client.connect",
                  "client.new",
                  "algoliasearch"),
              Pattern.compile(
                  "(?:Client|client|algoliasearch)(?:\\.[A-Za-z_]\\w{0,32})?"
                      + "\\s*\\(\\s*(?:\\w{1,32}\\s*=\\s*)?(['\"])[A-Za-z0-9_.\\-]{3,64}\\1\\s*,\\s*"
                      + "(?:\\w{1,32}\\s*=\\s*)?(['\"])(?<s>[A-Za-z0-9_\\-+/=]{16,256})\\2"),
              FormatRules::randomKey),
          // Credentials as positional arguments of auth objects: HTTPBasicAuth('u', 'p'),
          // aiohttp.BasicAuth, HTTPDigestAuth, pika.PlainCredentials, UsernamePasswordCredentials.
          line(
              "auth-object-password",
              "(?:Auth|(?:Plain|Password|Basic)Credentials?)\\s*\\(\\s*"
                  + "(?:\\w{1,32}\\s*=\\s*)?(['\"])[^'\"\\n]{1,128}\\1\\s*,\\s*(?:\\w{1,32}\\s*=\\s*)?"
                  + "(['\"])(?<s>[^'\"\\n]{3,256})\\2",
              "auth(",
              "credentials(",
              "credential("),
          // Environment variables and properties set in code or shells, the name in brackets, after
          // a prefix or as an argument: $env:PGPASSWORD = "…", os.environ["DB_PASSWORD"] = "…",
          // process.env.API_TOKEN = "…", setx DB_PASSWORD "…", System.setProperty("db.password",
          // …).
          new Detectors.Line(
              "environment-assignment",
              List.of("$env:", "environ[", "env[", "process.env.", "setx ", "setproperty("),
              Pattern.compile(
                  "(?i)(?:\\$env:"
                      + SECRET_NAME
                      + "\\s*=|\\b(?:environ|env)\\s*\\[\\s*(['\"])"
                      + SECRET_NAME
                      + "\\1\\s*\\]\\s*=|\\bprocess\\.env\\."
                      + SECRET_NAME
                      + "\\s*="
                      + "|\\bsetx\\s+"
                      + SECRET_NAME
                      + "|\\bsetProperty\\s*\\(\\s*(['\"])"
                      + SECRET_NAME
                      + "\\2\\s*,)\\s*"
                      + VALUE),
              FormatRules::literalSecret),
          // The bare abbreviation as a name ("# pw: …", PW=…), which SecretNames knows but no
          // keyword of the assignment rule woke.
          new Detectors.Code(
              "assignment",
              List.of("pw:", "pw=", "pw :", "pw =", "pw\":", "pw':"),
              Detectors.Kind.ASSIGNMENT),
          // Vendor prefixes (documented formats)
          anchored("prefect-api-key", "pn[ub]_[A-Za-z0-9]{36}" + END, "pnu_", "pnb_"),
          anchored("dbt-cloud-token", "dbt[cu]_[A-Za-z0-9_\\-]{30,128}" + END, "dbtc_", "dbtu_"),
          anchored("slack-config-token", "xoxe\\.xox[bp]-[0-9]-[A-Za-z0-9\\-]{40,4096}", "xoxe."),
          anchored("dropbox-token", "sl\\.[A-Za-z0-9_\\-]{130,4096}", "sl."),
          anchored("linear-oauth-token", "lin_oauth_[a-f0-9]{64}" + END, "lin_oauth_"),
          anchored("easypost-key", "EZ[AT]K[a-f0-9]{32,64}" + END, "ezak", "eztk"),
          anchored("flutterwave-key", "FLW(?:SECK|PUBK)_(?:TEST|LIVE)?-?[a-f0-9]{32}-X", "flwseck"),
          anchored("shippo-token", "shippo_(?:live|test)_[a-f0-9]{40}" + END, "shippo_"),
          anchored("razorpay-secret", "rzp_(?:live|test)_[A-Za-z0-9]{14}" + END, "rzp_live_"),
          // Asana personal access tokens: 1/<user>:<hex32>, 2/<user>/<app>:<hex32>; read at
          // the asana keyword of the line.
          line(
              "asana-pat",
              "(?<![0-9/])(?<s>[12]/[0-9]{10,20}(?:/[0-9]{10,20})?:[0-9a-f]{32})" + END,
              "credential"),
          // Values split over string literals or wrapped lines (see split)
          new Detectors.Code("split-webhook", List.of("hooks.slack.com"), Detectors.Kind.SPLIT),
          new Detectors.Code("netrc-entry", List.of("machine"), Detectors.Kind.SPLIT),
          // A token named on the line above its value (asana_pat:\n  value: "2/…").
          new Detectors.Code("asana-pat", List.of("asana"), Detectors.Kind.SPLIT));

  private static final Pattern ASANA =
      Pattern.compile("(?<![0-9/])[12]/[0-9]{10,20}(?:/[0-9]{10,20})?:[0-9a-f]{32}" + END);

  /** How far after its keyword a split value is looked for. */
  private static final int WINDOW = 600;

  /** Joins between pieces: a literal closed and another opened, or a wrapped line. */
  private static final String JOIN = "(?:['\"][\\s+\\\\]{0,60}['\"]|\\r?\\n)";

  private static final Pattern SLACK_PATH =
      Pattern.compile(
          "T[A-Z0-9]{8,12}"
              + JOIN
              + "?/"
              + JOIN
              + "?B[A-Z0-9]{8,12}"
              + JOIN
              + "?/"
              + JOIN
              + "?(?<s>[A-Za-z0-9]{1,24})(?:"
              + JOIN
              + "(?<t>[A-Za-z0-9]{1,23}))?(?![A-Za-z0-9])");

  /** A netrc machine line: the host alone, or with its login. */
  private static final Pattern NETRC_MACHINE =
      Pattern.compile("[ \\t]+[^\\s]{1,256}(?:[ \\t]+login[ \\t]+[^\\s]{1,256})?[ \\t]*\\r?\\n");

  /** A netrc line of its own: a login or a password token and its value. */
  private static final Pattern NETRC_LINE =
      Pattern.compile(
          "[ \\t]*(?:(?<login>login|account)|password)[ \\t]+(?<s>[^\\s]{1,256})[ \\t]*(?:\\r?\\n|$)");

  /** Masks split values around a keyword of a {@link Detectors.Kind#SPLIT} rule. */
  static void split(String text, int start, int end, Spans spans) {
    int limit = Math.min(text.length(), end + WINDOW);
    // Up to the next occurrence of the same keyword, which reads on from there: linear in all.
    for (int i = end; i < limit; i++) {
      if (text.regionMatches(true, i, text, start, end - start)) {
        limit = i;
        break;
      }
    }
    if (text.regionMatches(true, start, "machine", 0, 7)) {
      netrc(text, end, limit, spans);
      return;
    }
    if (text.regionMatches(true, start, "asana", 0, 5)) {
      Matcher a = ASANA.matcher(text);
      a.region(end, limit);
      while (a.find()) {
        spans.add(a.start(), a.end());
      }
      return;
    }
    Matcher m = SLACK_PATH.matcher(text);
    m.region(end, limit);
    while (m.find()) {
      int s = m.start("s");
      int e = m.end("s");
      int ts = m.start("t");
      int len = (e - s) + (ts >= 0 ? m.end("t") - ts : 0);
      if (len != 24 || HarmlessShapes.placeholder(text, s, e)) {
        continue; // a webhook secret is 24 letters and digits
      }
      spans.add(s, e);
      if (ts >= 0) {
        spans.add(ts, m.end("t"));
      }
    }
  }

  /** A .netrc entry written over several lines: its password line, up to the next entry. */
  private static void netrc(String text, int from, int limit, Spans spans) {
    int keyword = from - "machine".length();
    if (keyword > 0 && !Character.isWhitespace(text.charAt(keyword - 1))) {
      return; // "machine" must start its line
    }
    Matcher m = NETRC_MACHINE.matcher(text);
    m.region(from, limit);
    if (!m.lookingAt()) {
      return;
    }
    // Then only login, account and password lines, up to the next entry.
    Matcher l = NETRC_LINE.matcher(text);
    int at = m.end();
    for (int lines = 0; lines < 4 && at < limit; lines++) {
      l.region(at, limit);
      if (!l.lookingAt()) {
        return;
      }
      String v = l.group("s");
      if (l.start("login") < 0 && given(v)) {
        spans.add(l.start("s"), l.end("s"));
      }
      at = l.end();
    }
  }
}
