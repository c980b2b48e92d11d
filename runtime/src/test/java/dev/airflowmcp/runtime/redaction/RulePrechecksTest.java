package dev.airflowmcp.runtime.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RulePrechecksTest {

  /**
   * Each condition still applies to its rule: the rule's pattern is the one it was derived from.
   */
  @Test
  void everyConditionMatchesItsRulesPattern() {
    int found = 0;
    java.util.Set<String> families = new java.util.HashSet<>();
    for (Detectors.Rule rule : allRules()) {
      Pattern p = pattern(rule);
      if (p != null && RulePrechecks.forRule(rule.family(), p.pattern()) != null) {
        found++;
        families.add(rule.family());
      }
    }
    // Every (family, pattern) a condition was derived from is a rule's, so none is stale.
    assertThat(found).isEqualTo(RulePrechecks.derivedFrom().size());
    assertThat(families).isEqualTo(RulePrechecks.families());
    assertThat(RulePrechecks.forRule("curl-user-password", "-u(?<s>.*)")).isNull();
  }

  private static java.util.List<Detectors.Rule> allRules() {
    java.util.List<Detectors.Rule> all = new java.util.ArrayList<>(Detectors.RULES);
    all.addAll(FormatRules.RULES);
    return all;
  }

  private static Pattern pattern(Detectors.Rule rule) {
    return rule instanceof Detectors.Anchored a
        ? a.pattern()
        : rule instanceof Detectors.Line l ? l.pattern() : null;
  }

  /**
   * A rule with its condition masks exactly what it masks without (the same pattern under another
   * family name has none), on every line of the corpora and on lines made to pass or fail each
   * condition.
   */
  @Test
  void conditionsChangeNoResult() throws Exception {
    java.util.List<String> lines = new java.util.ArrayList<>();
    java.nio.file.Path corpus =
        java.nio.file.Path.of("src/test/resources/dev/airflowmcp/runtime/redaction/corpus");
    try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(corpus)) {
      for (java.nio.file.Path f : files.filter(x -> x.toString().endsWith(".jsonl")).toList()) {
        lines.addAll(java.nio.file.Files.readAllLines(f));
      }
    }
    lines.addAll(
        java.util.List.of(
            "mysqladmin -u root password 'Ab1#xY9!qZ'",
            "rclone config pass -md5d41d8cd98f00b204e9800998ecf8427e",
            "pass md5d41d8cd98f00b204e9800998ecf8427e",
            "ALTER password SCRAM-SHA-256$4096:abc$def:ghi",
            "redis AUTH default Xk9#mP2qLw7!zR",
            "mkstore -wrl /w -createCredential db_alias scott 'Tiger#2024!x'",
            "hdbuserstore SET mykey host:30015 SYSTEM \"Ab1#xY9!qZ\"",
            "snyk auth 73a9fb2b-b163-410c-bdd9-9536eb860ff7",
            "ngrok config add-authtoken 2Xk9mP2qLw7zRb8Tq3Vn6Yc1Hd5",
            "asana credential 1/1234567890123:0123456789abcdef0123456789abcdef",
            "gh secret set TOKEN <<< 'ghp_abc123'",
            "kinit admin <<< Passw0rd!",
            "docker login --password-stdin <<< Pa55w0rd",
            "tool --db-pass <<< 'Pa55 w0rd'",
            "zip -P Ab1#xY9!qZ out.zip",
            "mongosh --host db -u admin -p 'Ab1#xY9!qZ'",
            "ldapsearch -x -D cn=admin -w Secr3t!x",
            "smbclient //h/s -U user%Pa55w0rd",
            "net use \\\\srv\\share Pa55w0rd! /user:corp\\bob",
            "snmpwalk -v3 -l authPriv -u u -a SHA -A 'Auth#Pass1' -x AES -X Priv#Pass2 host",
            "mc alias set s3 https://h key Sup3rS3cret",
            "cat x | tool --api-token <<< tok123",
            "tool --with-token <<< gho_abc",
            "beeline -p=Ab1#xY9!qZ",
            "Account.from_key('0x" + "ab12".repeat(16) + "')",
            "HTTPBasicAuth('user', 'Ab1#xY9!qZ')",
            "conn.login('user', \"Ab1#xY9!qZ\")"));
    for (Detectors.Rule rule : allRules()) {
      Pattern p = pattern(rule);
      if (!(rule instanceof Detectors.Line l)
          || RulePrechecks.forRule(rule.family(), p.pattern()) == null) {
        continue;
      }
      Detectors with = new Detectors(java.util.List.of(rule));
      Detectors without =
          new Detectors(
              java.util.List.of(
                  new Detectors.Line("unchecked-" + l.family(), l.keywords(), p, l.accept())));
      for (String line : lines) {
        Spans a = new Spans();
        Spans b = new Spans();
        with.detect(line, a, new java.util.ArrayList<>());
        without.detect(line, b, new java.util.ArrayList<>());
        assertThat(a.apply(line, "***"))
            .as(rule.family() + " on " + line)
            .isEqualTo(b.apply(line, "***"));
      }
    }
  }

  @Test
  void positionalPasswordRunNeedsTwoKindsOrMd5() {
    for (String[] c :
        new String[][] {
          {"password Ab1#xY9!qZ", "true"},
          {"pass auth password passwords", "false"},
          {"--password <<< ", "false"},
          {"snyk auth 73a9fb2b-b163-410c-bdd9-9536eb860ff7", "false"},
          {"pass md5d41d8cd98f00b204e9800998ecf8427e", "true"},
          {"pass SCRAM-SHA-256$4096:a$b:c", "true"},
          {"pass Abcdefg1", "true"},
          {"pass Abcdefg1 ", "true"},
          {"pass Abcdef1", "false"}
        }) {
      assertThat(RulePrechecks.positionalPasswordRun(c[0], 0, c[0].length()))
          .as(c[0])
          .isEqualTo(Boolean.parseBoolean(c[1]));
    }
  }

  @Test
  void runOf40NeedsExactlyFortyBetweenOthers() {
    String forty = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789/+ab";
    assertThat(forty).hasSize(40);
    for (String[] c :
        new String[][] {
          {"key: " + forty + " end", "true"},
          {"key: " + forty + "c end", "false"},
          {"key: " + forty + "= end", "false"},
          {"key: =" + forty + " end", "false"}
        }) {
      assertThat(RulePrechecks.runOf40(c[0], 0, c[0].length()))
          .as(c[0])
          .isEqualTo(Boolean.parseBoolean(c[1]));
    }
    assertThat(RulePrechecks.contains("curl -u a:b", 0, 11, "-u")).isTrue();
    assertThat(RulePrechecks.contains("curl -u a:b", 0, 6, "-u")).isFalse();
  }
}
