package dev.airflowmcp.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airflowmcp.runtime.airflow.AirflowGateway;
import dev.airflowmcp.runtime.airflow.AirflowTransportConfig;
import dev.airflowmcp.runtime.airflow.HttpAirflowTransport;
import dev.airflowmcp.runtime.airflow.VersionDetector;
import dev.airflowmcp.runtime.auth.StaticTokenCredentials;
import dev.airflowmcp.runtime.pipeline.ArgumentValidator;
import dev.airflowmcp.runtime.pipeline.AuditSink;
import dev.airflowmcp.runtime.pipeline.ToolPipeline;
import dev.airflowmcp.runtime.ratelimit.RateLimiter;
import dev.airflowmcp.runtime.redaction.Redactor;
import dev.airflowmcp.runtime.redaction.SensitiveKeyRedactor;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Helpers for tests that run the HTTP server and call it through the MCP SDK client. */
final class McpCalls {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private McpCalls() {}

  /** An initialised client of the server on {@code port}, sending {@code authorization}. */
  static McpSyncClient client(int port, String authorization) {
    HttpClientStreamableHttpTransport.Builder transport =
        HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + port).endpoint("/mcp");
    if (authorization != null) {
      transport.addHttpRequestCustomizer(
          (request, method, uri, body, context) -> request.header("Authorization", authorization));
    }
    McpSyncClient client =
        McpClient.sync(transport.build()).requestTimeout(Duration.ofSeconds(20)).build();
    client.initialize();
    return client;
  }

  static CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
    return client.callTool(CallToolRequest.builder(tool).arguments(arguments).build());
  }

  static String text(CallToolResult result) {
    assertThat(result.content()).hasSize(1);
    return ((TextContent) result.content().get(0)).text();
  }

  static JsonNode json(CallToolResult result) {
    return JSON.readTree(text(result));
  }

  /** A runtime over the test catalog with the given client settings and hooks. */
  static ServerRuntime runtime(
      AirflowTransportConfig clientConfig, RateLimiter limiter, Redactor redactor) {
    ToolRegistry registry = ToolRegistry.of(new TestCatalog(), McpCalls.class.getClassLoader());
    return new ServerRuntime(
        registry, pipeline(clientConfig, limiter, redactor), null, "9.9.9-test");
  }

  /** A pipeline with the given client settings and hooks, no argument checks, no audit. */
  static ToolPipeline pipeline(
      AirflowTransportConfig clientConfig, RateLimiter limiter, Redactor redactor) {
    HttpAirflowTransport client = new HttpAirflowTransport(clientConfig);
    return new ToolPipeline(
        new AirflowGateway(client),
        new VersionDetector(client, Clock.systemUTC()),
        new ToolPipeline.Hooks(ArgumentValidator.NONE, limiter, redactor, AuditSink.NONE),
        60_000);
  }

  /** The stdio tests' pipeline: Airflow at {@code airflowPort}, no limits, key-name redaction. */
  static ToolPipeline stdioPipeline(int airflowPort) {
    return pipeline(
        AirflowTransportConfig.defaults("http://localhost:" + airflowPort),
        RateLimiter.UNLIMITED,
        new SensitiveKeyRedactor());
  }

  /** A stdio runtime over the test catalog on {@code pipeline}, with a static token. */
  static ServerRuntime stdioRuntime(ToolPipeline pipeline) {
    return new ServerRuntime(
        ToolRegistry.of(new TestCatalog(), McpCalls.class.getClassLoader()),
        pipeline,
        new StaticTokenCredentials("stdio-token"),
        "9.9.9-test");
  }

  /** {@link #stdioRuntime(ToolPipeline)} on {@link #stdioPipeline} for Airflow at the port. */
  static ServerRuntime stdioRuntime(int airflowPort) {
    return stdioRuntime(stdioPipeline(airflowPort));
  }

  /** HTTP on a free loopback port. */
  static ServerConfig httpConfig() {
    return new ServerConfig(
        ServerConfig.Transport.HTTP,
        "127.0.0.1",
        0,
        "http://unused",
        null,
        null,
        null,
        true,
        null,
        false,
        List.of());
  }
}
