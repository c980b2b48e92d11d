package dev.airflowmcp.runtime.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class ResultBudgetTest {

  @Test
  void countsTheCharactersOfUtf8TextFromAnyOffset() {
    // ASCII runs are counted eight bytes at a time; every other byte one by one.
    String[] pieces = {"a", "abcdefghij", "é", "中", "😀", "\n", "0123456789abcdef"};
    java.util.Random random = new java.util.Random(7);
    for (int round = 0; round < 2_000; round++) {
      StringBuilder text = new StringBuilder();
      for (int k = random.nextInt(12); k > 0; k--) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      byte[] utf8 = text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      byte[] padded = new byte[utf8.length + 11];
      int from = random.nextInt(6);
      System.arraycopy(utf8, 0, padded, from, utf8.length);
      assertThat(ResultBudget.chars(padded, from, from + utf8.length))
          .as("%s at %d", text, from)
          .isEqualTo(text.length());
    }
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern MARKER = Pattern.compile("\n\\[\\.\\.\\. (\\d+) characters cut]$");

  private static ObjectNode listResult(int total, int count) {
    ObjectNode result = JSON.createObjectNode();
    result.put("total_dags", total);
    result.put("returned_count", count);
    ArrayNode dags = result.putArray("dags");
    for (int i = 0; i < count; i++) {
      dags.addObject().put("dag_id", "dag_" + i).put("description", "a DAG that does thing " + i);
    }
    return result;
  }

  @Test
  void resultsWithinBudgetAreUntouched() {
    ObjectNode result = listResult(3, 3);
    String before = JSON.writeValueAsString(result);
    String text = ResultBudget.fit(result, before.length(), null, JSON);
    assertThat(text).isEqualTo(before);
    assertThat(result.has("truncated")).isFalse();
  }

  @Test
  void listsLoseTrailingItemsAndReturnedCountStaysTrue() {
    ObjectNode result = listResult(500, 100);
    String text = ResultBudget.fit(result, 2_000, null, JSON);
    JsonNode out = JSON.readTree(text);
    assertThat(text.length()).isLessThanOrEqualTo(2_000);
    assertThat(out.get("total_dags").asInt()).isEqualTo(500);
    int kept = out.get("dags").size();
    assertThat(kept).isBetween(1, 99);
    assertThat(out.get("returned_count").asInt()).isEqualTo(kept);
    assertThat(out.get("dags").get(0).get("dag_id").asString()).isEqualTo("dag_0");
    assertThat(out.get("dags").get(kept - 1).get("dag_id").asString())
        .isEqualTo("dag_" + (kept - 1));
    assertThat(out.get("truncated").asBoolean()).isTrue();
    assertThat(out.get("truncation_hint").asString()).isEqualTo(ResultBudget.DEFAULT_HINT);
  }

  @Test
  void theToolsOwnHintIsUsed() {
    String text = ResultBudget.fit(listResult(50, 50), 1_000, "Use offset to page.", JSON);
    assertThat(JSON.readTree(text).get("truncation_hint").asString())
        .isEqualTo("Use offset to page.");
  }

  @Test
  void longStringsAreCutKeepingTheirStartWithAMarker() {
    ObjectNode result = JSON.createObjectNode();
    result.put("dag_id", "etl");
    String log = "0123456789".repeat(1_000);
    result.put("content", log);
    String text = ResultBudget.fit(result, 2_000, null, JSON);
    assertThat(text.length()).isLessThanOrEqualTo(2_000);
    JsonNode out = JSON.readTree(text);
    assertThat(out.get("dag_id").asString()).isEqualTo("etl");
    String content = out.get("content").asString();
    Matcher m = MARKER.matcher(content);
    assertThat(m.find()).isTrue();
    String kept = content.substring(0, m.start());
    assertThat(log).startsWith(kept);
    assertThat(kept.length() + Integer.parseInt(m.group(1))).isEqualTo(log.length());
    assertThat(out.get("truncated").asBoolean()).isTrue();
  }

  @Test
  void stringsNeedingEscapesStillEndWithinBudget() {
    ObjectNode result = JSON.createObjectNode();
    result.put("content", "\"\\\n\u0001".repeat(3_000));
    String text = ResultBudget.fit(result, 3_000, null, JSON);
    assertThat(text.length()).isLessThanOrEqualTo(3_000);
    assertThat(JSON.readTree(text).get("content").asString()).contains("characters cut]");
  }

  @Test
  void aStringCutTwiceCarriesOneMarkerWithTheTotalCount() {
    String original = "a".repeat(1_000);
    String once = ResultBudget.cut(original, 300);
    Matcher first = MARKER.matcher(once);
    assertThat(first.find()).isTrue();
    String twice = ResultBudget.cut(once, 200);
    assertThat(twice).containsOnlyOnce("characters cut]");
    Matcher second = MARKER.matcher(twice);
    assertThat(second.find()).isTrue();
    int kept = second.start();
    assertThat(kept + Long.parseLong(second.group(1))).isEqualTo(original.length());
    assertThat(twice.length()).isLessThanOrEqualTo(once.length() - 200);
  }

  @Test
  void aCutNeverSplitsASurrogatePair() {
    String emoji = "\uD83D\uDE00";
    String s = emoji.repeat(100);
    for (int over = 0; over < 20; over++) {
      String cut = ResultBudget.cut(s, over);
      String kept = cut.substring(0, cut.indexOf("\n[..."));
      assertThat(kept.length() % 2).as("over=%d", over).isZero();
    }
  }

  @Test
  void listTrimmingComesBeforeStringCutting() {
    ObjectNode result = listResult(10, 10);
    result.put("note", "n".repeat(100));
    String text = ResultBudget.fit(result, 700, null, JSON);
    JsonNode out = JSON.readTree(text);
    assertThat(text.length()).isLessThanOrEqualTo(700);
    assertThat(out.get("note").asString()).isEqualTo("n".repeat(100));
    assertThat(out.get("returned_count").asInt()).isEqualTo(out.get("dags").size()).isLessThan(10);
  }

  @Test
  void aListKeepsAsManyItemsAsFitNotFewer() {
    ObjectNode result = listResult(500, 100);
    String text = ResultBudget.fit(result, 2_000, null, JSON);
    JsonNode out = JSON.readTree(text);
    int kept = out.get("dags").size();
    // One more item would not have fitted.
    ObjectNode more = (ObjectNode) out.deepCopy();
    ((ArrayNode) more.get("dags")).add(listResult(101, 101).get("dags").get(kept));
    more.put("returned_count", kept + 1);
    assertThat(JSON.writeValueAsString(more).length()).isGreaterThan(2_000);
  }

  @Test
  void aSizeHintGivesTheSameTextAsWritingTheResultFirst() {
    for (int budget : new int[] {300, 2_000, 7_000, 100_000}) {
      for (boolean marked : new boolean[] {false, true}) {
        ObjectNode plain = listResult(500, 100);
        ObjectNode hinted = listResult(500, 100);
        if (marked) {
          // A field cap may have marked the result before the budget applies.
          plain.put("truncated", true).put("truncation_hint", "capped");
          hinted.put("truncated", true).put("truncation_hint", "capped");
        }
        String expected = ResultBudget.fit(plain, budget, null, JSON);
        for (long likely : new long[] {budget + 1L, 10L * budget}) {
          ObjectNode copy = hinted.deepCopy();
          String actual = ResultBudget.fit(copy, budget, null, JSON, likely);
          assertThat(actual)
              .as("budget %d, marked %s, likely %d", budget, marked, likely)
              .isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void aSizeHintGivesTheSameTextForItemsOfEveryKindAndKeepsTheListInPlace() {
    for (int budget : new int[] {200, 1_500, 9_000}) {
      ObjectNode plain = JSON.createObjectNode();
      plain.put("total_entries", 1_000);
      ArrayNode items = plain.putArray("content");
      for (int i = 0; i < 300; i++) {
        ObjectNode item = items.addObject();
        item.put("event", "caf\u00e9 \"quoted\" \\ tab\t line\n \ud83d\ude00 " + i);
        item.putArray("tags").add(i).add("x").addNull().add(i % 2 == 0);
        item.putObject("nested").put("level", 1.5 * i);
      }
      plain.put("continuation_token", "after-the-list");
      ObjectNode hinted = plain.deepCopy();
      String expected = ResultBudget.fit(plain, budget, "hint", JSON);
      String actual = ResultBudget.fit(hinted, budget, "hint", JSON, 10L * budget);
      assertThat(actual).as("budget %d", budget).isEqualTo(expected);
      assertThat(actual).contains("\"continuation_token\":\"after-the-list\"");
      assertThat(hinted.get("content").isArray()).isTrue();
    }
  }

  @Test
  void aListThatFitsDespiteALargeHintIsUntouched() {
    ObjectNode result = listResult(3, 3);
    String before = JSON.writeValueAsString(result);
    String text = ResultBudget.fit(result, before.length(), null, JSON, 1_000_000);
    assertThat(text).isEqualTo(before);
    assertThat(result.has("truncated")).isFalse();
  }

  @Test
  void itemsOutsideAsciiAreMeasuredInCharactersAsTheBudgetCountsThem() {
    for (int budget : new int[] {500, 3_000}) {
      ObjectNode result = JSON.createObjectNode();
      result.put("returned_count", 400);
      ArrayNode items = result.putArray("items");
      for (int i = 0; i < 400; i++) {
        items.addObject().put("name", "caf\u00e9 \ud83d\ude00 \u4e2d\u6587 " + i);
      }
      String text = ResultBudget.fit(result, budget, null, JSON, 100L * budget);
      assertThat(text.length()).isLessThanOrEqualTo(budget);
      JsonNode out = JSON.readTree(text);
      int kept = out.get("items").size();
      assertThat(kept).isBetween(1, 399);
      ObjectNode more = (ObjectNode) out.deepCopy();
      ((ArrayNode) more.get("items"))
          .addObject()
          .put("name", "caf\u00e9 \ud83d\ude00 \u4e2d\u6587 " + kept);
      more.put("returned_count", kept + 1);
      assertThat(JSON.writeValueAsString(more).length()).as("one more item").isGreaterThan(budget);
    }
  }

  /** A list result with items of every kind, escapes and text outside ASCII, and a key after it. */
  private static ObjectNode mixedResult(int count) {
    ObjectNode result = JSON.createObjectNode();
    result.put("total_dags", 10_000);
    result.put("returned_count", count);
    ArrayNode dags = result.putArray("dags");
    for (int i = 0; i < count; i++) {
      ObjectNode dag = dags.addObject();
      dag.put("dag_id", "dag_" + i);
      dag.put("description", i % 3 == 0 ? "Zürich \"quoted\" \\ tab\t " + i : "plain " + i);
      dag.put("owner", i % 5 == 0 ? "\uD83D\uDE00 emoji" : "airflow");
      dag.putNull("next_dagrun");
      dag.put("max_active_runs", i);
      dag.putArray("tags").add("t" + (i % 7)).add(i % 2 == 0);
    }
    result.put("next_offset", count);
    return result;
  }

  /**
   * What a cut list must be, found without the budget's measuring: the result written whole with
   * the first k items (and returned_count k) for every k from the top, the first that fits.
   */
  private static String longestFittingPrefix(ObjectNode result, int budget, String hint) {
    ObjectNode copy = result.deepCopy();
    copy.put("truncated", true);
    copy.put("truncation_hint", hint);
    ArrayNode all = (ArrayNode) copy.get("dags");
    for (int k = all.size(); k >= 0; k--) {
      ObjectNode candidate = copy.deepCopy();
      ArrayNode dags = (ArrayNode) candidate.get("dags");
      while (dags.size() > k) {
        dags.remove(dags.size() - 1);
      }
      candidate.put("returned_count", k);
      String text = JSON.writeValueAsString(candidate);
      if (text.length() <= budget) {
        return text;
      }
    }
    throw new AssertionError("nothing fits " + budget);
  }

  @Test
  void aCutListIsTheLongestRunOfLeadingItemsWhoseWholeTextFitsWithOrWithoutASizeHint() {
    for (int budget : new int[] {400, 1_000, 2_345, 7_777, 20_000}) {
      String expected = longestFittingPrefix(mixedResult(300), budget, "hint");
      assertThat(ResultBudget.fit(mixedResult(300), budget, "hint", JSON)).isEqualTo(expected);
      assertThat(ResultBudget.fit(mixedResult(300), budget, "hint", JSON, 100L * budget))
          .isEqualTo(expected);
    }
  }
}
