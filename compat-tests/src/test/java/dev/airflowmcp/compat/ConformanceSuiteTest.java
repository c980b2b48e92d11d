package dev.airflowmcp.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airflowmcp.compat.FakeAirflow.Mode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The official MCP conformance suite ({@code @modelcontextprotocol/conformance}) against the
 * Streamable HTTP transport of the packaged server. Which scenarios apply, and why the others do
 * not, is written in {@code docs/conformance.md}; this test reads both tables from there.
 */
class ConformanceSuiteTest {
  private static final Path DOC = Path.of("../docs/conformance.md");
  private static final String APPLY = "### Scenarios that apply";
  private static final String NOT_APPLY = "### Scenarios that do not apply";
  private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9-]+)` \\|", Pattern.MULTILINE);

  @Test
  void everyApplicableScenarioPassesAndEveryOtherIsDocumented() throws IOException {
    NodeTools.require("conformance");
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    Set<String> applicable = scenarios(section(doc, APPLY, NOT_APPLY));
    Set<String> notApplicable = scenarios(section(doc, NOT_APPLY, null));
    assertThat(applicable).isNotEmpty().doesNotContainAnyElementsOf(notApplicable);

    Path results = Files.createTempDirectory("conformance-");
    try (FakeAirflow airflow = FakeAirflow.start(Mode.AIRFLOW3);
        ServerProcess server =
            ServerProcess.startHttp(
                // The suite sends no Authorization header: the server serves it with a service
                // token, which takes the explicit service-account mode (on loopback).
                serviceAccount(
                    ServerProcess.Settings.token(airflow.baseUrl(), "conformance-service-token")
                        .environment()))) {
      NodeTools.Result run =
          NodeTools.run(
              "conformance",
              List.of(
                  "server", "--url", server.baseUrl() + Deployment.MCP_ENDPOINT,
                  "--suite", "all", "--output-dir", results.toString()),
              Map.of(),
              Duration.ofSeconds(120));
      Map<String, JsonNode> checks = checksByScenario(results);
      assertThat(checks).as("scenarios run; %s", run.describe()).isNotEmpty();

      Set<String> unclassified = new LinkedHashSet<>(checks.keySet());
      unclassified.removeAll(applicable);
      unclassified.removeAll(notApplicable);
      assertThat(unclassified)
          .as("scenarios of the suite missing from both tables of docs/conformance.md")
          .isEmpty();
      assertThat(checks.keySet()).as("applicable scenarios the suite ran").containsAll(applicable);

      List<String> problems = new ArrayList<>();
      for (String scenario : applicable) {
        int passed = 0;
        for (JsonNode check : checks.get(scenario)) {
          String status = check.path("status").asString();
          if (status.equals("SUCCESS")) {
            passed++;
          } else if (status.equals("FAILURE") || status.equals("WARNING")) {
            problems.add(scenario + ": " + status + " " + check.path("name").asString() + ": "
                + check.path("errorMessage").asString(check.path("details").toString()));
          }
        }
        if (passed == 0) {
          problems.add(scenario + ": no check passed");
        }
      }
      assertThat(problems).as("conformance problems; server stderr:\n%s", server.stderr()).isEmpty();
    } finally {
      deleteTree(results);
    }
  }

  private static Map<String, String> serviceAccount(Map<String, String> env) {
    Map<String, String> out = new LinkedHashMap<>(env);
    out.put("MCP_HTTP_AUTH", "service-account");
    return out;
  }

  /** The text of {@code doc} between the heading {@code from} and {@code to} (or the end). */
  private static String section(String doc, String from, String to) {
    int start = doc.indexOf(from);
    assertThat(start).as("heading %s in %s", from, DOC).isNotNegative();
    int end = to == null ? doc.length() : doc.indexOf(to, start);
    assertThat(end).as("heading %s in %s", to, DOC).isGreaterThan(start);
    return doc.substring(start, end);
  }

  /** The scenario names in the first column of a table. */
  private static Set<String> scenarios(String section) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = ROW.matcher(section);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /**
   * The checks of each scenario: the suite writes {@code server-<scenario>-<timestamp>/checks.json}
   * into the output directory.
   */
  private static Map<String, JsonNode> checksByScenario(Path results) throws IOException {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    Pattern dir = Pattern.compile("server-(.+)-\\d{4}-\\d{2}-\\d{2}T[0-9-]+Z");
    try (Stream<Path> dirs = Files.list(results)) {
      for (Path d : dirs.sorted().toList()) {
        Matcher m = dir.matcher(d.getFileName().toString());
        Path file = d.resolve("checks.json");
        if (m.matches() && Files.isRegularFile(file)) {
          out.put(m.group(1), ToolResults.parse(Files.readString(file, StandardCharsets.UTF_8)));
        }
      }
    }
    return out;
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
