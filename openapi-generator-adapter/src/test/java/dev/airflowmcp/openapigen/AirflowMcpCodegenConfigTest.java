package dev.airflowmcp.openapigen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airflowmcp.codegen.AirflowMcpGenerator;
import dev.airflowmcp.codegen.GeneratedFile;
import dev.airflowmcp.codegen.GenerationRequest;
import dev.airflowmcp.codegen.GenerationResult;
import dev.airflowmcp.codegen.OutputDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openapitools.codegen.CodegenConfigLoader;
import org.openapitools.codegen.CodegenType;
import org.openapitools.codegen.DefaultGenerator;
import org.openapitools.codegen.config.CodegenConfigurator;

/** Runs OpenAPI Generator in-process with the airflow-mcp generator. */
class AirflowMcpCodegenConfigTest {
  private static final Path SPECS = Path.of(System.getProperty("airflow.specs.dir"));
  private static final Path AIRFLOW2 = SPECS.resolve("airflow-2.11.1-v1.yaml");
  private static final Path AIRFLOW3 = SPECS.resolve("airflow-3.2.0-v2.yaml");

  @TempDir Path tmp;

  @Test
  void openApiGeneratorFindsTheGeneratorByName() {
    assertThat(CodegenConfigLoader.forName("airflow-mcp"))
        .isInstanceOf(AirflowMcpCodegenConfig.class)
        .satisfies(c -> assertThat(c.getTag()).isEqualTo(CodegenType.OTHER));
    assertThat(new AirflowMcpCodegenConfig().cliOptions())
        .extracting(o -> o.getOpt())
        .containsExactly(
            "toolSpec",
            "basePackage",
            "allowWrites",
            "specs",
            "sourceFolder",
            "resourcesFolder",
            "maxToolsListTokens");
  }

  @Test
  void writesExactlyWhatTheCodegenProducesForTheSameInputs() throws IOException {
    Path out = tmp.resolve("out");
    run(AIRFLOW3, out, Map.of("specs", AIRFLOW2.toString(), "basePackage", "it.generated"));

    GenerationResult expected =
        new AirflowMcpGenerator()
            .generate(
                new GenerationRequest(
                    List.of(AIRFLOW2, AIRFLOW3), null, null, "it.generated", false));
    assertThat(expected.hasErrors()).isFalse();
    Map<String, String> want = new TreeMap<>();
    for (GeneratedFile f : expected.files()) {
      String path =
          f.path().startsWith("java/")
              ? "src/main/java/" + f.path().substring(5)
              : "src/main/resources/" + f.path().substring(10);
      want.put(path, new String(f.content(), StandardCharsets.UTF_8));
    }
    assertThat(tree(out.resolve("src/main"), "src/main/")).isEqualTo(want);
    assertThat(want).containsKey("src/main/java/it/generated/tools/ListDagsTool.java");
    assertThat(Files.readAllLines(out.resolve(OutputDirectory.RECORD)))
        .containsExactlyElementsOf(want.keySet());
  }

  @Test
  void inputErrorsFailTheRunWithTheFormattedDiagnostics() throws IOException {
    Path toolSpec = tmp.resolve("tools.yaml");
    Files.writeString(
        toolSpec,
        String.join(
            "\n",
            "version: 1",
            "server:",
            "  name: Test",
            "tools:",
            "  - name: list_dags",
            "    description: List DAGs.",
            "    bindings:",
            "      airflow3:",
            "        operationId: get_dagz",
            ""));
    Path out = tmp.resolve("out");
    assertThatThrownBy(() -> run(AIRFLOW3, out, Map.of("toolSpec", toolSpec.toString())))
        .isInstanceOf(AirflowMcpGenerationException.class)
        .hasMessage(
            "1 error in the airflow-mcp inputs:"
                + System.lineSeparator()
                + toolSpec.toString().replace('\\', '/')
                + ":9:9: error [UNKNOWN_OPERATION]: tool 'list_dags' uses airflow3 operation"
                + " 'get_dagz', which no configured Airflow 3 spec has"
                + System.lineSeparator()
                + "    hint: did you mean 'get_dag'?");
    assertThat(out.resolve("src")).doesNotExist();
  }

  private static void run(Path inputSpec, Path out, Map<String, Object> options) {
    CodegenConfigurator configurator =
        new CodegenConfigurator()
            .setGeneratorName("airflow-mcp")
            .setInputSpec(inputSpec.toString())
            .setOutputDir(out.toString());
    options.forEach(configurator::addAdditionalProperty);
    new DefaultGenerator().opts(configurator.toClientOptInput()).generate();
  }

  private static Map<String, String> tree(Path root, String prefix) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(
            prefix + root.relativize(p).toString().replace('\\', '/'),
            Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    return files;
  }
}
