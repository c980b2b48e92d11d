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
}
