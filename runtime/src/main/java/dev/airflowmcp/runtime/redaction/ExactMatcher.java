package dev.airflowmcp.runtime.redaction;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;

/**
 * Finds exact occurrences of many strings (registered secret values) in one pass: an Aho–Corasick
 * automaton with sparse transitions (a dense table for the first character). When one value is
 * a prefix of another, the longer one is masked whole. Immutable and thread-safe.
 */
final class ExactMatcher {
  static final ExactMatcher EMPTY = new ExactMatcher(List.of());

  private final int[] rootNext = new int[Character.MAX_VALUE + 1];
  private final char[][] keys;
  private final int[][] targets;
  private final int[] fail;
  /** Length of the value ending in this state, or 0. */
  private final int[] length;
  /** The nearest state on the failure chain (excluding this one) that ends a value, or -1. */
  private final int[] dictLink;
  private final boolean empty;

  ExactMatcher(Collection<String> values) {
    List<TreeMap<Character, Integer>> trie = new ArrayList<>();
    List<Integer> lengths = new ArrayList<>();
    trie.add(new TreeMap<>());
    lengths.add(0);
    for (String v : values) {
      if (v.isEmpty()) {
        continue;
      }
      int state = 0;
      for (int i = 0; i < v.length(); i++) {
        Integer next = trie.get(state).get(v.charAt(i));
        if (next == null) {
          next = trie.size();
          trie.add(new TreeMap<>());
          lengths.add(0);
          trie.get(state).put(v.charAt(i), next);
        }
        state = next;
      }
      lengths.set(state, v.length());
    }
    int n = trie.size();
    empty = n == 1;
    keys = new char[n][];
    targets = new int[n][];
    length = new int[n];
    for (int s = 0; s < n; s++) {
      TreeMap<Character, Integer> row = trie.get(s);
      keys[s] = new char[row.size()];
      targets[s] = new int[row.size()];
      int i = 0;
      for (var e : row.entrySet()) {
        keys[s][i] = e.getKey();
        targets[s][i] = e.getValue();
        i++;
      }
      length[s] = lengths.get(s);
    }
    Arrays.fill(rootNext, 0);
    for (int i = 0; i < keys[0].length; i++) {
      rootNext[keys[0][i]] = targets[0][i];
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
