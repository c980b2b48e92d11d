package dev.airflowmcp.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fast fake Airflow 3 on loopback answering realistic pages from memory, in the shapes of Airflow
 * 3.0's REST API ({@code DAGCollectionResponse}, {@code DAGDetailsResponse}, {@code
 * TaskInstanceCollectionResponse}, {@code TaskInstancesLogResponse} with structured records):
 *
 * <ul>
 *   <li>{@code GET /api/v2/dags}: 100 DAGs with every field Airflow 3 sends (about 90 KB);
 *   <li>{@code GET /api/v2/dags/{id}/details}: one DAG's details with its doc, params and latest
 *       version;
 *   <li>{@code GET /api/v2/dags/{id}/dagRuns/{run}/taskInstances}: 100 task instances with rendered
 *       fields and executor config;
 *   <li>{@code GET .../taskInstances/{task}/logs/{try}}: a log of about 1 MB as structured records.
 * </ul>
 *
 * <p>Every answer is built once; the handler only writes bytes, so the benchmark measures the
 * servers in front of it. The content is fixed (no randomness) so every run sees the same bytes.
 *
 * <p>By default every call gets the same page, which favours anything a server remembers between
 * calls (the redactor's verdicts on values it has seen). Started with {@code pages > 1}, the list
 * pages and the DAG details rotate over that many distinct pages of the same shape (other DAG and
 * task ids, owners, descriptions, tags, dates, hosts and pids), one after the other per path; page
 * 0 is the single page's bytes, so the first call's result is the same either way. The 1 MB log
 * stays one page.
 */
final class RealisticAirflow {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String[] TEAMS = {"data-eng", "analytics", "ml-platform", "finance-bi"};
  private static final String[] KINDS = {"etl", "ingest", "report", "train", "export", "sync"};
  private static final String[] STATES = {
    "success", "success", "success", "running", "failed", "upstream_failed", "queued", "skipped"
  };
  private static final String[] OPERATORS = {
    "PythonOperator",
    "SQLExecuteQueryOperator",
    "BashOperator",
    "S3KeySensor",
    "KubernetesPodOperator"
  };

  static final byte[] VERSION =
      "{\"version\":\"3.0.2\",\"git_version\":null}".getBytes(StandardCharsets.UTF_8);
  static final byte[] DAGS = utf8(dags(100));
  static final byte[] DAG_DETAILS = utf8(dagDetails(7));
  static final byte[] TASK_INSTANCES = utf8(taskInstances(100));
  static final byte[] LOG = utf8(log(1024 * 1024));
  private static final byte[] NOT_FOUND = utf8("{\"detail\":\"Not Found\"}");

  /** People who own DAGs besides their team (rotating pages only). */
  private static final String[] PEOPLE = {
    "m.okafor", "j.lindqvist", "a.haddad", "s.tanaka", "r.moreau", "l.novak", "p.ferreira"
  };

  private final CannedAirflow server;
  private final Rotation dags;
  private final Rotation details;
  private final Rotation taskInstances;

  /** Distinct pages of one kind, answered one after the other. */
  private static final class Rotation {
    final byte[][] pages;
    final java.util.concurrent.atomic.AtomicInteger next =
        new java.util.concurrent.atomic.AtomicInteger();

    Rotation(byte[] first, int n, java.util.function.IntFunction<String> page) {
      pages = new byte[n][];
      pages[0] = first;
      for (int v = 1; v < n; v++) {
        pages[v] = utf8(page.apply(v));
      }
    }

    byte[] take() {
      return pages.length == 1
          ? pages[0]
          : pages[Math.floorMod(next.getAndIncrement(), pages.length)];
    }
  }

  private RealisticAirflow(int pages) throws Exception {
    this.dags = new Rotation(DAGS, pages, v -> dags(100, v));
    this.details = new Rotation(DAG_DETAILS, pages, v -> dagDetails(7, v));
    this.taskInstances = new Rotation(TASK_INSTANCES, pages, v -> taskInstances(100, v));
    this.server = CannedAirflow.start(this::answer, NOT_FOUND);
  }

  /** A fake Airflow that answers the same page on every call. */
  static RealisticAirflow start() throws Exception {
    return start(1);
  }

  /**
   * A fake Airflow whose list pages and DAG details rotate over {@code pages} distinct pages (1:
   * the same page on every call).
   */
  static RealisticAirflow start(int pages) throws Exception {
    if (pages < 1) {
      throw new IllegalArgumentException("pages must be at least 1");
    }
    return new RealisticAirflow(pages);
  }

  /** The canned answer for a path. */
  byte[] answer(String path) {
    if (path.equals("/api/v2/dags")) {
      return dags.take();
    }
    if (path.equals("/api/v2/version")) {
      return VERSION;
    }
    if (path.startsWith("/api/v2/dags/")) {
      if (path.endsWith("/details")) {
        return details.take();
      }
      if (path.endsWith("/taskInstances")) {
        return taskInstances.take();
      }
      if (path.contains("/logs/")) {
        return LOG;
      }
    }
    return NOT_FOUND;
  }

  /** The day of the month of page {@code v}'s dates, {@code plus} days later ("01" on page 0). */
  private static String day(int v, int plus) {
    return String.format(Locale.ROOT, "%02d", 1 + (v + plus) % 28);
  }

  int port() {
    return server.port();
  }

  void stop() throws Exception {
    server.stop();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String q(String s) {
    return s == null ? "null" : JSON.writeValueAsString(s);
  }

  /** The fields a {@code DAGResponse} and a {@code DAGDetailsResponse} share. */
  private static void dagFields(StringBuilder b, int i, int v) {
    String kind = KINDS[i % KINDS.length];
    String team = TEAMS[i % TEAMS.length];
    String id = kind + "_" + team.replace('-', '_') + "_" + i;
    b.append("\"dag_id\":")
        .append(q(id))
        .append(",\"dag_display_name\":")
        .append(q(id.replace('_', ' ')))
        .append(",\"is_paused\":")
        .append(i % 9 == 0)
        .append(",\"is_stale\":false")
        .append(",\"last_parsed_time\":\"2025-06-")
        .append(day(v, 0))
        .append("T10:0")
        .append(i % 10)
        .append(":12.481923Z\"")
        .append(",\"last_expired\":null")
        .append(",\"bundle_name\":\"dags-folder\"")
        .append(",\"bundle_version\":null")
        .append(",\"relative_fileloc\":")
        .append(q(team + "/" + id + ".py"))
        .append(",\"fileloc\":")
        .append(q("/opt/airflow/dags/" + team + "/" + id + ".py"))
        .append(",\"description\":")
        .append(
            q(
                "Loads the "
                    + kind
                    + " data of "
                    + team
                    + " from the warehouse staging area"
                    + " into the reporting schema; owner on call: #"
                    + team
                    + "-alerts."))
        .append(",\"timetable_summary\":")
        .append(q((i % 60) + " " + (i % 24) + " * * *"))
        .append(",\"timetable_description\":")
        .append(q(String.format(Locale.ROOT, "At %02d:%02d", i % 24, i % 60)))
        .append(",\"tags\":[{\"name\":")
        .append(q(kind))
        .append(",\"dag_id\":")
        .append(q(id))
        .append("},{\"name\":")
        .append(q(team))
        .append(",\"dag_id\":")
        .append(q(id))
        .append("},{\"name\":\"tier-")
        .append(1 + i % 3)
        .append("\",\"dag_id\":")
        .append(q(id))
        .append("}]")
        .append(",\"max_active_tasks\":16")
        .append(",\"max_active_runs\":1")
        .append(",\"max_consecutive_failed_dag_runs\":0")
        .append(",\"has_task_concurrency_limits\":")
        .append(i % 4 == 0)
        .append(",\"has_import_errors\":false")
        .append(",\"next_dagrun_logical_date\":\"2025-06-")
        .append(day(v, 1))
        .append('T')
        .append(String.format(Locale.ROOT, "%02d:%02d", i % 24, i % 60))
        .append(":00Z\"")
        .append(",\"next_dagrun_data_interval_start\":\"2025-06-")
        .append(day(v, 0))
        .append("T00:00:00Z\"")
        .append(",\"next_dagrun_data_interval_end\":\"2025-06-")
        .append(day(v, 1))
        .append("T00:00:00Z\"")
        .append(",\"next_dagrun_run_after\":\"2025-06-")
        .append(day(v, 1))
        .append("T00:00:00Z\"")
        .append(",\"owners\":[")
        .append(q(team))
        .append(',')
        .append(q(v == 0 ? "airflow" : PEOPLE[(i + v) % PEOPLE.length]))
        .append(']');
  }

  private static String fileToken(int i) {
    // Airflow's file_token is an itsdangerous-signed file location: base64 with a signature.
    return "ImRhZ3MvZXRsX2RhaWx5XyIgKyBpICsgIi5weSI."
        + Integer.toHexString(0x51a7e000 + i)
        + ".Vf3kQ9xZ2mLr8TbWc1NyHs4oJd0";
  }

  /** A {@code DAGCollectionResponse} of {@code n} DAGs. */
  static String dags(int n) {
    return dags(n, 0);
  }

  /** Page {@code v} of a {@code DAGCollectionResponse} (other DAGs on every page). */
  static String dags(int n, int v) {
    StringBuilder b = new StringBuilder(n * 1200).append("{\"dags\":[");
    for (int j = 0; j < n; j++) {
      int i = j + n * v;
      b.append(j == 0 ? "{" : ",{");
      dagFields(b, i, v);
      b.append(",\"file_token\":").append(q(fileToken(i))).append('}');
    }
    return b.append("],\"total_entries\":").append(n * 3).append('}').toString();
  }

  /** A {@code DAGDetailsResponse}. */
  static String dagDetails(int i) {
    return dagDetails(i, 0);
  }

  /** Page {@code v} of a {@code DAGDetailsResponse} (another DAG on every page). */
  static String dagDetails(int i0, int v) {
    int i = i0 + 100 * v;
    StringBuilder b = new StringBuilder(4096).append('{');
    dagFields(b, i, v);
    b.append(",\"catchup\":false")
        .append(",\"dag_run_timeout\":\"PT2H\"")
        .append(",\"asset_expression\":null")
        .append(",\"doc_md\":")
        .append(
            q(
                "### Nightly load\n\nReads the day's orders from"
                    + " `raw.orders`, deduplicates them and writes `analytics.orders_daily`.\n\n"
                    + "* Upstream: `ingest_partner_api`\n* Downstream: finance dashboards\n\n"
                    + "Re-run a day with `airflow dags backfill -s <day> -e <day>`."))
        .append(",\"start_date\":\"2024-01-01T00:00:00Z\"")
        .append(",\"end_date\":null")
        .append(",\"is_paused_upon_creation\":null")
        .append(
            ",\"params\":{\"target_schema\":{\"value\":\"analytics\",\"description\":"
                + "\"Schema to write to\",\"schema\":{\"type\":\"string\"}},\"full_refresh\":"
                + "{\"value\":false,\"description\":null,\"schema\":{\"type\":\"boolean\"}}}")
        .append(",\"render_template_as_native_obj\":false")
        .append(",\"template_search_path\":null")
        .append(",\"timezone\":\"UTC\"")
        .append(",\"last_parsed\":\"2025-06-01T10:07:12.481923Z\"")
        .append(",\"owner_links\":{\"data-eng\":\"https://wiki.acme.io/teams/data-eng\"}")
        .append(",\"file_token\":")
        .append(q(fileToken(i)))
        .append(",\"concurrency\":16")
        .append(
            ",\"latest_dag_version\":{\"id\":\"0197a4c2-5f3e-7b21-9c4d-2f81e6a0b913\","
                + "\"version_number\":4,\"dag_id\":\"etl_data_eng_7\",\"bundle_name\":\"dags-folder\","
                + "\"bundle_version\":null,\"created_at\":\"2025-05-28T09:14:03.118204Z\","
                + "\"bundle_url\":null}")
        .append('}');
    return b.toString();
  }

  /** A {@code TaskInstanceCollectionResponse} of {@code n} rows. */
  static String taskInstances(int n) {
    return taskInstances(n, 0);
  }

  /**
   * Page {@code v} of a {@code TaskInstanceCollectionResponse}: another DAG's run on every page,
   * with other task ids, dates, hosts and pids.
   */
  static String taskInstances(int n, int v) {
    StringBuilder b = new StringBuilder(n * 1500).append("{\"task_instances\":[");
    String day = day(v, 0);
    String next = day(v, 1);
    String run = "scheduled__2025-06-" + day + "T00:00:00+00:00";
    String dagId = q("etl_data_eng_" + (7 + 100 * v));
    String host =
        v == 0
            ? "5c9d7f-k2x8p"
            : String.format(Locale.ROOT, "%06x-k%dx%dp", 0x5c9d7f + v, v % 10, v % 7);
    for (int j = 0; j < n; j++) {
      int i = j + n * v;
      String task = (i % 3 == 0 ? "extract_" : i % 3 == 1 ? "transform_" : "load_") + i;
      String state = STATES[i % STATES.length];
      String op = OPERATORS[i % OPERATORS.length];
      boolean started = !state.equals("queued") && !state.equals("upstream_failed");
      b.append(j == 0 ? "{" : ",{")
          .append("\"id\":\"0197a4c3-")
          .append(String.format(Locale.ROOT, "%04x", i))
          .append("-7e11-8a2b-5c0d9e3f4a61\"")
          .append(",\"task_id\":")
          .append(q(task))
          .append(",\"dag_id\":")
          .append(dagId)
          .append(",\"dag_run_id\":")
          .append(q(run))
          .append(",\"map_index\":-1")
          .append(",\"logical_date\":\"2025-06-")
          .append(day)
          .append("T00:00:00Z\"")
          .append(",\"run_after\":\"2025-06-")
          .append(next)
          .append("T00:00:00Z\"")
          .append(",\"start_date\":")
          .append(started ? "\"2025-06-" + next + "T00:0" + (i % 10) + ":05.220114Z\"" : "null")
          .append(",\"end_date\":")
          .append(
              started && !state.equals("running")
                  ? "\"2025-06-" + next + "T00:1" + (i % 10) + ":41.907731Z\""
                  : "null")
          .append(",\"duration\":")
          .append(started ? (36.5 + i) : "null")
          .append(",\"state\":")
          .append(q(state))
          .append(",\"try_number\":")
          .append(state.equals("failed") ? 3 : 1)
          .append(",\"max_tries\":2")
          .append(",\"task_display_name\":")
          .append(q(task))
          .append(",\"hostname\":")
          .append(started ? "\"airflow-worker-" + host + "\"" : "null")
          .append(",\"unixname\":\"airflow\"")
          .append(",\"pool\":\"default_pool\"")
          .append(",\"pool_slots\":1")
          .append(",\"queue\":\"default\"")
          .append(",\"priority_weight\":")
          .append(n - j)
          .append(",\"operator\":")
          .append(q(op))
          .append(",\"queued_when\":\"2025-06-")
          .append(next)
          .append("T00:00:01.004512Z\"")
          .append(",\"scheduled_when\":\"2025-06-")
          .append(next)
          .append("T00:00:00.812344Z\"")
          .append(",\"pid\":")
          .append(started ? String.valueOf(48_000 + i) : "null")
          .append(",\"executor\":null")
          .append(",\"executor_config\":\"{}\"")
          .append(",\"note\":null")
          .append(",\"rendered_map_index\":null")
          .append(",\"rendered_fields\":")
          .append(renderedFields(op, i))
          .append(",\"trigger\":null")
          .append(",\"triggerer_job\":null")
          .append(
              ",\"dag_version\":{\"id\":\"0197a4c2-5f3e-7b21-9c4d-2f81e6a0b913\","
                  + "\"version_number\":4,\"dag_id\":\"etl_data_eng_7\",\"bundle_name\":"
                  + "\"dags-folder\",\"bundle_version\":null,\"created_at\":"
                  + "\"2025-05-28T09:14:03.118204Z\",\"bundle_url\":null}")
          .append('}');
    }
    return b.append("],\"total_entries\":").append(n).append('}').toString();
  }

  private static String renderedFields(String operator, int i) {
    return switch (operator) {
      case "SQLExecuteQueryOperator" ->
          "{\"sql\":"
              + q(
                  "INSERT INTO analytics.orders_daily"
                      + " SELECT order_id, customer_id, amount FROM raw.orders WHERE created_at >="
                      + " '2025-06-01' AND created_at < '2025-06-02' -- batch "
                      + i)
              + ",\"parameters\":null}";
      case "BashOperator" ->
          "{\"bash_command\":"
              + q(
                  "dbt run --select orders_daily"
                      + " --target prod --vars '{\"day\": \"2025-06-01\"}'")
              + ",\"env\":null}";
      case "S3KeySensor" ->
          "{\"bucket_key\":[\"s3://acme-raw/landing/2025/06/01/_SUCCESS\"],"
              + "\"bucket_name\":null}";
      case "KubernetesPodOperator" ->
          "{\"image\":\"registry.acme.io/etl/transform:2.4.1\","
              + "\"cmds\":[\"python\",\"-m\",\"transform\"],\"arguments\":[\"--day\",\"2025-06-01\"],"
              + "\"env_vars\":[]}";
      default ->
          "{\"templates_dict\":null,\"op_args\":[],\"op_kwargs\":{\"day\":\"2025-06-01\","
              + "\"chunk\":"
              + i
              + "}}";
    };
  }

  /**
   * A {@code TaskInstancesLogResponse} of about {@code bytes}: a source-details group record, then
   * structured records (timestamp, level, event, logger), a traceback and a handful of lines that
   * carry a credential, as real task logs do now and then.
   */
  static String log(int bytes) {
    StringBuilder b = new StringBuilder(bytes + 4096).append("{\"content\":[");
    b.append(
        "{\"event\":\"::group::Log message source details\",\"sources\":["
            + "\"/opt/airflow/logs/dag_id=etl_data_eng_7/run_id=scheduled__2025-06-01T00:00:00+00:00/"
            + "task_id=transform_1/attempt=1.log\"]},{\"event\":\"::endgroup::\"}");
    String[] harmless = AirflowLogTextLines.HARMLESS;
    for (int line = 0; b.length() < bytes; line++) {
      String event;
      String level = "info";
      if (line % 1500 == 750) {
        event = "Connecting to postgresql://etl:Xk9mQ2vpLr" + line + "@pg.acme.io:5432/dw";
      } else if (line % 400 == 399) {
        event =
            "Task failed with exception\nTraceback (most recent call last):\n  File"
                + " \"/opt/airflow/dags/etl.py\", line 88, in extract\n    resp.raise_for_status()\n"
                + "requests.exceptions.HTTPError: 503 Server Error: Service Unavailable";
        level = "error";
      } else {
        event = harmless[line % harmless.length];
        if (line % 97 == 0) {
          level = "warning";
        }
      }
      b.append(",{\"timestamp\":\"2025-06-02T00:")
          .append(
              String.format(
                  Locale.ROOT, "%02d:%02d.%06dZ", (line / 60) % 60, line % 60, line % 1_000_000))
          .append("\",\"level\":\"")
          .append(level)
          .append("\",\"event\":")
          .append(q(event))
          .append(",\"logger\":\"airflow.task.operators.python\"}");
    }
    return b.append("],\"continuation_token\":null}").toString();
  }

  /** Ordinary log lines (no secrets) taken from {@link AirflowLogText}'s vocabulary. */
  private static final class AirflowLogTextLines {
    static final String[] HARMLESS = {
      "Dependencies all met for dep_context=non-requeueable deps ti=<TaskInstance:"
          + " etl_data_eng_7.transform_1 scheduled__2025-06-01T00:00:00+00:00 [queued]>",
      "Starting attempt 1 of 3",
      "Executing <Task(PythonOperator): transform_1> on 2025-06-01 00:00:00+00:00",
      "Using connection ID 'postgres_default' for task execution.",
      "Running statement: SELECT order_id, customer_id, amount, created_at FROM raw.orders WHERE"
          + " created_at >= '2025-06-01' AND created_at < '2025-06-02', parameters: None",
      "Rows affected: 120431",
      "Downloading s3://acme-raw/landing/2025/06/01/orders.parquet to /tmp/tmpa81kx2/o.parquet",
      "Sending 'GET' to url: https://api.partner.com/v1/items?page=3&per_page=100",
      "HTTP 200 OK in 0.412s, 98213 bytes",
      "12:00:09  1 of 214 START sql table model analytics.dim_customers ......... [RUN]",
      "24/06/02 00:01:15 INFO DAGScheduler: Job 3 finished: count at"
          + " NativeMethodAccessorImpl.java:0, took 2.118 s",
      "Batch 41/120 written in 1.42s (4096 rows, checksum 5d41402abc4b2a76b9719d911017c592)",
      "Pushing XCom key 'return_value' for run_id=scheduled__2025-06-01T00:00:00+00:00",
      "Loaded 120431 rows into analytics.orders_daily in 38.1s",
    };
  }
}
