package dev.airflowmcp.runtime.server.revision;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * An output stream that gathers bytes until a line feed and then hands the whole line, line feed
 * included, to {@link #line(byte[])}. Bytes after the last line feed wait for the next write. The
 * stdio transports use it so that one JSON-RPC message always reaches stdout in one piece.
 */
public abstract class WholeLineOutput extends OutputStream {
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

  /** Receives one complete line, ending with its line feed. */
  protected abstract void line(byte[] whole) throws IOException;

  @Override
  public final void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public final synchronized void write(byte[] b, int off, int len) throws IOException {
    int start = off;
    for (int i = off; i < off + len; i++) {
      if (b[i] == '\n') {
        pending.write(b, start, i - start + 1);
        byte[] whole = pending.toByteArray();
        pending.reset();
        line(whole);
        start = i + 1;
      }
    }
    pending.write(b, start, off + len - start);
  }
}
