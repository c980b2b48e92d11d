package dev.airflowmcp.runtime.tool;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A token bucket: a burst of {@code capacity} calls, refilled continuously at {@code
 * refillPerMinute} calls per minute. The generated catalog states one per rate-limit class (from
 * the tool spec's {@code rateLimits}); operators override them with {@code --rate-limit}.
 *
 * @param capacity how many calls one identity may make at once (1 to {@value #MAX})
 * @param refillPerMinute calls per minute added back (1 to {@value #MAX})
 * @param maxConcurrent how many calls of the class one server runs at once, whoever makes them (1
 *     to {@value #MAX_CONCURRENT}), or 0 for no cap beyond the server's bulkhead
 */
public record RateLimit(long capacity, long refillPerMinute, int maxConcurrent) {

  /** The largest capacity and refill rate accepted. */
  public static final long MAX = 1_000_000;

  /** The largest concurrency cap accepted. */
  public static final int MAX_CONCURRENT = 1_000;

  /**
   * The limit of a class that neither the catalog nor the operator defines: 30 calls, refilled at
   * 60 per minute (the tool spec's built-in limit).
   */
  public static final RateLimit BUILT_IN = new RateLimit(30, 60);

  private static final Pattern TEXT =
      Pattern.compile("\\s*(\\d{1,7})\\s*/\\s*(\\d{1,7})\\s*(?:/\\s*(\\d{1,4})\\s*)?");

  public RateLimit {
    if (capacity < 1 || capacity > MAX) {
      throw new IllegalArgumentException(
          "a rate limit's capacity must be between 1 and " + MAX + ", got " + capacity);
    }
    if (refillPerMinute < 1 || refillPerMinute > MAX) {
      throw new IllegalArgumentException(
          "a rate limit's refill must be between 1 and "
              + MAX
              + " per minute, got "
              + refillPerMinute);
    }
    if (maxConcurrent < 0 || maxConcurrent > MAX_CONCURRENT) {
      throw new IllegalArgumentException(
          "a rate limit's concurrency cap must be between 1 and "
              + MAX_CONCURRENT
              + ", got "
              + maxConcurrent);
    }
  }

  /** A limit without a concurrency cap. */
  public RateLimit(long capacity, long refillPerMinute) {
    this(capacity, refillPerMinute, 0);
  }

  /**
   * Reads {@code CAPACITY/PER_MINUTE} or {@code CAPACITY/PER_MINUTE/MAX_CONCURRENT}, for example
   * {@code 30/120} or {@code 10/30/4}.
   *
   * @throws IllegalArgumentException when the text is not two or three whole numbers in range
   */
  public static RateLimit parse(String text) {
    Matcher m = TEXT.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "a rate limit is CAPACITY/PER_MINUTE[/MAX_CONCURRENT], for example 30/120 or 10/30/4,"
              + " got '"
              + text
              + "'");
    }
    int concurrent = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    if (m.group(3) != null && concurrent == 0) {
      throw new IllegalArgumentException(
          "a rate limit's concurrency cap must be between 1 and " + MAX_CONCURRENT + ", got 0");
    }
    return new RateLimit(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), concurrent);
  }

  /** How long an empty bucket takes to refill completely. */
  public Duration timeToFull() {
    return Duration.ofNanos(Math.max(1, 60_000_000_000L / refillPerMinute * capacity));
  }

  /** {@code CAPACITY/PER_MINUTE[/MAX_CONCURRENT]}, as {@link #parse} reads it. */
  @Override
  public String toString() {
    return capacity + "/" + refillPerMinute + (maxConcurrent > 0 ? "/" + maxConcurrent : "");
  }
}
