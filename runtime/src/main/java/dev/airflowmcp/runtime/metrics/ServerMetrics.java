package dev.airflowmcp.runtime.metrics;

import dev.airflowmcp.runtime.airflow.AirflowCallException;
import dev.airflowmcp.runtime.airflow.AirflowTransport;
import dev.airflowmcp.runtime.pipeline.AuditSink;
import dev.airflowmcp.runtime.ratelimit.ConcurrencyCaps;
import dev.airflowmcp.runtime.ratelimit.RefusalListener;
import dev.airflowmcp.runtime.redaction.AirflowRedactor;
import dev.airflowmcp.runtime.redaction.Redactor;
import dev.airflowmcp.runtime.tool.ErrorType;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntSupplier;

/**
 * The server's Prometheus metrics, in a registry of its own (the Prometheus Java client): tool
 * calls by tool and outcome with their latency, Airflow requests by operation and status with their
 * latency, rate-limit refusals by class and reason, the bulkhead's and the concurrency caps' use,
 * masks added by redaction, and the JVM's and process's own metrics.
 *
 * <p>Every label value is bounded and free of secrets: tool names and rate-limit classes come from
 * the catalog, outcomes from a fixed list of error types, statuses from a fixed list, operation ids
 * from the code (identifiers only, at most {@value #MAX_OPERATIONS} distinct). Nothing a caller
 * sends (arguments, DAG ids, tokens) or a caller identity ever becomes a label; anything outside
 * the bounds is {@code other}.
 *
 * <p>It receives tool calls as an {@link AuditSink}, refusals as a {@link RefusalListener} and
 * redaction counts as a {@link RedactionListener}; {@link #meter(AirflowTransport)} wraps the
 * Airflow transport and {@link #count(Redactor)} the redactor.
 */
public final class ServerMetrics implements AuditSink, RefusalListener, RedactionListener {
  /** The {@code Content-Type} of {@link #write}. */
  public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

  /** The outcome label of a call that succeeded. */
  public static final String OK = "ok";

  /** Distinct Airflow operation ids labelled at most; further ones are {@code other}. */
  static final int MAX_OPERATIONS = 256;

  /** Distinct redaction families labelled at most; further ones are {@code other}. */
  static final int MAX_FAMILIES = 128;

  /** The error types this server's tools return ({@code error_type}), and {@code ok}. */
  static final Set<String> OUTCOMES = outcomes();

  private static Set<String> outcomes() {
    Set<String> names = new java.util.HashSet<>();
    names.add(OK);
    for (ErrorType t : ErrorType.values()) {
      names.add(t.wireName());
    }
    return Set.copyOf(names);
  }

  /** HTTP statuses labelled as they are; any other becomes its class ({@code 2xx} ...). */
  private static final Set<Integer> STATUSES =
      Set.of(200, 201, 204, 400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504);

  private static final double[] TOOL_SECONDS = {
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120
  };
  private static final double[] AIRFLOW_SECONDS = {
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30
  };

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
  private final BoundedLabels tools;
  private final BoundedLabels classes;
  private final BoundedLabels outcomes = BoundedLabels.of(OUTCOMES);
  private final BoundedLabels operations = BoundedLabels.identifiers(MAX_OPERATIONS);
  private final BoundedLabels families = BoundedLabels.identifiers(MAX_FAMILIES);
  private final Counter toolCalls;
  private final Histogram toolSeconds;
  private final Counter airflowRequests;
  private final Histogram airflowSeconds;
  private final Counter refusals;
  private final Counter redactions;

  /**
   * @param toolNames every name a tool can be called by (tools and aliases)
   * @param rateLimitClasses every rate-limit class the tools use
   */
  public ServerMetrics(Set<String> toolNames, Set<String> rateLimitClasses) {
    this.tools = BoundedLabels.of(toolNames);
    this.classes = BoundedLabels.of(rateLimitClasses);
    toolCalls =
        Counter.builder()
            .name("airflow_mcp_tool_calls_total")
            .help("Tool calls by tool and outcome (ok, or the error type of the result).")
            .labelNames("tool", "outcome")
            .register(registry);
    toolSeconds =
        Histogram.builder()
            .name("airflow_mcp_tool_call_duration_seconds")
            .help("Wall time of tool calls, rate-limit refusals included.")
            .labelNames("tool")
            .classicOnly()
            .classicUpperBounds(TOOL_SECONDS)
            .register(registry);
    airflowRequests =
        Counter.builder()
            .name("airflow_mcp_airflow_requests_total")
            .help(
                "Requests the tools sent to Airflow, by operation id and HTTP status (or the"
                    + " failure without a status: connect, timeout, busy, ...).")
            .labelNames("operation", "status")
            .register(registry);
    airflowSeconds =
        Histogram.builder()
            .name("airflow_mcp_airflow_request_duration_seconds")
            .help(
                "Latency of requests to Airflow by operation id, retries and the wait for a"
                    + " bulkhead slot included.")
            .labelNames("operation")
            .classicOnly()
            .classicUpperBounds(AIRFLOW_SECONDS)
            .register(registry);
    refusals =
        Counter.builder()
            .name("airflow_mcp_rate_limit_refusals_total")
            .help(
                "Calls refused before reaching Airflow, by rate-limit class and reason"
                    + " (rate_limit: the caller's bucket was empty; concurrency_cap: the class's cap"
                    + " on this server was reached; upstream_429: Airflow asked this caller to wait).")
            .labelNames("rate_limit_class", "reason")
            .register(registry);
    redactions =
        Counter.builder()
            .name("airflow_mcp_redactions_total")
            .help(
                "Values masked in what the server returned, by rule family (sensitive-key,"
                    + " registered, secret-name, a detector family; unattributed: counted at the"
                    + " pipeline for a redactor that does not name its rules).")
            .labelNames("family")
            .register(registry);
    JvmMetrics.builder().register(registry);
  }

  /**
   * Registers the gauges that read the server's state when scraped.
   *
   * @param toolsInFlight tool calls running now
   * @param airflowInFlight requests to Airflow in flight now (the bulkhead's use)
   * @param airflowMaxInFlight the bulkhead's size
   * @param caps the per-class concurrency caps
   */
  public void gauges(
      IntSupplier toolsInFlight,
      IntSupplier airflowInFlight,
      int airflowMaxInFlight,
      ConcurrencyCaps caps) {
    Objects.requireNonNull(caps, "caps");
    GaugeWithCallback.builder()
        .name("airflow_mcp_tool_calls_in_flight")
        .help("Tool calls running now.")
        .callback(cb -> cb.call(toolsInFlight.getAsInt()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("airflow_mcp_airflow_bulkhead_in_use")
        .help("Requests to Airflow in flight now (--max-concurrent-calls bounds them).")
        .callback(cb -> cb.call(airflowInFlight.getAsInt()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("airflow_mcp_airflow_bulkhead_limit")
        .help("Requests to Airflow allowed in flight at once (--max-concurrent-calls).")
        .callback(cb -> cb.call(airflowMaxInFlight))
        .register(registry);
    List<String> capped =
        new TreeSet<>(classes.known()).stream().filter(c -> caps.capOf(c) > 0).toList();
    GaugeWithCallback.builder()
        .name("airflow_mcp_concurrency_cap_in_use")
        .help("Calls of a rate-limit class running now on this server, for classes with a cap.")
        .labelNames("rate_limit_class")
        .callback(cb -> capped.forEach(c -> cb.call(caps.inUse(c), c)))
        .register(registry);
    GaugeWithCallback.builder()
        .name("airflow_mcp_concurrency_cap_limit")
        .help("How many calls of a rate-limit class this server runs at once (its cap).")
        .labelNames("rate_limit_class")
        .callback(cb -> capped.forEach(c -> cb.call(caps.capOf(c), c)))
        .register(registry);
  }

  /** One finished tool call (as an {@link AuditSink}: the principal is not used). */
  @Override
  public void record(AuditEvent event) {
    String tool = tools.label(event.tool());
    toolCalls.labelValues(tool, outcomes.label(event.outcome())).inc();
    toolSeconds.labelValues(tool).observe(event.durationMillis() / 1000.0);
  }

  @Override
  public void refused(String rateLimitClass, Reason reason) {
    refusals
        .labelValues(classes.label(rateLimitClass), reason.name().toLowerCase(Locale.ROOT))
        .inc();
  }

  @Override
  public void masked(String family, int count) {
    if (count > 0) {
      redactions.labelValues(families.label(family)).inc(count);
    }
  }

  /** One request to Airflow: its operation id, status label and duration. */
  void airflowRequest(String operationId, String status, long nanos) {
    String operation = operations.label(operationId);
    airflowRequests.labelValues(operation, status).inc();
    airflowSeconds.labelValues(operation).observe(nanos / 1e9);
  }

  /** The status label of an HTTP answer. */
  static String status(int status) {
    if (STATUSES.contains(status)) {
      return Integer.toString(status);
    }
    return status >= 100 && status <= 599 ? (status / 100) + "xx" : BoundedLabels.OTHER;
  }

  /** The status label of a request that failed without an answer (or with one, as thrown). */
  static String failure(AirflowCallException e) {
    if (e.kind() == AirflowCallException.Kind.HTTP_STATUS) {
      return status(e.status());
    }
    return e.kind().name().toLowerCase(Locale.ROOT);
  }

  /** The Airflow transport, timed and counted here. */
  public AirflowTransport meter(AirflowTransport http) {
    return new MeteredAirflowTransport(http, this);
  }

  /**
   * The redactor, with the masks it adds counted here: by rule family when it is the built-in
   * {@link AirflowRedactor} (which reports each mask's family), else as {@value
   * RedactionListener#UNATTRIBUTED}.
   */
  public Redactor count(Redactor redactor) {
    if (redactor instanceof AirflowRedactor airflow) {
      // Rule families are hyphenated (aws-access-key-id); labels are identifiers.
      airflow.listen(family -> masked(family.replace('-', '_'), 1));
      return airflow;
    }
    return new CountingRedactor(redactor, this);
  }

  /** Writes every metric in the Prometheus text format (version 0.0.4). */
  public void write(OutputStream out) throws IOException {
    writer.write(out, registry.scrape());
  }
}
