package dev.airflowmcp.runtime.redaction;

import java.util.Arrays;

/** Character ranges to mask in one string; overlapping and touching ranges become one mask. */
final class Spans {
  private static final long[] NO_RANGES = {};
  private static final String[] NO_FAMILIES = {};

  /** Empty until the first range: most strings have none, and then cost no arrays. */
  private long[] ranges = NO_RANGES;

  /** The rule family of each range, by its index in {@link #ranges} at the time it was added. */
  private String[] families = NO_FAMILIES;

  private int count;

  /**
   * An index for {@link #covers} over {@code ranges[0, indexed)}: their starts in order and, for
   * each, the largest end among the ranges starting there or before. Ranges added later join it
   * when {@link #covers} is next asked ({@link #absorb}); a drop or a reorder empties it.
   */
  private int indexed;

  private int[] indexStarts;
  private int[] indexMaxEnds;

  /** The family given to ranges added without one. */
  private String family = "unattributed";

  /** Sets the family of the ranges added from now on without one. */
  Spans as(String family) {
    this.family = family;
    return this;
  }

  /** Adds {@code [start, end)}; empty or inverted ranges are ignored. */
  void add(int start, int end) {
    add(start, end, family);
  }

  /** Adds {@code [start, end)} found by the rule {@code family}. */
  void add(int start, int end, String family) {
    if (end <= start || start < 0) {
      return;
    }
    if (count == ranges.length) {
      ranges = Arrays.copyOf(ranges, Math.max(8, count * 2));
      families = Arrays.copyOf(families, Math.max(8, count * 2));
    }
    families[count] = family;
    ranges[count++] = ((long) start << 32) | end;
  }

  /**
   * Drops the ranges whose text is one of {@code keep} (values an operator declared harmless),
   * except registered values.
   */
  void dropKept(String text, java.util.Set<String> keep) {
    if (keep.isEmpty() || count == 0) {
      return;
    }
    int w = 0;
    for (int i = 0; i < count; i++) {
      int s = (int) (ranges[i] >>> 32);
      int e = (int) ranges[i];
      boolean kept =
          !MaskListener.REGISTERED.equals(families[i])
              && e <= text.length()
              && keep.contains(text.substring(s, e));
      if (!kept) {
        ranges[w] = ranges[i];
        families[w] = families[i];
        w++;
      }
    }
    count = w;
    indexed = 0;
  }

  /** Decides whether a range found by a rule is dropped. */
  interface RangeFilter {
    boolean drop(int start, int end, String family);
  }

  /** Drops the ranges {@code filter} rejects; registered values are never dropped. */
  void dropIf(RangeFilter filter) {
    int w = 0;
    for (int i = 0; i < count; i++) {
      int s = (int) (ranges[i] >>> 32);
      int e = (int) ranges[i];
      if (MaskListener.REGISTERED.equals(families[i]) || !filter.drop(s, e, families[i])) {
        ranges[w] = ranges[i];
        families[w] = families[i];
        w++;
      }
    }
    count = w;
    indexed = 0;
  }

  /** Sorts the ranges by start (then end), keeping each family with its range. */
  private void sortWithFamilies() {
    for (int i = 1; i < count; i++) {
      if (ranges[i - 1] > ranges[i]) {
        Integer[] order = new Integer[count];
        for (int k = 0; k < count; k++) {
          order[k] = k;
        }
        long[] r = ranges;
        Arrays.sort(order, (a, b) -> Long.compare(r[a], r[b]));
        long[] nr = new long[ranges.length];
        String[] nf = new String[families.length];
        for (int k = 0; k < count; k++) {
          nr[k] = ranges[order[k]];
          nf[k] = families[order[k]];
        }
        ranges = nr;
        families = nf;
        indexed = 0;
        return;
      }
    }
  }

  /** Receives each range. */
  interface RangeSink {
    void range(int start, int end);
  }

  /** Calls {@code sink} with each range added, in the order added. */
  void forEach(RangeSink sink) {
    for (int i = 0; i < count; i++) {
      sink.range((int) (ranges[i] >>> 32), (int) ranges[i]);
    }
  }

  boolean isEmpty() {
    return count == 0;
  }

  /** Whether {@code [start, end)} lies inside one range already added. */
  boolean covers(int start, int end) {
    absorb();
    if (indexed > 0) {
      int lo = 0;
      int hi = indexed; // the first indexed range starting after start
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (indexStarts[mid] <= start) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      if (lo > 0 && indexMaxEnds[lo - 1] >= end) {
        return true;
      }
    }
    for (int i = indexed; i < count; i++) {
      int s = (int) (ranges[i] >>> 32);
      int e = (int) ranges[i];
      if (s <= start && end <= e) {
        return true;
      }
    }
    return false;
  }

  /**
   * Brings the ranges added since the index was made into it: in order of start (as readers add
   * them, left to right) each joins the end in constant time; out of order, they are read one by
   * one until more than 32 wait, then the whole index is made again.
   */
  private void absorb() {
    while (indexed < count) {
      int s = (int) (ranges[indexed] >>> 32);
      if (indexed > 0 && s < indexStarts[indexed - 1]) {
        break;
      }
      if (indexStarts == null || indexed == indexStarts.length) {
        int size = Math.max(16, indexed * 2);
        indexStarts = indexStarts == null ? new int[size] : Arrays.copyOf(indexStarts, size);
        indexMaxEnds = indexMaxEnds == null ? new int[size] : Arrays.copyOf(indexMaxEnds, size);
      }
      int e = (int) ranges[indexed];
      indexStarts[indexed] = s;
      indexMaxEnds[indexed] = indexed == 0 ? e : Math.max(indexMaxEnds[indexed - 1], e);
      indexed++;
    }
    if (count - indexed > 32) {
      index();
    }
  }

  private void index() {
    long[] sorted = Arrays.copyOf(ranges, count);
    Arrays.sort(sorted); // by start, then end (both are non-negative)
    indexStarts = new int[count];
    indexMaxEnds = new int[count];
    int max = -1;
    for (int i = 0; i < count; i++) {
      indexStarts[i] = (int) (sorted[i] >>> 32);
      max = Math.max(max, (int) sorted[i]);
      indexMaxEnds[i] = max;
    }
    indexed = count;
  }

  /** The text with every range replaced by {@code mask}. */
  String apply(String text, String mask) {
    return apply(text, mask, MaskListener.NONE);
  }

  /**
   * The text with every range replaced by {@code mask}; {@code listener} hears the family of each
   * mask written, in order (overlapping ranges make one mask, named after the first found).
   */
  String apply(String text, String mask, MaskListener listener) {
    if (count == 0) {
      return text;
    }
    sortWithFamilies();
    StringBuilder out = new StringBuilder(text.length());
    int pos = 0;
    int i = 0;
    while (i < count) {
      int start = (int) (ranges[i] >>> 32);
      int end = (int) ranges[i];
      String first = families[i];
      i++;
      while (i < count && (int) (ranges[i] >>> 32) <= end) {
        end = Math.max(end, (int) ranges[i]);
        i++;
      }
      start = Math.max(start, pos);
      end = Math.min(end, text.length());
      if (start >= end) {
        continue;
      }
      out.append(text, pos, start);
      out.append(mask);
      listener.masked(first);
      pos = end;
    }
    out.append(text, pos, text.length());
    return out.toString();
  }
}
