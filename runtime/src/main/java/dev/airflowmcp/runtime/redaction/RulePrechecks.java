package dev.airflowmcp.runtime.redaction;

/**
 * Cheap necessary conditions for a few pattern rules of {@link Detectors} whose keywords are common
 * and whose patterns are slow to search: when the condition fails on the region the pattern would
 * search, the pattern cannot match there and is not run. Each condition follows from its pattern,
 * so results are the same with or without it; it only saves the search. Rules are found by family
 * name, so rule definitions stay where they are.
 */
final class RulePrechecks {
  private RulePrechecks() {}

  /** Whether the rule's pattern may match in {@code text[from, to)}. */
  @FunctionalInterface
  interface Need {
    boolean mayMatch(CharSequence text, int from, int to);
  }

  /**
   * The AWS secret key patterns end in 40 base64 characters bounded on both sides by none of {@code
   * [A-Za-z0-9/+=]}, and the key id pattern looks at most 225 characters past its start.
   */
  private static final int AFTER_KEY_ID_REACH = 225;

  /**
   * The condition for a rule, or null when its pattern runs unconditionally: only for the patterns
   * each condition was derived from, so a rule whose pattern changes (or a new rule of the same
   * family name) loses its pre-check rather than its matches.
   */
  static Need forRule(String family, String pattern) {
    for (String[] d : DERIVED_FROM) {
      if (d[0].equals(family) && d[1].equals(pattern)) {
        return forFamily(family);
      }
    }
    return null;
  }

  /**
   * Each family with a condition and the pattern sources the condition was derived from (as in
   * {@link Detectors#RULES} and {@link FormatRules#RULES}); a family may have several rules.
   */
  private static final String[][] DERIVED_FROM = {
    {
      "aws-secret-access-key",
      "(?<![A-Za-z0-9/+=])(?<s>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])"
          + "(?<=(?i:secret)[^\\n]{0,100})"
    },
    {
      "aws-secret-after-key-id",
      "(?:A[KS]IA[A-Z0-9]{16}|GOOG1[A-Z0-9]{20,80})[^\\n]{1,100}?(?<![A-Za-z0-9/+=])"
          + "(?<s>(?=[A-Za-z0-9/+]{0,39}[0-9])(?=[A-Za-z0-9/+]{0,39}[a-z])"
          + "(?=[A-Za-z0-9/+]{0,39}[A-Z])[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])"
    },
    {
      "curl-user-password",
      "-(?<![^\\s]-)(?:u|-user)\\s*['\"]?[^:\\s'\"]{1,128}:(?![0-9]+(?:[\\s'\"]|$))"
          + "(?<s>[^\\s'\"]{3,4096})"
    },
    {
      "mysql-password-argument",
      "(?:^|\\s)-p(?<s>'[^'\\n]{3,4096}'|\"[^\"\\n]{3,4096}\"|[^\\s'\"-][^\\s'\"]{2,4096})"
    },
    {
      "cli-password-stdin",
      "(?:\\becho|\\bprintf)\\s+(?:-[neE]{1,3}\\s+)?"
          + "(?:(?:'%s[^']{0,4}'|\"%s[^\"]{0,4}\"|%s)\\s+)?"
          + Detectors.VALUE
          + "\\s*\\|(?=[^\\n]{0,512}?(?:-stdin|--with-token|--password-file=-"
          + "|--passphrase-fd[ =]0|[=\\s]/dev/(?:stdin|fd/0)\\b"
          + "|-pass(?:in|word)?[ =](?:stdin|fd:0)))"
    },
    {
      "cli-password-argument",
      "\\b(?=[almnrsh])(?:(?:mongo|mongosh|mongodump|mongorestore|mongoexport|mongoimport)\\b[^\\n]{0,300}?"
          + "\\s(?:-p|--password)|az\\s+login\\b[^\\n]{0,300}?\\s(?:-p|--password)"
          + "|ldap\\w{0,10}\\b[^\\n]{0,300}?\\s-w|smbclient\\b[^\\n]{0,300}?\\s-U\\s+[^\\s%]{1,64}%"
          + "|lftp\\b[^\\n]{0,300}?\\s-u\\s+[^\\s,]{1,64},"
          + "|net\\s+use\\s+(?:[A-Za-z]:\\s+)?\\\\\\\\\\S{1,256}(?=\\s+[^/\\s][^\\n]{0,300}/user:)"
          + "|net\\s+use\\b[^\\n]{0,300}?\\s/user:\\S{1,128}"
          + "|snmp\\w{0,12}\\b[^\\n]{0,200}?\\s-c"
          + "|mc\\s+(?:alias\\s+set|config\\s+host\\s+add)\\s+\\S{1,64}\\s+\\S{1,512}\\s+\\S{1,128}"
          + "|rabbitmqctl\\s+(?:add_user|change_password|authenticate_user)\\s+\\S{1,64}"
          + "|htpasswd\\s+-\\w{0,4}b\\w{0,4}\\s+(?:-\\w+\\s+){0,3}\\S{1,256}\\s+\\S{1,64})\\s*"
          + Detectors.VALUE
    },
    {
      "snmp-v3-passphrase",
      "(?:\\bsnmp[a-z]{0,12}\\b|\\G(?!^))[^\\n]{0,300}?\\s-[AX]\\s+" + Detectors.VALUE
    },
    {
      "cli-positional-password",
      "(?m)(?:^|[\\s;&|(>])(?i:password|passwd|pass|auth)\\s+" + FormatRules.VALUE + "(?=\\s|$)"
    },
    {
      "cli-positional-password",
      "(?m)(?:^|[\\s;&|(>])(?i:password|passwd|pass|auth)\\s+[\\w.@-]{1,64}\\s+"
          + FormatRules.VALUE
          + "(?=\\s|$)"
    },
    {
      "cli-positional-password",
      "(?m)(?i:userstore\\s+(?:-\\w{1,20}\\s+){0,3}set|-(?:create|modify)(?:credential|entry))"
          + "(?:\\s+[^\\s'\"-][^\\s'\"]{0,255}){1,3}\\s+"
          + "(?<s>'[^'\\n]{1,512}'|\"[^\"\\n]{1,512}\"|[^\\s'\"]{1,512})\\s*$"
    },
    {
      "cli-auth-token",
      "(?:^|[\\s;&|(])[\\w.-]{2,32}\\s+(?:config\\s+)?(?:auth(?:\\s+login)?|login|authtoken"
          + "|add-authtoken)\\s+(?<s>[A-Za-z0-9][A-Za-z0-9._~+=-]{15,255})(?=[\\s'\"]|$)"
    },
    {
      "asana-pat",
      "(?<![0-9/])(?<s>[12]/[0-9]{10,20}(?:/[0-9]{10,20})?:[0-9a-f]{32})" + FormatRules.END
    },
    {
      "secret-store-here-string",
      "(?i)(?=[svkchp\\-])(?:\\bsecrets?\\s+(?:create|set|put|add)|\\bversions\\s+add"
          + "|secret-tool\\s+store"
          + "|\\bkinit\\b|\\bc?h?passwd\\b|\\bvault\\s+(?:kv\\s+put|write|login)"
          + "|\\bkeyring\\s+set|--data-file[ =]-|-stdin\\b)[^\\n]{0,200}?<<<\\s*"
          + FormatRules.VALUE
    },
    {
      "cli-here-string",
      "(?=[\\s-])(?:-stdin|--with-token|\\s-{1,2}[\\w-]{0,20}(?:pass|token|secret|pwd)[\\w-]{0,20})"
          + "[^\\n]{0,40}<<<\\s*"
          + Detectors.VALUE
    },
    {
      "cli-short-password-flag",
      "(?:^|[\\s;&|(])-(?:[pPNwak](?:\\s+|=)|[pP](?=[^\\s'\"=-]))" + Detectors.VALUE
    },
    {
      "key-constructor-hex",
      "(?i)(?:private_?key|secret_?key|signing_?key|from_?key|keypair|wallet|account)"
          + "[\\w.]{0,40}\\(\\s*(?:bytes\\.fromhex\\(\\s*|HexBytes\\(\\s*)?['\"]"
          + "(?<s>(?:0x)?[0-9a-fA-F]{64})['\"]"
    },
    {
      "auth-object-password",
      "(?:Auth|(?:Plain|Password|Basic)Credentials?)\\s*\\(\\s*"
          + "(?:\\w{1,32}\\s*=\\s*)?(['\"])[^'\"\\n]{1,128}\\1\\s*,\\s*(?:\\w{1,32}\\s*=\\s*)?"
          + "(['\"])(?<s>[^'\"\\n]{3,256})\\2"
    },
    {
      "login-call-password",
      "\\b(?:login|auth|authenticate|connect|bind|simple_bind_s)\\(\\s*(?:[A-Za-z_]\\w*\\s*=\\s*)?"
          + "(['\"])[^'\"\\n]{1,128}\\1\\s*,\\s*(?:[A-Za-z_]\\w*\\s*=\\s*)?(['\"])"
          + "(?<s>[^'\"\\n]{3,128})\\2"
    }
  };

  /**
   * A plan for a rule of the shape {@code ANCHOR[^\n]{0,window}?TAIL}, where TAIL ends the pattern
   * and ANCHOR holds at most {@code anchorChars} characters that are not {@code \s} (its runs of
   * {@code \s} may be of any length): {@code tail} is TAIL alone. Every match holds TAIL at a
   * position q where {@code tail} matches (looking at q, to the line's end), at most {@code window}
   * after the anchor's end; so a match can start only at a position s with at most {@code
   * anchorChars} non-space characters in {@code [s, q - window)} for the first such q at or after
   * s. {@link Detectors} then tries the full pattern only at those positions, each at most once, in
   * order, instead of {@code find()} from every anchor (which re-reads its window from each). A
   * rule whose anchor also has {@code \G(?!^)} (a match may start where the previous one ended) has
   * {@code chain}, that window: the next match is then TAIL's next match within it. A tail that is
   * a look-ahead may lie past the line's end, across the run of {@code \\s} there: {@code pastLine}
   * is how far past that run's end it is looked for (0: only on the line).
   */
  record Window(
      java.util.regex.Pattern tail, int window, int anchorChars, int chain, int pastLine) {
    Window(java.util.regex.Pattern tail, int window, int anchorChars, int chain) {
      this(tail, window, anchorChars, chain, 0);
    }
  }

  /** The plan for a rule, or null: only for the pattern each plan was derived from. */
  static Window windowFor(String family, String pattern) {
    for (Object[] d : WINDOWS) {
      if (d[0].equals(family) && d[1].equals(pattern)) {
        return (Window) d[2];
      }
    }
    return null;
  }

  /** The families with a window plan (for tests). */
  static java.util.Set<String> windowFamilies() {
    java.util.Set<String> f = new java.util.TreeSet<>();
    for (Object[] d : WINDOWS) {
      f.add((String) d[0]);
    }
    return f;
  }

  private static java.util.regex.Pattern tail(String regex) {
    return java.util.regex.Pattern.compile(regex);
  }

  /**
   * Family, the pattern source the plan was derived from, the plan. Anchor lengths: snmp plus
   * [a-z]{0,12} is 16; -stdin, --with-token, or \s then
   * -{1,2}[\w-]{0,20}(?:pass|…|secret)[\w-]{0,20} is 48 past the space; secrets? \s+ create,
   * secret-tool \s+ store, put-secret-value are 16 or fewer (the rest shorter); docker \s+ login
   * 11; redis-cli 9. Each TAIL is the pattern's own text after its window, nothing after it; (?i)
   * kept where the pattern has it.
   */
  private static final Object[][] WINDOWS = {
    {
      "snmp-v3-passphrase",
      "(?:\\bsnmp[a-z]{0,12}\\b|\\G(?!^))[^\\n]{0,300}?\\s-[AX]\\s+" + Detectors.VALUE,
      new Window(tail("\\s-[AX]\\s+" + Detectors.VALUE), 300, 16, 300)
    },
    {
      "cli-here-string",
      "(?=[\\s-])(?:-stdin|--with-token|\\s-{1,2}[\\w-]{0,20}(?:pass|token|secret|pwd)[\\w-]{0,20})"
          + "[^\\n]{0,40}<<<\\s*"
          + Detectors.VALUE,
      new Window(tail("<<<\\s*" + Detectors.VALUE), 40, 48, 0)
    },
    {
      "secret-store-here-string",
      "(?i)(?=[svkchp\\-])(?:\\bsecrets?\\s+(?:create|set|put|add)|\\bversions\\s+add"
          + "|secret-tool\\s+store"
          + "|\\bkinit\\b|\\bc?h?passwd\\b|\\bvault\\s+(?:kv\\s+put|write|login)"
          + "|\\bkeyring\\s+set|--data-file[ =]-|-stdin\\b)[^\\n]{0,200}?<<<\\s*"
          + FormatRules.VALUE,
      new Window(tail("(?i)<<<\\s*" + FormatRules.VALUE), 200, 16, 0)
    },
    {
      "secret-store-value-flag",
      "(?i)(?=[spc])(?:\\bsecrets?\\s+(?:set|create|put|add)|put-parameter|put-secret-value"
          + "|create-secret)\\b[^\\n]{0,200}?\\s--(?:value|secret-string|secret-value)"
          + "(?:\\s+|=)"
          + FormatRules.VALUE,
      new Window(
          tail("(?i)\\s--(?:value|secret-string|secret-value)(?:\\s+|=)" + FormatRules.VALUE),
          200,
          16,
          0)
    },
    {
      // The tail is the look-ahead after the match (a zero-width tail, so it may see the next
      // line as the look-ahead does, at the line's end): the match (printf, -neE, '%s…', a value
      // of at most 515 and |) holds at most 534 non-space characters, and ends at most 512 before
      // the tail.
      "cli-password-stdin",
      "(?:\\becho|\\bprintf)\\s+(?:-[neE]{1,3}\\s+)?"
          + "(?:(?:'%s[^']{0,4}'|\"%s[^\"]{0,4}\"|%s)\\s+)?"
          + Detectors.VALUE
          + "\\s*\\|(?=[^\\n]{0,512}?(?:-stdin|--with-token|--password-file=-"
          + "|--passphrase-fd[ =]0|[=\\s]/dev/(?:stdin|fd/0)\\b"
          + "|-pass(?:in|word)?[ =](?:stdin|fd:0)))",
      new Window(
          tail(
              "(?=-stdin|--with-token|--password-file=-|--passphrase-fd[ =]0"
                  + "|[=\\s]/dev/(?:stdin|fd/0)\\b|-pass(?:in|word)?[ =](?:stdin|fd:0))"),
          512,
          534,
          0,
          1)
    },
    {
      // Each alternative holds a tail: its flag (\\s-p, \\s--password, \\s-w, \\s-U, \\s-u,
      // /user: of the net use look-ahead or of /user:\\S, \\s-c) at most 301 after its anchor's
      // end, or is mc, rabbitmqctl, htpasswd, whose names are their tail at the match's start.
      // Anchors: mongorestore 12, ldap\\w{0,10} 14, snmp\\w{0,12} 16, net use X: \\\\ and
      // \\S{1,256} 266 (its look-ahead's \\s+ run, free, then one character and 300 before
      // /user:, which may be on a later line past that run).
      "cli-password-argument",
      "\\b(?=[almnrsh])(?:(?:mongo|mongosh|mongodump|mongorestore|mongoexport|mongoimport)\\b[^\\n]{0,300}?"
          + "\\s(?:-p|--password)|az\\s+login\\b[^\\n]{0,300}?\\s(?:-p|--password)"
          + "|ldap\\w{0,10}\\b[^\\n]{0,300}?\\s-w|smbclient\\b[^\\n]{0,300}?\\s-U\\s+[^\\s%]{1,64}%"
          + "|lftp\\b[^\\n]{0,300}?\\s-u\\s+[^\\s,]{1,64},"
          + "|net\\s+use\\s+(?:[A-Za-z]:\\s+)?\\\\\\\\\\S{1,256}(?=\\s+[^/\\s][^\\n]{0,300}/user:)"
          + "|net\\s+use\\b[^\\n]{0,300}?\\s/user:\\S{1,128}"
          + "|snmp\\w{0,12}\\b[^\\n]{0,200}?\\s-c"
          + "|mc\\s+(?:alias\\s+set|config\\s+host\\s+add)\\s+\\S{1,64}\\s+\\S{1,512}\\s+\\S{1,128}"
          + "|rabbitmqctl\\s+(?:add_user|change_password|authenticate_user)\\s+\\S{1,64}"
          + "|htpasswd\\s+-\\w{0,4}b\\w{0,4}\\s+(?:-\\w+\\s+){0,3}\\S{1,256}\\s+\\S{1,64})\\s*"
          + Detectors.VALUE,
      new Window(
          tail(
              // (?=[\\s/mrh]): the first character of every alternative, tested once.
              "(?=[\\s/mrh])(?=\\s-p|\\s--password|\\s-w|\\s-U|\\s-u|/user:|\\s-c|mc\\s+(?:alias|config)"
                  + "|rabbitmqctl|htpasswd)"),
          302,
          267,
          0,
          302)
    },
    {
      "docker-login-password",
      "docker\\s+login\\b[^\\n]{0,200}?\\s-p\\s+(?<s>'[^'\\n]+'|\"[^\"\\n]+\"|[^\\s-]\\S*)",
      new Window(tail("\\s-p\\s+(?<s>'[^'\\n]+'|\"[^\"\\n]+\"|[^\\s-]\\S*)"), 200, 11, 0)
    },
    {
      "redis-cli-password",
      "redis-cli\\b[^\\n]{0,200}?\\s-a\\s+(?<s>'[^'\\n]+'|\"[^\"\\n]+\"|[^\\s-]\\S*)",
      new Window(tail("\\s-a\\s+(?<s>'[^'\\n]+'|\"[^\"\\n]+\"|[^\\s-]\\S*)"), 200, 9, 0)
    }
  };

  /**
   * A token rule of the shape {@code PREFIX C{min,max} END}, END forbidding every character of C
   * (so that the quantifier cannot give characters back and still match): at a keyword where one of
   * {@code prefixes} begins (case-sensitive) and more than {@code max} characters of C follow it,
   * the pattern cannot match. {@link Detectors} finds where the run of C ends once per run, so a
   * run of repeated prefixes ({@code sb_secret_} ×100,000) is not read again from each of them.
   */
  record TokenRun(String[] prefixes, java.util.function.IntPredicate in, int max) {}

  /** The plan for an anchored rule, or null: only for the pattern it was derived from. */
  static TokenRun tokenRunFor(String family, String pattern) {
    for (Object[] d : TOKEN_RUNS) {
      if (d[0].equals(family) && d[1].equals(pattern)) {
        return (TokenRun) d[2];
      }
    }
    return null;
  }

  private static boolean tokenChar(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }

  /**
   * Family, pattern source, plan. END is (?![A-Za-z0-9_\\-]) in all four, which forbids every
   * character of each C. supabase-token's other alternative (sbp_) cannot begin at sb_secret_.
   */
  private static final Object[][] TOKEN_RUNS = {
    {
      "supabase-token",
      "(?:sbp_(?:v0_)?[a-f0-9]{40}|sb_secret_[A-Za-z0-9_\\-]{20,4096})(?![A-Za-z0-9_\\-])",
      new TokenRun(new String[] {"sb_secret_"}, c -> tokenChar(c) || c == '-', 4096)
    },
    {
      "pinecone-api-key",
      "pcsk_[A-Za-z0-9_]{40,128}(?![A-Za-z0-9_\\-])",
      new TokenRun(new String[] {"pcsk_"}, RulePrechecks::tokenChar, 128)
    },
    {
      "nvidia-api-key",
      "nvapi-[A-Za-z0-9_\\-]{40,128}(?![A-Za-z0-9_\\-])",
      new TokenRun(new String[] {"nvapi-"}, c -> tokenChar(c) || c == '-', 128)
    },
    {
      "dbt-cloud-token",
      "dbt[cu]_[A-Za-z0-9_\\-]{30,128}(?![A-Za-z0-9_\\-])",
      new TokenRun(new String[] {"dbtc_", "dbtu_"}, c -> tokenChar(c) || c == '-', 128)
    }
  };

  /** The families that have a condition. */
  static java.util.Set<String> families() {
    java.util.Set<String> f = new java.util.TreeSet<>();
    for (String[] d : DERIVED_FROM) {
      f.add(d[0]);
    }
    return f;
  }

  /** The (family, pattern source) pairs the conditions were derived from. */
  static java.util.List<String[]> derivedFrom() {
    return java.util.List.of(DERIVED_FROM);
  }

  private static Need forFamily(String family) {
    return switch (family) {
      // (?<s>[A-Za-z0-9/+]{40}) between (?<![A-Za-z0-9/+=]) and (?![A-Za-z0-9/+=])
      case "aws-secret-access-key" -> RulePrechecks::runOf40;
      // key id (at most 85) + [^\n]{1,100}? + the 40 characters above, from the keyword
      case "aws-secret-after-key-id" ->
          (t, from, to) -> runOf40(t, from, Math.min(to, from + AFTER_KEY_ID_REACH));
      // -(?:u|-user): both contain "-u"
      case "curl-user-password" -> (t, from, to) -> contains(t, from, to, "-u");
      // (?:^|\s)-p…, case-sensitive
      case "mysql-password-argument" -> (t, from, to) -> contains(t, from, to, "-p");
      // (?:\becho|\bprintf), case-sensitive
      case "cli-password-stdin" ->
          (t, from, to) -> contains(t, from, to, "echo") || contains(t, from, to, "printf");
      // Each alternative holds one of these flags, or is mc, rabbitmqctl or htpasswd (no flag)
      case "cli-password-argument" ->
          (t, from, to) -> containsAny(t, from, to, ARGUMENT_WORDS, false);
      // \\s-[AX]\\s+, case-sensitive
      case "snmp-v3-passphrase" ->
          (t, from, to) -> contains(t, from, to, "-A") || contains(t, from, to, "-X");
      // Every rule of the family masks only what FormatRules.positionalPassword accepts.
      case "cli-positional-password" -> RulePrechecks::positionalPasswordRun;
      // (?<s>[A-Za-z0-9][A-Za-z0-9._~+=-]{15,255}): a run of 16 such characters
      case "cli-auth-token" -> (t, from, to) -> runOf(t, from, to, 16, RulePrechecks::authChar);
      // [12]/ begins every match
      case "asana-pat" ->
          (t, from, to) -> contains(t, from, to, "1/") || contains(t, from, to, "2/");
      // each alternative before [^\n]{0,200}?<<< holds one of these words (case-insensitive)
      case "secret-store-here-string" ->
          (t, from, to) -> containsAny(t, from, to, HERE_STRING_WORDS, true);
      // -stdin, --with-token, or \s-{1,2}[\w-]{0,20}(?:pass|token|secret|pwd) (case-sensitive)
      case "cli-here-string" ->
          (t, from, to) ->
              contains(t, from, to, "-stdin")
                  || contains(t, from, to, "--with-token")
                  || dashedWord(t, from, to);
      // -(?:[pPNwak]…|[pP]…): a dash before one of these letters
      case "cli-short-password-flag" -> RulePrechecks::dashFlag;
      // (?:0x)?[0-9a-fA-F]{64}: a run of 64 hex digits
      case "key-constructor-hex" -> (t, from, to) -> runOf(t, from, to, 64, RulePrechecks::hex);
      // (['"])…\1 … (['"])…\2: quotes
      case "auth-object-password", "login-call-password" ->
          (t, from, to) -> contains(t, from, to, "'") || contains(t, from, to, "\"");
      default -> null;
    };
  }

  /** Words one of which every here-string alternative of secret-store-here-string contains. */
  private static final String[] HERE_STRING_WORDS = {
    "secret", "versions", "kinit", "passwd", "vault", "keyring", "--data-file", "-stdin"
  };

  /** What each alternative of cli-password-argument holds (case-sensitive). */
  private static final String[] ARGUMENT_WORDS = {
    "-p", "-w", "-U", "-u", "/user:", "-c", "mc", "rabbitmqctl", "htpasswd"
  };

  private static final String[] SECRET_FLAG_WORDS = {"pass", "token", "secret", "pwd"};

  /**
   * cli-here-string's \\s-{1,2}[\\w-]{0,20}(?:pass|token|secret|pwd): one of the words with a dash
   * at most 22 characters before it and only [\\w-] in between.
   */
  static boolean dashedWord(CharSequence text, int from, int to) {
    for (int i = from; i < to; i++) {
      for (String w : SECRET_FLAG_WORDS) {
        if (text.charAt(i) == w.charAt(0) && i + w.length() <= to && regionAt(text, i, w, false)) {
          for (int j = i - 1; j >= from && i - j <= 22; j--) {
            char c = text.charAt(j);
            if (c == '-') {
              return true;
            }
            if (!(Character.isLetterOrDigit(c) && c < 128) && c != '_') {
              break;
            }
          }
        }
      }
    }
    return false;
  }

  /**
   * Whether {@code text[from, to)} holds a value {@link FormatRules#positionalPassword} could
   * accept: it is {@link Detectors#flagValue} (8 or more characters, no space, three of upper case,
   * lower case, digits and symbols, so two of upper case, digits and symbols), {@code
   * SCRAM-SHA-256$…} (upper case, digits, a symbol) or {@code md5} and 32 hex digits. Such a value
   * (its quotes taken off) lies inside a run of 8 or more characters without a space or line break
   * that holds two of upper case, digits and symbols, or "md5".
   */
  static boolean positionalPasswordRun(CharSequence text, int from, int to) {
    int start = from;
    int kinds = 0;
    boolean md5 = false;
    for (int i = from; i <= to; i++) {
      char c = i < to ? text.charAt(i) : ' ';
      if (c == ' ' || c == '\n') {
        if (i - start >= 8 && (Integer.bitCount(kinds) >= 2 || md5)) {
          return true;
        }
        start = i + 1;
        kinds = 0;
        md5 = false;
        continue;
      }
      if (c >= 'A' && c <= 'Z') {
        kinds |= 1;
      } else if (c >= '0' && c <= '9') {
        kinds |= 2;
        md5 |= c == '5' && i - start >= 2 && text.charAt(i - 2) == 'm' && text.charAt(i - 1) == 'd';
      } else if (!(c >= 'a' && c <= 'z')
          && c < 127
          && c != '/'
          && c != '.'
          && c != '-'
          && c != '_'
          && c != ':') {
        kinds |= 4;
      }
    }
    return false;
  }

  private static boolean authChar(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '.'
        || c == '_'
        || c == '~'
        || c == '+'
        || c == '='
        || c == '-';
  }

  private static boolean hex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** Whether {@code text[from, to)} holds {@code min} or more {@code in} characters in a row. */
  static boolean runOf(
      CharSequence text, int from, int to, int min, java.util.function.IntPredicate in) {
    int run = 0;
    for (int i = from; i < to; i++) {
      if (in.test(text.charAt(i))) {
        if (++run >= min) {
          return true;
        }
      } else {
        run = 0;
      }
    }
    return false;
  }

  /** Whether a '-' is followed by one of p, P, N, w, a, k in {@code text[from, to)}. */
  static boolean dashFlag(CharSequence text, int from, int to) {
    for (int i = from; i + 1 < to; i++) {
      if (text.charAt(i) == '-' && "pPNwak".indexOf(text.charAt(i + 1)) >= 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether one of {@code needles} (lower case) occurs entirely inside {@code text[from, to)}, with
   * ASCII letters compared ignoring case when {@code ignoreCase}. One pass: only a position whose
   * character starts some needle is compared further.
   */
  static boolean containsAny(
      CharSequence text, int from, int to, String[] needles, boolean ignoreCase) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (ignoreCase && c >= 'A' && c <= 'Z') {
        c = (char) (c + ('a' - 'A'));
      }
      for (String n : needles) {
        if (n.charAt(0) == c && i + n.length() <= to && regionAt(text, i, n, ignoreCase)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean regionAt(CharSequence text, int at, String needle, boolean ignoreCase) {
    for (int k = 1; k < needle.length(); k++) {
      char c = text.charAt(at + k);
      if (ignoreCase && c >= 'A' && c <= 'Z') {
        c = (char) (c + ('a' - 'A'));
      }
      if (c != needle.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static boolean base64(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '/'
        || c == '+';
  }

  /**
   * Whether {@code text[from, to)} holds a run of exactly 40 of {@code [A-Za-z0-9/+]}, its
   * neighbours inside the range neither such characters nor '='. A run that the patterns match lies
   * inside the range and is such a run; runs cut by the range's ends are let through too.
   */
  static boolean runOf40(CharSequence text, int from, int to) {
    int i = from;
    while (i < to) {
      if (!base64(text.charAt(i))) {
        i++;
        continue;
      }
      int s = i;
      while (i < to && base64(text.charAt(i))) {
        i++;
      }
      if (i - s == 40
          && (s == from || text.charAt(s - 1) != '=')
          && (i == to || text.charAt(i) != '=')) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code needle} occurs entirely inside {@code text[from, to)}. */
  static boolean contains(CharSequence text, int from, int to, String needle) {
    char first = needle.charAt(0);
    int last = to - needle.length();
    for (int i = from; i <= last; i++) {
      if (text.charAt(i) == first) {
        int k = 1;
        while (k < needle.length() && text.charAt(i + k) == needle.charAt(k)) {
          k++;
        }
        if (k == needle.length()) {
          return true;
        }
      }
    }
    return false;
  }
}
