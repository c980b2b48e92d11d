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
        write(answer, out, in);
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
      write(answer, out, in);
    }
  }

  /** One request line, read with a streaming parser. */
  private static final class Request {
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
  private static void write(CharSequence answer, Writer out, BufferedReader in) throws IOException {
    out.append(answer);
    if (!in.ready()) {
      out.flush();
    }
  }
}
