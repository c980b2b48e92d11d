package dev.airflowmcp.runtime.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.airflowmcp.runtime.tool.InvalidArgumentsException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchPatternTest {

  @Test
  void literalAndRegexAndCase() throws Exception {
    assertThat(SearchPattern.compile("a.b", false, true).find("xa.b")).isEqualTo(1);
    assertThat(SearchPattern.compile("a.b", false, true).find("xaXb")).isEqualTo(-1);
    assertThat(SearchPattern.compile("A.B", false, false).find("xa.b")).isEqualTo(1);
    assertThat(SearchPattern.compile("a.b", true, true).find("xaXb")).isEqualTo(1);
    assertThat(SearchPattern.compile("^ERROR", true, false).find("error here")).isZero();
  }

  @Test
  void theSizeEstimateGrowsWithNestedCountsOnly() {
    assertThat(SearchPattern.estimatedSize("abc")).isEqualTo(3);
    String uuid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    assertThat(SearchPattern.estimatedSize(uuid)).isEqualTo(36);
    assertThat(SearchPattern.estimatedSize("(a{10}){10}")).isEqualTo(110);
    assertThat(SearchPattern.estimatedSize("((a{10}){10}){10}")).isGreaterThan(1_000);
    assertThat(SearchPattern.estimatedSize("\\p{Greek}{3}x{2,}")).isEqualTo(6);
    assertThat(SearchPattern.estimatedSize("[{]{5}")).isEqualTo(5);
    assertThat(SearchPattern.estimatedSize("(?i)(?:ab|cd){3}")).isEqualTo(18);
  }

  @Test
  void patternsThatWouldCompileLargeAreRefused() {
    for (String p : List.of("(a{100}){100}", "((((x{9}){9}){9}){9})", ".{1000}.{1000}.{1000}")) {
      assertThatThrownBy(() -> SearchPattern.compile(p, true, false))
          .as(p)
          .isInstanceOf(InvalidArgumentsException.class)
          .hasMessageContaining("too complex");
    }
    assertThatThrownBy(() -> SearchPattern.compile("(a)\\1", true, false))
        .isInstanceOf(InvalidArgumentsException.class)
        .hasMessageContaining("RE2");
  }

  /** Classic catastrophic-backtracking patterns on long hostile lines: linear here. */
  @Test
  void hostilePatternsOnHostileLinesFinishInBoundedTime() {
    String as = "a".repeat(LogSearch.MAX_LINE_CHARS);
    List<String> hostile =
        List.of("(a*)*b", "(a|a)*b", "(a|aa)+$x", "(x+x+)+y", "^(a+)+$b", "(.*a){20}",
            "([a-z]+)*[0-9]", "(\\w+\\s?)*$!");
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          for (String p : hostile) {
            SearchPattern pattern = SearchPattern.compile(p, true, false);
            for (int i = 0; i < 20; i++) {
              pattern.find(as);
              pattern.find("x".repeat(LogSearch.MAX_LINE_CHARS - 1) + "!");
            }
          }
        });
  }

  @Test
  void theEstimatorSurvivesMalformedPatterns() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () -> {
          for (String p : List.of("(((((", ")))))", "[[[[", "\\", "a{", "{1,2}", "(?P<x", "\\Q",
              "[\\]", "x{99999999}", "(" .repeat(400))) {
            SearchPattern.estimatedSize(p);
            try {
              SearchPattern.compile(p, true, false);
            } catch (InvalidArgumentsException e) {
              assertThat(e.getMessage()).isNotBlank();
            }
          }
        });
  }
}
