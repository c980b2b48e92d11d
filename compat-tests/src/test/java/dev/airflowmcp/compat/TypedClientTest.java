package dev.airflowmcp.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airflowmcp.compat.FakeAirflow.Mode;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * Every tool's result as a typed MCP client (the Java SDK) sees it: by default no tool declares an
 * {@code outputSchema}, so each success must be exactly one text item holding valid JSON, and each
 * failure must be {@code isError: true} with the documented keys {@code error}, {@code error_type},
 * {@code hint} and {@code retryable}. Every tool is called with its required arguments and with all
 * arguments; the fake Airflow knows only some ids, so both outcomes occur.
 */
class TypedClientTest {

  @ParameterizedTest
  @EnumSource(Mode.class)
  void everyResultIsJsonTextAndEveryErrorCarriesTheDocumentedKeys(Mode mode) {
    // Astro declares its wrapped outputSchema on every tool and repeats each text in
    // structuredContent.result; by default ours does neither.
    JsonNode astro = AstroDifferences.astro("output-schema");
    assertThat(astro.get("structured_content").has("result")).isTrue();
    assertThat(AstroDifferences.astroTool("list_dags").get("outputSchema").isObject()).isTrue();
    try (Deployment d =
        Deployment.start(
            new Scenario(mode, Scenario.Transport.HTTP),
            airflow -> ServerProcess.Settings.token(airflow.baseUrl(), "typed-client-token"),
            null)) {
      List<McpSchema.Tool> tools = d.client().listTools().tools();
      assertThat(tools).hasSize(ToolsEndToEndTest.TOOLS.size());
      int successes = 0;
      int errors = 0;
      List<String> problems = new ArrayList<>();
      for (McpSchema.Tool tool : tools) {
        if (tool.outputSchema() != null) {
          problems.add(tool.name() + " declares an outputSchema: update this test to validate it");
        }
        for (boolean optional : new boolean[] {false, true}) {
          Map<String, Object> args = PrismRequestValidationTest.arguments(tool, optional);
          McpSchema.CallToolResult result = d.call(tool.name(), args);
          String where = tool.name() + " " + args + ": ";
          if (result.content().size() != 1
              || !(result.content().get(0) instanceof McpSchema.TextContent)) {
            problems.add(where + "not one text item: " + result.content());
            continue;
          }
          assertThat(result.structuredContent()).as(where).isNull();
          JsonNode json;
          try {
            json = ToolResults.parse(((McpSchema.TextContent) result.content().get(0)).text());
          } catch (RuntimeException e) {
            problems.add(where + "text is not JSON: " + e.getMessage());
            continue;
          }
          if (Boolean.TRUE.equals(result.isError())) {
            errors++;
            if (!json.path("error").isString()
                || json.path("error").asString().isBlank()
                || !json.path("error_type").isString()
                || !json.path("hint").isString()
                || !json.path("retryable").isBoolean()) {
              problems.add(where + "error without the documented keys: " + json);
            }
          } else {
            successes++;
            if (!json.isObject()) {
              problems.add(where + "success is not a JSON object: " + json);
            }
          }
        }
      }
      assertThat(problems).as(d.diagnostics()).isEmpty();
      // Both outcomes were exercised.
      assertThat(successes).as("successful calls").isGreaterThan(5);
      assertThat(errors).as("error results").isGreaterThan(5);
      assertThat(successes + errors).isEqualTo(2 * ToolsEndToEndTest.TOOLS.size());
    }
  }

  /**
   * With {@code MCP_STRUCTURED_OUTPUT=true}, every tool declares astro-airflow-mcp's wrapped {@code
   * outputSchema} (the same JSON as in astro's interface data) and every result repeats its text in
   * {@code structuredContent.result}, which the Java client checks against that schema.
   */
  @ParameterizedTest
  @EnumSource(Mode.class)
  void structuredOutputDeclaresAstrosWrappedSchemaAndRepeatsEveryResult(Mode mode)
      throws java.io.IOException {
    JsonNode astro = AstroDifferences.astro("output-schema");
    assertThat(astro.get("structured_content").get("result").asString()).isEqualTo("the text");
    JsonNode astroSchema =
        ToolResults.parse(
                java.nio.file.Files.readString(
                    AstroInterfaceEquivalenceTest.astroDir().resolve("tools.json")))
            .get(0)
            .get("outputSchema");
    try (Deployment d =
        Deployment.start(
            new Scenario(mode, Scenario.Transport.HTTP),
            airflow -> ServerProcess.Settings.token(airflow.baseUrl(), "typed-client-token"),
            null,
            new Deployment.Options(
                ServerProcess.Build.PACKAGED_JAR,
                Map.of("MCP_STRUCTURED_OUTPUT", "true"),
                notification -> {}))) {
      List<McpSchema.Tool> tools = d.client().listTools().tools();
      assertThat(tools).hasSize(ToolsEndToEndTest.TOOLS.size());
      List<String> problems = new ArrayList<>();
      int errors = 0;
      for (McpSchema.Tool tool : tools) {
        JsonNode schema =
            ToolResults.parse(
                io.modelcontextprotocol.json.McpJsonDefaults.getMapper()
                    .writeValueAsString(tool.outputSchema()));
        if (!schema.equals(astroSchema)) {
          problems.add(tool.name() + " outputSchema " + schema + " is not astro's " + astroSchema);
        }
        for (boolean optional : new boolean[] {false, true}) {
          Map<String, Object> args = PrismRequestValidationTest.arguments(tool, optional);
          McpSchema.CallToolResult result = d.call(tool.name(), args);
          String text = ((McpSchema.TextContent) result.content().get(0)).text();
          errors += Boolean.TRUE.equals(result.isError()) ? 1 : 0;
          if (!Map.of("result", text).equals(result.structuredContent())) {
            problems.add(
                tool.name()
                    + " "
                    + args
                    + ": structuredContent "
                    + result.structuredContent()
                    + " does not repeat the text");
          }
        }
      }
      assertThat(problems).as(d.diagnostics()).isEmpty();
      assertThat(errors).as("error results carry it too").isGreaterThan(5);
    }
  }
}
