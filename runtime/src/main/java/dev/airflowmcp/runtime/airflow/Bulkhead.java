package dev.airflowmcp.runtime.airflow;

import dev.airflowmcp.runtime.airflow.AirflowCallException.Kind;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the requests to Airflow in flight at once ({@link Resilience#maxConcurrentCalls()}). A
 * request that finds no free slot within {@link Resilience#queueWait()} (or its remaining budget,
 * when shorter) fails with {@link Kind#BUSY} without being sent. Slots are handed out fairly.
 */
final class Bulkhead {
  private final int maxConcurrentCalls;
  private final Duration queueWait;
  private final Semaphore permits;

  Bulkhead(Resilience resilience) {
    this.maxConcurrentCalls = resilience.maxConcurrentCalls();
    this.queueWait = resilience.queueWait();
    this.permits = new Semaphore(maxConcurrentCalls, true);
  }

  /**
   * Takes a slot; the caller must {@link #leave} once the request is done.
   *
   * @param describe the request, for the message when there is no slot
   * @param budgetNanos how long the call may still take
   */
  void enter(String describe, long budgetNanos) throws AirflowCallException {
    long wait = Math.min(queueWait.toNanos(), budgetNanos);
    try {
      if (!permits.tryAcquire(wait, TimeUnit.NANOSECONDS)) {
        throw new AirflowCallException(
            Kind.BUSY,
            "this server already has "
                + maxConcurrentCalls
                + " calls to Airflow in flight, its limit; "
                + describe
                + " was not sent");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AirflowCallException(Kind.TIMEOUT, "interrupted while waiting for Airflow", e);
    }
  }

  /** Gives back the slot {@link #enter} took. */
  void leave() {
    permits.release();
  }

  /** Requests holding a slot now. */
  int inFlight() {
    return maxConcurrentCalls - permits.availablePermits();
  }
}
