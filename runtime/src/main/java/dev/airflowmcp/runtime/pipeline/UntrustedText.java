package dev.airflowmcp.runtime.pipeline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Text from Airflow is written by DAG authors, tasks and outside systems, so it is data, never
 * instructions. Before it reaches a model:
 *
 * <ul>
 *   <li>characters a reader cannot see are removed: zero-width and joiner characters, bidi
 *       embedding, override and isolate controls, Unicode tag characters (invisible ASCII),
 *       variation selectors used to smuggle data, soft hyphens, fillers, and C0/C1 control
 *       characters other than tab and line breaks, with ANSI escape sequences (colours, OSC
 *       hyperlinks) as a whole;
 *   <li>long string fields are capped ({@link #FIELD_CAP} characters, start kept), except the
 *       tool's declared free-text fields, which its size budget bounds instead;
 *   <li>the result says where it came from: {@code _meta} {@value #META_KEY} names the source and
 *       the tool's free-text fields.
 * </ul>
 */
public final class UntrustedText {
  private UntrustedText() {}

  /** Longest string field kept whole, in characters (free-text fields excepted). */
  public static final int FIELD_CAP = 16_000;

  /** The {@code _meta} key on tool results. */
  public static final String META_KEY = "dev.airflowmcp/untrusted";

  /** What the model is told when a field was capped and the tool has no hint of its own. */
  static final String CAP_HINT =
      "A long text field was cut to its first "
          + FIELD_CAP
          + " characters; ask for a narrower"
          + " result to see more.";

  /** Whether a code point is invisible or a control that must not reach a model. */
  static boolean isHidden(int cp) {
    if (cp < 0x20) {
      return cp != '\t' && cp != '\n' && cp != '\r';
    }
    if (cp < 0x7f) {
      return false;
    }
    if (cp <= 0x9f) {
      return true; // DEL and C1 controls
    }
    return cp == 0x00ad // soft hyphen
        || cp == 0x034f // combining grapheme joiner
        || cp == 0x061c // Arabic letter mark
        || cp == 0x115f
        || cp == 0x1160 // Hangul fillers
        || cp == 0x17b4
        || cp == 0x17b5 // Khmer inherent vowels
        || (cp >= 0x180b && cp <= 0x180f) // Mongolian variation selectors, vowel separator
        || (cp >= 0x200b && cp <= 0x200f) // zero-width space/joiners, LRM, RLM
        || (cp >= 0x202a && cp <= 0x202e) // bidi embeddings and overrides
        || (cp >= 0x2060 && cp <= 0x206f) // word joiner, invisible operators, bidi isolates
        || cp == 0x3164
        || cp == 0xffa0 // Hangul fillers
        || cp == 0xfeff // zero-width no-break space (BOM)
        || (cp >= 0xfff9 && cp <= 0xfffb) // interlinear annotation
        || (cp >= 0x1d173 && cp <= 0x1d17a) // musical formatting
        || (cp >= 0xe0000 && cp <= 0xe007f) // tag characters
        || (cp >= 0xe0100 && cp <= 0xe01ef); // variation selectors supplement
  }

  /** Whether {@code s} needs no work (a fast scan for the common case). */
  private static boolean clean(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if ((c >= 0x20 && c < 0x7f) || c == '\t' || c == '\n' || c == '\r') {
        continue;
      }
      if (c > 0x9f && c < 0x2000 && !isHidden(c)) {
        continue; // ordinary non-ASCII letters
      }
      return false;
    }
    return true;
  }

  /**
   * Whether no string or property name in the JSON text {@code body} (UTF-8) can hold a character
   * {@link #strip} would change: every character of it is one strip keeps as it is (printable
   * ASCII, tab and line breaks, any other character that is not hidden, a line or paragraph
   * separator or a variation selector) and no escape could encode anything else (the escapes of a
   * backslash with u, b or f count as possibly hidden). A tree parsed from such a text is left as
   * it is by {@link #sanitize}, so the walk can be skipped. Conservative: a text this says no to
   * may still be clean.
   */
  static boolean plainJson(byte[] body) {
    int n = body.length;
    int i = 0;
    while (i < n) {
      // Eight bytes at a time while they are all printable ASCII other than a backslash.
      while (i + 8 <= n && plainAscii((long) LONGS.get(body, i))) {
        i += 8;
      }
      if (i >= n) {
        break;
      }
      int b = body[i];
      if (b >= 0x20 && b < 0x7f) {
        if (b == '\\') {
          if (i + 1 >= n) {
            return false;
          }
          int e = body[i + 1];
          if (e == 'u' || e == 'b' || e == 'f') {
            return false;
          }
          i += 2;
        } else {
          i++;
        }
        continue;
      }
      if (b == '\t' || b == '\n' || b == '\r') {
        i++;
        continue;
      }
      // A multi-byte character: decoded, then judged as strip() would treat it.
      int cp;
      int len;
      if ((b & 0xE0) == 0xC0) {
        cp = b & 0x1F;
        len = 2;
      } else if ((b & 0xF0) == 0xE0) {
        cp = b & 0x0F;
        len = 3;
      } else if ((b & 0xF8) == 0xF0) {
        cp = b & 0x07;
        len = 4;
      } else {
        return false; // a control, DEL or a stray continuation byte
      }
      if (i + len > n) {
        return false;
      }
      for (int k = 1; k < len; k++) {
        int c = body[i + k];
        if ((c & 0xC0) != 0x80) {
          return false;
        }
        cp = (cp << 6) | (c & 0x3F);
      }
      if (cp < (len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000)
          || cp > 0x10FFFF
          || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return false; // not UTF-8: overlong, beyond Unicode or a surrogate
      }
      if (isHidden(cp) || cp == 0x2028 || cp == 0x2029 || (cp >= 0xfe00 && cp <= 0xfe0f)) {
        return false; // removed or replaced; the emoji selectors depend on what comes before
      }
      i += len;
    }
    return true;
  }

  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
          long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  /** Whether all eight bytes of {@code x} are in 0x20..0x7e and none is a backslash. */
  private static boolean plainAscii(long x) {
    if ((x & HIGHS) != 0) {
      return false; // a byte of 0x80 or more
    }
    // With every byte below 0x80, a high bit here marks a byte below 0x20 or equal to 0x7f or '\\'.
    long below = (x - ONES * 0x20) & ~x;
    long del = x ^ (ONES * 0x7f);
    long backslash = x ^ (ONES * '\\');
    return ((below | ((del - ONES) & ~del) | ((backslash - ONES) & ~backslash)) & HIGHS) == 0;
  }

  /** Whether {@code name} (a property name from a tool's spec) passes {@link #strip} unchanged. */
  static boolean plainName(String name) {
    return clean(name);
  }

  /**
   * {@code s} without hidden characters and ANSI escape sequences; line and paragraph separators
   * become {@code \n}. Emoji presentation selectors (U+FE0E, U+FE0F) stay after a visible non-ASCII
   * character; in any other place they, and the other selectors, are removed.
   *
   * @param removed counts removed characters at index 0 (may be null)
   */
  public static String strip(String s, int[] removed) {
    if (s == null || clean(s)) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    int gone = 0;
    int i = 0;
    int n = s.length();
    while (i < n) {
      int cp = s.codePointAt(i);
      int len = Character.charCount(cp);
      if (cp == 0x1b) {
        int end = ansiEnd(s, i);
        gone += end - i;
        i = end;
        continue;
      }
      if (cp == 0x2028 || cp == 0x2029) {
        out.append('\n');
      } else if (cp >= 0xfe00 && cp <= 0xfe0f) {
        int prev = out.length() == 0 ? 0 : out.codePointBefore(out.length());
        boolean emojiPresentation =
            (cp == 0xfe0e || cp == 0xfe0f) && prev >= 0x2000 && !(prev >= 0xfe00 && prev <= 0xfe0f);
        if (emojiPresentation) {
          out.appendCodePoint(cp);
        } else {
          gone += len;
        }
      } else if (isHidden(cp)) {
        gone += len;
      } else {
        out.appendCodePoint(cp);
      }
      i += len;
    }
    if (removed != null) {
      removed[0] += gone;
    }
    return out.toString();
  }

  /** The index after the ANSI escape sequence starting at {@code i} (an ESC). */
  private static int ansiEnd(String s, int i) {
    int n = s.length();
    if (i + 1 >= n) {
      return n;
    }
    char kind = s.charAt(i + 1);
    if (kind == '[') {
      // CSI: parameters 0x30-0x3f, intermediates 0x20-0x2f, one final byte 0x40-0x7e.
      int j = i + 2;
      while (j < n && s.charAt(j) >= 0x20 && s.charAt(j) <= 0x3f) {
        j++;
      }
      return j < n && s.charAt(j) >= 0x40 && s.charAt(j) <= 0x7e ? j + 1 : j;
    }
    if (kind == ']' || kind == 'P' || kind == '_' || kind == '^') {
      // OSC/DCS/APC/PM: up to BEL or ESC \ (string terminator), bounded.
      int limit = Math.min(n, i + 4096);
      for (int j = i + 2; j < limit; j++) {
        char c = s.charAt(j);
        if (c == 0x07) {
          return j + 1;
        }
        if (c == 0x1b) {
          return j + 1 < n && s.charAt(j + 1) == '\\' ? j + 2 : j;
        }
      }
      return limit;
    }
    return kind >= 0x40 && kind <= 0x5f ? i + 2 : i + 1;
  }

  /**
   * Strips every string (and property name) in a result.
   *
   * @return the result (a new node only when the result itself is a string)
   */
  static JsonNode sanitize(JsonNode node, int[] removed) {
    if (node instanceof ObjectNode object) {
      boolean renamed = false;
      for (String name : object.propertyNames()) {
        if (!clean(name)) {
          renamed = true;
          break;
        }
      }
      if (!renamed) {
        // The common case: values replaced in place (replacing a value does not disturb the
        // iteration), no copy of the object.
        for (Map.Entry<String, JsonNode> e : object.properties()) {
          JsonNode v = sanitize(e.getValue(), removed);
          if (v != e.getValue()) {
            object.set(e.getKey(), v);
          }
        }
        return object;
      }
      Map<String, JsonNode> copy = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : new ArrayList<>(object.properties())) {
        copy.put(strip(e.getKey(), removed), sanitize(e.getValue(), removed));
      }
      object.removeAll();
      copy.forEach(object::set);
      return object;
    }
    if (node instanceof ArrayNode array) {
      for (int i = 0, n = array.size(); i < n; i++) {
        JsonNode item = array.get(i);
        JsonNode v = sanitize(item, removed);
        if (v != item) {
          array.set(i, v);
        }
      }
      return array;
    }
    if (node != null && node.isString()) {
      String s = node.asString();
      String t = strip(s, removed);
      return t == s || t.equals(s) ? node : StringNode.valueOf(t);
    }
    return node;
  }

  /**
   * Cuts string fields longer than {@code cap} characters, except those named in {@code exempt} (at
   * any depth), keeping their start and saying how much was cut.
   *
   * @return whether anything was cut
   */
  static boolean cap(JsonNode node, Collection<String> exempt, int cap) {
    boolean cut = false;
    if (node instanceof ObjectNode object) {
      // Values are replaced in place, which does not disturb the iteration.
      for (Map.Entry<String, JsonNode> e : object.properties()) {
        JsonNode v = e.getValue();
        if (v.isContainer()
            ? exempt.contains(e.getKey())
            : !v.isString() || v.asString().length() <= cap || exempt.contains(e.getKey())) {
          continue;
        }
        if (v.isString()) {
          object.set(e.getKey(), StringNode.valueOf(cut(v.asString(), cap)));
          cut = true;
        } else {
          cut |= cap(v, exempt, cap);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0, n = array.size(); i < n; i++) {
        JsonNode v = array.get(i);
        if (v.isString() && v.asString().length() > cap) {
          array.set(i, StringNode.valueOf(cut(v.asString(), cap)));
          cut = true;
        } else if (v.isContainer()) {
          cut |= cap(v, exempt, cap);
        }
      }
    }
    return cut;
  }

  /** The first {@code cap} characters (no split surrogate pair) and the cut marker. */
  static String cut(String s, int cap) {
    int keep = cap;
    if (keep > 0 && Character.isHighSurrogate(s.charAt(keep - 1))) {
      keep--;
    }
    return ResultBudget.cut(s, s.length() - keep - 40);
  }

  /** The {@code _meta} of a result: where its text came from and which fields are free text. */
  static Map<String, Object> meta(List<String> freeTextFields, int removed) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", "airflow");
    m.put("freeTextFields", freeTextFields);
    m.put("treatAs", "data");
    if (removed > 0) {
      m.put("hiddenCharactersRemoved", removed);
    }
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put(META_KEY, m);
    return meta;
  }
}
