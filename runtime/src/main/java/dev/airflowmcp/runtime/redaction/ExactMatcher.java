package dev.airflowmcp.runtime.redaction;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;

/**
 * Finds exact occurrences of many strings (registered secret values) in one pass: an Aho–Corasick
 * automaton with sparse transitions (a dense table for the first character). When one value is a
 * prefix of another, the longer one is masked whole. Immutable and thread-safe.
 */
final class ExactMatcher {
  static final ExactMatcher EMPTY = new ExactMatcher(java.util.List.of());

  private final int[] rootNext;

  /**
   * A few values are searched for one by one instead ({@link #SMALL} at most): building the
   * automaton's 64K-entry root table costs more than searching for them.
   */
  private final String[] small;

  /** Most values searched for one by one. */
  static final int SMALL = 24;

  private final char[][] keys;
  private final int[][] targets;
  private final int[] fail;

  /** Length of the value ending in this state, or 0. */
  private final int[] length;

  /** The nearest state on the failure chain (excluding this one) that ends a value, or -1. */
  private final int[] dictLink;

  private final boolean empty;

  private static final char[] NO_KEYS = new char[0];
  private static final int[] NO_TARGETS = new int[0];

  ExactMatcher(Collection<String> values) {
    this(values, values.size() > SMALL);
  }

  /**
   * A matcher for {@code values}, which may repeat one value many times (values found by name once
   * per line of a long text): built from the distinct values, choosing between the one-by-one
   * search and the automaton by the count with repeats, as {@link #ExactMatcher(Collection)} does,
   * so that it finds the same ranges.
   */
  static ExactMatcher withRepeats(java.util.List<String> values) {
    return new ExactMatcher(new java.util.LinkedHashSet<>(values), values.size() > SMALL);
  }

  private ExactMatcher(Collection<String> values, boolean automaton) {
    if (!automaton) {
      small = values.stream().filter(v -> !v.isEmpty()).distinct().toArray(String[]::new);
      rootNext = null;
      keys = null;
      targets = null;
      fail = null;
      length = null;
      dictLink = null;
      empty = small.length == 0;
      return;
    }
    small = null;
    rootNext = new int[Character.MAX_VALUE + 1];
    // Build the trie in growable arrays: per state its children (unsorted while building) and
    // the length of the value ending there. The root's children live in rootNext.
    int capacity = 16;
    for (String v : values) {
      capacity += v.length();
    }
    char[][] bKeys = new char[capacity][];
    int[][] bTargets = new int[capacity][];
    int[] bCount = new int[capacity];
    int[] bLength = new int[capacity];
    int states = 1;
    for (String v : values) {
      if (v.isEmpty()) {
        continue;
      }
      int state = 0;
      for (int i = 0; i < v.length(); i++) {
        char c = v.charAt(i);
        int next = -1;
        if (state == 0) {
          next = rootNext[c] > 0 ? rootNext[c] : -1;
        } else {
          for (int k = 0; k < bCount[state]; k++) {
            if (bKeys[state][k] == c) {
              next = bTargets[state][k];
              break;
            }
          }
        }
        if (next < 0) {
          next = states++;
          if (state == 0) {
            rootNext[c] = next;
          } else {
            if (bKeys[state] == null) {
              bKeys[state] = new char[2];
              bTargets[state] = new int[2];
            } else if (bCount[state] == bKeys[state].length) {
              bKeys[state] = Arrays.copyOf(bKeys[state], bCount[state] * 2);
              bTargets[state] = Arrays.copyOf(bTargets[state], bCount[state] * 2);
            }
            bKeys[state][bCount[state]] = c;
            bTargets[state][bCount[state]] = next;
            bCount[state]++;
          }
        }
        state = next;
      }
      bLength[state] = v.length();
    }
    int n = states;
    empty = n == 1;
    keys = new char[n][];
    targets = new int[n][];
    length = Arrays.copyOf(bLength, n);
    int rootChildren = 0;
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      if (rootNext[c] > 0) {
        rootChildren++;
      }
    }
    keys[0] = new char[rootChildren];
    targets[0] = new int[rootChildren];
    for (int c = 0, i = 0; c <= Character.MAX_VALUE; c++) {
      if (rootNext[c] > 0) {
        keys[0][i] = (char) c;
        targets[0][i++] = rootNext[c];
      }
    }
    for (int s1 = 1; s1 < n; s1++) {
      int count = bCount[s1];
      char[] k = count == 0 ? NO_KEYS : Arrays.copyOf(bKeys[s1], count);
      int[] t = count == 0 ? NO_TARGETS : Arrays.copyOf(bTargets[s1], count);
      // Sort children by character (insertion sort: lists are short).
      for (int i = 1; i < count; i++) {
        char kc = k[i];
        int tc = t[i];
        int j = i - 1;
        while (j >= 0 && k[j] > kc) {
          k[j + 1] = k[j];
          t[j + 1] = t[j];
          j--;
        }
        k[j + 1] = kc;
        t[j + 1] = tc;
      }
      keys[s1] = k;
      targets[s1] = t;
    }
    fail = new int[n];
    dictLink = new int[n];
    Arrays.fill(dictLink, -1);
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int t : targets[0]) {
      fail[t] = 0;
      queue.add(t);
    }
    while (!queue.isEmpty()) {
      int s = queue.poll();
      for (int i = 0; i < keys[s].length; i++) {
        char c = keys[s][i];
        int t = targets[s][i];
        int f = fail[s];
        int next = step(f, c);
        while (next < 0) {
          f = fail[f];
          next = step(f, c);
        }
        fail[t] = next == t ? 0 : next;
        dictLink[t] = length[fail[t]] > 0 ? fail[t] : dictLink[fail[t]];
        queue.add(t);
      }
    }
  }

  /** The transition from {@code state} on {@code c}; at the root it never fails (-1 elsewhere). */
  private int step(int state, char c) {
    if (state == 0) {
      return rootNext[c];
    }
    char[] k = keys[state];
    int i = Arrays.binarySearch(k, c);
    return i >= 0 ? targets[state][i] : -1;
  }

  boolean isEmpty() {
    return empty;
  }

  /**
   * Adds {@code [start, end)} of every match to {@code out}. Overlapping matches are masked as
   * their union, so a value always wins over any shorter value that is its prefix or part of it
   * (the longest match is masked whole, never only its shorter prefix).
   */
  void find(CharSequence text, Spans out) {
    if (small != null) {
      if (small.length == 0) {
        return;
      }
      String t = text.toString();
      for (String v : small) {
        for (int i = t.indexOf(v); i >= 0; i = t.indexOf(v, i + 1)) {
          out.add(i, i + v.length());
        }
      }
      return;
    }
    if (empty) {
      return;
    }
    int state = 0;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      int next = step(state, c);
      while (next < 0) {
        state = fail[state];
        next = step(state, c);
      }
      state = next;
      // The longest value ending here covers every shorter one ending here.
      int s = length[state] > 0 ? state : dictLink[state];
      if (s > 0) {
        out.add(i + 1 - length[s], i + 1);
      }
    }
  }
}
