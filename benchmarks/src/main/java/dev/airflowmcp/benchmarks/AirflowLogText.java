package dev.airflowmcp.benchmarks;

import java.util.Random;

/**
 * Realistic Airflow task log text for benchmarks, the same for every run (fixed seed): Airflow 2
 * log lines from the task runner, hooks and operators, subprocess output (dbt, Spark, pip), pandas
 * and SQL output, a traceback now and then, and Airflow 3 structured records. A small share of
 * lines carries a secret (a key in an env dump, a URI with a password, a bearer header), as a real
 * task log sometimes does.
 */
public final class AirflowLogText {
  private AirflowLogText() {}

  private static final String[] SOURCES = {
    "taskinstance.py:1234",
    "base.py:73",
    "logging_mixin.py:188",
    "standard_task_runner.py:57",
    "http.py:152",
    "subprocess.py:93",
    "s3.py:1451",
    "sql.py:418",
    "pod_manager.py:466",
    "bash.py:185",
    "python.py:237",
    "local_task_job_runner.py:234",
    "dbt.py:301"
  };

  private static final String[] HARMLESS = {
    "Dependencies all met for dep_context=non-requeueable deps ti=<TaskInstance: etl_daily.extract"
        + " scheduled__2024-03-07T00:00:00+00:00 [queued]>",
    "Starting attempt 1 of 3",
    "Executing <Task(PythonOperator): transform> on 2024-03-07 00:00:00+00:00",
    "Started process 48213 to run task",
    "Running: ['airflow', 'tasks', 'run', 'etl_daily', 'extract',"
        + " 'scheduled__2024-03-07T00:00:00+00:00', '--job-id', '7712', '--raw']",
    "Using connection ID 'postgres_default' for task execution.",
    "Running statement: SELECT order_id, customer_id, amount, created_at FROM raw.orders WHERE"
        + " created_at >= '2024-03-06' AND created_at < '2024-03-07', parameters: None",
    "Rows affected: 120431",
    "Output:",
    "Command exited with return code 0",
    "Done. Returned value was: None",
    "Marking task as SUCCESS. dag_id=etl_daily, task_id=extract, execution_date=20240307T000000,"
        + " start_date=20240308T000012, end_date=20240308T000415",
    "Task exited with return code 0",
    "0 downstream tasks scheduled from follow-on schedule check",
    "Downloading s3://acme-raw/landing/2024/03/07/orders.parquet to /tmp/tmpa81kx2/orders.parquet",
    "Uploaded 14 files to gs://acme-exports/daily/dt=2024-03-07/",
    "Sending 'GET' to url: https://api.partner.com/v1/items?page=3&per_page=100",
    "HTTP 200 OK in 0.412s, 98213 bytes",
    "Poking for file s3://acme-raw/_SUCCESS",
    "Pod airflow-worker-5c9d7f-k2x8p is Running",
    "Event: etl-daily-transform-a81kx2 had an event of type Running",
    "12:00:03  Running with dbt=1.7.4",
    "12:00:04  Found 214 models, 512 tests, 0 snapshots, 3 analyses, 1032 macros",
    "12:00:09  1 of 214 START sql table model analytics.dim_customers ......... [RUN]",
    "12:00:11  1 of 214 OK created sql table model analytics.dim_customers .... [SELECT 82113 in 1.92s]",
    "24/03/08 00:01:12 INFO SparkContext: Running Spark version 3.5.0",
    "24/03/08 00:01:15 INFO DAGScheduler: Job 3 finished: count at NativeMethodAccessorImpl.java:0,"
        + " took 2.118 s",
    "24/03/08 00:01:15 WARN TaskSetManager: Lost task 12.0 in stage 3.0 (TID 88) (10.0.3.17"
        + " executor 2): ExecutorLostFailure",
    "   order_id  customer_id   amount           created_at",
    "0     10021         5512   129.90  2024-03-06 08:12:01",
    "1     10022         8731    12.50  2024-03-06 08:14:44",
    "[120431 rows x 4 columns]",
    "Requirement already satisfied: pandas==2.2.1 in /home/airflow/.local/lib/python3.11/site-packages",
    "Filling up the DagBag from /opt/airflow/dags/etl_daily.py",
    "Exporting env vars: AIRFLOW_CTX_DAG_OWNER='data-eng' AIRFLOW_CTX_DAG_ID='etl_daily'"
        + " AIRFLOW_CTX_TASK_ID='extract' AIRFLOW_CTX_TRY_NUMBER='1'",
    "Pushing XCom key 'return_value' for run_id=scheduled__2024-03-07T00:00:00+00:00",
    "Found credentials in environment variables.",
    "Secret not found: airflow/connections/pg_warehouse; checking the next backend",
    "Batch 41/120 written in 1.42s (4096 rows, checksum 5d41402abc4b2a76b9719d911017c592)",
    "Loaded 120431 rows into analytics.orders_daily in 38.1s",
  };

  private static final String[] TRACEBACK = {
    "Traceback (most recent call last):",
    "  File \"/home/airflow/.local/lib/python3.11/site-packages/airflow/models/taskinstance.py\","
        + " line 465, in _execute_task",
    "    result = _execute_callable(context=context, **execute_callable_kwargs)",
    "  File \"/opt/airflow/dags/etl_daily.py\", line 88, in extract",
    "    resp.raise_for_status()",
    "requests.exceptions.HTTPError: 503 Server Error: Service Unavailable for url:"
        + " https://api.partner.com/v1/items?page=4",
  };

  private static final String[] SECRET = {
    "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYz8aQ1mN0pT",
    "Connecting to postgresql+psycopg2://etl:Xk9#mQ2v!pLr@pg.acme.io:5432/dw",
    "Request headers: {'Authorization': 'Bearer 4f9aKq2LmZ8xR1tV7bN3cY6wE0pS5dH'}",
    "Running command: git clone https://ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5@github.com/acme/dags.git",
  };

  /** About {@code chars} characters of log text (one 1-in-{@code secretEvery} line a secret). */
  public static String generate(int chars, int secretEvery, long seed) {
    Random r = new Random(seed);
    StringBuilder out = new StringBuilder(chars + 512);
    int line = 0;
    while (out.length() < chars) {
      line++;
      String message;
      if (secretEvery > 0 && line % secretEvery == 0) {
        message = SECRET[r.nextInt(SECRET.length)];
      } else if (line % 400 == 0) {
        for (String t : TRACEBACK) {
          out.append(t).append('\n');
        }
        continue;
      } else {
        message = HARMLESS[r.nextInt(HARMLESS.length)];
      }
      if (line % 3 == 0) {
        // Airflow 3 structured record
        out.append("{\"timestamp\":\"2025-04-01T10:")
            .append(10 + r.nextInt(50))
            .append(':')
            .append(10 + r.nextInt(50))
            .append('.')
            .append(100000 + r.nextInt(899999))
            .append("Z\",\"level\":\"info\",\"event\":\"")
            .append(message.replace("\\", "\\\\").replace("\"", "\\\""))
            .append("\",\"logger\":\"airflow.task\"}\n");
      } else {
        out.append("[2024-03-08, 00:0")
            .append(r.nextInt(10))
            .append(':')
            .append(10 + r.nextInt(50))
            .append(" UTC] {")
            .append(SOURCES[r.nextInt(SOURCES.length)])
            .append("} INFO - ")
            .append(message)
            .append('\n');
      }
    }
    return out.toString();
  }
}
