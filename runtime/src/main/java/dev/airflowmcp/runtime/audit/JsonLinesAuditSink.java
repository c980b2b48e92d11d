package dev.airflowmcp.runtime.audit;

import dev.airflowmcp.runtime.pipeline.AuditSink;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The built-in audit log: one JSON object per line and tool call, to a file or standard error:
 *
 * <pre>{"time":"2025-06-01T12:00:00.123Z","tool":"get_dag","caller":"token:3f9a0c1b2d4e",
 * "outcome":"ok","airflow_calls":1,"duration_ms":42,"result_chars":1830}</pre>
 *
 * <p>{@code caller} is the caller's non-secret identity ({@code caller:} or {@code token:} and the
 * first 12 hex digits of the SHA-256 of the credential, {@code user:} and the configured user
 * name), {@code outcome} is {@code ok} or the error type of the result. The events it receives
 * carry no arguments, results or credentials, so none can be written.
 *
 * <p>A file is appended to and rotated by size: when a line would take it past {@code maxBytes},
 * {@code audit.log} becomes {@code audit.log.1} (older ones move up, the oldest beyond {@code
 * keepFiles} is deleted) and a new file starts. Each line is written and flushed whole, under a
 * lock, so lines never interleave. A failed write is logged once (without the line) and the event
 * dropped; the call is not affected.
 */
public final class JsonLinesAuditSink implements AuditSink, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JsonLinesAuditSink.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final AuditLogSettings settings;
  private final Clock clock;
  private final PrintStream stderr;
  private OutputStream out;
  private long size;
  private boolean failing;

  private JsonLinesAuditSink(AuditLogSettings settings, Clock clock, PrintStream stderr) {
    this.settings = settings;
    this.clock = clock;
    this.stderr = stderr;
  }

  /**
   * Opens the audit log (creating the file and its directory when needed).
   *
   * @throws IOException when the file cannot be opened
   */
  public static JsonLinesAuditSink open(AuditLogSettings settings, Clock clock, PrintStream stderr)
      throws IOException {
    Objects.requireNonNull(settings, "settings");
    JsonLinesAuditSink sink =
        new JsonLinesAuditSink(settings, Objects.requireNonNull(clock, "clock"), stderr);
    if (!settings.stderr()) {
      Path parent = settings.file().toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      sink.openFile();
    }
    return sink;
  }

  private void openFile() throws IOException {
    Path file = settings.file();
    out =
        Files.newOutputStream(
            file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    size = Files.size(file);
  }

  /** The JSON line of an event, without the line break. */
  String line(AuditEvent event) {
    ObjectNode n = NODES.objectNode();
    n.put("time", Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString());
    n.put("tool", event.tool());
    n.put("caller", event.principal());
    n.put("outcome", event.outcome());
    n.put("airflow_calls", event.airflowCalls());
    n.put("duration_ms", event.durationMillis());
    n.put("result_chars", event.resultChars());
    return JSON.writeValueAsString(n);
  }

  @Override
  public void record(AuditEvent event) {
    byte[] bytes;
    try {
      bytes = (line(event) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (RuntimeException e) {
      LOG.warn("audit event not written: {}", e.getClass().getSimpleName());
      return;
    }
    synchronized (this) {
      if (settings.stderr()) {
        stderr.write(bytes, 0, bytes.length);
        stderr.flush();
        return;
      }
      try {
        if (out == null) {
          openFile();
        }
        if (settings.maxBytes() > 0 && size > 0 && size + bytes.length > settings.maxBytes()) {
          rotate();
        }
        out.write(bytes);
        out.flush();
        size += bytes.length;
        if (failing) {
          failing = false;
          LOG.info("the audit log is written again");
        }
      } catch (IOException e) {
        if (!failing) {
          failing = true;
          LOG.warn(
              "the audit log cannot be written ({}); events are dropped until it can",
              e.getClass().getSimpleName());
        }
        closeQuietly();
      }
    }
  }

  /** Moves {@code audit.log.N} up by one, the current file to {@code .1}, and starts a new file. */
  private void rotate() throws IOException {
    closeQuietly();
    Path file = settings.file();
    Path oldest = sibling(file, settings.keepFiles());
    Files.deleteIfExists(oldest);
    for (int i = settings.keepFiles() - 1; i >= 1; i--) {
      Path from = sibling(file, i);
      if (Files.exists(from)) {
        Files.move(from, sibling(file, i + 1), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    if (Files.exists(file)) {
      Files.move(file, sibling(file, 1), StandardCopyOption.REPLACE_EXISTING);
    }
    openFile();
  }

  static Path sibling(Path file, int n) {
    return file.resolveSibling(file.getFileName() + "." + n);
  }

  private void closeQuietly() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        // Closing after a failure: nothing more to do.
      }
      out = null;
    }
  }

  @Override
  public synchronized void close() {
    closeQuietly();
  }
}
