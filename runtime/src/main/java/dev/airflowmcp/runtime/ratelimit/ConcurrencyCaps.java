package dev.airflowmcp.runtime.ratelimit;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * How many calls of each rate-limit class this server runs at once, whoever makes them (a rate
 * limit's {@code maxConcurrent}). Token buckets bound each caller's rate; this bounds the load one
 * server puts on Airflow for heavy classes such as {@code logs}, even when many callers each stay
 * within their own rate. A call beyond the cap is refused at once, not queued. The caps are per
 * server process (with shared Redis rate limits, each replica has its own).
 */
public final class ConcurrencyCaps {
  /** No caps: only the Airflow transport's bulkhead bounds concurrency. */
  public static final ConcurrencyCaps NONE = new ConcurrencyCaps(Map.of(), 0);

  private final Map<String, Integer> caps;
  private final int otherClasses;
  private final Map<String, Semaphore> slots = new ConcurrentHashMap<>();

  private ConcurrencyCaps(Map<String, Integer> caps, int otherClasses) {
    this.caps = Map.copyOf(caps);
    this.otherClasses = otherClasses;
  }

  /**
   * @param caps the cap of each class that has one (positive)
   * @param otherClasses the cap of every class not in {@code caps}, or 0 for none
   */
  public static ConcurrencyCaps of(Map<String, Integer> caps, int otherClasses) {
    Objects.requireNonNull(caps, "caps");
    caps.forEach(
        (cls, cap) -> {
          if (cap == null || cap < 1) {
            throw new IllegalArgumentException("the cap of class '" + cls + "' must be positive");
          }
        });
    if (otherClasses < 0) {
      throw new IllegalArgumentException("the cap of other classes must be 0 or more");
    }
    return new ConcurrencyCaps(caps, otherClasses);
  }

  /** The cap of a class, or 0 when it has none. */
  public int capOf(String rateLimitClass) {
    return caps.getOrDefault(rateLimitClass, otherClasses);
  }

  /** How many calls of a class hold a slot now (0 for a class without a cap). */
  public int inUse(String rateLimitClass) {
    int cap = capOf(rateLimitClass);
    Semaphore semaphore = slots.get(rateLimitClass);
    return cap <= 0 || semaphore == null ? 0 : cap - semaphore.availablePermits();
  }

  /**
   * Takes a slot of the class for one call.
   *
   * @return the slot to close when the call ends, or {@code null} when the class's cap is reached
   */
  public Slot tryEnter(String rateLimitClass) {
    int cap = capOf(rateLimitClass);
    if (cap <= 0) {
      return Slot.FREE;
    }
    Semaphore semaphore = slots.computeIfAbsent(rateLimitClass, c -> new Semaphore(cap));
    return semaphore.tryAcquire() ? semaphore::release : null;
  }

  /** A taken slot; closing it gives the slot back. Closing twice is a caller error. */
  @FunctionalInterface
  public interface Slot extends AutoCloseable {
    /** The slot of a class without a cap. */
    Slot FREE = () -> {};

    @Override
    void close();
  }
}
