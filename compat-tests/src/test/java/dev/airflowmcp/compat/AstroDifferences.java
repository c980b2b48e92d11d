package dev.airflowmcp.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The deliberate differences from astro-airflow-mcp 0.9.0, as data ({@value #RESOURCE}): one entry
 * per row of the "Deliberate differences" table in {@code docs/migration-from-astro.md}, with what
 * astro does (its requests and results, taken from the interface facts in {@code astro-interface/},
 * each backed by a fact the checker finds there) and the tests that drive our packaged server to
 * show our side. A test reads its row's {@link Entry#astro() astro data} and compares our behaviour
 * with it; {@link AstroDifferencesTest} checks that the table, the data and the tests stay linked.
 */
final class AstroDifferences {
  static final String RESOURCE = "astro-differences.yml";

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static volatile Map<String, Entry> entries;

  private AstroDifferences() {}

  /**
   * One row.
   *
   * @param id the short name tests use ({@code AstroDifferences.astro("<id>")})
   * @param row the row's first cell in the migration guide, verbatim
   * @param through how the difference shows: {@code mcp} (results, {@code tools/list} or the
   *     requests Airflow receives), {@code process} (exit code, stderr) or {@code network}
   *     (connections the process opens)
   * @param note what the tests can and cannot show, where that needs saying
   * @param facts where astro's side is recorded in the interface facts
   * @param astro astro's side as data (requests, results, rules), read by the tests
   * @param tests the tests that show our side, as {@code Class#method}
   * @param baseline the tools whose {@code astro-compat-baseline.yml} entries this row explains
   */
  record Entry(
      String id,
      String row,
      String through,
      String note,
      List<Fact> facts,
      JsonNode astro,
      List<String> tests,
      List<String> baseline) {}

  /**
   * A place in the astro interface facts that states (part of) astro's side.
   *
   * @param file {@code tools.json}, {@code resources.json}, {@code prompts.json} or {@code
   *     INTERFACE.md}
   * @param tool for the JSON files: the {@code name} of the tool, resource URI or prompt
   * @param path for the JSON files: field names and indexes below it, separated by {@code /}
   * @param contains text that must occur there (whitespace runs compare as one space)
   */
  record Fact(String file, String tool, String path, String contains) {}

  /** The entry with this id (the test fails when there is none). */
  static Entry entry(String id) {
    Entry e = all().get(id);
    if (e == null) {
      throw new IllegalArgumentException("no entry '" + id + "' in " + RESOURCE);
    }
    return e;
  }

  /** Astro's side of the row with this id. */
  static JsonNode astro(String id) {
    return entry(id).astro();
  }

  /**
   * The value for one Airflow major: {@code node.airflow2} or {@code node.airflow3} when the node
   * is keyed by major, else the node itself.
   */
  static JsonNode byMajor(JsonNode node, boolean airflow2) {
    String key = airflow2 ? "airflow2" : "airflow3";
    return node.isObject() && node.has("airflow2") && node.has("airflow3") ? node.get(key) : node;
  }

  private static volatile Map<String, JsonNode> astroTools;

  /** Astro's tool of this name from {@code tools.json}, or null when astro has none. */
  static JsonNode astroTool(String name) {
    Map<String, JsonNode> tools = astroTools;
    if (tools == null) {
      tools = new LinkedHashMap<>();
      try {
        for (JsonNode t :
            JSON.readTree(
                Files.readString(AstroInterfaceEquivalenceTest.astroDir().resolve("tools.json")))) {
          tools.put(t.get("name").asString(), t);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      astroTools = tools;
    }
    return tools.get(name);
  }

  /** The strings of a JSON array. */
  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asString()));
    return out;
  }

  /** Every entry by id, in file order. */
  static Map<String, Entry> all() {
    Map<String, Entry> loaded = entries;
    if (loaded == null) {
      loaded = parse(AstroInterfaceEquivalenceTest.resource(RESOURCE));
      entries = loaded;
    }
    return loaded;
  }

  /** Parses the data file; a malformed entry fails with its id and the problem. */
  static Map<String, Entry> parse(String yaml) {
    Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    if (!(root instanceof Map<?, ?> top) || !(top.get("differences") instanceof List<?> list)) {
      throw new IllegalArgumentException(RESOURCE + " needs a top-level 'differences' list");
    }
    Map<String, Entry> out = new LinkedHashMap<>();
    for (Object item : list) {
      if (!(item instanceof Map<?, ?> m)) {
        throw new IllegalArgumentException(
            "an entry of " + RESOURCE + " is not a mapping: " + item);
      }
      String id = text(m, "id", null);
      for (Object key : m.keySet()) {
        if (!List.of("id", "row", "through", "note", "facts", "astro", "tests", "baseline")
            .contains(key)) {
          throw new IllegalArgumentException(id + ": unknown key '" + key + "'");
        }
      }
      List<Fact> facts = new ArrayList<>();
      for (Object f : list(m, "facts", id)) {
        if (!(f instanceof Map<?, ?> fm)) {
          throw new IllegalArgumentException(id + ": a fact is not a mapping: " + f);
        }
        facts.add(
            new Fact(
                text(fm, "file", id),
                optional(fm, "tool"),
                optional(fm, "path"),
                text(fm, "contains", id)));
      }
      Object astro = m.get("astro");
      if (!(astro instanceof Map<?, ?>)) {
        throw new IllegalArgumentException(id + ": 'astro' must be a mapping (astro's side)");
      }
      List<String> tests = new ArrayList<>();
      list(m, "tests", id).forEach(t -> tests.add(String.valueOf(t)));
      List<String> baseline = new ArrayList<>();
      if (m.containsKey("baseline")) {
        list(m, "baseline", id).forEach(t -> baseline.add(String.valueOf(t)));
      }
      Entry e =
          new Entry(
              id,
              text(m, "row", id),
              text(m, "through", id),
              optional(m, "note"),
              List.copyOf(facts),
              JSON.valueToTree(astro),
              List.copyOf(tests),
              List.copyOf(baseline));
      if (out.put(id, e) != null) {
        throw new IllegalArgumentException("id '" + id + "' appears twice in " + RESOURCE);
      }
    }
    return out;
  }

  private static String text(Map<?, ?> m, String key, String id) {
    Object v = m.get(key);
    if (!(v instanceof String s) || s.isBlank()) {
      throw new IllegalArgumentException(
          (id == null ? "an entry" : id) + ": '" + key + "' must be a non-empty string");
    }
    return s;
  }

  private static String optional(Map<?, ?> m, String key) {
    Object v = m.get(key);
    return v == null ? null : String.valueOf(v);
  }

  private static List<?> list(Map<?, ?> m, String key, String id) {
    if (!(m.get(key) instanceof List<?> l) || l.isEmpty()) {
      throw new IllegalArgumentException(id + ": '" + key + "' must be a non-empty list");
    }
    return l;
  }

  /** {@code text} with every run of whitespace as one space. */
  static String squeeze(String text) {
    return Objects.requireNonNull(text).replaceAll("\\s+", " ").strip();
  }
}
