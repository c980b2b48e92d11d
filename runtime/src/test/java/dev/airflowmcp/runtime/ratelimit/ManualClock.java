package dev.airflowmcp.runtime.ratelimit;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A Bucket4j clock that moves only when told to (public for tests in other packages). */
public final class ManualClock implements TimeMeter {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  @Override
  public long currentTimeNanos() {
    return nanos.get();
  }

  @Override
  public boolean isWallClockBased() {
    return false;
  }

  public void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }
}
