package dev.airflowmcp.runtime.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rules with a window plan ({@link RulePrechecks.Window}) mask exactly what their pattern finds
 * with {@code find()} on each line: each is run as it is and, under another family name (so without
 * the plan), as a plain line pattern, on seeded random command lines made of the rules' anchors,
 * flags, separators and values, and the masked ranges are compared.
 */
class WindowedRulesTest {
  private static final String[] ANCHORS = {
    "snmpwalk",
    "snmpget",
    "snmpbulkwalk",
    "snmp",
    "snmpset -v3",
    "SNMPwalk",
    "xsnmpwalk",
    "snmpwalkwalkwalkwalk",
    "docker login",
    "docker  login",
    "docker login -u admin",
    "redis-cli",
    "redis-cli -h h",
    "secrets set",
    "secret set",
    "secrets   create",
    "Secrets Put",
    "secret add",
    "versions add",
    "secret-tool store",
    "kinit",
    "passwd",
    "chpasswd",
    "vault kv put",
    "vault write",
    "vault login",
    "keyring set",
    "--data-file=-",
    "--data-file -",
    "-stdin",
    "--password-stdin",
    "--with-token",
    "put-parameter",
    "put-secret-value",
    "create-secret",
    "gh secret set",
    "--pass",
    "--password",
    "--token",
    "-secret",
    "--db-pwd",
    "--api-token-file",
    "-a-b-c-d-e-f-g-h-i-j-k-pass-x-y-z",
    "echo",
    "echo -n",
    "printf",
    "printf '%s'",
    "printf \"%s\\n\"",
    "echo -e %s",
    "mongo",
    "mongosh",
    "mongorestore",
    "az login",
    "ldapsearch",
    "ldapwhoami",
    "smbclient",
    "lftp",
    "net use",
    "net use Z: \\\\srv\\share",
    "net use \\\\host",
    "mc alias set m http://h",
    "mc config host add",
    "rabbitmqctl add_user bob",
    "htpasswd -b -c f",
    "htpasswd -cb"
  };
  private static final String[] FLAGS = {
    "| docker login --password-stdin",
    "-stdin",
    "--with-token",
    "/dev/stdin",
    "=/dev/fd/0",
    "-passin stdin",
    "--passphrase-fd 0",
    "--password-file=-",
    "-pass fd:0",
    "-w",
    "-U u%",
    "-u u,",
    "/user:",
    "/user:bob",
    "-U",
    "-u",
    "-A",
    "-X",
    "-a",
    "-p",
    "-P",
    "-c",
    "--value",
    "--VALUE",
    "--secret-string",
    "--secret-value",
    "--password",
    "<<<",
    "<<",
    "|",
    "-v3",
    "=",
    "--value=",
    "-a="
  };
  private static final String[] VALUES = {
    "Ab1#xY9!qZ",
    "x",
    "hunter2",
    "'pa ss'",
    "\"p w d\"",
    "'unclosed",
    "\"unclosed",
    "$PASS",
    "${SECRET}",
    "<password>",
    "***",
    "-",
    "--",
    "'x'",
    "\"x\"",
    "\\'esc\\'",
    "abc|def",
    "a;b",
    "`x`",
    "-Ab1#xY9!q",
    "a)b"
  };
  private static final String[] SEPS = {
    " ", " ", " ", "  ", "\t", " \t ", "=", ",", ";", " | ", "'", "\"", "", "\n", "\u000B"
  };

  static String line(Random r) {
    StringBuilder b = new StringBuilder();
    if (r.nextInt(8) == 0) {
      String unit = ANCHORS[r.nextInt(ANCHORS.length)] + SEPS[r.nextInt(SEPS.length)];
      b.append(unit.repeat(10 + r.nextInt(100)));
    }
    int n = 1 + r.nextInt(40);
    for (int i = 0; i < n; i++) {
      int k = r.nextInt(100);
      if (k < 25) {
        b.append(ANCHORS[r.nextInt(ANCHORS.length)]);
      } else if (k < 55) {
        b.append(FLAGS[r.nextInt(FLAGS.length)]);
      } else if (k < 90) {
        b.append(VALUES[r.nextInt(VALUES.length)]);
      } else if (k < 95) {
        b.append(" ".repeat(1 + r.nextInt(320)));
      } else {
        b.append(String.valueOf((char) ('a' + r.nextInt(8))).repeat(1 + r.nextInt(60)));
      }
      b.append(SEPS[r.nextInt(SEPS.length)]);
    }
    return b.toString();
  }

  private static List<Detectors.Rule> windowedRules() {
    List<Detectors.Rule> out = new ArrayList<>();
    Stream.concat(Detectors.RULES.stream(), FormatRules.RULES.stream())
        .filter(r -> r instanceof Detectors.Line)
        .filter(
            r ->
                RulePrechecks.windowFor(r.family(), ((Detectors.Line) r).pattern().pattern())
                    != null)
        .forEach(out::add);
    return out;
  }

  private static String masked(Detectors d, String text) {
    Spans spans = new Spans();
    d.detect(text, spans, new ArrayList<>());
    return spans.apply(text, "***");
  }

  @Test
  void everyPlannedFamilyHasItsRule() {
    assertThat(windowedRules().stream().map(Detectors.Rule::family).distinct().sorted())
        .containsExactlyElementsOf(RulePrechecks.windowFamilies());
  }

  @Test
  void tokenRunRulesMaskWhatTheirPatternFinds() {
    List<Detectors.Anchored> planned = new ArrayList<>();
    Stream.concat(Detectors.RULES.stream(), FormatRules.RULES.stream())
        .filter(r -> r instanceof Detectors.Anchored)
        .map(r -> (Detectors.Anchored) r)
        .filter(a -> RulePrechecks.tokenRunFor(a.family(), a.pattern().pattern()) != null)
        .forEach(planned::add);
    assertThat(planned.stream().map(Detectors.Rule::family))
        .containsExactlyInAnyOrder(
            "supabase-token", "pinecone-api-key", "nvidia-api-key", "dbt-cloud-token");
    Random r = new Random(26);
    String[] units = {
      "sb_secret_", "sbp_", "pcsk_", "nvapi-", "dbtc_", "dbtu_", "a", "Z9", "-", "_"
    };
    int masked = 0;
    for (int i = 0; i < 3000; i++) {
      StringBuilder b = new StringBuilder();
      int n = 1 + r.nextInt(r.nextBoolean() ? 20 : 900);
      for (int k = 0; k < n; k++) {
        b.append(units[r.nextInt(units.length)]);
        if (r.nextInt(60) == 0) {
          b.append(" \n.".charAt(r.nextInt(3)));
        }
      }
      String t = b.toString();
      for (Detectors.Anchored a : planned) {
        Detectors with = new Detectors(List.of(a));
        Detectors without =
            new Detectors(
                List.of(new Detectors.Anchored(a.family() + "-x", a.keywords(), a.pattern())));
        String plain = masked(without, t);
        assertThat(masked(with, t)).as(a.family() + " on " + t).isEqualTo(plain);
        masked += plain.equals(t) ? 0 : 1;
      }
    }
    assertThat(masked).isGreaterThan(100);
  }

  @Test
  void windowedRulesMaskWhatFindFinds() {
    Random r = new Random(26);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      texts.add(line(r));
    }
    int masked = 0;
    for (Detectors.Rule rule : windowedRules()) {
      Detectors.Line l = (Detectors.Line) rule;
      Detectors planned = new Detectors(List.of(l));
      Detectors plain =
          new Detectors(
              List.of(
                  new Detectors.Line(
                      l.family() + "-without-plan", l.keywords(), l.pattern(), l.accept())));
      int ruleMasked = 0;
      for (String t : texts) {
        String a = masked(plain, t);
        assertThat(masked(planned, t)).as(l.family() + " on " + t).isEqualTo(a);
        ruleMasked += a.equals(t) ? 0 : 1;
      }
      // The lines exercise each rule: some of them are masked by it.
      assertThat(ruleMasked).as(l.family()).isGreaterThan(20);
      masked += ruleMasked;
    }
    assertThat(masked).isGreaterThan(1000);
  }
}
