package dev.airflowmcp.runtime.logs;

/**
 * Splits log text into lines ({@code \n} or {@code \r\n}) with bounded memory: a line longer than
 * {@code maxLineChars} keeps its start and reports how many characters were cut. Text may arrive in
 * pieces that split a line; the unfinished last line is held (also bounded) until its end arrives.
 */
final class LineSplitter {

  /** Where complete lines go. */
  @FunctionalInterface
  interface Lines {
    /**
     * @param line the line (at most {@code maxLineChars} characters)
     * @param cut characters cut from its end
     */
    void line(String line, long cut);
  }

  private final int maxLineChars;
  private final Lines out;
  private final StringBuilder pending = new StringBuilder();
  private long pendingCut;

  LineSplitter(int maxLineChars, Lines out) {
    if (maxLineChars < 1) {
      throw new IllegalArgumentException("maxLineChars must be at least 1");
    }
    this.maxLineChars = maxLineChars;
    this.out = out;
  }

  /** Whole lines: a held unfinished line ends first. */
  void addLines(String text) {
    finish();
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

  /** A piece of a text stream. */
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

  /** Ends the stream: a held unfinished line becomes a line. */
  void finish() {
    if (pending.length() > 0 || pendingCut > 0) {
      push(pending, 0, pending.length(), pendingCut);
      pending.setLength(0);
      pendingCut = 0;
    }
  }

  /** Whether an unfinished line is held. */
  boolean holdsText() {
    return pending.length() > 0 || pendingCut > 0;
  }

  private void appendPending(CharSequence text, int start, int end) {
    int room = maxLineChars - pending.length();
    int take = Math.max(0, Math.min(room, end - start));
    pending.append(text, start, start + take);
    pendingCut += (end - start) - take;
  }

  private void push(CharSequence text, int start, int end, long alreadyCut) {
    long cut = alreadyCut;
    int stop = end;
    if (end - start > maxLineChars) {
      cut += (end - start) - maxLineChars;
      stop = start + maxLineChars;
      if (Character.isHighSurrogate(text.charAt(stop - 1))) {
        stop--;
        cut++;
      }
    }
    out.line(text.subSequence(start, stop).toString(), cut);
  }
}
