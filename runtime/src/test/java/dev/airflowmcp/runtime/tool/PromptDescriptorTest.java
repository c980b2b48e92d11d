package dev.airflowmcp.runtime.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptDescriptorTest {
  private final PromptDescriptor prompt =
      new PromptDescriptor(
          "troubleshoot",
          "x",
          List.of(
              new PromptDescriptor.Argument("dag_id", null, true),
              new PromptDescriptor.Argument("since", null, false)),
          "Check {dag_id} since {since}; again {dag_id}. Keep {other} and $1 as they are.");

  @Test
  void placeholdersAreFilledOnceAndUndeclaredOnesStay() {
    assertThat(prompt.render(Map.of("dag_id", "{since}", "since", "monday")))
        .isEqualTo("Check {since} since monday; again {since}. Keep {other} and $1 as they are.");
  }

  @Test
  void anAbsentOptionalArgumentBecomesEmptyAndAMissingRequiredOneIsRefused() {
    assertThat(prompt.render(Map.of("dag_id", "etl")))
        .isEqualTo("Check etl since ; again etl. Keep {other} and $1 as they are.");
    assertThatThrownBy(() -> prompt.render(Map.of("since", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("missing required argument 'dag_id'");
  }
}
