package dev.airflowmcp.runtime.auth;

import dev.airflowmcp.common.AirflowMajor;
import dev.airflowmcp.runtime.airflow.AirflowCallException;

/**
 * Where the {@code Authorization} header for Airflow comes from: a static token, a token obtained
 * from a username and password, or the caller's own header (HTTP passthrough). Implementations are
 * thread-safe.
 */
public interface AirflowCredentials {

  /**
   * The header value to send to an Airflow of this major version, or {@code null} for none.
   *
   * @throws AirflowCallException when a token cannot be obtained
   */
  String authorization(AirflowMajor major) throws AirflowCallException;

  /**
   * Airflow answered 401 to a request sent with {@code rejectedHeader}. Returns true when a retry
   * with a fresh {@link #authorization} may succeed (for example after fetching a new token).
   */
  boolean refreshAfterUnauthorized(String rejectedHeader);

  /**
   * A stable, non-secret identity for rate limiting and audit, for example a hash of the token or
   * the configured user name.
   */
  String principal();
}
