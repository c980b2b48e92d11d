package dev.airflowmcp.runtime.server;

import dev.airflowmcp.runtime.server.revision.DualRevisionStdio;
import dev.airflowmcp.runtime.server.revision.Revisions;
import dev.airflowmcp.runtime.server.revision.WholeLineOutput;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers a stdio session's usual opening — {@code initialize}, {@code notifications/initialized},
 * {@code tools/list} — before the SDK's server is built, which is most of the time to the first
 * {@code tools/list} answer (Reactor, the session, the SDK's own start-up).
 *
 * <p>The answers are the SDK's own: the same schema records ({@link McpSchema.InitializeResult},
 * {@link McpSchema.ListToolsResult}) built from the same values the server is built with,
 * serialised by the same mapper into the same line as the SDK's stdio transport writes. Every
 * message, answered early or not, still goes to the SDK in order once it is built, so its session
 * goes through the same states as without this class; its answers to the requests answered here are
 * dropped ({@link #withoutRepeats}).
 *
 * <p>Only the opening is answered early: the first message must be a 2025-era {@code initialize}
 * that the SDK would accept, the second the {@code initialized} notification, the third a {@code
 * tools/list}. At the first message that is anything else, and at end of input, the early phase
 * ends and everything goes to the SDK alone ({@link #awaitHandover}).
 *
 * <p>With a {@link Store}, the results of both answers are kept as JSON text between starts ({@link
 * EarlyAnswerStore}): a later start with the same key writes them into the response line without
 * building or serialising the SDK's result records. They are stored only after a start that
 * computed them fresh has checked that the line made from them is the line the SDK's records gave,
 * byte for byte.
 */
final class EarlyAnswers implements DualRevisionStdio.Observer {
  private static final Logger LOG = LoggerFactory.getLogger(EarlyAnswers.class);
  private static final JsonMapper PLAIN = JsonMapper.shared();

  /**
   * The protocol versions the SDK's stdio transport negotiates, oldest first (its {@code
   * McpTransport.protocolVersions()}): a requested version in the list is answered with itself, any
   * other with the last. {@code EarlyAnswersTest} compares against the SDK's own answers.
   */
  static final List<String> SDK_PROTOCOL_VERSIONS =
      List.of("2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25");

  private static final TypeRef<McpSchema.InitializeRequest> INITIALIZE_REQUEST = new TypeRef<>() {};

  private enum State {
    AWAIT_INITIALIZE,
    AWAIT_INITIALIZED,
    AWAIT_TOOLS_LIST,
    DONE
  }

  /** What the server answers with, as the SDK's server is given it. */
  record Server(
      McpSchema.Implementation serverInfo,
      McpSchema.ServerCapabilities capabilities,
      String instructions,
      Supplier<List<McpSchema.Tool>> visibleTools) {}

  /**
   * Where the results are kept between starts.
   *
   * @param file the store's file (next to the launcher's class-data-sharing archive)
   * @param key everything the results depend on; a store written for another key is not used
   */
  record Store(Path file, String key) {}

  /** A result already serialised: its JSON text. */
  private record Raw(String json) {}

  private final McpJsonMapper json;
  private final Server server;
  private final OutputStream out;
  private final Store store;

  /** The stored results, once read (null when there is no store or it was of no use). */
  private EarlyAnswerStore.Results stored;

  private boolean storeRead;

  /** Whether this start's fresh answers were checked against the stored form (to write it). */
  private boolean initializeChecked;

  /** This start's fresh request and answer lines and id keys, kept with the results. */
  private final List<String> seen = new java.util.ArrayList<>();

  private final CountDownLatch handover = new CountDownLatch(1);
  private final Set<String> answered = ConcurrentHashMap.newKeySet();
  private State state = State.AWAIT_INITIALIZE;
  private int count;

  /**
   * @param json the SDK's mapper (the one its stdio transport writes with)
   * @param server what the SDK's server is built with
   * @param out where answers go (whole lines)
   */
  EarlyAnswers(McpJsonMapper json, Server server, OutputStream out) {
    this(json, server, out, null);
  }

  /**
   * @param store where the results are kept between starts, or null for none
   */
  EarlyAnswers(McpJsonMapper json, Server server, OutputStream out, Store store) {
    this.json = json;
    this.server = server;
    this.out = out;
    this.store = store;
  }

  /** Whether the answers of this start came from the store. */
  synchronized boolean answeredFromStore() {
    return stored != null && count > 0;
  }

  private EarlyAnswerStore.Results stored() {
    if (!storeRead) {
      storeRead = true;
      stored = store == null ? null : EarlyAnswerStore.read(store.file(), store.key());
    }
    return stored;
  }

  /** How many requests were answered early. */
  synchronized int answeredEarly() {
    return count;
  }

  /**
   * Waits until the early phase is over (a message it does not answer, a {@code tools/list}
   * answered, or end of input), at most {@code limit}; after that the SDK's server is built either
   * way (messages that arrive meanwhile wait in order for it).
   */
  void awaitHandover(Duration limit) throws InterruptedException {
    handover.await(limit.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void message(Revisions.Generation generation, Object parsed, byte[] line) {
    synchronized (this) {
      if (state == State.DONE) {
        return;
      }
      if (generation != Revisions.Generation.LEGACY || !(parsed instanceof Map<?, ?> m)) {
        done();
        return;
      }
      Object method = m.get("method");
      boolean request = m.get("id") != null;
      switch (state) {
        case AWAIT_INITIALIZE -> {
          if (request && "initialize".equals(method) && answer(line, this::initialize, false)) {
            state = State.AWAIT_INITIALIZED;
          } else {
            done();
          }
        }
        case AWAIT_INITIALIZED -> {
          if (!request && "notifications/initialized".equals(method)) {
            state = State.AWAIT_TOOLS_LIST;
          } else {
            done();
          }
        }
        case AWAIT_TOOLS_LIST -> {
          if (request && "tools/list".equals(method)) {
            answer(line, this::toolsList, true);
          }
          done();
        }
        default -> done();
      }
    }
  }

  @Override
  public void ended() {
    synchronized (this) {
      done();
    }
  }

  private void done() {
    state = State.DONE;
    handover.countDown();
  }

  private interface Result {
    /** The result the SDK gives, or null when this request is left to the SDK. */
    Object of(McpSchema.JSONRPCRequest request);
  }

  /**
   * Writes the SDK's answer to one request; false when it is left to the SDK.
   *
   * @param last whether this is the opening's last answer (after which a fresh store is written)
   */
  private boolean answer(byte[] line, Result result, boolean last) {
    try {
      String requestLine = new String(line, StandardCharsets.UTF_8).stripTrailing();
      EarlyAnswerStore.Results kept = last ? stored : stored();
      int at = last ? 3 : 0;
      if (kept != null
          && !kept.seen().get(at).isEmpty()
          && kept.seen().get(at).equals(requestLine)) {
        // The very line a start with the same key read, accepted and answered: the same answer.
        return write(kept.seen().get(at + 2), kept.seen().get(at + 1));
      }
      // As the SDK's stdio transport reads a line.
      McpSchema.JSONRPCMessage message = McpSchema.deserializeJsonRpcMessage(json, requestLine);
      if (!(message instanceof McpSchema.JSONRPCRequest request) || request.id() == null) {
        return false;
      }
      String key = key(request.id());
      // An id answered early already: which of the SDK's answers to drop would be unclear.
      if (key == null || answered.contains(key)) {
        return false;
      }
      Object value = result.of(request);
      if (value == null) {
        return false;
      }
      String text;
      boolean checked = false;
      if (value instanceof Raw raw) {
        text = line(json.writeValueAsString(request.id()), raw.json());
      } else {
        // As the SDK's stdio transport writes a message.
        text = line(json.writeValueAsString(McpSchema.JSONRPCResponse.result(request.id(), value)));
        // The stored form gives the same line, or nothing is stored.
        checked =
            store != null
                && text.equals(
                    line(json.writeValueAsString(request.id()), json.writeValueAsString(value)));
      }
      if (!write(key, text)) {
        return false;
      }
      if (checked) {
        seen.addAll(List.of(requestLine, text, key));
      }
      if (!last) {
        initializeChecked = checked;
      } else if (checked && initializeChecked) {
        keep(((McpSchema.ListToolsResult) value));
      }
      return true;
    } catch (IOException | RuntimeException e) {
      LOG.debug("left to the SDK: {}", e.getClass().getSimpleName());
      return false;
    }
  }

  /**
   * Writes one answer line (without its newline) for an id's key; false when it is left to the SDK.
   */
  private boolean write(String key, String text) {
    // An id answered early already: which of the SDK's answers to drop would be unclear.
    if (answered.contains(key)) {
      return false;
    }
    byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
    answered.add(key);
    try {
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      answered.remove(key);
      LOG.debug("early answer not written: {}", e.getClass().getSimpleName());
      return false;
    }
    count++;
    return true;
  }

  /** A response line as the SDK's stdio transport writes it (without its newline). */
  private static String line(String serialised) {
    return serialised.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n");
  }

  /** The SDK's response line made from a serialised id and result. */
  private static String line(String id, String result) {
    return line("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":" + result + "}");
  }

  /** Stores this start's fresh results for the next start; a failure only costs that start. */
  @SuppressWarnings("deprecation")
  private void keep(McpSchema.ListToolsResult tools) {
    try {
      List<String> init = new java.util.ArrayList<>();
      for (String version : SDK_PROTOCOL_VERSIONS) {
        init.add(
            json.writeValueAsString(
                new McpSchema.InitializeResult(
                    version, server.capabilities(), server.serverInfo(), server.instructions())));
      }
      EarlyAnswerStore.write(
          store.file(),
          store.key(),
          new EarlyAnswerStore.Results(
              init,
              json.writeValueAsString(tools),
              seen.size() == EarlyAnswerStore.SEEN
                  ? seen
                  : java.util.Collections.nCopies(EarlyAnswerStore.SEEN, "")));
    } catch (IOException | RuntimeException e) {
      LOG.debug("early answers not stored: {}", e.getClass().getSimpleName());
    }
  }

  // The constructor the SDK's own initialize handler uses.
  @SuppressWarnings("deprecation")
  private Object initialize(McpSchema.JSONRPCRequest request) {
    if (!(request.params() instanceof Map<?, ?>)) {
      return null;
    }
    McpSchema.InitializeRequest init = json.convertValue(request.params(), INITIALIZE_REQUEST);
    if (init == null || init.protocolVersion() == null) {
      return null;
    }
    String version =
        SDK_PROTOCOL_VERSIONS.contains(init.protocolVersion())
            ? init.protocolVersion()
            : SDK_PROTOCOL_VERSIONS.get(SDK_PROTOCOL_VERSIONS.size() - 1);
    EarlyAnswerStore.Results kept = stored();
    if (kept != null) {
      return new Raw(kept.initialize().get(SDK_PROTOCOL_VERSIONS.indexOf(version)));
    }
    return new McpSchema.InitializeResult(
        version, server.capabilities(), server.serverInfo(), server.instructions());
  }

  private Object toolsList(McpSchema.JSONRPCRequest request) {
    // The results go together: both from the store (read at initialize) or both fresh.
    if (stored != null) {
      return new Raw(stored.toolsList());
    }
    return McpSchema.ListToolsResult.builder(server.visibleTools().get()).build();
  }

  /** A request id as a key: a string or an integer (the only ids that reach the SDK). */
  private static String key(Object id) {
    if (id instanceof String s) {
      return "s:" + s;
    }
    if (id instanceof Integer || id instanceof Long || id instanceof java.math.BigInteger) {
      return "n:" + id;
    }
    return null;
  }

  private static String key(JsonNode id) {
    if (id == null) {
      return null;
    }
    if (id.isString()) {
      return "s:" + id.asString();
    }
    if (id.isIntegralNumber()) {
      return "n:" + id.bigIntegerValue();
    }
    return null;
  }

  /**
   * The SDK's stdout: its answers to requests answered early are dropped (the first answer with
   * each such id), everything else passes on line by line.
   */
  OutputStream withoutRepeats(OutputStream sdkOut) {
    return new WholeLineOutput() {
      @Override
      protected void line(byte[] whole) throws IOException {
        if (!repeat(whole)) {
          sdkOut.write(whole);
        }
      }

      @Override
      public void flush() throws IOException {
        sdkOut.flush();
      }

      @Override
      public void close() throws IOException {
        sdkOut.close();
      }
    };
  }

  /** Whether a line is the SDK's answer to a request answered early (and forgets that id). */
  private boolean repeat(byte[] line) {
    if (answered.isEmpty()) {
      return false;
    }
    JsonNode node;
    try {
      node = PLAIN.readTree(line);
    } catch (JacksonException e) {
      return false;
    }
    if (node == null
        || !node.isObject()
        || node.has("method")
        || !(node.has("result") || node.has("error"))) {
      return false;
    }
    String key = key(node.get("id"));
    return key != null && answered.remove(key);
  }
}
