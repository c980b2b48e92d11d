package dev.airflowmcp.runtime.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Blind corpora (issue 12): written by someone who had not read the detectors, then kept as
 * regression tests. Scored as the evaluation scored them: each line alone, through {@code
 * redactTextOnce} with only its own registered values, as {@code redact --jsonl} does. A secret
 * leaks when the output holds it or any piece of it of at least max(6, ⌈length/2⌉) characters; a
 * harmless line counts as altered when its output differs at all, except lines marked {@code
 * airflow_key_rule}, which Airflow's own sensitive-key rule masks (this server keeps Airflow's
 * behaviour there, see docs/security.md).
 *
 * <p>Batch 1 (corpus/blind-batch1, 854 secrets, 480 harmless lines, 91 key-rule lines) scored
 * recall 0.7705 with 0 harmless lines altered before issue 12's detectors; the thresholds below are
 * what they reach now, with a little room.
 *
 * <p>Batch 2 (corpus/blind-batch2, 995 secrets, 430 harmless lines, 106 key-rule lines) was the
 * fresh batch, written by another writer and scored once after issue 12's first detectors: recall
 * 0.9668, 13 harmless lines altered (0.7950 and 8 before). It was then read, by family, for the
 * second round of mechanisms: recall 0.9990 (1 leaked), 0 altered; the thresholds hold that.
 * Neither batch is blind any more.
 *
 * <p>Batch 3 (corpus/blind-batch3, 923 secrets, 643 harmless lines, 141 key-rule lines) is the
 * fresh batch of the second round, written by a third writer and never read while that round was
 * built: recall 0.9350 and 21 altered before it, 0.9556 (41 leaked) and 13 altered after. It was
 * then read for the third round of mechanisms (short password flags of any command, values after a
 * secret name and white space, command output after a secret-reading command, protocol logins,
 * credentials named by purpose, lists under secret names, XML element text; identifier prefixes,
 * SRI digests and documented example keys left alone): recall 0.9989 (1 leaked), 0 altered; the
 * thresholds hold that.
 *
 * <p>Batch 4 (corpus/blind-batch4, 1007 secrets, 605 harmless lines, 50 key-rule lines) is the
 * fresh batch of the third round, written by a fourth writer: recall 0.8937 and 35 altered with the
 * second round's detectors (SCORE-BEFORE.txt), 0.9325 (68 leaked) and 26 altered with the third
 * round's before its failures were read. It was then read for more mechanisms: recall 0.9861 (14
 * leaked), 0 altered; after the fourth round's mechanisms 0.9990 (1 leaked), 0 altered; the
 * thresholds hold that.
 *
 * <p>Batch 5 (corpus/blind-batch5, 762 secrets, 492 harmless lines, 38 key-rule lines) is the fresh
 * batch of the fourth round, written by a fifth writer: recall 0.8950 with 5.1% altered with the
 * second round's detectors (SCORE-BEFORE.txt), 0.9646 (27 leaked) and 3 altered with the third
 * round's (SCORE-AFTER-ROUND3.txt), scored blind. It was then read for the fourth round (quoted
 * user:password flags, PowerShell and Windows account commands, stdin password pipes, Go DSNs,
 * client constructor keys, split and wrapped webhook paths, multi-line netrc, armoured shared keys,
 * passwords of files, more vendor prefixes): recall 1.0 (0 leaked), 0 altered; the thresholds hold
 * that.
 */
class BlindCorpusTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  record Score(int secrets, int leaked, int harmless, int altered, List<String> report) {
    double recall() {
      return 1.0 - (double) leaked / secrets;
    }

    double alteration() {
      return (double) altered / harmless;
    }
  }

  static Score score(String resource) throws IOException {
    int secrets = 0;
    int leaked = 0;
    int harmless = 0;
    int altered = 0;
    List<String> report = new ArrayList<>();
    Map<String, int[]> families = new TreeMap<>();
    try (InputStream in = BlindCorpusTest.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode row = JSON.readTree(line);
        String text = row.get("text").asString();
        List<String> registered = new ArrayList<>();
        if (row.has("registered")) {
          row.get("registered").forEach(v -> registered.add(v.asString()));
        }
        SecretRegistry registry = new SecretRegistry();
        registry.addConfigured(registered);
        String out =
            new AirflowRedactor(new SensitiveKeys(List.of()), registry).redactTextOnce(text);
        if ("harmless".equals(row.get("kind").asString())) {
          if (row.has("airflow_key_rule") && row.get("airflow_key_rule").asBoolean()) {
            continue;
          }
          harmless++;
          if (!out.equals(text)) {
            altered++;
            report.add("ALTERED " + row.get("id").asString());
          }
          continue;
        }
        int[] f = families.computeIfAbsent(row.get("family").asString(), k -> new int[2]);
        for (JsonNode s : row.get("secrets")) {
          String secret = s.asString();
          secrets++;
          f[0]++;
          if (leaks(secret, out)) {
            leaked++;
            f[1]++;
            report.add(
                "LEAK " + row.get("id").asString() + " [" + row.get("family").asString() + "]");
          }
        }
      }
    }
    families.forEach((k, v) -> report.add("family " + k + ": " + v[1] + "/" + v[0] + " leaked"));
    return new Score(secrets, leaked, harmless, altered, report);
  }

  /** The evaluation's rule: the secret, or a piece of max(6, ⌈len/2⌉) characters, remains. */
  static boolean leaks(String secret, String out) {
    int piece = Math.max(6, (secret.length() + 1) / 2);
    if (out.contains(secret)) {
      return true;
    }
    for (int i = 0; i + piece <= secret.length(); i++) {
      if (out.contains(secret.substring(i, i + piece))) {
        return true;
      }
    }
    return false;
  }

  @Test
  void blindBatch1() throws IOException {
    Score s = score("corpus/blind-batch1/corpus.jsonl");
    System.out.printf(
        "Blind batch 1: recall %.4f (%d of %d leaked), harmless altered %d of %d%n",
        s.recall(), s.leaked(), s.secrets(), s.altered(), s.harmless());
    s.report().forEach(l -> System.out.println("  " + l));
    assertThat(s.secrets()).isEqualTo(854);
    assertThat(s.harmless()).isEqualTo(480);
    assertThat(s.recall()).as(String.join("\n", s.report())).isGreaterThanOrEqualTo(0.99);
    assertThat(s.alteration()).as(String.join("\n", s.report())).isLessThanOrEqualTo(0.01);
    // What the second round reaches (3 leaked: hex alone in free text, values under *_id names).
    assertThat(s.leaked()).as(String.join("\n", s.report())).isLessThanOrEqualTo(3);
    assertThat(s.altered()).as(String.join("\n", s.report())).isZero();
  }

  @Test
  void blindBatch2() throws IOException {
    Score s = score("corpus/blind-batch2/corpus.jsonl");
    System.out.printf(
        "Blind batch 2: recall %.4f (%d of %d leaked), harmless altered %d of %d%n",
        s.recall(), s.leaked(), s.secrets(), s.altered(), s.harmless());
    s.report().forEach(l -> System.out.println("  " + l));
    assertThat(s.secrets()).isEqualTo(995);
    assertThat(s.harmless()).isEqualTo(430);
    assertThat(s.leaked()).as(String.join("\n", s.report())).isLessThanOrEqualTo(1);
    assertThat(s.altered()).as(String.join("\n", s.report())).isLessThanOrEqualTo(0);
  }

  @Test
  void blindBatch3() throws IOException {
    Score s = score("corpus/blind-batch3/corpus.jsonl");
    System.out.printf(
        "Blind batch 3: recall %.4f (%d of %d leaked), harmless altered %d of %d%n",
        s.recall(), s.leaked(), s.secrets(), s.altered(), s.harmless());
    s.report().forEach(l -> System.out.println("  " + l));
    assertThat(s.secrets()).isEqualTo(923);
    assertThat(s.harmless()).isEqualTo(643);
    assertThat(s.leaked()).as(String.join("\n", s.report())).isLessThanOrEqualTo(1);
    assertThat(s.altered()).as(String.join("\n", s.report())).isZero();
  }

  @Test
  void blindBatch4() throws IOException {
    Score s = score("corpus/blind-batch4/corpus.jsonl");
    System.out.printf(
        "Blind batch 4: recall %.4f (%d of %d leaked), harmless altered %d of %d%n",
        s.recall(), s.leaked(), s.secrets(), s.altered(), s.harmless());
    s.report().forEach(l -> System.out.println("  " + l));
    assertThat(s.secrets()).isEqualTo(1007);
    assertThat(s.harmless()).isEqualTo(605);
    assertThat(s.leaked()).as(String.join("\n", s.report())).isLessThanOrEqualTo(1);
    assertThat(s.altered()).as(String.join("\n", s.report())).isZero();
  }

  @Test
  void blindBatch5() throws IOException {
    Score s = score("corpus/blind-batch5/corpus.jsonl");
    System.out.printf(
        "Blind batch 5: recall %.4f (%d of %d leaked), harmless altered %d of %d%n",
        s.recall(), s.leaked(), s.secrets(), s.altered(), s.harmless());
    s.report().forEach(l -> System.out.println("  " + l));
    assertThat(s.secrets()).isEqualTo(762);
    assertThat(s.harmless()).isEqualTo(492);
    assertThat(s.leaked()).as(String.join("\n", s.report())).isZero();
    assertThat(s.altered()).as(String.join("\n", s.report())).isZero();
  }

  /**
   * The last fresh batch of this round, scored blind once rounds 3 and 4 had landed (recall 0.9748,
   * 23 of 564 harmless lines altered, all from three formats); kept as a regression bound, no
   * longer blind.
   */
  @Test
  void blindBatch6() throws IOException {
    Score s = score("corpus/blind-batch6/corpus.jsonl");
    System.out.printf(
        "Blind batch 6: recall %.4f (%d of %d leaked), harmless altered %d of %d%n",
        s.recall(), s.leaked(), s.secrets(), s.altered(), s.harmless());
    s.report().forEach(l -> System.out.println("  " + l));
    assertThat(s.secrets()).isEqualTo(914);
    assertThat(s.harmless()).isEqualTo(564);
    assertThat(s.leaked()).as(String.join("\n", s.report())).isLessThanOrEqualTo(BATCH6_LEAKED);
    assertThat(s.altered()).as(String.join("\n", s.report())).isLessThanOrEqualTo(BATCH6_ALTERED);
  }

  /** What round 5 reaches on batch 6 (23 leaked and 23 altered before it). */
  static final int BATCH6_LEAKED = 0;

  static final int BATCH6_ALTERED = 0;

  /**
   * Batch 7 (corpus/blind-batch7, 865 secrets, 564 harmless lines, 152 key-rule lines), written by
   * a seventh writer while round 5 was built and scored blind by the lead with main f3be57e
   * (SCORE-BEFORE.txt: recall 0.9757, 21 leaked; 32 of 564 altered, 5.7%). Then opened for round 5
   * and read by format; the bounds are what round 5 reaches.
   */
  @Test
  void blindBatch7() throws IOException {
    Score s = score("corpus/blind-batch7/corpus.jsonl");
    System.out.printf(
        "Blind batch 7: recall %.4f (%d of %d leaked), harmless altered %d of %d%n",
        s.recall(), s.leaked(), s.secrets(), s.altered(), s.harmless());
    s.report().forEach(l -> System.out.println("  " + l));
    assertThat(s.secrets()).isEqualTo(865);
    assertThat(s.harmless()).isEqualTo(564);
    assertThat(s.leaked()).as(String.join("\n", s.report())).isLessThanOrEqualTo(BATCH7_LEAKED);
    assertThat(s.altered()).as(String.join("\n", s.report())).isLessThanOrEqualTo(BATCH7_ALTERED);
  }

  static final int BATCH7_LEAKED = 0;

  static final int BATCH7_ALTERED = 0;

  /**
   * Batch 8 (written blind, held out until round 6): blind with main f3be57e 24 of 794 leaked, 11
   * of 576 altered; with round 5 21 leaked, 11 altered; after round 6 (fixed by mechanism, see
   * Round6MechanismsTest) the bounds below.
   */
  @Test
  void blindBatch8() throws IOException {
    Score s = score("corpus/blind-batch8/corpus.jsonl");
    System.out.printf(
        "Blind batch 8: recall %.4f (%d of %d leaked), harmless altered %d of %d%n",
        s.recall(), s.leaked(), s.secrets(), s.altered(), s.harmless());
    s.report().forEach(l -> System.out.println("  " + l));
    assertThat(s.secrets()).isEqualTo(794);
    assertThat(s.harmless()).isEqualTo(576);
    assertThat(s.leaked()).as(String.join("\n", s.report())).isLessThanOrEqualTo(BATCH8_LEAKED);
    assertThat(s.altered()).as(String.join("\n", s.report())).isLessThanOrEqualTo(BATCH8_ALTERED);
  }

  static final int BATCH8_LEAKED = 1;

  static final int BATCH8_ALTERED = 0;

  /**
   * Batch 9: written blind and held out through rounds 5 and 6 (blind, with main and with both
   * rounds: 32 of 791 leaked, 22 of 595 altered), then read by mechanism in round 7.
   */
  @Test
  void blindBatch9() throws IOException {
    Score s = score("corpus/blind-batch9/corpus.jsonl");
    System.out.printf(
        "Blind batch 9: recall %.4f (%d of %d leaked), harmless altered %d of %d%n",
        s.recall(), s.leaked(), s.secrets(), s.altered(), s.harmless());
    s.report().forEach(l -> System.out.println("  " + l));
    assertThat(s.secrets()).isEqualTo(791);
    assertThat(s.harmless()).isEqualTo(595);
    assertThat(s.leaked()).as(String.join("\n", s.report())).isLessThanOrEqualTo(BATCH9_LEAKED);
    assertThat(s.altered()).as(String.join("\n", s.report())).isLessThanOrEqualTo(BATCH9_ALTERED);
  }

  /** 8 after round 7; 0 with ContextScorer (issue-12-general). */
  static final int BATCH9_LEAKED = 0;

  /** 9 before issue-12-recall's HarmlessContexts (stop 26), 8 after. */
  static final int BATCH9_ALTERED = 8;

  @Test
  void blindBatch10() throws IOException {
    Score s = score("corpus/blind-batch10/corpus.jsonl");
    System.out.printf(
        "Blind batch 10: recall %.4f (%d of %d leaked), harmless altered %d of %d%n",
        s.recall(), s.leaked(), s.secrets(), s.altered(), s.harmless());
    s.report().forEach(l -> System.out.println("  " + l));
    assertThat(s.secrets()).isEqualTo(808);
    assertThat(s.harmless()).isEqualTo(556);
    assertThat(s.leaked()).as(String.join("\n", s.report())).isLessThanOrEqualTo(BATCH10_LEAKED);
    assertThat(s.altered()).as(String.join("\n", s.report())).isLessThanOrEqualTo(BATCH10_ALTERED);
  }

  /**
   * Session 25's final held-out batch: 21 leaked and 4 altered as scored blind; read by
   * issue-12-recall (stop 26) for mechanisms (labelled values, aligned tables, crypto literals,
   * printed secret files, workflow-command pairs, false-alarm filter): 3 leaked (wrapped Mattermost
   * webhook ids), 0 altered.
   */
  static final int BATCH10_LEAKED = 3;

  static final int BATCH10_ALTERED = 0;

  @Test
  void blindBatch11() throws IOException {
    Score s = score("corpus/blind-batch11/corpus.jsonl");
    System.out.printf(
        "Blind batch 11: recall %.4f (%d of %d leaked), harmless altered %d of %d%n",
        s.recall(), s.leaked(), s.secrets(), s.altered(), s.harmless());
    s.report().forEach(l -> System.out.println("  " + l));
    assertThat(s.secrets()).isEqualTo(1000);
    assertThat(s.harmless()).isEqualTo(582);
    assertThat(s.leaked()).as(String.join("\n", s.report())).isLessThanOrEqualTo(BATCH11_LEAKED);
    assertThat(s.altered()).as(String.join("\n", s.report())).isLessThanOrEqualTo(BATCH11_ALTERED);
  }

  /**
   * Session 25's second held-out batch: 4 leaked and 24 altered as scored blind; after
   * issue-12-recall (stop 26) 0 leaked and 12 altered, all 12 Airflow's own key rule on {@code
   * file_token} and {@code continuation_token} (not marked as such by the writer).
   */
  static final int BATCH11_LEAKED = 0;

  static final int BATCH11_ALTERED = 12;

  @Test
  void blindBatch12() throws IOException {
    Score s = score("corpus/blind-batch12/corpus.jsonl");
    System.out.printf(
        "Blind batch 12: recall %.4f (%d of %d leaked), harmless altered %d of %d%n",
        s.recall(), s.leaked(), s.secrets(), s.altered(), s.harmless());
    s.report().forEach(l -> System.out.println("  " + l));
    assertThat(s.secrets()).isEqualTo(640);
    assertThat(s.harmless()).isEqualTo(690);
    assertThat(s.leaked()).as(String.join("\n", s.report())).isLessThanOrEqualTo(BATCH12_LEAKED);
    assertThat(s.altered()).as(String.join("\n", s.report())).isLessThanOrEqualTo(BATCH12_ALTERED);
  }

  /**
   * Session 26's first held-out batch (notebook, Terraform, Helm, Spark, dbt, cloud CLI contexts):
   * scored blind 7 leaked and 14 altered with main 8d623e8, 4 and 14 after the session's merge; the
   * 14 are Terraform lock-file hashes ({@code zh:}/{@code h1:}), a vendor's documented sample
   * token, a plan's second git SHA after {@code ->} and one S3 key.
   */
  static final int BATCH12_LEAKED = 4;

  static final int BATCH12_ALTERED = 14;

  @Test
  void blindBatch13() throws IOException {
    Score s = score("corpus/blind-batch13/corpus.jsonl");
    System.out.printf(
        "Blind batch 13: recall %.4f (%d of %d leaked), harmless altered %d of %d%n",
        s.recall(), s.leaked(), s.secrets(), s.altered(), s.harmless());
    s.report().forEach(l -> System.out.println("  " + l));
    assertThat(s.secrets()).isEqualTo(622);
    assertThat(s.harmless()).isEqualTo(600);
    assertThat(s.leaked()).as(String.join("\n", s.report())).isLessThanOrEqualTo(BATCH13_LEAKED);
    assertThat(s.altered()).as(String.join("\n", s.report())).isLessThanOrEqualTo(BATCH13_ALTERED);
  }

  /**
   * Session 26's second held-out batch (API answers, hook debug output, CLI sessions, non-English
   * logs): 13 leaked and 2 altered blind with main 8d623e8 and after the merge; the leaks are Slack
   * webhook paths split over two variables (8), one-time codes and a password labelled in German
   * and Russian (3), random values under a purpose name in a Variable answer (2); the 2 altered are
   * a CLI help line's {@code --password TEXT}.
   */
  static final int BATCH13_LEAKED = 13;

  static final int BATCH13_ALTERED = 2;

  @Test
  void blindBatch14() throws IOException {
    Score s = score("corpus/blind-batch14/corpus.jsonl");
    System.out.printf(
        "Blind batch 14: recall %.4f (%d of %d leaked), harmless altered %d of %d%n",
        s.recall(), s.leaked(), s.secrets(), s.altered(), s.harmless());
    s.report().forEach(l -> System.out.println("  " + l));
    assertThat(s.secrets()).isEqualTo(809);
    assertThat(s.harmless()).isEqualTo(676);
    assertThat(s.leaked()).as(String.join("\n", s.report())).isLessThanOrEqualTo(BATCH14_LEAKED);
    assertThat(s.altered()).as(String.join("\n", s.report())).isLessThanOrEqualTo(BATCH14_ALTERED);
  }

  /**
   * Session 26's fresh batch written after the merge's mechanisms were fixed (broad, no emphasis):
   * 14 leaked and 0 altered blind, with main 8d623e8 and with the merge alike.
   */
  static final int BATCH14_LEAKED = 14;

  static final int BATCH14_ALTERED = 0;

  /**
   * issue-12-recall's own probes (corpus/recall-probes, contexts not in the batches): set A scored
   * 0.7042 and 5 of 73 altered with main, set B 0.7027 and 5 of 41; both were then read.
   */
  @Test
  void recallProbes() throws IOException {
    Score a = score("corpus/recall-probes/probes.jsonl");
    assertThat(a.secrets()).isEqualTo(71);
    assertThat(a.harmless()).isEqualTo(73);
    assertThat(a.leaked()).as(String.join("\n", a.report())).isLessThanOrEqualTo(0);
    assertThat(a.altered()).as(String.join("\n", a.report())).isLessThanOrEqualTo(0);
    Score b = score("corpus/recall-probes/probesB.jsonl");
    assertThat(b.secrets()).isEqualTo(37);
    assertThat(b.harmless()).isEqualTo(41);
    assertThat(b.leaked()).as(String.join("\n", b.report())).isLessThanOrEqualTo(0);
    assertThat(b.altered()).as(String.join("\n", b.report())).isLessThanOrEqualTo(1);
  }
}
