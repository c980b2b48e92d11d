package dev.airflowmcp.runtime.redaction;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Hostile inputs for the redactor, one list for both the test that bounds them loosely ({@link
 * AdversarialInputTest}) and the benchmark that measures them ({@code RedactionAdversarial} in
 * benchmarks/, through this module's test jar, which holds only this class). Add new ones here.
 */
public final class AdversarialInputs {
  private AdversarialInputs() {}

  /** The inputs by name, in a fixed order, about 1 MB each. */
  public static Map<String, String> all() {
    Map<String, String> in = new LinkedHashMap<>();
    in.put("1 MB of a=", "a=".repeat(512 * 1024));
    in.put("1 MB of password=", "password=".repeat(116 * 1024));
    in.put("1 MB of quotes", "\"".repeat(1 << 20));
    in.put(
        "runs of quotes after a secret name", ("password=" + "'".repeat(1000) + " ").repeat(1000));
    in.put("runs of backslashes", ("token=\\" + "\\".repeat(5000) + "\"").repeat(200));
    String b = "password=" + "Xy9!k".repeat(4);
    for (int i = 0; i < 6; i++) {
      b = Base64.getEncoder().encodeToString(b.getBytes(StandardCharsets.UTF_8));
    }
    in.put("base64 of base64, six levels", (b + " ").repeat((1 << 20) / (b.length() + 1)));
    String j = "{\"password\": \"x1234\"}";
    for (int i = 0; i < 12; i++) {
      j = "{\"a\": \"" + j.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }
    in.put("JSON in strings, twelve levels", j);
    in.put("100,000 nested arrays", "[".repeat(100_000) + "]".repeat(100_000));
    Random r = new Random(1);
    String an = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder tok = new StringBuilder(1 << 20);
    for (int i = 0; i < (1 << 20); i++) {
      tok.append(an.charAt(r.nextInt(an.length())));
    }
    in.put("one random token of 1 MB", tok.toString());
    in.put("one token of keywords", "keytokenpasssecretauth".repeat(48 * 1024));
    in.put("1 MB of percent escapes", "%41%3D".repeat(175 * 1024));
    in.put(
        "a table of 60,000 rows",
        ("| password | x |\n| " + "a".repeat(10) + " | b |\n").repeat(30_000));
    in.put(
        "a Secret with 150,000 data lines", "kind: Secret\ndata:\n" + "  k: v\n".repeat(150_000));
    in.put("a webhook path of 300,000 segments", "https://x/hooks/" + "a1/".repeat(300_000));
    in.put("names far from their =", ("password" + " ".repeat(60) + "=").repeat(15_000));
    // The mechanisms of the second round: listed passwords, vendor prefixes, arrows, key pairs.
    in.put(
        "listed values of punctuation, each 300 long",
        ("drop_code=Ab1#" + "x&".repeat(150) + " ").repeat(3300));
    in.put("1 MB of name=Ab1# without spaces", "k=Ab1#".repeat(175 * 1024));
    in.put("a quoted listed value never closed", "\"drop_code\": \"Ab1#" + "x%".repeat(512 * 1024));
    for (String prefix :
        new String[] {
          "figd_",
          "pat-na1-",
          "sbp_",
          "EAAA",
          "dose",
          "AAAA",
          "access_token$production$",
          "FlyV1 fm2_",
          "tskey-auth-",
          "pscale_pw_",
          "00D",
          "v1.0-",
          "dt0c01.",
          "CCIPAT_",
          "sk-or-v1-",
          "xkeysib-"
        }) {
      in.put("1 MB of " + prefix.strip(), prefix.repeat((1 << 20) / prefix.length()));
    }
    in.put("1 MB of arrows", "db_password -> ".repeat(70 * 1024));
    in.put("1 MB of double colons", "Password::".repeat(100 * 1024));
    in.put("Variable.get traces", "Variable.get('drop_code') -> '".repeat(34 * 1024));
    in.put(
        "access key ids without their secrets",
        ("AKIAZ5PWBA7DHSYF2DX3 / " + "a/".repeat(30) + " ").repeat(12_000));
    in.put(
        "1 MB of capitals and digits under user names",
        ("username=\"QX7RTB4KZP2MWN9H" + "Q".repeat(20) + "\" ").repeat(20_000));
    String doc =
        Base64.getEncoder()
            .encodeToString(
                ("{\"a\": \"" + "b c ".repeat(200_000) + "\"}").getBytes(StandardCharsets.UTF_8));
    in.put(
        "base64 of a 800 kB JSON document under a purpose name",
        "{\"resume_marker\": \"" + doc + "\"}");
    in.put(
        "a CSV of 60,000 rows under a password header",
        "user,password,role\n" + "a,b,c\n".repeat(60_000) + ",".repeat(500_000));
    in.put("1 MB of GOOG1", "GOOG1".repeat(200_000));
    // The mechanisms of the third round: short flags, spaced values, command output, lists.
    in.put("1 MB of short flags", " -p Ab1#xY9!q".repeat(80 * 1024));
    in.put("1 MB of joined short flags", " -pAb1#xY9!q -P".repeat(70 * 1024));
    in.put("names and spaces without a value", ("password" + " ".repeat(100)).repeat(10_000));
    in.put("1 MB of password Ab1#xY9!qZ", "password Ab1#xY9!qZ ".repeat(52 * 1024));
    in.put("1 MB of base64 -d lines with secret", "secret | base64 -d\n".repeat(55 * 1024));
    in.put("a secret list never closed", "backup_codes: [\"a1b2c\", " + "\"x1\", ".repeat(170_000));
    in.put("a YAML list of 150,000 items", "recovery_codes:\n" + "  - x1y2z\n".repeat(150_000));
    in.put("1 MB of recovery codes:", "Your recovery codes: ".repeat(50 * 1024));
    in.put("1 MB of backup code pairs", "backup code ".repeat(87 * 1024));
    in.put("1 MB of <password>", "<password>".repeat(100 * 1024));
    in.put("1 MB of here-strings", "--password <<< ".repeat(70 * 1024));
    in.put("1 MB of LOGIN", "a1 LOGIN u ".repeat(95 * 1024));
    in.put("recovery codes headings with code lines", "recovery codes:\n1a2b\n".repeat(50_000));
    in.put("1 MB of product-key groups", "AB12C-".repeat(175 * 1024));
    in.put("1 MB of bcrypt prefixes", "$2y$".repeat(256 * 1024));
    in.put("1 MB of shell quote escapes", "p='a'\\''".repeat(100 * 1024));
    in.put("1 MB of expect prompts", "password:\"\nsend \"".repeat(60 * 1024));
    // Codes and harmless shapes: purpose names, code blocks, seed phrases, declared digests.
    in.put("1 MB of pin=", "pin=".repeat(256 * 1024));
    in.put("purpose names with quotes never closed", "unlock_code: \"".repeat(70 * 1024));
    in.put("1 MB of codes headings", "recovery codes codes codes\n".repeat(40 * 1024));
    in.put(
        "a codes heading before 1 MB of codes on one line",
        "backup codes:\n" + "4821-0937 ".repeat(100 * 1024));
    in.put(
        "a codes heading before 100,000 lines of codes",
        "backup codes:\n" + "4821-0937\n".repeat(100_000));
    in.put(
        "1 MB of listed words after a seed name", "seed_phrase: " + "abandon ".repeat(128 * 1024));
    in.put(
        "1 MB of listed words in runs of eleven",
        ("wallet " + "zoo ".repeat(11) + "x ").repeat(20_000));
    in.put("1 MB of digest labels", "sha512-".repeat(150 * 1024));
    in.put("1 MB of placeholders", "ghp_xxxx <YOUR_".repeat(64 * 1024));
    in.put("1 MB of id prefixes", "job_Ab1".repeat(150 * 1024));
    // Round 4 (FormatRules): split values, stdin pipes, user:password flags, DSNs, constructors.
    in.put(
        "1 MB of Slack hosts and joins",
        ("hooks.slack.com \"T0ABCDE12/\" + \"B0FGHIJ34/\" + \"" + "a".repeat(20) + "\"\n")
            .repeat(14_000));
    in.put("1 MB of netrc machine lines", "machine m\n password ".repeat(52 * 1024));
    in.put("1 MB of echo pipes", "echo 'x' | kinit ".repeat(60 * 1024));
    in.put("1 MB of -u user:' never closed", "curl -u u:'".repeat(95 * 1024));
    in.put("1 MB of @tcp( after a colon", "a:b@tcp(".repeat(128 * 1024));
    in.put("1 MB of client constructors", "SearchClient.create('APPID', '".repeat(34 * 1024));
    in.put("1 MB of asana", "asana 2/1234567890/".repeat(55 * 1024));
    in.put("1 MB of static key headers", "-----BEGIN secret key-----".repeat(40 * 1024));
    in.put("1 MB of option lists", "CREDENTIALS=(A=".repeat(70 * 1024));
    in.put("1 MB of environ subscripts", "os.environ[\"DB_PASSWORD\"] = \"".repeat(30 * 1024));
    in.put("1 MB of auth objects", "BasicAuth('u', 'p".repeat(60 * 1024));
    in.put("1 MB of secret stores and here-strings", "secrets set <<< --value ".repeat(44 * 1024));
    in.put("1 MB of set_password calls", "set_password('a', 'b', '".repeat(42 * 1024));
    in.put("1 MB of calls after a secret name", "auth=HTTPBasicAuth(".repeat(55 * 1024));
    // Round 6: SNMPv3 flags, /dev/stdin sinks, key constructors, prefixed UUIDs, ssh public keys,
    // labelled digests.
    in.put("1 MB of snmp -A flags", ("snmpwalk" + " -A x".repeat(40) + "\n").repeat(4800));
    in.put("1 MB of printf into /dev/stdin", "printf '%s' 'a' | =/dev/stdin ".repeat(32 * 1024));
    in.put("1 MB of key constructors", "Account.from_key(\"0x".repeat(48 * 1024));
    in.put("1 MB of sdk- prefixes", "sdk-0f4c9a2e-7b1d-4e3f-9a8b-".repeat(36 * 1024));
    in.put("1 MB of ssh key types", "ssh-rsa AAAA/".repeat(80 * 1024));
    in.put("1 MB of cache keys", "Cache-Key: a-" + "0".repeat(1024 * 1024));
    in.put("1 MB of material names", "login_material=".repeat(70 * 1024));
    in.put("1 MB of secret-name pairs never closed", "('db_secret', 'Ab1#x".repeat(55 * 1024));
    in.put("1 MB of quotes", "'\"".repeat(512 * 1024));
    // Round 5: names by qualifier, secret mounts, located ids, hex text, labelled lists, dicts,
    // here-documents, auth arguments, ;-lists, unclosed ${, doubled quotes.
    in.put("1 MB of qualified names", "master_word=Ab1#xY9!qZ shared_phrase: ".repeat(26 * 1024));
    in.put("1 MB of db_cred=", "db_cred=".repeat(128 * 1024));
    in.put(
        "1 MB of secrets inside one Secret( call",
        "Secret(deploy_type=\"env\", " + "secret=\"Xk9#mP2qLw7!zR\", ".repeat(40 * 1024));
    in.put("1 MB of Secret( opened", "secret = Secret(".repeat(64 * 1024));
    in.put("1 MB of located ids", "cf-ray=ecc29ce0fabb42f5-FRA EU.job_Ab1 ".repeat(26 * 1024));
    in.put("1 MB of hex text", "0x4f346732486950473453637649375f347678 ".repeat(26 * 1024));
    in.put("one hex token of 1 MB that decodes to text", "41".repeat(512 * 1024));
    in.put(
        "a labelled list of 40,000 items", "ids: " + "Zk9mQ2xLp7Wv4Rt8Yn3Bc6Hd, ".repeat(40_000));
    in.put("1 MB of list labels", "a b c d: ".repeat(115 * 1024));
    in.put(
        "1 MB of typed hex and node ids",
        "SM80d75b0febc7c41dd6d8 MDQ6VXNl5E9NJdOW ".repeat(26 * 1024));
    in.put("1 MB of dicts under a secret name", "db_password: {\"value\": \"".repeat(40 * 1024));
    in.put("1 MB of here-documents into kinit", "kinit u <<EOF\n".repeat(74 * 1024));
    in.put("1 MB of <<", "<<".repeat(512 * 1024));
    in.put(
        "1 MB of auth arguments",
        "snyk auth 73a9fb2b-b163-410c-bdd9-9536eb860ff7\n".repeat(22 * 1024));
    in.put("1 MB of ;password=", ";password=a,b=c".repeat(70 * 1024));
    in.put("1 MB of ${ after a secret name", "db_password=${".repeat(75 * 1024));
    in.put("1 MB of doubled quotes in a value", "password: '" + "''".repeat(512 * 1024));
    in.put("1 MB of login tokens", "sonar.login=squ_ec19904a0d5438efe113d30f ".repeat(25 * 1024));
    in.put("1 MB of URIs with #@", "mysql://u:p#@".repeat(80 * 1024));
    in.put("1 MB of a # before many @", "mysql://u:p@h#" + "@a".repeat(512 * 1024));
    in.put(
        "1 MB of base32 tokens",
        "3e5m6skqalvorzkfxfv63fd6ccie5kbnx3uhkv6ejjbbgwnaewyc ".repeat(19 * 1024));
    in.put("1 MB of user:password pairs", "v=acme:n*Q;0d_#8#oA ".repeat(52 * 1024));
    in.put("a user name of 1 MB before a colon", "v=" + "a".repeat(1 << 20) + ":Ab1#x");
    in.put("1 MB of pass words", "pass auth password ".repeat(55 * 1024));
    in.put("1 MB of auth user pairs", "AUTH u Ab1#x".repeat(87 * 1024));
    // ContextScorer (issue-12-general): tokens judged by shape and a cue window before them.
    in.put("1 MB of generated passwords", "Qz7#kP2!xW9m ".repeat(80 * 1024));
    in.put(
        "1 MB of cue words before random values", "password key Ab3dE5fG7hJ9kL ".repeat(37 * 1024));
    in.put("1 MB of name=value levels", "a=b=c=d=e=Ab3dE5fG7hJ9kL".repeat(43 * 1024));
    in.put(
        "1 MB of login calls never closed",
        "connect('h', 'u', 'Ab3dE5fG7hJ9kL' ".repeat(30 * 1024));
    in.put("one mixed token of 1 MB", "Ab3dE5fG7h".repeat(100 * 1024));
    in.put("1 MB of -p flags", "-p Ab3dE5fG7hJ9kL ".repeat(58 * 1024));
    in.put(
        "1 MB of credential-store words on one line",
        "mkstore -createCredential a b ".repeat(35 * 1024));
    // Session 25: a tool name repeated on one line, each occurrence opening a bounded window in
    // which its flag is looked for (a window of 200-300 characters read again from each name).
    in.put("1 MB of snmp words", "snmp ".repeat(200_000));
    in.put("1 MB of mongo words", "mongo ".repeat(175_000));
    in.put("1 MB of ldap words", "ldap ".repeat(200_000));
    in.put("1 MB of net use words", "net use ".repeat(130_000));
    in.put("1 MB of userstore SET", "hdbuserstore SET k h u ".repeat(45 * 1024));
    in.put("1 MB of quoted pairs", "\"a\" \"".repeat(175 * 1024));
    in.put("1 MB of quoted pairs on lines", "\"u\" \"Ab1#xYz9!\"\n".repeat(64 * 1024));
    in.put("1 MB of user/\"", "u/\"".repeat(350 * 1024));
    in.put("1 MB of helm secret names", "sshKeySecret: a-b\n".repeat(58 * 1024));
    in.put("1 MB of keyword second arguments", "f('api_key', a=".repeat(70 * 1024));
    // Session 26: a tool name repeated on one line with its flag once at the end, so that a window
    // rule matches at the last name (each earlier name re-read its window, 0.2-3 s before).
    in.put("snmpwalk words then -A", "snmpwalk ".repeat(110_000) + " -A x");
    in.put("secrets set words then <<<", "secrets set ".repeat(87_000) + "<<< x");
    in.put("--pass flags then <<<", " --pass".repeat(150_000) + " <<< x");
    in.put("docker login words then -p", "docker login ".repeat(80_000) + " -p x");
    in.put("redis-cli words then -a", "redis-cli ".repeat(100_000) + " -a x");
    in.put("secrets set words then --value", "secrets set ".repeat(87_000) + " --value Ab1#xY9!qZ");
    in.put("mongo words then -p", "mongo ".repeat(170_000) + " -p Ab1#xY9!qZ");
    in.put("echo pipes then -stdin", "echo x | ".repeat(120_000) + " -stdin");
    // Found by RedactionAdversarial --search: each keyword of CommandOutput read its whole line
    // again for its companion word when a next line follows (quadratic: over 100 s for 1 MB of
    // -field= before).
    in.put("1 MB of -field= on one line", "-field=".repeat(150_000) + "\nAb1#xY9!qZ");
    in.put("1 MB of base64 -d on one line", "base64 -d ".repeat(100_000) + "\nAb1#xY9!qZ");
    // Also found by the search: a vendor prefix repeated, each occurrence reading the run of token
    // characters up to the pattern's maximum and giving it back one by one (25 s for sb_secret_).
    in.put("1 MB of sb_secret_", "sb_secret_".repeat(104_857));
    in.put("1 MB of pcsk_", "pcsk_".repeat(209_715));
    in.put("1 MB of nvapi-", "nvapi-".repeat(174_762));
    in.put("1 MB of dbtc_", "dbtc_".repeat(209_715));
    in.put("1 MB of get-parameter on one line", "get-parameter ".repeat(75_000) + "\nAb1#xY9!qZ");
    // issue-12-recall (stop 26): labelled values, aligned tables, crypto literals, printed files,
    // named values and the false-alarm filter, each at its worst
    in.put("1 MB of api key labels", "api key ( for a b c d ".repeat(46 * 1024));
    in.put("1 MB of pin words and digits", "pin 1234 code ".repeat(75 * 1024));
    in.put(
        "1 MB of an aligned table",
        ("user  password\n" + "etl   Ab1cD2eF3gH4\n".repeat(20)).repeat(2500));
    in.put("1 MB of box rows", "| a | token |\n".repeat(75 * 1024));
    in.put("1 MB of AES( quotes", "AES.new('0123456789abcdef0123456789abcdef".repeat(24 * 1024));
    in.put("1 MB of cat key prompts", "$ cat a.key\n".repeat(85 * 1024));
    in.put("1 MB of set-output names", "set-output name=".repeat(64 * 1024) + "::x");
    in.put("1 MB of private_key_id=", "private_key_id=".repeat(70 * 1024));
    in.put(
        "1 MB of cache keys",
        ("cache key: a-b-" + "0123456789abcdef".repeat(2) + "\n").repeat(21 * 1024));
    in.put("1 MB of calls never closed", "cipher = Abc(".repeat(80 * 1024));
    return in;
  }
}
