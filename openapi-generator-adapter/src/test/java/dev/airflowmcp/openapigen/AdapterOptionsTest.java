package dev.airflowmcp.openapigen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdapterOptionsTest {
  private static final Path WORK = Path.of("/work/project").toAbsolutePath();

  @Test
  void defaultsMatchOurMavenPlugin() {
    AdapterOptions options = AdapterOptions.from("specs/v2.yaml", Map.of(), WORK);
    assertThat(options.request().specs()).containsExactly(WORK.resolve("specs/v2.yaml"));
    assertThat(options.request().toolSpec()).isNull();
    assertThat(options.request().basePackage()).isEqualTo("dev.airflowmcp.server");
    assertThat(options.request().allowWrites()).isFalse();
    assertThat(options.sourceFolder()).isEqualTo("src/main/java");
    assertThat(options.resourcesFolder()).isEqualTo("src/main/resources");
  }

  @Test
  void extraSpecsComeBeforeTheInputSpecAndPathsResolveAgainstTheWorkingDirectory() {
    AdapterOptions options =
        AdapterOptions.from(
            "/specs/v2.yaml",
            Map.of(
                "specs", " a-v1.yaml, ,/abs/b-v1.yaml ",
                "toolSpec", "src/main/airflow-mcp/tools.yaml",
                "basePackage", "com.example.mcp",
                "allowWrites", "true",
                "sourceFolder", "gen/java"),
            WORK);
    assertThat(options.request().specs())
        .containsExactly(
            WORK.resolve("a-v1.yaml"), Path.of("/abs/b-v1.yaml"), Path.of("/specs/v2.yaml"));
    assertThat(options.request().toolSpec())
        .isEqualTo(WORK.resolve("src/main/airflow-mcp/tools.yaml"));
    assertThat(options.request().toolSpecName()).isEqualTo("src/main/airflow-mcp/tools.yaml");
    assertThat(options.request().basePackage()).isEqualTo("com.example.mcp");
    assertThat(options.request().allowWrites()).isTrue();
    assertThat(options.sourceFolder()).isEqualTo("gen/java");
  }

  @Test
  void aToolSpecOutsideTheWorkingDirectoryIsNamedByItsAbsolutePath() {
    AdapterOptions options =
        AdapterOptions.from("v2.yaml", Map.of("toolSpec", "/elsewhere/tools.yaml"), WORK);
    assertThat(options.request().toolSpecName()).isEqualTo("/elsewhere/tools.yaml");
  }

  @Test
  void allowWritesAcceptsBooleansAndTheirTextOnly() {
    assertThat(
            AdapterOptions.from("v2.yaml", Map.of("allowWrites", Boolean.TRUE), WORK)
                .request()
                .allowWrites())
        .isTrue();
    assertThat(
            AdapterOptions.from("v2.yaml", Map.of("allowWrites", "FALSE"), WORK)
                .request()
                .allowWrites())
        .isFalse();
    assertThatThrownBy(() -> AdapterOptions.from("v2.yaml", Map.of("allowWrites", "yes"), WORK))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("airflow-mcp option allowWrites must be true or false, not 'yes'");
  }

  @Test
  void refusesUrlsMissingInputSpecAndFoldersOutsideTheOutput() {
    assertThatThrownBy(() -> AdapterOptions.from("https://example.org/v2.yaml", Map.of(), WORK))
        .hasMessage(
            "airflow-mcp reads inputSpec from a file, not a URL: 'https://example.org/v2.yaml'");
    assertThatThrownBy(() -> AdapterOptions.from(" ", Map.of(), WORK))
        .hasMessage("airflow-mcp needs inputSpec: an Airflow REST spec file");
    assertThatThrownBy(
            () -> AdapterOptions.from("v2.yaml", Map.of("resourcesFolder", "../res"), WORK))
        .hasMessage(
            "airflow-mcp option resourcesFolder must be a folder inside the output directory, not '../res'");
  }
}
