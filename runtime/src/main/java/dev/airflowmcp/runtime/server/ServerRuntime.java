package dev.airflowmcp.runtime.server;

import dev.airflowmcp.runtime.airflow.AirflowClient;
import dev.airflowmcp.runtime.airflow.AirflowClientConfig;
import dev.airflowmcp.runtime.airflow.AirflowGateway;
import dev.airflowmcp.runtime.airflow.VersionDetector;
import dev.airflowmcp.runtime.auth.AirflowCredentials;
import dev.airflowmcp.runtime.auth.CredentialsFactory;
import dev.airflowmcp.runtime.auth.ServiceCredentialsProvider;
import dev.airflowmcp.runtime.pipeline.ToolPipeline;
import dev.airflowmcp.runtime.pipeline.ToolHandle;
import dev.airflowmcp.runtime.tool.PromptDescriptor;
import dev.airflowmcp.runtime.tool.ResourceDescriptor;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Everything a running server shares across calls and transports: the tools, the Airflow client,
 * the service credentials (if any) and the tool pipeline.
 */
public final class ServerRuntime {
  /** Default size budget of one tool result, in characters. */
  public static final int DEFAULT_MAX_RESULT_CHARS = 60_000;

  private final ToolRegistry registry;
  private final ToolPipeline pipeline;
  private final AirflowCredentials serviceCredentials;
  private final String version;

  ServerRuntime(
      ToolRegistry registry,
      ToolPipeline pipeline,
      AirflowCredentials serviceCredentials,
      String version) {
    this.registry = registry;
    this.pipeline = pipeline;
    this.serviceCredentials = serviceCredentials;
    this.version = version;
  }

  /**
   * Wires a configuration: the pipeline hooks and service credentials are the providers registered
   * through {@link java.util.ServiceLoader} (see {@link Extensions}), the defaults otherwise.
   *
   * @throws IllegalStateException when several providers of one hook are registered
   */
  public static ServerRuntime create(ServerConfig config, ToolRegistry registry) {
    return create(config, registry, ServerRuntime.class.getClassLoader());
  }

  /** As {@link #create(ServerConfig, ToolRegistry)}, with providers from {@code loader}. */
  public static ServerRuntime create(
      ServerConfig config, ToolRegistry registry, ClassLoader loader) {
    boolean writes = registry.hasWriteTools() && !config.readOnly();
    AirflowClientConfig clientConfig =
        new AirflowClientConfig(
            URI.create(AirflowClientConfig.normalizeBaseUrl(config.airflowUrl())),
            Duration.ofSeconds(10),
            Duration.ofSeconds(30),
            8 * 1024 * 1024,
            config.verifyTls(),
            config.caCertificate(),
            writes);
    AirflowClient client = new AirflowClient(clientConfig);
    ServiceCredentialsProvider provider = Extensions.credentialsProvider(loader);
    AirflowCredentials service =
        provider != null
            ? provider.serviceCredentials(config.airflowUrl(), client)
            : CredentialsFactory.fromSettings(
                config.authToken(), config.username(), config.password(), client);
    ToolPipeline pipeline =
        new ToolPipeline(
            new AirflowGateway(client),
            new VersionDetector(client, Clock.systemUTC()),
            Extensions.hooks(loader),
            DEFAULT_MAX_RESULT_CHARS,
            registry::find);
    return new ServerRuntime(registry, pipeline, service, implementationVersion());
  }

  public ToolRegistry registry() {
    return registry;
  }

  public ToolPipeline pipeline() {
    return pipeline;
  }

  /** The configured service credentials, or null. */
  public AirflowCredentials serviceCredentials() {
    return serviceCredentials;
  }

  /** {@code serverInfo.version}. */
  public String version() {
    return version;
  }

  /** Runs a call with the given credentials (never throws). */
  public CallToolResult call(
      ToolRegistry.Entry entry, Map<String, Object> arguments, AirflowCredentials credentials) {
    return pipeline.call(entry.tool(), entry.definition().name(), arguments, credentials);
  }

  private static String implementationVersion() {
    String v = ServerRuntime.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0" : v;
  }

  /**
   * Reads a resource: runs its tool with its constant arguments through the pipeline (rate limit,
   * redaction, budget, audit) and returns the tool's text, or its error text, as the content.
   */
  public McpSchema.ReadResourceResult readResource(
      ResourceDescriptor resource, AirflowCredentials credentials) {
    ToolHandle tool = registry.find(resource.tool());
    CallToolResult result =
        pipeline.call(tool, resource.tool(), new java.util.LinkedHashMap<>(resource.arguments()), credentials);
    String text =
        result.content().isEmpty() ? "" : ((McpSchema.TextContent) result.content().get(0)).text();
    return McpSchema.ReadResourceResult.builder(
            List.of(
                McpSchema.TextResourceContents.builder(resource.uri(), text)
                    .mimeType(resource.mimeType())
                    .build()))
        .build();
  }

  /**
   * Renders a prompt with the caller's arguments; the text is redacted like every other output.
   *
   * @throws McpError (invalid params) when a required argument is missing
   */
  public McpSchema.GetPromptResult getPrompt(PromptDescriptor prompt, Map<String, Object> arguments) {
    Map<String, String> values = new java.util.LinkedHashMap<>();
    if (arguments != null) {
      arguments.forEach((k, v) -> values.put(k, v == null ? null : String.valueOf(v)));
    }
    String text;
    try {
      text = prompt.render(values);
    } catch (IllegalArgumentException e) {
      throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
          .message("prompt " + prompt.name() + ": " + e.getMessage())
          .build();
    }
    McpSchema.TextContent content =
        McpSchema.TextContent.builder(pipeline.redactor().redactText(text)).build();
    return McpSchema.GetPromptResult.builder(
            List.of(new McpSchema.PromptMessage(McpSchema.Role.USER, content)))
        .description(prompt.description())
        .build();
  }

  /** Tools always; resources and prompts when the catalog has any. */
  static McpSchema.ServerCapabilities capabilities(ToolRegistry registry) {
    McpSchema.ServerCapabilities.Builder b = McpSchema.ServerCapabilities.builder().tools(false);
    if (!registry.resources().isEmpty()) {
      b.resources(false, false);
    }
    if (!registry.prompts().isEmpty()) {
      b.prompts(false);
    }
    return b.build();
  }

  /** The {@code resources/list} entry of a resource. */
  static McpSchema.Resource resourceEntry(ResourceDescriptor r) {
    return McpSchema.Resource.builder(r.uri(), r.name())
        .description(r.description())
        .mimeType(r.mimeType())
        .build();
  }

  /** The {@code prompts/list} entry of a prompt. */
  static McpSchema.Prompt promptEntry(PromptDescriptor p) {
    List<McpSchema.PromptArgument> args = new java.util.ArrayList<>();
    for (PromptDescriptor.Argument a : p.arguments()) {
      args.add(
          McpSchema.PromptArgument.builder(a.name())
              .description(a.description())
              .required(a.required())
              .build());
    }
    return McpSchema.Prompt.builder(p.name()).description(p.description()).arguments(args).build();
  }
}
