package dev.airflowmcp.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads tool results the way an agent does: the JSON text of the single text content. */
final class ToolResults {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ToolResults() {}

  /** The text of the result's only content item (asserted to be text). */
  static String text(McpSchema.CallToolResult result) {
    assertThat(result.content()).as("content of %s", result).hasSize(1);
    assertThat(result.content().get(0)).isInstanceOf(McpSchema.TextContent.class);
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }

  /** The result text parsed as JSON. */
  static JsonNode json(McpSchema.CallToolResult result) {
    return parse(text(result));
  }

  /** A successful result (isError false) parsed as JSON; the message names the scenario. */
  static JsonNode success(McpSchema.CallToolResult result, Deployment deployment) {
    assertThat(result.isError())
        .as(
            "isError for %s; result text: %s; %s",
            deployment.scenario(), text(result), deployment.diagnostics())
        .isFalse();
    return json(result);
  }

  /** A failed result (isError true) parsed as JSON. */
  static JsonNode failure(McpSchema.CallToolResult result, Deployment deployment) {
    assertThat(result.isError())
        .as("isError for %s; result text: %s", deployment.scenario(), text(result))
        .isTrue();
    return json(result);
  }

  static JsonNode parse(String text) {
    return JSON.readTree(text);
  }

  /** A fake-Airflow fixture as JSON. */
  static JsonNode fixture(FakeAirflow.Mode mode, String name) {
    return parse(FakeAirflow.fixture(mode, name));
  }
}
