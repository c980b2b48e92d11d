package dev.airflowmcp.runtime.redaction;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Redacts JSON documents that sit inside strings (connection {@code extra}, variable values, XCom,
 * NDJSON log records) without re-serialising them: the document is parsed as a token stream and
 * only the tokens that change are replaced in the original text, so harmless documents keep their
 * exact bytes. Strings and numbers under sensitive keys are masked (numbers under quantity names
 * such as {@code password_min_length}, booleans and null stay); other strings are redacted
 * recursively (they may hold JSON again).
 */
final class JsonText {
  private JsonText() {}

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Whether {@code s} may be one or more JSON objects or arrays (cheap test). */
  static boolean looksLikeJson(String s) {
    int a = 0;
    int b = s.length() - 1;
    while (a <= b && Character.isWhitespace(s.charAt(a))) {
      a++;
    }
    while (b >= a && Character.isWhitespace(s.charAt(b))) {
      b--;
    }
    if (b - a < 1) {
      return false;
    }
    char first = s.charAt(a);
    char last = s.charAt(b);
    return (first == '{' && last == '}') || (first == '[' && last == ']');
  }

  /** What the caller does with the strings inside. */
  interface Strings {
    /** The redacted form of a string value found at nesting {@code depth}. */
    String redact(String value, int depth);

    /**
     * The redacted form of a string value under a property of this name (the name a key/value pair
     * gives for its {@code value}); null for array items.
     */
    default String redact(String value, int depth, String name) {
      return redact(value, depth);
    }

    /** Whether a property of this name holds a secret. */
    boolean sensitive(String name);

    /** Whether a value under a property of this name, not sensitive by the key rule, is one. */
    boolean secretUnder(String name, String value, boolean number);

    /**
     * Receives a value masked by the key rule, with the name it was found under (null for the value
     * of a key/value pair).
     */
    void masked(String name, String value);

    /** Told the family of each mask written, in order. */
    default void mask(String family) {}

    /** Whether the detectors must leave this value alone ({@code --keep-value}). */
    default boolean kept(String value) {
      return false;
    }
  }

  /**
   * The redacted document, or {@code null} when {@code s} is not JSON.
   *
   * @param depth how many JSON-in-string levels lie above this one
   */
  static String rewrite(String s, int depth, Strings strings) {
    List<int[]> edits = new ArrayList<>();
    List<String> replacements = new ArrayList<>();
    // Per open container: bit 1 = object, bit 2 = sensitive, bit 4 = a "key"/"name" property
    // named a secret, so the "value" property holds one.
    int[] stack = new int[16];
    // Per open container: the purpose name an array sits under (Codes), or null.
    String[] arrayNames = new String[16];
    int top = -1;
    boolean nextSensitive = false;
    boolean namingProperty = false;
    String property = null;
    /** The string a naming property ("key", "name") of the current object holds. */
    String pairName = null;
    // A Kubernetes Secret: everything under data and stringData is secret, whatever the key.
    boolean k8sSecret = s.contains("\"Secret\"") && s.contains("\"kind\"");
    try (JsonParser p = JSON.createParser(s)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        int frame = top >= 0 ? stack[top] : 0;
        boolean inObject = (frame & 1) != 0;
        boolean sensitive = inObject ? nextSensitive : (frame & 2) != 0;
        switch (t) {
          case PROPERTY_NAME -> {
            String name = p.currentName();
            nextSensitive =
                (frame & 2) != 0
                    || strings.sensitive(name)
                    || (k8sSecret && (name.equals("data") || name.equals("stringData")))
                    || ((frame & 4) != 0 && name.equals("value"));
            namingProperty =
                KeyValuePairs.NAMING.contains(name) || KeyValuePairs.KEY_NAMING.contains(name);
            property = name;
            String redacted = strings.redact(name, depth + 1);
            if (!redacted.equals(name)) {
              int start = (int) p.currentTokenLocation().getCharOffset();
              if (start >= 0 && start < s.length() && s.charAt(start) == '"') {
                edits.add(new int[] {start, stringEnd(s, start)});
                replacements.add(quote(redacted));
              }
            }
          }
          case START_OBJECT, START_ARRAY -> {
            pairName = null;
            if (++top == stack.length) {
              stack = java.util.Arrays.copyOf(stack, stack.length * 2);
              arrayNames = java.util.Arrays.copyOf(arrayNames, stack.length);
            }
            arrayNames[top] =
                t == JsonToken.START_ARRAY && inObject && Codes.kind(property) != Codes.Kind.NONE
                    ? property
                    : null;
            stack[top] = (t == JsonToken.START_OBJECT ? 1 : 0) | (sensitive ? 2 : 0);
          }
          case END_OBJECT, END_ARRAY -> {
            top--;
            pairName = null;
          }
          case VALUE_STRING -> {
            String value = p.getString();
            int start = (int) p.currentTokenLocation().getCharOffset();
            if (start < 0 || start >= s.length() || s.charAt(start) != '"') {
              return null; // cannot place the edit; let the caller treat the text as text
            }
            int end = stringEnd(s, start);
            String effective =
                !inObject
                    ? null
                    : "value".equals(property) && pairName != null ? pairName : property;
            if (inObject && namingProperty) {
              pairName = value;
            }
            if (inObject
                && namingProperty
                && (strings.sensitive(value) || KeyValuePairs.KEY_NAMING.contains(property))) {
              stack[top] |= 4;
            }
            if (!sensitive
                && !inObject
                && top >= 0
                && arrayNames[top] != null
                && !strings.kept(value)
                && Codes.itemUnderName(arrayNames[top], value)) {
              edits.add(new int[] {start, end}); // an item of a list of codes (backup_codes)
              replacements.add("\"" + Redactor.MASK + "\"");
              strings.mask("codes");
            } else if (!sensitive
                && inObject
                && effective != null
                && !strings.kept(value)
                && strings.secretUnder(effective, value, false)) {
              edits.add(new int[] {start, end});
              replacements.add("\"" + Redactor.MASK + "\"");
              strings.masked(property, value);
              strings.mask(
                  SecretNames.maskUnderName(effective, value, false)
                      ? MaskListener.SECRET_NAME
                      : "shape");
            } else if (sensitive) {
              if (!value.isEmpty() && !Masks.isMasked(value)) {
                edits.add(new int[] {start, end});
                replacements.add("\"" + Redactor.MASK + "\"");
                strings.mask(MaskListener.SENSITIVE_KEY);
                strings.masked(
                    (frame & 4) != 0 && "value".equals(property) ? null : property, value);
              }
            } else {
              String redacted = strings.redact(value, depth + 1, effective);
              if (!redacted.equals(value)) {
                edits.add(new int[] {start, end});
                replacements.add(quote(redacted));
              }
            }
          }
          case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
            // A number under a sensitive key is masked (Airflow keeps it: a known leak), unless
            // its name says it is a quantity (password_min_length, max_token_retries).
            boolean quantity = SecretNames.quantityName(property);
            boolean named =
                !sensitive
                    && ((inObject
                            && property != null
                            && strings.secretUnder(property, p.getString(), true))
                        || (!inObject
                            && top >= 0
                            && arrayNames[top] != null
                            && Codes.numberUnderName(arrayNames[top], p.getString())));
            if ((sensitive && !quantity) || named) {
              int start = (int) p.currentTokenLocation().getCharOffset();
              if (start < 0 || start >= s.length()) {
                return null;
              }
              edits.add(new int[] {start, literalEnd(s, start)});
              replacements.add("\"" + Redactor.MASK + "\"");
              strings.mask(sensitive ? MaskListener.SENSITIVE_KEY : MaskListener.SECRET_NAME);
            }
          }
          case VALUE_TRUE, VALUE_FALSE -> {
            // Booleans stay under any key: a flag such as use_password_auth cannot carry a secret.
          }
          default -> {
            // VALUE_NULL and embedded objects stay as they are.
          }
        }
      }
    } catch (JacksonException | ArrayIndexOutOfBoundsException e) {
      return null;
    }
    if (edits.isEmpty()) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    int pos = 0;
    for (int i = 0; i < edits.size(); i++) {
      int[] e = edits.get(i);
      if (e[0] < pos) {
        return null;
      }
      out.append(s, pos, e[0]).append(replacements.get(i));
      pos = e[1];
    }
    out.append(s, pos, s.length());
    return out.toString();
  }

  /** Index after the closing quote of the string literal starting at {@code start}. */
  private static int stringEnd(String s, int start) {
    int i = start + 1;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == '"') {
        return i + 1;
      } else {
        i++;
      }
    }
    return s.length();
  }

  private static int literalEnd(String s, int start) {
    int i = start;
    while (i < s.length() && ",]} \t\r\n".indexOf(s.charAt(i)) < 0) {
      i++;
    }
    return i;
  }

  /** A JSON string literal. */
  static String quote(String value) {
    return "\"" + SecretRegistry.jsonEscape(value, false) + "\"";
  }
}
