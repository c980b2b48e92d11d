package dev.airflowmcp.runtime.logs;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the pages Airflow's {@code get_log} operation returns ({@code {content,
 * continuation_token}}) into lines:
 *
 * <ul>
 *   <li>Airflow 2: {@code content} is a string, either the log text or the Python {@code repr} of a
 *       list of {@code (host, text)} tuples (as the stable API serialises the log reader's output);
 *       either way the text is what is kept.
 *   <li>Airflow 3: {@code content} is a list of structured records ({@code timestamp}, {@code
 *       event}, {@code level}, {@code logger}, more fields, {@code error_detail} for exceptions) or
 *       of plain strings; each record becomes a line like {@code [timestamp] LEVEL logger - event
 *       key=value}, an exception a short traceback.
 * </ul>
 */
final class LogPages {
  private LogPages() {}

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final Set<String> RECORD_FIELDS =
      Set.of("timestamp", "event", "level", "logger", "error_detail");

  /** Feeds one page's {@code content} into a sink. */
  static void feed(JsonNode content, LogSink tail) {
    if (content == null || content.isNull()) {
      return;
    }
    if (content.isString()) {
      String text = content.asString();
      String decoded = PythonRepr.hostLogTuples(text);
      tail.addText(decoded != null ? decoded : text);
      return;
    }
    if (content.isArray()) {
      for (JsonNode item : content) {
        if (item.isString()) {
          tail.addLines(item.asString());
        } else if (item.isObject()) {
          tail.addRecord(format(item), text(item.get("level")));
        } else if (!item.isNull()) {
          tail.addLines(item.toString());
        }
      }
    }
  }

  /** A structured record as readable text (one line, plus a traceback for an exception). */
  static String format(JsonNode record) {
    StringBuilder out = new StringBuilder(128);
    String ts = text(record.get("timestamp"));
    if (ts != null) {
      out.append('[').append(ts).append("] ");
    }
    String level = text(record.get("level"));
    if (level != null) {
      out.append(level.toUpperCase(java.util.Locale.ROOT)).append(' ');
    }
    String logger = text(record.get("logger"));
    if (logger != null) {
      out.append(logger).append(' ');
    }
    if (out.length() > 0) {
      out.append("- ");
    }
    String event = text(record.get("event"));
    out.append(event == null ? "" : event);
    Iterator<Map.Entry<String, JsonNode>> fields = record.properties().iterator();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      if (RECORD_FIELDS.contains(f.getKey()) || f.getValue().isNull()) {
        continue;
      }
      JsonNode v = f.getValue();
      out.append(' ')
          .append(f.getKey())
          .append('=')
          .append(v.isString() ? v.asString() : JSON.writeValueAsString(v));
    }
    JsonNode errors = record.get("error_detail");
    if (errors != null && errors.isArray()) {
      for (JsonNode error : errors) {
        appendTraceback(error, out);
      }
    }
    return out.toString();
  }

  private static void appendTraceback(JsonNode error, StringBuilder out) {
    JsonNode frames = error.get("frames");
    out.append("\nTraceback (most recent call last):");
    if (frames != null && frames.isArray()) {
      for (JsonNode f : frames) {
        out.append("\n  File \"")
            .append(text(f.get("filename")))
            .append("\", line ")
            .append(text(f.get("lineno")))
            .append(", in ")
            .append(text(f.get("name")));
      }
    }
    out.append('\n').append(text(error.get("exc_type")));
    String value = text(error.get("exc_value"));
    if (value != null && !value.isEmpty()) {
      out.append(": ").append(value);
    }
  }

  private static String text(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    return n.isString() ? n.asString() : n.toString();
  }

  /**
   * Whether Airflow's continuation token says the log has ended. The token is an itsdangerous
   * signed value ({@code base64url(json).signature}, a leading dot when compressed); it is read,
   * not verified. Unreadable tokens say nothing (false).
   */
  static boolean saysEndOfLog(String token) {
    if (token == null || token.isEmpty() || token.startsWith(".")) {
      return false;
    }
    int dot = token.indexOf('.');
    String payload = dot > 0 ? token.substring(0, dot) : token;
    try {
      byte[] raw = Base64.getUrlDecoder().decode(pad(payload));
      JsonNode json = JSON.readTree(new String(raw, StandardCharsets.UTF_8));
      JsonNode end = json.get("end_of_log");
      return end != null && end.asBoolean(false);
    } catch (IllegalArgumentException | JacksonException e) {
      return false;
    }
  }

  private static String pad(String b64) {
    int rem = b64.length() % 4;
    return rem == 0 ? b64 : b64 + "====".substring(rem);
  }
}
