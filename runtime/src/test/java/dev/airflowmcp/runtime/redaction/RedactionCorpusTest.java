package dev.airflowmcp.runtime.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Recall and harmless-text alteration on the redaction corpus ({@code corpus/secrets.jsonl}: fake
 * secrets in Airflow contexts; {@code corpus/harmless.jsonl}: tricky text that must stay as it is).
 * Written by {@code runtime/src/test/corpus/make_redaction_corpus.py}.
 *
 * <p>A secret leaks when the output still holds any 5 consecutive characters of it that do not also
 * occur in the text around it (more than 4 consecutive characters revealed). Recall is the share of
 * secrets that do not leak; it must be at least 0.98. The alteration rate is the share of harmless
 * lines changed in any way; it must be at most 1%.
 */
class RedactionCorpusTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  static final double MIN_RECALL = 0.98;
  static final double MAX_ALTERATION = 0.01;

  record SecretCase(
      String family, String context, String text, List<String> secrets, List<String> registered) {}

  private static List<SecretCase> secrets;
  private static List<String> harmless;
  private static List<SecretCase> formatSecrets;
  private static List<String> formatHarmless;

  @BeforeAll
  static void load() throws IOException {
    secrets = loadSecrets("corpus/secrets.jsonl");
    harmless = loadHarmless("corpus/harmless.jsonl");
    formatSecrets = loadSecrets("corpus/format-secrets.jsonl");
    formatHarmless = loadHarmless("corpus/format-harmless.jsonl");
  }

  static List<SecretCase> loadSecrets(String resource) throws IOException {
    List<SecretCase> secrets = new ArrayList<>();
    for (JsonNode n : lines(resource)) {
      List<String> s = new ArrayList<>();
      n.get("secrets").forEach(x -> s.add(x.asString()));
      List<String> reg = new ArrayList<>();
      if (n.has("registered")) {
        n.get("registered").forEach(x -> reg.add(x.asString()));
      }
      secrets.add(
          new SecretCase(
              n.get("family").asString(),
              n.get("context").asString(),
              n.get("text").asString(),
              s,
              reg));
    }
    return secrets;
  }

  static List<String> loadHarmless(String resource) throws IOException {
    List<String> harmless = new ArrayList<>();
    for (JsonNode n : lines(resource)) {
      harmless.add(n.get("text").asString());
    }
    return harmless;
  }

  private static List<JsonNode> lines(String resource) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    try (InputStream in = RedactionCorpusTest.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.isBlank()) {
          out.add(JSON.readTree(line));
        }
      }
    }
    return out;
  }

  /** A redactor as a session starts: only this case's registered values. */
  private static AirflowRedactor redactorFor(List<String> registered) {
    SecretRegistry registry = new SecretRegistry();
    registry.addConfigured(registered);
    return new AirflowRedactor(new SensitiveKeys(List.of()), registry);
  }

  /** The 5-character windows of {@code secret} that the text shows nowhere but in secrets. */
  static Set<String> distinctiveGrams(String secret, String text, List<String> allSecrets) {
    String rest = text;
    for (String s : allSecrets) {
      rest = rest.replace(s, "\u0000");
    }
    Set<String> grams = new HashSet<>();
    for (int i = 0; i + 5 <= secret.length(); i++) {
      String g = secret.substring(i, i + 5);
      if (!rest.contains(g)) {
        grams.add(g);
      }
    }
    return grams;
  }

  static boolean leaks(String secret, String text, List<String> allSecrets, String output) {
    for (String g : distinctiveGrams(secret, text, allSecrets)) {
      if (output.contains(g)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void theCorpusIsLargeAndVaried() {
    Set<String> families = new HashSet<>();
    Set<String> contexts = new HashSet<>();
    int secretCount = 0;
    for (SecretCase c : secrets) {
      families.add(c.family());
      contexts.add(c.context());
      secretCount += c.secrets().size();
      for (String s : c.secrets()) {
        assertThat(c.text()).as(c.family()).contains(s);
        assertThat(distinctiveGrams(s, c.text(), c.secrets()))
            .as("secret %s in %s must be distinguishable from its context", s, c.family())
            .isNotEmpty();
      }
    }
    assertThat(secrets).hasSizeGreaterThanOrEqualTo(300);
    assertThat(secretCount).isGreaterThanOrEqualTo(300);
    assertThat(families).hasSizeGreaterThanOrEqualTo(40);
    assertThat(contexts)
        .contains(
            "airflow2-log",
            "airflow3-log",
            "traceback",
            "rendered-template",
            "env-dump",
            "connection",
            "variable",
            "kubeconfig",
            "xcom");
    assertThat(harmless).hasSizeGreaterThanOrEqualTo(300);
  }

  @Test
  void recallAndAlterationMeetTheTargets() {
    score("Redaction corpus", secrets, harmless);
  }

  /**
   * The format corpus (issue 12): formats and contexts the first corpus lacks, written by {@code
   * make_format_corpus.py} with fresh fakes, held to the same targets.
   */
  @Test
  void theFormatCorpusMeetsTheTargets() {
    assertThat(formatSecrets).hasSizeGreaterThanOrEqualTo(200);
    assertThat(formatHarmless).hasSizeGreaterThanOrEqualTo(100);
    score("Format corpus", formatSecrets, formatHarmless);
  }

  private static void score(String title, List<SecretCase> secrets, List<String> harmless) {
    int total = 0;
    int leaked = 0;
    Map<String, int[]> perFamily = new TreeMap<>();
    List<String> leaks = new ArrayList<>();
    for (SecretCase c : secrets) {
      AirflowRedactor r = redactorFor(c.registered());
      String out = r.redactTextOnce(c.text());
      int[] f = perFamily.computeIfAbsent(c.family(), k -> new int[2]);
      for (String s : c.secrets()) {
        total++;
        f[0]++;
        if (leaks(s, c.text(), c.secrets(), out)) {
          leaked++;
          f[1]++;
          leaks.add(c.family() + " [" + c.context() + "]: " + abbreviate(out));
        }
      }
    }
    int altered = 0;
    List<String> alterations = new ArrayList<>();
    AirflowRedactor shared = redactorFor(List.of());
    for (String h : harmless) {
      String out = shared.redactTextOnce(h);
      if (!out.equals(h)) {
        altered++;
        alterations.add(abbreviate(h) + "\n      -> " + abbreviate(out));
      }
    }
    double recall = 1.0 - (double) leaked / total;
    double alteration = (double) altered / harmless.size();
    System.out.printf(
        "%s: recall %.4f (%d of %d secrets leaked, %d families), harmless lines"
            + " altered %.4f (%d of %d)%n",
        title, recall, leaked, total, perFamily.size(), alteration, altered, harmless.size());
    leaks.forEach(l -> System.out.println("  LEAK " + l));
    alterations.forEach(a -> System.out.println("  ALTERED " + a));
    assertThat(recall)
        .as("recall; leaks:%n%s", String.join("\n", leaks))
        .isGreaterThanOrEqualTo(MIN_RECALL);
    assertThat(alteration)
        .as("alteration rate; altered:%n%s", String.join("\n", alterations))
        .isLessThanOrEqualTo(MAX_ALTERATION);
  }

  @Test
  void redactingTwiceChangesNothingMore() {
    AirflowRedactor r = redactorFor(List.of());
    List<SecretCase> all = new ArrayList<>(secrets);
    all.addAll(formatSecrets);
    for (SecretCase c : all) {
      String once = r.redactTextOnce(c.text());
      assertThat(r.redactTextOnce(once)).as(c.family()).isEqualTo(once);
    }
  }

  private static String abbreviate(String s) {
    String one = s.replace("\n", "\\n");
    return one.length() > 400 ? one.substring(0, 400) + "…" : one;
  }
}
