package dev.airflowmcp.runtime.metrics;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Keeps metric label values bounded: a value is used only when it is one of a fixed set (tool names
 * from the catalog, error types, rate-limit classes), or, for open sets written in code such as
 * Airflow operation ids, when it looks like an identifier and fewer than a fixed number of distinct
 * values have been seen. Everything else becomes {@value #OTHER}. Label values never come from
 * arguments, ids in Airflow or callers.
 */
final class BoundedLabels {
  /** The label value that stands for anything outside the bounded set. */
  static final String OTHER = "other";

  private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  private final Set<String> known;
  private final int maxLearned;
  private final Set<String> learned = ConcurrentHashMap.newKeySet();

  private BoundedLabels(Set<String> known, int maxLearned) {
    this.known = Set.copyOf(known);
    this.maxLearned = maxLearned;
  }

  /** Only these values; anything else is {@value #OTHER}. */
  static BoundedLabels of(Set<String> known) {
    return new BoundedLabels(known, 0);
  }

  /**
   * Lower-case identifiers ({@code [a-z][a-z0-9_]*}, at most 64 characters), the first {@code max}
   * distinct ones; anything else is {@value #OTHER}.
   */
  static BoundedLabels identifiers(int max) {
    return new BoundedLabels(Set.of(), max);
  }

  /** The fixed values. */
  Set<String> known() {
    return known;
  }

  /** The label value for {@code value}. */
  String label(String value) {
    if (value == null) {
      return OTHER;
    }
    if (known.contains(value)) {
      return value;
    }
    if (maxLearned == 0) {
      return OTHER;
    }
    if (learned.contains(value)) {
      // Already a learned identifier as it stands (the common case: every call of a tool labels
      // its operation id): no lower-casing and pattern match per call.
      return value;
    }
    String v = value.toLowerCase(Locale.ROOT);
    if (!IDENTIFIER.matcher(v).matches()) {
      return OTHER;
    }
    if (learned.contains(v)) {
      return v;
    }
    synchronized (learned) {
      if (learned.size() >= maxLearned) {
        return OTHER;
      }
      learned.add(v);
      return v;
    }
  }
}
