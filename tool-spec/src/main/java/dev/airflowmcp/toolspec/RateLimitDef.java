package dev.airflowmcp.toolspec;

import java.util.Objects;

/**
 * The token bucket of one rate-limit class: each caller (identity) gets a bucket of {@code
 * capacity} calls per class, refilled continuously at {@code refillPerMinute} calls per minute. A
 * call takes one token; with none left it is refused until the bucket refills.
 *
 * @param location where the class's entry starts
 * @param rateLimitClass the class name, as tools name it in {@code rateLimitClass}
 * @param capacity the burst: how many calls an identity may make at once (1 to {@value #MAX})
 * @param refillPerMinute the sustained rate in calls per minute (1 to {@value #MAX})
 * @param maxConcurrent how many calls of the class one server runs at once, whoever makes them (1
 *     to {@value #MAX_CONCURRENT}), or 0 for no cap beyond the server's bulkhead
 */
public record RateLimitDef(
    SourceLocation location,
    String rateLimitClass,
    long capacity,
    long refillPerMinute,
    int maxConcurrent) {

  /** The largest capacity and refill rate accepted. */
  public static final long MAX = 1_000_000;

  /** The largest concurrency cap accepted. */
  public static final int MAX_CONCURRENT = 1_000;

  /**
   * The burst of a class that a tool spec without {@code rateLimits} leaves undefined: {@value}
   * calls.
   */
  public static final long BUILT_IN_CAPACITY = 30;

  /** The refill rate of such a class: {@value} calls per minute. */
  public static final long BUILT_IN_REFILL_PER_MINUTE = 60;

  public RateLimitDef {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(rateLimitClass, "rateLimitClass");
    if (capacity < 1 || capacity > MAX || refillPerMinute < 1 || refillPerMinute > MAX) {
      throw new IllegalArgumentException(
          "capacity and refillPerMinute must be between 1 and " + MAX);
    }
    if (maxConcurrent < 0 || maxConcurrent > MAX_CONCURRENT) {
      throw new IllegalArgumentException("maxConcurrent must be between 0 and " + MAX_CONCURRENT);
    }
  }

  /** A class without a concurrency cap. */
  public RateLimitDef(
      SourceLocation location, String rateLimitClass, long capacity, long refillPerMinute) {
    this(location, rateLimitClass, capacity, refillPerMinute, 0);
  }

  /** The built-in limit for a class, located at {@code location}. */
  public static RateLimitDef builtIn(SourceLocation location, String rateLimitClass) {
    return new RateLimitDef(
        location, rateLimitClass, BUILT_IN_CAPACITY, BUILT_IN_REFILL_PER_MINUTE);
  }
}
