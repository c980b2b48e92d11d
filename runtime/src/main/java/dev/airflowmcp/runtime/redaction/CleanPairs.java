package dev.airflowmcp.runtime.redaction;

import java.util.List;
import java.util.Objects;

/**
 * (name, value) pairs a redactor found nothing to do for, remembered across calls: the pages of an
 * Airflow API repeat the same values call after call (DAG ids, file locations, descriptions,
 * owners, operator and logger names), so a value is judged once, not on every page. A verdict also
 * records what it depended on besides the pair — the tool's extra sensitive names and the
 * generation of the registered values — and holds only while those are the same; the rules and the
 * kept values are fixed for the life of a redactor, which owns its caches.
 *
 * <p>Bounded and lossy: a fixed table of {@value #SLOTS} slots (two probed per pair) holding values
 * of at most {@value #LONGEST} characters, so at most a million characters of remembered text per
 * table; a pair that loses its slot is judged again. Thread-safe without locks: slots hold
 * immutable entries, and a lost or stale read only means judging a value again. A lookup allocates
 * nothing.
 */
final class CleanPairs {
  /** Longest value remembered. */
  static final int LONGEST = 256;

  private static final int SLOTS = 4096;

  private record Entry(String name, String value, List<String> extra, Object generation) {}

  /**
   * Allocated on the first {@link #add}: a redactor made for one request ({@code redact --jsonl}
   * lines with registered values of their own) never walks a page and should not pay for zeroing
   * the table. A racing first add may allocate twice; the loser's verdict is lost, as any lost slot
   * is.
   */
  private Entry[] slots;

  /**
   * The mixed hash of each slot's pair, beside the slots: a probe for another pair (most probes,
   * for values seen the first time) is turned away here, without reading the entry and its strings
   * from memory. Written before the slot; a stale or torn read only costs a full comparison or a
   * lost verdict, never a wrong one (the entry itself is compared before it counts).
   */
  private int[] hashes;

  private static int mix(String name, String value) {
    int h = value.hashCode() * 31 + (name == null ? 0 : name.hashCode());
    h ^= h >>> 15;
    h *= 0x2c1b3c6d;
    h ^= h >>> 13;
    return h;
  }

  /** Whether the pair was found clean with the same extra names and registered values. */
  boolean seen(String name, String value, List<String> extra, Object generation) {
    if (value.length() > LONGEST) {
      return false;
    }
    Entry[] slots = this.slots;
    int[] hashes = this.hashes;
    if (slots == null || hashes == null) {
      return false;
    }
    int h = mix(name, value);
    int i = h & (SLOTS - 1);
    int j = (i + 1) & (SLOTS - 1);
    return (hashes[i] == h && matches(slots[i], name, value, extra, generation))
        || (hashes[j] == h && matches(slots[j], name, value, extra, generation));
  }

  private static boolean matches(
      Entry e, String name, String value, List<String> extra, Object generation) {
    return e != null
        && e.generation == generation
        && e.value.equals(value)
        && Objects.equals(e.name, name)
        && (e.extra == extra || e.extra.equals(extra));
  }

  /** Remembers that the pair was found clean under {@code extra} and {@code generation}. */
  void add(String name, String value, List<String> extra, Object generation) {
    add(name, value, extra, generation, false);
  }

  /**
   * {@link #add}; a {@code cheap} verdict (one that costs little to reach again) takes only a free
   * slot or one of an older generation, so that a stream of unique values (timestamps) never pushes
   * out the verdicts that are worth keeping.
   */
  void add(String name, String value, List<String> extra, Object generation, boolean cheap) {
    if (value.length() > LONGEST) {
      return;
    }
    Entry[] slots = this.slots;
    int[] hashes = this.hashes;
    if (slots == null || hashes == null) {
      hashes = new int[SLOTS];
      slots = new Entry[SLOTS];
      this.hashes = hashes;
      this.slots = slots;
    }
    int h = mix(name, value);
    int i = h & (SLOTS - 1);
    int j = (i + 1) & (SLOTS - 1);
    Entry first = slots[i];
    int at;
    if (first == null || first.generation != generation) {
      at = i;
    } else if (cheap) {
      Entry second = slots[j];
      if (second != null && second.generation == generation) {
        return;
      }
      at = j;
    } else {
      at = j;
    }
    hashes[at] = h;
    slots[at] = new Entry(name, value, List.copyOf(extra), generation);
  }
}
