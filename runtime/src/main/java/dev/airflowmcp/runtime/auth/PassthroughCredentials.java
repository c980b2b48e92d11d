package dev.airflowmcp.runtime.auth;

import dev.airflowmcp.common.AirflowMajor;

/**
 * The caller's own {@code Authorization} header, forwarded verbatim to Airflow (HTTP transport, per
 * request), so that Airflow's own RBAC decides what the caller may see. Never refreshed: a 401 goes
 * back to the caller. Its identity is a hash of the header, or, for a validated OAuth token, the
 * token's subject.
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

  /**
   * A header whose caller is already known, e.g. from a validated token's subject.
   *
   * @param principal the rate-limit and audit identity (not a secret)
   * @throws IllegalArgumentException when the header is empty or contains control characters
   */
  public PassthroughCredentials(String authorizationHeader, String principal) {
    this.header = Fingerprint.requireHeaderSafe(authorizationHeader, "the Authorization header");
    this.principal = Fingerprint.requireHeaderSafe(principal, "the principal");
  }

  @Override
  public String authorization(AirflowMajor major) {
    return header;
  }

  @Override
  public boolean refreshAfterUnauthorized(String rejectedHeader) {
    return false;
  }

  /**
   * {@code caller:} and the first 12 hex characters of the header's SHA-256, or the principal
   * given.
   */
  @Override
  public String principal() {
    return principal;
  }

  @Override
  public String toString() {
    return "PassthroughCredentials[" + principal + "]";
  }
}
