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
 */
public record RateLimit(long capacity, long refillPerMinute) {

  /** The largest capacity and refill rate accepted. */
  public static final long MAX = 1_000_000;

  /**
   * The limit of a class that neither the catalog nor the operator defines: 30 calls, refilled
   * at 60 per minute (the tool spec's built-in limit).
   */
  public static final RateLimit BUILT_IN = new RateLimit(30, 60);

  private static final Pattern TEXT = Pattern.compile("\\s*(\\d{1,7})\\s*/\\s*(\\d{1,7})\\s*");

  public RateLimit {
    if (capacity < 1 || capacity > MAX) {
      throw new IllegalArgumentException(
          "a rate limit's capacity must be between 1 and " + MAX + ", got " + capacity);
    }
    if (refillPerMinute < 1 || refillPerMinute > MAX) {
      throw new IllegalArgumentException(
          "a rate limit's refill must be between 1 and " + MAX + " per minute, got "
              + refillPerMinute);
    }
  }

  /**
   * Reads {@code CAPACITY/PER_MINUTE}, for example {@code 30/120}.
   *
   * @throws IllegalArgumentException when the text is not two whole numbers in range
   */
  public static RateLimit parse(String text) {
    Matcher m = TEXT.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "a rate limit is CAPACITY/PER_MINUTE, for example 30/120, got '" + text + "'");
    }
    return new RateLimit(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
  }

  /** How long an empty bucket takes to refill completely. */
  public Duration timeToFull() {
    return Duration.ofNanos(Math.max(1, 60_000_000_000L / refillPerMinute * capacity));
  }

  /** {@code CAPACITY/PER_MINUTE}, as {@link #parse} reads it. */
  @Override
  public String toString() {
    return capacity + "/" + refillPerMinute;
  }
}
