package dev.airflowmcp.runtime.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedactCliTest {

  private record Run(int code, String out, String err) {}

  private static Run run(String input, Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        RedactCli.run(
            args,
            env,
            new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
            out,
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void plainTextIsRedactedAndHarmlessTextKeepsItsBytes() {
    String input =
        "ok line\r\nAWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYz8aQ1mN0pT\n"
            + "token_type=bearer\n\tindented ünïcode\nno newline at end";
    Run r = run(input, Map.of());
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .isEqualTo(
            "ok line\r\nAWS_SECRET_ACCESS_KEY=***\n"
                + "token_type=bearer\n\tindented ünïcode\nno newline at end");
  }

  @Test
  void aValueFoundByNameIsMaskedLaterInTheInputToo() {
    Run r =
        run(
            "db_password: Xk9-mQ2v-pLr\n" + "x\n".repeat(5000) + "retry with Xk9-mQ2v-pLr\n",
            Map.of());
    assertThat(r.out()).doesNotContain("Xk9-mQ2v-pLr").endsWith("retry with ***\n");
  }

  @Test
  void aPrivateKeyBlockAcrossChunksIsMaskedWhole() {
    StringBuilder in = new StringBuilder();
    in.append("filler line\n".repeat(RedactCli.CHUNK / 12));
    in.append("-----BEGIN RSA PRIVATE KEY-----\n");
    for (int i = 0; i < 2000; i++) {
      in.append("MIIEpAIBAAKCAQEAx1Yt2m3Q9f8sLk2p0aVb7WqZZ").append(i % 10).append('\n');
    }
    in.append("-----END RSA PRIVATE KEY-----\nafter\n");
    Run r = run(in.toString(), Map.of());
    assertThat(r.out())
        .doesNotContain("MIIEpAIBAAKC")
        .endsWith("-----BEGIN RSA PRIVATE KEY-----***-----END RSA PRIVATE KEY-----\nafter\n");
  }

  @Test
  void jsonlRegistersPerLineAndAnswersInOrder() {
    String input =
        "{\"id\": 1, \"text\": \"call with Tr0ub4dor&3\", \"registered\": [\"Tr0ub4dor&3\"]}\n"
            + "{\"id\": \"b\", \"text\": \"Tr0ub4dor&3 is not registered here\"}\n"
            + "\n"
            + "not json\n"
            + "{\"id\": [3], \"text\": 42}\n"
            + "{\"id\": 4, \"text\": \"GITHUB_TOKEN=ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5\", \"registered\": [\"abc\"]}\n";
    Run r = run(input, Map.of(), "--jsonl");
    assertThat(r.code()).isZero();
    assertThat(r.out().split("\n"))
        .containsExactly(
            "{\"id\":1,\"output\":\"call with ***\"}",
            "{\"id\":\"b\",\"output\":\"Tr0ub4dor&3 is not registered here\"}",
            "{\"id\":null,\"error\":\"not a JSON object\"}",
            "{\"id\":[3],\"error\":\"expected {\\\"id\\\": ..., \\\"text\\\": \\\"...\\\", \\\"registered\\\": [...]}\"}",
            "{\"id\":4,\"output\":\"GITHUB_TOKEN=***\"}");
  }

  @Test
  void configuredValuesComeFromFlagsFilesAndTheEnvironment(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("values.txt");
    Files.writeString(file, "from-the-file-1\r\n\nfrom-the-file-2\n");
    Run r =
        run(
            "a from-the-flag b from-the-env c from-the-file-1 d from-the-file-2 e x.partner_feed: abc123\n",
            Map.of(
                RedactionSettings.ENV_VALUES,
                "from-the-env,tiny",
                RedactionSettings.ENV_KEYS,
                "partner_feed"),
            "--redact-value",
            "from-the-flag",
            "--redact-values-file=" + file);
    assertThat(r.out()).isEqualTo("a *** b *** c *** d *** e x.partner_feed: abc123\n");
  }

  @Test
  void badOptionsExitWithTwoAndSayWhy(@TempDir Path dir) {
    assertThat(run("", Map.of(), "--frobnicate").code()).isEqualTo(2);
    Run missing = run("", Map.of(), "--redact-value");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("--redact-value needs a value");
    Run noFile = run("", Map.of(), "--redact-values-file", dir.resolve("nope").toString());
    assertThat(noFile.code()).isEqualTo(2);
    assertThat(noFile.err()).contains("redaction values file not found");
    Run help = run("", Map.of(), "--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("--jsonl");
  }

  @Test
  void explainNamesTheFamilyOfEveryMaskButNeverTheSecret() {
    String key = "AKIAQ3EGRTYUIOPASDFG";
    String jsonl =
        "{\"id\": 1, \"text\": \"key "
            + key
            + " and password=Hx7!kq2#Lm\"}\n"
            + "{\"id\": 2, \"text\": \"nothing here\"}\n";
    Run r = run(jsonl, Map.of(), "--jsonl", "--explain");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .doesNotContain(key)
        .doesNotContain("Hx7!kq2#Lm")
        .contains("\"explain\":[\"aws-access-key-id\",\"assignment\"]")
        .contains("{\"id\":2,\"output\":\"nothing here\",\"explain\":[]}");

    Run plain = run("found " + key + "\nok\n", Map.of(), "--explain");
    assertThat(plain.out()).isEqualTo("found ***\nok\n");
    assertThat(plain.err()).isEqualTo("mask 1: aws-access-key-id\n").doesNotContain(key);
  }

  @Test
  void keptValuesAreLeftAloneByTheDetectorsButNotByTheKeyRuleOrRegisteredValues() {
    String build = "Qm9kZWdhcmRlbjIwMjVCdWlsZA7x";
    String text = "build marker " + build + " done";
    assertThat(run(text, Map.of()).out()).isEqualTo("build marker *** done");
    assertThat(run(text, Map.of(), "--keep-value", build).out()).isEqualTo(text);
    assertThat(run(text, Map.of(RedactionSettings.ENV_KEEP_VALUES, "x1," + build)).out())
        .isEqualTo(text);
    // The key rule on JSON text and a registered value still mask it.
    assertThat(run("{\"password\": \"" + build + "\"}", Map.of(), "--keep-value", build).out())
        .isEqualTo("{\"password\": \"***\"}");
    assertThat(run(text, Map.of(), "--keep-value", build, "--redact-value", build).out())
        .isEqualTo("build marker *** done");
  }

  @Test
  void helpNamesExplainAndKeepValue() {
    Run r = run("", Map.of(), "--help");
    assertThat(r.out())
        .contains("--explain")
        .contains("--keep-value")
        .contains(RedactionSettings.ENV_KEEP_VALUES);
  }

  @Test
  void answersAreEscapedAsJacksonEscapesThem() {
    String tricky = "q\" b\\ n\n r\r t\t \u0001\u001f é € \uD83D\uDE00 </script> \u2028";
    StringBuilder ours = new StringBuilder();
    RedactCli.quote(tricky, ours);
    assertThat(ours.toString())
        .isEqualTo(
            tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(tricky));
  }

  @Test
  void fastRequestReaderAgreesWithJacksonOrDeclines() throws Exception {
    java.util.List<String> common =
        java.util.List.of(
            "{\"id\": 1, \"text\": \"password=hunter2\\nok\"}",
            "{\"id\":-7,\"text\":\"a\\\"b\\\\c\\/d\\b\\f\\r\\t\\u00e9\\uD83D\\ude00\"}",
            " { \"text\" : \"x\" , \"registered\" : [ \"s3cr3t\" , \"\\u0041b\" ] , \"id\" : 0 } ",
            "{\"id\": 12, \"text\": \"\", \"registered\": []}",
            "{\"id\": 3, \"text\": \"ünïcode \u2028 \\u2028 \\uDBFF\"}");
    for (String line : common) {
      java.util.List<String> both = RedactCli.readBoth(line);
      assertThat(both.get(0)).as(line).isNotNull().isEqualTo(both.get(1));
    }
    java.util.List<String> odd =
        new java.util.ArrayList<>(
            java.util.List.of(
                "",
                "[]",
                "{}",
                "null",
                "{\"id\": 1}",
                "{\"text\": \"x\"}",
                "{\"id\": 01, \"text\": \"x\"}",
                "{\"id\": 1.5, \"text\": \"x\"}",
                "{\"id\": 1e3, \"text\": \"x\"}",
                "{\"id\": \"a\", \"text\": \"x\"}",
                "{\"id\": 1, \"text\": \"x\", \"text\": \"y\"}",
                "{\"id\": 1, \"text\": \"x\", \"other\": {\"a\": [1]}}",
                "{\"id\": 1, \"text\": \"x\", \"registered\": [1, \"a\", null]}",
                "{\"id\": 1, \"text\": \"x\",}",
                "{\"id\": 1, \"text\": \"x\"} x",
                "{\"id\": 1, \"text\": \"x\"}{}",
                "{\"id\": 1, \"text\": \"\\x\"}",
                "{\"id\": 1, \"text\": \"\\u12G4\"}",
                "{\"id\": 1, \"text\": \"\\u12\"}",
                "{\"id\": 1, \"text\": \"a\u0001b\"}",
                "{\"id\": 1, \"text\": \"open",
                "{\"id\": 1, \"text\": 5}",
                "{\"id\": 12345678901234567890, \"text\": \"x\"}",
                "{\"id\": 1 \"text\": \"x\"}",
                "{\"id\": 1x, \"text\": \"x\"}",
                "{\"i\\u0064\": 1, \"text\": \"x\"}",
                "{'id': 1, 'text': 'x'}",
                "{\"id\": -, \"text\": \"x\"}",
                "{\"id\": 1, \"text\": \"x\\"));
    Path corpus = Path.of("src/test/resources/dev/airflowmcp/runtime/redaction/corpus");
    int fast = 0;
    try (var files = Files.walk(corpus)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          java.util.List<String> both = RedactCli.readBoth(line);
          if (both.get(0) != null) {
            fast++;
          }
          odd.add(line);
        }
      }
    }
    for (String line : odd) {
      java.util.List<String> both = RedactCli.readBoth(line);
      if (both.get(0) != null) {
        assertThat(both.get(0)).as(line).isEqualTo(both.get(1));
      }
    }
    assertThat(fast).isGreaterThan(1000);
    // Lines broken at random (a character dropped, doubled or replaced by JSON punctuation).
    java.util.Random random = new java.util.Random(12);
    String alphabet = "{}[]\":,\\ u0-1eE.tnx\u00e9";
    int agreed = 0;
    for (int k = 0; k < 20_000; k++) {
      StringBuilder b = new StringBuilder(common.get(k % common.size()));
      for (int m = 1 + random.nextInt(2); m > 0; m--) {
        int at = random.nextInt(b.length());
        switch (random.nextInt(3)) {
          case 0 -> b.deleteCharAt(at);
          case 1 -> b.insert(at, b.charAt(at));
          default -> b.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      java.util.List<String> both = RedactCli.readBoth(b.toString());
      if (both.get(0) != null) {
        assertThat(both.get(0)).as(b.toString()).isEqualTo(both.get(1));
        agreed++;
      }
    }
    assertThat(agreed).isGreaterThan(100);
  }
}
