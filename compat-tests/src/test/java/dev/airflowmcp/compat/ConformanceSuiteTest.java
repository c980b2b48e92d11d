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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The official MCP conformance suite ({@code @modelcontextprotocol/conformance}) against the
 * Streamable HTTP transport of the packaged server. Which scenarios apply, and why the others do
 * not, is written in {@code docs/conformance.md}; this test reads both tables from there.
 */
class ConformanceSuiteTest {
  private static final Path DOC = Path.of("../docs/conformance.md");
  private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9-]+)` \\|", Pattern.MULTILINE);
  private static final Pattern CHECK_ROW =
      Pattern.compile("^\\| `([a-z0-9-]+)` \\| `([a-z0-9-]+)` \\|", Pattern.MULTILINE);

  /** How the suite marks a check it could not run against a server without its fixtures. */
  private static final String NOT_TESTABLE = "Not testable:";

  /**
   * One pinned version of the suite.
   *
   * @param version the version, as the headings of {@code docs/conformance.md} name it
   * @param tool the command to run ({@code node_modules/.bin/<tool>})
   * @param script for {@code tool = node}: the suite's entry script under {@code node_modules}
   */
  record Suite(String version, String tool, String script) {
    @Override
    public String toString() {
      return "conformance " + version;
    }
  }

  static List<Suite> suites() {
    return List.of(
        // 2025-era scenarios (initialize handshake).
        new Suite("0.1.16", "conformance", null),
        // Adds the 2026-07-28 scenarios; installed under an npm alias beside 0.1.16.
        new Suite("0.2.0-alpha.12", "node", "conformance-2026/dist/index.js"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("suites")
  void everyApplicableScenarioPassesAndEveryOtherIsDocumented(Suite suite) throws IOException {
    if (suite.script() == null) {
      NodeTools.require(suite.tool());
    } else {
      NodeTools.require();
      NodeTools.requirePackages(suite.script().substring(0, suite.script().indexOf('/')));
    }
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    Set<String> applicable =
        scenarios(section(doc, "### Scenarios that apply (" + suite.version() + ")"));
    Set<String> notApplicable =
        scenarios(section(doc, "### Scenarios that do not apply (" + suite.version() + ")"));
    Set<String> notRunnable =
        checks(doc, "### Checks that cannot run here (" + suite.version() + ")");
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
      List<String> args = new ArrayList<>();
      if (suite.script() != null) {
        args.add(NodeTools.modules().resolve(suite.script()).toString());
      }
      args.addAll(
          List.of(
              "server",
              "--url",
              server.baseUrl() + Deployment.MCP_ENDPOINT,
              "--suite",
              "all",
              "--output-dir",
              results.toString()));
      NodeTools.Result run = NodeTools.run(suite.tool(), args, Map.of(), Duration.ofSeconds(240));
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
          String id = check.path("id").asString();
          String message = check.path("errorMessage").asString("");
          if (status.equals("SUCCESS")) {
            passed++;
          } else if (status.equals("FAILURE") || status.equals("WARNING")) {
            if (notRunnable.contains(scenario + " " + id) && message.startsWith(NOT_TESTABLE)) {
              continue;
            }
            problems.add(
                scenario
                    + ": "
                    + status
                    + " "
                    + id
                    + ": "
                    + (message.isEmpty() ? check.path("details").toString() : message));
          }
        }
        if (passed == 0) {
          problems.add(scenario + ": no check passed");
        }
      }
      assertThat(problems)
          .as("conformance problems; server stderr:\n%s", server.stderr())
          .isEmpty();
    } finally {
      deleteTree(results);
    }
  }

  /**
   * The tasks scenarios of 0.2.0-alpha.12 against the write-enabled server, which offers the tasks
   * extension (the packaged server is read-only and does not). Most of their checks call the
   * suite's fixture tools; every check listed in the "Tasks checks that apply" table must pass.
   */
  @Test
  void theTasksChecksThatApplyPassAgainstTheWriteEnabledServer() throws IOException {
    NodeTools.require();
    NodeTools.requirePackages("conformance-2026");
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    Set<String> required = checks(doc, TASKS_HEADING);
    assertThat(required).as("rows of %s", TASKS_HEADING).isNotEmpty();
    Set<String> scenarios = new LinkedHashSet<>();
    required.forEach(c -> scenarios.add(c.substring(0, c.indexOf(' '))));
    Path results = Files.createTempDirectory("conformance-tasks-");
    try (FakeAirflow airflow = FakeAirflow.start(Mode.AIRFLOW3);
        ServerProcess server =
            ServerProcess.startHttp(
                serviceAccount(
                    ServerProcess.Settings.token(airflow.baseUrl(), "conformance-service-token")
                        .environment()),
                ServerProcess.Build.WRITE_ENABLED)) {
      for (String scenario : scenarios) {
        NodeTools.Result run =
            NodeTools.run(
                "node",
                List.of(
                    NodeTools.modules().resolve("conformance-2026/dist/index.js").toString(),
                    "server",
                    "--url",
                    server.baseUrl() + Deployment.MCP_ENDPOINT,
                    "--scenario",
                    scenario,
                    "--output-dir",
                    results.toString()),
                Map.of(),
                Duration.ofSeconds(120));
        assertThat(run.exitCode()).as("%s ran: %s", scenario, run.describe()).isIn(0, 1);
      }
      Map<String, JsonNode> checks = checksByScenario(results);
      Set<String> passed = new LinkedHashSet<>();
      checks.forEach(
          (scenario, list) ->
              list.forEach(
                  check -> {
                    String key = scenario + " " + check.path("id").asString();
                    System.out.printf(
                        "tasks conformance: %s %s %s%n",
                        key,
                        check.path("status").asString(),
                        check.path("errorMessage").asString(""));
                    if (check.path("status").asString().equals("SUCCESS")) {
                      passed.add(key);
                    }
                  }));
      assertThat(passed)
          .as("tasks checks that apply; server stderr:\n%s", server.stderr())
          .containsAll(required);
    } finally {
      deleteTree(results);
    }
  }

  private static final String TASKS_HEADING =
      "### Tasks checks that apply (0.2.0-alpha.12, write-enabled server)";

  private static Map<String, String> serviceAccount(Map<String, String> env) {
    Map<String, String> out = new LinkedHashMap<>(env);
    out.put("MCP_HTTP_AUTH", "service-account");
    return out;
  }

  /** The text of {@code doc} from the heading {@code from} to the next heading. */
  private static String section(String doc, String from) {
    int start = doc.indexOf(from + "\n");
    assertThat(start).as("heading %s in %s", from, DOC).isNotNegative();
    int end = doc.length();
    Matcher next = Pattern.compile("^#{2,3} ", Pattern.MULTILINE).matcher(doc);
    if (next.find(start + from.length())) {
      end = next.start();
    }
    return doc.substring(start, end);
  }

  /**
   * The {@code scenario check} pairs of a table of checks the suite cannot run here (none when the
   * heading is absent).
   */
  private static Set<String> checks(String doc, String heading) {
    Set<String> out = new LinkedHashSet<>();
    if (!doc.contains(heading + "\n")) {
      return out;
    }
    Matcher m = CHECK_ROW.matcher(section(doc, heading));
    while (m.find()) {
      out.add(m.group(1) + " " + m.group(2));
    }
    return out;
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
