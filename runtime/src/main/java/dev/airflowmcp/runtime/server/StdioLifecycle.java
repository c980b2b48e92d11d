package dev.airflowmcp.runtime.server;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Watches the stdio streams: counts JSON-RPC requests read and replies written, and notices end of
 * input, so the server can exit once every request has its reply.
 */
final class StdioLifecycle {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  /** Lines longer than this are not inspected (the SDK rejects them anyway). */
  private static final int MAX_INSPECTED_LINE = 16 * 1024 * 1024;
  /** How long end of input waits for pending replies. */
  static final Duration DRAIN_LIMIT = Duration.ofSeconds(60);

  private final Object lock = new Object();
  private final CountDownLatch endOfInput = new CountDownLatch(1);
  private long requests;
  private long replies;
  private final InputStream input;
  private final OutputStream output;

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

  private void onLineRead(byte[] line, int length) {
    JsonNode node = parse(line, length);
    if (node != null && node.has("method") && node.hasNonNull("id")) {
      synchronized (lock) {
        requests++;
      }
    }
  }

  private void onLineWritten(byte[] line, int length) {
    JsonNode node = parse(line, length);
    // A reply with "id": null (a parse error) answers no request that was counted.
    if (node != null && node.hasNonNull("id") && !node.has("method")
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

  private final class Watched extends FilterInputStream {
    private final LineSplitter lines = new LineSplitter();

    Watched(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n;
      try {
        n = super.read(b, off, len);
      } catch (IOException e) {
        endOfInput.countDown();
        throw e;
      }
      if (n < 0) {
        lines.flush(StdioLifecycle.this::onLineRead);
        endOfInput.countDown();
        // The SDK ends the session, dropping replies still being computed, as soon as it sees
        // end of input: hold it back until every request read so far has its reply.
        try {
          awaitRepliesWritten(DRAIN_LIMIT);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      } else {
        lines.feed(b, off, n, StdioLifecycle.this::onLineRead);
      }
      return n;
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
