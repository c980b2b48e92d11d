package dev.airflowmcp.benchmarks;

import java.nio.charset.StandardCharsets;

/**
 * A fast fake Airflow 3 on loopback: canned JSON for {@code /api/v2/version} and {@code
 * /api/v2/dags} ({@link CannedAirflow}).
 */
final class FakeAirflow {
  static final byte[] VERSION =
      "{\"version\":\"3.0.2\",\"git_version\":null}".getBytes(StandardCharsets.UTF_8);
  static final byte[] DAGS = dags(10);
  private static final byte[] NOT_FOUND =
      "{\"detail\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8);

  private final CannedAirflow server;

  private FakeAirflow(CannedAirflow server) {
    this.server = server;
  }

  static FakeAirflow start() throws Exception {
    return new FakeAirflow(CannedAirflow.start(FakeAirflow::answer, NOT_FOUND));
  }

  private static byte[] answer(String path) {
    if (path.equals("/api/v2/dags")) {
      return DAGS;
    }
    if (path.equals("/api/v2/version")) {
      return VERSION;
    }
    return NOT_FOUND;
  }

  int port() {
    return server.port();
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
