package dev.airflowmcp.runtime.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The keyword pre-filter, the exact matcher and the registry of secret values. */
class MatchersTest {

  @Test
  void keywordsAreFoundOverlappingAndIgnoringAsciiCase() {
    KeywordScanner s = new KeywordScanner(List.of("pass", "password", "sword", "://"));
    List<String> hits = new ArrayList<>();
    String text = "My PassWord is at https://x — é pass";
    s.scan(text, 0, text.length(), (k, start, end) -> hits.add(k + "@" + start + "-" + end));
    assertThat(hits).containsExactly("0@3-7", "1@3-11", "2@6-11", "3@23-26", "0@32-36");
    assertThat(s.containsAny("nothing to see here")).isFalse();
    assertThat(s.containsAny("émoji ok ://")).isTrue();
    assertThatThrownBy(() -> new KeywordScanner(List.of("naïve")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void exactMatchesCoverTheLongestValueAndOverlaps() {
    ExactMatcher m = new ExactMatcher(List.of("abcde", "abcdefgh", "defgh1", "ünï"));
    Spans spans = new Spans();
    m.find("xx abcdefgh1 yy ünïcode abcde", spans);
    assertThat(spans.apply("xx abcdefgh1 yy ünïcode abcde", "*")).isEqualTo("xx * yy *code *");
    assertThat(ExactMatcher.EMPTY.isEmpty()).isTrue();
  }

  @Test
  void spansMergeOverlappingAndTouchingRanges() {
    Spans s = new Spans();
    s.add(2, 5);
    s.add(4, 8);
    s.add(8, 9);
    s.add(12, 14);
    s.add(3, 3);
    assertThat(s.apply("0123456789abcdef", "***")).isEqualTo("01***9ab***ef");
    assertThat(s.covers(5, 7)).isTrue();
    assertThat(s.covers(9, 12)).isFalse();
  }

  @Test
  void variantsCoverPythonQuotingAndJsonEscaping() {
    assertThat(SecretRegistry.variants("a b/c\"d\\é"))
        .contains(
            "a b/c\"d\\é",
            "a%20b/c%22d%5C%C3%A9",
            "a%20b%2Fc%22d%5C%C3%A9",
            "a+b%2Fc%22d%5C%C3%A9",
            "a b/c\\\"d\\\\é",
            "a b/c\\\"d\\\\\\u00e9",
            "a b/c\\\\\\\"d\\\\\\\\é",
            "a b/c\\\\\\\\\\\\\\\"d\\\\\\\\\\\\\\\\é");
    assertThat(SecretRegistry.variants("plain-value")).containsExactly("plain-value");
  }

  @Test
  void shortRepeatedAndMaskValuesAreNotRegistered() {
    SecretRegistry r = new SecretRegistry();
    assertThat(
            r.addConfigured(
                List.of("abcd", "*****", "00000", "< hidden >", "airflow", "AIRFLOW", "abcde")))
        .isEqualTo(1);
    assertThat(r.learn(List.of("bearer", "service_account", "{{ x }}", "-----", "hunter22")))
        .isEqualTo(1);
    assertThat(r.size()).isEqualTo(2);
  }

  @Test
  void learnedValuesAreBoundedAndConfiguredOnesStay() {
    SecretRegistry r = new SecretRegistry(3);
    r.addConfigured(List.of("configured-1"));
    r.learn(List.of("learned-01", "learned-02", "learned-03", "learned-04"));
    assertThat(r.size()).isEqualTo(4);
    Spans spans = new Spans();
    String text = "configured-1 learned-01 learned-04";
    r.find(text, spans);
    assertThat(spans.apply(text, "*")).isEqualTo("* learned-01 *");
  }

  @Test
  void valuesLearnedOneByOneAreFoundBeforeAndAfterTheLargeMatcherIsRebuilt() {
    SecretRegistry r = new SecretRegistry();
    r.addConfigured(List.of("configured-value"));
    List<String> learned = new ArrayList<>();
    for (int i = 0; i < SecretRegistry.RECENT_LIMIT * 2 + 7; i++) {
      learned.add("learned-" + i + "-x");
      r.learn(List.of(learned.get(i)));
    }
    String text = "configured-value " + String.join(" ", learned);
    Spans spans = new Spans();
    r.find(text, spans);
    assertThat(spans.apply(text, "*").replace(" ", "")).isEqualTo("*".repeat(learned.size() + 1));
  }

  @Test
  void registrationAndLookupsCanRunConcurrently() throws Exception {
    SecretRegistry r = new SecretRegistry();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int id = t;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 200; i++) {
                    r.learn(List.of("value-" + id + "-" + i));
                    Spans s = new Spans();
                    r.find("value-" + id + "-" + i, s);
                    assertThat(s.isEmpty()).isFalse();
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(r.size()).isEqualTo(800);
  }
}
