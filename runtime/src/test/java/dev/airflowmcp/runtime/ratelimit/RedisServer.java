package dev.airflowmcp.runtime.ratelimit;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} process on a free loopback port, without persistence. Tests that need
 * one are skipped (by an assumption) only when no {@code redis-server} binary exists; CI installs
 * it ({@code .ci/run}).
 */
public final class RedisServer implements AutoCloseable {
  private final String binary;
  private final int port;
  private Process process;

  private RedisServer(String binary, int port) {
    this.binary = binary;
    this.port = port;
  }

  /** Starts a server, or skips the test when there is no {@code redis-server} binary. */
  public static RedisServer start() throws IOException, InterruptedException {
    String binary = find();
    Assumptions.assumeTrue(
        binary != null,
        "redis-server is not installed (CI installs it: apt-get install redis-server)");
    RedisServer server = new RedisServer(binary, freePort());
    server.launch();
    return server;
  }

  /** The {@code redis://} URI of this server. */
  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** Stops the process (the port stays reserved for {@link #restart}). */
  public void stop() throws InterruptedException {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
      process = null;
    }
  }

  /** Starts the process again on the same port, empty. */
  public void restart() throws IOException, InterruptedException {
    stop();
    launch();
  }

  @Override
  public void close() {
    try {
      stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void launch() throws IOException, InterruptedException {
    process =
        new ProcessBuilder(
                List.of(
                    binary,
                    "--port",
                    String.valueOf(port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--protected-mode",
                    "no",
                    "--loglevel",
                    "warning"))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("redis-server exited with " + process.exitValue());
      }
      try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
        probe.setSoTimeout(2_000);
        probe.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] answer = new byte[7];
        int n = probe.getInputStream().readNBytes(answer, 0, answer.length);
        if (new String(answer, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG")) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(20);
    }
    stop();
    throw new IOException("redis-server did not listen on port " + port + " within 10 s");
  }

  private static String find() {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        Path candidate = Path.of(dir, "redis-server");
        if (Files.isExecutable(candidate)) {
          return candidate.toString();
        }
      }
    }
    for (String dir : List.of("/usr/bin", "/usr/local/bin", "/opt/homebrew/bin")) {
      Path candidate = Path.of(dir, "redis-server");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
