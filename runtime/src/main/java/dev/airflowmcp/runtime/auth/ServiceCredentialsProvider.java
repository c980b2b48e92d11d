package dev.airflowmcp.runtime.auth;

import dev.airflowmcp.runtime.airflow.AirflowTransport;

/**
 * Replaces how the server gets its own (service) Airflow credentials, for example from a vault or a
 * cloud identity, instead of {@code AIRFLOW_AUTH_TOKEN} or {@code AIRFLOW_USERNAME}/{@code
 * AIRFLOW_PASSWORD}. Registered through {@link java.util.ServiceLoader} ({@code
 * META-INF/services/dev.airflowmcp.runtime.auth.ServiceCredentialsProvider}); at most one. On HTTP
 * they serve callers only in the {@code service-account} mode, and a caller's own {@code
 * Authorization} header still takes precedence.
 */
public interface ServiceCredentialsProvider {

  /**
   * The service credentials, or {@code null} for none.
   *
   * @param airflowUrl the configured Airflow base URL
   * @param client the Airflow transport, for providers that exchange secrets for tokens ({@link
   *     AirflowTransport#postJson} to the token endpoint, or {@link AirflowTransport#send})
   */
  AirflowCredentials serviceCredentials(String airflowUrl, AirflowTransport client);
}
