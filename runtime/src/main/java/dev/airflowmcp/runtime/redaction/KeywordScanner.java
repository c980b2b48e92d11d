package dev.airflowmcp.runtime.redaction;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Finds many ASCII keywords at once, ignoring ASCII case, in one pass over the text: an
 * Aho–Corasick automaton compiled to a dense table over the 128 ASCII characters. A character
 * outside ASCII cannot be part of a keyword and sends the automaton back to its start. This is the
 * pre-filter that keeps harmless text cheap: most text produces no hit at all.
 */
final class KeywordScanner {
  private static final int ALPHABET = 128;

  /** Receives each keyword occurrence, in order of its end position. */
  @FunctionalInterface
  interface Sink {
    void hit(int keyword, int start, int end);
  }

  /** Transitions: {@code table[state * width + classOf[c]]}; states fit in a char. */
  private final char[] table;

  /**
   * ASCII character → its class: one per character that occurs in a keyword (letters folded to
   * lower case), 0 for all others. A narrow table stays in the CPU's caches.
   */
  private final byte[] classOf = new byte[ALPHABET];

  private final int width;
  private final int[][] outputs;
  private final int[] lengths;

  /**
   * @param keywords non-empty ASCII keywords; the index in this list is the id passed to {@link
   *     Sink#hit}
   */
  KeywordScanner(List<String> keywords) {
    lengths = new int[keywords.size()];
    List<int[]> gotoRows = new ArrayList<>();
    List<List<Integer>> out = new ArrayList<>();
    gotoRows.add(newRow());
    out.add(new ArrayList<>());
    for (int k = 0; k < keywords.size(); k++) {
      String word = keywords.get(k).toLowerCase(Locale.ROOT);
      if (word.isEmpty()) {
        throw new IllegalArgumentException("empty keyword");
      }
      lengths[k] = word.length();
      int state = 0;
      for (int i = 0; i < word.length(); i++) {
        char c = word.charAt(i);
        if (c >= ALPHABET) {
          throw new IllegalArgumentException("keyword is not ASCII: " + word);
        }
        int next = gotoRows.get(state)[c];
        if (next <= 0) {
          next = gotoRows.size();
          gotoRows.add(newRow());
          out.add(new ArrayList<>());
          gotoRows.get(state)[c] = next;
        }
        state = next;
      }
      out.get(state).add(k);
    }
    int states = gotoRows.size();
    int[] table = new int[states * ALPHABET];
    int[] fail = new int[states];
    outputs = new int[states][];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int c = 0; c < ALPHABET; c++) {
      int next = gotoRows.get(0)[c];
      if (next > 0) {
        fail[next] = 0;
        table[c] = next;
        queue.add(next);
      } else {
        table[c] = 0;
      }
    }
    List<List<Integer>> merged = new ArrayList<>(out);
    while (!queue.isEmpty()) {
      int s = queue.poll();
      List<Integer> own = new ArrayList<>(merged.get(s));
      own.addAll(merged.get(fail[s]));
      merged.set(s, own);
      for (int c = 0; c < ALPHABET; c++) {
        int next = gotoRows.get(s)[c];
        if (next > 0) {
          fail[next] = table[fail[s] * ALPHABET + c];
          table[s * ALPHABET + c] = next;
          queue.add(next);
        } else {
          table[s * ALPHABET + c] = table[fail[s] * ALPHABET + c];
        }
      }
    }
    for (int s = 0; s < states; s++) {
      List<Integer> o = merged.get(s);
      outputs[s] = o.isEmpty() ? null : o.stream().mapToInt(Integer::intValue).toArray();
    }
    // Upper-case letters behave as their lower-case forms.
    for (int s = 0; s < states; s++) {
      for (int c = 'A'; c <= 'Z'; c++) {
        table[s * ALPHABET + c] = table[s * ALPHABET + c + 32];
      }
    }
    if (states >= Character.MAX_VALUE) {
      throw new IllegalArgumentException("too many keywords: " + states + " states");
    }
    // Characters in no keyword all go to the start's transitions: one shared class, 0.
    int classes = 1;
    byte[] lowerClass = new byte[ALPHABET];
    for (String k : keywords) {
      for (char c : k.toLowerCase(Locale.ROOT).toCharArray()) {
        if (lowerClass[c] == 0) {
          lowerClass[c] = (byte) classes++;
        }
      }
    }
    if (classes > Byte.MAX_VALUE) {
      throw new IllegalArgumentException("too many distinct keyword characters");
    }
    for (int c = 0; c < ALPHABET; c++) {
      int lower = c >= 'A' && c <= 'Z' ? c + 32 : c;
      classOf[c] = lowerClass[lower];
    }
    int[] representative = new int[classes];
    for (int c = ALPHABET - 1; c >= 0; c--) {
      representative[classOf[c]] = c;
    }
    // Class 0 must be a character in no keyword; find one (there are many: control chars).
    for (int c = 0; c < ALPHABET; c++) {
      if (classOf[c] == 0) {
        representative[0] = c;
        break;
      }
    }
    width = classes;
    this.table = new char[states * width];
    for (int s = 0; s < states; s++) {
      for (int k = 0; k < width; k++) {
        this.table[s * width + k] = (char) table[s * ALPHABET + representative[k]];
      }
    }
  }

  private static int[] newRow() {
    int[] row = new int[ALPHABET];
    Arrays.fill(row, -1);
    return row;
  }

  /** Reports every occurrence (overlapping ones too) in {@code text[from, to)}. */
  void scan(CharSequence text, int from, int to, Sink sink) {
    char[] t = table;
    byte[] cls = classOf;
    int w = width;
    int[][] out = outputs;
    int state = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c >= ALPHABET) {
        state = 0;
        continue;
      }
      state = t[state * w + cls[c]];
      int[] o = out[state];
      if (o != null) {
        for (int k : o) {
          sink.hit(k, i + 1 - lengths[k], i + 1);
        }
      }
    }
  }

  /** Whether any keyword occurs in the text. */
  boolean containsAny(CharSequence text) {
    char[] t = table;
    byte[] cls = classOf;
    int w = width;
    int[][] out = outputs;
    int state = 0;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (c >= ALPHABET) {
        state = 0;
        continue;
      }
      state = t[state * w + cls[c]];
      if (out[state] != null) {
        return true;
      }
    }
    return false;
  }
}
