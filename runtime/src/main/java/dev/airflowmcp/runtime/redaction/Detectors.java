package dev.airflowmcp.runtime.redaction;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Detectors for secrets nobody registered, in free text. A keyword pre-filter ({@link
 * KeywordScanner}) runs over the whole text once; only where a keyword occurs does a detector look
 * closer, at that position or on that line. Text without any keyword costs one table lookup per
 * character.
 *
 * <p>Three kinds of detectors: <em>anchored</em> token formats that start with a fixed prefix
 * ({@code AKIA…}, {@code ghp_…}, {@code xoxb-…}, JWTs, …), matched at the keyword; <em>line</em>
 * patterns whose keyword is context rather than prefix (a Telegram bot token, {@code mysql -p…}),
 * run once per line; and three hand-written ones: {@link Assignments} ({@code password=…}, {@code
 * "secret": "…"}, headers, CLI flags), credentials inside URIs, and private key blocks (PEM, also
 * {@code \n}-escaped inside JSON). Immutable and thread-safe.
 */
final class Detectors {

  /** A detector family: its name and the keywords that wake it up. */
  sealed interface Rule permits Anchored, Line, Code {
    String family();

    List<String> keywords();
  }

  /**
   * A token that starts at its keyword. {@code pattern} must match there; its group {@code s}, or
   * the whole match, is masked. The character before the keyword must not be a letter or digit.
   */
  record Anchored(String family, List<String> keywords, Pattern pattern) implements Rule {}

  /**
   * A pattern searched on each line where one of the keywords occurs; group {@code s} is masked
   * when {@code accept} agrees.
   */
  record Line(
      String family,
      List<String> keywords,
      Pattern pattern,
      java.util.function.Predicate<String> accept)
      implements Rule {
    Line(String family, List<String> keywords, Pattern pattern) {
      this(family, keywords, pattern, s -> true);
    }
  }

  /** One of the hand-written detectors. */
  record Code(String family, List<String> keywords, Kind kind) implements Rule {}

  enum Kind {
    ASSIGNMENT,
    URI,
    PRIVATE_KEY_BLOCK,
    COMMAND_OUTPUT,
    CODES,
    SPLIT
  }

  private static Pattern p(String regex) {
    return Pattern.compile(regex);
  }

  private static Anchored anchored(String family, String regex, String... keywords) {
    return new Anchored(family, List.of(keywords), p(regex));
  }

  private static Line line(String family, String regex, String... keywords) {
    return new Line(family, List.of(keywords), p(regex));
  }

  /** Upper and lower case letters and a digit: machine-made, not a word or a hex digest. */
  static boolean mixedCaseAndDigit(String s) {
    boolean upper = false;
    boolean lower = false;
    boolean digit = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      upper |= Character.isUpperCase(c);
      lower |= Character.isLowerCase(c);
      digit |= Character.isDigit(c);
    }
    return upper && lower && digit;
  }

  /**
   * A value after a short flag that can only be a password: 8 to 256 characters, no path, URL,
   * template or format, at least three of upper case, lower case, digits and symbols, few words.
   */
  static boolean flagValue(String v) {
    int n = v.length();
    if (n < 8 || n > 256 || v.indexOf("://") >= 0 || v.charAt(0) == '/' || v.charAt(0) == '-') {
      return false;
    }
    int upper = 0;
    int lower = 0;
    int digit = 0;
    int symbol = 0;
    for (int i = 0; i < n; i++) {
      char c = v.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        upper++;
      } else if (c >= 'a' && c <= 'z') {
        lower++;
      } else if (c >= '0' && c <= '9') {
        digit++;
      } else if (c == ' ' || c == '/' || c >= 127) {
        return false;
      } else if (c != '.' && c != '-' && c != '_' && c != ':') {
        symbol++;
        if ((c == '{' || c == '$' || c == '%')
            && i + 1 < n
            && (v.charAt(i + 1) == '{' || v.charAt(i + 1) == '(' || v.charAt(i + 1) == 's')) {
          return false;
        }
      }
    }
    int classes =
        (upper > 0 ? 1 : 0) + (lower > 0 ? 1 : 0) + (digit > 0 ? 1 : 0) + (symbol > 0 ? 1 : 0);
    return classes >= 3 && upper + lower > 0 && Shapes.wordiness(v, 0, n) * 2 < upper + lower;
  }

  /** A command-line or SQL value: quoted (also with an escaping backslash) or one word. */
  static final String VALUE =
      "(?<s>\\\\?'[^'\\n]{1,512}'|\\\\?\"[^\"\\n]{1,512}\"|[^\\s'\"|;`]{1,512})";

  /** End of a token: not followed by a character that could continue it. */
  private static final String END = "(?![A-Za-z0-9_\\-])";

  static final List<Rule> RULES =
      List.of(
          // Cloud providers
          anchored(
              "aws-access-key-id",
              "(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])",
              "akia",
              "asia",
              "abia",
              "acca"),
          anchored(
              "aws-session-token",
              "(?:IQoJb3JpZ2luX2Vj|FwoGZXIvYXdzE|FQoGZXIvYXdzE)[A-Za-z0-9/+=%]{40,4096}",
              "iqojb3jpz2lux2vj",
              "fwogzxivyxdze",
              "fqogzxivyxdze"),
          // 40 characters of base64 near the word "secret" or after an access key id (the pair
          // as botocore, the CLI and config dumps print it).
          new Line(
              "aws-secret-access-key",
              List.of("secret"),
              p(
                  "(?<![A-Za-z0-9/+=])(?<s>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])"
                      + "(?<=(?i:secret)[^\\n]{0,100})"),
              Detectors::mixedCaseAndDigit),
          // Read from the key id only (a bounded look ahead, not the whole line).
          anchored(
              "aws-secret-after-key-id",
              "(?:A[KS]IA[A-Z0-9]{16}|GOOG1[A-Z0-9]{20,80})[^\\n]{1,100}?(?<![A-Za-z0-9/+=])"
                  + "(?<s>(?=[A-Za-z0-9/+]{0,39}[0-9])(?=[A-Za-z0-9/+]{0,39}[a-z])"
                  + "(?=[A-Za-z0-9/+]{0,39}[A-Z])[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])",
              "akia",
              "asia",
              "goog1"),
          anchored("gcs-hmac-access-id", "GOOG1[A-Z0-9]{40,80}" + END, "goog1"),
          // A UUID behind a key-kind prefix: LaunchDarkly's server SDK keys (sdk-), mobile keys
          // (mob-) and API access tokens (api-). A bare UUID stays an identifier.
          anchored(
              "prefixed-uuid-key",
              "(?<![\\w-])(?:sdk|mob|api)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
                  + END,
              "sdk-",
              "mob-",
              "api-"),
          anchored("alibaba-access-key-id", "LTAI[A-Za-z0-9]{12,30}" + END, "ltai"),
          anchored("tencent-secret-id", "AKID[A-Za-z0-9]{32}" + END, "akid"),
          anchored("gcp-api-key", "AIza[0-9A-Za-z_\\-]{35}" + END, "aiza"),
          anchored("gcp-oauth-client-secret", "GOCSPX-[A-Za-z0-9_\\-]{28}" + END, "gocspx-"),
          anchored("gcp-oauth-access-token", "ya29\\.[0-9A-Za-z_\\-]{30,4096}", "ya29."),
          anchored("gcp-oauth-refresh-token", "1//0[0-9A-Za-z_\\-]{40,4096}", "1//0"),
          line(
              "azure-client-secret",
              "(?<![A-Za-z0-9_~.\\-])(?<s>[A-Za-z0-9_~.\\-]{3}[0-9]Q~[A-Za-z0-9_~.\\-]{31,34})"
                  + "(?![A-Za-z0-9_~.\\-])",
              "q~"),
          line(
              "azure-storage-account-key",
              "(?<![A-Za-z0-9+/])(?<s>[A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])",
              "accountkey",
              "account_key",
              "account-key",
              "storage",
              "azure",
              "sharedkey",
              "keyname"),
          anchored(
              "digitalocean-token",
              "do[opr]_v1_[a-f0-9]{64}" + END,
              "dop_v1_",
              "doo_v1_",
              "dor_v1_"),
          // Source control, CI and package registries
          anchored(
              "github-token",
              "gh[pousr]_[A-Za-z0-9]{36,255}" + END,
              "ghp_",
              "gho_",
              "ghu_",
              "ghs_",
              "ghr_"),
          anchored("github-fine-grained-token", "github_pat_[A-Za-z0-9_]{50,255}", "github_pat_"),
          anchored(
              "gitlab-token",
              "(?:glpat|gldt|glrt|glptt|glcbt|glsoat|glffct|gloas|glimt|glagent|glft)-"
                  + "[A-Za-z0-9_\\-]{20,4096}",
              "glpat-",
              "gldt-",
              "glrt-",
              "glptt-",
              "glcbt-",
              "glsoat-",
              "glffct-",
              "gloas-",
              "glimt-",
              "glagent-",
              "glft-"),
          anchored(
              "gitlab-runner-registration-token", "GR1348941[A-Za-z0-9_\\-]{20,4096}", "gr1348941"),
          anchored("npm-token", "npm_[A-Za-z0-9]{36}" + END, "npm_"),
          anchored("pypi-token", "pypi-AgE[A-Za-z0-9_\\-]{50,4096}", "pypi-age"),
          anchored("docker-hub-token", "dckr_pat_[A-Za-z0-9_\\-]{20,4096}", "dckr_pat_"),
          anchored("atlassian-api-token", "ATATT3[A-Za-z0-9_=\\-]{100,4096}", "atatt3"),
          line(
              "terraform-cloud-token",
              "(?<![A-Za-z0-9])(?<s>[A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_=\\-]{60,4096})",
              "atlasv1"),
          anchored("pulumi-token", "pul-[a-f0-9]{40}" + END, "pul-"),
          anchored(
              "doppler-token",
              "dp\\.(?:st|sa|ct|scim|audit|pt)\\.[A-Za-z0-9_\\-.]{30,4096}",
              "dp.st.",
              "dp.sa.",
              "dp.ct.",
              "dp.scim.",
              "dp.audit.",
              "dp.pt."),
          // Chat, SaaS and AI services
          anchored(
              "slack-token",
              "xox[abposre]-[A-Za-z0-9\\-]{10,4096}",
              "xoxa-",
              "xoxb-",
              "xoxp-",
              "xoxo-",
              "xoxs-",
              "xoxr-",
              "xoxe-"),
          anchored("slack-app-token", "xapp-[0-9]-[A-Za-z0-9\\-]{20,4096}", "xapp-"),
          line(
              "slack-webhook",
              "hooks\\.slack\\.com/(?:services|workflows|triggers)/(?<s>[A-Za-z0-9_/\\-]{20,4096})",
              "hooks.slack.com"),
          line(
              "teams-webhook",
              "(?:webhook\\.office\\.com/webhookb2|outlook\\.office\\.com/webhook)/"
                  + "(?<s>[A-Za-z0-9@/_\\-]{40,4096})",
              "webhook.office.com",
              "outlook.office.com/webhook"),
          line(
              "login-call-password",
              "\\b(?:login|auth|authenticate|connect|bind|simple_bind_s)\\(\\s*(?:[A-Za-z_]\\w*\\s*=\\s*)?"
                  + "(['\"])[^'\"\\n]{1,128}\\1\\s*,\\s*(?:[A-Za-z_]\\w*\\s*=\\s*)?(['\"])"
                  + "(?<s>[^'\"\\n]{3,128})\\2",
              "login(",
              "auth(",
              "authenticate(",
              "bind(",
              "bind_s("),
          line(
              "vault-approle-secret-id",
              "(?i:secret_id|secret-id|secretid)[\"']?\\s*[:=]\\s*[\"']?(?<s>[0-9a-f]{8}-[0-9a-f]{4}-"
                  + "[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})",
              "secret_id",
              "secret-id",
              "secretid"),
          line(
              "discord-webhook",
              "discord(?:app)?\\.com/api/webhooks/[0-9]{5,30}/(?<s>[A-Za-z0-9_\\-]{30,4096})",
              "discord"),
          line(
              "webhook-path-token",
              "webhooks/[0-9]{17,20}/(?<s>[A-Za-z0-9_\\-]{60,4096})",
              "webhooks/"),
          line(
              "discord-bot-token",
              "(?<![A-Za-z0-9_\\-])(?<s>[MNO][A-Za-z0-9_\\-]{23,27}\\.[A-Za-z0-9_\\-]{6}\\."
                  + "[A-Za-z0-9_\\-]{27,40})(?![A-Za-z0-9_\\-])",
              "discord",
              "bot "),
          line(
              "telegram-bot-token",
              "(?<![0-9])(?<s>[0-9]{8,10}:AA[A-Za-z0-9_\\-]{33})(?![A-Za-z0-9_\\-])",
              ":aa"),
          anchored(
              "stripe-key",
              "(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{20,4096}",
              "sk_live_",
              "sk_test_",
              "rk_live_",
              "rk_test_"),
          anchored("stripe-webhook-secret", "whsec_[A-Za-z0-9+/=]{24,4096}", "whsec_"),
          anchored("sendgrid-api-key", "SG\\.[A-Za-z0-9_\\-]{22}\\.[A-Za-z0-9_\\-]{43}", "sg."),
          line(
              "twilio-api-key", "(?<![A-Za-z0-9])(?<s>SK[0-9a-fA-F]{32})(?![A-Za-z0-9])", "twilio"),
          anchored(
              "shopify-token",
              "shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}" + END,
              "shpat_",
              "shpca_",
              "shppa_",
              "shpss_"),
          anchored("databricks-token", "dapi[a-f0-9]{32}(?:-[0-9])?" + END, "dapi"),
          anchored(
              "huggingface-token", "(?:hf_|api_org_)[A-Za-z0-9]{30,40}" + END, "hf_", "api_org_"),
          anchored(
              "openai-api-key",
              "sk-(?:proj|svcacct|admin|None)-[A-Za-z0-9_\\-]{20,4096}|sk-[A-Za-z0-9]{20}T3BlbkFJ"
                  + "[A-Za-z0-9]{20}|sk-[A-Za-z0-9]{32,200}"
                  + END,
              "sk-"),
          anchored(
              "anthropic-api-key",
              "sk-ant-(?:api|admin|oat|sid)[0-9]{2}-[A-Za-z0-9_\\-]{40,4096}",
              "sk-ant-"),
          anchored("vault-token", "hv[sbr]\\.[A-Za-z0-9_\\-]{20,4096}", "hvs.", "hvb.", "hvr."),
          line(
              "vault-legacy-token",
              "(?<![A-Za-z0-9])(?<s>s\\.[A-Za-z0-9]{24})(?![A-Za-z0-9])(?<=(?i:vault)[^\\n]{0,80})",
              "vault"),
          anchored(
              "datadog-token",
              "(?:ddapp|ddpat|ddog)_[A-Za-z0-9_\\-]{20,4096}",
              "ddapp_",
              "ddpat_",
              "ddog_"),
          anchored("mailgun-api-key", "key-[0-9a-f]{32}" + END, "key-"),
          line("mailchimp-api-key", "(?<![A-Za-z0-9])(?<s>[0-9a-f]{32}-us[0-9]{1,2})" + END, "-us"),
          anchored("sentry-token", "sntry[su]_[A-Za-z0-9+/=_\\-]{40,4096}", "sntrys_", "sntryu_"),
          anchored(
              "grafana-token",
              "(?:glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|glc_[A-Za-z0-9+/]{32,4096}" + "={0,2})",
              "glsa_",
              "glc_"),
          anchored(
              "new-relic-key",
              "NR(?:AK|II|JS)-[A-Za-z0-9]{19,32}" + END,
              "nrak-",
              "nrii-",
              "nrjs-"),
          anchored("linear-api-key", "lin_api_[A-Za-z0-9]{40}" + END, "lin_api_"),
          anchored(
              "notion-token",
              "(?:ntn_[0-9]{11}[A-Za-z0-9]{35}|secret_[A-Za-z0-9]{43})" + END,
              "ntn_",
              "secret_"),
          anchored("postman-api-key", "PMAK-[a-f0-9]{24}-[a-f0-9]{34}" + END, "pmak-"),
          anchored(
              "age-secret-key",
              "AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}",
              "age-secret-key-1"),
          anchored("heroku-api-key", "HRKU-[A-Za-z0-9_\\-]{40,4096}", "hrku-"),
          // More vendors, by their documented prefixes
          anchored("figma-token", "fig[du]_[A-Za-z0-9_\\-]{30,4096}", "figd_", "figu_"),
          anchored(
              "hubspot-token",
              "pat-(?:na|eu|ap)[0-9]-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
                  + END,
              "pat-na",
              "pat-eu",
              "pat-ap"),
          anchored(
              "supabase-token",
              "(?:sbp_(?:v0_)?[a-f0-9]{40}|sb_secret_[A-Za-z0-9_\\-]{20,4096})" + END,
              "sbp_",
              "sb_secret_"),
          anchored(
              "planetscale-token",
              "pscale_(?:pw|tkn|oauth)_[A-Za-z0-9_\\-.]{32,4096}",
              "pscale_pw_",
              "pscale_tkn_",
              "pscale_oauth_"),
          anchored(
              "tailscale-key",
              "tskey-(?:[a-z]{3,8}-)?[A-Za-z0-9]{6,64}-[A-Za-z0-9]{16,4096}",
              "tskey-"),
          anchored("databricks-oauth-secret", "dose[a-f0-9]{32}" + END, "dose"),
          anchored(
              "square-token",
              "(?:EAAA|sq0atp-|sq0csp-)[A-Za-z0-9_\\-]{22,4096}",
              "eaaa",
              "sq0atp-",
              "sq0csp-"),
          anchored("facebook-token", "EAA[B-Z][A-Za-z0-9]{60,4096}", "eaa"),
          anchored(
              "braintree-token",
              "access_token\\$(?:production|sandbox)\\$[0-9a-z]{16}\\$[0-9a-f]{32}",
              "access_token$"),
          anchored("brevo-api-key", "xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}", "xkeysib-"),
          anchored(
              "dynatrace-token",
              "dt0[a-z][0-9]{2}\\.[A-Z0-9]{24}\\.[A-Z0-9]{64}",
              "dt0c01.",
              "dt0s01.",
              "dt0s02.",
              "dt0a01."),
          anchored("buildkite-token", "bkua_[a-f0-9]{40}" + END, "bkua_"),
          anchored(
              "circleci-token",
              "CCI(?:PAT|PRJ)_[A-Za-z0-9]{20,24}_[a-f0-9]{40}" + END,
              "ccipat_",
              "cciprj_"),
          anchored(
              "artifactory-token",
              "(?:AKCp[A-Za-z0-9]{60,80}|cmVmdGtuOjAxOj[A-Za-z0-9+/=]{40,4096})",
              "akcp",
              "cmvmdgtuojaxoj"),
          anchored(
              "flyio-token",
              "(?:FlyV1 )?fm[12][ar]?_[A-Za-z0-9+/=_\\-,]{20,4096}",
              "flyv1 ",
              "fm1_",
              "fm2_",
              "fm1r_",
              "fm2r_",
              "fm1a_",
              "fm2a_"),
          anchored("render-token", "rnd_[A-Za-z0-9]{28,64}" + END, "rnd_"),
          anchored("netlify-token", "nfp_[A-Za-z0-9]{36,64}" + END, "nfp_"),
          anchored("groq-api-key", "gsk_[A-Za-z0-9]{48,64}" + END, "gsk_"),
          anchored("replicate-token", "r8_[A-Za-z0-9]{37,64}" + END, "r8_"),
          anchored("perplexity-api-key", "pplx-[A-Za-z0-9]{40,64}" + END, "pplx-"),
          anchored("xai-api-key", "xai-[A-Za-z0-9]{60,100}" + END, "xai-"),
          anchored("langsmith-api-key", "lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}" + END, "lsv2_"),
          anchored("pinecone-api-key", "pcsk_[A-Za-z0-9_]{40,128}" + END, "pcsk_"),
          anchored("nvidia-api-key", "nvapi-[A-Za-z0-9_\\-]{40,128}" + END, "nvapi-"),
          anchored("tavily-api-key", "tvly-(?:dev-|prod-)?[A-Za-z0-9]{20,64}" + END, "tvly-"),
          anchored(
              "mapbox-secret-token",
              "sk\\.eyJ[A-Za-z0-9_\\-]{10,4096}\\.[A-Za-z0-9_\\-]{10,4096}",
              "sk.eyj"),
          anchored("onepassword-token", "ops_eyJ[A-Za-z0-9+/=_\\-]{40,4096}", "ops_eyj"),
          anchored("sourcegraph-token", "sgp_(?:[a-f0-9]{16}_)?[a-f0-9]{40}" + END, "sgp_"),
          anchored("bitbucket-app-password", "ATBB[A-Za-z0-9_=\\-.]{28,4096}", "atbb"),
          anchored("atlassian-ctt-token", "ATCTT3[A-Za-z0-9_=\\-]{40,4096}", "atctt3"),
          anchored("contentful-token", "CFPAT-[A-Za-z0-9_\\-]{40,64}" + END, "cfpat-"),
          anchored("cloudflare-origin-ca-key", "v1\\.0-[a-f0-9]{24}-[a-f0-9]{100,200}", "v1.0-"),
          anchored(
              "firebase-server-key",
              "AAAA[A-Za-z0-9_\\-]{7}:APA91b[A-Za-z0-9_\\-]{100,200}",
              "aaaa"),
          anchored("salesforce-session-id", "00D[A-Za-z0-9]{12,15}![A-Za-z0-9_.]{40,4096}", "00d"),
          anchored("posthog-personal-key", "phx_[A-Za-z0-9]{40,64}" + END, "phx_"),
          anchored("apify-token", "apify_api_[A-Za-z0-9]{36}" + END, "apify_api_"),
          anchored("rubygems-key", "rubygems_[a-f0-9]{48}" + END, "rubygems_"),
          anchored("clojars-token", "CLOJARS_[a-z0-9]{60}" + END, "clojars_"),
          anchored("nuget-key", "oy2[a-z0-9]{43}" + END, "oy2"),
          anchored("openrouter-api-key", "sk-or-v1-[a-f0-9]{64}" + END, "sk-or-"),
          // Tokens by structure
          anchored(
              "jwt",
              "eyJ[A-Za-z0-9_\\-]{8,4096}\\.eyJ[A-Za-z0-9_\\-]{8,4096}(?:\\.[A-Za-z0-9_\\-]*)"
                  + "{1,3}",
              "eyj"),
          line(
              "der-private-key",
              "(?<![A-Za-z0-9+/])(?<s>(?:MII[A-Za-z0-9+/]{2}(?:IBAAKC|gIBAAKC|IBADAN|gIBADAN)"
                  + "|MHcCAQEEI)[A-Za-z0-9+/=]{40,4096})",
              "ibaakc",
              "ibadan",
              "mhccaqeei"),
          line(
              "airflow-fernet-key",
              "(?<![A-Za-z0-9_\\-])(?<s>[A-Za-z0-9_\\-]{43}=)(?![A-Za-z0-9_\\-=])"
                  + "(?<=(?i:fernet)[^\\n]{0,100})",
              "fernet"),
          // Command lines and config files
          line(
              "mysql-password-argument",
              "(?:^|\\s)-p(?<s>'[^'\\n]{3,4096}'|\"[^\"\\n]{3,4096}\"|[^\\s'\"-][^\\s'\"]{2,4096})",
              "mysql",
              "mariadb"),
          line(
              "docker-login-password",
              "docker\\s+login\\b[^\\n]{0,200}?\\s-p\\s+(?<s>'[^'\\n]+'|\"[^\"\\n]+\"|[^\\s-]\\S*)",
              "docker login"),
          line(
              "sqlcmd-password",
              "\\s-P\\s*(?<s>'[^'\\n]+'|\"[^\"\\n]+\"|[^\\s-]\\S*)",
              "sqlcmd",
              "bcp "),
          line(
              "sshpass-password",
              "sshpass\\s+-p\\s*(?<s>'[^'\\n]+'|\"[^\"\\n]+\"|\\S+)",
              "sshpass"),
          line(
              "redis-cli-password",
              "redis-cli\\b[^\\n]{0,200}?\\s-a\\s+(?<s>'[^'\\n]+'|\"[^\"\\n]+\"|[^\\s-]\\S*)",
              "redis-cli"),
          line(
              "curl-user-password",
              // The dash first (a literal tried at each position costs one comparison), then the
              // look-behind for a space or the line's start before it: the same matches as
              // (?:^|\\s)(?:-u|--user), the masked group unchanged.
              "-(?<![^\\s]-)(?:u|-user)\\s*['\"]?[^:\\s'\"]{1,128}:(?![0-9]+(?:[\\s'\"]|$))"
                  + "(?<s>[^\\s'\"]{3,4096})",
              "curl",
              "-u ",
              "--user"),
          line(
              "netrc-password",
              "machine\\s+\\S+\\s+(?:login\\s+\\S+\\s+)?password\\s+(?<s>\\S+)",
              "machine"),
          line(
              "pgpass-line",
              "(?m)^[^:\\s]+:(?:[0-9]+|\\*):[^:\\s]+:[^:\\s]+:(?<s>[^\\s]+)(?=\\s|$)",
              "pgpass",
              ":5432:",
              ":*:"),
          line(
              "oracle-user-password",
              "(?<![\\w/])[A-Za-z][\\w$#]{0,30}/(?<s>[^@\\s/'\"]{3,128})@(?://)?[\\w.\\-]",
              "sqlplus",
              "oracle",
              "rman ",
              "expdp",
              "impdp"),
          // SQL and command lines: password clauses
          line(
              "sql-identified-by",
              "(?i)\\bidentified\\s+(?:with\\s+['\"]?\\w+['\"]?\\s+)?by\\s+(?:password\\s+)?"
                  + VALUE,
              "identified"),
          line(
              "cli-password-stdin",
              "(?:\\becho|\\bprintf)\\s+(?:-[neE]{1,3}\\s+)?"
                  + "(?:(?:'%s[^']{0,4}'|\"%s[^\"]{0,4}\"|%s)\\s+)?"
                  + VALUE
                  + "\\s*\\|(?=[^\\n]{0,512}?(?:-stdin|--with-token|--password-file=-"
                  + "|--passphrase-fd[ =]0|[=\\s]/dev/(?:stdin|fd/0)\\b"
                  + "|-pass(?:in|word)?[ =](?:stdin|fd:0)))",
              "-stdin",
              "--with-token",
              "--passphrase-fd",
              "stdin",
              "fd:0",
              "fd/0"),
          line(
              "cli-here-string",
              // (?=[\\s-]): the first character of every alternative, tested before them.
              "(?=[\\s-])(?:-stdin|--with-token|\\s-{1,2}[\\w-]{0,20}(?:pass|token|secret|pwd)[\\w-]{0,20})"
                  + "[^\\n]{0,40}<<<\\s*"
                  + VALUE,
              "<<<"),
          line(
              "cli-password-argument",
              // Every alternative starts at a word boundary and one of these letters: tested once
              // before them all, so that most positions fail at once, not once per alternative.
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
                  + VALUE,
              "mongo",
              "az login",
              "ldap",
              "smbclient",
              "lftp",
              "rabbitmqctl",
              "htpasswd",
              "net use",
              "snmp",
              "alias set",
              "host add"),
          // SNMPv3 auth and privacy passphrases (-A, -X) of net-snmp tools; each flag on its own
          // (a command line carries both): the first within 300 characters after the tool's name,
          // each further one within 300 after the one before (\G: where the last match ended, never
          // at the line's start). A look-behind for the name at every flag took quadratic time.
          line(
              "snmp-v3-passphrase",
              "(?:\\bsnmp[a-z]{0,12}\\b|\\G(?!^))[^\\n]{0,300}?\\s-[AX]\\s+" + VALUE,
              "snmp"),
          // A private key given as hex to a key or wallet constructor (eth_account's
          // Account.from_key, web3's privateKeyToAccount, ethers' Wallet, nacl's SigningKey).
          line(
              "key-constructor-hex",
              "(?i)(?:private_?key|secret_?key|signing_?key|from_?key|keypair|wallet|account)"
                  + "[\\w.]{0,40}\\(\\s*(?:bytes\\.fromhex\\(\\s*|HexBytes\\(\\s*)?['\"]"
                  + "(?<s>(?:0x)?[0-9a-fA-F]{64})['\"]",
              "key(",
              "wallet(",
              "account(",
              "keypair",
              "fromhex("),
          line(
              "cli-pass-phrase",
              "(?<![\\w-])(?:pass|env):(?<=pass:)(?<s>[^\\s'\"]{3,512})",
              "pass:"),
          line(
              "cli-config-set",
              "(?i)\\bconfig(?:ure)?\\s+set\\s+[^\\s=]{0,128}(?:secret|token|passw|pwd|_key|auth)"
                  + "[^\\s=]{0,128}\\s+"
                  + VALUE,
              "config set",
              "configure set"),
          // Short password flags of any command (zip -P, beeline -p, ssh-keygen -N, ldapsearch
          // -w, redis-cli -a, openssl -k), joined by a space or '='; the value must read as a
          // generated password, since the same letters mean ports, paths and modes elsewhere.
          new Line(
              "cli-short-password-flag",
              List.of(" -p", " -n", " -w", " -a", " -k"),
              p("(?:^|[\\s;&|(])-(?:[pPNwak](?:\\s+|=)|[pP](?=[^\\s'\"=-]))" + VALUE),
              Detectors::flagValue),
          // Protocol logins in debug logs: SMTP AUTH PLAIN, IMAP/POP3 LOGIN and PASS.
          line(
              "protocol-auth",
              "(?i)\\bAUTH\\s+(?:PLAIN|LOGIN|XOAUTH2|CRAM-MD5)\\s+(?<s>[A-Za-z0-9+/]{12,4096}={0,2})",
              "auth plain",
              "auth xoauth2"),
          line(
              "protocol-login",
              "(?im)^(?:\\s*(?:C:|>>>?|send:)?\\s*['\"]?)(?:[A-Za-z]{0,4}[0-9]{1,6}\\s+LOGIN\\s+\\S{1,128}"
                  + "|(?-i:PASS))\\s+"
                  + VALUE,
              " login ",
              "pass "),
          line(
              "protocol-login-quoted",
              "(?i)(?:^|[\\s'\"])[A-Za-z]{0,6}[0-9]{1,6}\\s+LOGIN\\s+\\S{1,128}\\s+" + VALUE,
              " login "),
          line(
              "redis-auth-command",
              "(?i)\"AUTH\"\\s+(?:\"[^\"\\n]{1,128}\"\\s+)?\"(?<s>[^\"\\n]{3,512})\"",
              "\"auth\""),
          // Password hashes (bcrypt, sha-crypt, argon2): offline guessing material, not to be
          // shown.
          anchored(
              "password-hash",
              "\\$(?:2[abxy]|5|6|argon2(?:id|i|d)|y|gy|7)\\$[./A-Za-z0-9$=,+]{20,512}",
              "$2a$",
              "$2b$",
              "$2x$",
              "$2y$",
              "$5$",
              "$6$",
              "$argon2",
              "$y$",
              "$7$"),
          // Hand-written detectors
          new Code("command-output", CommandOutput.KEYWORDS, Kind.COMMAND_OUTPUT),
          new Code("private-key-block", List.of("-----begin"), Kind.PRIVATE_KEY_BLOCK),
          new Code("uri-credentials", List.of("://"), Kind.URI),
          // Codes under purpose names, codes blocks, seed phrases (Codes)
          new Code("codes", Codes.KEYWORDS, Kind.CODES),
          new Code(
              "assignment",
              List.of(
                  "pass",
                  "pwd",
                  "secret",
                  "token",
                  "key",
                  "auth",
                  "cred",
                  "sig",
                  "dsn",
                  "bearer",
                  "basic",
                  "cookie",
                  "webhook",
                  "_pw",
                  "-pw",
                  ".pw",
                  "_pat",
                  "sessid",
                  "sessionid",
                  "seed",
                  // credentials named by purpose (SecretNames.purposeCode)
                  "_code",
                  "-code",
                  "codes",
                  "passcode",
                  "recovery",
                  "backup",
                  "mfa",
                  "2fa",
                  "otp",
                  "verification",
                  "activation",
                  "unlock",
                  "_pin",
                  "-pin",
                  "phrase",
                  "mnemonic",
                  // master_word, SAFE-WORD (SecretNames.qualifiedCredential)
                  "_word",
                  "-word",
                  // sftp_login_material, psw (round 6)
                  "_material",
                  "-material",
                  "psw"),
              Kind.ASSIGNMENT));

  /** The detectors with every rule; immutable, shared by all redactors. */
  static final Detectors DEFAULT =
      new Detectors(
          java.util.stream.Stream.concat(RULES.stream(), FormatRules.RULES.stream()).toList());

  private final List<Rule> rules;
  private final KeywordScanner scanner;

  /** Keyword id → rule index. */
  private final int[] ruleOf;

  /** Rule index → whether its pattern has a group {@code s} (else the whole match is masked). */
  private final boolean[] hasGroupS;

  /** Rule index → a cheap condition its pattern needs ({@link RulePrechecks}), or null. */
  private final RulePrechecks.Need[] needs;

  /** Rule index → its token-run plan ({@link RulePrechecks#tokenRunFor}), or null. */
  private final RulePrechecks.TokenRun[] tokenRuns;

  /** Rule index → its window plan ({@link RulePrechecks#windowFor}), or null. */
  private final RulePrechecks.Window[] windows;

  Detectors(List<Rule> rules) {
    this.rules = List.copyOf(rules);
    List<String> keywords = new ArrayList<>();
    List<Integer> owners = new ArrayList<>();
    for (int r = 0; r < rules.size(); r++) {
      for (String k : rules.get(r).keywords()) {
        keywords.add(k);
        owners.add(r);
      }
    }
    scanner = new KeywordScanner(keywords);
    ruleOf = owners.stream().mapToInt(Integer::intValue).toArray();
    hasGroupS = new boolean[rules.size()];
    needs = new RulePrechecks.Need[rules.size()];
    windows = new RulePrechecks.Window[rules.size()];
    tokenRuns = new RulePrechecks.TokenRun[rules.size()];
    for (int r = 0; r < rules.size(); r++) {
      Pattern pattern =
          rules.get(r) instanceof Anchored a
              ? a.pattern()
              : rules.get(r) instanceof Line l ? l.pattern() : null;
      // A named group is written (?<s>…); lookbehinds are (?<= and (?<!.
      hasGroupS[r] = pattern != null && pattern.pattern().contains("(?<s>");
      needs[r] =
          pattern == null ? null : RulePrechecks.forRule(rules.get(r).family(), pattern.pattern());
      tokenRuns[r] =
          rules.get(r) instanceof Anchored
              ? RulePrechecks.tokenRunFor(rules.get(r).family(), pattern.pattern())
              : null;
      windows[r] =
          rules.get(r) instanceof Line
              ? RulePrechecks.windowFor(rules.get(r).family(), pattern.pattern())
              : null;
    }
  }

  /** The family names, in rule order. */
  List<String> families() {
    return rules.stream().map(Rule::family).toList();
  }

  /** Whether any keyword occurs at all (the fast path for harmless text). */
  boolean mayContainSecrets(CharSequence text) {
    return scanner.containsAny(text);
  }

  /**
   * Adds the ranges of every detected secret in {@code text} to {@code spans}, and the secret
   * values found by name or in URIs to {@code values} (so other occurrences of the same value can
   * be masked too). Returns whether any keyword occurred (one pass does both).
   */
  boolean detect(String text, Spans spans, List<String> values) {
    Lazy lazy = new Lazy(text, spans, values);
    try {
      scanner.scan(text, 0, text.length(), lazy);
    } finally {
      if (lazy.scan != null) {
        lazy.scan.release();
      }
    }
    return lazy.scan != null;
  }

  /**
   * The pattern rules' matchers of one thread, kept from one text to the next (a matcher made per
   * rule per text was a large share of the pass's allocation): a pass takes the thread's set unless
   * a pass on the same thread holds it (then it makes its own, as before), points each matcher it
   * uses at its text with {@link Matcher#reset(CharSequence)} (which keeps the bounds a line rule's
   * matcher was given when made) and gives the set back at its end, pointed at no text.
   */
  private static final class MatcherSet {
    final Matcher[] matchers;

    /** The pass that last pointed each matcher at its text. */
    final int[] pass;

    /** The rules whose matchers the current pass used, to let go of its text at the end. */
    int[] used = new int[16];

    int usedCount;
    int passes;
    boolean busy;

    MatcherSet(int rules) {
      matchers = new Matcher[rules];
      pass = new int[rules];
    }
  }

  private final ThreadLocal<MatcherSet> matcherSets = new ThreadLocal<>();

  private MatcherSet matcherSet() {
    MatcherSet set = matcherSets.get();
    if (set == null) {
      set = new MatcherSet(rules.size());
      matcherSets.set(set);
    }
    return set;
  }

  /** Starts the pass's state at the first keyword: text without one costs the scan alone. */
  private final class Lazy implements KeywordScanner.Sink {
    final String text;
    final Spans spans;
    final List<String> values;
    Scan scan;

    Lazy(String text, Spans spans, List<String> values) {
      this.text = text;
      this.spans = spans;
      this.values = values;
    }

    @Override
    public void hit(int keyword, int start, int end) {
      if (scan == null) {
        scan = new Scan(text, spans, values);
      }
      scan.hit(keyword, start, end);
    }
  }

  /** The state of one pass over one text. */
  private final class Scan {
    final String text;
    final Spans spans;
    final List<String> values;
    int lineStart = -1;
    int lineEnd = -1;
    final BitSet ranOnLine = new BitSet();

    /** End of the last anchored token matched: keywords inside it start no new match. */
    int anchoredReach = -1;

    int anchoredStart = -1;

    /** End of the last private key block handled, so overlapping keywords do not repeat it. */
    int blockReach = -1;

    /** Where the next BEGIN and END markers are, found once per pass. */
    final PrivateKeyBlocks.Markers markers;

    final Assignments assignments;

    /** The words of the current line that {@link CommandOutput} asks for, found once per line. */
    final CommandOutput.LineWords lineWords = new CommandOutput.LineWords();

    /** The codes reader ({@link Codes}), made at its first keyword. */
    Codes.Reader codes;

    /** The thread's matchers, taken at the first pattern rule; null before. */
    MatcherSet set;

    /** This pass's number in {@link #set}, or 0 when the set is its own (a nested pass). */
    int pass;

    /** Per rule with a token-run plan: the last run of its characters measured, [from, to). */
    final int[] runFrom = new int[rules.size()];

    final int[] runTo = new int[rules.size()];

    /** One matcher per window plan's tail, made at the rule's first line. */
    final Matcher[] tails = new Matcher[rules.size()];

    Scan(String text, Spans spans, List<String> values) {
      this.text = text;
      this.spans = spans;
      this.values = values;
      this.assignments = new Assignments(text, spans, values);
      this.markers = new PrivateKeyBlocks.Markers(text);
    }

    void hit(int keyword, int start, int end) {
      if (start >= lineEnd) {
        // The line starts after the last line break before the keyword, which is no earlier
        // than the end of the line looked at before.
        int ls = start;
        int floor = Math.max(lineEnd + 1, 0);
        while (ls > floor && text.charAt(ls - 1) != '\n') {
          ls--;
        }
        lineStart = ls;
        int nl = text.indexOf('\n', start);
        lineEnd = nl < 0 ? text.length() : nl;
        ranOnLine.clear();
      }
      int r = ruleOf[keyword];
      Rule rule = rules.get(r);
      spans.as(rule.family());
      if (rule instanceof Anchored a) {
        anchored(a, r, start);
      } else if (rule instanceof Line l) {
        if (!ranOnLine.get(r)) {
          ranOnLine.set(r);
          onLine(l, r);
        }
      } else if (rule instanceof Code c) {
        switch (c.kind()) {
          case ASSIGNMENT -> assignments.at(start, end, lineStart, lineEnd);
          case URI -> UriCredentials.at(text, start, lineEnd, spans, values);
          case COMMAND_OUTPUT ->
              CommandOutput.at(text, start, end, lineStart, lineEnd, spans, values, lineWords);
          case CODES -> {
            if (codes == null) {
              codes = new Codes.Reader(text, spans);
            }
            codes.at(start, end, lineStart, lineEnd);
          }
          case SPLIT -> FormatRules.split(text, start, end, spans);
          case PRIVATE_KEY_BLOCK -> {
            if (start >= blockReach) {
              blockReach = PrivateKeyBlocks.at(text, start, spans, markers);
            }
          }
        }
      }
    }

    /**
     * The matcher of rule {@code r} pointed at this text; made (with a line rule's bounds) only the
     * first time the rule is used on this thread.
     */
    private Matcher matcher(Pattern pattern, int r, boolean lineRule) {
      if (set == null) {
        MatcherSet shared = matcherSet();
        if (shared.busy) {
          set = new MatcherSet(rules.size()); // a pass inside a pass: matchers of its own
        } else {
          shared.busy = true;
          shared.usedCount = 0;
          shared.passes = shared.passes == Integer.MAX_VALUE ? 1 : shared.passes + 1;
          if (shared.passes == 1) {
            java.util.Arrays.fill(shared.pass, 0); // numbers start again: none is current
          }
          pass = shared.passes;
          set = shared;
        }
      }
      Matcher m = set.matchers[r];
      if (m == null) {
        m = pattern.matcher(text);
        if (lineRule) {
          m.useTransparentBounds(true);
          m.useAnchoringBounds(true);
        }
        set.matchers[r] = m;
        use(r);
      } else if (set.pass[r] != pass) {
        m.reset(text);
        use(r);
      }
      return m;
    }

    private void use(int r) {
      set.pass[r] = pass;
      if (pass != 0) {
        if (set.usedCount == set.used.length) {
          set.used = java.util.Arrays.copyOf(set.used, set.usedCount * 2);
        }
        set.used[set.usedCount++] = r;
      }
    }

    /** Gives the thread's matchers back, pointed at no text. */
    void release() {
      if (set == null || pass == 0) {
        return;
      }
      for (int i = 0; i < set.usedCount; i++) {
        set.matchers[set.used[i]].reset("");
      }
      set.usedCount = 0;
      set.busy = false;
    }

    private void anchored(Anchored a, int r, int start) {
      if (start > 0 && Character.isLetterOrDigit(text.charAt(start - 1))) {
        return;
      }
      if (start > anchoredStart && start < anchoredReach) {
        return; // inside a token already matched ("figd_figd_…" is one token, read once)
      }
      if (needs[r] != null && !needs[r].mayMatch(text, start, lineEnd)) {
        return;
      }
      if (tokenRuns[r] != null && tooLong(tokenRuns[r], r, start)) {
        return;
      }
      // region() resets the matcher; anchoring and transparent bounds stay at their defaults.
      Matcher m = matcher(a.pattern(), r, false);
      m.region(start, lineEnd);
      if (m.lookingAt()) {
        anchoredStart = start;
        anchoredReach = Math.max(anchoredReach, m.end());
        mark(m, r, null);
      }
    }

    /**
     * Whether a prefix of the plan begins at {@code start} and more than max characters of its
     * class follow (the pattern then cannot match). The run's end is measured once per run: a later
     * keyword inside the same run reuses it.
     */
    private boolean tooLong(RulePrechecks.TokenRun t, int r, int start) {
      for (String p : t.prefixes()) {
        if (text.startsWith(p, start)) {
          int from = start + p.length();
          if (!(runTo[r] > 0 && runFrom[r] <= from && from <= runTo[r])) {
            int e = from;
            while (e < text.length() && t.in().test(text.charAt(e))) {
              e++;
            }
            runFrom[r] = from;
            runTo[r] = e;
          }
          return runTo[r] - from > t.max();
        }
      }
      return false;
    }

    private void onLine(Line l, int r) {
      if (needs[r] != null && !needs[r].mayMatch(text, lineStart, lineEnd)) {
        return;
      }
      Matcher m = matcher(l.pattern(), r, true);
      if (windows[r] != null) {
        windowed(m, r, windows[r], l.accept());
        return;
      }
      m.region(lineStart, lineEnd); // resets the matcher; the bounds it was made with stay
      while (m.find()) {
        mark(m, r, l.accept());
      }
    }

    /**
     * The matches {@code find()} would give on the line, found from the tail's matches instead
     * ({@link RulePrechecks.Window}): for each next position q where the tail matches, the full
     * pattern is tried (looking at s, to the line's end, bounds transparent as for find) at each
     * position s from the lowest that can reach q up to q, each position at most once and in order,
     * so the first match is find()'s. A position s is tried with the region starting there, which
     * differs from find() only for ^ and \G: the window patterns have no ^, and their \G(?!^) fails
     * at a region's start; a match at \G (where the previous match ended) is taken from the tail
     * alone ({@code chain}): the lazy window then stops at the tail's next match, if within {@code
     * chain} characters.
     */
    private void windowed(
        Matcher full, int r, RulePrechecks.Window w, java.util.function.Predicate<String> accept) {
      Matcher tail = tails[r];
      if (tail == null) {
        tail = w.tail().matcher(text);
        tail.useTransparentBounds(true);
        tail.useAnchoringBounds(true);
        tails[r] = tail;
      }
      int pos = lineStart; // where find() would look next
      boolean afterMatch = false; // whether a match ended at pos (\G)
      int from = lineStart; // where the next tail is looked for
      int tried = lineStart - 1; // positions up to here were tried or cannot start a match
      int tailEnd = lineEnd;
      if (w.pastLine() > 0) {
        int ws = lineEnd;
        while (ws < text.length() && isSpace(text.charAt(ws))) {
          ws++;
        }
        tailEnd = (int) Math.min(text.length(), (long) ws + w.pastLine());
      }
      while (from <= lineEnd) {
        tail.region(from, tailEnd);
        if (!tail.find()) {
          return;
        }
        int q = tail.start();
        if (w.chain() > 0 && afterMatch && q - pos <= w.chain()) {
          mark(tail, r, accept);
          pos = tail.end();
          tried = pos - 1;
          from = pos;
          continue;
        }
        boolean found = false;
        int last = Math.min(q, lineEnd);
        for (int s = lowest(q, w, Math.max(pos, tried + 1)); s <= last; s++) {
          full.region(s, lineEnd);
          if (full.lookingAt()) {
            mark(full, r, accept);
            pos = full.end();
            afterMatch = true;
            tried = pos - 1;
            from = pos;
            found = true;
            break;
          }
        }
        if (!found) {
          tried = q;
          from = q + 1;
        }
      }
    }

    /**
     * The lowest position from {@code floor} that can start a match whose tail is at {@code q}: the
     * anchor ends at q - window or later and holds at most anchorChars non-space characters.
     */
    private int lowest(int q, RulePrechecks.Window w, int floor) {
      int i = q - w.window();
      if (i <= floor) {
        return floor;
      }
      int count = 0;
      while (i > floor) {
        char c = text.charAt(i - 1);
        if (!isSpace(c)) {
          if (count == w.anchorChars()) {
            break;
          }
          count++;
        }
        i--;
      }
      return i;
    }

    /** Whether {@code c} is a regex {@code \\s} (without UNICODE_CHARACTER_CLASS). */
    private static boolean isSpace(char c) {
      return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /** Masks the match's group s (or the whole match); {@code accept} null accepts all. */
    private void mark(Matcher m, int r, java.util.function.Predicate<String> accept) {
      int s;
      int e;
      if (hasGroupS[r]) {
        s = m.start("s");
        e = m.end("s");
      } else {
        s = m.start();
        e = m.end();
      }
      if (s >= 0) {
        // A quoted value: the quotes (and a backslash escaping them) stay.
        if (e - s >= 3
            && text.charAt(s) == '\\'
            && (text.charAt(s + 1) == '\'' || text.charAt(s + 1) == '"')) {
          s++;
        }
        if (e - s >= 2
            && (text.charAt(s) == '\'' || text.charAt(s) == '"')
            && text.charAt(e - 1) == text.charAt(s)) {
          s++;
          e--;
          if (e > s && text.charAt(e - 1) == '\\') {
            e--;
          }
        }
        String v = text.substring(s, e);
        if (!Masks.isPlaceholder(v) && (accept == null || accept.test(v))) {
          spans.add(s, e);
        }
      }
    }
  }
}
