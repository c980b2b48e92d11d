package dev.airflowmcp.codegen.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The astro fact list the generator ships must say what astro's interface data says ({@code
 * astro-interface}, system property {@code astro.interface.dir}): the same tools in the same order,
 * the same write flags and the same argument names.
 */
class AstroToolsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Path astroDir() {
    String dir = System.getProperty("astro.interface.dir");
    assertThat(dir)
        .as("system property astro.interface.dir (set by codegen/pom.xml to astro-interface)")
        .isNotBlank();
    Path path = Path.of(dir);
    assertThat(path.resolve("tools.json")).as("astro's interface data").isRegularFile();
    return path;
  }

  @Test
  void theShippedFactsAreAstrosToolsArgumentsAndWriteFlags() throws IOException {
    Path dir = astroDir();
    List<AstroTools.Tool> expected = new ArrayList<>();
    for (JsonNode tool : JSON.readTree(Files.readString(dir.resolve("tools.json")))) {
      List<String> arguments = new ArrayList<>();
      tool.path("inputSchema").path("properties").fieldNames().forEachRemaining(arguments::add);
      expected.add(
          new AstroTools.Tool(
              tool.path("name").asText(), tool.path("writes").asBoolean(), arguments));
    }

    AstroTools shipped = AstroTools.shipped();

    assertThat(expected).as("astro's tools.json").hasSize(34);
    assertThat(shipped.tools()).containsExactlyElementsOf(expected);
    // The release the facts were taken from, as its provenance names it.
    assertThat(Files.readString(dir.resolve("README.md")))
        .contains("tag `astro-airflow-mcp-" + shipped.version() + "`");
  }

  @Test
  void parsesCommentsVersionAndToolLines() {
    AstroTools tools =
        AstroTools.parse(
            "t.txt",
            """
        # a comment
        version 1.2.3

        read  list_dags
        write pause_dag   dag_id
        read  get_task    dag_id  task_id
        """);

    assertThat(tools.version()).isEqualTo("1.2.3");
    assertThat(tools.tools())
        .containsExactly(
            new AstroTools.Tool("list_dags", false, List.of()),
            new AstroTools.Tool("pause_dag", true, List.of("dag_id")),
            new AstroTools.Tool("get_task", false, List.of("dag_id", "task_id")));
  }

  @Test
  void aMalformedLineIsNamedWithItsLineNumber() {
    assertThatThrownBy(() -> AstroTools.parse("t.txt", "version 1\nreed list_dags\n"))
        .hasMessage("t.txt:2: expected 'version', 'read' or 'write', found 'reed'");
    assertThatThrownBy(() -> AstroTools.parse("t.txt", "version 1\nread a\nwrite a x\n"))
        .hasMessage("t.txt:3: tool 'a' is listed twice");
    assertThatThrownBy(() -> AstroTools.parse("t.txt", "read a\n"))
        .hasMessage("t.txt: no 'version <v>' line");
  }
}
