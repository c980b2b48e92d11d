package dev.airflowmcp.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airflowmcp.compat.AstroDifferences.Entry;
import dev.airflowmcp.compat.AstroDifferences.Fact;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the migration guide's "Deliberate differences" table, {@value AstroDifferences#RESOURCE}
 * and the tests linked: every row of the table has exactly one data entry and every entry names a
 * row of the table; every entry names at least one test, each test exists, is a JUnit test and
 * reads that entry's astro data ({@code "<id>"} in its body); every fact an entry cites is found in
 * astro's interface data; and every difference {@code astro-compat-baseline.yml} allows is
 * explained by a row (or, for an extra read tool, by the guide's table of read tools astro lacks).
 * So a new difference cannot be documented without data and a test, nor tested without a row.
 */
class AstroDifferencesTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String PACKAGE = "dev.airflowmcp.compat";
  private static final Set<String> THROUGH = Set.of("mcp", "process", "network");

  /** {@code docs/migration-from-astro.md} of this checkout. */
  static Path migrationGuide() {
    String configured = System.getProperty("migration.guide");
    Path guide =
        configured == null || configured.isBlank()
            ? basedir().resolve("../docs/migration-from-astro.md")
            : Path.of(configured);
    assertThat(guide).as("the migration guide").isRegularFile();
    return guide;
  }

  private static Path basedir() {
    return Path.of(System.getProperty("basedir", "."));
  }

  @Test
  void everyRowOfTheTableHasAnEntryAndEveryEntryARow() throws IOException {
    List<Row> rows = rows(Files.readString(migrationGuide(), StandardCharsets.UTF_8));
    Map<String, Entry> entries = AstroDifferences.all();
    List<String> problems = new ArrayList<>();

    Map<String, List<String>> idsByRow = new LinkedHashMap<>();
    for (Entry e : entries.values()) {
      idsByRow.computeIfAbsent(e.row(), k -> new ArrayList<>()).add(e.id());
    }
    Set<String> rowTexts = new LinkedHashSet<>();
    for (Row row : rows) {
      if (!rowTexts.add(row.what())) {
        problems.add("the table has two rows '" + row.what() + "'");
      }
      List<String> ids = idsByRow.getOrDefault(row.what(), List.of());
      if (ids.size() != 1) {
        problems.add(
            "row '"
                + row.what()
                + "' has "
                + ids.size()
                + " entries in "
                + AstroDifferences.RESOURCE
                + " "
                + ids
                + " (needs exactly one)");
      }
      if (row.why().isBlank()) {
        problems.add("row '" + row.what() + "' gives no reason");
      }
    }
    for (Entry e : entries.values()) {
      if (!rowTexts.contains(e.row())) {
        problems.add(e.id() + ": names row '" + e.row() + "', which the table does not have");
      }
      if (!THROUGH.contains(e.through())) {
        problems.add(e.id() + ": 'through' must be one of " + THROUGH + ", got " + e.through());
      }
      if (!e.through().equals("mcp") && (e.note() == null || e.note().isBlank())) {
        problems.add(
            e.id()
                + ": a difference not seen through MCP needs a note saying how it"
                + " is shown");
      }
      if (e.facts().isEmpty()) {
        problems.add(e.id() + ": cites no fact about astro");
      }
    }
    assertThat(rows).as("rows of the Deliberate differences table").hasSizeGreaterThan(40);
    assertThat(problems).isEmpty();
  }

  @Test
  void everyEntryNamesTestsThatExistAndReadItsAstroData() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Entry e : AstroDifferences.all().values()) {
      for (String test : e.tests()) {
        problems.addAll(checkTest(e.id(), test));
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyCitedFactIsInAstrosInterfaceData() throws IOException {
    Path dir = AstroInterfaceEquivalenceTest.astroDir();
    Map<String, JsonNode> json = new LinkedHashMap<>();
    for (String file : List.of("tools.json", "resources.json", "prompts.json")) {
      json.put(file, JSON.readTree(Files.readString(dir.resolve(file), StandardCharsets.UTF_8)));
    }
    String interfaceText =
        AstroDifferences.squeeze(
            Files.readString(dir.resolve("INTERFACE.md"), StandardCharsets.UTF_8));
    List<String> problems = new ArrayList<>();
    for (Entry e : AstroDifferences.all().values()) {
      for (Fact f : e.facts()) {
        String where = e.id() + ": " + f;
        String text;
        if (f.file().equals("INTERFACE.md")) {
          text = interfaceText;
        } else if (json.containsKey(f.file())) {
          JsonNode node = locate(json.get(f.file()), f.tool(), f.path());
          if (node == null) {
            problems.add(where + ": no such place");
            continue;
          }
          text = AstroDifferences.squeeze(node.isString() ? node.asString() : node.toString());
        } else {
          problems.add(where + ": unknown file");
          continue;
        }
        if (!text.contains(AstroDifferences.squeeze(f.contains()))) {
          problems.add(where + ": the text is not there");
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyDifferenceTheBaselineAllowsIsExplainedByARow() throws IOException {
    Object loaded =
        new Yaml(new SafeConstructor(new LoaderOptions()))
            .load(AstroInterfaceEquivalenceTest.resource("astro-compat-baseline.yml"));
    Set<String> changed = new LinkedHashSet<>();
    Set<String> extra = new LinkedHashSet<>();
    for (Object o : (List<?>) ((Map<?, ?>) loaded).get("allowed")) {
      Map<?, ?> m = (Map<?, ?>) o;
      String tool = String.valueOf(m.get("tool"));
      if (((List<?>) m.get("differences")).contains("extra tool")) {
        extra.add(tool);
      } else {
        changed.add(tool);
      }
    }
    Set<String> claimed = new LinkedHashSet<>();
    List<String> problems = new ArrayList<>();
    for (Entry e : AstroDifferences.all().values()) {
      for (String tool : e.baseline()) {
        if (!changed.contains(tool) && !extra.contains(tool)) {
          problems.add(e.id() + ": claims baseline entry '" + tool + "', which does not exist");
        }
        claimed.add(tool);
      }
    }
    for (String tool : changed) {
      if (!claimed.contains(tool)) {
        problems.add("the baseline allows a difference of " + tool + " that no row explains");
      }
    }
    String guide = Files.readString(migrationGuide(), StandardCharsets.UTF_8);
    String readTools = section(guide, "## Read tools astro does not have");
    for (String tool : extra) {
      if (!claimed.contains(tool)
          && !readTools.contains("| `" + tool + "` |")
          && !readTools.contains("`" + tool + "`")) {
        problems.add(
            "extra tool "
                + tool
                + " is neither a row nor in 'Read tools astro does not"
                + " have'");
      }
    }
    assertThat(problems).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------
  // The checker's own rules, on small inputs

  @Test
  void theTableParserReadsTheFirstAndLastCellOfEachRow() {
    String md =
        "# T\n\n## Deliberate differences\n\n| what | astro | this server | why |\n"
            + "|---|---|---|---|\n| `a` paging | x \\| y | z | because |\n| b | x | y | |\n\n"
            + "## Next\n| not | a | row | here |\n";
    assertThat(rows(md)).containsExactly(new Row("`a` paging", "because"), new Row("b", ""));
    assertThatThrownBy(() -> rows("## Other\n")).hasMessageContaining("Deliberate differences");
  }

  @Test
  void aMalformedEntryIsRejectedWithItsId() {
    assertThatThrownBy(
            () ->
                AstroDifferences.parse(
                    "differences:\n  - id: x\n    row: r\n"
                        + "    through: mcp\n    astro: {a: 1}\n    facts: [{file: f, contains: c}]\n    tests: []\n"))
        .hasMessageContaining("x: 'tests' must be a non-empty list");
    assertThatThrownBy(
            () ->
                AstroDifferences.parse(
                    "differences:\n  - id: x\n    row: r\n"
                        + "    through: mcp\n    astro: {a: 1}\n    tests: [A#b]\n"))
        .hasMessageContaining("x: 'facts' must be a non-empty list");
    assertThatThrownBy(
            () ->
                AstroDifferences.parse(
                    "differences:\n  - id: x\n    row: r\n"
                        + "    through: mcp\n    astro: {a: 1}\n    tests: [A#b]\n    facts: [{file: f, contains: c}]\n"
                        + "    colour: red\n"))
        .hasMessageContaining("x: unknown key 'colour'");
    assertThatThrownBy(
            () ->
                AstroDifferences.parse(
                    "differences:\n  - id: x\n    row: r\n"
                        + "    through: mcp\n    astro: nothing\n    tests: [A#b]\n    facts: [{file: f, contains: c}]\n"))
        .hasMessageContaining("'astro' must be a mapping");
  }

  @Test
  void aTestThatIsMissingOrDoesNotReadTheEntryIsReported() throws IOException {
    assertThat(checkTest("paging", "NoSuchTest#anything"))
        .singleElement()
        .asString()
        .contains("no test class");
    assertThat(checkTest("paging", "AstroDifferencesTest#noSuchMethod"))
        .singleElement()
        .asString()
        .contains("no method");
    // A helper, not a test.
    assertThat(checkTest("paging", "AstroDifferencesTest#migrationGuide"))
        .singleElement()
        .asString()
        .contains("not a JUnit test");
    // A real test that does not read the entry.
    assertThat(checkTest("paging", "AstroDifferencesTest#aMalformedEntryIsRejectedWithItsId"))
        .singleElement()
        .asString()
        .contains("does not read");
    assertThat(checkTest("paging", "bad-reference"))
        .singleElement()
        .asString()
        .contains("Class#method");
  }

  @Test
  void methodBodiesAreFoundByBraceMatching() {
    String source =
        "class A {\n  @Test\n  void one() {\n    if (x) { y(\"}\"); }\n"
            + "    // astro's { brace\n    /* a } and a ' */\n"
            + "    String s = \"{\";\n  }\n\n  void two() { z(\"paging\"); }\n}\n";
    assertThat(body(source, "one")).contains("if (x)").doesNotContain("paging");
    assertThat(body(source, "two")).contains("\"paging\"");
    assertThat(body(source, "three")).isNull();
  }

  @Test
  @Timeout(10)
  void hostileInputIsHandledInBoundedTime() {
    String deep =
        "class A {\n  void m() " + "{".repeat(200_000) + "\"x\"" + "}".repeat(200_000) + "\n}";
    assertThat(body(deep, "m")).contains("\"x\"");
    String unclosed = "class A {\n  void m() {" + "\"".repeat(100_001);
    assertThat(body(unclosed, "m")).isNull();
    StringBuilder table =
        new StringBuilder("## Deliberate differences\n| what | a | b | why |\n|-|-|-|-|\n");
    for (int i = 0; i < 20_000; i++) {
      table.append("| r").append(i).append(" | ").append("\\|".repeat(20)).append(" | y | z |\n");
    }
    assertThat(rows(table.toString())).hasSize(20_000);
  }

  // ---------------------------------------------------------------------------------------------

  /** One row of the table: its first cell ("what") and its last ("why"). */
  record Row(String what, String why) {}

  /** The rows of the "Deliberate differences" table. */
  static List<Row> rows(String markdown) {
    String section = section(markdown, "## Deliberate differences");
    List<Row> rows = new ArrayList<>();
    boolean header = true;
    for (String line : section.split("\n")) {
      String l = line.strip();
      if (!l.startsWith("|")) {
        if (!rows.isEmpty()) {
          break;
        }
        continue;
      }
      if (header) {
        header = false;
        continue;
      }
      if (l.matches("\\|[\\s:|-]*")) {
        continue;
      }
      List<String> cells = cells(l);
      rows.add(new Row(cells.get(0), cells.get(cells.size() - 1)));
    }
    return rows;
  }

  /** The text of the section that starts with {@code heading}, up to the next "## " heading. */
  private static String section(String markdown, String heading) {
    int start = markdown.startsWith(heading) ? 0 : markdown.indexOf("\n" + heading);
    if (start < 0) {
      throw new IllegalArgumentException("no section '" + heading + "' in the migration guide");
    }
    int end = markdown.indexOf("\n## ", start + heading.length());
    return markdown.substring(start, end < 0 ? markdown.length() : end);
  }

  /** A table line's cells, trimmed; {@code \|} stays inside a cell. */
  private static List<String> cells(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    for (int i = 1; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '|') {
        cell.append("\\|");
        i++;
      } else if (c == '|') {
        cells.add(cell.toString().strip());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    return cells;
  }

  /** Problems with one test reference of the entry {@code id}; empty when it is fine. */
  private static List<String> checkTest(String id, String reference) throws IOException {
    int hash = reference.indexOf('#');
    if (hash <= 0 || hash == reference.length() - 1) {
      return List.of(id + ": test '" + reference + "' is not Class#method");
    }
    String className = reference.substring(0, hash);
    String methodName = reference.substring(hash + 1);
    Class<?> type;
    try {
      type = Class.forName(PACKAGE + "." + className);
    } catch (ClassNotFoundException e) {
      return List.of(id + ": no test class " + className);
    }
    Method method = null;
    for (Method m : type.getDeclaredMethods()) {
      if (m.getName().equals(methodName)) {
        method = m;
      }
    }
    if (method == null) {
      return List.of(id + ": no method " + reference);
    }
    if (!method.isAnnotationPresent(Test.class)
        && !method.isAnnotationPresent(ParameterizedTest.class)) {
      return List.of(id + ": " + reference + " is not a JUnit test");
    }
    Path source =
        basedir().resolve("src/test/java/" + PACKAGE.replace('.', '/') + "/" + className + ".java");
    String body;
    try {
      body = body(Files.readString(source, StandardCharsets.UTF_8), methodName);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
    if (body == null || !body.contains("\"" + id + "\"")) {
      return List.of(
          id + ": " + reference + " does not read the entry (no \"" + id + "\" in its" + " body)");
    }
    return List.of();
  }

  /**
   * The body of the void method {@code name} in {@code source}: from the first {@code void name(}
   * that opens a body to its matching closing brace, skipping braces in string and char literals
   * and comments; null when there is none.
   */
  static String body(String source, String name) {
    int at = -1;
    for (int from = 0; ; ) {
      int i = source.indexOf("void " + name + "(", from);
      if (i < 0) {
        break;
      }
      int open = source.indexOf('{', i);
      int semicolon = source.indexOf(';', i);
      if (open >= 0 && (semicolon < 0 || open < semicolon)) {
        at = open;
        break;
      }
      from = i + 1;
    }
    if (at < 0) {
      return null;
    }
    int depth = 0;
    for (int i = at; i < source.length(); i++) {
      char c = source.charAt(i);
      if (source.startsWith("//", i)) {
        int eol = source.indexOf('\n', i);
        i = eol < 0 ? source.length() : eol;
      } else if (source.startsWith("/*", i)) {
        int end = source.indexOf("*/", i + 2);
        if (end < 0) {
          return null;
        }
        i = end + 1;
      } else if (c == '"' || c == '\'') {
        i = endOfLiteral(source, i, c);
        if (i < 0) {
          return null;
        }
      } else if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return source.substring(at, i + 1);
      }
    }
    return null;
  }

  /** The index of the quote that closes the literal opened at {@code start}, or -1. */
  private static int endOfLiteral(String source, int start, char quote) {
    for (int i = start + 1; i < source.length(); i++) {
      char c = source.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == quote) {
        return i;
      } else if (c == '\n') {
        return -1;
      }
    }
    return -1;
  }

  /** The node below {@code name}'s object (a tool, resource URI or prompt) at {@code path}. */
  private static JsonNode locate(JsonNode root, String name, String path) {
    JsonNode node = root;
    if (name != null) {
      JsonNode list =
          root.isArray()
              ? root
              : root.has("resources") ? root.get("resources") : root.get("prompts");
      node = null;
      for (JsonNode item : list) {
        if (name.equals(item.path("name").asString(null))
            || name.equals(item.path("uri").asString(null))) {
          node = item;
        }
      }
      if (node == null) {
        return null;
      }
    }
    if (path != null) {
      for (String part : path.split("/")) {
        node =
            part.matches("\\d+") && node.isArray()
                ? node.get(Integer.parseInt(part))
                : node.get(part);
        if (node == null) {
          return null;
        }
      }
    }
    return node;
  }
}
