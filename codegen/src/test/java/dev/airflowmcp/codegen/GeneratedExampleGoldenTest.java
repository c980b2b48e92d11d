package dev.airflowmcp.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airflowmcp.toolspec.diag.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The generator's output for the curated tool spec on the shipped Airflow specs is exactly what is
 * committed in {@code generated-example/src/generated}: a change to the generator or the curated
 * spec that changes the output fails here, in codegen's own tests, and not only later when the
 * example module is built. Regenerate as CONTRIBUTING.md says and review the diff.
 */
class GeneratedExampleGoldenTest {
  private static final Path COMMITTED = Path.of("..", "generated-example", "src", "generated");

  @Test
  void curatedOutputMatchesTheCommittedExampleByteForByte() throws IOException {
    assertThat(COMMITTED).as("committed generated sources").isDirectory();
    GenerationResult result =
        new AirflowMcpGenerator()
            .generate(
                new GenerationRequest(
                    AirflowMcpGeneratorTest.ALL_SPECS, null, null, "dev.airflowmcp.server", false));
    assertThat(result.diagnostics()).extracting(Diagnostic::format).isEmpty();

    Map<String, String> generated = new TreeMap<>();
    for (GeneratedFile f : result.files()) {
      generated.put(f.path(), new String(f.content(), StandardCharsets.UTF_8));
    }
    Map<String, String> committed = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(COMMITTED)) {
      for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        String rel = COMMITTED.relativize(p).toString().replace('\\', '/');
        committed.put(rel, Files.readString(p, StandardCharsets.UTF_8));
      }
    }

    assertThat(generated.keySet())
        .as("files generated vs files committed in %s", COMMITTED)
        .containsExactlyElementsOf(committed.keySet());
    for (Map.Entry<String, String> e : generated.entrySet()) {
      assertThat(e.getValue())
          .as(
              "%s differs from the committed copy; regenerate with ./mvnw install -DskipTests -pl"
                  + " generated-example -am -Dairflow-mcp.overwrite=true and review the diff",
              e.getKey())
          .isEqualTo(committed.get(e.getKey()));
    }
  }
}
