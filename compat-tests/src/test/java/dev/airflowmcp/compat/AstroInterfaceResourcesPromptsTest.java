package dev.airflowmcp.compat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.airflowmcp.compat.AstroInterfaceFakeAirflow.Mode;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The resources and prompts of the packaged server through the MCP Java SDK client over stdio,
 * against a fake Airflow 2 and 3: {@code resources/list} and {@code resources/read} (the content is
 * exactly the text of the tool the resource reads, errors included), {@code prompts/list} with
 * astro's arguments, {@code prompts/get} filling the DAG id, and a missing required argument as a
 * JSON-RPC error.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AstroInterfaceResourcesPromptsTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Each resource URI with the tool whose result it is and the Airflow path that tool reads. */
  private static final Map<String, List<String>> RESOURCES = new LinkedHashMap<>();

  static {
    RESOURCES.put(
        "airflow://version", List.of("resource_version", "get_airflow_version", "/version"));
    RESOURCES.put(
        "airflow://providers", List.of("resource_providers", "list_providers", "/providers"));
    RESOURCES.put("airflow://plugins", List.of("resource_plugins", "list_plugins", "/plugins"));
    RESOURCES.put("airflow://config", List.of("resource_config", "get_airflow_config", "/config"));
  }

  private final Map<Mode, AstroInterfaceFakeAirflow> airflows = new EnumMap<>(Mode.class);
  private final Map<Mode, AstroInterfaceServer> servers = new EnumMap<>(Mode.class);

  @BeforeAll
  void start() {
    for (Mode mode : Mode.values()) {
      AstroInterfaceFakeAirflow airflow = AstroInterfaceFakeAirflow.start(mode);
      airflows.put(mode, airflow);
      servers.put(mode, AstroInterfaceServer.start(airflow.url()));
    }
  }

  @AfterAll
  void stop() {
    servers.values().forEach(AstroInterfaceServer::close);
    airflows.values().forEach(AstroInterfaceFakeAirflow::close);
  }

  @BeforeEach
  void forget() {
    airflows.values().forEach(AstroInterfaceFakeAirflow::resetRequests);
  }

  private static McpSchema.ReadResourceRequest read(String uri) {
    return McpSchema.ReadResourceRequest.builder(uri).build();
  }

  private static McpSchema.GetPromptRequest prompt(String name, Map<String, Object> arguments) {
    return McpSchema.GetPromptRequest.builder(name).arguments(arguments).build();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void resourcesListHasAstrosFourStaticResources(Mode mode) {
    McpSchema.ListResourcesResult list = servers.get(mode).client().listResources();
    // The MCP SDK keeps resources by URI, so resources/list is in no particular order.
    assertThat(list.resources())
        .extracting(McpSchema.Resource::uri)
        .containsExactlyInAnyOrderElementsOf(RESOURCES.keySet());
    for (McpSchema.Resource r : list.resources()) {
      assertThat(r.name()).isEqualTo(RESOURCES.get(r.uri()).get(0));
      assertThat(r.mimeType()).isEqualTo("text/plain");
      assertThat(r.description()).isNotBlank();
    }
    assertThat(servers.get(mode).client().listResourceTemplates().resourceTemplates()).isEmpty();
    // Astro lists them in registration order, which is resources.json's order.
    List<String> astroOrder =
        AstroDifferences.strings(AstroDifferences.astro("resources-order").get("order"));
    assertThat(astroOrder).containsExactlyElementsOf(RESOURCES.keySet());
    assertThat(list.resources())
        .extracting(McpSchema.Resource::uri)
        .containsExactlyInAnyOrderElementsOf(astroOrder);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void eachResourceReadsExactlyWhatItsToolReturns(Mode mode) {
    AstroInterfaceServer server = servers.get(mode);
    for (Map.Entry<String, List<String>> e : RESOURCES.entrySet()) {
      String uri = e.getKey();
      airflows.get(mode).resetRequests();
      McpSchema.ReadResourceResult read = server.client().readResource(read(uri));

      assertThat(airflows.get(mode).requests())
          .as("Airflow requests for %s", uri)
          .extracting(r -> r.getUrl().replaceFirst("\\?.*", ""))
          .contains(airflows.get(mode).mode().prefix + e.getValue().get(2));
      assertThat(read.contents()).hasSize(1);
      McpSchema.TextResourceContents contents =
          (McpSchema.TextResourceContents) read.contents().get(0);
      assertThat(contents.uri()).isEqualTo(uri);
      assertThat(contents.mimeType()).isEqualTo("text/plain");
      McpSchema.CallToolResult tool = server.call(e.getValue().get(1), Map.of());
      assertThat(tool.isError()).isFalse();
      assertThat(contents.text())
          .as("%s is the text of %s", uri, e.getValue().get(1))
          .isEqualTo(((McpSchema.TextContent) tool.content().get(0)).text());
    }
    JsonNode providers =
        JSON.readTree(
            ((McpSchema.TextResourceContents)
                    server.client().readResource(read("airflow://providers")).contents().get(0))
                .text());
    assertThat(providers.has("total_providers")).isTrue();
    assertThat(providers.has("returned_count")).isTrue();
    // Astro's text is the same JSON pretty-printed with an indent of 2; ours is compact.
    JsonNode astro = AstroDifferences.astro("resource-contents");
    assertThat(astro.get("text").asString()).contains("indent 2");
    String version =
        ((McpSchema.TextResourceContents)
                server.client().readResource(read("airflow://version")).contents().get(0))
            .text();
    assertThat(version).doesNotContain("\n").startsWith("{\"version\":");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aResourceWhoseToolFailsReadsAsTheErrorPayload(Mode mode) {
    AstroInterfaceFakeAirflow airflow = airflows.get(mode);
    StubMapping forbidden =
        airflow.stub(
            get(urlPathEqualTo(airflow.mode().prefix + "/config"))
                .atPriority(1)
                .willReturn(
                    aResponse()
                        .withStatus(403)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                            "{\"detail\": \"Your Airflow administrator chose not to expose the configuration\"}")));
    try {
      McpSchema.ReadResourceResult read =
          servers.get(mode).client().readResource(read("airflow://config"));
      JsonNode error =
          JSON.readTree(((McpSchema.TextResourceContents) read.contents().get(0)).text());
      assertThat(error.get("error_type").asString()).isEqualTo("HTTPStatusError");
      assertThat(error.get("error").asString())
          .contains("403")
          .contains("expose the configuration");
      assertThat(error.get("retryable").asBoolean()).isFalse();
      assertThat(error.get("hint").asString()).contains("HTTP 403");
    } finally {
      airflow.remove(forbidden);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void promptsListHasAstrosPromptsAndArguments(Mode mode) {
    List<McpSchema.Prompt> prompts = servers.get(mode).client().listPrompts().prompts();
    assertThat(prompts)
        .extracting(McpSchema.Prompt::name)
        .containsExactly("troubleshoot_failed_dag", "daily_health_check", "onboard_new_dag");
    Map<String, McpSchema.Prompt> byName = new LinkedHashMap<>();
    prompts.forEach(p -> byName.put(p.name(), p));
    for (String name : List.of("troubleshoot_failed_dag", "onboard_new_dag")) {
      assertThat(byName.get(name).arguments())
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.name()).isEqualTo("dag_id");
                assertThat(a.required()).isTrue();
                assertThat(a.description()).isNotBlank();
              });
    }
    assertThat(byName.get("daily_health_check").arguments()).isEmpty();
    prompts.forEach(p -> assertThat(p.description()).as(p.name()).isNotBlank());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void promptsGetRendersTheDagIdIntoOneUserMessage(Mode mode) {
    AstroInterfaceServer server = servers.get(mode);
    for (String name : List.of("troubleshoot_failed_dag", "onboard_new_dag")) {
      McpSchema.GetPromptResult prompt =
          server.client().getPrompt(prompt(name, Map.of("dag_id", "sales etl")));
      assertThat(prompt.description()).isNotBlank();
      assertThat(prompt.messages())
          .singleElement()
          .satisfies(
              m -> {
                assertThat(m.role()).isEqualTo(McpSchema.Role.USER);
                String text = ((McpSchema.TextContent) m.content()).text();
                assertThat(text)
                    .contains("explore_dag(dag_id=\"sales etl\")")
                    .doesNotContain("{dag_id}");
              });
    }
    McpSchema.GetPromptResult daily =
        server.client().getPrompt(prompt("daily_health_check", Map.of()));
    assertThat(((McpSchema.TextContent) daily.messages().get(0).content()).text())
        .contains("get_system_health");
    assertThat(airflows.get(mode).requests()).as("prompts need no Airflow").isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aMissingRequiredPromptArgumentIsAJsonRpcError(Mode mode) {
    AstroInterfaceServer server = servers.get(mode);
    // The argument is required on both sides (astro's error for a missing one is not recorded).
    JsonNode astro = AstroDifferences.astro("prompt-missing-argument").get("required_arguments");
    for (McpSchema.Prompt p : server.client().listPrompts().prompts()) {
      List<String> required =
          p.arguments() == null
              ? List.of()
              : p.arguments().stream()
                  .filter(a -> Boolean.TRUE.equals(a.required()))
                  .map(McpSchema.PromptArgument::name)
                  .toList();
      List<String> astros =
          astro.has(p.name()) ? AstroDifferences.strings(astro.get(p.name())) : List.of();
      assertThat(required).as("required arguments of %s", p.name()).isEqualTo(astros);
    }
    assertThatThrownBy(() -> server.client().getPrompt(prompt("troubleshoot_failed_dag", Map.of())))
        .isInstanceOfSatisfying(
            McpError.class,
            e -> {
              assertThat(e.getJsonRpcError().code()).isEqualTo(McpSchema.ErrorCodes.INVALID_PARAMS);
              assertThat(e.getJsonRpcError().message()).contains("dag_id");
            });
    assertThatThrownBy(() -> server.client().getPrompt(prompt("no_such_prompt", Map.of())))
        .isInstanceOf(McpError.class);
  }
}
