package dev.airflowmcp.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReadinessTest {

  @Test
  void aResultIsReusedWhileFreshAndCheckedAgainAfterwards() {
    AtomicLong now = new AtomicLong();
    AtomicInteger checks = new AtomicInteger();
    AtomicBoolean up = new AtomicBoolean(true);
    Readiness readiness =
        new Readiness(
            () -> {
              checks.incrementAndGet();
              return up.get();
            },
            Runnable::run,
            now::get);
    assertThat(readiness.ready()).isTrue();
    up.set(false);
    for (int i = 0; i < 100; i++) {
      assertThat(readiness.ready()).isTrue();
    }
    assertThat(checks).hasValue(1);
    now.addAndGet(Readiness.FRESH.toNanos());
    assertThat(readiness.ready()).isFalse();
    assertThat(checks).hasValue(2);
    assertThat(Readiness.ALWAYS.ready()).isTrue();
  }

  @Test
  void aSlowCheckDoesNotHoldProbesAndIsNotStartedTwice() throws Exception {
    List<Runnable> queued = new ArrayList<>();
    Readiness readiness = new Readiness(() -> true, queued::add, System::nanoTime);
    // Nothing ran yet: not ready, and a second probe does not start a second check.
    assertThat(readiness.ready()).isFalse();
    assertThat(readiness.ready()).isFalse();
    assertThat(queued).hasSize(1);
    queued.get(0).run();
    assertThat(readiness.ready()).isTrue();
  }

  @Test
  void aCheckThatThrowsCountsAsNotReady() {
    Readiness readiness =
        new Readiness(
            () -> {
              throw new IllegalStateException("boom");
            },
            Runnable::run,
            System::nanoTime);
    assertThat(readiness.ready()).isFalse();
  }
}
