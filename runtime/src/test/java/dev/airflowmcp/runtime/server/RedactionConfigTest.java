package dev.airflowmcp.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airflowmcp.runtime.redaction.RedactionSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Redaction flags and environment variables of the server. */
class RedactionConfigTest {

  @Test
  void valuesAndKeysComeFromFlagsFilesAndTheEnvironment(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("secrets.txt");
    Files.writeString(file, "file-value-1\n\nfile-value-2\r\n");
    ServerConfig c =
        ServerConfig.parse(
            new String[] {
              "--redact-value",
              "flag-value",
              "--redact-values-file=" + file,
              "--sensitive-key",
              "partner_feed",
              "--sensitive-key=Hello, other"
            },
            Map.of(
                RedactionSettings.ENV_VALUES,
                "env-1,env-2",
                RedactionSettings.ENV_KEYS,
                "from_env",
                RedactionSettings.ENV_AIRFLOW_KEYS,
                "airflow_side"));
    assertThat(c.redaction().values())
        .containsExactly("flag-value", "env-1", "env-2", "file-value-1", "file-value-2");
    assertThat(c.redaction().sensitiveKeys())
        .containsExactly("partner_feed", "Hello", "other", "from_env", "airflow_side");
  }

  @Test
  void theValuesFileCanComeFromTheEnvironment(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("v.txt");
    Files.writeString(file, "only-value\n");
    ServerConfig c =
        ServerConfig.parse(
            new String[0], Map.of(RedactionSettings.ENV_VALUES_FILE, file.toString()));
    assertThat(c.redaction().values()).containsExactly("only-value");
  }

  @Test
  void aMissingFileOrValueIsAClearError(@TempDir Path dir) {
    assertThatThrownBy(
            () ->
                ServerConfig.parse(
                    new String[] {"--redact-values-file", dir.resolve("missing").toString()},
                    Map.of()))
        .isInstanceOf(ServerConfig.ConfigException.class)
        .hasMessageContaining("redaction values file not found");
    assertThatThrownBy(() -> ServerConfig.parse(new String[] {"--redact-value"}, Map.of()))
        .isInstanceOf(ServerConfig.ConfigException.class)
        .hasMessage("--redact-value needs a value");
  }

  @Test
  void registeredValuesNeverAppearInToString() throws Exception {
    ServerConfig c =
        ServerConfig.parse(new String[] {"--redact-value", "s3cret-value-x"}, Map.of());
    assertThat(c.toString()).doesNotContain("s3cret-value-x").contains("1 registered");
    assertThat(
            new ServerConfig(
                    ServerConfig.Transport.STDIO,
                    "h",
                    1,
                    "http://a",
                    null,
                    null,
                    null,
                    true,
                    null,
                    false,
                    List.of())
                .redaction())
        .isEqualTo(RedactionSettings.NONE);
  }

  @Test
  void theUsageListsTheRedactionOptionsAndTheSubcommand() {
    assertThat(ServerConfig.usage())
        .contains("--redact-value", "--redact-values-file", "--sensitive-key", "redact [--jsonl]");
  }
}
