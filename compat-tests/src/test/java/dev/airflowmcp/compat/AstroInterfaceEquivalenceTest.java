package dev.airflowmcp.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airflowmcp.compat.AstroInterfaceBaseline.Entry;
import dev.airflowmcp.compat.AstroInterfaceBaseline.Verdict;
import dev.airflowmcp.compat.AstroInterfaceComparison.Aspect;
import dev.airflowmcp.compat.AstroInterfaceComparison.Difference;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Our servers' {@code tools/list}, {@code resources/list} and {@code prompts/list}, read through
 * the MCP client, against astro-airflow-mcp 0.9.0's as recorded in {@code astro-interface/} (system
 * property {@code astro.interface.dir}). Two builds are read: the write-enabled server this module
 * generates (all of astro's 34 tools) and the packaged read-only jar, which must list exactly the
 * same tools minus the seven write tools.
 *
 * <ul>
 *   <li>per astro tool: present, argument names, JSON types (with nullability), defaults, required
 *       arguments and annotations; a table goes to stdout, and every difference must be listed in
 *       {@code astro-compat-baseline.yml} with its reason, while every listed difference must still
 *       occur;
 *   <li>resources (URI, name, MIME type) and prompts (name, argument names, required): a table, no
 *       difference allowed;
 *   <li>the size of what a model reads: description characters and the whole JSON of the tools both
 *       servers have, ours smaller than astro's.
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AstroInterfaceEquivalenceTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Path FALLBACK_DIR = Path.of("../astro-interface");
  private static final String BASELINE = "astro-compat-baseline.yml";

  private AstroInterfaceServer server;
  private AstroInterfaceServer readOnlyServer;
  private List<JsonNode> astro;
  private List<JsonNode> ours;
  private List<JsonNode> oursReadOnly;

  @BeforeAll
  void listBothServersTools() throws IOException {
    astro = new ArrayList<>();
    for (JsonNode tool : JSON.readTree(Files.readString(astroDir().resolve("tools.json")))) {
      astro.add(tool);
    }
    // Listing needs no Airflow: nothing listens on this port.
    server = AstroInterfaceServer.start("http://127.0.0.1:9", ServerProcess.Build.WRITE_ENABLED);
    readOnlyServer = AstroInterfaceServer.start("http://127.0.0.1:9");
    ours = tools(server);
    oursReadOnly = tools(readOnlyServer);
  }

  private static List<JsonNode> tools(AstroInterfaceServer server) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    McpSchema.ListToolsResult list = server.client().listTools();
    assertThat(list.nextCursor()).as("all tools on one page").isNull();
    for (McpSchema.Tool tool : list.tools()) {
      out.add(JSON.readTree(McpJsonDefaults.getMapper().writeValueAsString(tool)));
    }
    return out;
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
    if (readOnlyServer != null) {
      readOnlyServer.close();
    }
  }

  /** {@code astro.interface.dir}, else the committed copy. */
  static Path astroDir() {
    String configured = System.getProperty("astro.interface.dir");
    Path dir = configured == null || configured.isBlank() ? FALLBACK_DIR : Path.of(configured);
    if (!Files.isRegularFile(dir.resolve("tools.json"))) {
      dir = FALLBACK_DIR;
    }
    return dir;
  }

  @Test
  void everyDifferenceFromAstrosToolsListIsInTheBaseline() {
    assertThat(astro).as("astro's tools.json").hasSize(34);
    List<Difference> differences = AstroInterfaceComparison.compare(astro, ours);
    AstroInterfaceBaseline baseline = AstroInterfaceBaseline.parse(resource(BASELINE));
    Verdict verdict = baseline.check(differences);

    System.out.println(table(differences, verdict));

    assertThat(verdict.clean())
        .withFailMessage(
            "differences from astro's tools/list that %s does not list (add them with a reason,"
                + " or fix the tool spec):%n  %s%nentries of %s that no longer occur (remove"
                + " them):%n  %s",
            BASELINE,
            verdict.unexpected(),
            BASELINE,
            verdict.stale().stream().map(e -> e.tool() + ": " + e.difference()).toList())
        .isTrue();
  }

  @Test
  void theReadOnlyBuildListsTheSameToolsWithoutAstrosWriteTools() {
    List<String> writeTools =
        astro.stream()
            .filter(a -> a.get("writes").asBoolean())
            .map(a -> a.get("name").asString())
            .toList();
    assertThat(writeTools)
        .containsExactlyInAnyOrder(
            "pause_dag",
            "unpause_dag",
            "trigger_dag",
            "trigger_dag_and_wait",
            "delete_dag_run",
            "clear_dag_run",
            "clear_task_instances");
    List<JsonNode> expected =
        ours.stream().filter(t -> !writeTools.contains(t.get("name").asString())).toList();
    assertThat(oursReadOnly)
        .as("the read-only jar's tools/list: the write-enabled build's, without the write tools")
        .containsExactlyElementsOf(expected);
    for (JsonNode tool : oursReadOnly) {
      assertThat(tool.path("annotations").path("readOnlyHint").asBoolean())
          .as("readOnlyHint of %s", tool.get("name").asString())
          .isTrue();
    }
    // Astro's one server lists its seven write tools too.
    JsonNode astroSide = AstroDifferences.astro("write-tools-default");
    assertThat(writeTools).hasSize(astroSide.get("listed_write_tools").asInt());
    assertThat(oursReadOnly)
        .extracting(t -> t.get("name").asString())
        .doesNotContainAnyElementsOf(writeTools);
  }

  @Test
  void toolsListOrderTitlesAndMetaAreOurs() {
    JsonNode astroSide = AstroDifferences.astro("tools-list");
    List<String> astroOrder =
        astro.stream()
            .sorted(java.util.Comparator.comparingInt(a -> a.get("registration_index").asInt()))
            .map(a -> a.get("name").asString())
            .toList();
    List<String> ourOrder =
        ours.stream().map(t -> t.get("name").asString()).filter(astroOrder::contains).toList();
    assertThat(ourOrder).as("the same tools").containsExactlyInAnyOrderElementsOf(astroOrder);
    assertThat(ourOrder).as("in our curated order, not astro's").isNotEqualTo(astroOrder);
    assertThat(astroSide.get("title").asString()).isEqualTo("none");
    assertThat(astroSide.get("meta")).isEqualTo(JSON.readTree("{\"fastmcp\": {\"tags\": []}}"));
    for (JsonNode a : astro) {
      assertThat(a.has("title")).as("astro's %s has a title", a.get("name").asString()).isFalse();
    }
    for (JsonNode tool : ours) {
      String name = tool.get("name").asString();
      assertThat(tool.path("title").asString("")).as("title of %s", name).isNotBlank();
      assertThat(tool.has("_meta")).as("_meta of %s", name).isFalse();
    }
  }

  @Test
  void resourcesAndPromptsAreAstros() throws IOException {
    JsonNode astroResources =
        JSON.readTree(Files.readString(astroDir().resolve("resources.json"))).get("resources");
    JsonNode astroPrompts =
        JSON.readTree(Files.readString(astroDir().resolve("prompts.json"))).get("prompts");
    List<String> differences = new ArrayList<>();
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT, "%nastro-airflow-mcp 0.9.0 resources/list and prompts/list vs ours%n"));
    String row = "%-10s %-26s %-40s %s%n";
    out.append(String.format(Locale.ROOT, row, "kind", "name", "astro", "ours"));
    for (AstroInterfaceServer s : List.of(server, readOnlyServer)) {
      Map<String, McpSchema.Resource> resources = new LinkedHashMap<>();
      s.client().listResources().resources().forEach(r -> resources.put(r.uri(), r));
      List<String> astroUris = new ArrayList<>();
      for (JsonNode a : astroResources) {
        String uri = a.get("uri").asString();
        astroUris.add(uri);
        McpSchema.Resource r = resources.get(uri);
        String theirs = a.get("name").asString() + ", " + a.get("mimeType").asString();
        String mine = r == null ? "missing" : r.name() + ", " + r.mimeType();
        if (s == server) {
          out.append(String.format(Locale.ROOT, row, "resource", uri, theirs, mine));
        }
        if (!theirs.equals(mine)) {
          differences.add("resource " + uri + ": " + theirs + " -> " + mine);
        }
      }
      resources.keySet().stream()
          .filter(u -> !astroUris.contains(u))
          .forEach(u -> differences.add("extra resource " + u));

      Map<String, McpSchema.Prompt> prompts = new LinkedHashMap<>();
      s.client().listPrompts().prompts().forEach(p -> prompts.put(p.name(), p));
      List<String> astroNames = new ArrayList<>();
      for (JsonNode a : astroPrompts) {
        String name = a.get("name").asString();
        astroNames.add(name);
        List<String> theirs = new ArrayList<>();
        a.get("arguments")
            .forEach(
                arg ->
                    theirs.add(
                        arg.get("name").asString()
                            + (arg.get("required").asBoolean() ? " (required)" : "")));
        McpSchema.Prompt p = prompts.get(name);
        List<String> mine = new ArrayList<>();
        if (p != null && p.arguments() != null) {
          p.arguments()
              .forEach(
                  arg ->
                      mine.add(
                          arg.name() + (Boolean.TRUE.equals(arg.required()) ? " (required)" : "")));
        }
        String shownTheirs = theirs.isEmpty() ? "no arguments" : String.join(", ", theirs);
        String shownMine =
            p == null ? "missing" : mine.isEmpty() ? "no arguments" : String.join(", ", mine);
        if (s == server) {
          out.append(String.format(Locale.ROOT, row, "prompt", name, shownTheirs, shownMine));
        }
        if (!shownTheirs.equals(shownMine)) {
          differences.add("prompt " + name + ": " + shownTheirs + " -> " + shownMine);
        }
      }
      prompts.keySet().stream()
          .filter(n -> !astroNames.contains(n))
          .forEach(n -> differences.add("extra prompt " + n));
    }
    System.out.println(out);
    assertThat(astroResources).hasSize(4);
    assertThat(astroPrompts).hasSize(3);
    assertThat(differences).as("differences from astro's resources and prompts").isEmpty();
  }

  @Test
  void ourToolsListIsSmallerThanAstrosForTheSameTools() {
    Map<String, JsonNode> astroByName = new LinkedHashMap<>();
    for (JsonNode a : astro) {
      astroByName.put(a.get("name").asString(), a);
    }
    long astroDescriptions = 0;
    long astroJson = 0;
    long ourDescriptions = 0;
    long ourJson = 0;
    long allOurJson = 0;
    int shared = 0;
    for (JsonNode tool : ours) {
      String json = JSON.writeValueAsString(tool);
      allOurJson += json.length();
      JsonNode a = astroByName.get(tool.get("name").asString());
      if (a == null) {
        continue;
      }
      shared++;
      ourDescriptions += descriptionChars(tool);
      ourJson += json.length();
      astroDescriptions +=
          a.get("description_chars").asLong() + sum(a.get("param_description_chars"));
      astroJson += astroJsonChars(a);
    }
    System.out.println(
        String.format(
            Locale.ROOT,
            "%ntools/list size for the %d tools both servers have (characters; ~tokens = chars / 4)%n"
                + "  %-34s %10s %10s%n"
                + "  %-34s %10d %10d   (%.0f%% of astro)%n"
                + "  %-34s %10d %10d   (%.0f%% of astro; astro's is rebuilt from tools.json)%n"
                + "  %-34s %10d %10d%n"
                + "  our whole tools/list (%d tools): %d characters, ~%d tokens%n",
            shared,
            "",
            "astro",
            "ours",
            "tool + argument descriptions",
            astroDescriptions,
            ourDescriptions,
            100.0 * ourDescriptions / astroDescriptions,
            "whole JSON of these tools",
            astroJson,
            ourJson,
            100.0 * ourJson / astroJson,
            "~tokens of that JSON",
            astroJson / 4,
            ourJson / 4,
            ours.size(),
            allOurJson,
            allOurJson / 4));

    // The build's budget (maxToolsListTokens, default 10000) counts the generated tools; the
    // hand-written runtime tools (get_log_tail, search_task_logs) must fit with them.
    assertThat(allOurJson / 4)
        .as("estimated tokens of our whole tools/list")
        .isLessThanOrEqualTo(10_000);
    assertThat(shared).as("tools both servers have").isPositive();
    assertThat(ourDescriptions).as("our description characters").isLessThan(astroDescriptions);
    assertThat(ourJson).as("our tools/list JSON characters").isLessThan(astroJson);
  }

  /**
   * The run-time figures the docs state: the estimated tokens (characters / 4 of each tool's
   * compact JSON, rounded to the nearest 10) of the read-only server's whole {@code tools/list} and
   * of the hand-written runtime tools in it (those the generated manifest does not list).
   */
  @Test
  void theDocsRunTimeToolsListFiguresAreMeasured() throws IOException {
    Set<String> generated = new LinkedHashSet<>();
    Path manifest =
        Path.of("../generated-example/src/generated/resources/META-INF/airflow-mcp/tools.json");
    for (JsonNode t : JSON.readTree(Files.readString(manifest)).get("tools")) {
      generated.add(t.get("name").asString());
    }
    long whole = 0;
    long handWritten = 0;
    for (JsonNode tool : oursReadOnly) {
      int chars = JSON.writeValueAsString(tool).length();
      whole += chars;
      if (!generated.contains(tool.get("name").asString())) {
        handWritten += chars;
      }
    }
    String wholeFigure = String.format(Locale.ROOT, "%,d", Math.round(whole / 40.0) * 10);
    String handFigure = String.format(Locale.ROOT, "%,d", Math.round(handWritten / 40.0) * 10);
    String readme = Files.readString(Path.of("../README.md"));
    String vendor = Files.readString(Path.of("../docs/vendor-guide.md"));
    assertThat(readme)
        .as("README's run-time tools/list figures (write the measured ones)")
        .contains("add about " + handFigure + " more")
        .contains("the whole read-only `tools/list` is about " + wholeFigure + ",");
    assertThat(vendor.replaceAll("\\s+", " "))
        .as("vendor-guide's run-time tools/list figures (write the measured ones)")
        .contains("add about " + handFigure + " tokens at run time")
        .contains("whole `tools/list` is about " + wholeFigure + ")");

    long structured = 0;
    int withSchema = 0;
    try (AstroInterfaceServer withSchemas =
        AstroInterfaceServer.start(
            "http://127.0.0.1:9", ServerProcess.Build.PACKAGED_JAR, "--structured-output")) {
      for (JsonNode tool : tools(withSchemas)) {
        structured += JSON.writeValueAsString(tool).length();
        withSchema += tool.has("outputSchema") ? 1 : 0;
      }
    }
    assertThat(withSchema).as("tools that declare an outputSchema").isPositive();
    // Per tool that gains the schema (the plain server declares none).
    long perTool = Math.round((structured - whole) / 4.0 / withSchema);
    System.out.println(
        "--structured-output adds ~"
            + perTool
            + " tokens to each of "
            + withSchema
            + " of "
            + oursReadOnly.size()
            + " tools");
    assertThat(perTool).as("--structured-output adds tokens").isPositive();
    assertThat(readme)
        .as("README's --structured-output figure (write the measured one)")
        .contains("`--structured-output` adds about " + perTool + " tokens per tool");
  }

  /** A tool's description plus every argument description, in characters. */
  static long descriptionChars(JsonNode tool) {
    long n = textLength(tool.get("description"));
    JsonNode properties = tool.path("inputSchema").path("properties");
    for (Map.Entry<String, JsonNode> p : properties.properties()) {
      n += textLength(p.getValue().get("description"));
    }
    return n;
  }

  /**
   * Astro's compact {@code tools/list} JSON of one tool, rebuilt from tools.json: name,
   * description, inputSchema (with property descriptions), outputSchema, annotations and FastMCP's
   * {@code _meta}, where each description is a placeholder of the recorded length.
   */
  static long astroJsonChars(JsonNode a) {
    ObjectNode tool = JSON.createObjectNode();
    tool.put("name", a.get("name").asString());
    tool.put("description", "x".repeat(a.get("description_chars").asInt()));
    ObjectNode schema = (ObjectNode) a.get("inputSchema").deepCopy();
    JsonNode lengths = a.get("param_description_chars");
    JsonNode properties = schema.get("properties");
    if (properties != null) {
      for (Map.Entry<String, JsonNode> p : properties.properties()) {
        JsonNode length = lengths.get(p.getKey());
        if (length != null && p.getValue() instanceof ObjectNode property) {
          property.put("description", "x".repeat(length.asInt()));
        }
      }
    }
    tool.set("inputSchema", schema);
    tool.set("outputSchema", a.get("outputSchema"));
    tool.set("annotations", a.get("annotations"));
    tool.set("_meta", JSON.readTree("{\"fastmcp\":{\"tags\":[]}}"));
    return JSON.writeValueAsString(tool).length();
  }

  private static long sum(JsonNode lengths) {
    long n = 0;
    for (Map.Entry<String, JsonNode> e : lengths.properties()) {
      n += e.getValue().asLong();
    }
    return n;
  }

  private static long textLength(JsonNode node) {
    return node == null || node.isNull()
        ? 0
        : node.asString().codePointCount(0, node.asString().length());
  }

  /** The per-tool table: one line per tool, then the differences of each tool that has some. */
  private String table(List<Difference> differences, Verdict verdict) {
    Set<String> names = new LinkedHashSet<>();
    astro.forEach(a -> names.add(a.get("name").asString()));
    ours.forEach(o -> names.add(o.get("name").asString()));
    Set<String> astroNames = new LinkedHashSet<>();
    astro.forEach(a -> astroNames.add(a.get("name").asString()));
    Set<String> ourNames = new LinkedHashSet<>();
    ours.forEach(o -> ourNames.add(o.get("name").asString()));
    Set<Difference> unexpected = new LinkedHashSet<>(verdict.unexpected());

    StringBuilder out = new StringBuilder();
    String row = "%-27s %-6s %-9s %-6s %-8s %-8s %-11s %s%n";
    out.append(
        String.format(
            Locale.ROOT,
            "%nastro-airflow-mcp 0.9.0 tools/list vs ours (= same, +n added, -n removed, ~n changed)%n"));
    out.append(
        String.format(
            Locale.ROOT,
            row,
            "tool",
            "ours",
            "arguments",
            "types",
            "defaults",
            "required",
            "annotations",
            "verdict"));
    for (String name : names) {
      List<Difference> mine = differences.stream().filter(d -> d.tool().equals(name)).toList();
      String present =
          !ourNames.contains(name) ? "no" : astroNames.contains(name) ? "yes" : "extra";
      String verdictText;
      if (mine.isEmpty()) {
        verdictText = "same";
      } else if (mine.stream().anyMatch(unexpected::contains)) {
        verdictText = "UNEXPECTED";
      } else {
        Entry first = verdict.allowed().get(mine.get(0));
        verdictText = first.isPending() ? "pending: " + first.pending() : "allowed";
      }
      boolean compared = ourNames.contains(name) && astroNames.contains(name);
      out.append(
          String.format(
              Locale.ROOT,
              row,
              name,
              present,
              compared ? arguments(mine) : "-",
              compared ? count(mine, Aspect.TYPES) : "-",
              compared ? count(mine, Aspect.DEFAULTS) : "-",
              compared ? count(mine, Aspect.REQUIRED) : "-",
              compared ? count(mine, Aspect.ANNOTATIONS) : "-",
              verdictText));
    }
    out.append(String.format(Locale.ROOT, "%nDifferences:%n"));
    for (Difference d : differences) {
      Entry e = verdict.allowed().get(d);
      out.append(
          String.format(
              Locale.ROOT,
              "  %-27s %s%n      -> %s%n",
              d.tool(),
              d.text(),
              e == null ? "UNEXPECTED (not in " + BASELINE + ")" : e.why()));
    }
    for (Entry stale : verdict.stale()) {
      out.append(
          String.format(
              Locale.ROOT,
              "  %-27s %s%n      -> STALE baseline entry: no longer" + " differs%n",
              stale.tool(),
              stale.difference()));
    }
    return out.toString();
  }

  private static String arguments(List<Difference> mine) {
    long added = mine.stream().filter(d -> d.text().startsWith("added ")).count();
    long removed = mine.stream().filter(d -> d.text().startsWith("removed ")).count();
    if (added == 0 && removed == 0) {
      return "=";
    }
    return (added > 0 ? "+" + added : "") + (removed > 0 ? "-" + removed : "");
  }

  private static String count(List<Difference> mine, Aspect aspect) {
    long n = mine.stream().filter(d -> d.aspect() == aspect).count();
    return n == 0 ? "=" : "~" + n;
  }

  static String resource(String name) {
    try (InputStream in =
        AstroInterfaceEquivalenceTest.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("no test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
