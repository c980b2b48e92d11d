package dev.airflowmcp.runtime.logs;

import java.util.ArrayList;
import java.util.List;

/**
 * The last N lines seen, in a ring buffer: memory is bounded by N × {@link #MAX_LINE_CHARS},
 * whatever the length of the log. A line longer than {@link #MAX_LINE_CHARS} keeps its start and
 * says how much was cut. Text may arrive in pieces that split a line; the unfinished last line is
 * held until its end arrives (also bounded; see {@link LineSplitter}).
 */
final class LogTail implements LogSink {
  /** Longest line kept whole. */
  static final int MAX_LINE_CHARS = 2_000;

  private final String[] ring;
  private final LineSplitter splitter = new LineSplitter(MAX_LINE_CHARS, this::push);
  private int next;
  private int size;
  private long seen;

  LogTail(int lines) {
    if (lines < 1) {
      throw new IllegalArgumentException("lines must be at least 1");
    }
    ring = new String[lines];
  }

  @Override
  public void addLines(String text) {
    splitter.addLines(text);
  }

  @Override
  public void addText(String text) {
    splitter.addText(text);
  }

  @Override
  public void finish() {
    splitter.finish();
  }

  private void push(String text, long cut) {
    String line = cut > 0 ? text + " [... " + cut + " characters cut]" : text;
    ring[next] = line;
    next = (next + 1) % ring.length;
    size = Math.min(size + 1, ring.length);
    seen++;
  }

  @Override
  public long seen() {
    return seen;
  }

  /** The lines kept, oldest first. */
  List<String> lines() {
    List<String> out = new ArrayList<>(size);
    int first = (next - size + ring.length) % ring.length;
    for (int i = 0; i < size; i++) {
      out.add(ring[(first + i) % ring.length]);
    }
    return out;
  }
}
