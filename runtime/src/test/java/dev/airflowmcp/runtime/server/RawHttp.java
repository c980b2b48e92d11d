package dev.airflowmcp.runtime.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, so tests control every header (the JDK client will not send a
 * foreign {@code Host} or a lying {@code Content-Length}). One request per connection.
 */
final class RawHttp {
  private RawHttp() {}

  /** An answer: status, headers (lower-case names) and the decoded body. */
  record Response(int status, Map<String, String> headers, String body) {}

  /**
   * Sends {@code head} (request line and headers, without the blank line; {@code Connection: close}
   * is added) and {@code body}, and reads the whole answer.
   */
  static Response send(int port, String head, byte[] body) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write((head + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      try {
        out.write(body);
        out.flush();
      } catch (SocketException e) {
        // The server may answer and close before reading a body it refuses.
      }
      return parse(readAll(socket.getInputStream()));
    }
  }

  /** A JSON POST to {@code /mcp} with the given extra header lines (each without CRLF). */
  static Response postJson(int port, String json, String... headers) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    StringBuilder head =
        new StringBuilder("POST /mcp HTTP/1.1\r\nContent-Type: application/json\r\n")
            .append("Accept: application/json, text/event-stream\r\n")
            .append("Content-Length: ")
            .append(body.length);
    boolean hasHost = false;
    for (String h : headers) {
      head.append("\r\n").append(h);
      hasHost |= h.toLowerCase(Locale.ROOT).startsWith("host:");
    }
    if (!hasHost) {
      head.append("\r\nHost: 127.0.0.1:").append(port);
    }
    return send(port, head.toString(), body);
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    try {
      for (int n; (n = in.read(buf)) >= 0; ) {
        out.write(buf, 0, n);
      }
    } catch (SocketException e) {
      // A reset after the answer was read completely.
    }
    return out.toByteArray();
  }

  private static Response parse(byte[] raw) {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      throw new IllegalStateException("no complete HTTP answer: " + text);
    }
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).trim());
    }
    byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = dechunk(body);
    }
    return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  private static byte[] dechunk(byte[] chunked) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    while (i < chunked.length) {
      int lineEnd = indexOfCrlf(chunked, i);
      String size =
          new String(chunked, i, lineEnd - i, StandardCharsets.ISO_8859_1).split(";")[0].trim();
      int n = Integer.parseInt(size, 16);
      if (n == 0) {
        break;
      }
      out.write(chunked, lineEnd + 2, n);
      i = lineEnd + 2 + n + 2;
    }
    return out.toByteArray();
  }

  private static int indexOfCrlf(byte[] b, int from) {
    for (int i = from; i + 1 < b.length; i++) {
      if (b[i] == '\r' && b[i + 1] == '\n') {
        return i;
      }
    }
    throw new IllegalStateException("bad chunked body");
  }
}
