package dev.airflowmcp.runtime.redaction;

/**
 * Tables that {@link Tables} does not read (issue 12): columns aligned with spaces (pandas and R
 * data frames, SQL*Plus, tabulate's plain format, {@code kubectl -o custom-columns}) and boxes
 * drawn without spaces around the bars (Spark's {@code show()}: {@code |user|password|}) or with
 * box-drawing characters (polars: {@code │ a ┆ b │}). A header row of bare names, one of them a
 * secret name ({@link SecretNames#namesASecret}: {@code password}, {@code pwd}, {@code api_key},
 * {@code access_token}; not {@code password_last_changed}, {@code token_count}, {@code
 * secret_name}), then rows with as many cells (or one more: a data frame's index); only the cells
 * of the secret columns are masked, counted from the right so an index column does not shift them,
 * and only when they are not a placeholder, null, a flag or a date. Rules ({@code ---}, {@code
 * +--+}, {@code ╞═╪═╡}) keep the table; any other row with another count ends it. In space-aligned
 * tables every gap in the header must be two spaces or more (prose has single spaces). One pass
 * over the lines.
 */
final class AlignedTables {
  private AlignedTables() {}

  private static final int MAX_COLUMNS = 32;
  private static final int MAX_LINE = 4096;

  static void find(String text, Spans spans) {
    if (text.indexOf('\n') < 0
        || (text.indexOf("  ") < 0
            && text.indexOf('|') < 0
            && text.indexOf('\t') < 0
            && text.indexOf('\u2502') < 0
            && text.indexOf('\u2503') < 0)) {
      return; // no column gap and no bar: no table
    }
    int n = text.length();
    int[] starts = new int[MAX_COLUMNS + 2];
    int[] ends = new int[MAX_COLUMNS + 2];
    int columns = -1; // header cells of the table being read, -1 outside a table
    long secret = 0; // secret columns, bit c for the c-th header cell counted from the right
    boolean box = false;
    int i = 0;
    while (i < n) {
      int nl = text.indexOf('\n', i);
      int end = nl < 0 ? n : nl;
      if (end - i <= MAX_LINE) {
        if (columns < 0 && !mayStartHeader(text, i, end)) {
          i = end + 1;
          continue; // most log lines: a time or a bracket first
        }
        if (isRule(text, i, end)) {
          i = end + 1;
          continue;
        }
        boolean lineBox = boxed(text, i, end);
        // Outside a table a line without bars is split below as a header only (its gaps tested)
        int cells =
            lineBox
                ? splitBox(text, i, end, starts, ends)
                : columns > 0 ? splitSpaces(text, i, end, starts, ends, false) : 0;
        if (columns > 0 && lineBox == box && (cells == columns || cells == columns + 1)) {
          for (int c = 0; c < columns; c++) {
            if ((secret & (1L << c)) != 0) {
              int k = cells - 1 - c;
              maskCell(text, starts[k], ends[k], spans);
            }
          }
        } else {
          columns = -1;
          secret = 0;
          int hc = lineBox ? cells : splitSpaces(text, i, end, starts, ends, true);
          if (hc >= 2) {
            long bits = header(text, hc, starts, ends);
            if (bits != 0) {
              columns = hc;
              secret = bits;
              box = lineBox;
            }
          }
        }
      } else {
        columns = -1;
      }
      i = end + 1;
    }
  }

  private static void maskCell(String text, int a, int b, Spans spans) {
    if (b - a < 3) {
      return;
    }
    String v = text.substring(a, b);
    if (Masks.isPlaceholder(v)
        || ValueKinds.clearlyNotSecret(v)
        || v.equalsIgnoreCase("nan")
        || v.equals("<NA>")
        || v.equals("NaT")
        || v.equals("str")
        || v.equals("---")) {
      return;
    }
    spans.add(a, b);
  }

  /** Whether the line's first non-space character is a letter or a bar: a header may start so. */
  private static boolean mayStartHeader(String s, int from, int to) {
    int a = from;
    while (a < to && (s.charAt(a) == ' ' || s.charAt(a) == '\t')) {
      a++;
    }
    if (a >= to) {
      return false;
    }
    char c = s.charAt(a);
    return Character.isLetter(c) || bar(c);
  }

  private static boolean boxed(String s, int from, int to) {
    int a = from;
    while (a < to && s.charAt(a) == ' ') {
      a++;
    }
    if (a >= to) {
      return false;
    }
    char c = s.charAt(a);
    if (c == '|' || c == '\u2502' || c == '\u2503' || c == '\u2551') {
      return true;
    }
    for (int k = a + 1; k + 1 < to; k++) { // psql: "service | client_secret", bars inside only
      if (bar(s.charAt(k)) && s.charAt(k - 1) == ' ' && s.charAt(k + 1) == ' ') {
        return true;
      }
    }
    return false;
  }

  private static boolean bar(char c) {
    return c == '|'
        || c == '\u2502'
        || c == '\u2503'
        || c == '\u2551'
        || c == '\u2506'
        || c == '\u250a'
        || c == '\u2506';
  }

  /** Cells between bars (and before the first, after the last when not empty), trimmed. */
  private static int splitBox(String s, int from, int to, int[] starts, int[] ends) {
    int count = 0;
    int cs = from;
    for (int k = from; k <= to; k++) {
      if (k == to || bar(s.charAt(k))) {
        if ((cs == from || k == to) && s.substring(cs, k).isBlank()) {
          cs = k + 1;
          continue; // the edges of a drawn box
        }
        if (count >= MAX_COLUMNS) {
          return 0;
        }
        int a = cs;
        int b = k;
        while (a < b && s.charAt(a) == ' ') {
          a++;
        }
        while (b > a && s.charAt(b - 1) == ' ') {
          b--;
        }
        starts[count] = a;
        ends[count] = b;
        count++;
        cs = k + 1;
      }
    }
    return count;
  }

  /**
   * Cells separated by white space; with {@code header}, every gap must be two spaces or a tab
   * (else 0).
   */
  private static int splitSpaces(
      String s, int from, int to, int[] starts, int[] ends, boolean header) {
    int count = 0;
    int k = from;
    while (k < to && (s.charAt(k) == ' ' || s.charAt(k) == '\t')) {
      k++;
    }
    while (k < to) {
      int a = k;
      while (k < to && s.charAt(k) != ' ' && s.charAt(k) != '\t' && s.charAt(k) != '\r') {
        k++;
      }
      if (count > MAX_COLUMNS) {
        return 0;
      }
      starts[count] = a;
      ends[count] = k;
      count++;
      int g = k;
      while (k < to && (s.charAt(k) == ' ' || s.charAt(k) == '\t' || s.charAt(k) == '\r')) {
        k++;
      }
      if (header && k < to && k - g < 2 && s.charAt(g) != '\t') {
        return 0;
      }
    }
    return count;
  }

  /** Secret columns of a header of bare names, counted from the right; 0 when no header. */
  private static long header(String s, int cells, int[] starts, int[] ends) {
    if (cells > MAX_COLUMNS) {
      return 0;
    }
    long bits = 0;
    for (int c = 0; c < cells; c++) {
      int a = starts[c];
      int b = ends[c];
      if (b <= a || b - a > 40 || !Character.isLetter(s.charAt(a))) {
        return 0;
      }
      for (int k = a; k < b; k++) {
        char ch = s.charAt(k);
        if (!(Character.isLetterOrDigit(ch) || ch == '_' || ch == '-' || ch == '.')) {
          return 0;
        }
      }
      if (SecretNames.namesASecret(s.substring(a, b))) {
        bits |= 1L << (cells - 1 - c);
      }
    }
    return bits;
  }

  /**
   * A rule: only '-', '=', '+', ':', bars, box-drawing characters and spaces, at least one mark.
   */
  private static boolean isRule(String s, int from, int to) {
    boolean any = false;
    for (int k = from; k < to; k++) {
      char c = s.charAt(k);
      if (c == '-'
          || c == '='
          || c == '+'
          || c == ':'
          || bar(c)
          || (c >= '\u2500' && c <= '\u257f')) {
        any = true;
      } else if (c != ' ' && c != '\t' && c != '\r') {
        return false;
      }
    }
    return any;
  }
}
