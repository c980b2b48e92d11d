package dev.airflowmcp.runtime.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airflowmcp.runtime.tool.ResponseShape;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link UntrustedText#plainJson} lets the pipeline skip the hidden-character walk; it may only say
 * yes to a text whose tree that walk leaves exactly as it is.
 */
class PlainJsonTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Characters of every kind the walk treats differently, as raw text. */
  private static final String[] PIECES = {
    "a",
    "Z",
    "0",
    " ",
    "_",
    "-",
    ":",
    "/",
    "é",
    "ß",
    "Ж",
    "ا",
    "ह",
    "中",
    "€",
    "😀",
    "\t",
    "\n",
    "\r",
    "\u200b",
    "\u200d",
    "\u202e",
    "\u2066",
    "\u00ad",
    "\u0085",
    "\u009b",
    "\u007f",
    "\u0001",
    "\u001b[31m",
    "\u001b]8;;http://x\u0007",
    "\ufeff",
    "\ufe0f",
    "\ufe00",
    "\u2028",
    "\u2029",
    "\u034f",
    "\u180e",
    "\u3164",
    "\uffa0",
    "\udb40\udc41",
    "\udb40\udd00",
    "\ud834\udd73",
    "\u1fff",
    "\u07ff",
    "\u0800",
  };

  /** How a character is written in the JSON text. */
  private static String write(String piece, Random random) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < piece.length(); i++) {
      char c = piece.charAt(i);
      int how = random.nextInt(4);
      if (c == '"' || c == '\\' || c < 0x20 || how == 0) {
        if (c == '\n' && how != 0) {
          out.append("\\n");
        } else if (c == '\t' && how != 0) {
          out.append("\\t");
        } else if (c == 0x08) {
          out.append("\\b");
        } else if (c == 0x0c) {
          out.append("\\f");
        } else if (c == '"' && how != 0) {
          out.append("\\\"");
        } else {
          out.append(String.format("\\u%04x", (int) c));
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String string(Random random, int maxPieces) {
    StringBuilder s = new StringBuilder("\"");
    int n = random.nextInt(maxPieces + 1);
    // Mostly plain text, sometimes anything: the plain case must be common enough to test.
    boolean plain = random.nextInt(3) > 0;
    for (int i = 0; i < n; i++) {
      String piece = PIECES[random.nextInt(plain ? 18 : PIECES.length)];
      s.append(plain && random.nextInt(4) == 0 ? piece : write(piece, random));
    }
    return s.append('"').toString();
  }

  private static String value(Random random, int depth) {
    int kind = random.nextInt(depth > 6 ? 4 : 7);
    return switch (kind) {
      case 0 -> string(random, 12);
      case 1 -> String.valueOf(random.nextInt(100_000) - 50_000);
      case 2 -> random.nextBoolean() ? "true" : "null";
      case 3 -> "1.25e3";
      case 4, 5 -> {
        StringBuilder o = new StringBuilder("{");
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
          o.append(i == 0 ? "" : ",")
              .append(random.nextInt(5) == 0 ? string(random, 3) : "\"k" + i + "\"")
              .append(random.nextBoolean() ? ":" : " : ")
              .append(value(random, depth + 1));
        }
        yield o.append('}').toString();
      }
      default -> {
        StringBuilder a = new StringBuilder("[");
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
          a.append(i == 0 ? "" : ",\n ").append(value(random, depth + 1));
        }
        yield a.append(']').toString();
      }
    };
  }

  /** The tree and its text after the walk, and what it removed. */
  private static String walked(byte[] body, int[] removed) {
    JsonNode tree = Executions.readJson(body);
    return JSON.writeValueAsString(UntrustedText.sanitize(tree, removed));
  }

  @Test
  void saysPlainOnlyWhenTheWalkChangesNothing() {
    Random random = new Random(20261207);
    int plain = 0;
    int notPlain = 0;
    for (int round = 0; round < 20_000; round++) {
      String text = value(random, 0);
      byte[] body = text.getBytes(StandardCharsets.UTF_8);
      JsonNode parsed;
      try {
        parsed = Executions.readJson(body);
      } catch (JacksonException e) {
        continue; // not JSON (a lone surrogate escape and the like): never reaches the walk
      }
      String before = JSON.writeValueAsString(parsed);
      int[] removed = new int[1];
      String after = walked(body, removed);
      boolean unchanged = before.equals(after) && removed[0] == 0;
      if (UntrustedText.plainJson(body)) {
        plain++;
        assertThat(unchanged).as("plain but changed by the walk: %s", text).isTrue();
      } else {
        notPlain++;
      }
    }
    // Both answers occur often: the test exercises the skip as well as the walk.
    assertThat(plain).isGreaterThan(3_000);
    assertThat(notPlain).isGreaterThan(3_000);
  }

  @Test
  void hiddenCharactersRawOrEscapedAreNeverPlain() {
    for (String piece : PIECES) {
      boolean hidden = !UntrustedText.strip(piece, null).equals(piece);
      String raw = "{\"k\":\"x" + piece.replace("\n", "\\n").replace("\t", "\\t") + "y\"}";
      String escaped = "{\"k\":\"x" + String.format("\\u%04x", (int) piece.charAt(0)) + "y\"}";
      String asName = "{\"x" + piece.replace("\n", "\\n").replace("\t", "\\t") + "\":1}";
      if (hidden) {
        assertThat(UntrustedText.plainJson(utf8(raw))).as(raw).isFalse();
        assertThat(UntrustedText.plainJson(utf8(asName))).as(asName).isFalse();
      }
      assertThat(UntrustedText.plainJson(utf8(escaped))).as(escaped).isFalse();
    }
    assertThat(UntrustedText.plainJson(utf8("{\"k\":\"a\\bb\"}"))).isFalse();
    assertThat(UntrustedText.plainJson(utf8("{\"k\":\"a\\fb\"}"))).isFalse();
    // An escaped backslash followed by a u is plain text, but saying no is allowed; a trailing
    // backslash, invalid UTF-8 and overlong forms are not plain.
    assertThat(UntrustedText.plainJson(new byte[] {'"', '\\'})).isFalse();
    assertThat(UntrustedText.plainJson(new byte[] {'"', (byte) 0xC2, '"'})).isFalse();
    assertThat(UntrustedText.plainJson(new byte[] {'"', (byte) 0xC1, (byte) 0x81, '"'})).isFalse();
    assertThat(UntrustedText.plainJson(new byte[] {'"', (byte) 0xE0, (byte) 0x81, (byte) 0x81}))
        .isFalse();
    assertThat(UntrustedText.plainJson(new byte[] {'"', (byte) 0xFF, '"'})).isFalse();
  }

  @Test
  void everyPositionOfALongTextIsLookedAt() {
    // Eight bytes are judged at a time: a character that is not plain at any offset is found.
    String[][] inserts = {
      {"\u0001", "no"}, {"\u007f", "no"}, {"\\u0041", "no"}, {"\\b", "no"}, {"\u0085", "no"},
      {"\u200b", "no"}, {"\u001f", "no"}, {"\\n", "yes"}, {"\\\"", "yes"}, {"é", "yes"},
      {"~", "yes"}, {" ", "yes"}, {"中", "yes"},
    };
    String filler = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH";
    for (String[] insert : inserts) {
      for (int at = 0; at <= filler.length(); at++) {
        String text = "\"" + filler.substring(0, at) + insert[0] + filler.substring(at) + "\"";
        assertThat(UntrustedText.plainJson(utf8(text)))
            .as("%s at %d", insert[0], at)
            .isEqualTo(insert[1].equals("yes"));
      }
    }
  }

  @Test
  void ordinaryAirflowPagesArePlain() {
    String page =
        "{\"dags\":[{\"dag_id\":\"etl_1\",\"description\":\"Lädt die Daten — owner: #data-eng 🚀 中文\","
            + "\"tags\":[{\"name\":\"tier-1\"}],\"doc_md\":\"### Nightly\\n\\n* one\\t\\\"two\\\"\","
            + "\"owners\":[\"data-eng\",\"airflow\"],\"is_paused\":false,\"pid\":48001}],"
            + "\"total_entries\":300}";
    assertThat(UntrustedText.plainJson(utf8(page))).isTrue();
    assertThat(UntrustedText.plainJson(utf8(""))).isTrue();
  }

  @Test
  void aLayoutOrAShapeNameThatIsNotPlainTurnsTheSkipOff() {
    byte[] page = utf8("{\"dags\":[{\"dag_id\":\"a\"}],\"total_entries\":1}");
    assertThat(Executions.plainResult(page, ResponseShape.listOf("dags").build())).isTrue();
    assertThat(Executions.plainResult(page, ResponseShape.object().build())).isTrue();
    assertThat(
            Executions.plainResult(
                page, ResponseShape.listOf("dags").rename("dag_id", "id\u200b").build()))
        .isFalse();
    assertThat(
            Executions.plainResult(
                page, ResponseShape.listOf("dags").layoutItems("dags").layoutCount("n").build()))
        .isFalse();
    assertThat(Executions.plainResult(utf8("{\"a\":\"\u200b\"}"), ResponseShape.object().build()))
        .isFalse();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
