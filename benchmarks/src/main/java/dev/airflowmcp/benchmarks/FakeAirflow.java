package dev.airflowmcp.benchmarks;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A fast fake Airflow 3 on loopback: canned JSON for {@code /api/v2/version} and {@code
 * /api/v2/dags}, written straight from memory by a Jetty handler, so that the benchmark measures
 * the MCP server and not the fake.
 */
final class FakeAirflow {
  static final byte[] VERSION =
      "{\"version\":\"3.0.2\",\"git_version\":null}".getBytes(StandardCharsets.UTF_8);
  static final byte[] DAGS = dags(10);
  private static final byte[] NOT_FOUND =
      "{\"detail\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8);

  private final Server server;

  private FakeAirflow(Server server) {
    this.server = server;
  }

  static FakeAirflow start() throws Exception {
    Server server = new Server(new QueuedThreadPool(64, 8));
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback) {
            String path = Request.getPathInContext(request);
            byte[] body;
            int status = 200;
            if (path.equals("/api/v2/dags")) {
              body = DAGS;
            } else if (path.equals("/api/v2/version")) {
              body = VERSION;
            } else {
              status = 404;
              body = NOT_FOUND;
            }
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            response.write(true, ByteBuffer.wrap(body), callback);
            return true;
          }
        });
    server.start();
    return new FakeAirflow(server);
  }

  int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  void stop() throws Exception {
    server.stop();
  }

  /** An Airflow 3 {@code GET /dags} answer with {@code n} DAGs (about 500 bytes each). */
  private static byte[] dags(int n) {
    StringBuilder out = new StringBuilder("{\"dags\":[");
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append("{\"dag_id\":\"etl_")
          .append(i)
          .append("\",\"dag_display_name\":\"etl_")
          .append(i)
          .append("\",\"is_paused\":false,\"is_stale\":false,\"last_parsed_time\":")
          .append("\"2025-06-01T10:00:00Z\",\"last_expired\":null,\"bundle_name\":\"dags-folder\",")
          .append("\"relative_fileloc\":\"etl.py\",\"fileloc\":\"/opt/airflow/dags/etl.py\",")
          .append("\"description\":\"Nightly load number ")
          .append(i)
          .append("\",\"timetable_summary\":\"0 2 * * *\",\"timetable_description\":\"At 02:00\",")
          .append("\"tags\":[{\"name\":\"etl\",\"dag_id\":\"etl_")
          .append(i)
          .append("\"}],\"max_active_tasks\":16,\"max_active_runs\":1,")
          .append("\"max_consecutive_failed_dag_runs\":0,\"has_task_concurrency_limits\":false,")
          .append("\"has_import_errors\":false,\"next_dagrun_logical_date\":null,")
          .append(
              "\"owners\":[\"data-team\"],\"file_token\":\"Ii9vcHQvYWlyZmxvdy9kYWdzL2V0bC5weSI\"}");
    }
    out.append("],\"total_entries\":").append(n).append('}');
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }
}
