package dev.airflowmcp.runtime.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Keeps a result within its size budget (in characters of compact JSON). Lists lose trailing
 * items first; then the longest strings are cut, keeping their start. A cut result says so with
 * {@code "truncated": true} and a {@code "truncation_hint"}.
 */
final class ResultBudget {
  static final String DEFAULT_HINT =
      "The result was cut to fit the size budget; ask for less (for example a lower limit).";

  /** The marker ending a cut string; group 1 is how many characters were cut. */
  private static final Pattern MARKER = Pattern.compile("\n\\[\\.\\.\\. (\\d{1,18}) characters cut]$");

  /** Characters reserved for the marker when a string is cut. */
  private static final int MARKER_ROOM = 40;

  private ResultBudget() {}

  static String fit(JsonNode result, int maxChars, String hint, JsonMapper json) {
    String text = write(json, result);
    if (text.length() <= maxChars || !(result instanceof ObjectNode object)) {
      return text;
    }
    object.put("truncated", true);
    object.put("truncation_hint", hint == null ? DEFAULT_HINT : hint);
    // 1. Drop trailing items of the largest list, keeping returned_count true. The whole result
    // is written once to learn how much is over; then only the items dropped are written (to
    // learn their size), not the whole result again after each drop.
    ArrayNode list = largestList(object);
    String out = null;
    if (list != null && list.size() > 0) {
      int over = length(object, json) - maxChars;
      while (over > 0 && list.size() > 0) {
        while (over > 0 && list.size() > 0) {
          // The item and the comma before it (none before the first: an overestimate of one).
          over -= write(json, list.remove(list.size() - 1)).length() + 1;
        }
        if (object.has("returned_count")) {
          object.put("returned_count", list.size());
        }
        // returned_count may have grown shorter; check against the real text.
        out = write(json, object);
        over = out.length() - maxChars;
      }
    }
    // 2. Cut the longest strings until the result fits.
    if (out == null) {
      out = write(json, object);
    }
    for (int guard = 0; guard < 64 && out.length() > maxChars; guard++) {
      Slot longest = longestString(object);
      if (longest == null) {
        break;
      }
      longest.set(cut(longest.value(), out.length() - maxChars));
      out = write(json, object);
    }
    return out;
  }

  /**
   * Shortens {@code s} by at least {@code over} characters plus room for the marker, keeping its
   * start. A string cut before keeps one marker that counts every character cut so far, and a
   * surrogate pair is never split.
   */
  static String cut(String s, int over) {
    String text = s;
    long alreadyCut = 0;
    Matcher m = MARKER.matcher(s);
    if (m.find()) {
      text = s.substring(0, m.start());
      alreadyCut = Long.parseLong(m.group(1));
    }
    int keep = Math.max(0, s.length() - over - MARKER_ROOM);
    keep = Math.min(keep, text.length());
    if (keep > 0 && Character.isHighSurrogate(text.charAt(keep - 1))) {
      keep--;
    }
    long total = alreadyCut + (text.length() - keep);
    return text.substring(0, keep) + "\n[... " + total + " characters cut]";
  }

  private static int length(JsonNode node, JsonMapper json) {
    return write(json, node).length();
  }

  /**
   * Compact JSON text of a node. Written as UTF-8 bytes and decoded: Jackson's byte generator and
   * the JDK's decoder into a compact (Latin-1) string cost about half of writing through a {@code
   * Writer} into chars that then have to be compressed.
   */
  static String write(JsonMapper json, JsonNode node) {
    return new String(json.writeValueAsBytes(node), StandardCharsets.UTF_8);
  }

  private static ArrayNode largestList(ObjectNode object) {
    ArrayNode best = null;
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      if (e.getValue() instanceof ArrayNode a && (best == null || a.size() > best.size())) {
        best = a;
      }
    }
    return best;
  }

  /** A string value somewhere in the tree, with a way to replace it. */
  private record Slot(JsonNode parent, String key, int index, String value) {
    void set(String v) {
      if (parent instanceof ObjectNode o) {
        o.set(key, StringNode.valueOf(v));
      } else {
        ((ArrayNode) parent).set(index, StringNode.valueOf(v));
      }
    }
  }

  private static Slot longestString(JsonNode root) {
    List<Slot> found = new ArrayList<>();
    collect(root, found);
    Slot best = null;
    for (Slot s : found) {
      if (best == null || s.value().length() > best.value().length()) {
        best = s;
      }
    }
    return best != null && best.value().length() > 80 ? best : null;
  }

  private static void collect(JsonNode node, List<Slot> out) {
    if (node instanceof ObjectNode o) {
      for (Map.Entry<String, JsonNode> e : o.properties()) {
        if (e.getValue().isString()) {
          out.add(new Slot(o, e.getKey(), -1, e.getValue().asString()));
        } else {
          collect(e.getValue(), out);
        }
      }
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        if (a.get(i).isString()) {
          out.add(new Slot(a, null, i, a.get(i).asString()));
        } else {
          collect(a.get(i), out);
        }
      }
    }
  }
}
