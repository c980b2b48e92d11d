package dev.airflowmcp.runtime.redaction;

/**
 * Text tables ({@code airflow connections list}, psql and tabulate output): a header row whose
 * cells are column names, then rows with as many cells. The cells of a column whose name denotes a
 * secret ({@code password}, {@code secret}, {@code token}, …) are masked in every row below the
 * header. Cells are separated by {@code |}; rows of {@code -}, {@code =} and {@code +} are rules.
 * Only texts holding {@code " | "} are looked at; one pass over their lines. CSV and TSV ({@link
 * #findDelimited}) work the same way: a header line of bare names (no spaces), then rows with as
 * many cells.
 */
final class Tables {
  private Tables() {}

  /** Columns tracked at most. */
  private static final int MAX_COLUMNS = 64;

  static void find(String text, Spans spans) {
    if (text.indexOf(" | ") < 0) {
      return;
    }
    int n = text.length();
    long secretColumns = 0;
    int columns = -1;
    int i = 0;
    int[] starts = new int[MAX_COLUMNS + 1];
    int[] ends = new int[MAX_COLUMNS + 1];
    while (i < n) {
      int nl = text.indexOf('\n', i);
      int end = nl < 0 ? n : nl;
      int cells = cells(text, i, end, starts, ends);
      if (cells >= 2) {
        if (columns < 0 || cells != columns) {
          long secret = header(text, cells, starts, ends);
          if (secret != 0) {
            secretColumns = secret;
            columns = cells;
          } else if (cells != columns) {
            columns = -1;
            secretColumns = 0;
          }
        } else if (!isRule(text, i, end)) {
          for (int c = 0; c < cells && c < MAX_COLUMNS; c++) {
            if ((secretColumns & (1L << c)) != 0) {
              String v = text.substring(starts[c], ends[c]);
              if (!v.isEmpty() && !Masks.isPlaceholder(v)) {
                spans.add(starts[c], ends[c]);
              }
            }
          }
        }
      } else if (!isRule(text, i, end)) {
        columns = -1;
        secretColumns = 0;
      }
      i = end + 1;
    }
  }

  /** Longest quoted name {@link #findPairs} reads. */
  private static final int MAX_PAIR_NAME = 64;

  /** Longest quoted value {@link #findPairs} reads. */
  private static final int MAX_PAIR_VALUE = 256;

  /**
   * Rows that pair a name with its value as two quoted items: a key/value table dumped as SQL
   * ({@code (79, 'orders_partner_secret', 'TSdQ…', NULL)} in an {@code INSERT} into Airflow's
   * {@code variable} table, one row or many), Python tuples and lists ({@code ("DB_PASSWORD",
   * "…")}) in text. The second item is masked when the first is a secret name ({@link
   * SecretNames#classify} strong) and the second can only be a password ({@link
   * Detectors#flagValue}: machine-made, not a word, path or reference). Each quote starts at most
   * one bounded read of a name and, after a secret name, one of a value: linear in the text.
   */
  static void findPairs(String text, Spans spans) {
    int n = text.length();
    int i = 0;
    while (i < n) {
      char q = text.charAt(i);
      if (q != '\'' && q != '"') {
        i++;
        continue;
      }
      int b = i + 1;
      int limit = Math.min(n, i + 1 + MAX_PAIR_NAME);
      while (b < limit && Assignments.isNameChar(text.charAt(b))) {
        b++;
      }
      if (b >= n || text.charAt(b) != q || b - i - 1 < 3) {
        i = Math.max(i + 1, b);
        continue;
      }
      int c = b + 1;
      while (c < n && text.charAt(c) == ' ') {
        c++;
      }
      if (c >= n || text.charAt(c) != ',') {
        i = b + 1;
        continue;
      }
      c++;
      while (c < n && text.charAt(c) == ' ') {
        c++;
      }
      if (c >= n || (text.charAt(c) != '\'' && text.charAt(c) != '"')) {
        i = b + 1;
        continue;
      }
      String name = text.substring(i + 1, b);
      if (SecretNames.classify(name) == SecretNames.Strength.STRONG) {
        char vq = text.charAt(c);
        int d = c + 1;
        int vlimit = Math.min(n, c + 1 + MAX_PAIR_VALUE);
        while (d < vlimit
            && text.charAt(d) != vq
            && text.charAt(d) != '\n'
            && text.charAt(d) != '\\') {
          d++;
        }
        if (d < vlimit && text.charAt(d) == vq) {
          String v = text.substring(c + 1, d);
          if (Detectors.flagValue(v) && !Masks.isPlaceholder(v)) {
            spans.add(c + 1, d);
          }
        }
      }
      i = b + 1;
    }
  }

  /** Splits a line at '|' into trimmed cells; returns their count (0 without two '|'). */
  private static int cells(String text, int from, int to, int[] starts, int[] ends) {
    int bars = 0;
    for (int k = from; k < to; k++) {
      if (text.charAt(k) == '|') {
        bars++;
      }
    }
    if (bars < 2 || bars > MAX_COLUMNS) {
      return 0;
    }
    int count = 0;
    int cs = from;
    for (int k = from; k <= to; k++) {
      if (k == to || text.charAt(k) == '|') {
        int a = cs;
        int b = k;
        while (a < b && Character.isWhitespace(text.charAt(a))) {
          a++;
        }
        while (b > a && Character.isWhitespace(text.charAt(b - 1))) {
          b--;
        }
        boolean edge = (count == 0 && k < to && a == b) || (k == to && a == b);
        if (!edge) {
          starts[count] = a;
          ends[count] = b;
          count++;
        }
        cs = k + 1;
      }
    }
    return count;
  }

  /** The columns (as bits) whose header cell names a secret; 0 when this is no header row. */
  private static long header(String text, int cells, int[] starts, int[] ends) {
    long secret = 0;
    for (int c = 0; c < cells && c < MAX_COLUMNS; c++) {
      String name = text.substring(starts[c], ends[c]);
      if (name.isEmpty() || name.length() > 40) {
        return 0;
      }
      for (int k = 0; k < name.length(); k++) {
        char ch = name.charAt(k);
        if (!(Character.isLetterOrDigit(ch) || ch == '_' || ch == ' ' || ch == '-')) {
          return 0;
        }
      }
      if (SecretNames.namesASecret(name.replace(' ', '_'))) {
        secret |= 1L << c;
      }
    }
    return secret;
  }

  private static boolean isRule(String text, int from, int to) {
    boolean any = false;
    for (int k = from; k < to; k++) {
      char c = text.charAt(k);
      if (c == '-' || c == '=' || c == '+' || c == '|') {
        any = true;
      } else if (!Character.isWhitespace(c)) {
        return false;
      }
    }
    return any;
  }

  /**
   * CSV or TSV text (an export, a query result written by a task): a header line whose cells are
   * bare names ({@code user,password,role}), one of them a secret name, then rows with as many
   * cells; the cells of the secret columns are masked. Cells may be double-quoted (the quotes
   * stay); a row whose count differs (a quoted delimiter, prose) ends the table.
   */
  static void findDelimited(String text, Spans spans) {
    findDelimited(text, spans, text.indexOf('\t') >= 0 ? '\t' : ',');
  }

  /**
   * {@link #findDelimited(String, Spans)} with cells separated by {@code delim} ({@code ;} too).
   */
  static void findDelimited(String text, Spans spans, char delim) {
    int firstNl = text.indexOf('\n');
    if (firstNl < 0) {
      return;
    }
    int n = text.length();
    long secretColumns = 0;
    int columns = -1;
    int[] starts = new int[MAX_COLUMNS + 1];
    int[] ends = new int[MAX_COLUMNS + 1];
    int i = 0;
    while (i < n) {
      int nl = text.indexOf('\n', i);
      int end = nl < 0 ? n : nl;
      int cells = split(text, i, end, delim, starts, ends);
      if (cells >= 2 && cells == columns) {
        for (int c = 0; c < cells && c < MAX_COLUMNS; c++) {
          if ((secretColumns & (1L << c)) != 0) {
            int a = starts[c];
            int b = ends[c];
            if (b - a >= 2 && text.charAt(a) == '"' && text.charAt(b - 1) == '"') {
              a++;
              b--;
            }
            String v = text.substring(a, b);
            if (v.length() >= 3 && !Masks.isPlaceholder(v) && !ValueKinds.clearlyNotSecret(v)) {
              spans.add(a, b);
            }
          }
        }
      } else {
        long secret = cells >= 2 ? bareHeader(text, cells, starts, ends) : 0;
        secretColumns = secret;
        columns = secret != 0 ? cells : -1;
      }
      i = end + 1;
    }
  }

  /** Splits a line at {@code delim} into trimmed cells; 0 when there are more than allowed. */
  private static int split(String text, int from, int to, char delim, int[] starts, int[] ends) {
    int count = 0;
    int cs = from;
    for (int k = from; k <= to; k++) {
      if (k == to || text.charAt(k) == delim) {
        if (count >= MAX_COLUMNS) {
          return 0;
        }
        int a = cs;
        int b = k;
        while (a < b && (text.charAt(a) == ' ' || text.charAt(a) == '\r')) {
          a++;
        }
        while (b > a && (text.charAt(b - 1) == ' ' || text.charAt(b - 1) == '\r')) {
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

  /** The secret columns of a header of bare names (letters, digits, '_', '-', '.'), or 0. */
  private static long bareHeader(String text, int cells, int[] starts, int[] ends) {
    long secret = 0;
    for (int c = 0; c < cells && c < MAX_COLUMNS; c++) {
      int a = starts[c];
      int b = ends[c];
      if (b - a >= 2 && text.charAt(a) == '"' && text.charAt(b - 1) == '"') {
        a++;
        b--;
      }
      if (b <= a || b - a > 40 || !Character.isLetter(text.charAt(a))) {
        return 0;
      }
      for (int k = a; k < b; k++) {
        char ch = text.charAt(k);
        if (!(Character.isLetterOrDigit(ch) || ch == '_' || ch == '-' || ch == '.')) {
          return 0;
        }
      }
      if (SecretNames.namesASecret(text.substring(a, b))) {
        secret |= 1L << c;
      }
    }
    return secret;
  }
}
