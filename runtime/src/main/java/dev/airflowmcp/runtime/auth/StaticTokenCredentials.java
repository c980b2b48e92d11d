package dev.airflowmcp.runtime.auth;

import dev.airflowmcp.common.AirflowMajor;

/**
 * A fixed bearer token ({@code AIRFLOW_AUTH_TOKEN}): every request carries {@code Authorization:
 * Bearer <token>}, for both Airflow majors. It is never refreshed.
 */
public final class StaticTokenCredentials implements AirflowCredentials {
  private final String header;

  /** Computed on first use: hashing at start would load the JDK's security providers early. */
  private volatile String principal;

  /**
   * @param token the token, without the {@code Bearer } prefix; surrounding whitespace is removed
   * @throws IllegalArgumentException when the token is empty or contains control characters
   */
  public StaticTokenCredentials(String token) {
    String t =
        Fingerprint.requireHeaderSafe(token == null ? null : token.strip(), "the Airflow token");
    this.header = "Bearer " + t;
  }

  @Override
  public String authorization(AirflowMajor major) {
    return header;
  }

  @Override
  public boolean refreshAfterUnauthorized(String rejectedHeader) {
    return false;
  }

  /** {@code token:} and the first 12 hex characters of the token's SHA-256. */
  @Override
  public String principal() {
    String p = principal;
    if (p == null) {
      p = "token:" + Fingerprint.of(header.substring("Bearer ".length()));
      principal = p;
    }
    return p;
  }

  @Override
  public String toString() {
    return "StaticTokenCredentials[" + principal + "]";
  }
}
