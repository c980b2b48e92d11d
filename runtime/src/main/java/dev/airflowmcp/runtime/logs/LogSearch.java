package dev.airflowmcp.runtime.logs;

import dev.airflowmcp.runtime.pipeline.UntrustedText;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Searches a log as its pages arrive, line by line, keeping only what the result needs: the matches
 * found so far (at most {@code maxMatches}, within a character budget), the last {@code before}
 * lines for context and the matches still waiting for their {@code after} lines. Memory is bounded
 * by those, whatever the length of the log.
 *
 * <p>Every line is matched as redacted (through the server's redactor), so the search sees only
 * what the result may show: a pattern cannot test for a secret that would be masked. Lines that
 * lack a text every match contains ({@link SearchPattern#mayMatch}) are skipped before redaction,
 * which tells nothing more; context lines are redacted only when a match returns them. Line numbers
 * count the lines of the log as this server formats them (an Airflow 3 record with a traceback
 * spans several lines), from 1.
 */
final class LogSearch implements LogSink {
  /** Characters of one line that are searched; longer lines are searched by their start. */
  static final int MAX_LINE_CHARS = 8_000;

  /** Characters of a matching line returned: a window around the match when it is longer. */
  static final int MATCH_CHARS = 1_000;

  /** Characters of a context line returned. */
  static final int CONTEXT_CHARS = 500;

  /** Log levels, lowest first. */
  enum Level {
    DEBUG,
    INFO,
    WARNING,
    ERROR,
    CRITICAL;

    /** The level a log names (Python's names and common aliases), or null. */
    static Level parse(String name) {
      if (name == null) {
        return null;
      }
      return switch (name.strip().toLowerCase(Locale.ROOT)) {
        case "debug", "trace" -> DEBUG;
        case "info" -> INFO;
        case "warning", "warn" -> WARNING;
        case "error", "exception" -> ERROR;
        case "critical", "fatal" -> CRITICAL;
        default -> null;
      };
    }
  }

  /** Why the search stopped taking matches. */
  enum Full {
    MAX_MATCHES,
    SIZE_LIMIT
  }

  /** One match and its context. */
  static final class Match {
    final long line;
    final String text;
    final List<String> before;
    final List<String> after = new ArrayList<>();
    int afterLeft;

    Match(long line, String text, List<String> before, int afterLeft) {
      this.line = line;
      this.text = text;
      this.before = before;
      this.afterLeft = afterLeft;
    }
  }

  private final SearchPattern pattern;
  private final Level minLevel;
  private final int before;
  private final int after;
  private final int maxMatches;
  private final int maxChars;
  private final UnaryOperator<String> redact;
  private final LineSplitter splitter = new LineSplitter(MAX_LINE_CHARS, this::line);
  private final Deque<Kept> recent = new ArrayDeque<>();
  private final List<Match> matches = new ArrayList<>();
  private final List<Match> open = new ArrayList<>();
  private long lines;
  private long searched;
  private boolean inRecord;
  private Level recordLevel;
  private Level textLevel;
  private int chars;
  private Full full;

  /**
   * @param minLevel only lines at this level or above match, or null for every line
   * @param before context lines kept before a match
   * @param after context lines kept after a match
   * @param maxChars budget of the characters of all matches and their context
   * @param redact the server's redaction of one line
   */
  LogSearch(
      SearchPattern pattern,
      Level minLevel,
      int before,
      int after,
      int maxMatches,
      int maxChars,
      UnaryOperator<String> redact) {
    this.pattern = pattern;
    this.minLevel = minLevel;
    this.before = before;
    this.after = after;
    this.maxMatches = maxMatches;
    this.maxChars = maxChars;
    this.redact = redact;
  }

  @Override
  public void addText(String text) {
    splitter.addText(text);
  }

  @Override
  public void addLines(String text) {
    splitter.addLines(text);
  }

  @Override
  public void addRecord(String text, String level) {
    splitter.finish();
    inRecord = true;
    recordLevel = Level.parse(level);
    try {
      splitter.addLines(text);
    } finally {
      inRecord = false;
    }
  }

  @Override
  public void finish() {
    splitter.finish();
  }

  @Override
  public long seen() {
    return lines;
  }

  /** Lines that were searched (lines after the search stopped taking matches are not). */
  long searched() {
    return searched;
  }

  /** Null while matches are taken; else why no more are. */
  Full full() {
    return full;
  }

  /** No more matches are taken and every match has its context: more pages would change nothing. */
  boolean enough() {
    return full != null && open.isEmpty();
  }

  List<Match> matches() {
    return matches;
  }

  /** A line kept for the context of a later match: redacted only if a match needs it. */
  private final class Kept {
    final String plain;
    final long cut;
    String shown;

    Kept(String plain, long cut) {
      this.plain = plain;
      this.cut = cut;
    }

    String shown() {
      if (shown == null) {
        shown = context(redact.apply(plain), cut);
      }
      return shown;
    }
  }

  private void line(String raw, long cut) {
    lines++;
    Level level;
    if (inRecord) {
      level = recordLevel;
    } else {
      Level parsed = airflow2Level(raw);
      if (parsed != null) {
        textLevel = parsed;
      }
      level = textLevel;
    }
    if (full != null && open.isEmpty()) {
      return;
    }
    // Hidden characters go first (as for every result), then the redactor; a line is matched as
    // the result would show it, so no pattern can test what redaction hides.
    String plain = UntrustedText.strip(raw, null);
    String redacted = null;
    if (!open.isEmpty()) {
      redacted = redact.apply(plain);
      String shown = context(redacted, cut);
      for (Iterator<Match> it = open.iterator(); it.hasNext(); ) {
        Match m = it.next();
        m.after.add(shown);
        if (--m.afterLeft == 0) {
          it.remove();
        }
      }
    }
    if (full == null) {
      searched++;
      if ((minLevel == null || (level != null && level.compareTo(minLevel) >= 0))
          && pattern.mayMatch(plain)) {
        if (redacted == null) {
          redacted = redact.apply(plain);
        }
        int at = pattern.find(redacted);
        if (at >= 0) {
          take(redacted, cut, at);
        }
      }
    }
    if (before > 0) {
      recent.addLast(new Kept(plain, cut));
      if (recent.size() > before) {
        recent.removeFirst();
      }
    }
  }

  private void take(String text, long cut, int at) {
    String shown = window(text, at, cut);
    List<String> context = new ArrayList<>(recent.size());
    int cost = shown.length() + after * CONTEXT_CHARS;
    for (Kept k : recent) {
      context.add(k.shown());
      cost += k.shown().length();
    }
    if (chars + cost > maxChars && !matches.isEmpty()) {
      full = Full.SIZE_LIMIT;
      return;
    }
    chars += cost;
    Match m = new Match(lines, shown, context, after);
    matches.add(m);
    if (after > 0) {
      open.add(m);
    }
    if (matches.size() >= maxMatches) {
      full = Full.MAX_MATCHES;
    }
  }

  /** A context line: its start, marked when cut. */
  private static String context(String text, long cut) {
    if (text.length() <= CONTEXT_CHARS) {
      return cut > 0 ? text + " [... " + cut + " characters cut]" : text;
    }
    return text.substring(0, safeEnd(text, CONTEXT_CHARS))
        + " [... "
        + (text.length() - safeEnd(text, CONTEXT_CHARS) + cut)
        + " characters cut]";
  }

  /** A matching line: whole, or a window around the match, marked where cut. */
  static String window(String text, int at, long cut) {
    if (text.length() <= MATCH_CHARS) {
      return cut > 0 ? text + " [... " + cut + " characters cut]" : text;
    }
    int start = Math.max(0, Math.min(at - MATCH_CHARS / 4, text.length() - MATCH_CHARS));
    if (start > 0 && Character.isLowSurrogate(text.charAt(start))) {
      start++;
    }
    int end = safeEnd(text, Math.min(text.length(), start + MATCH_CHARS));
    StringBuilder b = new StringBuilder(MATCH_CHARS + 60);
    if (start > 0) {
      b.append("[... ").append(start).append(" characters cut] ");
    }
    b.append(text, start, end);
    long tail = text.length() - end + cut;
    if (tail > 0) {
      b.append(" [... ").append(tail).append(" characters cut]");
    }
    return b.toString();
  }

  private static int safeEnd(String text, int end) {
    return end > 0 && end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))
        ? end - 1
        : end;
  }

  /**
   * The level of an Airflow 2 log line in its standard format ({@code [time] {file.py:12} LEVEL -
   * message}), or null for other lines (which keep the level of the line before them: a traceback
   * belongs to the error above it).
   */
  static Level airflow2Level(String line) {
    if (line.isEmpty() || line.charAt(0) != '[') {
      return null;
    }
    int close = line.indexOf("] {");
    if (close < 0 || close > 80) {
      return null;
    }
    int brace = line.indexOf("} ", close + 3);
    if (brace < 0 || brace > close + 200) {
      return null;
    }
    int start = brace + 2;
    int space = line.indexOf(' ', start);
    if (space < 0 || space - start > 10 || !line.startsWith(" -", space)) {
      return null;
    }
    return Level.parse(line.substring(start, space));
  }
}
