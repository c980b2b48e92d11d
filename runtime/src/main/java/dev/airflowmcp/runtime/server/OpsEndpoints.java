package dev.airflowmcp.runtime.server;

import dev.airflowmcp.runtime.metrics.ServerMetrics;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * The operator endpoints of the HTTP transport, registered in one place: {@value #HEALTHZ} (the
 * process serves), {@value #READYZ} (Airflow reachable and its version detected, Redis reachable
 * when configured; see {@link Readiness}) and {@value #METRICS} (Prometheus text format, see {@link
 * ServerMetrics}). They need no credentials, but the Host and Origin checks of {@code /mcp} apply.
 * Their answers are fixed documents: nothing about why the server is not ready (that goes to the
 * log).
 */
final class OpsEndpoints {
  static final String HEALTHZ = "/healthz";
  static final String READYZ = "/readyz";
  static final String METRICS = "/metrics";

  /** Paths served without credentials. */
  static final Set<String> OPEN_PATHS = Set.of(HEALTHZ, READYZ, METRICS);

  private OpsEndpoints() {}

  /**
   * Adds the health endpoints, and the metrics endpoint when {@code withMetrics} and the runtime
   * has metrics, to a context.
   */
  static void addTo(ServletContextHandler context, ServerRuntime runtime, boolean withMetrics) {
    context.addServlet(new ServletHolder(new Health(null)), HEALTHZ);
    context.addServlet(new ServletHolder(new Health(runtime.readiness())), READYZ);
    if (withMetrics && runtime.metrics() != null) {
      context.addServlet(new ServletHolder(new Metrics(runtime.metrics())), METRICS);
    }
  }

  /** {@code /healthz} without a readiness, {@code /readyz} with one. */
  private static final class Health extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient Readiness readiness;

    Health(Readiness readiness) {
      this.readiness = readiness;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      boolean up = readiness == null || readiness.ready();
      String body =
          readiness == null
              ? "{\"status\":\"ok\"}"
              : up ? "{\"status\":\"ready\"}" : "{\"status\":\"not ready\"}";
      write(resp, up ? 200 : 503, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** {@code /metrics}. */
  private static final class Metrics extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient ServerMetrics metrics;

    Metrics(ServerMetrics metrics) {
      this.metrics = metrics;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
      metrics.write(out);
      write(resp, 200, ServerMetrics.CONTENT_TYPE, out.toByteArray());
    }
  }

  private static void write(HttpServletResponse resp, int status, String type, byte[] body)
      throws IOException {
    resp.setStatus(status);
    resp.setContentType(type);
    resp.setHeader("Cache-Control", "no-store");
    resp.setContentLength(body.length);
    resp.getOutputStream().write(body);
  }
}
