package dev.airflowmcp.common;

import java.util.Collection;
import java.util.Locale;

/** Suggests the closest known name for a misspelled one. */
public final class DidYouMean {
  private DidYouMean() {}

  /**
   * The candidate closest to {@code wrong} by edit distance (case-insensitive), or {@code null}
   * when nothing is close enough to be a plausible typo. Ties go to the alphabetically first
   * candidate so that messages are stable.
   */
  public static String closest(String wrong, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String w = wrong.toLowerCase(Locale.ROOT);
    for (String c : candidates) {
      int d = distance(w, c.toLowerCase(Locale.ROOT));
      if (d < bestDistance || (d == bestDistance && best != null && c.compareTo(best) < 0)) {
        best = c;
        bestDistance = d;
      }
    }
    if (best == null) {
      return null;
    }
    int limit = Math.max(2, Math.min(wrong.length(), best.length()) / 3);
    return bestDistance <= limit ? best : null;
  }

  /** A hint sentence, or {@code null} when there is no close candidate. */
  public static String hint(String wrong, Collection<String> candidates) {
    String c = closest(wrong, candidates);
    return c == null ? null : "did you mean '" + c + "'?";
  }

  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
