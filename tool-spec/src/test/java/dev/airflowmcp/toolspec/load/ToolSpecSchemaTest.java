package dev.airflowmcp.toolspec.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.airflowmcp.toolspec.diag.Diagnostic;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Keeps the JSON Schema (for editors) and the loader (for builds) in step: same keys, and the
 * documents one rejects the other rejects too.
 */
class ToolSpecSchemaTest {
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private static final String SCHEMA_TEXT = Specs.resource(ToolSpecLoader.SCHEMA_RESOURCE);
  private static final Schema SCHEMA = REGISTRY.getSchema(SCHEMA_TEXT, InputFormat.JSON);

  private static List<String> schemaErrors(String yaml) {
    return SCHEMA.validate(yaml, InputFormat.YAML).stream().map(Error::toString).toList();
  }

  private static JsonNode schemaNode() {
    return SCHEMA.getSchemaNode();
  }

  @Test
  void isAValidDraft202012SchemaWithTheAgreedId() {
    Schema metaSchema =
        REGISTRY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
    assertThat(metaSchema.validate(SCHEMA_TEXT, InputFormat.JSON)).isEmpty();
    assertThat(schemaNode().get("$schema").asString())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    assertThat(schemaNode().get("$id").asString())
        .isEqualTo("https://airflow-mcp.dev/schema/tool-spec-1.json");
  }

  @Test
  void everyPropertyHasATitleAndADescriptionForEditors() {
    List<String> undocumented = new ArrayList<>();
    collectUndocumented("", schemaNode(), undocumented);
    for (Map.Entry<String, JsonNode> def : schemaNode().get("$defs").properties()) {
      collectUndocumented(def.getKey() + ".", def.getValue(), undocumented);
    }
    assertThat(undocumented).isEmpty();
  }

  private static void collectUndocumented(String prefix, JsonNode schema, List<String> out) {
    JsonNode properties = schema.get("properties");
    if (properties == null) {
      return;
    }
    for (Map.Entry<String, JsonNode> p : properties.properties()) {
      if (!p.getValue().has("title") || !p.getValue().has("description")) {
        out.add(prefix + p.getKey());
      }
    }
  }

  @Test
  void closedMapsAllowExactlyTheKeysTheLoaderReads() {
    JsonNode defs = schemaNode().get("$defs");
    assertThat(keys(schemaNode())).isEqualTo(Set.copyOf(SpecReader.TOP_KEYS));
    assertThat(keys(defs.get("server"))).isEqualTo(Set.copyOf(SpecReader.SERVER_KEYS));
    assertThat(keys(defs.get("defaults"))).isEqualTo(Set.copyOf(SpecReader.DEFAULTS_KEYS));
    assertThat(keys(defs.get("tool"))).isEqualTo(Set.copyOf(SpecReader.TOOL_KEYS));
    assertThat(keys(defs.get("annotations"))).isEqualTo(Set.copyOf(SpecReader.ANNOTATION_KEYS));
    assertThat(keys(defs.get("parameter"))).isEqualTo(Set.copyOf(ParameterReader.KEYS));
    assertThat(keys(defs.get("tool").get("properties").get("bindings")))
        .isEqualTo(Set.copyOf(BindingReader.MAJOR_KEYS));
    assertThat(keys(defs.get("binding"))).isEqualTo(Set.copyOf(BindingReader.BINDING_KEYS));
    assertThat(keys(defs.get("sourceMap"))).isEqualTo(Set.copyOf(BindingReader.SOURCE_KEYS));
    assertThat(keys(defs.get("lookup"))).isEqualTo(Set.copyOf(BindingReader.LOOKUP_KEYS));
    assertThat(keys(defs.get("response"))).isEqualTo(Set.copyOf(ResponseReader.KEYS));
    assertThat(keys(defs.get("redaction"))).isEqualTo(Set.copyOf(SpecReader.REDACTION_KEYS));
    assertThat(keys(defs.get("rateLimit"))).isEqualTo(Set.copyOf(SpecReader.RATE_LIMIT_KEYS));
    assertThat(keys(defs.get("override"))).isEqualTo(Set.copyOf(SpecReader.OVERRIDE_KEYS));
    assertThat(keys(defs.get("parameterOverride")))
        .isEqualTo(Set.copyOf(SpecReader.PARAMETER_OVERRIDE_KEYS));
  }

  /** The property names of a closed object schema. */
  private static Set<String> keys(JsonNode objectSchema) {
    assertThat(objectSchema.get("additionalProperties").asBoolean(true))
        .as("additionalProperties of %s", objectSchema)
        .isFalse();
    Set<String> names = new HashSet<>();
    objectSchema.get("properties").properties().forEach(e -> names.add(e.getKey()));
    return names;
  }

  @ParameterizedTest
  @ValueSource(strings = {"valid-full.yaml", "minimal.yaml"})
  void validFixturesPassBoth(String fixture) {
    String yaml = Specs.fixture(fixture);
    assertThat(schemaErrors(yaml)).isEmpty();
    assertThat(Specs.lines(ToolSpecLoader.parse(fixture, yaml))).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("invalidFixtures")
  void invalidFixturesFailBoth(String fixture, String loaderLine, String schemaError) {
    String yaml = Specs.fixture(fixture);
    assertThat(Specs.lines(ToolSpecLoader.parse(fixture, yaml))).containsExactly(loaderLine);
    assertThat(schemaErrors(yaml)).containsExactly(schemaError);
  }

  static Stream<Arguments> invalidFixtures() {
    return Stream.of(
        Arguments.of(
            "invalid-unknown-key.yaml",
            "invalid-unknown-key.yaml:6:5: error [UNKNOWN_KEY]: unknown key 'descripton' in tool"
                + " 'list_dags'",
            "/tools/0: property 'descripton' is not defined in the schema and the schema does not"
                + " allow additional properties"),
        Arguments.of(
            "invalid-wrong-type.yaml",
            "invalid-wrong-type.yaml:7:12: error [WRONG_TYPE]: 'write' in tool 'list_dags' must be"
                + " a boolean, got a string",
            "/tools/0/write: string found, boolean expected"),
        Arguments.of(
            "invalid-missing-description.yaml",
            "invalid-missing-description.yaml:5:5: error [MISSING_KEY]: missing key 'description'"
                + " in tool 'list_dags'",
            "/tools/0: required property 'description' not found"));
  }

  /** A document with one tool {@code t} whose body (indented four spaces) is given. */
  private static String toolDoc(String body) {
    return Specs.HEADER + "  - name: t\n    description: d\n" + body;
  }

  private static final String BIND = "    bindings: {airflow3: {operationId: o}}\n";

  static Stream<Arguments> documentsBothReject() {
    String minimal = Specs.fixture("minimal.yaml");
    return Stream.of(
        Arguments.of("future version", minimal.replace("version: 1", "version: 2")),
        Arguments.of("no tools", "version: 1\nserver: {name: T}\ntools: []\n"),
        Arguments.of("empty server name", minimal.replace("name: Minimal", "name: ' '")),
        Arguments.of("unknown top-level key", minimal + "include: x\n"),
        Arguments.of("blank description", minimal.replace("Returns the Airflow version.", "' '")),
        Arguments.of(
            "write tool marked readOnly",
            toolDoc("    write: true\n    annotations: {readOnly: true}\n" + BIND)),
        Arguments.of(
            "read tool not readOnly", toolDoc("    annotations: {readOnly: false}\n" + BIND)),
        Arguments.of(
            "destructive read tool", toolDoc("    annotations: {destructive: true}\n" + BIND)),
        Arguments.of(
            "array without items", toolDoc("    parameters: [{name: p, type: array}]\n" + BIND)),
        Arguments.of(
            "items on a string",
            toolDoc("    parameters: [{name: p, type: string, items: string}]\n" + BIND)),
        Arguments.of(
            "object items",
            toolDoc("    parameters: [{name: p, type: array, items: object}]\n" + BIND)),
        Arguments.of("unknown type", toolDoc("    parameters: [{name: p, type: int}]\n" + BIND)),
        Arguments.of(
            "string default for an integer",
            toolDoc("    parameters: [{name: p, type: integer, default: '100'}]\n" + BIND)),
        Arguments.of(
            "fractional default for an integer",
            toolDoc("    parameters: [{name: p, type: integer, default: 1.5}]\n" + BIND)),
        Arguments.of(
            "null default",
            toolDoc("    parameters: [{name: p, type: string, default: null}]\n" + BIND)),
        Arguments.of(
            "wrong array default item",
            toolDoc(
                "    parameters: [{name: p, type: array, items: integer, default: [1, a]}]\n"
                    + BIND)),
        Arguments.of(
            "scalar default for an array",
            toolDoc(
                "    parameters: [{name: p, type: array, items: string, default: a}]\n" + BIND)),
        Arguments.of(
            "object default",
            toolDoc("    parameters: [{name: p, type: object, default: {}}]\n" + BIND)),
        Arguments.of(
            "wrong enum value type",
            toolDoc("    parameters: [{name: p, type: boolean, enum: [true, 'no']}]\n" + BIND)),
        Arguments.of(
            "repeated enum value",
            toolDoc("    parameters: [{name: p, type: string, enum: [a, a]}]\n" + BIND)),
        Arguments.of(
            "empty enum", toolDoc("    parameters: [{name: p, type: string, enum: []}]\n" + BIND)),
        Arguments.of(
            "minimum on a string",
            toolDoc("    parameters: [{name: p, type: string, minimum: 1}]\n" + BIND)),
        Arguments.of(
            "hidden without default",
            toolDoc("    parameters: [{name: p, type: string, hidden: true}]\n" + BIND)),
        Arguments.of(
            "hidden and required",
            toolDoc(
                "    parameters: [{name: p, type: string, hidden: true, required: true, default: a}]\n"
                    + BIND)),
        Arguments.of("no bindings", toolDoc("    bindings: {}\n")),
        Arguments.of(
            "unknown Airflow major", toolDoc("    bindings: {airflow4: {operationId: o}}\n")),
        Arguments.of(
            "binding without operationId", toolDoc("    bindings: {airflow3: {params: {}}}\n")),
        Arguments.of(
            "argument and value",
            toolDoc(
                "    parameters: [{name: a, type: string}]\n"
                    + "    bindings: {airflow3: {operationId: o, params: {x: {argument: a, value: 1}}}}\n")),
        Arguments.of(
            "ifAbsent and lookup",
            toolDoc(
                "    parameters: [{name: a, type: string}]\n"
                    + "    bindings: {airflow3: {operationId: o, params: {x: {argument: a, ifAbsent: 1,"
                    + " lookup: {operationId: g, field: f}}}}}\n")),
        Arguments.of(
            "ifAbsent with a constant",
            toolDoc(
                "    bindings: {airflow3: {operationId: o, params: {x: {value: 1, ifAbsent: 2}}}}\n")),
        Arguments.of(
            "null constant",
            toolDoc("    bindings: {airflow3: {operationId: o, params: {x: {value: null}}}}\n")),
        Arguments.of(
            "map constant",
            toolDoc("    bindings: {airflow3: {operationId: o, params: {x: {value: {a: 1}}}}}\n")),
        Arguments.of(
            "non-string shorthand",
            toolDoc("    bindings: {airflow3: {operationId: o, params: {x: 5}}}\n")),
        Arguments.of(
            "lookup without field",
            toolDoc(
                "    parameters: [{name: a, type: string}]\n"
                    + "    bindings: {airflow3: {operationId: o, params: {x: {argument: a,"
                    + " lookup: {operationId: g}}}}}\n")),
        Arguments.of("envelope without list", toolDoc(BIND + "    response: {envelope: e}\n")),
        Arguments.of("negative maxChars", toolDoc(BIND + "    response: {maxChars: -1}\n")),
        Arguments.of("non-string include", toolDoc(BIND + "    response: {include: [1]}\n")),
        Arguments.of("unknown redaction key", toolDoc(BIND + "    redaction: {fields: [a]}\n")),
        Arguments.of("empty alias", toolDoc("    aliases: ['']\n" + BIND)),
        Arguments.of("empty rateLimits", minimal + "rateLimits: {}\n"),
        Arguments.of(
            "rate-limit class with a comma",
            minimal + "rateLimits: {'a,b': {capacity: 1, refillPerMinute: 1}}\n"),
        Arguments.of("rate limit without refill", minimal + "rateLimits: {list: {capacity: 1}}\n"),
        Arguments.of(
            "zero capacity", minimal + "rateLimits: {list: {capacity: 0, refillPerMinute: 1}}\n"),
        Arguments.of(
            "refill above the maximum",
            minimal + "rateLimits: {list: {capacity: 1, refillPerMinute: 1000001}}\n"),
        Arguments.of(
            "string capacity",
            minimal + "rateLimits: {list: {capacity: '5', refillPerMinute: 1}}\n"),
        Arguments.of(
            "unknown rate-limit key",
            minimal + "rateLimits: {list: {capacity: 5, refillPerMinute: 1, burst: 2}}\n"),
        Arguments.of("scalar rate limit", minimal + "rateLimits: {list: 5}\n"));
  }

  /** Each document has exactly one problem, so both must reject it for that reason. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("documentsBothReject")
  void documentsOneRejectsTheOtherRejectsToo(String what, String yaml) {
    assertThat(Specs.lines(Specs.parse(yaml))).as("loader on " + what).hasSize(1);
    assertThat(schemaErrors(yaml)).as("schema on " + what).isNotEmpty();
  }

  @Test
  void curatedSpecLoadsCleanlyAndMatchesTheSchema() {
    Assumptions.assumeTrue(
        ToolSpecLoader.class.getClassLoader().getResource(ToolSpecLoader.CURATED_RESOURCE) != null,
        "no curated spec on the class path yet");
    LoadResult result = ToolSpecLoader.loadCurated();
    assertThat(result.diagnostics().stream().map(Diagnostic::formatWithHint)).isEmpty();
    assertThat(result.spec().tools()).isNotEmpty();
    assertThat(result.spec().tools().get(0).location().file())
        .isEqualTo(ToolSpecLoader.CURATED_NAME);
    assertThat(schemaErrors(Specs.resource(ToolSpecLoader.CURATED_RESOURCE))).isEmpty();
  }
}
