package dev.airflowmcp.runtime.pipeline;

import dev.airflowmcp.runtime.airflow.AirflowCallException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds how much of the heap the large Airflow answers being processed at once may take. An answer
 * of {@value #THRESHOLD} bytes or more is parsed into a tree about four times its size, then
 * sanitised, redacted and fitted to its budget. Sixteen 1 MB task logs processed at once hold some
 * 80 MB: in the launcher's 128 MiB heap every young collection then copies trees still in use and
 * the old generation fills, so the collector took most of the CPU. So such an answer first takes a
 * share of a pool ({@value #HEAP_PER_BYTE} bytes per byte of answer, an upper estimate of its tree
 * and the body it came from; the pool is a {@value #HEAP_DIVISOR}th of the maximum heap, 8 MiB of a
 * 128 MiB heap: one 1 MB log at a time) and waits, in arrival order, until that share is free. The
 * work is the same either way: queued answers wait where they would otherwise have competed for the
 * same CPU and for the collector. A larger heap (the JVM's default on a big machine) lets more run
 * at once.
 *
 * <p>An answer larger than the whole pool takes all of it, so it always gets through once the
 * answers before it are done. Smaller answers never wait. The answer to a read waits no longer than
 * the pool's wait bound ({@link #DEFAULT_MAX_WAIT} unless told otherwise): a call that would has
 * more large answers ahead of it than the server gets through in that time, and is refused as busy
 * (the client may retry) rather than holding its answer's body while it waits. The answer to a
 * write waits as long as it takes: Airflow has already made the change, so telling the client to
 * call again would make it twice.
 */
final class LargeAnswers {
  /** Answers at least this long (bytes) take a share of the pool. */
  static final int THRESHOLD = 128 * 1024;

  /** Heap bytes reserved per byte of answer: its parsed tree (about 4x) and the body (1x). */
  static final int HEAP_PER_BYTE = 6;

  /** The pool is this fraction of the maximum heap. */
  static final int HEAP_DIVISOR = 16;

  /** How long an answer waits for its share at most, unless the pool is built with another. */
  static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(10);

  private static final int UNIT = 1024;

  private final int capacity;
  private final Semaphore pool;
  private final long maxWaitNanos;

  /** A pool for a JVM whose heap may grow to {@code maxHeapBytes}. */
  LargeAnswers(long maxHeapBytes) {
    this(maxHeapBytes, DEFAULT_MAX_WAIT);
  }

  /**
   * A pool for a JVM whose heap may grow to {@code maxHeapBytes}, whose answers wait at most {@code
   * maxWait} for their share.
   */
  LargeAnswers(long maxHeapBytes, Duration maxWait) {
    this.maxWaitNanos = maxWait.toNanos();
    long units = maxHeapBytes / HEAP_DIVISOR / UNIT;
    // At least one large answer's share (so one always fits), at most what an int counts.
    this.capacity =
        (int) Math.min(Integer.MAX_VALUE, Math.max(units, (long) THRESHOLD * HEAP_PER_BYTE / UNIT));
    this.pool = new Semaphore(capacity, true);
  }

  /** The pool for this JVM's maximum heap. */
  static LargeAnswers forThisJvm() {
    return new LargeAnswers(Runtime.getRuntime().maxMemory());
  }

  /** What a caller holds while it processes an answer; {@link #NONE} for small answers. */
  interface Share {
    /** Gives the share back; idempotent. */
    void release();
  }

  /** The share of an answer that takes none. */
  static final Share NONE = () -> {};

  /**
   * Takes the share of an answer of {@code bytes} bytes, waiting until it is free; only when {@code
   * mayRefuse} (the request changed nothing) no longer than the wait bound.
   *
   * @throws InterruptedException when the thread is interrupted while waiting (nothing is held)
   * @throws AirflowCallException of kind {@code BUSY} when {@code mayRefuse} and the share is not
   *     free within the wait bound (nothing is held)
   */
  Share enter(long bytes, boolean mayRefuse) throws InterruptedException, AirflowCallException {
    if (bytes < THRESHOLD) {
      return NONE;
    }
    int units = (int) Math.min(capacity, (bytes * HEAP_PER_BYTE + UNIT - 1) / UNIT);
    if (!mayRefuse) {
      pool.acquire(units);
    } else if (!pool.tryAcquire(units, maxWaitNanos, TimeUnit.NANOSECONDS)) {
      throw new AirflowCallException(
          AirflowCallException.Kind.BUSY,
          "this server is processing other large Airflow answers and this one ("
              + bytes / 1024
              + " KiB) waited "
              + TimeUnit.NANOSECONDS.toMillis(maxWaitNanos)
              + " ms for its turn");
    }
    return new Share() {
      private boolean released;

      @Override
      public synchronized void release() {
        if (!released) {
          released = true;
          pool.release(units);
        }
      }
    };
  }

  /** The pool's size in KiB (for tests). */
  int capacityKib() {
    return capacity;
  }

  /** The KiB free now (for tests). */
  int freeKib() {
    return pool.availablePermits();
  }
}
