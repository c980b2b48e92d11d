package dev.airflowmcp.runtime.logs;

import java.util.ArrayList;
import java.util.List;

/**
 * The last N lines seen, in a ring buffer: memory is bounded by N × {@link #MAX_LINE_CHARS},
 * whatever the length of the log. A line longer than {@link #MAX_LINE_CHARS} keeps its start and
 * says how much was cut. Text may arrive in pieces that split a line; the unfinished last line is
 * held until its end arrives (also bounded).
 */
final class LogTail {
  /** Longest line kept whole. */
  static final int MAX_LINE_CHARS = 2_000;

  private final String[] ring;
  private int next;
  private int size;
  private long seen;
  private final StringBuilder pending = new StringBuilder();
  private long pendingCut;

  LogTail(int lines) {
    if (lines < 1) {
      throw new IllegalArgumentException("lines must be at least 1");
    }
    ring = new String[lines];
  }

  /** Adds whole lines (a record per element, possibly several lines each). */
  void addLines(String text) {
    flushPending();
    int start = 0;
    int n = text.length();
    for (int i = 0; i <= n; i++) {
      if (i == n || text.charAt(i) == '\n') {
        int end = i > start && text.charAt(i - 1) == '\r' ? i - 1 : i;
        if (i < n || end > start) {
          push(text, start, end, 0);
        }
        start = i + 1;
      }
    }
  }

  /**
   * Adds a piece of a text stream: complete lines go in, a trailing piece without a line break is
   * held until the next piece or {@link #finish()}.
   */
  void addText(String text) {
    int start = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      if (text.charAt(i) == '\n') {
        int end = i > start && text.charAt(i - 1) == '\r' ? i - 1 : i;
        if (pending.length() > 0 || pendingCut > 0) {
          appendPending(text, start, end);
          push(pending, 0, pending.length(), pendingCut);
          pending.setLength(0);
          pendingCut = 0;
        } else {
          push(text, start, end, 0);
        }
        start = i + 1;
      }
    }
    if (start < n) {
      appendPending(text, start, n);
    }
  }

  private void appendPending(CharSequence text, int start, int end) {
    int room = MAX_LINE_CHARS - pending.length();
    int take = Math.max(0, Math.min(room, end - start));
    pending.append(text, start, start + take);
    pendingCut += (end - start) - take;
  }

  /** Ends the stream: a held unfinished line becomes the last line. */
  void finish() {
    flushPending();
  }

  private void flushPending() {
    if (pending.length() > 0 || pendingCut > 0) {
      push(pending, 0, pending.length(), pendingCut);
      pending.setLength(0);
      pendingCut = 0;
    }
  }

  private void push(CharSequence text, int start, int end, long alreadyCut) {
    long cut = alreadyCut;
    int stop = end;
    if (end - start > MAX_LINE_CHARS) {
      cut += (end - start) - MAX_LINE_CHARS;
      stop = start + MAX_LINE_CHARS;
      if (Character.isHighSurrogate(text.charAt(stop - 1))) {
        stop--;
        cut++;
      }
    }
    String line = text.subSequence(start, stop).toString();
    if (cut > 0) {
      line = line + " [... " + cut + " characters cut]";
    }
    ring[next] = line;
    next = (next + 1) % ring.length;
    size = Math.min(size + 1, ring.length);
    seen++;
  }

  /** How many lines went in. */
  long seen() {
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
