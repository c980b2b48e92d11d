package dev.airflowmcp.runtime.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class UntrustedTextTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static String strip(String s) {
    return UntrustedText.strip(s, null);
  }

  @Test
  void invisibleAndBidiCharactersAreRemoved() {
    assertThat(strip("a\u200Bb\u200Cc\u200Dd\u2060e\uFEFFf\u00ADg")).isEqualTo("abcdefg");
    // Trojan-source style bidi controls and isolates.
    assertThat(strip("admin\u202E\u2066 // check \u2069\u202C")).isEqualTo("admin // check ");
    assertThat(strip("x\u200E\u200F\u061Cy")).isEqualTo("xy");
    // Tag characters spelling invisible ASCII ("hi").
    assertThat(
            strip(
                "ok"
                    + new String(Character.toChars(0xE0068))
                    + new String(Character.toChars(0xE0069))))
        .isEqualTo("ok");
    // Variation selectors used to smuggle bytes.
    assertThat(strip("a\uFE00\uFE01" + new String(Character.toChars(0xE0100)) + "b"))
        .isEqualTo("ab");
  }

  @Test
  void controlsAndAnsiSequencesAreRemovedButLayoutStays() {
    assertThat(strip("\u001B[31mERROR\u001B[0m done\ttab\r\nnext\u0007\u0000"))
        .isEqualTo("ERROR done\ttab\r\nnext");
    assertThat(strip("see \u001B]8;;https://evil.example\u0007link\u001B]8;;\u0007 now"))
        .isEqualTo("see link now");
    assertThat(strip("line\u2028sep")).isEqualTo("line\nsep");
    assertThat(strip("c1\u0085\u009Bx")).isEqualTo("c1x");
  }

  @Test
  void ordinaryTextEmojiAndScriptsStay() {
    String text = "Grüße, 東京, Привет, ❤️ ok, 👍🏽, naïve café";
    assertThat(strip(text)).isEqualTo(text);
    assertThat(strip("plain ascii, Grüße")).isSameAs("plain ascii, Grüße");
    assertThat(strip("❤\uFE0F")).isEqualTo("❤\uFE0F");
    assertThat(strip("a\uFE0Fb")).isEqualTo("ab");
  }

  @Test
  void removedCharactersAreCounted() {
    int[] removed = new int[1];
    JsonNode tree =
        JSON.readTree("{\"a\\u200b\": [\"x\\u202ey\", {\"b\": \"\\u200b\\u200b\"}], \"n\": 1}");
    JsonNode out = UntrustedText.sanitize(tree, removed);
    assertThat(JSON.writeValueAsString(out)).isEqualTo("{\"a\":[\"xy\",{\"b\":\"\"}],\"n\":1}");
    assertThat(removed[0]).isEqualTo(4);
  }

  @Test
  void longFieldsAreCappedExceptFreeText() {
    String big = "x".repeat(50);
    JsonNode tree =
        JSON.readTree(
            "{\"doc_md\": \""
                + big
                + "\", \"content\": \""
                + big
                + "\", \"list\": [\""
                + big
                + "\"], \"short\": \"ok\"}");
    assertThat(UntrustedText.cap(tree, List.of("content"), 20)).isTrue();
    assertThat(tree.get("doc_md").asString())
        .startsWith("x".repeat(20))
        .contains("[... 30 characters cut]");
    assertThat(tree.get("list").get(0).asString()).contains("[... 30 characters cut]");
    assertThat(tree.get("content").asString()).isEqualTo(big);
    assertThat(tree.get("short").asString()).isEqualTo("ok");
    assertThat(UntrustedText.cap(JSON.readTree("{\"a\": \"short\"}"), List.of(), 20)).isFalse();
  }

  @Test
  void metaNamesTheSourceAndTheFreeTextFields() {
    assertThat(UntrustedText.meta(List.of("content"), 0))
        .isEqualTo(
            Map.of(
                UntrustedText.META_KEY,
                Map.of(
                    "source", "airflow", "freeTextFields", List.of("content"), "treatAs", "data")));
    @SuppressWarnings("unchecked")
    Map<String, Object> inner =
        (Map<String, Object>) UntrustedText.meta(List.of(), 3).get(UntrustedText.META_KEY);
    assertThat(inner).containsEntry("hiddenCharactersRemoved", 3);
  }
}
