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
    for (Detectors.Rule rule : Detectors.RULES) {
      Pattern p =
          rule instanceof Detectors.Anchored a
              ? a.pattern()
              : rule instanceof Detectors.Line l ? l.pattern() : null;
      if (p != null && RulePrechecks.families().contains(rule.family())) {
        assertThat(RulePrechecks.forRule(rule.family(), p.pattern())).as(rule.family()).isNotNull();
        found++;
      }
    }
    assertThat(found).isEqualTo(RulePrechecks.families().size());
    assertThat(RulePrechecks.forRule("curl-user-password", "-u(?<s>.*)")).isNull();
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
