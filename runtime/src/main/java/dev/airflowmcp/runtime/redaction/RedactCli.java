package dev.airflowmcp.runtime.redaction;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar airflow-mcp-server.jar redact [--jsonl]}: the server's redactor on stdin, for
 * people who want to check their own logs.
 *
 * <ul>
 *   <li>Plain: text in, redacted text out, byte for byte where nothing is found. Input is handled
 *       in chunks of whole lines (a private key block spanning lines stays in one chunk), and
 *       output is flushed after each chunk. Values found by name are remembered for the rest of the
 *       input, as in a server session.
 *   <li>{@code --jsonl}: one JSON object per line, {@code {"id": …, "text": "…", "registered":
 *       ["…"]}}; the registered values are added for that line only, then {@code text} is redacted,
 *       and {@code {"id": …, "output": "…"}} is written, in order (flushed whenever no more input
 *       is waiting, so an interactive caller gets each answer at once). A line that is not such an
 *       object gives {@code {"id": …, "error": "…"}}.
 * </ul>
 *
 * Options {@code --redact-value}, {@code --redact-values-file} and {@code --sensitive-key} (and
 * their environment variables) work as for the server. Exit codes: 0 done, 1 input or output
 * failed, 2 bad options.
 */
public final class RedactCli {
  private RedactCli() {}

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Plain mode redacts this many characters of whole lines at a time (more for a key block). */
  static final int CHUNK = 64 * 1024;

  /** A chunk holding an unfinished private key block grows up to this size. */
  static final int MAX_CHUNK = 1024 * 1024;

  static String usage() {
    return String.join(
        "\n",
        "Usage: java -jar airflow-mcp-server.jar redact [--jsonl] [options] < input > output",
        "",
        "Masks secrets in text read from stdin with the server's redactor and writes the result",
        "to stdout.",
        "",
        "  --jsonl                  read one JSON object per line: {\"id\": ..., \"text\": \"...\",",
        "                           \"registered\": [\"...\"]}; write {\"id\": ..., \"output\": \"...\"}",
        "                           per line, in order (registered values apply to that line only)",
        "  --explain                name the rule family of every mask, in the order the masks",
        "                           appear (never the masked text): on stderr as 'mask N: FAMILY'",
        "                           lines, or with --jsonl as \"explain\": [FAMILY, ...] in each answer",
        "  --keep-value VALUE       never let the detectors mask this value, known to be harmless",
        "                           (repeatable) [AIRFLOW_MCP_KEEP_VALUES, comma-separated]; the",
        "                           sensitive-key rule and registered values still mask it",
        "  --redact-value VALUE     also mask this value (repeatable) [AIRFLOW_MCP_REDACT_VALUES]",
        "  --redact-values-file PATH  also mask each line of this file [AIRFLOW_MCP_REDACT_VALUES_FILE]",
        "  --sensitive-key NAME     also treat keys containing NAME as sensitive (repeatable)",
        "                           [AIRFLOW_MCP_SENSITIVE_KEYS, AIRFLOW__CORE__SENSITIVE_VAR_CONN_NAMES]",
        "  --help                   print this help");
  }

  /** Runs the command; returns the exit code. */
  public static int run(
      String[] args, Map<String, String> env, InputStream in, OutputStream out, PrintStream err) {
    boolean jsonl = false;
    boolean explain = false;
    RedactionSettings.Builder settings = new RedactionSettings.Builder();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String flag = a;
      String value = null;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        flag = a.substring(0, eq);
        value = a.substring(eq + 1);
      }
      if (flag.equals("--help") || flag.equals("-h")) {
        new PrintStream(out, true, StandardCharsets.UTF_8).println(usage());
        return 0;
      } else if (flag.equals("--jsonl") && value == null) {
        jsonl = true;
      } else if (flag.equals("--explain") && value == null) {
        explain = true;
      } else if (RedactionSettings.Builder.isFlag(flag)) {
        if (value == null) {
          if (i + 1 >= args.length) {
            err.println("airflow-mcp-server redact: " + flag + " needs a value");
            return 2;
          }
          value = args[++i];
        }
        settings.accept(flag, value);
      } else {
        err.println("airflow-mcp-server redact: unknown option '" + a + "' (see redact --help)");
        return 2;
      }
    }
    RedactionSettings resolved;
    try {
      resolved = settings.build(env);
    } catch (IOException e) {
      err.println("airflow-mcp-server redact: " + e.getMessage());
      return 2;
    }
    try {
      Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
      Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
      if (jsonl) {
        jsonl(resolved, new BufferedReader(reader, 1 << 16), writer, explain);
      } else {
        PrintStream explanations = explain ? err : null;
        plain(AirflowRedactor.forServer(resolved, List.of()), reader, writer, explanations);
      }
      writer.flush();
      return 0;
    } catch (IOException e) {
      err.println(
          "airflow-mcp-server redact: "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage()));
      return 1;
    }
  }

  /** Plain text: chunks of whole lines. */
  static void plain(AirflowRedactor redactor, Reader in, Writer out) throws IOException {
    plain(redactor, in, out, null);
  }

  /** Plain text; {@code explain}, when given, receives one "mask N: FAMILY" line per mask. */
  static void plain(AirflowRedactor redactor, Reader in, Writer out, PrintStream explain)
      throws IOException {
    int[] masks = {0};
    MaskListener listener =
        explain == null
            ? MaskListener.NONE
            : family -> explain.println("mask " + (++masks[0]) + ": " + family);
    char[] buf = new char[16 * 1024];
    StringBuilder pending = new StringBuilder();
    int n;
    while ((n = in.read(buf)) >= 0) {
      pending.append(buf, 0, n);
      while (pending.length() >= CHUNK || !in.ready()) {
        int cut = chunkEnd(pending);
        if (cut <= 0) {
          break;
        }
        out.write(redactor.redactText(pending.substring(0, cut), listener));
        pending.delete(0, cut);
        out.flush();
      }
    }
    if (pending.length() > 0) {
      out.write(redactor.redactText(pending.toString(), listener));
    }
    out.flush();
  }

  /**
   * Where the next chunk ends: after the last line break, unless a private key block is still open
   * there (then the chunk waits for its end line, up to {@link #MAX_CHUNK}); 0 when no whole line
   * is there yet.
   */
  static int chunkEnd(CharSequence pending) {
    int last = lastIndexOf(pending, '\n', pending.length() - 1);
    if (last < 0) {
      return pending.length() >= MAX_CHUNK ? pending.length() : 0;
    }
    int end = last + 1;
    String text = pending.subSequence(0, end).toString();
    int begin = text.lastIndexOf("-----BEGIN");
    if (begin >= 0 && text.indexOf("-----END", begin) < 0 && pending.length() < MAX_CHUNK) {
      // Cut before the open block if there is text before it; else wait for more.
      int lineStart = lastIndexOf(text, '\n', begin) + 1;
      return lineStart;
    }
    return end;
  }

  private static int lastIndexOf(CharSequence s, char c, int from) {
    for (int i = Math.min(from, s.length() - 1); i >= 0; i--) {
      if (s.charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }

  /** One JSON object per line in, one per line out, in order. */
  static void jsonl(RedactionSettings settings, BufferedReader in, Writer out) throws IOException {
    jsonl(settings, in, out, false);
  }

  /**
   * One JSON object per line in, one per line out, in order. Lines without registered values of
   * their own share one redactor (the configured values only); a line with its own gets a registry
   * of its own, so its values apply to it alone.
   */
  static void jsonl(RedactionSettings settings, BufferedReader in, Writer out, boolean explain)
      throws IOException {
    AirflowRedactor shared = AirflowRedactor.forServer(settings, List.of());
    SensitiveKeys keys = shared.keys();
    List<String> families = new ArrayList<>();
    MaskListener listener = explain ? families::add : MaskListener.NONE;
    StringBuilder answer = new StringBuilder(1024);
    char[] chunk = new char[8192];
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.isBlank()) {
        continue;
      }
      answer.setLength(0);
      Request request = Request.parse(line);
      answer.append("{\"id\":").append(request.id);
      if (request.error != null) {
        answer.append(",\"error\":");
        quote(request.error, answer);
        answer.append("}\n");
        write(answer, out, in, chunk);
        continue;
      }
      AirflowRedactor redactor = shared;
      if (!request.registered.isEmpty()) {
        SecretRegistry registry = new SecretRegistry();
        List<String> all = new ArrayList<>(settings.values());
        all.addAll(request.registered);
        registry.addConfigured(all);
        redactor = new AirflowRedactor(keys, registry, settings.keepValues());
      }
      families.clear();
      String output = redactor.redactTextOnce(request.text, listener);
      answer.append(",\"output\":");
      quote(output, answer);
      if (explain) {
        answer.append(",\"explain\":[");
        for (int i = 0; i < families.size(); i++) {
          if (i > 0) {
            answer.append(',');
          }
          quote(families.get(i), answer);
        }
        answer.append(']');
      }
      answer.append("}\n");
      write(answer, out, in, chunk);
    }
  }

  /**
   * The request line as the fast reader and as Jackson read it ({@code id, text, registered,
   * error}); the first is null when the fast reader declines the line. For tests.
   */
  static List<String> readBoth(String line) {
    Request fast = FastRequest.read(line);
    Request slow = Request.parseWithJackson(line);
    return java.util.Arrays.asList(fast == null ? null : fast.summary(), slow.summary());
  }

  /** One request line, read with a streaming parser. */
  private static final class Request {
    String summary() {
      return id + "\u0000" + text + "\u0000" + registered + "\u0000" + error;
    }

    /** The id as JSON text ({@code null} when absent or unreadable). */
    String id = "null";

    String text;
    List<String> registered = List.of();

    /** Why the line cannot be answered, or null. */
    String error;

    static final String NOT_JSON = "not a JSON object";
    static final String EXPECTED =
        "expected {\"id\": ..., \"text\": \"...\", \"registered\": [...]}";

    static Request parse(String line) {
      Request fast = FastRequest.read(line);
      return fast != null ? fast : parseWithJackson(line);
    }

    static Request parseWithJackson(String line) {
      Request r = new Request();
      try (JsonParser p = JSON.createParser(line)) {
        JsonToken t = p.nextToken();
        if (t != JsonToken.START_OBJECT) {
          if (t != null) {
            p.skipChildren();
          }
          if (t == null || p.nextToken() != null) {
            r.error = NOT_JSON;
          } else {
            r.error = EXPECTED;
          }
          return r;
        }
        boolean textOk = false;
        while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
          String name = p.currentName();
          t = p.nextToken();
          switch (name) {
            case "id" -> {
              if (t == JsonToken.VALUE_NUMBER_INT) {
                r.id = p.getString(); // the common case, written back as read
              } else if (t == JsonToken.VALUE_STRING) {
                StringBuilder q = new StringBuilder();
                quote(p.getString(), q);
                r.id = q.toString();
              } else {
                JsonNode id = p.readValueAsTree();
                r.id = id == null ? "null" : JSON.writeValueAsString(id);
              }
            }
            case "text" -> {
              textOk = t == JsonToken.VALUE_STRING;
              if (textOk) {
                r.text = p.getString();
              } else {
                p.skipChildren();
              }
            }
            case "registered" -> {
              if (t == JsonToken.START_ARRAY) {
                List<String> values = new ArrayList<>();
                while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
                  if (t == JsonToken.VALUE_STRING
                      || t == JsonToken.VALUE_NUMBER_INT
                      || t == JsonToken.VALUE_NUMBER_FLOAT) {
                    values.add(p.getString());
                  } else {
                    p.skipChildren();
                  }
                }
                r.registered = values;
              } else {
                p.skipChildren();
              }
            }
            default -> p.skipChildren();
          }
        }
        if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
          r.id = "null";
          r.error = NOT_JSON;
          return r;
        }
        if (!textOk) {
          r.error = EXPECTED;
        }
        return r;
      } catch (JacksonException e) {
        r.id = "null";
        r.error = NOT_JSON;
        return r;
      }
    }
  }

  /**
   * The common request line read without a Jackson parser per line: strict JSON of the shape {@code
   * {"id": <integer or string>, "text": "...", "registered": ["...", ...]}}, each of these members
   * at most once, in any order, {@code registered} optional, other members skipped when they are
   * strings, integers or arrays of strings. Anything else (other ids, numbers among the registered
   * values, nested objects, unusual escapes, very long lines) returns null and the line is read by
   * {@link Request#parseWithJackson}, so every line gets the answer it got before: what this reader
   * accepts is a subset of what Jackson accepts, read to the same values.
   */
  static final class FastRequest {
    /** Longer lines go to Jackson, whose size limits then apply as before. */
    private static final int LONGEST_LINE = 1 << 20;

    private final String s;
    private int i;
    private final StringBuilder buf = new StringBuilder();

    private FastRequest(String s) {
      this.s = s;
    }

    static Request read(String line) {
      if (line.length() > LONGEST_LINE) {
        return null;
      }
      return new FastRequest(line).object();
    }

    private Request object() {
      skipSpace();
      if (!take('{')) {
        return null;
      }
      String id = null;
      String text = null;
      List<String> registered = null;
      skipSpace();
      while (true) {
        String name = string();
        skipSpace();
        if (name == null || !take(':')) {
          return null;
        }
        skipSpace();
        switch (name) {
          case "id" -> {
            if (id != null) {
              return null;
            }
            if (i < s.length() && s.charAt(i) == '"') {
              String v = string();
              if (v == null) {
                return null;
              }
              StringBuilder q = new StringBuilder(v.length() + 2);
              quote(v, q);
              id = q.toString();
            } else if ((id = integer()) == null) {
              return null;
            }
          }
          case "text" -> {
            if (text != null || (text = string()) == null) {
              return null;
            }
          }
          case "registered" -> {
            if (registered != null || (registered = strings()) == null) {
              return null;
            }
          }
          default -> {
            // Another member (a corpus line's family, secrets, ...): skipped, as Jackson's
            // reader skips it, when it is a string, an integer or an array of strings.
            boolean skipped =
                i < s.length()
                    && switch (s.charAt(i)) {
                      case '"' -> string() != null;
                      case '[' -> strings() != null;
                      default -> integer() != null;
                    };
            if (!skipped) {
              return null;
            }
          }
        }
        skipSpace();
        if (take('}')) {
          break;
        }
        if (!take(',')) {
          return null;
        }
        skipSpace();
      }
      skipSpace();
      if (i != s.length() || text == null) {
        return null;
      }
      Request r = new Request();
      if (id != null) {
        r.id = id;
      }
      r.text = text;
      if (registered != null) {
        r.registered = registered;
      }
      return r;
    }

    private void skipSpace() {
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
          return;
        }
        i++;
      }
    }

    private boolean take(char c) {
      if (i < s.length() && s.charAt(i) == c) {
        i++;
        return true;
      }
      return false;
    }

    /** {@code -?(0|[1-9][0-9]*)}, at most 18 digits, as written; null for anything else. */
    private String integer() {
      int start = i;
      take('-');
      int digits = i;
      while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
      }
      int n = i - digits;
      if (n == 0 || n > 18 || (n > 1 && s.charAt(digits) == '0')) {
        return null;
      }
      if (i < s.length()) {
        char c = s.charAt(i);
        if (c != ',' && c != '}' && c != ' ' && c != '\t' && c != '\r' && c != '\n') {
          return null;
        }
      }
      return s.substring(start, i);
    }

    /** A JSON array of strings only; null for anything else. */
    private List<String> strings() {
      if (!take('[')) {
        return null;
      }
      List<String> values = new ArrayList<>();
      skipSpace();
      if (take(']')) {
        return values;
      }
      while (true) {
        String v = string();
        if (v == null) {
          return null;
        }
        values.add(v);
        skipSpace();
        if (take(']')) {
          return values;
        }
        if (!take(',')) {
          return null;
        }
        skipSpace();
      }
    }

    /** A JSON string with the standard escapes; null for anything else. */
    private String string() {
      if (!take('"')) {
        return null;
      }
      int n = s.length();
      int run = i;
      buf.setLength(0);
      boolean escaped = false;
      while (i < n) {
        char c = s.charAt(i);
        if (c == '"') {
          String v;
          if (escaped) {
            buf.append(s, run, i);
            v = buf.toString();
          } else {
            v = s.substring(run, i);
          }
          i++;
          return v;
        }
        if (c < 0x20) {
          return null;
        }
        if (c != '\\') {
          i++;
          continue;
        }
        buf.append(s, run, i);
        escaped = true;
        if (i + 1 >= n) {
          return null;
        }
        char e = s.charAt(i + 1);
        i += 2;
        switch (e) {
          case '"', '\\', '/' -> buf.append(e);
          case 'b' -> buf.append('\b');
          case 'f' -> buf.append('\f');
          case 'n' -> buf.append('\n');
          case 'r' -> buf.append('\r');
          case 't' -> buf.append('\t');
          case 'u' -> {
            if (i + 4 > n) {
              return null;
            }
            int v = 0;
            for (int k = 0; k < 4; k++) {
              int d = Character.digit(s.charAt(i + k), 16);
              if (d < 0 || s.charAt(i + k) >= 128) {
                return null;
              }
              v = v * 16 + d;
            }
            buf.append((char) v);
            i += 4;
          }
          default -> {
            return null;
          }
        }
        run = i;
      }
      return null;
    }
  }

  private static final String HEX_DIGITS = "0123456789ABCDEF";

  /** Appends {@code s} as a JSON string, escaped as Jackson writes it. */
  static void quote(String s, StringBuilder out) {
    out.ensureCapacity(out.length() + s.length() + 16);
    out.append('"');
    int run = 0;
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') {
        continue;
      }
      out.append(s, run, i);
      run = i + 1;
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default ->
            out.append("\\u00").append(HEX_DIGITS.charAt(c >> 4)).append(HEX_DIGITS.charAt(c & 15));
      }
    }
    out.append(s, run, s.length());
    out.append('"');
  }

  /**
   * Writes one answer. It is flushed when no more input is ready, so an interactive caller gets
   * each answer at once and bulk input is not written line by line.
   */
  private static void write(StringBuilder answer, Writer out, BufferedReader in, char[] chunk)
      throws IOException {
    // Writer.append(CharSequence) would copy the whole answer into a String first.
    for (int from = 0, n = answer.length(); from < n; from += chunk.length) {
      int to = Math.min(n, from + chunk.length);
      answer.getChars(from, to, chunk, 0);
      out.write(chunk, 0, to - from);
    }
    if (!in.ready()) {
      out.flush();
    }
  }
}
