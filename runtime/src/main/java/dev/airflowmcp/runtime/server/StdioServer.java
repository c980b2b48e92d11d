package dev.airflowmcp.runtime.server;

import dev.airflowmcp.runtime.pipeline.ProgressSink;
import dev.airflowmcp.runtime.server.revision.DualRevisionStdio;
import dev.airflowmcp.runtime.server.revision.ModernServer;
import dev.airflowmcp.runtime.tool.PromptDescriptor;
import dev.airflowmcp.runtime.tool.ResourceDescriptor;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.modern.server.transport.StdioMcpTransport;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The stdio transport. The SDK's stdio transport neither exits nor flushes pending replies when
 * stdin closes, so stdin and stdout are wrapped: at end of input the server waits until every
 * request read has been answered (bounded), then returns so the process can exit.
 */
public final class StdioServer {
  private static final Logger LOG = LoggerFactory.getLogger(StdioServer.class);

  private StdioServer() {}

  /**
   * Progress notifications for one call, sent on the session when the client gave a {@code
   * progressToken}; a failed send is dropped (the call goes on). Called on the worker thread that
   * runs the call, which may wait for the send.
   */
  static ProgressSink progress(McpAsyncServerExchange exchange, Object progressToken) {
    if (progressToken == null) {
      return ProgressSink.NONE;
    }
    return (progress, total, message) -> {
      try {
        exchange
            .progressNotification(
                McpSchema.ProgressNotification.builder(progressToken, progress)
                    .total(total)
                    .message(message)
                    .build())
            .block(PROGRESS_SEND_LIMIT);
      } catch (RuntimeException e) {
        LOG.debug("progress notification not sent: {}", e.getClass().getSimpleName());
      }
    };
  }

  private static final java.time.Duration PROGRESS_SEND_LIMIT = java.time.Duration.ofSeconds(5);

  /** Runs blocking work (a tool call, a resource read) off the session's thread. */
  private static <T> Mono<T> offload(java.util.concurrent.Callable<T> work) {
    return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
  }

  /** How long the SDK's server waits for the opening to be answered early before it is built. */
  private static final java.time.Duration HANDOVER_LIMIT = java.time.Duration.ofSeconds(2);

  /**
   * The system property naming the file where the early answers' results are kept between starts
   * ({@link EarlyAnswerStore}); the launcher sets it next to its class-data-sharing archive.
   */
  public static final String EARLY_ANSWERS_FILE = "airflow.mcp.earlyAnswersFile";

  /** Serves until stdin closes and every pending reply is written. */
  public static void run(ServerRuntime runtime, InputStream stdin, OutputStream stdout)
      throws InterruptedException {
    String file = System.getProperty(EARLY_ANSWERS_FILE);
    run(
        runtime,
        stdin,
        stdout,
        true,
        null,
        file == null || file.isBlank() ? null : java.nio.file.Path.of(file),
        classPathIdentity(),
        null,
        true);
  }

  static void run(
      ServerRuntime runtime,
      InputStream stdin,
      OutputStream stdout,
      boolean early,
      java.util.concurrent.atomic.AtomicInteger answeredEarly)
      throws InterruptedException {
    run(runtime, stdin, stdout, early, answeredEarly, null, null, null, false);
  }

  /** As the full form, with {@code store} the store's file itself. */
  static void run(
      ServerRuntime runtime,
      InputStream stdin,
      OutputStream stdout,
      boolean early,
      java.util.concurrent.atomic.AtomicInteger answeredEarly,
      java.nio.file.Path store,
      String code,
      java.util.concurrent.atomic.AtomicInteger answeredFromStore)
      throws InterruptedException {
    run(runtime, stdin, stdout, early, answeredEarly, store, code, answeredFromStore, false);
  }

  /**
   * The class path's files as the JVM was given them: each entry's path, size and modification time
   * (a rebuilt jar changes them), and the JVM's version.
   */
  static String classPathIdentity() {
    StringBuilder b = new StringBuilder("java ").append(System.getProperty("java.vm.version"));
    for (String entry :
        System.getProperty("java.class.path", "").split(java.io.File.pathSeparator, -1)) {
      java.io.File f = new java.io.File(entry).getAbsoluteFile();
      b.append('\n').append(f.getPath()).append(' ').append(f.length()).append(' ');
      b.append(f.lastModified());
      if (f.isDirectory()) {
        // A directory's own time does not follow its files': never the same key twice.
        b.append(' ').append(System.nanoTime());
      }
    }
    return b.toString();
  }

  private static String count(List<?> list) {
    return list == null ? "-" : String.valueOf(list.size());
  }

  /**
   * What the early answers depend on besides the code: the tools as listed (their names, and a hash
   * of their whole definitions), the hidden names, the server's name, version, capabilities and
   * instructions, and the protocol versions answered.
   */
  static String earlyAnswersKey(
      String code,
      List<McpSchema.Tool> definitions,
      Set<String> hidden,
      McpSchema.Implementation serverInfo,
      McpSchema.ServerCapabilities capabilities,
      String instructions) {
    // Field by field where it is cheap: a record's own hashCode and toString are bootstrapped
    // through method handles at their first use, which costs a start more than all of this. The
    // tools' schemas and the instructions go in as 32-bit hashes (the schemas through their
    // records' hashCode): enough to tell configurations apart, since the jar that defines the tools
    // is in the key by its files' sizes and times; not a defence against a crafted collision (who
    // can write the store can replace the archive beside it).
    StringBuilder b = new StringBuilder(code);
    b.append("\nprotocol versions ").append(EarlyAnswers.SDK_PROTOCOL_VERSIONS);
    b.append("\nhidden ").append(new java.util.TreeSet<>(hidden));
    b.append("\nserver ").append(serverInfo.name()).append(' ').append(serverInfo.version());
    b.append(' ').append(serverInfo.title()).append(' ').append(serverInfo.description());
    b.append(' ').append(serverInfo.websiteUrl()).append(' ').append(count(serverInfo.icons()));
    b.append("\ncapabilities");
    b.append(" tools ")
        .append(capabilities.tools() == null ? "-" : capabilities.tools().listChanged());
    b.append(" resources ");
    if (capabilities.resources() != null) {
      b.append(capabilities.resources().subscribe()).append(capabilities.resources().listChanged());
    }
    b.append(" prompts ")
        .append(capabilities.prompts() == null ? "-" : capabilities.prompts().listChanged());
    b.append(" logging ").append(capabilities.logging() != null);
    b.append(" completions ").append(capabilities.completions() != null);
    b.append(" experimental ").append(java.util.Objects.hashCode(capabilities.experimental()));
    b.append(" extensions ").append(java.util.Objects.hashCode(capabilities.extensions()));
    b.append("\ninstructions ").append(java.util.Objects.hashCode(instructions));
    b.append("\ntools");
    for (McpSchema.Tool t : definitions) {
      int h = java.util.Objects.hash(t.title(), t.description(), t.inputSchema(), t.outputSchema());
      McpSchema.ToolAnnotations a = t.annotations();
      if (a != null) {
        h =
            31 * h
                + java.util.Objects.hash(
                    a.title(),
                    a.readOnlyHint(),
                    a.destructiveHint(),
                    a.idempotentHint(),
                    a.openWorldHint(),
                    a.returnDirect());
      }
      h = 31 * h + java.util.Objects.hashCode(t.meta());
      b.append(' ').append(t.name()).append('#').append(h).append('#').append(count(t.icons()));
    }
    return b.toString();
  }

  /**
   * @param early whether the opening is answered before the SDK's server is built ({@link
   *     EarlyAnswers})
   * @param answeredEarly if not null, set to how many requests were answered early
   * @param store the early answers' store file, or null for none
   * @param code what identifies the code (for the store's key: {@link #classPathIdentity})
   * @param answeredFromStore if not null, set to how many requests were answered from the store
   * @param nameByKey whether {@code store} is a base name that gets a hash of the answers' key
   *     ({@link EarlyAnswerStore#named}), rather than the store's file itself
   */
  // Implementation(name, version): what the SDK's serverInfo(name, version) makes.
  @SuppressWarnings("deprecation")
  static void run(
      ServerRuntime runtime,
      InputStream stdin,
      OutputStream stdout,
      boolean early,
      java.util.concurrent.atomic.AtomicInteger answeredEarly,
      java.nio.file.Path store,
      String code,
      java.util.concurrent.atomic.AtomicInteger answeredFromStore,
      boolean nameByKey)
      throws InterruptedException {
    McpJsonMapper json = McpJsonDefaults.getMapper();
    StdioLifecycle lifecycle = new StdioLifecycle(stdin, stdout);
    // Both revisions on one stdin/stdout (see dev.airflowmcp.runtime.server.revision).
    DualRevisionStdio dual = new DualRevisionStdio(lifecycle.input(), lifecycle.output());
    Set<String> hidden = runtime.hiddenTools();
    List<McpSchema.Tool> definitions = new ArrayList<>();
    for (ToolRegistry.Entry entry : runtime.registry().entries()) {
      definitions.add(runtime.definition(entry));
    }
    McpSchema.Implementation serverInfo =
        new McpSchema.Implementation(runtime.registry().serverName(), runtime.version());
    McpSchema.ServerCapabilities capabilities = ServerRuntime.capabilities(runtime.registry());
    String instructions = runtime.registry().instructions();

    // The 2026 server is built when its first message arrives, not before the first answer.
    AtomicReference<io.modelcontextprotocol.modern.server.McpServer> modern =
        new AtomicReference<>();
    dual.onFirstModernMessage(
        () -> {
          try {
            io.modelcontextprotocol.modern.server.McpServer built =
                ModernServer.build(runtime, context -> runtime.serviceCredentials(), true);
            modern.set(built);
            new StdioMcpTransport(built, json, dual.modernInput(), dual.output())
                .start()
                .subscribe();
          } catch (RuntimeException e) {
            LOG.error(
                "cannot start the 2026-07-28 protocol server: {}", e.getClass().getSimpleName());
          }
        });
    OutputStream sdkOut = dual.output();
    EarlyAnswers answers = null;
    java.nio.file.Path storeFile = null;
    if (early) {
      // What the SDK's McpAsyncServer makes of the capabilities it is given.
      McpSchema.ServerCapabilities answered = capabilities.mutate().logging().build();
      EarlyAnswers.Store kept = null;
      if (store != null && code != null) {
        String key = earlyAnswersKey(code, definitions, hidden, serverInfo, answered, instructions);
        kept = new EarlyAnswers.Store(nameByKey ? EarlyAnswerStore.named(store, key) : store, key);
      }
      storeFile = kept == null ? null : kept.file();
      answers =
          new EarlyAnswers(
              json,
              new EarlyAnswers.Server(
                  serverInfo,
                  answered,
                  instructions,
                  () -> definitions.stream().filter(t -> !hidden.contains(t.name())).toList()),
              dual.output(),
              kept);
      dual.observe(answers);
      lifecycle.onEndOfInput(answers::ended);
      sdkOut = answers.withoutRepeats(sdkOut);
      // Routing starts now: the opening is answered while the SDK's server is not yet built, and
      // every message waits, in order, for that server.
      dual.start();
      answers.awaitHandover(HANDOVER_LIMIT);
    }
    StdioServerTransportProvider transport =
        new StdioServerTransportProvider(json, dual.legacyInput(), sdkOut);

    // The async API with a filter that answers at once: the SDK's sync filters run each tool
    // through Reactor's boundedElastic pool when handlers are not immediate, and one tools/list
    // of a stdio compat run came back with 31 of its 39 tools missing that way. Calls still run
    // concurrently, each on a boundedElastic worker.
    List<McpServerFeatures.AsyncToolSpecification> tools = new ArrayList<>();
    List<ToolRegistry.Entry> entries = runtime.registry().entries();
    for (int i = 0; i < entries.size(); i++) {
      ToolRegistry.Entry entry = entries.get(i);
      tools.add(
          new McpServerFeatures.AsyncToolSpecification(
              definitions.get(i),
              (exchange, request) ->
                  offload(
                      () ->
                          runtime.call(
                              entry,
                              request.arguments(),
                              runtime.serviceCredentials(),
                              progress(exchange, request.progressToken())))));
    }
    List<McpServerFeatures.AsyncResourceSpecification> resources = new ArrayList<>();
    for (ResourceDescriptor r : runtime.registry().resources()) {
      resources.add(
          new McpServerFeatures.AsyncResourceSpecification(
              ServerRuntime.resourceEntry(r),
              (exchange, request) ->
                  offload(() -> runtime.readResource(r, runtime.serviceCredentials()))));
    }
    List<McpServerFeatures.AsyncPromptSpecification> prompts = new ArrayList<>();
    for (PromptDescriptor p : runtime.registry().prompts()) {
      prompts.add(
          new McpServerFeatures.AsyncPromptSpecification(
              ServerRuntime.promptEntry(p),
              (exchange, request) -> offload(() -> runtime.getPrompt(p, request.arguments()))));
    }
    McpAsyncServer server =
        McpServer.async(transport)
            .serverInfo(serverInfo)
            .instructions(instructions)
            .capabilities(capabilities)
            .validateToolInputs(false)
            // Our own tools' schemas were checked when the jar was built, not at every start.
            .jsonSchemaValidator(StartupSchemaValidator.of(runtime.registry()))
            .addToolFilter((context, tool) -> Mono.just(!hidden.contains(tool.name())))
            .tools(tools)
            .resources(resources)
            .prompts(prompts)
            .build();
    if (!early) {
      dual.start();
    }
    if (storeFile != null) {
      // After the opening's answers, off their path: what servers killed mid-write left behind.
      EarlyAnswerStore.sweep(
          storeFile, System.currentTimeMillis(), EarlyAnswerStore.STALE_TEMPORARY_MILLIS);
    }
    LOG.info("Airflow MCP server ready on stdio with {} tools", tools.size() - hidden.size());
    lifecycle.awaitEndOfInput();
    if (!lifecycle.awaitRepliesWritten(StdioLifecycle.DRAIN_LIMIT)) {
      LOG.warn(
          "stdin closed with replies still pending after {} s; exiting",
          StdioLifecycle.DRAIN_LIMIT.toSeconds());
    }
    if (answeredEarly != null && answers != null) {
      answeredEarly.set(answers.answeredEarly());
    }
    if (answeredFromStore != null && answers != null) {
      answeredFromStore.set(answers.answeredFromStore() ? answers.answeredEarly() : 0);
    }
    server.close();
    if (modern.get() != null) {
      modern.get().closeGracefully();
    }
  }
}
