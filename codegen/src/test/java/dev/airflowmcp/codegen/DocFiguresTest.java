package dev.airflowmcp.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.airflowmcp.codegen.coverage.ToolsListBudget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Figures in the docs that the build can compute (tool counts, the tools manifest's estimated
 * tokens) are computed here from the generator's output for the curated spec and from astro's
 * recorded interface, and each place in the docs that states one must state this value. Token
 * figures are written as the value rounded to the nearest 10, with a thousands comma.
 */
class DocFiguresTest {
  private static final Path REPO = Path.of("..");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A figure: digits with thousands commas. */
  private static final String NUM = "(\\d{1,3}(?:,\\d{3})+|\\d+)";

  private static JsonNode readOnly;
  private static JsonNode withWrites;
  private static int readOnlyTokens;
  private static int withWritesTokens;
  private static Set<String> astroTools;
  private static Set<String> astroReadTools;

  @BeforeAll
  static void compute() throws IOException {
    String ro = manifest(false);
    String rw = manifest(true);
    readOnly = JSON.readTree(ro);
    withWrites = JSON.readTree(rw);
    readOnlyTokens = ToolsListBudget.tokens(ro);
    withWritesTokens = ToolsListBudget.tokens(rw);
    System.out.println(
        "tools manifest tokens: read-only " + readOnlyTokens + ", with writes " + withWritesTokens);
    astroTools = new LinkedHashSet<>();
    astroReadTools = new LinkedHashSet<>();
    for (JsonNode t : JSON.readTree(REPO.resolve("astro-interface/tools.json").toFile())) {
      astroTools.add(t.path("name").asText());
      if (t.path("annotations").path("readOnlyHint").asBoolean(false)) {
        astroReadTools.add(t.path("name").asText());
      }
    }
  }

  private static String manifest(boolean writes) throws IOException {
    GenerationResult result =
        new AirflowMcpGenerator()
            .generate(
                new GenerationRequest(
                    AirflowMcpGeneratorTest.ALL_SPECS,
                    null,
                    null,
                    "dev.airflowmcp.server",
                    writes));
    return result.files().stream()
        .filter(f -> f.path().endsWith("tools.json"))
        .map(f -> new String(f.content(), StandardCharsets.UTF_8))
        .findFirst()
        .orElseThrow();
  }

  /** The tool names of a manifest; composites are those whose schema the runtime lays out. */
  private static List<String> names(JsonNode manifest, boolean composites) {
    List<String> out = new ArrayList<>();
    for (JsonNode t : manifest.path("tools")) {
      boolean composite = COMPOSITES.contains(t.path("name").asText());
      if (composite == composites) {
        out.add(t.path("name").asText());
      }
    }
    return out;
  }

  /** The curated composites (steps that call other tools), as the curated spec declares them. */
  private static final Set<String> COMPOSITES = curatedComposites();

  private static Set<String> curatedComposites() {
    Set<String> out = new LinkedHashSet<>();
    for (var tool : dev.airflowmcp.toolspec.load.ToolSpecLoader.loadCurated().spec().tools()) {
      if (tool.isComposite()) {
        out.add(tool.name());
      }
    }
    return out;
  }

  static String tokens(int value) {
    return String.format(Locale.ROOT, "%,d", Math.round(value / 10.0) * 10);
  }

  @Test
  void theCountsOfToolsAreTheGeneratorsAndAstros() throws IOException {
    List<String> plain = names(readOnly, false);
    long withAstroNames = plain.stream().filter(astroTools::contains).count();
    long astroLacks = plain.size() - withAstroNames;
    int composites = names(readOnly, true).size();
    int astroWrites = astroTools.size() - astroReadTools.size();

    expect(
        "README.md",
        "\\*\\*(\\d+) read tools\\*\\* with astro-airflow-mcp's names",
        String.valueOf(withAstroNames));
    expect("README.md", "\\*\\*(\\d+) read tools astro lacks\\*\\*", String.valueOf(astroLacks));
    expect("README.md", "\\*\\*(\\d+) composite tools\\*\\*", String.valueOf(composites));
    expect(
        "docs/migration-from-astro.md",
        "all (\\d+) of astro's tools",
        String.valueOf(astroTools.size()));
    expect(
        "docs/migration-from-astro.md",
        "server has astro's (\\d+) read tools",
        String.valueOf(astroReadTools.size()));
    expect(
        "docs/migration-from-astro.md",
        "the (\\d+) write tools exist only",
        String.valueOf(astroWrites));
    // The README's claims hold together: astro's read tools are ours with its names and the
    // composites, all in the read-only build.
    assertThat(withAstroNames + composites).isEqualTo(astroReadTools.size());
  }

  @Test
  void theManifestTokenFiguresAreTheGeneratorsOutput() throws IOException {
    String ro = tokens(readOnlyTokens);
    String rw = tokens(withWritesTokens);
    expect("README.md", "the curated read-only tools measure " + NUM + "", ro);
    expect("README.md", "with the write\\s+tools " + NUM + "", rw);
    expect("docs/vendor-guide.md", "the curated read-only set\\s+is about " + NUM + "", ro);
    expect("docs/vendor-guide.md", "about " + NUM + " with the write tools", rw);
    expect(
        "codegen/src/main/java/dev/airflowmcp/codegen/coverage/ToolsListBudget.java",
        "curated read-only tools \\(about " + NUM + " tokens\\)",
        ro);
    expect(
        "codegen/src/main/java/dev/airflowmcp/codegen/coverage/ToolsListBudget.java",
        "with the write tools \\(about " + NUM + "\\)",
        rw);
    String mojo = "generator-maven-plugin/src/main/java/dev/airflowmcp/maven/GenerateMojo.java";
    expect(mojo, "read-only tools are about " + NUM, ro);
    expect(mojo, "with the write tools about " + NUM, rw);
  }

  /** Every match of {@code regex} in {@code file} must capture {@code value}; there must be one. */
  private static void expect(String file, String regex, String value) throws IOException {
    String text = Files.readString(REPO.resolve(file));
    Matcher m = Pattern.compile(regex).matcher(text);
    int found = 0;
    while (m.find()) {
      assertThat(m.group(1))
          .as("%s: '%s' states a figure the build computes; write %s", file, m.group(), value)
          .isEqualTo(value);
      found++;
    }
    assertThat(found).as("%s has the figure /%s/", file, regex).isPositive();
  }
}
