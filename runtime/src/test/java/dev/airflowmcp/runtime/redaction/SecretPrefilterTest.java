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
}
