package dev.airflowmcp.runtime.airflow;

import java.net.URI;

/**
 * Sends one request to Airflow: the transport, the one seam between the server and the network. The
 * gateway above it resolves lookups and reads JSON; version detection and credentials that fetch
 * tokens use it too.
 */
public interface AirflowTransport {

  /** The only path {@link #postJson} accepts: Airflow 3's token endpoint. */
  String TOKEN_PATH = "/auth/token";

  /** The normalised Airflow base URL, for messages. */
  URI baseUrl();

  /**
   * Sends the request (lookups already resolved) with the given {@code Authorization} header value
   * (or none when null). A non-2xx answer is returned, not thrown.
   *
   * @throws AirflowCallException when the request is refused, cannot be sent, times out, or the
   *     answer is larger than the cap
   */
  AirflowResponse send(AirflowRequest request, String authorization) throws AirflowCallException;

  /**
   * Refuses a request that {@link #send} would refuse without sending it (for example a write in
   * read-only mode), so that a tool can fail before the reads that would precede it.
   *
   * @throws AirflowCallException when {@link #send} would refuse the request
   */
  default void check(AirflowRequest request) throws AirflowCallException {}

  /**
   * Posts a JSON body to Airflow's token endpoint ({@value #TOKEN_PATH}, the only path allowed),
   * without an {@code Authorization} header. Used by credentials that exchange a username and
   * password for a token; the body is never logged. A non-2xx answer is returned, not thrown.
   *
   * @throws AirflowCallException for any other path, or when the request fails as in {@link #send}
   */
  AirflowResponse postJson(String absolutePath, String jsonBody) throws AirflowCallException;
}
