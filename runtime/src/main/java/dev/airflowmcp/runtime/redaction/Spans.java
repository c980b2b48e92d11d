package dev.airflowmcp.runtime.redaction;

import java.util.Arrays;

/** Character ranges to mask in one string; overlapping and touching ranges become one mask. */
final class Spans {
  private long[] ranges = new long[8];
  private int count;

  /** Adds {@code [start, end)}; empty or inverted ranges are ignored. */
  void add(int start, int end) {
    if (end <= start || start < 0) {
      return;
    }
    if (count == ranges.length) {
      ranges = Arrays.copyOf(ranges, count * 2);
    }
    ranges[count++] = ((long) start << 32) | end;
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
    for (int i = 0; i < count; i++) {
      int s = (int) (ranges[i] >>> 32);
      int e = (int) ranges[i];
      if (s <= start && end <= e) {
        return true;
      }
    }
    return false;
  }

  /** The text with every range replaced by {@code mask}. */
  String apply(String text, String mask) {
    if (count == 0) {
      return text;
    }
    Arrays.sort(ranges, 0, count);
    StringBuilder out = new StringBuilder(text.length());
    int pos = 0;
    int i = 0;
    while (i < count) {
      int start = (int) (ranges[i] >>> 32);
      int end = (int) ranges[i];
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
      pos = end;
    }
    out.append(text, pos, text.length());
    return out.toString();
  }
}
