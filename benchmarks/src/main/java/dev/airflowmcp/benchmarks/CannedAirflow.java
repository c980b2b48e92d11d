package dev.airflowmcp.benchmarks;

import java.nio.ByteBuffer;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A Jetty server on loopback that answers every request with canned JSON bytes chosen by the path,
 * written straight from memory, so that a benchmark measures the MCP server and not the fake. The
 * fake Airflows ({@link FakeAirflow}, {@link RealisticAirflow}) differ only in their answers.
 */
final class CannedAirflow {
  private final Server server;

  private CannedAirflow(Server server) {
    this.server = server;
  }

  /**
   * Starts on a free port of 127.0.0.1.
   *
   * @param answers the body for a path; {@code notFound} (the same array) answers 404
   * @param notFound the body of a 404
   */
  static CannedAirflow start(Function<String, byte[]> answers, byte[] notFound) throws Exception {
    Server server = new Server(new QueuedThreadPool(64, 8));
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback) {
            byte[] body = answers.apply(Request.getPathInContext(request));
            if (body == null) {
              body = notFound;
            }
            response.setStatus(body == notFound ? 404 : 200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            response.write(true, ByteBuffer.wrap(body), callback);
            return true;
          }
        });
    server.start();
    return new CannedAirflow(server);
  }

  int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  void stop() throws Exception {
    server.stop();
  }
}
