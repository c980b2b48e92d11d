package dev.airflowmcp.runtime.pipeline;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Keeps a result within its size budget (in characters of compact JSON). Lists lose trailing items
 * first; then the longest strings are cut, keeping their start. A cut result says so with {@code
 * "truncated": true} and a {@code "truncation_hint"}.
 */
final class ResultBudget {
  static final String DEFAULT_HINT =
      "The result was cut to fit the size budget; ask for less (for example a lower limit).";

  /** The marker ending a cut string; group 1 is how many characters were cut. */
  private static final Pattern MARKER =
      Pattern.compile("\n\\[\\.\\.\\. (\\d{1,18}) characters cut]$");

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
    ArrayNode list = largestList(object);
    String out =
        list != null && list.size() > 0
            ? keepLeading(object, list, maxChars, json, new int[0])
            : null;
    return cutStrings(object, out, maxChars, json);
  }

  /**
   * As {@link #fit(JsonNode, int, String, JsonMapper)}, told how large the result probably is (the
   * size of Airflow's answer it was shaped from). A list result from an answer over its budget is
   * not written whole only to learn that it does not fit: its items are measured from the start
   * until they pass the budget (and those sizes serve to keep what fits). Should everything fit
   * after all, the result is treated as usual.
   */
  static String fit(JsonNode result, int maxChars, String hint, JsonMapper json, long likelySize) {
    if (likelySize <= maxChars || !(result instanceof ObjectNode object)) {
      return fit(result, maxChars, hint, json);
    }
    ArrayNode list = largestList(object);
    Measured measured =
        list == null || list.size() == 0 ? null : provesOver(object, list, maxChars, json);
    if (measured == null) {
      return fit(result, maxChars, hint, json);
    }
    object.put("truncated", true);
    object.put("truncation_hint", hint == null ? DEFAULT_HINT : hint);
    String out;
    try {
      out = keepLeading(object, list, maxChars, json, measured.sizes, measured);
    } finally {
      measured.text().release();
    }
    return cutStrings(object, out, maxChars, json);
  }

  /**
   * The leading items of a list, written once in a row as compact JSON (the thread's measuring
   * buffer holds their UTF-8 text from {@code start}; item {@code i}, with the comma before it when
   * {@code i > 0}, ends at {@code ends[i]}), and their sizes in characters without the comma.
   */
  private record Measured(int[] sizes, Utf8Buffer text, int start, int[] ends) {}

  /**
   * Whether the result's text is longer than {@code maxChars}, found by measuring the rest of the
   * result and then its list's items from the start until the total passes it (exact: the text is
   * those parts and the commas between the items). The items are written one after the other by one
   * generator into a buffer that is kept, so that what is kept of them need not be written again.
   * Leaves the result as it was.
   *
   * @return the items measured, or null when the whole result fits
   */
  private static Measured provesOver(
      ObjectNode object, ArrayNode list, int maxChars, JsonMapper json) {
    // The rest of the result is measured with an empty list in the list's place (same position).
    String listKey = keyOf(object, list);
    object.set(listKey, json.createArrayNode());
    int used;
    try {
      used = length(object, json);
    } finally {
      object.set(listKey, list);
    }
    int size = list.size();
    int[] sizes = new int[size];
    int[] ends = new int[size];
    Utf8Buffer buffer = MEASURES.get();
    buffer.reset();
    int n = 0;
    int start;
    try (JsonGenerator gen = json.createGenerator(buffer)) {
      gen.writeStartArray();
      gen.flush();
      start = buffer.count;
      int from = start;
      while (n < size && used <= maxChars) {
        gen.writeTree(list.get(n));
        gen.flush();
        ends[n] = buffer.count;
        // The generator wrote the comma before every item but the first.
        sizes[n] = chars(buffer.buf, from, buffer.count) - (n > 0 ? 1 : 0);
        from = buffer.count;
        used += sizes[n] + (n > 0 ? 1 : 0);
        n++;
      }
    }
    if (used <= maxChars) {
      buffer.release();
      return null;
    }
    return new Measured(Arrays.copyOf(sizes, n), buffer, start, Arrays.copyOf(ends, n));
  }

  /** The characters (UTF-16 units) of the UTF-8 text in {@code buf[from, to)}. */
  static int chars(byte[] buf, int from, int to) {
    int chars = 0;
    int i = from;
    while (i < to) {
      if (i + 8 <= to && ((long) LONGS.get(buf, i) & 0x8080808080808080L) == 0) {
        chars += 8; // eight ASCII bytes, one character each
        i += 8;
        continue;
      }
      byte b = buf[i++];
      if ((b & 0xC0) != 0x80) {
        chars++; // the first byte of a code point
      }
      if ((b & 0xF8) == 0xF0) {
        chars++; // a code point outside the BMP takes two chars
      }
    }
    return chars;
  }

  /**
   * Keeps the leading items of {@code list} that fit, keeping returned_count true; returns the
   * result's text. The items are measured one by one from the start, so a long list of which little
   * fits (a log) costs about what is kept, not the whole list again; {@code known} holds the sizes
   * of the first items when they were measured already.
   */
  private static String keepLeading(
      ObjectNode object, ArrayNode list, int maxChars, JsonMapper json, int[] known) {
    return keepLeading(object, list, maxChars, json, known, null);
  }

  /**
   * As {@link #keepLeading(ObjectNode, ArrayNode, int, JsonMapper, int[])}; when the kept items are
   * all in {@code measured}, their text is taken from there instead of being written again.
   */
  private static String keepLeading(
      ObjectNode object,
      ArrayNode list,
      int maxChars,
      JsonMapper json,
      int[] known,
      Measured measured) {
    boolean counted = object.has("returned_count");
    if (counted) {
      object.put("returned_count", 0);
    }
    // The rest of the result is measured with an empty list in the list's place (same position).
    String listKey = keyOf(object, list);
    object.set(listKey, json.createArrayNode());
    int used;
    try {
      used = length(object, json);
    } finally {
      object.set(listKey, list);
    }
    int kept = 0;
    for (int i = 0, n = list.size(); i < n; i++) {
      int size =
          (kept < known.length ? known[kept] : length(list.get(i), json)) + (kept > 0 ? 1 : 0);
      // returned_count gains a digit at 10, 100, ...
      int digits = counted ? digits(kept + 1) - digits(kept) : 0;
      if (used + size + digits > maxChars) {
        break;
      }
      used += size + digits;
      kept++;
    }
    for (int i = list.size() - 1; i >= kept; i--) {
      list.remove(i); // from the end: nothing moves
    }
    if (counted) {
      object.put("returned_count", list.size());
    }
    String out;
    if (measured != null && kept <= measured.ends().length) {
      // The list goes in as its text already written, at its position.
      out = writeWithList(json, object, listKey, measured, kept);
    } else {
      out = write(json, object);
    }
    while (out.length() > maxChars && list.size() > 0) {
      // Only if the measure above was off: drop from the end until it fits.
      list.remove(list.size() - 1);
      if (counted) {
        object.put("returned_count", list.size());
      }
      out = write(json, object);
    }
    return out;
  }

  /**
   * The result's compact JSON text with the property {@code listKey} written as the first {@code
   * kept} items already in {@code measured}: their UTF-8 bytes are copied, not decoded and written
   * again. The same text as writing the result with those items in its list.
   */
  private static String writeWithList(
      JsonMapper json, ObjectNode object, String listKey, Measured measured, int kept) {
    Utf8Buffer buffer = BUFFERS.get();
    buffer.reset();
    try (JsonGenerator gen = json.createGenerator(buffer)) {
      gen.writeStartObject();
      for (Map.Entry<String, JsonNode> e : object.properties()) {
        gen.writeName(e.getKey());
        if (e.getKey().equals(listKey)) {
          // An empty raw value keeps the generator's state right; the bytes follow it directly.
          gen.writeRawValue("");
          gen.flush();
          Utf8Buffer items = measured.text();
          int end = kept == 0 ? measured.start() : measured.ends()[kept - 1];
          // From the measuring buffer's start: its '[' and the kept items with their commas.
          buffer.write(items.buf, 0, end);
          buffer.write(']');
        } else {
          gen.writeTree(e.getValue());
        }
      }
      gen.writeEndObject();
    }
    String text = buffer.text();
    buffer.release();
    return text;
  }

  /** Cuts the longest strings until the result fits; {@code out} is its text, if known. */
  private static String cutStrings(ObjectNode object, String out, int maxChars, JsonMapper json) {
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

  private static int digits(int n) {
    return n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : String.valueOf(n).length();
  }

  private static int length(JsonNode node, JsonMapper json) {
    CharCounter counter = new CharCounter();
    json.writeValue(counter, node);
    return counter.chars;
  }

  /**
   * Compact JSON text of a node, written as UTF-8 into a buffer the thread keeps and decoded once:
   * no growing and concatenating of segments per call.
   */
  static String write(JsonMapper json, JsonNode node) {
    Utf8Buffer buffer = BUFFERS.get();
    buffer.reset();
    json.writeValue(buffer, node);
    String text = buffer.text();
    buffer.release();
    return text;
  }

  private static final ThreadLocal<Utf8Buffer> BUFFERS = ThreadLocal.withInitial(Utf8Buffer::new);

  /** Where a list's leading items are written while they are measured. */
  private static final ThreadLocal<Utf8Buffer> MEASURES = ThreadLocal.withInitial(Utf8Buffer::new);

  /** A byte buffer reused by one thread; it keeps at most {@value #KEPT} bytes between uses. */
  private static final class Utf8Buffer extends OutputStream {
    static final int KEPT = 256 * 1024;
    byte[] buf = new byte[8192];
    int count;

    void reset() {
      count = 0;
    }

    @Override
    public void write(int b) {
      ensure(1);
      buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      ensure(len);
      System.arraycopy(b, off, buf, count, len);
      count += len;
    }

    private void ensure(int more) {
      if (count + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
      }
    }

    String text() {
      return new String(buf, 0, count, StandardCharsets.UTF_8);
    }

    String text(int from, int to) {
      return new String(buf, from, to - from, StandardCharsets.UTF_8);
    }

    void release() {
      if (buf.length > KEPT) {
        buf = new byte[8192];
      }
    }
  }

  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
          long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  /** Counts the characters (UTF-16 units) of the UTF-8 text written to it, keeping none of it. */
  private static final class CharCounter extends OutputStream {
    int chars;

    @Override
    public void write(int b) {
      count((byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      chars += chars(b, off, off + len);
    }

    private void count(byte b) {
      if ((b & 0xC0) != 0x80) {
        chars++; // the first byte of a code point
      }
      if ((b & 0xF8) == 0xF0) {
        chars++; // a code point outside the BMP takes two chars
      }
    }
  }

  /** The name under which {@code object} holds {@code value}. */
  private static String keyOf(ObjectNode object, JsonNode value) {
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      if (e.getValue() == value) {
        return e.getKey();
      }
    }
    throw new IllegalStateException("not a property of the object");
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
