package dev.airflowmcp.runtime.redaction;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Decisions about a key name, made once per distinct name: the same few hundred names (JSON
 * properties, env variables) recur in every result and log. Bounded: past {@link #MAX} names the
 * cache starts over, so a stream of unique names costs no more than deciding each afresh.
 * Thread-safe.
 */
final class NameCache<V> {
  /** Distinct names kept at most. */
  static final int MAX = 4096;

  private final ConcurrentHashMap<String, V> map = new ConcurrentHashMap<>();
  private final Function<String, V> decide;

  NameCache(Function<String, V> decide) {
    this.decide = decide;
  }

  V get(String name) {
    V v = map.get(name);
    if (v == null) {
      v = decide.apply(name);
      if (name.length() <= 128) {
        if (map.size() >= MAX) {
          map.clear();
        }
        map.put(name, v);
      }
    }
    return v;
  }
}
