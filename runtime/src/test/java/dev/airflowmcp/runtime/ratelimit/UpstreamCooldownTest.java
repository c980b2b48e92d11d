package dev.airflowmcp.runtime.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class UpstreamCooldownTest {
  private final AtomicLong now = new AtomicLong(5_000_000_000L);
  private final UpstreamCooldown cooldown = new UpstreamCooldown(now::get);

  private void advanceMillis(long millis) {
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
  }

  @Test
  void anIdentityWaitsOutRetryAfterOthersDoNot() {
    cooldown.note("caller:a", 3);
    assertThat(cooldown.remainingMillis("caller:a")).isEqualTo(3_000);
    assertThat(cooldown.remainingMillis("caller:b")).isZero();
    advanceMillis(2_500);
    assertThat(cooldown.remainingMillis("caller:a")).isEqualTo(500);
    advanceMillis(500);
    assertThat(cooldown.remainingMillis("caller:a")).isZero();
    assertThat(cooldown.size()).as("expired entries are dropped when read").isZero();
  }

  @Test
  void withoutRetryAfterOneSecondAndNeverMoreThanFiveMinutes() {
    cooldown.note("caller:a", -1);
    assertThat(cooldown.remainingMillis("caller:a")).isEqualTo(1_000);
    cooldown.note("caller:b", 86_400);
    assertThat(cooldown.remainingMillis("caller:b")).isEqualTo(300_000);
  }

  @Test
  void aShorterLaterAnswerDoesNotShortenTheWait() {
    cooldown.note("caller:a", 10);
    cooldown.note("caller:a", 1);
    assertThat(cooldown.remainingMillis("caller:a")).isEqualTo(10_000);
  }

  @Test
  void theNumberOfRememberedIdentitiesIsBounded() {
    for (int i = 0; i < UpstreamCooldown.MAX_ENTRIES + 500; i++) {
      cooldown.note("caller:" + i, 60);
    }
    assertThat(cooldown.size()).isEqualTo(UpstreamCooldown.MAX_ENTRIES);
    advanceMillis(61_000);
    cooldown.note("caller:new", 60);
    assertThat(cooldown.size()).as("expired entries made room").isEqualTo(1);
  }
}
