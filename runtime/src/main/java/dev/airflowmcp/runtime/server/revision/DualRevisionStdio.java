package dev.airflowmcp.runtime.server.revision;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stdio for both generations: one thread reads the lines of stdin and gives each JSON-RPC message
 * to the 2025-era session or to the 2026-07-28 server ({@link Revisions#classify}, without
 * headers); both write whole lines to the one stdout. A request picks its generation; a
 * notification follows the last request's (a 2026 client's {@code notifications/cancelled} may
 * carry no {@code _meta}); a response (to a request the server sent) goes to the 2025-era session,
 * the only one that sends requests. At end of stdin both inputs end.
 *
 * <p>The 2026 server is started on its first message ({@link #onFirstModernMessage}): most clients
 * speak the 2025-era protocol only, and building the other generation's server before the first
 * answer was a good part of the cold start.
 */
public final class DualRevisionStdio {
  private static final Logger LOG = LoggerFactory.getLogger(DualRevisionStdio.class);
  private static final JsonMapper JSON = JsonMapper.shared();
  private static final byte[] END = new byte[0];

  private final InputStream stdin;
  private final OutputStream stdout;
  private final QueueInput legacyInput = new QueueInput();
  private final QueueInput modernInput = new QueueInput();
  private volatile Revisions.Generation last = Revisions.Generation.LEGACY;
  private Runnable modernStarter = () -> {};
  private boolean modernStarted;
  private Observer observer = Observer.NONE;

  /**
   * Sees every message on the router's thread before it is handed on, and the end of input. A
   * 2025-era line is handed on only after {@link Observer#message} returns, so whatever the
   * observer records about it happens before the session can read it.
   */
  public interface Observer {
    /** Observes nothing. */
    Observer NONE =
        new Observer() {
          @Override
          public void message(Revisions.Generation generation, Object parsed, byte[] line) {}

          @Override
          public void ended() {}
        };

    /**
     * One message.
     *
     * @param generation who answers it
     * @param parsed the message as read by a plain JSON mapper (a map for an object), or null
     * @param line the line with its line feed
     */
    void message(Revisions.Generation generation, Object parsed, byte[] line);

    /** End of input (both inputs are about to end). */
    void ended();
  }

  /**
   * @param stdin JSON-RPC messages, one per line
   * @param stdout where both generations write
   */
  public DualRevisionStdio(InputStream stdin, OutputStream stdout) {
    this.stdin = stdin;
    this.stdout = stdout;
  }

  /** The 2025-era session's stdin. */
  public InputStream legacyInput() {
    return legacyInput;
  }

  /** The 2026 server's stdin. */
  public InputStream modernInput() {
    return modernInput;
  }

  /** A stdout for one generation: whole lines only, never interleaved with the other's. */
  public OutputStream output() {
    return new LineOutput(stdout);
  }

  /**
   * What starts the 2026 server (the reader of {@link #modernInput()}): run once, on the router's
   * thread, before the first message of that generation is handed on (the message waits in the
   * input until the server reads it). Set before {@link #start()}.
   */
  public void onFirstModernMessage(Runnable starter) {
    this.modernStarter = starter;
  }

  /** What sees each message before it is handed on. Set before {@link #start()}. */
  public void observe(Observer observer) {
    this.observer = observer;
  }

  /** Whether the 2026 server has been started (a message of that generation arrived). */
  public synchronized boolean modernStarted() {
    return modernStarted;
  }

  /** Starts routing stdin (a daemon thread that ends at end of input). */
  public void start() {
    Thread t = new Thread(this::route, "mcp-stdio-router");
    t.setDaemon(true);
    t.start();
  }

  private void route() {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    try {
      int n;
      while ((n = stdin.read(chunk)) >= 0) {
        int start = 0;
        for (int i = 0; i < n; i++) {
          if (chunk[i] == '\n') {
            line.write(chunk, start, i - start + 1);
            dispatch(line.toByteArray());
            line.reset();
            start = i + 1;
          }
        }
        line.write(chunk, start, n - start);
      }
      if (line.size() > 0) {
        line.write('\n');
        dispatch(line.toByteArray());
      }
    } catch (IOException e) {
      LOG.warn("reading stdin failed: {}", e.getClass().getSimpleName());
    } finally {
      try {
        observer.ended();
      } catch (RuntimeException e) {
        LOG.warn("stdin observer failed at end of input: {}", e.getClass().getSimpleName());
      }
      legacyInput.end();
      modernInput.end();
    }
  }

  /** Gives one line (with its line feed) to the generation that answers it. */
  void dispatch(byte[] line) {
    Object message;
    try {
      message = JSON.readValue(line, Object.class);
    } catch (JacksonException e) {
      message = null;
    }
    Revisions.Generation generation;
    if (message instanceof Map<?, ?> m && m.get("method") != null && m.get("id") != null) {
      generation = Revisions.classify(message, name -> null);
      last = generation;
    } else if (message instanceof Map<?, ?> m && m.get("method") != null) {
      generation = Revisions.claimsVersion(m.get("params")) ? Revisions.Generation.MODERN : last;
    } else {
      generation = Revisions.Generation.LEGACY;
    }
    String problem =
        generation == Revisions.Generation.LEGACY ? ParamsCheck.problem(message) : null;
    if (problem != null) {
      answer(ParamsCheck.errorResponse((Map<?, ?>) message, problem));
      return;
    }
    try {
      observer.message(generation, message, line);
    } catch (RuntimeException e) {
      LOG.warn("stdin observer failed: {}", e.getClass().getSimpleName());
    }
    if (generation == Revisions.Generation.MODERN) {
      startModern();
      modernInput.offer(line);
    } else {
      legacyInput.offer(line);
    }
  }

  /** Writes one answer of the router's own (see {@link ParamsCheck}) as a whole line. */
  private void answer(Map<String, Object> response) {
    byte[] bytes = JSON.writeValueAsBytes(response);
    try {
      synchronized (stdout) {
        stdout.write(bytes);
        stdout.write('\n');
        stdout.flush();
      }
    } catch (IOException e) {
      LOG.warn("writing to stdout failed: {}", e.getClass().getSimpleName());
    }
  }

  private synchronized void startModern() {
    if (!modernStarted) {
      modernStarted = true;
      modernStarter.run();
    }
  }

  /** An input stream fed whole lines by the router. */
  private static final class QueueInput extends InputStream {
    private final BlockingQueue<byte[]> lines = new LinkedBlockingQueue<>();
    private byte[] current = new byte[0];
    private int position;
    private boolean ended;

    void offer(byte[] line) {
      lines.add(line);
    }

    void end() {
      lines.add(END);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      while (position >= current.length) {
        if (ended) {
          return -1;
        }
        try {
          byte[] next = lines.take();
          if (next == END) {
            ended = true;
            return -1;
          }
          current = next;
          position = 0;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("interrupted while waiting for stdin");
        }
      }
      int n = Math.min(len, current.length - position);
      System.arraycopy(current, position, b, off, n);
      position += n;
      return n;
    }

    @Override
    public synchronized int available() {
      return current.length - position;
    }
  }

  /** Writes each whole line to the shared stream at once, so lines of two writers never mix. */
  private static final class LineOutput extends WholeLineOutput {
    private final OutputStream shared;

    LineOutput(OutputStream shared) {
      this.shared = shared;
    }

    @Override
    protected void line(byte[] whole) throws IOException {
      synchronized (shared) {
        shared.write(whole);
        shared.flush();
      }
    }

    @Override
    public void flush() throws IOException {
      synchronized (shared) {
        shared.flush();
      }
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
