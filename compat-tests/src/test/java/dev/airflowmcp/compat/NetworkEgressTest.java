package dev.airflowmcp.compat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged server opens no network connection except to the configured Airflow: it runs under
 * {@code strace -f -e trace=connect} with an empty environment against a fake Airflow on 127.0.0.1,
 * serves initialize, tools/list and a tool call over stdio, and every IPv4/IPv6 {@code connect()}
 * it made must target the fake Airflow.
 */
class NetworkEgressTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern INET =
      Pattern.compile(
          "sa_family=AF_INET, sin_port=htons\\((\\d+)\\), sin_addr=inet_addr\\(\"([^\"]+)\"\\)");
  private static final Pattern INET6 =
      Pattern.compile(
          "sa_family=AF_INET6, sin6_port=htons\\((\\d+)\\),.*?inet_pton\\(AF_INET6, \"([^\"]+)\"");

  @TempDir Path tmp;

  private WireMockServer airflow;

  /** One connect() to an internet address. */
  private record Connect(String address, int port, String line) {}

  @BeforeEach
  void startFakeAirflow() {
    airflow = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    airflow.start();
    airflow.stubFor(
        get(urlPathEqualTo("/api/v2/version"))
            .willReturn(okJson("{\"version\": \"3.2.0\", \"git_version\": null}")));
    airflow.stubFor(
        get(urlPathEqualTo("/api/v2/dags"))
            .willReturn(
                okJson(
                    "{\"dags\": [{\"dag_id\": \"egress_check\", \"is_paused\": false}],"
                        + " \"total_entries\": 1}")));
  }

  @AfterEach
  void stopFakeAirflow() {
    airflow.stop();
  }

  @Test
  void connectsOnlyToTheConfiguredAirflow() throws Exception {
    Optional<Path> strace = strace();
    assumeTrue(strace.isPresent(), "strace is not installed (CI installs it)");
    Path jar = Path.of(System.getProperty("server.jar"));
    assertThat(jar).as("the packaged server jar").isRegularFile();
    Path trace = tmp.resolve("connect.trace");
    Path stderr = tmp.resolve("server.stderr");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    ProcessBuilder builder =
        new ProcessBuilder(
            strace.get().toString(),
            "-f",
            "-qq",
            "-e",
            "trace=connect",
            "-o",
            trace.toString(),
            java,
            "-jar",
            jar.toString(),
            "--transport",
            "stdio",
            "--airflow-url",
            "http://127.0.0.1:" + airflow.port(),
            "--auth-token",
            "egress-test-token");
    builder.environment().clear();
    builder.redirectError(stderr.toFile());
    Process server = builder.start();
    try {
      BlockingQueue<String> lines = readLines(server);
      OutputStream stdin = server.getOutputStream();

      send(
          stdin,
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
              + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
              + "\"clientInfo\":{\"name\":\"egress-test\",\"version\":\"1\"}}}");
      assertThat(response(lines, 1, stderr).path("result").path("serverInfo").isObject()).isTrue();
      send(stdin, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");

      send(stdin, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{}}");
      List<String> tools = new ArrayList<>();
      response(lines, 2, stderr)
          .path("result")
          .path("tools")
          .forEach(t -> tools.add(t.path("name").asString()));
      assertThat(tools).contains("list_dags", "get_airflow_version");

      send(
          stdin,
          "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":"
              + "{\"name\":\"list_dags\",\"arguments\":{\"limit\":5}}}");
      JsonNode call = response(lines, 3, stderr).path("result");
      assertThat(call.path("isError").asBoolean(false)).as(call.toString()).isFalse();
      assertThat(call.toString()).contains("egress_check");

      stdin.close();
      assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("server stops at end of input").isTrue();
    } finally {
      server.destroyForcibly();
      server.waitFor(10, TimeUnit.SECONDS);
    }

    List<Connect> connects = inetConnects(trace);
    assertThat(connects).as("connect() calls to internet addresses").isNotEmpty();
    // Astro would have sent a telemetry event for the tools/call; ours opened nothing but
    // connections to the fake Airflow.
    JsonNode astro = AstroDifferences.astro("telemetry");
    assertThat(astro.get("events_per_tools_call").asInt()).isEqualTo(1);
    assertThat(astro.get("host").asString()).isEqualTo("api.astronomer.io");
    assertThat(connects.stream().filter(c -> c.port() != airflow.port()).count())
        .as("connections anywhere but Airflow")
        .isZero();
    assertThat(connects)
        .allSatisfy(
            c -> {
              assertThat(c.port()).as(c.line()).isEqualTo(airflow.port());
              assertThat(c.address()).as(c.line()).isIn("127.0.0.1", "::ffff:127.0.0.1");
            });
    assertThat(airflow.getAllServeEvents()).isNotEmpty();
  }

  @Test
  void readsInternetConnectsFromStraceOutput() throws IOException {
    Path trace = tmp.resolve("sample.trace");
    Files.writeString(
        trace,
        String.join(
            "\n",
            "2607  connect(4, {sa_family=AF_UNIX, sun_path=\"/var/run/nscd/socket\"}, 110) = -1 ENOENT",
            "2640  connect(9, {sa_family=AF_INET6, sin6_port=htons(42215), sin6_flowinfo=htonl(0),"
                + " inet_pton(AF_INET6, \"::ffff:127.0.0.1\", &sin6_addr), sin6_scope_id=0}, 28) = 0",
            "2641  connect(5, {sa_family=AF_INET, sin_port=htons(53),"
                + " sin_addr=inet_addr(\"192.0.2.53\")}, 16) = 0",
            "2642  --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL} ---",
            ""));
    assertThat(inetConnects(trace))
        .extracting(Connect::address, Connect::port)
        .containsExactly(tuple("::ffff:127.0.0.1", 42215), tuple("192.0.2.53", 53));
  }

  private static ResponseDefinitionBuilder okJson(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  /** Every AF_INET / AF_INET6 connect() in an strace output file, from every thread and child. */
  static List<Connect> inetConnects(Path trace) throws IOException {
    List<Connect> found = new ArrayList<>();
    for (String line : Files.readAllLines(trace, StandardCharsets.UTF_8)) {
      if (!line.contains("connect(")) {
        continue;
      }
      Matcher v4 = INET.matcher(line);
      Matcher v6 = INET6.matcher(line);
      if (v4.find()) {
        found.add(new Connect(v4.group(2), Integer.parseInt(v4.group(1)), line));
      } else if (v6.find()) {
        found.add(new Connect(v6.group(2), Integer.parseInt(v6.group(1)), line));
      } else if (line.contains("AF_INET")) {
        throw new AssertionError("unparsed internet connect(): " + line);
      }
    }
    return found;
  }

  private static Optional<Path> strace() {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    try (Stream<String> dirs = Stream.of(path.split(java.io.File.pathSeparator))) {
      return dirs.map(d -> Path.of(d, "strace")).filter(Files::isExecutable).findFirst();
    }
  }

  static void send(OutputStream stdin, String message) throws IOException {
    stdin.write((message + "\n").getBytes(StandardCharsets.UTF_8));
    stdin.flush();
  }

  static BlockingQueue<String> readLines(Process server) {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  lines.add(line);
                }
              } catch (IOException e) {
                // The process ended; the test notices missing responses.
              }
            },
            "server-stdout");
    reader.setDaemon(true);
    reader.start();
    return lines;
  }

  /** The response with this id; other messages (notifications, logs) are skipped. */
  static JsonNode response(BlockingQueue<String> lines, int id, Path stderr)
      throws InterruptedException, IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      String line = lines.poll(1, TimeUnit.SECONDS);
      if (line == null || line.isBlank()) {
        continue;
      }
      JsonNode message = JSON.readTree(line);
      if (message.path("id").asInt(-1) == id) {
        return message;
      }
    }
    throw new AssertionError(
        "no response to request " + id + "; server stderr:\n" + Files.readString(stderr));
  }
}
