package dev.airflowmcp.runtime.server.revision;

import dev.airflowmcp.runtime.auth.AirflowCredentials;
import dev.airflowmcp.runtime.server.ServerRuntime;
import dev.airflowmcp.runtime.server.ToolRegistry;
import dev.airflowmcp.runtime.tool.PromptDescriptor;
import dev.airflowmcp.runtime.tool.ResourceDescriptor;
import dev.airflowmcp.runtime.tool.TaskTool;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.modern.McpException;
import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.modern.server.HmacRequestStateCodec;
import io.modelcontextprotocol.modern.server.McpRequestContext;
import io.modelcontextprotocol.modern.server.McpServer;
import io.modelcontextprotocol.modern.server.McpSyncResponse;
import io.modelcontextprotocol.modern.server.feature.McpSyncPrompt;
import io.modelcontextprotocol.modern.server.feature.McpSyncPromptRepository;
import io.modelcontextprotocol.modern.server.feature.McpSyncResource;
import io.modelcontextprotocol.modern.server.feature.McpSyncResourceRepository;
import io.modelcontextprotocol.modern.server.feature.McpSyncTool;
import io.modelcontextprotocol.modern.server.feature.McpSyncToolRepository;
import io.modelcontextprotocol.modern.server.feature.PromptsFeature;
import io.modelcontextprotocol.modern.server.feature.PromptsPage;
import io.modelcontextprotocol.modern.server.feature.ResourcesFeature;
import io.modelcontextprotocol.modern.server.feature.ResourcesPage;
import io.modelcontextprotocol.modern.server.feature.ToolsFeature;
import io.modelcontextprotocol.modern.server.feature.ToolsPage;
import io.modelcontextprotocol.spec.McpError;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The 2026-07-28 server: the MCP Java SDK's {@code modern} server (SDK 2.2.0) answering with our
 * tools, resources and prompts. It owns what the revision asks of every request ({@code _meta}
 * validation, {@code server/discover}, unsupported-version and missing-capability errors, {@code
 * resultType}); this class only adapts our catalog and calls the same {@link ServerRuntime} as the
 * 2025-era servers.
 *
 * <p>Lists are in registration order, the same for every caller (hidden aliases and, in read-only
 * mode, write tools are left out), so they carry a public cache hint of {@link #LIST_TTL}. Resource
 * reads run a tool with the caller's credentials, so they are private and not to be reused ({@code
 * ttlMs} 0).
 */
public final class ModernServer {
  private ModernServer() {}

  /**
   * How long a client may reuse {@code tools/list}, {@code resources/list}, {@code prompts/list}.
   */
  public static final Duration LIST_TTL = Duration.ofMinutes(5);

  /** Arguments are checked by the tool pipeline, which answers astro's error envelopes. */
  private static final JsonSchemaValidator NO_SDK_VALIDATION =
      (schema, instance) -> JsonSchemaValidator.ValidationResponse.asValid(null);

  /**
   * Builds the server.
   *
   * @param credentials the caller's Airflow credentials from a request's transport context (on HTTP
   *     what the guard filter decided; on stdio the service credentials)
   */
  public static McpServer build(
      ServerRuntime runtime, Function<McpTransportContext, AirflowCredentials> credentials) {
    return build(runtime, credentials, false);
  }

  /**
   * As {@link #build(ServerRuntime, Function)}; with {@code streamProgress}, a call whose request
   * carries a {@code progressToken} answers as a stream: its progress notifications, then the
   * result (used on stdio, as the 2025-era stdio session does; the HTTP transport buffers each
   * answer, so progress would arrive only with the result there). Task ids are sealed by the
   * runtime's {@link ServerRuntime#taskIds()}, so both transports of one server share the key.
   */
  public static McpServer build(
      ServerRuntime runtime,
      Function<McpTransportContext, AirflowCredentials> credentials,
      boolean streamProgress) {
    return build(runtime, credentials, streamProgress, runtime.taskIds(), Clock.systemUTC());
  }

  /**
   * As {@link #build(ServerRuntime, Function, boolean)}, with the key of task ids and the clock of
   * tasks given (tests). The tasks extension is offered when a task tool is callable.
   */
  static McpServer build(
      ServerRuntime runtime,
      Function<McpTransportContext, AirflowCredentials> credentials,
      boolean streamProgress,
      TaskIds taskIds,
      Clock clock) {
    ToolRegistry registry = runtime.registry();
    long ttl = LIST_TTL.toMillis();
    Map<String, TaskTool> taskTools = TasksExtension.callable(runtime);
    TasksExtension tasks =
        taskTools.isEmpty()
            ? null
            : new TasksExtension(runtime, credentials, taskIds, clock, taskTools);
    List<io.modelcontextprotocol.modern.server.McpFeature> features = new ArrayList<>();
    if (tasks != null) {
      features.add(tasks);
    }
    features.add(
        ToolsFeature.ofSync(
            tools(runtime, credentials, streamProgress, tasks),
            McpJsonDefaults.getMapper(),
            NO_SDK_VALIDATION,
            ttl,
            McpSchema.CacheScope.PUBLIC));
    if (!registry.resources().isEmpty()) {
      features.add(
          ResourcesFeature.ofSync(
              resources(runtime, credentials),
              McpJsonDefaults.getMapper(),
              ttl,
              McpSchema.CacheScope.PUBLIC));
    }
    if (!registry.prompts().isEmpty()) {
      features.add(
          PromptsFeature.ofSync(
              prompts(runtime), McpJsonDefaults.getMapper(), ttl, McpSchema.CacheScope.PUBLIC));
    }
    return McpServer.builder()
        .serverInfo(
            McpSchema.Implementation.builder(registry.serverName(), runtime.version()).build())
        .instructions(registry.instructions())
        .supportedVersions(List.of(Revisions.MODERN))
        .jsonMapper(McpJsonDefaults.getMapper())
        .discoverCache(ttl, McpSchema.CacheScope.PUBLIC)
        // No tool answers input_required, so the server never seals request state; a per-process
        // key (what the SDK generates by itself, with a warning meant for servers that do) makes
        // any requestState a client sends fail as invalid on every replica.
        .requestStateCodec(HmacRequestStateCodec.builder().key(randomKey()).build())
        .features(features)
        .build();
  }

  private static byte[] randomKey() {
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    return key;
  }

  private static McpSyncToolRepository tools(
      ServerRuntime runtime,
      Function<McpTransportContext, AirflowCredentials> credentials,
      boolean streamProgress,
      TasksExtension tasks) {
    Set<String> hidden = runtime.hiddenTools();
    Map<String, McpSyncTool> byName = new LinkedHashMap<>();
    List<McpSchema.Tool> listed = new ArrayList<>();
    for (ToolRegistry.Entry entry : runtime.registry().entries()) {
      McpSchema.Tool tool = tool(runtime.definition(entry));
      TaskTool taskTool = tasks == null ? null : tasks.taskTool(entry);
      McpSyncTool handler =
          McpSyncTool.of(
              tool,
              (context, request) -> {
                Map<String, Object> arguments =
                    request.arguments() == null ? Map.of() : request.arguments();
                AirflowCredentials caller = credentials.apply(context.transportContext());
                if (taskTool != null && TasksExtension.declared(context)) {
                  // A client of the tasks extension gets a task instead of a blocked call.
                  return McpSyncResponse.result(
                      tasks.start(taskTool, entry.definition().name(), arguments, caller));
                }
                if (streamProgress && context.progressToken() != null) {
                  return McpSyncResponse.streaming(
                      notifier ->
                          result(
                              runtime.call(
                                  entry,
                                  arguments,
                                  caller,
                                  (progress, total, message) -> {
                                    try {
                                      notifier.progress(progress, total, message);
                                    } catch (RuntimeException e) {
                                      // A lost notification does not end the call.
                                    }
                                  })));
                }
                return McpSyncResponse.result(result(runtime.call(entry, arguments, caller)));
              });
      byName.put(tool.name(), handler);
      if (!hidden.contains(tool.name())) {
        listed.add(tool);
      }
    }
    ToolsPage page =
        new ToolsPage(
            Collections.unmodifiableList(listed),
            null,
            LIST_TTL.toMillis(),
            McpSchema.CacheScope.PUBLIC);
    return new McpSyncToolRepository() {
      @Override
      public ToolsPage list(McpRequestContext context, String cursor) {
        return page;
      }

      @Override
      public McpSyncTool find(McpRequestContext context, String name) {
        return byName.get(name);
      }
    };
  }

  private static McpSyncResourceRepository resources(
      ServerRuntime runtime, Function<McpTransportContext, AirflowCredentials> credentials) {
    Map<String, McpSyncResource> byUri = new LinkedHashMap<>();
    List<McpSchema.Resource> listed = new ArrayList<>();
    for (ResourceDescriptor r : runtime.registry().resources()) {
      listed.add(
          McpSchema.Resource.builder(r.uri(), r.name())
              .description(r.description())
              .mimeType(r.mimeType())
              .build());
      byUri.put(
          r.uri(),
          McpSyncResource.of(
              (context, request) -> {
                io.modelcontextprotocol.spec.McpSchema.ReadResourceResult read =
                    runtime.readResource(r, credentials.apply(context.transportContext()));
                List<McpSchema.ResourceContents> contents = new ArrayList<>();
                for (var c : read.contents()) {
                  if (c instanceof io.modelcontextprotocol.spec.McpSchema.TextResourceContents t) {
                    contents.add(
                        McpSchema.TextResourceContents.builder(t.uri(), t.text())
                            .mimeType(t.mimeType())
                            .build());
                  }
                }
                // Read with the caller's own credentials: not to be shared or reused.
                return McpSyncResponse.result(
                    new McpSchema.ReadResourceResult(
                        contents, 0L, McpSchema.CacheScope.PRIVATE, null, null));
              }));
    }
    ResourcesPage page =
        new ResourcesPage(
            Collections.unmodifiableList(listed),
            null,
            LIST_TTL.toMillis(),
            McpSchema.CacheScope.PUBLIC);
    return new McpSyncResourceRepository() {
      @Override
      public ResourcesPage list(McpRequestContext context, String cursor) {
        return page;
      }

      @Override
      public McpSyncResource find(McpRequestContext context, String uri) {
        return byUri.get(uri);
      }
    };
  }

  private static McpSyncPromptRepository prompts(ServerRuntime runtime) {
    Map<String, McpSyncPrompt> byName = new LinkedHashMap<>();
    List<McpSchema.Prompt> listed = new ArrayList<>();
    for (PromptDescriptor p : runtime.registry().prompts()) {
      List<McpSchema.PromptArgument> args = new ArrayList<>();
      for (PromptDescriptor.Argument a : p.arguments()) {
        args.add(
            McpSchema.PromptArgument.builder(a.name())
                .description(a.description())
                .required(a.required())
                .build());
      }
      McpSchema.Prompt prompt =
          McpSchema.Prompt.builder(p.name()).description(p.description()).arguments(args).build();
      listed.add(prompt);
      byName.put(
          p.name(),
          McpSyncPrompt.of(
              prompt,
              (context, request) -> {
                Map<String, Object> arguments = new LinkedHashMap<>();
                if (request.arguments() != null) {
                  arguments.putAll(request.arguments());
                }
                io.modelcontextprotocol.spec.McpSchema.GetPromptResult rendered;
                try {
                  rendered = runtime.getPrompt(p, arguments);
                } catch (McpError e) {
                  throw McpException.invalidParams(e.getMessage());
                }
                List<McpSchema.PromptMessage> messages = new ArrayList<>();
                for (var m : rendered.messages()) {
                  String text =
                      ((io.modelcontextprotocol.spec.McpSchema.TextContent) m.content()).text();
                  messages.add(
                      new McpSchema.PromptMessage(
                          McpSchema.Role.valueOf(m.role().name()),
                          McpSchema.TextContent.builder(text).build()));
                }
                return McpSyncResponse.result(
                    McpSchema.GetPromptResult.builder(messages)
                        .description(rendered.description())
                        .build());
              }));
    }
    PromptsPage page =
        new PromptsPage(
            Collections.unmodifiableList(listed),
            null,
            LIST_TTL.toMillis(),
            McpSchema.CacheScope.PUBLIC);
    return new McpSyncPromptRepository() {
      @Override
      public PromptsPage list(McpRequestContext context, String cursor) {
        return page;
      }

      @Override
      public McpSyncPrompt find(McpRequestContext context, String name) {
        return byName.get(name);
      }
    };
  }

  /** A 2025-era tool definition as the 2026 schema has it (the same fields). */
  static McpSchema.Tool tool(io.modelcontextprotocol.spec.McpSchema.Tool t) {
    McpSchema.ToolAnnotations annotations = null;
    var a = t.annotations();
    if (a != null) {
      annotations =
          new McpSchema.ToolAnnotations(
              a.title(),
              a.readOnlyHint(),
              a.destructiveHint(),
              a.idempotentHint(),
              a.openWorldHint());
    }
    return new McpSchema.Tool(
        t.name(),
        t.title(),
        t.description(),
        t.inputSchema(),
        t.outputSchema(),
        annotations,
        t.meta(),
        null);
  }

  /** A pipeline result (text items, optional structured content) as a 2026 result. */
  static McpSchema.CallToolResult result(io.modelcontextprotocol.spec.McpSchema.CallToolResult r) {
    McpSchema.CallToolResult.Builder b = McpSchema.CallToolResult.builder();
    for (var c : r.content()) {
      if (c instanceof io.modelcontextprotocol.spec.McpSchema.TextContent t) {
        b.addContent(McpSchema.TextContent.builder(t.text()).build());
      }
    }
    if (r.structuredContent() != null) {
      b.structuredContent(r.structuredContent());
    }
    if (Boolean.TRUE.equals(r.isError())) {
      b.isError(true);
    }
    if (r.meta() != null) {
      b.meta(r.meta());
    }
    return b.build();
  }
}
