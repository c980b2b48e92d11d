package dev.airflowmcp.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the skip-when-unchanged fingerprint covers: here, the templates and the docs. */
class InputFingerprintTest {
  @TempDir Path project;
  private Path templates;
  private Path out;

  @BeforeEach
  void inputs() throws IOException {
    Files.writeString(project.resolve("airflow-3.2.0-v2.yaml"), "openapi: 3.1.0\n");
    templates = Files.createDirectories(project.resolve("templates"));
    Files.writeString(templates.resolve("ToolReferenceView.mustache"), "# {{serverName}}\n");
    out = Files.createDirectories(project.resolve("target/generated-sources/airflow-mcp"));
    // What a generation left: the stamp only counts while its tools manifest is there.
    Path manifest = out.resolve("resources/META-INF/airflow-mcp/tools.json");
    Files.createDirectories(manifest.getParent());
    Files.writeString(manifest, "{\"tools\": []}\n");
  }

  private String fingerprint(Path templateDirectory) throws IOException {
    return fingerprint(templateDirectory, null);
  }

  private String fingerprint(Path templateDirectory, Path docs) throws IOException {
    GenerationRequest request =
        new GenerationRequest(
            List.of(project.resolve("airflow-3.2.0-v2.yaml")),
            null,
            null,
            "p",
            false,
            templateDirectory);
    return InputFingerprint.of(request, out, docs).hex();
  }

  @Test
  void eachOutputDirectoryHasAStampOfItsOwn(@org.junit.jupiter.api.io.TempDir Path build) {
    Path a = InputFingerprint.stampFile(build, build.resolve("generated-a"));
    Path b = InputFingerprint.stampFile(build, build.resolve("generated-b"));
    assertThat(a).isNotEqualTo(b);
    assertThat(a.getParent()).isEqualTo(build.resolve("airflow-mcp"));
    assertThat(a.getFileName().toString()).matches("inputs-[0-9a-f]{16}\\.sha256");
    assertThat(InputFingerprint.stampFile(build, build.resolve("x/../generated-a")))
        .as("the same directory, spelled differently")
        .isEqualTo(a);
  }

  @Test
  void unchangedTemplatesGiveTheSameFingerprint() throws IOException {
    assertThat(fingerprint(templates)).isEqualTo(fingerprint(templates));
  }

  @Test
  void editingAVendorTemplateChangesTheFingerprint() throws IOException {
    String before = fingerprint(templates);

    Files.writeString(
        templates.resolve("ToolReferenceView.mustache"), "# Tools of {{serverName}}\n");

    assertThat(fingerprint(templates)).isNotEqualTo(before);
  }

  @Test
  void addingRenamingOrRemovingAVendorTemplateChangesTheFingerprint() throws IOException {
    String one = fingerprint(templates);
    Files.writeString(templates.resolve("ClientConfigView.mustache"), "{{key}}\n");
    String two = fingerprint(templates);
    Files.move(
        templates.resolve("ClientConfigView.mustache"),
        templates.resolve("MigrationTableView.mustache"));
    String renamed = fingerprint(templates);
    Files.delete(templates.resolve("MigrationTableView.mustache"));

    assertThat(List.of(one, two, renamed)).doesNotHaveDuplicates();
    assertThat(fingerprint(templates)).isEqualTo(one);
  }

  @Test
  void theOrderFilesWereCreatedInDoesNotMatter() throws IOException {
    Files.writeString(templates.resolve("a.mustache"), "a");
    Files.writeString(templates.resolve("b.mustache"), "b");
    String ab = fingerprint(templates);
    Files.delete(templates.resolve("a.mustache"));
    Files.delete(templates.resolve("b.mustache"));
    Files.writeString(templates.resolve("b.mustache"), "b");
    Files.writeString(templates.resolve("a.mustache"), "a");

    assertThat(fingerprint(templates)).isEqualTo(ab);
  }

  @Test
  void contentMovedBetweenNameAndBytesIsNotConfused() throws IOException {
    Files.writeString(templates.resolve("x"), "yz");
    String first = fingerprint(templates);
    Files.delete(templates.resolve("x"));
    Files.writeString(templates.resolve("xy"), "z");

    assertThat(fingerprint(templates)).isNotEqualTo(first);
  }

  @Test
  void shippedTemplatesAndAVendorDirectoryDiffer() throws IOException {
    assertThat(fingerprint(null)).isNotEqualTo(fingerprint(templates));
  }

  @Test
  void theDocsDirectoryIsPartOfItAndMustStillExist() throws IOException {
    Path docs = project.resolve("docs");
    assertThat(fingerprint(null, docs)).isNotEqualTo(fingerprint(null, null));

    Path stamp = project.resolve("target/airflow-mcp/inputs.sha256");
    GenerationRequest request =
        new GenerationRequest(
            List.of(project.resolve("airflow-3.2.0-v2.yaml")), null, null, "p", false, null);
    InputFingerprint fingerprint = InputFingerprint.of(request, out, docs);
    fingerprint.writeStamp(stamp);
    assertThat(fingerprint.matchesStamp(stamp)).as("docs directory missing").isFalse();
    Files.createDirectories(docs);
    assertThat(fingerprint.matchesStamp(stamp)).isTrue();

    // An output directory that lost its generated files (e.g. emptied by hand) regenerates.
    Files.delete(out.resolve("resources/META-INF/airflow-mcp/tools.json"));
    assertThat(fingerprint.matchesStamp(stamp)).as("manifest missing").isFalse();
  }

  @Test
  void editingAFileTheToolSpecExtendsChangesTheFingerprint() throws IOException {
    Path specs = Files.createDirectories(project.resolve("src/main/airflow-mcp"));
    Files.writeString(project.resolve("base.yaml"), "version: 1\nextends: curated\n");
    Files.writeString(specs.resolve("middle.yaml"), "version: 1\nextends: ../../../base.yaml\n");
    Path top = Files.writeString(specs.resolve("tools.yaml"), "version: 1\nextends: middle.yaml\n");
    GenerationRequest request =
        new GenerationRequest(
            List.of(project.resolve("airflow-3.2.0-v2.yaml")), top, "tools.yaml", "p", false, null);
    String before = InputFingerprint.of(request, out, null).hex();

    Files.writeString(project.resolve("base.yaml"), "version: 1\nextends: curated\nremove: [x]\n");
    String baseEdited = InputFingerprint.of(request, out, null).hex();
    Files.writeString(specs.resolve("middle.yaml"), "version: 1\nextends: ../../../base.yaml\n#\n");
    String middleEdited = InputFingerprint.of(request, out, null).hex();

    assertThat(List.of(before, baseEdited, middleEdited)).doesNotHaveDuplicates();
    assertThat(dev.airflowmcp.toolspec.load.ToolSpecLoader.files(top))
        .containsExactly(
            top.toAbsolutePath().normalize(),
            specs.resolve("middle.yaml").toAbsolutePath().normalize(),
            project.resolve("base.yaml").toAbsolutePath().normalize());
  }

  @Test
  void theBudgetAndTheOutputDirectoryArePartOfIt() throws IOException {
    GenerationRequest request =
        new GenerationRequest(
            List.of(project.resolve("airflow-3.2.0-v2.yaml")), null, null, "p", false, null);
    assertThat(InputFingerprint.of(request, out, null, "maxToolsListTokens=10000").hex())
        .isNotEqualTo(InputFingerprint.of(request, out, null, "maxToolsListTokens=1000").hex())
        .isNotEqualTo(
            InputFingerprint.of(request, project.resolve("other"), null, "maxToolsListTokens=10000")
                .hex());
  }

  @Test
  void aStampOfTheOldTemplatesNoLongerMatches() throws IOException {
    Path stamp = project.resolve("target/airflow-mcp/inputs.sha256");
    GenerationRequest request =
        new GenerationRequest(
            List.of(project.resolve("airflow-3.2.0-v2.yaml")), null, null, "p", false, templates);
    InputFingerprint.of(request, out, null).writeStamp(stamp);
    assertThat(InputFingerprint.of(request, out, null).matchesStamp(stamp)).isTrue();

    Files.writeString(templates.resolve("ToolReferenceView.mustache"), "changed\n");

    assertThat(InputFingerprint.of(request, out, null).matchesStamp(stamp)).isFalse();
  }
}
