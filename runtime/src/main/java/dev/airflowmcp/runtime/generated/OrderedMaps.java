package dev.airflowmcp.runtime.generated;

import dev.airflowmcp.common.LayoutSource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Insertion-ordered maps for generated constants, where order is output order. */
public final class OrderedMaps {
  private OrderedMaps() {}

  /** {@code "k1", "v1", "k2", "v2", …} as an unmodifiable ordered map. */
  public static Map<String, String> strings(String... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values must pair up");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      out.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return Collections.unmodifiableMap(out);
  }

  /** {@code "key", LayoutSource.ITEMS, …} as an unmodifiable ordered layout. */
  public static Map<String, LayoutSource> layout(Object... keysAndSources) {
    if (keysAndSources.length % 2 != 0) {
      throw new IllegalArgumentException("keys and sources must pair up");
    }
    Map<String, LayoutSource> out = new LinkedHashMap<>();
    for (int i = 0; i < keysAndSources.length; i += 2) {
      out.put((String) keysAndSources[i], (LayoutSource) keysAndSources[i + 1]);
    }
    return Collections.unmodifiableMap(out);
  }

  /** {@code "k1", v1, "k2", v2, …} as an unmodifiable ordered map; values may be null. */
  public static Map<String, Object> values(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values must pair up");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      out.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return Collections.unmodifiableMap(out);
  }
}
