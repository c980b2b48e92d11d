package dev.airflowmcp.toolspec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Copies that keep insertion order, since map order is output order in this project. */
final class Immutables {
  private Immutables() {}

  static <K, V> Map<K, V> orderedMap(Map<K, V> source) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(source));
  }
}
