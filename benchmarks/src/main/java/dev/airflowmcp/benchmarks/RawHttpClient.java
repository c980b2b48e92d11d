package dev.airflowmcp.benchmarks;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 client over one keep-alive loopback connection: writes prepared request bytes,
 * reads the status, headers and the whole body ({@code Content-Length} or chunked). Cheap enough
 * that the driver does not dominate what it measures; not thread-safe (one per thread).
 */
final class RawHttpClient implements AutoCloseable {
  private final int port;
  private Socket socket;
  private OutputStream out;
  private InputStream in;
  private final ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
  private final StringBuilder line = new StringBuilder(128);

  RawHttpClient(int port) {
    this.port = port;
  }

  /** Sends one request and reads the answer; returns the status. {@link #body()} holds the body. */
  int exchange(byte[] request) throws IOException {
    if (socket == null) {
      connect();
    }
    try {
      return send(request);
    } catch (IOException e) {
      // A connection the server closed between requests: try once on a fresh one.
      close();
      connect();
      return send(request);
    }
  }

  byte[] body() {
    return body.toByteArray();
  }

  /** Whether the last body contains {@code needle} (ASCII). */
  boolean bodyContains(byte[] needle) {
    byte[] b = body.toByteArray();
    outer:
    for (int i = 0; i + needle.length <= b.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (b[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  int bodyLength() {
    return body.size();
  }

  private void connect() throws IOException {
    socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(30_000);
    out = socket.getOutputStream();
    in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
  }

  private int send(byte[] request) throws IOException {
    out.write(request);
    out.flush();
    String statusLine = readLine();
    if (!statusLine.startsWith("HTTP/1.1 ")) {
      throw new IOException("not an HTTP answer: " + statusLine);
    }
    int status = Integer.parseInt(statusLine.substring(9, 12));
    long length = -1;
    boolean chunked = false;
    boolean closes = false;
    for (String h = readLine(); !h.isEmpty(); h = readLine()) {
      int colon = h.indexOf(':');
      String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = h.substring(colon + 1).trim();
      switch (name) {
        case "content-length" -> length = Long.parseLong(value);
        case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        case "connection" -> closes = value.equalsIgnoreCase("close");
        default -> {}
      }
    }
    body.reset();
    if (chunked) {
      for (int size = Integer.parseInt(readLine().split(";")[0].trim(), 16);
          size > 0;
          size = Integer.parseInt(readLine().split(";")[0].trim(), 16)) {
        copy(size);
        readLine();
      }
      for (String trailer = readLine(); !trailer.isEmpty(); trailer = readLine()) {
        // trailers are ignored
      }
    } else if (length >= 0) {
      copy(length);
    } else {
      throw new IOException("an answer without Content-Length or chunked encoding");
    }
    if (closes) {
      close();
    }
    return status;
  }

  private void copy(long n) throws IOException {
    byte[] buf = new byte[8192];
    while (n > 0) {
      int r = in.read(buf, 0, (int) Math.min(buf.length, n));
      if (r < 0) {
        throw new EOFException("the answer ended early");
      }
      body.write(buf, 0, r);
      n -= r;
    }
  }

  private String readLine() throws IOException {
    line.setLength(0);
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new EOFException("connection closed");
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
      socket = null;
    }
  }

  /** A GET with keep-alive. */
  static byte[] get(int port, String pathAndQuery, String authorization) {
    return ("GET "
            + pathAndQuery
            + " HTTP/1.1\r\nHost: 127.0.0.1:"
            + port
            + "\r\nAccept: application/json\r\nAuthorization: "
            + authorization
            + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** A JSON POST with keep-alive. */
  static byte[] postJson(int port, String path, String json, String authorization) {
    byte[] payload = json.getBytes(StandardCharsets.UTF_8);
    byte[] head =
        ("POST "
                + path
                + " HTTP/1.1\r\nHost: 127.0.0.1:"
                + port
                + "\r\nContent-Type: application/json"
                + "\r\nAccept: application/json, text/event-stream"
                + "\r\nMCP-Protocol-Version: 2025-06-18"
                + "\r\nAuthorization: "
                + authorization
                + "\r\nContent-Length: "
                + payload.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[head.length + payload.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(payload, 0, all, head.length, payload.length);
    return all;
  }
}
