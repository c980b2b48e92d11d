package dev.airflowmcp.runtime.auth;

import dev.airflowmcp.toolspec.AirflowMajor;

/**
 * The caller's own {@code Authorization} header, forwarded verbatim to Airflow (HTTP transport,
 * per request), so that Airflow's own RBAC decides what the caller may see. Never refreshed: a 401
 * goes back to the caller.
 */
public final class PassthroughCredentials implements AirflowCredentials {
  private final String header;
  private final String principal;

  /**
   * @param authorizationHeader the caller's header value, e.g. {@code Bearer eyJ...}
   * @throws IllegalArgumentException when it is empty or contains control characters
   */
  public PassthroughCredentials(String authorizationHeader) {
    this.header = Fingerprint.requireHeaderSafe(authorizationHeader, "the Authorization header");
    this.principal = "caller:" + Fingerprint.of(authorizationHeader);
  }

  @Override
  public String authorization(AirflowMajor major) {
    return header;
  }

  @Override
  public boolean refreshAfterUnauthorized(String rejectedHeader) {
    return false;
  }

  /** {@code caller:} and the first 12 hex characters of the header's SHA-256. */
  @Override
  public String principal() {
    return principal;
  }

  @Override
  public String toString() {
    return "PassthroughCredentials[" + principal + "]";
  }
}
