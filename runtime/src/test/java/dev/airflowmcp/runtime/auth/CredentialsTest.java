package dev.airflowmcp.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airflowmcp.common.AirflowMajor;
import dev.airflowmcp.runtime.airflow.AirflowTransportConfig;
import dev.airflowmcp.runtime.airflow.HttpAirflowTransport;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.junit.jupiter.api.Test;

/** Static token, passthrough and the settings factory. */
class CredentialsTest {
  private static final HttpAirflowTransport CLIENT =
      new HttpAirflowTransport(AirflowTransportConfig.defaults("http://localhost:1"));

  @Test
  void staticTokenIsABearerForBothMajors() throws Exception {
    StaticTokenCredentials credentials = new StaticTokenCredentials(" tok-123\n");

    assertThat(credentials.authorization(AirflowMajor.AIRFLOW2)).isEqualTo("Bearer tok-123");
    assertThat(credentials.authorization(AirflowMajor.AIRFLOW3)).isEqualTo("Bearer tok-123");
    assertThat(credentials.refreshAfterUnauthorized("Bearer tok-123")).isFalse();
    // Only the first 12 hex characters of the SHA-256 are shown.
    assertThat(credentials.principal())
        .matches("token:[0-9a-f]{12}")
        .isEqualTo("token:" + sha12("tok-123"));
    assertThat(credentials.toString()).doesNotContain("tok-123");
  }

  @Test
  void passthroughForwardsTheHeaderVerbatim() throws Exception {
    PassthroughCredentials credentials = new PassthroughCredentials("Bearer caller.jwt.value");

    assertThat(credentials.authorization(AirflowMajor.AIRFLOW2))
        .isEqualTo("Bearer caller.jwt.value");
    assertThat(credentials.authorization(AirflowMajor.AIRFLOW3))
        .isEqualTo("Bearer caller.jwt.value");
    assertThat(credentials.refreshAfterUnauthorized("Bearer caller.jwt.value")).isFalse();
    assertThat(credentials.principal()).isEqualTo("caller:" + sha12("Bearer caller.jwt.value"));
    assertThat(credentials.toString()).doesNotContain("caller.jwt.value");
  }

  @Test
  void differentSecretsGiveDifferentPrincipals() {
    assertThat(new StaticTokenCredentials("a").principal())
        .isNotEqualTo(new StaticTokenCredentials("b").principal());
  }

  @Test
  void headerInjectionIsRejected() {
    assertThatThrownBy(() -> new PassthroughCredentials("Bearer x\r\nX-Admin: 1"))
        .hasMessage("the Authorization header contains control characters");
    assertThatThrownBy(() -> new StaticTokenCredentials("a\nb"))
        .hasMessage("the Airflow token contains control characters");
    assertThatThrownBy(() -> new StaticTokenCredentials("  "))
        .hasMessage("the Airflow token is empty");
  }

  @Test
  void factoryPrefersTheToken() {
    AirflowCredentials credentials = CredentialsFactory.fromSettings("tok", "alice", "pw", CLIENT);

    assertThat(credentials).isInstanceOf(StaticTokenCredentials.class);
  }

  @Test
  void factoryBuildsPasswordCredentials() {
    AirflowCredentials credentials = CredentialsFactory.fromSettings("", "alice", "pw", CLIENT);

    assertThat(credentials).isInstanceOf(PasswordCredentials.class);
    assertThat(credentials.principal()).isEqualTo("user:alice");
  }

  @Test
  void factoryNamesTheMissingHalf() {
    assertThatThrownBy(() -> CredentialsFactory.fromSettings(null, "alice", null, CLIENT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("AIRFLOW_USERNAME is set but AIRFLOW_PASSWORD is missing");
    assertThatThrownBy(() -> CredentialsFactory.fromSettings(null, " ", "pw", CLIENT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("AIRFLOW_PASSWORD is set but AIRFLOW_USERNAME is missing");
  }

  @Test
  void factoryNeverInventsCredentials() {
    assertThat(CredentialsFactory.fromSettings(null, null, null, CLIENT)).isNull();
    assertThat(CredentialsFactory.fromSettings(" ", "", "", CLIENT)).isNull();
  }

  private static String sha12(String s) throws NoSuchAlgorithmException {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    StringBuilder hex = new StringBuilder();
    for (byte b : digest) {
      hex.append(String.format("%02x", b));
    }
    return hex.substring(0, 12);
  }
}
