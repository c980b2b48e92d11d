package dev.airflowmcp.runtime.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The redactor remembers values it found clean across calls ({@link CleanPairs}); a verdict must
 * not outlive what it depended on: values registered or learned later, and the tool's extra
 * sensitive names.
 */
class CleanPairsTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static JsonNode page(String json) {
    return JSON.readTree(json);
  }

  private static String note(AirflowRedactor r, String json, List<String> extra) {
    return r.redact(page(json), extra).toString();
  }

  @Test
  void aValueFoundCleanIsMaskedOnceItsSecretIsRegistered() {
    AirflowRedactor r = new AirflowRedactor();
    String json = "{\"note\":\"handed over to Wilma Q Flintstone today\",\"owner\":\"ops\"}";
    for (int i = 0; i < 3; i++) {
      assertThat(note(r, json, List.of())).isEqualTo(page(json).toString());
    }
    r.registry().addConfigured(List.of("Wilma Q Flintstone"));
    assertThat(note(r, json, List.of())).doesNotContain("Wilma").contains("***");
  }

  @Test
  void aValueFoundCleanIsMaskedOnceTheSameSecretIsLearned() {
    AirflowRedactor r = new AirflowRedactor();
    String json = "{\"description\":\"rotated to Hx7-pqlw-Rt2c yesterday\",\"logger\":\"airflow\"}";
    String before = note(r, json, List.of());
    assertThat(before).contains("Hx7-pqlw-Rt2c");
    assertThat(note(r, json, List.of())).isEqualTo(before);
    // A result whose key rule masks the value: the redactor learns it.
    assertThat(note(r, "{\"password\":\"Hx7-pqlw-Rt2c\"}", List.of())).doesNotContain("Hx7");
    assertThat(note(r, json, List.of())).doesNotContain("Hx7-pqlw-Rt2c");
  }

  @Test
  void aVerdictHoldsOnlyForTheExtraNamesItWasMadeWith() {
    AirflowRedactor r = new AirflowRedactor();
    String json = "{\"payload\":\"{\\\"flavour\\\": \\\"vanilla-bean-42\\\"}\"}";
    for (int i = 0; i < 3; i++) {
      assertThat(note(r, json, List.of())).contains("vanilla-bean-42");
    }
    assertThat(note(r, json, List.of("flavour"))).doesNotContain("vanilla-bean-42");
    assertThat(note(r, json, List.of())).contains("vanilla-bean-42");
  }

  @Test
  void longValuesAreNotRemembered() {
    CleanPairs pairs = new CleanPairs();
    Object generation = new Object();
    String longValue = "x".repeat(CleanPairs.LONGEST + 1);
    pairs.add("n", longValue, List.of(), generation);
    assertThat(pairs.seen("n", longValue, List.of(), generation)).isFalse();
    pairs.add("n", "short", List.of(), generation);
    assertThat(pairs.seen("n", "short", List.of(), generation)).isTrue();
    assertThat(pairs.seen("n", "short", List.of(), new Object())).isFalse();
    assertThat(pairs.seen("m", "short", List.of(), generation)).isFalse();
    assertThat(pairs.seen("n", "short", List.of("n"), generation)).isFalse();
  }

  @Test
  void cheapVerdictsDoNotPushOutOthers() {
    CleanPairs pairs = new CleanPairs();
    Object generation = new Object();
    pairs.add("n", "worth keeping", List.of(), generation);
    for (int i = 0; i < 100_000; i++) {
      pairs.add("t", "2025-06-02T00:00:" + i, List.of(), generation, true);
    }
    assertThat(pairs.seen("n", "worth keeping", List.of(), generation)).isTrue();
  }
}
