package dev.airflowmcp.runtime.ratelimit;

import dev.airflowmcp.runtime.tool.RateLimit;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The limit of every rate-limit class: the generated catalog's (from the tool spec), overridden by
 * the operator's (an override without a concurrency cap keeps the spec's cap). An override for
 * {@value #ALL_CLASSES} applies to every class without an override of its own, including classes
 * the catalog does not know; other unknown classes get {@link RateLimit#BUILT_IN}.
 */
public final class RateLimits {
  /** The override key that stands for every class. */
  public static final String ALL_CLASSES = "*";

  private final Map<String, RateLimit> byClass;
  private final RateLimit fallback;

  private RateLimits(Map<String, RateLimit> byClass, RateLimit fallback) {
    this.byClass = Map.copyOf(byClass);
    this.fallback = fallback;
  }

  /**
   * Resolves the limits.
   *
   * @param catalog the tool spec's limits by class
   * @param overrides the operator's limits by class, {@value #ALL_CLASSES} for all
   */
  public static RateLimits resolve(
      Map<String, RateLimit> catalog, Map<String, RateLimit> overrides) {
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(overrides, "overrides");
    RateLimit all = overrides.get(ALL_CLASSES);
    Map<String, RateLimit> resolved = new TreeMap<>();
    for (Map.Entry<String, RateLimit> e : catalog.entrySet()) {
      resolved.put(e.getKey(), all != null ? keepCap(all, e.getValue()) : e.getValue());
    }
    for (Map.Entry<String, RateLimit> e : overrides.entrySet()) {
      if (!e.getKey().equals(ALL_CLASSES)) {
        RateLimit spec = catalog.get(e.getKey());
        resolved.put(e.getKey(), spec == null ? e.getValue() : keepCap(e.getValue(), spec));
      }
    }
    return new RateLimits(resolved, all != null ? all : RateLimit.BUILT_IN);
  }

  /**
   * An override that sets no concurrency cap of its own keeps the tool spec's: tuning a bucket must
   * not silently lift the protection of a heavy class.
   */
  private static RateLimit keepCap(RateLimit override, RateLimit spec) {
    return override.maxConcurrent() > 0 || spec.maxConcurrent() == 0
        ? override
        : new RateLimit(override.capacity(), override.refillPerMinute(), spec.maxConcurrent());
  }

  /** The same limit for every class. */
  public static RateLimits uniform(RateLimit limit) {
    return new RateLimits(Map.of(), limit);
  }

  /** The limit of a class. */
  public RateLimit forClass(String rateLimitClass) {
    return byClass.getOrDefault(rateLimitClass, fallback);
  }

  /** The classes with a limit of their own. */
  public Map<String, RateLimit> classes() {
    return byClass;
  }

  /** The concurrency caps of these limits (classes whose limit has {@code maxConcurrent}). */
  public ConcurrencyCaps concurrencyCaps() {
    Map<String, Integer> caps = new TreeMap<>();
    byClass.forEach(
        (cls, limit) -> {
          if (limit.maxConcurrent() > 0) {
            caps.put(cls, limit.maxConcurrent());
          }
        });
    return ConcurrencyCaps.of(caps, fallback.maxConcurrent());
  }

  /** The limit of every other class. */
  public RateLimit fallback() {
    return fallback;
  }

  /**
   * For logs: {@code list 30/120, logs 10/30/4; other classes 30/60} (calls / per minute / at
   * once).
   */
  @Override
  public String toString() {
    StringJoiner out = new StringJoiner(", ");
    new TreeMap<>(byClass).forEach((k, v) -> out.add(k + " " + v));
    return (byClass.isEmpty() ? "" : out + "; ") + "other classes " + fallback;
  }
}
