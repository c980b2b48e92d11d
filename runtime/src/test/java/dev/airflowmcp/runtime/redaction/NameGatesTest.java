package dev.airflowmcp.runtime.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.StringNode;

/**
 * The name gates that let the redactor's walk skip the value rules under a name ({@link
 * SecretNames#mayMaskUnderName}, {@link Shapes#maySecretUnderName}, {@link Codes#mayMaskUnderName})
 * never say "no" where the rule would mask a value: every name found in the corpora (and Airflow's
 * field names) against every corpus value, its lines and tokens, and random strings.
 */
class NameGatesTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern NAME =
      Pattern.compile("([A-Za-z_][A-Za-z0-9_.-]{1,60})[\"']?\\s*[:=]");
  private static final List<String> CORPORA =
      List.of(
          "corpus/blind-batch1/corpus.jsonl",
          "corpus/blind-batch2/corpus.jsonl",
          "corpus/secrets.jsonl",
          "corpus/harmless.jsonl",
          "corpus/format-secrets.jsonl",
          "corpus/format-harmless.jsonl");

  private static List<String> texts() throws IOException {
    List<String> out = new ArrayList<>();
    for (String resource : CORPORA) {
      try (InputStream in = NameGatesTest.class.getResourceAsStream(resource)) {
        assertThat(in).as(resource).isNotNull();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          if (!line.isBlank()) {
            out.add(JSON.readTree(line).get("text").asString());
          }
        }
      }
    }
    return out;
  }

  @Test
  void aGateSaysNoOnlyWhereTheRuleMasksNothing() throws IOException {
    List<String> texts = texts();
    Set<String> names = new LinkedHashSet<>();
    Set<String> values = new LinkedHashSet<>();
    for (String text : texts) {
      Matcher m = NAME.matcher(text);
      while (m.find()) {
        names.add(m.group(1));
      }
      values.add(text);
      for (String line : text.split("\n")) {
        values.add(line.strip());
        for (String part : line.split("[\\s=:,;\"'|()\\[\\]{}]+")) {
          if (part.length() >= 3) {
            values.add(part);
          }
        }
      }
    }
    names.addAll(
        List.of(
            "dag_id",
            "fileloc",
            "description",
            "file_token",
            "logger",
            "event",
            "timestamp",
            "owners",
            "tags",
            "name",
            "value",
            "key",
            "hostname",
            "unixname",
            "pool",
            "queue",
            "run_id",
            "user",
            "username",
            "login",
            "path",
            "url",
            "endpoint",
            "bucket_key",
            "access_key",
            "recovery_codes",
            "backup_codes",
            "otp",
            "pin",
            "signature",
            "sig",
            "api_key_path",
            "token_url",
            "secret_name",
            "password_min_length",
            "conn_uri"));
    Random rnd = new Random(11);
    String alphabet = "abcXYZ0123456789_-+/=.~!#&%@: ";
    for (int i = 0; i < 3000; i++) {
      StringBuilder b = new StringBuilder();
      int len = 4 + rnd.nextInt(44);
      for (int k = 0; k < len; k++) {
        b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
      }
      values.add(b.toString());
    }
    int closed = 0;
    List<String> wrong = new ArrayList<>();
    for (String name : names) {
      boolean secretNames = SecretNames.mayMaskUnderName(name);
      boolean shapes = Shapes.maySecretUnderName(name);
      boolean codes = Codes.mayMaskUnderName(name);
      if (secretNames && shapes && codes) {
        continue;
      }
      closed++;
      for (String v : values) {
        if (!secretNames && SecretNames.maskUnderName(name, v, false)) {
          wrong.add("SecretNames " + name + " = " + v);
        }
        if (!shapes && Shapes.secretUnderName(name, v)) {
          wrong.add("Shapes " + name + " = " + v);
        }
        if (!codes && Codes.maskUnderName(name, StringNode.valueOf(v), Set.of())) {
          wrong.add("Codes " + name + " = " + v);
        }
      }
      for (String digits : List.of("1234", "482913", "12345678901", "0", "4294967296")) {
        if (!secretNames) {
          assertThat(SecretNames.maskUnderName(name, digits, true)).as(name).isFalse();
        }
        if (!codes) {
          assertThat(
                  Codes.maskUnderName(
                      name,
                      IntNode.valueOf(Integer.parseInt(digits.length() > 9 ? "123456789" : digits)),
                      Set.of()))
              .as(name)
              .isFalse();
        }
      }
    }
    assertThat(wrong).as("values a rule masks under a name whose gate is closed").isEmpty();
    assertThat(closed).as("some names must close a gate").isGreaterThan(50);
    assertThat(names.size()).isGreaterThan(closed);
  }
}
