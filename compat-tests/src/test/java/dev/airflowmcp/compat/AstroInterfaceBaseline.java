package dev.airflowmcp.compat;

import dev.airflowmcp.compat.AstroInterfaceComparison.Difference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The checked-in list of differences from astro's interface that we accept ({@code
 * astro-compat-baseline.yml}): per tool, the exact difference lines of {@link
 * AstroInterfaceComparison} and either a {@code reason} (a deliberate difference) or {@code
 * pending} (a tool not built yet, naming the work that adds it).
 */
final class AstroInterfaceBaseline {

  /** One allowed difference. */
  record Entry(String tool, String difference, String reason, String pending) {
    Entry {
      Objects.requireNonNull(tool, "tool");
      Objects.requireNonNull(difference, "difference");
    }

    boolean isPending() {
      return pending != null;
    }

    /** The reason or the pending work, for the table. */
    String why() {
      return isPending() ? "pending: " + pending : reason;
    }
  }

  /**
   * What a comparison leaves unexplained.
   *
   * @param unexpected differences the baseline does not list
   * @param stale baseline entries whose difference no longer occurs
   * @param allowed each listed difference that occurs, with its entry
   */
  record Verdict(List<Difference> unexpected, List<Entry> stale, Map<Difference, Entry> allowed) {
    boolean clean() {
      return unexpected.isEmpty() && stale.isEmpty();
    }
  }

  private static final Set<String> ENTRY_KEYS = Set.of("tool", "differences", "reason", "pending");

  private final List<Entry> entries;

  private AstroInterfaceBaseline(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  List<Entry> entries() {
    return entries;
  }

  /**
   * Parses the baseline; every malformed part is an {@link IllegalArgumentException} naming it, so
   * the file stays easy to trust.
   */
  static AstroInterfaceBaseline parse(String yaml) {
    Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    if (!(root instanceof Map<?, ?> top) || !(top.get("allowed") instanceof List<?> list)) {
      throw new IllegalArgumentException("the baseline needs a top-level 'allowed' list");
    }
    if (top.size() != 1) {
      throw new IllegalArgumentException(
          "the baseline has only the key 'allowed', found " + top.keySet());
    }
    List<Entry> entries = new ArrayList<>();
    int n = 0;
    for (Object item : list) {
      n++;
      if (!(item instanceof Map<?, ?> map)) {
        throw new IllegalArgumentException("entry " + n + " is not a map");
      }
      for (Object key : map.keySet()) {
        if (!ENTRY_KEYS.contains(String.valueOf(key))) {
          throw new IllegalArgumentException("entry " + n + ": unknown key '" + key + "'");
        }
      }
      String tool = text(map.get("tool"), "entry " + n + ": tool");
      String reason = map.containsKey("reason") ? text(map.get("reason"), tool + ": reason") : null;
      String pending =
          map.containsKey("pending") ? text(map.get("pending"), tool + ": pending") : null;
      if ((reason == null) == (pending == null)) {
        throw new IllegalArgumentException(
            "entry " + n + " (" + tool + ") needs exactly one of 'reason' and 'pending'");
      }
      if (!(map.get("differences") instanceof List<?> differences) || differences.isEmpty()) {
        throw new IllegalArgumentException(
            "entry " + n + " (" + tool + ") needs a non-empty 'differences' list");
      }
      for (Object d : differences) {
        entries.add(new Entry(tool, text(d, tool + ": difference"), reason, pending));
      }
    }
    List<String> seen = new ArrayList<>();
    for (Entry e : entries) {
      String key = e.tool() + ": " + e.difference();
      if (seen.contains(key)) {
        throw new IllegalArgumentException("listed twice: " + key);
      }
      seen.add(key);
    }
    return new AstroInterfaceBaseline(entries);
  }

  /** Sorts the differences into allowed and unexpected, and finds stale entries. */
  Verdict check(List<Difference> differences) {
    Map<String, Entry> byKey = new LinkedHashMap<>();
    for (Entry e : entries) {
      byKey.put(e.tool() + ": " + e.difference(), e);
    }
    List<Difference> unexpected = new ArrayList<>();
    Map<Difference, Entry> allowed = new LinkedHashMap<>();
    for (Difference d : differences) {
      Entry e = byKey.remove(d.tool() + ": " + d.text());
      if (e == null) {
        unexpected.add(d);
      } else {
        allowed.put(d, e);
      }
    }
    return new Verdict(unexpected, new ArrayList<>(byKey.values()), allowed);
  }

  private static String text(Object value, String what) {
    if (!(value instanceof String s) || s.isBlank()) {
      throw new IllegalArgumentException(what + " must be a non-empty string");
    }
    return s.strip();
  }
}
