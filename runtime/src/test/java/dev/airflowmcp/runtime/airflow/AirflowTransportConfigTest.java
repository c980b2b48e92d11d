package dev.airflowmcp.runtime.airflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class AirflowTransportConfigTest {

  @Test
  void defaults() {
    AirflowTransportConfig config = AirflowTransportConfig.defaults("https://airflow.example.com");

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
    assertThat(
            AirflowTransportConfig.normalizeBaseUrl(
                " HTTPS://Airflow.Example.com:8443/team/airflow//?x=1#top "))
        .isEqualTo("https://airflow.example.com:8443/team/airflow");
    assertThat(AirflowTransportConfig.normalizeBaseUrl("http://localhost:8080/"))
        .isEqualTo("http://localhost:8080");
    assertThat(AirflowTransportConfig.normalizeBaseUrl("http://[::1]:8080"))
        .isEqualTo("http://[::1]:8080");
  }

  @Test
  void theConstructorNormalizesToo() {
    AirflowTransportConfig config =
        new AirflowTransportConfig(
            URI.create("http://h:1/x/?q"),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            10,
            true,
            null,
            false);

    assertThat(config.baseUrl()).isEqualTo(URI.create("http://h:1/x"));
  }

  @Test
  void credentialsInTheUrlAreRemovedAndNeverKept() {
    assertThat(
            AirflowTransportConfig.normalizeBaseUrl(
                "https://admin:hunter2@Airflow.example.com/team/"))
        .isEqualTo("https://airflow.example.com/team");
    // A space or a raw '@' in the password would make the URL invalid; it is removed first.
    assertThat(AirflowTransportConfig.normalizeBaseUrl("https://admin:hun ter2@airflow:8080"))
        .isEqualTo("https://airflow:8080");
    assertThat(AirflowTransportConfig.normalizeBaseUrl("http://admin:p@ss@w0rd@airflow/x?y=1"))
        .isEqualTo("http://airflow/x");
    assertThat(AirflowTransportConfig.normalizeBaseUrl("http://token-only@[::1]:8080"))
        .isEqualTo("http://[::1]:8080");
    AirflowTransportConfig config =
        AirflowTransportConfig.defaults("http://alice:hunter2@localhost:8080");
    assertThat(config.baseUrl()).isEqualTo(URI.create("http://localhost:8080"));
    assertThat(config.toString()).doesNotContain("hunter2").doesNotContain("alice");
    assertThat(
            new AirflowTransportConfig(
                    URI.create("http://alice:hunter2@h:1/x"),
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(2),
                    10,
                    true,
                    null,
                    false)
                .toString())
        .doesNotContain("hunter2");
  }

  @Test
  void withoutUserInfoCutsOnlyTheAuthoritysUserInformation() {
    assertThat(AirflowTransportConfig.withoutUserInfo("http://u:p@h:1/a@b?c=d@e#f@g"))
        .isEqualTo("http://h:1/a@b?c=d@e#f@g");
    assertThat(AirflowTransportConfig.withoutUserInfo("HTTPS://u@h")).isEqualTo("HTTPS://h");
    assertThat(AirflowTransportConfig.withoutUserInfo("http://h/path@x"))
        .isEqualTo("http://h/path@x");
    assertThat(AirflowTransportConfig.withoutUserInfo("http://h?q=a@b"))
        .isEqualTo("http://h?q=a@b");
    assertThat(AirflowTransportConfig.withoutUserInfo("http://@h")).isEqualTo("http://h");
    assertThat(AirflowTransportConfig.withoutUserInfo("not a url@all")).isEqualTo("not a url@all");
    assertThat(AirflowTransportConfig.withoutUserInfo("1http://u:p@h")).isEqualTo("1http://u:p@h");
    assertThat(AirflowTransportConfig.withoutUserInfo("://u:p@h")).isEqualTo("://u:p@h");
    assertThat(AirflowTransportConfig.withoutUserInfo(null)).isNull();
  }

  @Test
  void unusableUrlsWithCredentialsFailWithoutEchoingThem() {
    // A '/' in the password ends the authority early: the rest is no valid host.
    assertThatThrownBy(
            () -> AirflowTransportConfig.normalizeBaseUrl("http://admin:pa/ss-S3CRET@airflow"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("S3CRET");
    assertThatThrownBy(
            () -> AirflowTransportConfig.normalizeBaseUrl("ht_tp://admin:S3CRET@airflow"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("S3CRET");
    assertThatThrownBy(() -> AirflowTransportConfig.normalizeBaseUrl("ftp://admin:S3CRET@airflow"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the Airflow URL must start with http:// or https:// (got ftp://)");
  }

  @Test
  @Timeout(10)
  void hostileUrlsAreHandledInLinearTime() {
    String manyAts = "http://" + "u@".repeat(500_000) + "host/" + "@".repeat(500_000);
    assertThat(AirflowTransportConfig.withoutUserInfo(manyAts))
        .isEqualTo("http://host/" + "@".repeat(500_000));
    String longAuthority = "http://" + "a".repeat(2_000_000);
    assertThat(AirflowTransportConfig.withoutUserInfo(longAuthority)).isSameAs(longAuthority);
    String longScheme = "h".repeat(2_000_000) + "://u:p@h";
    assertThat(AirflowTransportConfig.withoutUserInfo(longScheme)).endsWith("://h");
  }

  @Test
  void onlyHttpAndHttpsWithAHost() {
    assertThatThrownBy(() -> AirflowTransportConfig.normalizeBaseUrl("ftp://airflow"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the Airflow URL must start with http:// or https:// (got ftp://)");
    assertThatThrownBy(() -> AirflowTransportConfig.normalizeBaseUrl("airflow:8080"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the Airflow URL must start with http:// or https://");
    assertThatThrownBy(() -> AirflowTransportConfig.normalizeBaseUrl("http:///nohost"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the Airflow URL has no valid host name");
    assertThatThrownBy(() -> AirflowTransportConfig.normalizeBaseUrl("  "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the Airflow URL is empty");
  }

  @Test
  void invalidSettingsAreRejected() {
    AirflowTransportConfig base = AirflowTransportConfig.defaults("http://h");

    assertThatThrownBy(() -> base.withRequestTimeout(Duration.ZERO))
        .hasMessage("requestTimeout must be positive");
    assertThatThrownBy(() -> base.withMaxResponseBytes(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> base.withCaCertificate(Path.of("ca.pem")).withVerifyTls(false))
        .hasMessageContaining("contradict");
    assertThat(base.withAllowWrites(true).allowWrites()).isTrue();
  }
}
