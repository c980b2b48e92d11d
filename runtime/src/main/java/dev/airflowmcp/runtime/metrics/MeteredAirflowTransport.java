package dev.airflowmcp.runtime.metrics;

import dev.airflowmcp.runtime.airflow.AirflowCallException;
import dev.airflowmcp.runtime.airflow.AirflowRequest;
import dev.airflowmcp.runtime.airflow.AirflowResponse;
import dev.airflowmcp.runtime.airflow.AirflowTransport;
import java.net.URI;
import java.util.Objects;

/**
 * Times every request the tools send to Airflow and records its operation id and status (or why it
 * failed without one) in {@link ServerMetrics}. Sits between the gateway and the transport.
 */
final class MeteredAirflowTransport implements AirflowTransport {
  private final AirflowTransport delegate;
  private final ServerMetrics metrics;

  MeteredAirflowTransport(AirflowTransport delegate, ServerMetrics metrics) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  @Override
  public AirflowResponse send(AirflowRequest request, String authorization)
      throws AirflowCallException {
    long start = System.nanoTime();
    try {
      AirflowResponse response = delegate.send(request, authorization);
      metrics.airflowRequest(
          request.operationId(),
          ServerMetrics.status(response.status()),
          System.nanoTime() - start);
      return response;
    } catch (AirflowCallException e) {
      metrics.airflowRequest(
          request.operationId(), ServerMetrics.failure(e), System.nanoTime() - start);
      throw e;
    }
  }

  @Override
  public void check(AirflowRequest request) throws AirflowCallException {
    delegate.check(request);
  }

  @Override
  public URI baseUrl() {
    return delegate.baseUrl();
  }

  @Override
  public AirflowResponse postJson(String absolutePath, String jsonBody)
      throws AirflowCallException {
    return delegate.postJson(absolutePath, jsonBody);
  }
}
