package dev.airflowmcp.codegen.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SentencesTest {
  @Test
  void theFirstSentenceEndsAtAPeriodBeforeACapital() {
    assertThat(Sentences.first("List DAGs. Start here to find a DAG id.")).isEqualTo("List DAGs.");
    assertThat(Sentences.first("One sentence only.")).isEqualTo("One sentence only.");
    assertThat(Sentences.first("  Spread\n  over lines.  Then more. "))
        .isEqualTo("Spread over lines.");
  }

  @Test
  void abbreviationsInsideASentenceDoNotEndIt() {
    assertThat(
            Sentences.first(
                "The value under one key, i.e. what it passed on. Long values are cut."))
        .isEqualTo("The value under one key, i.e. what it passed on.");
    assertThat(Sentences.first("Filters, e.g. by state. More."))
        .isEqualTo("Filters, e.g. by state.");
  }

  @Test
  void aSentenceMayStartWithADigitOrCode() {
    assertThat(Sentences.first("Reads logs. `try_number` picks the try.")).isEqualTo("Reads logs.");
    assertThat(Sentences.first("Reads logs. 404 means no log.")).isEqualTo("Reads logs.");
  }
}
