package dev.airflowmcp.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.airflowmcp.toolspec.diag.Diagnostic;
import dev.airflowmcp.toolspec.load.ToolSpecLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole generator on the real Airflow specs and the curated tool spec. */
class AirflowMcpGeneratorTest {
  static final Path SPECS = Path.of(System.getProperty("airflow.specs.dir", "../airflow-specs"));
  static final List<Path> ALL_SPECS =
      List.of(
          SPECS.resolve("airflow-2.10.5-v1.yaml"),
          SPECS.resolve("airflow-2.11.1-v1.yaml"),
          SPECS.resolve("airflow-3.0.2-v2.yaml"),
          SPECS.resolve("airflow-3.0.3rc6-v2.yaml"),
          SPECS.resolve("airflow-3.2.0-v2.yaml"));

  private static GenerationResult curated() throws IOException {
    return new AirflowMcpGenerator()
        .generate(new GenerationRequest(ALL_SPECS, null, null, "dev.airflowmcp.server", false));
  }

  @Test
  void curatedSpecOnAllShippedSpecsGeneratesCodeThatCompilesWithoutWarnings() throws IOException {
    GenerationResult result = curated();
    assertThat(result.diagnostics()).extracting(Diagnostic::format).isEmpty();
    List<JavaFileObject> sources = new ArrayList<>();
    for (GeneratedFile f : result.files()) {
      if (f.path().endsWith(".java")) {
        String name = f.path().substring("java/".length(), f.path().length() - ".java".length());
        sources.add(
            JavaFileObjects.forSourceString(
                name.replace('/', '.'), new String(f.content(), StandardCharsets.UTF_8)));
      }
    }
    // One class per curated tool, plus the catalog.
    assertThat(sources).hasSize(ToolSpecLoader.loadCurated().spec().tools().size() + 1);
    Compilation compilation =
        Compiler.javac().withOptions("-Xlint:all", "-Werror").compile(sources);
    assertThat(compilation.errors()).isEmpty();
    assertThat(compilation.warnings()).isEmpty();
    assertThat(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
  }

  @Test
  void withWritesTheCuratedWriteToolsAreAddedAndCompile() throws IOException {
    GenerationResult result =
        new AirflowMcpGenerator()
            .generate(new GenerationRequest(ALL_SPECS, null, null, "dev.airflowmcp.server", true));
    assertThat(result.diagnostics()).extracting(Diagnostic::format).isEmpty();
    String manifest =
        result.files().stream()
            .filter(f -> f.path().endsWith("tools.json"))
            .map(f -> new String(f.content(), StandardCharsets.UTF_8))
            .findFirst()
            .orElseThrow();
    for (String tool :
        List.of(
            "pause_dag",
            "unpause_dag",
            "trigger_dag",
            "delete_dag_run",
            "clear_dag_run",
            "clear_task_instances",
            "list_dags")) {
      assertThat(manifest).contains("\"name\": \"" + tool + "\"");
    }
    assertThat(manifest).contains("\"readOnlyHint\": false");
    List<JavaFileObject> sources = new ArrayList<>();
    for (GeneratedFile f : result.files()) {
      if (f.path().endsWith(".java")) {
        String name = f.path().substring("java/".length(), f.path().length() - ".java".length());
        sources.add(
            JavaFileObjects.forSourceString(
                name.replace('/', '.'), new String(f.content(), StandardCharsets.UTF_8)));
      }
    }
    Compilation compilation =
        Compiler.javac().withOptions("-Xlint:all", "-Werror").compile(sources);
    assertThat(compilation.errors()).isEmpty();
    assertThat(compilation.warnings()).isEmpty();
    String pause =
        result.files().stream()
            .filter(f -> f.path().endsWith("PauseDagTool.java"))
            .map(f -> new String(f.content(), StandardCharsets.UTF_8))
            .findFirst()
            .orElseThrow();
    assertThat(pause)
        .contains("comments = \"Source: airflow-write-tools.yaml#pause_dag\"")
        // The same binding on Airflow 2 and 3 but for the API prefix: written once.
        .contains(
            "AirflowRequest.of(\"PATCH\", \"patch_dag\", major.apiPrefix() + \"/dags/{dag_id}\")")
        .contains("Bindings.same(PauseDagTool::binding, AIRFLOW2, AIRFLOW3)")
        .contains(".body(\"is_paused\", true)");
    String trigger =
        result.files().stream()
            .filter(f -> f.path().endsWith("TriggerDagTool.java"))
            .map(f -> new String(f.content(), StandardCharsets.UTF_8))
            .findFirst()
            .orElseThrow();
    // Airflow 3 requires logical_date but accepts null: the generator sends null.
    assertThat(trigger)
        .contains(".bodyNull(\"logical_date\")")
        .contains(".body(\"conf\", arguments.conf())");
  }

  @Test
  void generatingTwiceGivesIdenticalBytes() throws IOException {
    assertThat(curated().files()).isEqualTo(curated().files());
  }

  @Test
  void outputIsTheSameWhereverTheInputsLive(@TempDir Path copy) throws IOException {
    List<Path> copies = new ArrayList<>();
    for (Path p : ALL_SPECS) {
      Path c = copy.resolve(p.getFileName());
      Files.copy(p, c);
      copies.add(c);
    }
    GenerationResult moved =
        new AirflowMcpGenerator()
            .generate(new GenerationRequest(copies, null, null, "dev.airflowmcp.server", false));
    assertThat(moved.files()).isEqualTo(curated().files());
  }

  @Test
  void theCommittedExampleIsWhatTheGeneratorProduces() throws IOException {
    Path committed = Path.of("../generated-example/src/generated");
    assertThat(new OutputDirectory(committed).differences(curated().files())).isEmpty();
  }

  @Test
  void missingSpecsAndToolSpecAreReportedTogether(@TempDir Path dir) throws IOException {
    Path toolSpec = dir.resolve("tools.yaml");
    Files.writeString(toolSpec, "version: 1\nserver: {name: x}\ntools: []\n");
    GenerationResult result =
        new AirflowMcpGenerator()
            .generate(
                new GenerationRequest(
                    List.of(dir.resolve("nope-v2.yaml")), toolSpec, "tools.yaml", "p", false));
    assertThat(result.hasErrors()).isTrue();
    assertThat(result.files()).isEmpty();
    assertThat(result.diagnostics())
        .extracting(Diagnostic::code)
        .contains("SPEC_NOT_FOUND", "INVALID_VALUE");
  }

  @Test
  void noSpecsIsAConfigurationError() throws IOException {
    GenerationResult result =
        new AirflowMcpGenerator()
            .generate(new GenerationRequest(List.of(), null, null, "p", false));
    assertThat(result.diagnostics())
        .extracting(Diagnostic::format)
        .contains("<configuration>: error [NO_SPECS]: no Airflow REST spec is configured");
  }

  @Test
  void theDocsAreRenderedThroughTheVendorTemplatesAndTheCommittedOnesAreCurrent(@TempDir Path dir)
      throws IOException {
    Files.writeString(
        dir.resolve("MigrationTableView.mustache"), "{{servedCount}} of {{astroToolCount}}\n");
    GenerationResult result =
        new AirflowMcpGenerator()
            .generate(
                new GenerationRequest(ALL_SPECS, null, null, "dev.airflowmcp.server", false, dir));

    assertThat(result.diagnostics()).isEmpty();
    assertThat(result.docs())
        .extracting(GeneratedFile::path)
        .containsExactly(
            AirflowMcpGenerator.TOOL_REFERENCE,
            AirflowMcpGenerator.CLIENT_CONFIGURATION,
            AirflowMcpGenerator.MIGRATION_TABLE);
    assertThat(new String(result.docs().get(2).content(), StandardCharsets.UTF_8))
        .isEqualTo("27 of 34\n");
    assertThat(new OutputDirectory(Path.of("../docs/generated")).differences(curated().docs()))
        .isEmpty();
  }

  @Test
  void aMissingTemplateDirectoryIsAnError(@TempDir Path dir) throws IOException {
    Path missing = dir.resolve("templates");
    GenerationResult result =
        new AirflowMcpGenerator()
            .generate(new GenerationRequest(ALL_SPECS, null, null, "p", false, missing));

    assertThat(result.files()).isEmpty();
    assertThat(result.diagnostics())
        .extracting(Diagnostic::format)
        .containsExactly(
            missing.toString().replace('\\', '/')
                + ": error [TEMPLATE_DIRECTORY_NOT_FOUND]: template"
                + " directory not found: "
                + missing.toString().replace('\\', '/'));
  }

  @Test
  void aBrokenVendorTemplateFailsWithItsFileAndLine(@TempDir Path dir) throws IOException {
    Path template = dir.resolve("ToolReferenceView.mustache");
    Files.writeString(template, "# {{serverName}}\n{{#tools}}\n- {{name}}\n");
    GenerationResult result =
        new AirflowMcpGenerator()
            .generate(new GenerationRequest(ALL_SPECS, null, null, "p", false, dir));

    assertThat(result.hasErrors()).isTrue();
    assertThat(result.files()).isEmpty();
    assertThat(result.docs()).isEmpty();
    assertThat(result.diagnostics())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.code()).isEqualTo("TEMPLATE_ERROR");
              assertThat(d.location().file()).isEqualTo(template.toString().replace('\\', '/'));
              assertThat(d.location().line()).isPositive();
              assertThat(d.hint()).contains("{{/section}}");
            });
  }
}
