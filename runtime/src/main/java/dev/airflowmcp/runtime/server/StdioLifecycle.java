package dev.airflowmcp.runtime.server;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Watches the stdio streams: counts JSON-RPC requests read and replies written, and notices end of
 * input, so the server can exit once every request has its reply.
 *
 * <p>Only JSON-RPC messages reach the SDK: a line that is blank, not JSON, not an object or not
 * shaped like a request, notification or response is dropped (with a warning that never quotes it).
 * At the first line it cannot deserialise, the SDK's stdio transport stops reading stdin and closes
 * the session, which would leave the server deaf and waiting forever for end of input.
 */
final class StdioLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(StdioLifecycle.class);
  private static final JsonMapper JSON = JsonMapper.shared();

  /** Lines longer than this are dropped (the SDK's own limit, at which it stops reading). */
  private static final int MAX_INSPECTED_LINE = 16 * 1024 * 1024;

  /** How long end of input waits for pending replies. */
  static final Duration DRAIN_LIMIT = Duration.ofSeconds(60);

  private final Object lock = new Object();
  private final CountDownLatch endOfInput = new CountDownLatch(1);
  private long requests;
  private long replies;
  private final InputStream input;
  private final OutputStream output;
  private volatile Runnable onEndOfInput = () -> {};

  StdioLifecycle(InputStream stdin, OutputStream stdout) {
    this.input = new Watched(stdin);
    this.output = new WatchedOut(stdout);
  }

  InputStream input() {
    return input;
  }

  OutputStream output() {
    return output;
  }

  /**
   * Runs once stdin has ended (or failed), on the reading thread, before that thread waits for the
   * pending replies.
   */
  void onEndOfInput(Runnable action) {
    this.onEndOfInput = action;
  }

  private void endOfInput() {
    endOfInput.countDown();
    onEndOfInput.run();
  }

  void awaitEndOfInput() throws InterruptedException {
    endOfInput.await();
  }

  /** Waits until every request read has a reply written; false when the limit passed first. */
  boolean awaitRepliesWritten(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    synchronized (lock) {
      while (replies < requests) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        lock.wait(Math.max(1, left / 1_000_000));
      }
    }
    try {
      output.flush();
    } catch (IOException e) {
      return false;
    }
    return true;
  }

  /** Whether a line read from stdin goes on to the SDK; counts the requests among them. */
  private boolean acceptLine(byte[] line, int length) {
    JsonNode node = parse(line, length);
    if (node == null || !isMessage(node)) {
      if (!isBlank(line, length)) {
        LOG.warn("ignored a line of {} bytes on stdin that is not a JSON-RPC message", length);
      }
      return false;
    }
    if (node.has("method") && node.has("id")) {
      synchronized (lock) {
        requests++;
      }
    }
    return true;
  }

  /**
   * A request or notification (a string {@code method}, and an {@code id} that is a string or
   * integer if present) or a response (such an {@code id} with a {@code result}, or with an {@code
   * error} object carrying an integer {@code code}): what the SDK can deserialise.
   */
  private static boolean isMessage(JsonNode node) {
    JsonNode id = node.get("id");
    boolean validId = id != null && (id.isString() || id.isIntegralNumber());
    JsonNode method = node.get("method");
    if (method != null) {
      return method.isString() && (id == null || validId);
    }
    if (!validId) {
      return false;
    }
    if (node.has("result")) {
      return true;
    }
    JsonNode error = node.get("error");
    return error != null && error.isObject() && error.path("code").isInt();
  }

  private static boolean isBlank(byte[] line, int length) {
    for (int i = 0; i < length; i++) {
      if (!Character.isWhitespace(line[i])) {
        return false;
      }
    }
    return true;
  }

  private void onLineWritten(byte[] line, int length) {
    JsonNode node = parse(line, length);
    // A reply with "id": null (a parse error) answers no request that was counted.
    if (node != null
        && node.hasNonNull("id")
        && !node.has("method")
        && (node.has("result") || node.has("error"))) {
      synchronized (lock) {
        replies++;
        lock.notifyAll();
      }
    }
  }

  private static JsonNode parse(byte[] line, int length) {
    if (length == 0 || length > MAX_INSPECTED_LINE) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(line, 0, length);
      return node != null && node.isObject() ? node : null;
    } catch (JacksonException e) {
      return null;
    }
  }

  /** Splits a byte stream into lines and hands each to a consumer. */
  private static final class LineSplitter {
    private final ByteArrayOutputStream current = new ByteArrayOutputStream();
    private boolean overflow;

    interface Sink {
      void line(byte[] bytes, int length);
    }

    void feed(byte[] b, int off, int len, Sink sink) {
      int start = off;
      for (int i = off; i < off + len; i++) {
        if (b[i] == '\n') {
          append(b, start, i - start);
          flush(sink);
          start = i + 1;
        }
      }
      append(b, start, off + len - start);
    }

    void flush(Sink sink) {
      if (!overflow && current.size() > 0) {
        sink.line(current.toByteArray(), current.size());
      }
      current.reset();
      overflow = false;
    }

    private void append(byte[] b, int off, int len) {
      if (len <= 0 || overflow) {
        return;
      }
      if (current.size() + len > MAX_INSPECTED_LINE) {
        overflow = true;
        current.reset();
        return;
      }
      current.write(b, off, len);
    }
  }

  /**
   * Stdin as the SDK sees it: the accepted lines, each ending with a line feed. End of input is
   * held back until every request read has its reply, because the SDK ends the session (dropping
   * replies still being computed) as soon as it sees end of input.
   */
  private final class Watched extends InputStream {
    private final InputStream in;
    private final LineSplitter lines = new LineSplitter();
    private final byte[] chunk = new byte[8192];
    private final ByteArrayOutputStream accepted = new ByteArrayOutputStream();
    private byte[] pending = new byte[0];
    private int position;
    private boolean ended;
    private boolean drained;

    Watched(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      while (position >= pending.length) {
        if (ended) {
          drain();
          return -1;
        }
        fill();
      }
      int n = Math.min(len, pending.length - position);
      System.arraycopy(pending, position, b, off, n);
      position += n;
      return n;
    }

    @Override
    public int available() {
      return pending.length - position;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }

    /** Reads one chunk of stdin and queues the accepted lines it completes. */
    private void fill() throws IOException {
      int n;
      try {
        n = in.read(chunk);
      } catch (IOException e) {
        endOfInput();
        throw e;
      }
      if (n < 0) {
        lines.flush(this::accept);
        ended = true;
        endOfInput();
      } else {
        lines.feed(chunk, 0, n, this::accept);
      }
      pending = accepted.toByteArray();
      accepted.reset();
      position = 0;
    }

    private void accept(byte[] line, int length) {
      if (acceptLine(line, length)) {
        accepted.write(line, 0, length);
        accepted.write('\n');
      }
    }

    private void drain() {
      if (drained) {
        return;
      }
      drained = true;
      try {
        awaitRepliesWritten(DRAIN_LIMIT);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private final class WatchedOut extends FilterOutputStream {
    private final LineSplitter lines = new LineSplitter();

    WatchedOut(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      out.flush();
      lines.feed(b, off, len, StdioLifecycle.this::onLineWritten);
    }
  }
}
