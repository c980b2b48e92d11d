package dev.airflowmcp.runtime.server;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.airflowmcp.runtime.auth.StaticTokenCredentials;
import dev.airflowmcp.runtime.pipeline.ToolPipeline;
import dev.airflowmcp.runtime.server.revision.Revisions;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The opening answered before the SDK's server is built ({@link EarlyAnswers}) against the SDK's
 * own answers: the same stdin through both paths must give the same stdout lines, byte for byte.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EarlyAnswersTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String INITIALIZED =
      "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

  private WireMockServer airflow;
  private ServerRuntime runtime;
  private ToolPipeline pipeline;
  @TempDir Path dir;

  @BeforeEach
  void start() {
    airflow = new WireMockServer(options().dynamicPort());
    airflow.start();
    airflow.stubFor(
        get(urlEqualTo("/api/v2/version")).willReturn(okJson("{\"version\":\"3.0.2\"}")));
    pipeline = McpCalls.stdioPipeline(airflow.port());
    runtime = McpCalls.stdioRuntime(pipeline);
  }

  @AfterEach
  void stop() {
    airflow.stop();
  }

  private static String initialize(String id, String version, String capabilities) {
    return "{\"jsonrpc\":\"2.0\",\"id\":"
        + id
        + ",\"method\":\"initialize\",\"params\":{"
        + (version == null ? "" : "\"protocolVersion\":\"" + version + "\",")
        + "\"capabilities\":"
        + capabilities
        + ",\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}";
  }

  private static String request(String id, String method, String params) {
    return "{\"jsonrpc\":\"2.0\",\"id\":"
        + id
        + ",\"method\":\""
        + method
        + "\""
        + (params == null ? "" : ",\"params\":" + params)
        + "}";
  }

  /** One opening, and how many of its requests the early path answers. */
  record Case(String name, List<String> lines, int early) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    List<Case> cases = new ArrayList<>();
    List<String> versions = new ArrayList<>(Revisions.LEGACY);
    versions.addAll(List.of("2099-01-01", Revisions.MODERN, "2024-10-07", ""));
    for (String v : versions) {
      cases.add(
          new Case(
              "version " + v,
              List.of(
                  initialize("1", v, "{}"),
                  INITIALIZED,
                  request("2", "tools/list", null),
                  request("3", "ping", null)),
              2));
    }
    cases.add(
        new Case(
            "string ids with escapes",
            List.of(
                initialize("\"init-\\u00e9\\\"x\"", "2025-06-18", "{}"),
                INITIALIZED,
                request("\"list \\\\ 2\"", "tools/list", "{}")),
            2));
    cases.add(
        new Case(
            "big integer ids",
            List.of(
                initialize("9007199254740993", "2025-11-25", "{}"),
                INITIALIZED,
                request("0", "tools/list", null)),
            2));
    cases.add(
        new Case(
            "client capabilities and extensions",
            List.of(
                initialize(
                    "1",
                    "2025-11-25",
                    "{\"roots\":{\"listChanged\":true},\"sampling\":{},\"elicitation\":{},"
                        + "\"extensions\":{\"io.modelcontextprotocol/tasks\":{}},"
                        + "\"experimental\":{\"x\":{\"y\":1}}}"),
                INITIALIZED,
                request("2", "tools/list", "{\"_meta\":{\"progressToken\":5}}")),
            2));
    cases.add(
        new Case(
            "tools/list with a cursor",
            List.of(
                initialize("1", "2025-03-26", "{}"),
                INITIALIZED,
                request("2", "tools/list", "{\"cursor\":\"abc\"}"),
                request("3", "tools/list", null)),
            2));
    cases.add(
        new Case(
            "no protocolVersion (the SDK answers it as an unknown one)",
            List.of(initialize("1", null, "{}"), INITIALIZED, request("2", "tools/list", null)),
            2));
    cases.add(
        new Case(
            "ping first",
            List.of(
                request("0", "ping", null),
                initialize("1", "2025-06-18", "{}"),
                INITIALIZED,
                request("2", "tools/list", null)),
            0));
    cases.add(
        new Case(
            "tools/list before initialized",
            List.of(
                initialize("1", "2025-06-18", "{}"), request("2", "tools/list", null), INITIALIZED),
            1));
    cases.add(
        new Case(
            "a call instead of tools/list",
            List.of(
                initialize("1", "2025-06-18", "{}"),
                INITIALIZED,
                request("2", "resources/list", null),
                request("3", "tools/list", null)),
            1));
    cases.add(
        new Case(
            "a 2026 request first",
            List.of(
                request(
                    "\"d\"",
                    "server/discover",
                    "{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"}}"),
                initialize("1", "2025-06-18", "{}"),
                INITIALIZED,
                request("2", "tools/list", null)),
            0));
    cases.add(
        new Case(
            "same id twice",
            List.of(
                initialize("1", "2025-06-18", "{}"),
                INITIALIZED,
                request("1", "tools/list", null),
                request("1", "ping", null)),
            1));
    return cases.stream();
  }

  /** Stdout of one run, stdin closed after {@code lines}. */
  private List<String> serve(List<String> lines, boolean early, AtomicInteger answered)
      throws InterruptedException {
    byte[] input = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    StdioServer.run(runtime, new ByteArrayInputStream(input), stdout, early, answered);
    List<String> out = new ArrayList<>();
    for (String line : stdout.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        out.add(line);
      }
    }
    return out;
  }

  /** Stdout of one run through the early path with a store. */
  private static List<String> serveStored(
      ServerRuntime server, List<String> lines, Path store, String code, AtomicInteger fromStore)
      throws InterruptedException {
    byte[] input = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    AtomicInteger answered = new AtomicInteger(-1);
    StdioServer.run(
        server, new ByteArrayInputStream(input), stdout, true, answered, store, code, fromStore);
    List<String> out = new ArrayList<>();
    for (String line : stdout.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        out.add(line);
      }
    }
    return out;
  }

  /** The usual opening, at another version and other ids than most cases. */
  private static final List<String> PRIMING =
      List.of(
          initialize("\"prime\"", "2025-03-26", "{}"),
          INITIALIZED,
          request("77", "tools/list", null));

  /** Reply lines by id (in order of their ids' first reply), other lines after them in order. */
  private static Map<String, List<String>> byId(List<String> lines) {
    Map<String, List<String>> byId = new TreeMap<>();
    for (String line : lines) {
      JsonNode node = JSON.readTree(line);
      String key = node.has("id") && !node.has("method") ? node.get("id").toString() : "~other";
      byId.computeIfAbsent(key, k -> new ArrayList<>()).add(line);
    }
    return byId;
  }

  @ParameterizedTest
  @MethodSource("cases")
  void theEarlyPathWritesTheSdksOwnLines(Case c) throws Exception {
    List<String> sdk = serve(c.lines(), false, null);
    AtomicInteger answered = new AtomicInteger(-1);
    List<String> early = serve(c.lines(), true, answered);

    assertThat(byId(early)).isEqualTo(byId(sdk));
    assertThat(answered.get()).as("requests answered early").isEqualTo(c.early());
    assertThat(sdk).isNotEmpty();
  }

  /**
   * The stored path: a store written by one opening (another version, other ids) answers every
   * case's opening with the SDK's own lines, byte for byte, and without serialising anything.
   */
  @ParameterizedTest
  @MethodSource("cases")
  void theStoredPathWritesTheSdksOwnLines(Case c) throws Exception {
    List<String> sdk = serve(c.lines(), false, null);
    Path store = dir.resolve("answers");
    AtomicInteger fromStore = new AtomicInteger(-1);
    List<String> primed = serveStored(runtime, PRIMING, store, "code-1", fromStore);
    assertThat(primed).hasSize(2);
    assertThat(fromStore.get()).as("nothing stored yet").isZero();
    assertThat(store).exists();

    List<String> stored = serveStored(runtime, c.lines(), store, "code-1", fromStore);

    assertThat(byId(stored)).isEqualTo(byId(sdk));
    assertThat(fromStore.get()).as("answers from the store").isEqualTo(c.early());
  }

  /** Replaces the tools/list result in a store, keeping its key and a valid checksum. */
  private static void tamper(Path store, String key) throws IOException {
    EarlyAnswerStore.Results r = EarlyAnswerStore.read(store, key);
    assertThat(r).isNotNull();
    Files.write(
        store,
        EarlyAnswerStore.encode(
            key, new EarlyAnswerStore.Results(r.initialize(), "{\"tools\":[],\"stored\":1}")));
  }

  // What StdioServer builds the key from (the SDK's deprecated constructors, as there).
  @SuppressWarnings("deprecation")
  private String key(ServerRuntime server, String code) {
    List<io.modelcontextprotocol.spec.McpSchema.Tool> defs = new ArrayList<>();
    for (ToolRegistry.Entry e : server.registry().entries()) {
      defs.add(server.definition(e));
    }
    return StdioServer.earlyAnswersKey(
        code,
        defs,
        server.hiddenTools(),
        new io.modelcontextprotocol.spec.McpSchema.Implementation(
            server.registry().serverName(), server.version()),
        ServerRuntime.capabilities(server.registry()).mutate().logging().build(),
        server.registry().instructions());
  }

  /** A store with the right key and checksum is what is sent: it is trusted, and nothing else. */
  @Test
  void aValidStoreIsWhatIsSent() throws Exception {
    Path store = dir.resolve("answers");
    AtomicInteger fromStore = new AtomicInteger(-1);
    serveStored(runtime, PRIMING, store, "code-1", fromStore);
    tamper(store, key(runtime, "code-1"));

    List<String> out = serveStored(runtime, PRIMING, store, "code-1", fromStore);

    assertThat(fromStore.get()).isEqualTo(2);
    assertThat(out.get(1))
        .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":77,\"result\":{\"tools\":[],\"stored\":1}}");
  }

  /**
   * The same opening again (the same client): its lines are answered with the stored lines without
   * being read; the bytes are the SDK's, and what is sent is the stored line.
   */
  @Test
  void theSameOpeningAgainGetsTheStoredLines() throws Exception {
    List<String> sdk = serve(PRIMING, false, null);
    Path store = dir.resolve("answers");
    AtomicInteger fromStore = new AtomicInteger(-1);
    serveStored(runtime, PRIMING, store, "code-1", fromStore);
    String key = key(runtime, "code-1");
    EarlyAnswerStore.Results r = EarlyAnswerStore.read(store, key);
    assertThat(r.seen())
        .containsExactly(PRIMING.get(0), sdk.get(0), "s:prime", PRIMING.get(2), sdk.get(1), "n:77");

    assertThat(serveStored(runtime, PRIMING, store, "code-1", fromStore)).isEqualTo(sdk);
    assertThat(fromStore.get()).isEqualTo(2);

    List<String> seen = new ArrayList<>(r.seen());
    seen.set(4, "{\"jsonrpc\":\"2.0\",\"id\":77,\"result\":{\"seen\":1}}");
    Files.write(
        store,
        EarlyAnswerStore.encode(
            key, new EarlyAnswerStore.Results(r.initialize(), r.toolsList(), seen)));
    List<String> out = serveStored(runtime, PRIMING, store, "code-1", fromStore);
    assertThat(out.get(1)).isEqualTo(seen.get(4));
    // Another line (another id): read, and answered from the stored results.
    List<String> other = List.of(PRIMING.get(0), INITIALIZED, request("78", "tools/list", null));
    assertThat(serveStored(runtime, other, store, "code-1", fromStore))
        .isEqualTo(serve(other, false, null));
    assertThat(fromStore.get()).isEqualTo(2);
  }

  /**
   * Every store that is not exactly this start's is computed afresh (and rewritten for this start):
   * another jar's, another tool filter's, another output shape's, a truncated one, a corrupted one,
   * an empty or foreign file.
   */
  @Test
  void aStoreInDoubtIsNotUsed() throws Exception {
    List<String> sdk = serve(PRIMING, false, null);
    Path store = dir.resolve("answers");
    AtomicInteger fromStore = new AtomicInteger(-1);
    serveStored(runtime, PRIMING, store, "code-1", fromStore);
    byte[] good = Files.readAllBytes(store);

    // Written by another jar (another class path): fresh, then stored for this one.
    tamper(store, key(runtime, "code-1"));
    assertThat(serveStored(runtime, PRIMING, store, "code-2", fromStore)).isEqualTo(sdk);
    assertThat(fromStore.get()).isZero();
    assertThat(serveStored(runtime, PRIMING, store, "code-2", fromStore)).isEqualTo(sdk);
    assertThat(fromStore.get()).isEqualTo(2);

    // Truncated anywhere, or one byte changed anywhere (the key, a length, the results).
    for (int cut : new int[] {0, 10, good.length / 2, good.length - 1}) {
      Files.write(store, java.util.Arrays.copyOf(good, cut));
      assertThat(serveStored(runtime, PRIMING, store, "code-1", fromStore)).isEqualTo(sdk);
      assertThat(fromStore.get()).as("truncated at %d", cut).isZero();
    }
    for (int at : new int[] {3, 30, 40, good.length / 2, good.length - 2}) {
      byte[] bad = good.clone();
      bad[at] ^= 0x04;
      Files.write(store, bad);
      assertThat(serveStored(runtime, PRIMING, store, "code-1", fromStore)).isEqualTo(sdk);
      assertThat(fromStore.get()).as("byte %d changed", at).isZero();
    }
    Files.write(store, "{\"tools\":[]}".getBytes(StandardCharsets.UTF_8));
    assertThat(serveStored(runtime, PRIMING, store, "code-1", fromStore)).isEqualTo(sdk);
    assertThat(fromStore.get()).isZero();

    // Another tool filter (no alias hidden: the same list, other names callable) and another
    // output shape (structured output: every tool with an outputSchema).
    for (ServerRuntime other :
        List.of(
            new ServerRuntime(
                ToolRegistry.of(
                    new TestCatalog(TestCatalog.defaultTools(), TestCatalog.MANIFEST, Map.of()),
                    getClass().getClassLoader()),
                pipeline,
                new StaticTokenCredentials("stdio-token"),
                "9.9.9-test"),
            new ServerRuntime(
                runtime.registry(),
                pipeline,
                new StaticTokenCredentials("stdio-token"),
                "9.9.9-test",
                true,
                () -> {},
                true))) {
      Files.write(store, good);
      byte[] input = (String.join("\n", PRIMING) + "\n").getBytes(StandardCharsets.UTF_8);
      ByteArrayOutputStream sdkOut = new ByteArrayOutputStream();
      StdioServer.run(other, new ByteArrayInputStream(input), sdkOut, false, null);
      List<String> expected = List.of(sdkOut.toString(StandardCharsets.UTF_8).strip().split("\n"));
      assertThat(serveStored(other, PRIMING, store, "code-1", fromStore)).isEqualTo(expected);
      assertThat(fromStore.get()).isZero();
    }
    // Each of them stored its own results, for its own key, in place of the first runtime's.
    assertThat(EarlyAnswerStore.read(store, key(runtime, "code-1"))).isNull();
  }

  /** Stdout of one run through the early path with a store named by its key under {@code base}. */
  private static List<String> serveNamed(
      ServerRuntime server, Path base, String code, AtomicInteger fromStore)
      throws InterruptedException {
    byte[] input = (String.join("\n", PRIMING) + "\n").getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    StdioServer.run(
        server,
        new ByteArrayInputStream(input),
        stdout,
        true,
        new AtomicInteger(),
        base,
        code,
        fromStore,
        true);
    return List.of(stdout.toString(StandardCharsets.UTF_8).strip().split("\n"));
  }

  /**
   * Two configurations of one jar whose answers differ (here: structured output off and on) keep a
   * store each, named by a hash of its key, instead of rewriting one file in turn: after one start
   * of each, every further start of either is answered from its own store.
   */
  @Test
  void configurationsWithOtherAnswersKeepAStoreEach() throws Exception {
    ServerRuntime structured =
        new ServerRuntime(
            runtime.registry(),
            pipeline,
            new StaticTokenCredentials("stdio-token"),
            "9.9.9-test",
            true,
            () -> {},
            true);
    Path base = dir.resolve("airflow-mcp-server-1-2-stdio-quick.answers");
    AtomicInteger fromStore = new AtomicInteger(-1);
    List<String> plainFirst = serveNamed(runtime, base, "code-1", fromStore);
    List<String> structuredFirst = serveNamed(structured, base, "code-1", fromStore);
    assertThat(plainFirst).isNotEqualTo(structuredFirst);

    Path plainFile = EarlyAnswerStore.named(base, key(runtime, "code-1"));
    Path structuredFile = EarlyAnswerStore.named(base, key(structured, "code-1"));
    assertThat(plainFile).isNotEqualTo(structuredFile);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactlyInAnyOrder(plainFile, structuredFile);
    }
    byte[] plainBytes = Files.readAllBytes(plainFile);
    byte[] structuredBytes = Files.readAllBytes(structuredFile);
    for (int round = 0; round < 2; round++) {
      assertThat(serveNamed(runtime, base, "code-1", fromStore)).isEqualTo(plainFirst);
      assertThat(fromStore.get()).as("plain, from its store").isEqualTo(2);
      assertThat(serveNamed(structured, base, "code-1", fromStore)).isEqualTo(structuredFirst);
      assertThat(fromStore.get()).as("structured, from its store").isEqualTo(2);
    }
    assertThat(Files.readAllBytes(plainFile)).as("not rewritten").isEqualTo(plainBytes);
    assertThat(Files.readAllBytes(structuredFile)).isEqualTo(structuredBytes);
  }

  @Test
  void theStoresNameCarriesAHashOfItsKey() {
    Path base = dir.resolve("airflow-mcp-server-1-2-stdio.answers");
    Path one = EarlyAnswerStore.named(base, "key one");
    assertThat(one.getParent()).isEqualTo(dir);
    assertThat(one.getFileName().toString())
        .matches("airflow-mcp-server-1-2-stdio\\.[0-9a-f]{8}\\.answers");
    assertThat(EarlyAnswerStore.named(base, "key one")).isEqualTo(one);
    assertThat(EarlyAnswerStore.named(base, "key two")).isNotEqualTo(one);
    assertThat(EarlyAnswerStore.named(Path.of("answers"), "k").toString())
        .matches("answers\\.[0-9a-f]{8}");
  }

  /**
   * Temporary files that servers killed mid-write left are removed by age, not by name: an old one
   * goes, a fresh one (a start writing its store right now) stays, and so does everything else.
   */
  @Test
  void staleTemporaryFilesAreRemovedByAge() throws Exception {
    long now = System.currentTimeMillis();
    long hour = 60L * 60 * 1000;
    Path old = Files.writeString(dir.resolve("a-stdio.1234abcd.answers.991.tmp"), "half");
    Path oldUnhashed = Files.writeString(dir.resolve("a-stdio.answers.992.tmp"), "half");
    Path fresh = Files.writeString(dir.resolve("a-stdio.1234abcd.answers.993.tmp"), "half");
    Path archiveTmp = Files.writeString(dir.resolve("a-stdio.jsa.994.tmp"), "x");
    Path store = Files.writeString(dir.resolve("a-stdio.1234abcd.answers"), "x");
    Path directory = Files.createDirectory(dir.resolve("b.answers.995.tmp"));
    for (Path p : List.of(old, oldUnhashed, archiveTmp, store, directory)) {
      Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.fromMillis(now - 2 * hour));
    }
    Files.setLastModifiedTime(fresh, java.nio.file.attribute.FileTime.fromMillis(now - 60_000));

    assertThat(EarlyAnswerStore.sweep(dir.resolve("x.answers"), now, hour)).isEqualTo(2);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactlyInAnyOrder(fresh, archiveTmp, store, directory);
    }
    assertThat(EarlyAnswerStore.sweep(dir.resolve("x.answers"), now, hour)).isZero();
    assertThat(EarlyAnswerStore.sweep(dir.resolve("missing/x.answers"), now, hour)).isZero();
  }

  /** A start with a store sweeps its directory (after its answers): the old leftover is gone. */
  @Test
  void aStartRemovesStaleTemporaryFiles() throws Exception {
    Path old = Files.writeString(dir.resolve("s-stdio.0000abcd.answers.1.tmp"), "half");
    Path fresh = Files.writeString(dir.resolve("s-stdio.0000abcd.answers.2.tmp"), "half");
    Files.setLastModifiedTime(
        old,
        java.nio.file.attribute.FileTime.fromMillis(
            System.currentTimeMillis() - EarlyAnswerStore.STALE_TEMPORARY_MILLIS - 60_000));
    serveNamed(runtime, dir.resolve("s-stdio.answers"), "code-1", new AtomicInteger());
    assertThat(old).doesNotExist();
    assertThat(fresh).exists();
  }

  /** The key does not depend on which objects hold the tools: two loads give one key. */
  @Test
  void theKeyIsTheSameForTheSameTools() {
    ServerRuntime again = McpCalls.stdioRuntime(pipeline);
    assertThat(key(again, "c")).isEqualTo(key(runtime, "c")).isNotEqualTo(key(runtime, "d"));
  }

  /**
   * Only a regular file is read: a link to a valid store, a directory and a FIFO (which would block
   * the start for ever) are not, and the reader returns at once.
   */
  @Test
  void onlyARegularFileIsReadAsAStore() throws Exception {
    Path real = dir.resolve("real");
    EarlyAnswerStore.write(
        real, "k", new EarlyAnswerStore.Results(List.of("a", "b", "c", "d"), "{}"));
    assertThat(EarlyAnswerStore.read(real, "k")).isNotNull();

    Path link = Files.createSymbolicLink(dir.resolve("link"), real);
    assertThat(EarlyAnswerStore.read(link, "k")).isNull();
    assertThat(EarlyAnswerStore.read(Files.createDirectory(dir.resolve("directory")), "k"))
        .isNull();

    Path fifo = dir.resolve("fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    org.junit.jupiter.api.Assumptions.assumeTrue(
        mkfifo.waitFor() == 0 && Files.exists(fifo), "mkfifo is available");
    assertThat(EarlyAnswerStore.read(fifo, "k")).isNull();
  }

  /** Two servers writing at once: a reader sees a whole store or none, never a broken one. */
  @Test
  void concurrentWritersLeaveAWholeStore() throws Exception {
    Path store = dir.resolve("answers");
    String big = "x".repeat(200_000);
    List<CompletableFuture<Void>> writers = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      String tools = "{\"w\":" + w + ",\"pad\":\"" + big + "\"}";
      writers.add(
          CompletableFuture.runAsync(
              () -> {
                for (int i = 0; i < 30; i++) {
                  try {
                    EarlyAnswerStore.write(
                        store,
                        "k",
                        new EarlyAnswerStore.Results(List.of("a", "b", "c", "d"), tools));
                  } catch (IOException e) {
                    throw new IllegalStateException(e);
                  }
                }
              }));
    }
    int seen = 0;
    while (!writers.stream().allMatch(CompletableFuture::isDone)) {
      if (Files.exists(store)) {
        EarlyAnswerStore.Results r = EarlyAnswerStore.read(store, "k");
        assertThat(r).as("a store being replaced reads whole").isNotNull();
        assertThat(r.toolsList()).endsWith(big + "\"}");
        seen++;
      }
    }
    CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get();
    assertThat(EarlyAnswerStore.read(store, "k")).isNotNull();
    assertThat(EarlyAnswerStore.read(store, "other key")).isNull();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).as("no temporary files left").containsExactly(store);
    }
    assertThat(seen).isPositive();
  }

  @Test
  void theVersionListIsTheSdkTransports() {
    assertThat(EarlyAnswers.SDK_PROTOCOL_VERSIONS)
        .isEqualTo(
            new StdioServerTransportProvider(
                    McpJsonDefaults.getMapper(),
                    InputStream.nullInputStream(),
                    OutputStream.nullOutputStream())
                .protocolVersions());
  }

  /**
   * An interactive client: each answer is read before the next message is sent, stdin stays open
   * until the end; the session then goes on on the SDK (a call, a ping) with no answer twice.
   */
  @Test
  void anInteractiveOpeningIsAnsweredEarlyAndTheSessionGoesOn() throws Exception {
    airflow.stubFor(
        get(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/api/v2/dags/etl"))
            .willReturn(okJson("{\"dag_id\":\"etl\"}")));
    PipedOutputStream toServer = new PipedOutputStream();
    PipedInputStream stdin = new PipedInputStream(toServer, 1 << 16);
    PipedInputStream fromServer = new PipedInputStream(1 << 20);
    PipedOutputStream stdout = new PipedOutputStream(fromServer);
    AtomicInteger answered = new AtomicInteger(-1);
    CompletableFuture<Void> server =
        CompletableFuture.runAsync(
            () -> {
              try {
                StdioServer.run(runtime, stdin, stdout, true, answered);
                stdout.close();
              } catch (InterruptedException | IOException e) {
                throw new IllegalStateException(e);
              }
            });
    java.io.BufferedReader replies =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(fromServer, StandardCharsets.UTF_8));
    send(toServer, initialize("1", "2025-06-18", "{}"));
    assertThat(JSON.readTree(replies.readLine()).at("/result/protocolVersion").asString())
        .isEqualTo("2025-06-18");
    send(toServer, INITIALIZED);
    send(toServer, request("2", "tools/list", null));
    JsonNode list = JSON.readTree(replies.readLine());
    assertThat(list.get("id").asInt()).isEqualTo(2);
    assertThat(list.at("/result/tools").size()).isPositive();
    send(
        toServer,
        request("3", "tools/call", "{\"name\":\"get_dag\",\"arguments\":{\"dag_id\":\"etl\"}}"));
    send(toServer, request("4", "ping", null));
    List<JsonNode> rest = new ArrayList<>();
    rest.add(JSON.readTree(replies.readLine()));
    rest.add(JSON.readTree(replies.readLine()));
    toServer.close();
    server.get(30, TimeUnit.SECONDS);
    assertThat(replies.readLine()).as("nothing after the last answer").isNull();
    assertThat(rest).extracting(n -> n.get("id").asInt()).containsExactlyInAnyOrder(3, 4);
    assertThat(answered.get()).isEqualTo(2);
  }

  private static void send(OutputStream out, String line) throws IOException {
    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
