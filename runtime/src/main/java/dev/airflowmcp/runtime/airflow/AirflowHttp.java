package dev.airflowmcp.runtime.airflow;

/** Sends one request to Airflow. The one seam between the tool pipeline and the network. */
public interface AirflowHttp {

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
}
