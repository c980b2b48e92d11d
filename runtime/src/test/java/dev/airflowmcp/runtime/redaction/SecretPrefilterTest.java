package dev.airflowmcp.runtime.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The prefilter never says "nothing here" where a detector would mask something: checked on every
 * line of every corpus (secrets and harmless lines), on each line of them alone, and on random
 * short strings built from the characters secrets are made of.
 */
class SecretPrefilterTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static List<String> texts(String resource) throws IOException {
    List<String> out = new ArrayList<>();
    try (InputStream in = SecretPrefilterTest.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.isBlank()) {
          String text = JSON.readTree(line).get("text").asString();
          out.add(text);
          for (String part : text.split("\n")) {
            out.add(part);
          }
        }
      }
    }
    return out;
  }

  private static void holds(String text) {
    if (!SecretPrefilter.mayHoldSecret(text)) {
      assertThat(new AirflowRedactor().redactTextOnce(text)).as(text).isEqualTo(text);
    }
  }

  @Test
  void whereThePrefilterSeesNothingTheDetectorsFindNothing() throws IOException {
    int skipped = 0;
    int total = 0;
    for (String corpus :
        List.of(
            "corpus/blind-batch1/corpus.jsonl",
            "corpus/blind-batch2/corpus.jsonl",
            "corpus/secrets.jsonl",
            "corpus/harmless.jsonl",
            "corpus/format-secrets.jsonl",
            "corpus/format-harmless.jsonl")) {
      for (String text : texts(corpus)) {
        total++;
        if (!SecretPrefilter.mayHoldSecret(text)) {
          skipped++;
        }
        holds(text);
      }
    }
    assertThat(skipped).as("the prefilter must let some text through untouched").isPositive();
    assertThat(total).isGreaterThan(skipped);
  }

  /**
   * The per-value path of a JSON walk: a string under a property name, where the token scan reads
   * the whole string as that name's value (listed thresholds, names that make a value a secret).
   * Wherever the prefilter turns a value away, every rule behind it — run here anyway — leaves it
   * unchanged under each of these names.
   */
  @Test
  void whereThePrefilterSeesNothingNoRuleActsUnderAnyName() throws IOException {
    List<String> names =
        java.util.Arrays.asList(
            null,
            "api_key",
            "password",
            "token",
            "client_secret",
            "secret",
            "value",
            "extra",
            "description",
            "dag_id",
            "fileloc",
            "webhook",
            "auth",
            "pin",
            "recovery_codes",
            "passphrase",
            "AIRFLOW_VAR_PARTNER",
            "dsn",
            "conn_uri",
            "private_key");
    java.util.Set<String> values = new java.util.LinkedHashSet<>();
    for (String corpus :
        List.of(
            "corpus/blind-batch1/corpus.jsonl",
            "corpus/blind-batch2/corpus.jsonl",
            "corpus/secrets.jsonl",
            "corpus/harmless.jsonl",
            "corpus/format-secrets.jsonl",
            "corpus/format-harmless.jsonl")) {
      for (String text : texts(corpus)) {
        values.add(text);
        for (String part : text.split("[\\s=:,;\"'|()\\[\\]{}<>]+")) {
          values.add(part);
        }
      }
    }
    Random rnd = new Random(13);
    String alphabet = "abcXYZ019_-+/=.~!#&*?@:;,'\"{}()[]$^ ";
    for (int i = 0; i < 5_000; i++) {
      StringBuilder b = new StringBuilder();
      int len = 4 + rnd.nextInt(28);
      for (int k = 0; k < len; k++) {
        b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
      }
      values.add(b.toString());
    }
    AirflowRedactor redactor = new AirflowRedactor();
    List<String> wrong = new ArrayList<>();
    int turnedAway = 0;
    for (String v : values) {
      if (v.isEmpty() || Masks.isMasked(v) || SecretPrefilter.mayHoldSecret(v)) {
        continue;
      }
      turnedAway++;
      for (String name : names) {
        String r = redactor.redactSuspect(v, 0, List.of(), new ArrayList<>(), 0, name);
        if (!r.equals(v)) {
          wrong.add(name + " = " + v + " -> " + r);
        }
      }
    }
    assertThat(wrong).as("values the prefilter turned away but a rule masks").isEmpty();
    assertThat(turnedAway).as("the prefilter must turn some values away").isGreaterThan(1000);
  }

  @Test
  void randomShortStringsOfSecretCharacters() {
    Random rnd = new Random(7);
    String alphabet = "abcXYZ019_-+/=.~!#&*%?@:;,|'\"{}()[]$^ ";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder b = new StringBuilder();
      int len = 4 + rnd.nextInt(28);
      for (int k = 0; k < len; k++) {
        b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
      }
      holds("k=" + b);
      holds(b.toString());
    }
    assertThat(SecretPrefilter.mayHoldSecret("task finished in 3 s")).isFalse();
    assertThat(SecretPrefilter.mayHoldSecret("k=Qm7#rT2&vX9*")).isTrue();
  }

  /**
   * The loop as it was written before its character table (one condition after another for each
   * character), with the same final questions: the table must give the same answer on every text.
   */
  private static boolean byConditions(String s) {
    if (s == null || s.isEmpty()) {
      return false;
    }
    int tokenRun = 0;
    int wordRun = 0;
    int classes = 0;
    boolean mixed = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        return true;
      }
      if (Tokens.tokenChar(c)) {
        if (++tokenRun >= Shapes.LISTED) {
          return true;
        }
      } else {
        tokenRun = 0;
      }
      if (c <= ' ' || c == '"' || c == '\'' || c == '\\' || c == '`' || c >= 127) {
        wordRun = 0;
        classes = 0;
        continue;
      }
      wordRun++;
      if (c >= 'A' && c <= 'Z') {
        classes |= 1;
      } else if (c >= 'a' && c <= 'z') {
        classes |= 2;
      } else if (c >= '0' && c <= '9') {
        classes |= 4;
      } else if (!Tokens.tokenChar(c) || c == '+' || c == '=' || c == '!' || c == '~') {
        classes |= 8;
      }
      if (c == '|') {
        return true;
      }
      if (wordRun >= Shapes.PASSWORD_MIN && classes == 15) {
        return true;
      }
      if (wordRun >= 10 && (classes & 7) == 7) {
        mixed = true;
      }
    }
    return JsonText.looksLikeJson(s)
        || Detectors.DEFAULT.mayContainSecrets(s)
        || (mixed && ContextScorer.mayCue(s))
        || LabelledValues.mayHoldDigitCode(s);
  }

  @Test
  void theCharacterTableAnswersAsTheConditionsDid() throws IOException {
    // Every character alone, in a word run and in a token run.
    for (char c = 0; c < 0x3000; c++) {
      for (String t :
          List.of(
              String.valueOf(c),
              "Ab1" + c + "Cd2Ef3Gh4",
              "abcdefghijklmno" + c,
              "Passw0rd" + c + "xyz1")) {
        assertThat(SecretPrefilter.mayHoldSecret(t))
            .as("U+%04X in %s", (int) c, t)
            .isEqualTo(byConditions(t));
      }
    }
    // Random texts over ASCII and a few characters beyond it.
    Random rnd = new Random(13);
    for (int i = 0; i < 200_000; i++) {
      StringBuilder b = new StringBuilder();
      int len = 1 + rnd.nextInt(40);
      for (int k = 0; k < len; k++) {
        int r = rnd.nextInt(20);
        b.append(r == 0 ? (char) (128 + rnd.nextInt(400)) : (char) rnd.nextInt(128));
      }
      String t = b.toString();
      assertThat(SecretPrefilter.mayHoldSecret(t)).as(t).isEqualTo(byConditions(t));
    }
    // Every line of every corpus (secrets and harmless), whole and line by line.
    int suspect = 0;
    int total = 0;
    List<String> corpora = new ArrayList<>();
    for (int b = 1; b <= 14; b++) {
      corpora.add("corpus/blind-batch" + b + "/corpus.jsonl");
    }
    corpora.addAll(
        List.of(
            "corpus/secrets.jsonl",
            "corpus/harmless.jsonl",
            "corpus/format-secrets.jsonl",
            "corpus/format-harmless.jsonl"));
    for (String corpus : corpora) {
      if (SecretPrefilterTest.class.getResource(corpus) == null) {
        continue;
      }
      for (String t : texts(corpus)) {
        boolean may = SecretPrefilter.mayHoldSecret(t);
        assertThat(may).as(t).isEqualTo(byConditions(t));
        suspect += may ? 1 : 0;
        total++;
      }
    }
    assertThat(total).isGreaterThan(5000);
    assertThat(suspect).isPositive().isLessThan(total);
  }
}
