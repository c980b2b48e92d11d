package dev.airflowmcp.runtime.auth;

import dev.airflowmcp.runtime.airflow.AirflowTransport;
import java.time.Clock;
import java.util.Objects;

/**
 * Service credentials from settings ({@code AIRFLOW_AUTH_TOKEN}, {@code AIRFLOW_USERNAME}, {@code
 * AIRFLOW_PASSWORD}). Never invents credentials: with nothing configured there are none.
 */
public final class CredentialsFactory {
  private CredentialsFactory() {}

  /**
   * The configured credentials: a token wins over a username/password pair; a pair gives {@link
   * PasswordCredentials}. Empty or blank settings count as absent.
   *
   * @param client used by password credentials to reach {@code /auth/token}
   * @return the credentials, or {@code null} when nothing is configured
   * @throws IllegalArgumentException when only one of username and password is set (the message
   *     names the missing one)
   */
  public static AirflowCredentials fromSettings(
      String token, String username, String password, AirflowTransport client) {
    if (present(token)) {
      return new StaticTokenCredentials(token);
    }
    boolean hasUser = present(username);
    boolean hasPassword = password != null && !password.isEmpty();
    if (hasUser && hasPassword) {
      return new PasswordCredentials(
          Objects.requireNonNull(client, "client"), username, password, Clock.systemUTC());
    }
    if (hasUser) {
      throw new IllegalArgumentException(
          "AIRFLOW_USERNAME is set but AIRFLOW_PASSWORD is missing: set both, or neither");
    }
    if (hasPassword) {
      throw new IllegalArgumentException(
          "AIRFLOW_PASSWORD is set but AIRFLOW_USERNAME is missing: set both, or neither");
    }
    return null;
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
