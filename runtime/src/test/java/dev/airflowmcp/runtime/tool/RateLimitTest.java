package dev.airflowmcp.runtime.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RateLimitTest {

  @Test
  void parsesCapacitySlashPerMinute() {
    assertThat(RateLimit.parse("30/120")).isEqualTo(new RateLimit(30, 120));
    assertThat(RateLimit.parse(" 5 / 1 ")).isEqualTo(new RateLimit(5, 1));
    assertThat(RateLimit.parse("1000000/1000000").toString()).isEqualTo("1000000/1000000");
  }

  @Test
  void aThirdNumberCapsHowManyCallsOfTheClassRunAtOnce() {
    assertThat(RateLimit.parse("10/30/4")).isEqualTo(new RateLimit(10, 30, 4));
    assertThat(RateLimit.parse(" 10 / 30 / 4 ").toString()).isEqualTo("10/30/4");
    assertThat(new RateLimit(10, 30).maxConcurrent()).isZero();
    assertThatThrownBy(() -> RateLimit.parse("10/30/0")).hasMessageContaining("concurrency cap");
    assertThatThrownBy(() -> new RateLimit(10, 30, 1001)).hasMessageContaining("concurrency cap");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "30",
        "30/",
        "/5",
        "a/b",
        "30/12/1/1",
        "30/12/",
        "-1/5",
        "1.5/3",
        "99999999/1"
      })
  void rejectsAnythingElse(String text) {
    assertThatThrownBy(() -> RateLimit.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CAPACITY/PER_MINUTE");
  }

  @Test
  void boundsAreChecked() {
    assertThatThrownBy(() -> RateLimit.parse("0/5")).hasMessageContaining("capacity");
    assertThatThrownBy(() -> RateLimit.parse("5/0")).hasMessageContaining("refill");
    assertThatThrownBy(() -> new RateLimit(1_000_001, 5)).hasMessageContaining("capacity");
    assertThatThrownBy(() -> new RateLimit(5, 1_000_001)).hasMessageContaining("refill");
  }

  @Test
  void timeToFullIsCapacityOverRate() {
    assertThat(new RateLimit(30, 60).timeToFull()).isEqualTo(Duration.ofSeconds(30));
    assertThat(new RateLimit(10, 600).timeToFull()).isEqualTo(Duration.ofSeconds(1));
    assertThat(RateLimit.BUILT_IN).isEqualTo(new RateLimit(30, 60));
  }
}
