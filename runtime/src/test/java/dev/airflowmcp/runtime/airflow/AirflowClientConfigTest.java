package dev.airflowmcp.runtime.airflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AirflowClientConfigTest {

  @Test
  void defaults() {
    AirflowClientConfig config = AirflowClientConfig.defaults("https://airflow.example.com");

    assertThat(config.baseUrl()).isEqualTo(URI.create("https://airflow.example.com"));
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.maxResponseBytes()).isEqualTo(8 * 1024 * 1024);
    assertThat(config.verifyTls()).isTrue();
    assertThat(config.caCertificate()).isNull();
    assertThat(config.allowWrites()).isFalse();
  }

  @Test
  void normalizationStripsQueryFragmentAndTrailingSlashesButKeepsThePathPrefix() {
    assertThat(AirflowClientConfig.normalizeBaseUrl(" HTTPS://Airflow.Example.com:8443/team/airflow//?x=1#top "))
        .isEqualTo("https://airflow.example.com:8443/team/airflow");
    assertThat(AirflowClientConfig.normalizeBaseUrl("http://localhost:8080/"))
        .isEqualTo("http://localhost:8080");
    assertThat(AirflowClientConfig.normalizeBaseUrl("http://[::1]:8080"))
        .isEqualTo("http://[::1]:8080");
  }

  @Test
  void theConstructorNormalizesToo() {
    AirflowClientConfig config =
        new AirflowClientConfig(
            URI.create("http://h:1/x/?q"), Duration.ofSeconds(1), Duration.ofSeconds(2), 10, true, null, false);

    assertThat(config.baseUrl()).isEqualTo(URI.create("http://h:1/x"));
  }

  @Test
  void credentialsInTheUrlAreRejectedWithoutEchoingThem() {
    assertThatThrownBy(() -> AirflowClientConfig.normalizeBaseUrl("https://admin:hunter2@airflow.example.com"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("AIRFLOW_USERNAME")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> AirflowClientConfig.normalizeBaseUrl("https://admin:hun ter2@airflow"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("hun ter2");
  }

  @Test
  void onlyHttpAndHttpsWithAHost() {
    assertThatThrownBy(() -> AirflowClientConfig.normalizeBaseUrl("ftp://airflow"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the Airflow URL must start with http:// or https:// (got ftp://)");
    assertThatThrownBy(() -> AirflowClientConfig.normalizeBaseUrl("airflow:8080"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the Airflow URL must start with http:// or https://");
    assertThatThrownBy(() -> AirflowClientConfig.normalizeBaseUrl("http:///nohost"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the Airflow URL has no valid host name");
    assertThatThrownBy(() -> AirflowClientConfig.normalizeBaseUrl("  "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the Airflow URL is empty");
  }

  @Test
  void invalidSettingsAreRejected() {
    AirflowClientConfig base = AirflowClientConfig.defaults("http://h");

    assertThatThrownBy(() -> base.withRequestTimeout(Duration.ZERO))
        .hasMessage("requestTimeout must be positive");
    assertThatThrownBy(() -> base.withMaxResponseBytes(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> base.withCaCertificate(Path.of("ca.pem")).withVerifyTls(false))
        .hasMessageContaining("contradict");
    assertThat(base.withAllowWrites(true).allowWrites()).isTrue();
  }
}
