package dev.airflowmcp.runtime.server;

import dev.airflowmcp.runtime.airflow.AirflowGateway;
import dev.airflowmcp.runtime.airflow.AirflowTransportConfig;
import dev.airflowmcp.runtime.airflow.HttpAirflowTransport;
import dev.airflowmcp.runtime.airflow.Resilience;
import dev.airflowmcp.runtime.airflow.VersionDetector;
import dev.airflowmcp.runtime.audit.AuditSinks;
import dev.airflowmcp.runtime.audit.JsonLinesAuditSink;
import dev.airflowmcp.runtime.auth.AirflowCredentials;
import dev.airflowmcp.runtime.auth.CredentialsFactory;
import dev.airflowmcp.runtime.auth.ServiceCredentialsProvider;
import dev.airflowmcp.runtime.metrics.ServerMetrics;
import dev.airflowmcp.runtime.pipeline.ProgressSink;
import dev.airflowmcp.runtime.pipeline.ToolPipeline;
import dev.airflowmcp.runtime.ratelimit.ConcurrencyCaps;
import dev.airflowmcp.runtime.ratelimit.LocalRateLimiter;
import dev.airflowmcp.runtime.ratelimit.RateLimiter;
import dev.airflowmcp.runtime.ratelimit.RateLimits;
import dev.airflowmcp.runtime.ratelimit.RedisRateLimiter;
import dev.airflowmcp.runtime.redaction.AirflowRedactor;
import dev.airflowmcp.runtime.server.revision.TaskIds;
import dev.airflowmcp.runtime.tool.CustomTool;
import dev.airflowmcp.runtime.tool.PromptDescriptor;
import dev.airflowmcp.runtime.tool.ResourceDescriptor;
import dev.airflowmcp.runtime.tool.Tool;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.net.URI;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a running server shares across calls and MCP transports: the tools, the Airflow
 * transport, the service credentials (if any), the rate limiter and the tool pipeline. Close it to
 * release the rate limiter's Redis connection.
 */
public final class ServerRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServerRuntime.class);

  /** Default size budget of one tool result, in characters. */
  public static final int DEFAULT_MAX_RESULT_CHARS = 60_000;

  private final ToolRegistry registry;
  private final ToolPipeline pipeline;
  private final AirflowCredentials serviceCredentials;
  private final String version;
  private final AutoCloseable resources;
  private final boolean writesAllowed;
  private final boolean structuredOutput;
  private final ServerMetrics metrics;
  private final Readiness readiness;
  private final TaskIds taskIds;

  ServerRuntime(
      ToolRegistry registry,
      ToolPipeline pipeline,
      AirflowCredentials serviceCredentials,
      String version) {
    this(
        registry, pipeline, serviceCredentials, version, registry.hasWriteTools(), () -> {}, false);
  }

  /**
   * @param structuredOutput whether tools declare astro's wrapped {@code outputSchema} and results
   *     repeat their text in {@code structuredContent.result}
   */
  ServerRuntime(
      ToolRegistry registry,
      ToolPipeline pipeline,
      AirflowCredentials serviceCredentials,
      String version,
      boolean writesAllowed,
      AutoCloseable resources,
      boolean structuredOutput) {
    this(
        registry,
        pipeline,
        serviceCredentials,
        version,
        writesAllowed,
        resources,
        structuredOutput,
        null,
        Readiness.ALWAYS);
  }

  /**
   * @param metrics the server's metrics, or null when it has none (stdio, or switched off)
   * @param readiness what {@code /readyz} answers
   */
  ServerRuntime(
      ToolRegistry registry,
      ToolPipeline pipeline,
      AirflowCredentials serviceCredentials,
      String version,
      boolean writesAllowed,
      AutoCloseable resources,
      boolean structuredOutput,
      ServerMetrics metrics,
      Readiness readiness) {
    this(
        registry,
        pipeline,
        serviceCredentials,
        version,
        writesAllowed,
        resources,
        structuredOutput,
        metrics,
        readiness,
        TaskIds.random());
  }

  /**
   * @param taskIds what seals the task ids of the tasks extension
   */
  ServerRuntime(
      ToolRegistry registry,
      ToolPipeline pipeline,
      AirflowCredentials serviceCredentials,
      String version,
      boolean writesAllowed,
      AutoCloseable resources,
      boolean structuredOutput,
      ServerMetrics metrics,
      Readiness readiness,
      TaskIds taskIds) {
    this.taskIds = taskIds;
    this.metrics = metrics;
    this.readiness = readiness;
    this.registry = registry;
    this.pipeline = pipeline;
    this.serviceCredentials = serviceCredentials;
    this.version = version;
    this.writesAllowed = writesAllowed;
    this.resources = resources;
    this.structuredOutput = structuredOutput;
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
    ServerLimits limits = config.limits();
    AirflowTransportConfig clientConfig =
        new AirflowTransportConfig(
            URI.create(AirflowTransportConfig.normalizeBaseUrl(config.airflowUrl())),
            AirflowTransportConfig.DEFAULT_CONNECT_TIMEOUT,
            limits.requestTimeout(),
            AirflowTransportConfig.DEFAULT_MAX_RESPONSE_BYTES,
            config.verifyTls(),
            config.caCertificate(),
            writes,
            Resilience.DEFAULTS.withMaxConcurrentCalls(limits.maxConcurrentCalls()));
    HttpAirflowTransport client = new HttpAirflowTransport(clientConfig);
    ServiceCredentialsProvider provider = Extensions.credentialsProvider(loader);
    AirflowCredentials service =
        provider != null
            ? provider.serviceCredentials(config.airflowUrl(), client)
            : CredentialsFactory.fromSettings(
                config.authToken(), config.username(), config.password(), client);
    ToolPipeline.Hooks hooks =
        Extensions.hooks(
            loader,
            () -> rateLimiter(limits, registry),
            () ->
                AirflowRedactor.forServer(
                    config.redaction(), Arrays.asList(config.password(), config.authToken())));
    // Metrics exist on HTTP only: stdio has nowhere to serve them.
    ServerMetrics metrics =
        config.transport() == ServerConfig.Transport.HTTP && config.ops().metrics()
            ? new ServerMetrics(callableNames(registry), registry.rateLimitClasses())
            : null;
    JsonLinesAuditSink auditLog = auditLog(config.ops());
    hooks =
        new ToolPipeline.Hooks(
            hooks.validator(),
            hooks.rateLimiter(),
            metrics == null ? hooks.redactor() : metrics.count(hooks.redactor()),
            AuditSinks.all(hooks.audit(), auditLog, metrics));
    ConcurrencyCaps caps = concurrencyCaps(limits, registry);
    VersionDetector versions = new VersionDetector(client, Clock.systemUTC());
    ToolPipeline pipeline =
        new ToolPipeline(
            new AirflowGateway(metrics == null ? client : metrics.meter(client)),
            versions,
            hooks,
            DEFAULT_MAX_RESULT_CHARS,
            registry::find,
            caps);
    if (metrics != null) {
      pipeline.onRefusal(metrics);
      metrics.gauges(
          pipeline::inFlight,
          client::inFlight,
          clientConfig.resilience().maxConcurrentCalls(),
          caps);
    }
    RedisRateLimiter redis = hooks.rateLimiter() instanceof RedisRateLimiter r ? r : null;
    Readiness readiness =
        config.transport() == ServerConfig.Transport.HTTP
            ? Readiness.of(new AirflowReadiness(client, versions, service, redis))
            : Readiness.ALWAYS;
    AutoCloseable resources =
        () -> {
          if (redis != null) {
            redis.close();
          }
          if (auditLog != null) {
            auditLog.close();
          }
        };
    return new ServerRuntime(
        registry,
        pipeline,
        service,
        implementationVersion(),
        writes,
        resources,
        config.structuredOutput(),
        metrics,
        readiness,
        taskIds(config.ops().tasksKeyFile()));
  }

  /**
   * The sealer of task ids: under the secret of {@code --tasks-key-file} (checked when the
   * configuration was read), else a key made now.
   *
   * @throws IllegalStateException when the file can no longer be read
   */
  private static TaskIds taskIds(java.nio.file.Path file) {
    try {
      return TaskIds.fromFile(file);
    } catch (java.io.IOException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "--tasks-key-file " + file + ": cannot be used (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** What seals the task ids of the tasks extension (the same for every transport). */
  public TaskIds taskIds() {
    return taskIds;
  }

  /** Every name a tool can be called by. */
  private static Set<String> callableNames(ToolRegistry registry) {
    Set<String> names = new TreeSet<>();
    for (ToolRegistry.Entry e : registry.entries()) {
      names.add(e.definition().name());
    }
    return names;
  }

  /**
   * The built-in audit log when configured, or null.
   *
   * @throws IllegalStateException when its file cannot be opened
   */
  private static JsonLinesAuditSink auditLog(OpsSettings ops) {
    if (ops.auditLog() == null) {
      return null;
    }
    try {
      JsonLinesAuditSink sink =
          JsonLinesAuditSink.open(ops.auditLog(), Clock.systemUTC(), System.err);
      LOG.info("audit log: {}", ops.auditLog().stderr() ? "standard error" : ops.auditLog().file());
      return sink;
    } catch (java.io.IOException e) {
      throw new IllegalStateException(
          "cannot open the audit log "
              + ops.auditLog().file()
              + ": "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
    }
  }

  /** The server's metrics, or null when it has none (stdio, or {@code --no-metrics}). */
  public ServerMetrics metrics() {
    return metrics;
  }

  /** What {@code /readyz} answers. */
  public Readiness readiness() {
    return readiness;
  }

  /**
   * The rate limiter the limits ask for: none when switched off, Redis-backed (falling back to
   * per-server buckets while Redis is unreachable) when a Redis URI is set, else in memory.
   */
  static RateLimiter rateLimiter(ServerLimits limits, ToolRegistry registry) {
    if (limits.rateLimitsOff()) {
      LOG.warn("rate limiting is off: nothing stops a caller from flooding Airflow");
      return RateLimiter.UNLIMITED;
    }
    Set<String> used = registry.rateLimitClasses();
    for (String overridden : limits.rateLimits().keySet()) {
      if (!overridden.equals(RateLimits.ALL_CLASSES) && !used.contains(overridden)) {
        LOG.warn(
            "rate limit set for class '{}', which no tool uses (classes: {})",
            overridden,
            String.join(", ", used));
      }
    }
    RateLimits resolved = RateLimits.resolve(registry.rateLimits(), limits.rateLimits());
    LocalRateLimiter local = new LocalRateLimiter(resolved);
    if (limits.redisUri() == null) {
      LOG.info("rate limits per caller (burst/refill per minute), in memory: {}", resolved);
      return local;
    }
    LOG.info("rate limits per caller (burst/refill per minute), in Redis: {}", resolved);
    return RedisRateLimiter.connect(limits.redisUri(), resolved, local);
  }

  /**
   * The per-class concurrency caps of the resolved rate limits (the tool spec's {@code
   * maxConcurrent}, or an operator's {@code CAPACITY/PER_MINUTE/MAX_CONCURRENT}); none when rate
   * limiting is off. They hold whichever rate limiter runs, a vendor's included.
   */
  static ConcurrencyCaps concurrencyCaps(ServerLimits limits, ToolRegistry registry) {
    if (limits.rateLimitsOff()) {
      return ConcurrencyCaps.NONE;
    }
    return RateLimits.resolve(registry.rateLimits(), limits.rateLimits()).concurrencyCaps();
  }

  /**
   * Whether write tools may change Airflow: a build with write tools, without AF_READ_ONLY=true.
   */
  public boolean writesAllowed() {
    return writesAllowed;
  }

  /**
   * Names callable but left out of {@code tools/list}: the aliases and, in read-only mode, the
   * write tools (called anyway, they answer with a ReadOnlyError and send nothing to Airflow).
   */
  public Set<String> hiddenTools() {
    Set<String> hidden = new TreeSet<>(registry.aliasNames());
    if (!writesAllowed) {
      for (ToolRegistry.Entry e : registry.entries()) {
        if (e.tool().policy().write()) {
          hidden.add(e.definition().name());
        }
      }
    }
    return hidden;
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
    return call(entry, arguments, credentials, ProgressSink.NONE);
  }

  /** Runs a call whose progress notifications go to {@code progress} (never throws). */
  public CallToolResult call(
      ToolRegistry.Entry entry,
      Map<String, Object> arguments,
      AirflowCredentials credentials,
      ProgressSink progress) {
    return structured(
        pipeline.call(entry.tool(), entry.definition().name(), arguments, credentials, progress));
  }

  /**
   * Runs a hand-written tool that is not a registry entry under {@code calledName} through the
   * pipeline, as a call of that name (never throws); the tasks extension runs a task's start and
   * polls this way.
   */
  public CallToolResult call(
      CustomTool tool,
      String calledName,
      Map<String, Object> arguments,
      AirflowCredentials credentials) {
    return structured(pipeline.call(tool, calledName, arguments, credentials, ProgressSink.NONE));
  }

  /** The hand-written tool behind a registry entry, or null when the entry is generated. */
  public static CustomTool customTool(ToolRegistry.Entry entry) {
    return entry.tool() instanceof CustomTool c ? c : null;
  }

  /** The result as clients see it: with structuredContent when structured output is on. */
  private CallToolResult structured(CallToolResult result) {
    if (!structuredOutput) {
      return result;
    }
    String text = ((McpSchema.TextContent) result.content().get(0)).text();
    return CallToolResult.builder()
        .content(result.content())
        .isError(result.isError())
        .structuredContent(Map.of(STRUCTURED_RESULT_KEY, text))
        .meta(result.meta())
        .build();
  }

  /** The key of a result's text in {@code structuredContent} when structured output is on. */
  public static final String STRUCTURED_RESULT_KEY = "result";

  /**
   * The {@code outputSchema} every tool declares when structured output is on: astro-airflow-mcp's
   * (FastMCP's) wrapper, an object whose {@code result} string is the result text. FastMCP clients
   * read {@code x-fastmcp-wrap-result} to unwrap it.
   */
  static Map<String, Object> wrappedOutputSchema() {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", Map.of(STRUCTURED_RESULT_KEY, Map.of("type", "string")));
    schema.put("required", List.of(STRUCTURED_RESULT_KEY));
    schema.put("x-fastmcp-wrap-result", true);
    return schema;
  }

  /** The tool as {@code tools/list} shows it: with the wrapped outputSchema when it is on. */
  public McpSchema.Tool definition(ToolRegistry.Entry entry) {
    McpSchema.Tool def = entry.definition();
    if (!structuredOutput) {
      return def;
    }
    return McpSchema.Tool.builder(def.name(), def.inputSchema())
        .title(def.title())
        .description(def.description())
        .annotations(def.annotations())
        .outputSchema(wrappedOutputSchema())
        .meta(def.meta())
        .build();
  }

  /**
   * Releases what the server holds: the composite steps' threads, the rate limiter's Redis
   * connection and the audit log.
   */
  @Override
  public void close() {
    pipeline.close();
    try {
      resources.close();
    } catch (Exception e) {
      LOG.warn("closing the server's resources failed: {}", e.getClass().getSimpleName());
    }
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
    Tool tool = registry.find(resource.tool());
    CallToolResult result =
        pipeline.call(
            tool, resource.tool(), new LinkedHashMap<>(resource.arguments()), credentials);
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
  public McpSchema.GetPromptResult getPrompt(
      PromptDescriptor prompt, Map<String, Object> arguments) {
    Map<String, String> values = new LinkedHashMap<>();
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
