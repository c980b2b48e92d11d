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
        List.of(
            "(a*)*b",
            "(a|a)*b",
            "(a|aa)+$x",
            "(x+x+)+y",
            "^(a+)+$b",
            "(.*a){20}",
            "([a-z]+)*[0-9]",
            "(\\w+\\s?)*$!");
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
          for (String p :
              List.of(
                  "(((((",
                  ")))))",
                  "[[[[",
                  "\\",
                  "a{",
                  "{1,2}",
                  "(?P<x",
                  "\\Q",
                  "[\\]",
                  "x{99999999}",
                  "(".repeat(400))) {
            SearchPattern.estimatedSize(p);
            try {
              SearchPattern.compile(p, true, false);
            } catch (InvalidArgumentsException e) {
              assertThat(e.getMessage()).isNotBlank();
            }
          }
        });
  }

  @Test
  void theRequiredLiteralIsOnlyWhatEveryMatchContains() {
    assertThat(SearchPattern.requiredLiteral("Task failed: .*timeout")).isEqualTo("Task failed: ");
    assertThat(SearchPattern.requiredLiteral("ab?cdef")).isEqualTo("cdef");
    assertThat(SearchPattern.requiredLiteral("x+yz")).isEqualTo("yz");
    assertThat(SearchPattern.requiredLiteral("error\\.log(ged)?")).isEqualTo("error.log");
    assertThat(SearchPattern.requiredLiteral("foo|barbaz")).isNull();
    assertThat(SearchPattern.requiredLiteral("(?i)Error")).isNull();
    assertThat(SearchPattern.requiredLiteral("(a|b)cd[ef]g")).isEqualTo("cd");
    assertThat(SearchPattern.requiredLiteral("\\d+ rows{0,1}")).isEqualTo(" row");
  }

  /**
   * Only texts that redaction cannot create are looked for before redacting: none with the mask's
   * '*', none inside the redaction-failed marker, none too short to help.
   */
  @Test
  void thePrefilterNeverUsesTextRedactionCouldHaveMade() throws Exception {
    assertThat(SearchPattern.prefilter("password=")).isEqualTo("password=");
    assertThat(SearchPattern.prefilter("password=***")).isNull();
    assertThat(SearchPattern.prefilter("redaction")).isNull();
    assertThat(SearchPattern.prefilter("ab")).isNull();
    SearchPattern masked = SearchPattern.compile("token=\\*\\*\\*", true, false);
    assertThat(masked.mayMatch("token=abc")).isTrue();
    assertThat(masked.find("token=***")).isZero();
    SearchPattern literal = SearchPattern.compile("Connection refused", false, false);
    assertThat(literal.mayMatch("db: connection REFUSED")).isTrue();
    assertThat(literal.mayMatch("db: ok")).isFalse();
  }

  /** The prefilter never hides a line the regular expression matches. */
  @Test
  void theLiteralPrefilterAgreesWithTheRegularExpression() throws Exception {
    List<String> patterns =
        List.of(
            "Task failed: .*timeout",
            "ab?cdef",
            "x+yz",
            "error\\.log(ged)?",
            "(a|b)cd[ef]g",
            "\\d+ rows{0,1}",
            "STATUS=[A-Z]+ done",
            "kelvin",
            "straße",
            "İstanbul",
            "ﬀ ligature",
            "a.c{2}d");
    List<String> lines =
        List.of(
            "task FAILED: connection timeout",
            "Task failed: ok",
            "acdef abcdef",
            "xxyz",
            "ERROR.LOG",
            "errorXlog",
            "bcdfg acdeg",
            "12 row",
            "12 rows",
            "status=ok done",
            "STATUS=OK done",
            "\u212Aelvin",
            "KELVIN",
            "STRASSE",
            "strasse",
            "istanbul",
            "İSTANBUL",
            "FF LIGATURE",
            "abccd",
            "a-cccd",
            "");
    for (boolean sensitive : List.of(true, false)) {
      for (String p : patterns) {
        SearchPattern search = SearchPattern.compile(p, true, sensitive);
        com.google.re2j.Pattern plain =
            com.google.re2j.Pattern.compile(
                p, sensitive ? 0 : com.google.re2j.Pattern.CASE_INSENSITIVE);
        for (String line : lines) {
          assertThat(search.find(line) >= 0)
              .as("%s on %s (case %s)", p, line, sensitive)
              .isEqualTo(plain.matcher(line).find());
        }
        String literal = p.replaceAll("[^A-Za-z ]", "");
        SearchPattern text = SearchPattern.compile(literal, false, sensitive);
        for (String line : lines) {
          boolean expected =
              sensitive
                  ? line.contains(literal)
                  : com.google.re2j.Pattern.compile(
                          com.google.re2j.Pattern.quote(literal),
                          com.google.re2j.Pattern.CASE_INSENSITIVE)
                      .matcher(line)
                      .find();
          assertThat(text.find(line) >= 0)
              .as("literal %s on %s", literal, line)
              .isEqualTo(expected);
        }
      }
    }
  }
}
