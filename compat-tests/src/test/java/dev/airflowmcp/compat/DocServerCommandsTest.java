package dev.airflowmcp.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command of README.md and docs/ that needs the packaged jar is run (the cli module's
 * DocExamplesTest checks that every shell block has a marker saying how it is run). Commands that
 * start the server (marked {@code <!-- example: server -->}) are run as written with the packaged
 * jar, against the fake Airflow 3: its environment variables and flags are the documented ones,
 * with only what a test must change put in place (the Airflow URL points at the fake, ports are
 * free ones, {@code ...} and {@code <placeholder>} values become a dummy). The server must start,
 * stay up and answer an MCP {@code initialize}: over stdio with a result, over HTTP with 200 or, in
 * a mode that asks callers for credentials, 401. A renamed flag, a removed environment variable or
 * a combination the server refuses fails here. Commands marked {@code <!-- example: jar -->} are
 * run by bash, a shown session compared with what it prints.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class DocServerCommandsTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern MARKER =
      Pattern.compile("^ *<!-- example: (server|jar)(?: .*)? -->\\s*$");

  /** A secret in the task log the {@code jar} examples read; no output may hold it. */
  private static final String LOG_SECRET = "Zq8!vR2#mT6$wK4";

  private static final Pattern FENCE = Pattern.compile("^ *```sh\\s*$");
  private static final Pattern ENV = Pattern.compile("[A-Z][A-Z0-9_]*=.*");
  private static final String DUMMY = "doc-example-placeholder";
  private static final String INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
          + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"docs\",\"version\":\"1\"}}}";

  private FakeAirflow airflow;

  /** One documented block: {@code server} or {@code jar}. */
  record Command(String where, String kind, String text) {
    @Override
    public String toString() {
      return where;
    }
  }

  @BeforeAll
  void start() {
    airflow = FakeAirflow.start(FakeAirflow.Mode.AIRFLOW3);
  }

  @AfterAll
  void stop() {
    airflow.close();
  }

  static Stream<Command> commands() throws IOException {
    return blocks().stream().filter(c -> c.kind().equals("server"));
  }

  static Stream<Command> jarCommands() throws IOException {
    return blocks().stream().filter(c -> c.kind().equals("jar"));
  }

  private static List<Command> blocks() throws IOException {
    List<Path> files = new ArrayList<>();
    files.add(ROOT.resolve("README.md"));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    List<Command> out = new ArrayList<>();
    for (Path file : files) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int i = 1; i < lines.size(); i++) {
        Matcher marker = MARKER.matcher(lines.get(i - 1));
        if (!marker.matches() || !FENCE.matcher(lines.get(i)).matches()) {
          continue;
        }
        StringBuilder body = new StringBuilder();
        int end = i + 1;
        while (end < lines.size() && !lines.get(end).strip().startsWith("```")) {
          body.append(lines.get(end)).append('\n');
          end++;
        }
        out.add(
            new Command(ROOT.relativize(file) + ":" + (i + 1), marker.group(1), body.toString()));
      }
    }
    return out;
  }

  @Test
  void theServerCommandsOfTheDocsAreFound() throws IOException {
    assertThat(commands().map(Command::where))
        .as("README's quick start and the operations guide start servers")
        .anyMatch(w -> w.startsWith("README.md:"))
        .anyMatch(w -> w.startsWith("docs/operations.md:"));
    assertThat(jarCommands().map(Command::where)).as("README's redact examples").isNotEmpty();
  }

  /**
   * A {@code jar} block is run by bash in a folder where {@code airflow-mcp-server.jar} and {@code
   * generated-example/target/airflow-mcp-server.jar} are the packaged jar and {@code task.log} a
   * short task log holding a password. A block of {@code $ command} lines is a session: each
   * command's standard output followed by its standard error must be exactly the lines shown after
   * it. Other blocks must succeed. No output, and no file they write, may hold the log's password.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("jarCommands")
  void theDocumentedJarCommandRunsAsShown(Command command, @TempDir Path dir) throws Exception {
    Path jar = ServerProcess.jar().toAbsolutePath();
    Files.createDirectories(dir.resolve("generated-example/target"));
    Files.createSymbolicLink(dir.resolve("generated-example/target/airflow-mcp-server.jar"), jar);
    Files.createSymbolicLink(dir.resolve("airflow-mcp-server.jar"), jar);
    Files.writeString(
        dir.resolve("task.log"),
        "[2026-12-01T10:00:00.000+0000] {taskinstance.py:1157} INFO - Starting attempt 1 of 1\n"
            + "[2026-12-01T10:00:01.000+0000] {base.py:84} INFO - connecting with password="
            + LOG_SECRET
            + " to warehouse\n");
    List<String[]> steps = new ArrayList<>(); // {command, expected output or null}
    for (String line : command.text().split("\n")) {
      if (line.startsWith("$ ")) {
        steps.add(new String[] {line.substring(2), ""});
      } else if (!steps.isEmpty()) {
        String[] last = steps.get(steps.size() - 1);
        last[1] = last[1] + line + "\n";
      }
    }
    if (steps.isEmpty()) {
      steps.add(new String[] {command.text(), null});
    }
    for (String[] step : steps) {
      Process p =
          new ProcessBuilder("bash", "-e", "-c", step[0])
              .directory(dir.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
      String out = read(p.getInputStream());
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(step[0]).isTrue();
      String both = out + err.get(10, TimeUnit.SECONDS);
      assertThat(p.exitValue()).as(step[0] + "\n" + both).isZero();
      assertThat(both).as(step[0]).doesNotContain(LOG_SECRET);
      if (step[1] != null) {
        assertThat(both).as(step[0]).isEqualTo(step[1]);
      }
    }
    try (Stream<Path> written = Files.list(dir)) {
      for (Path f :
          (Iterable<Path>)
              written.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))::iterator) {
        if (!f.getFileName().toString().equals("task.log")) {
          assertThat(Files.readString(f)).as(f.toString()).doesNotContain(LOG_SECRET);
        }
      }
    }
  }

  private static String read(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void theDocumentedCommandStartsAServer(Command command) throws Exception {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("HOME", System.getProperty("java.io.tmpdir"));
    List<String> args = parse(command, env);
    boolean http =
        args.contains("http") && args.get(args.indexOf("http") - 1).equals("--transport");

    try (ServerProcess server = ServerProcess.start(env, args.toArray(String[]::new))) {
      Process p = server.process();
      if (http) {
        int port = Integer.parseInt(args.get(args.indexOf("--port") + 1));
        server.awaitListening(port);
        HttpResponse<String> answer =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/mcp"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json, text/event-stream")
                        .POST(HttpRequest.BodyPublishers.ofString(INITIALIZE))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(server.stderr()).isIn(200, 401);
        if (answer.statusCode() == 200) {
          assertThat(answer.body()).contains("\"result\"").contains("\"serverInfo\"");
        }
      } else {
        OutputStream in = p.getOutputStream();
        in.write((INITIALIZE + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
        BufferedReader out =
            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line =
            CompletableFuture.supplyAsync(
                    () -> {
                      try {
                        return out.readLine();
                      } catch (IOException e) {
                        return null;
                      }
                    })
                .get(60, TimeUnit.SECONDS);
        assertThat(line).as(server.stderr()).contains("\"result\"").contains("\"serverInfo\"");
      }
      assertThat(p.isAlive()).as(server.stderr()).isTrue();
    }
  }

  /**
   * The command's environment (into {@code env}) and the server's arguments: continuation lines
   * joined, comments dropped, the build before {@code &&} left out (.ci/run runs it), {@code export
   * NAME=value} lines and {@code NAME=value} prefixes as environment, the jar or launcher replaced
   * by the packaged jar.
   */
  private List<String> parse(Command command, Map<String, String> env) {
    String text = command.text().replace("\\\n", " ");
    List<String> args = null;
    for (String line : text.split("\n")) {
      line = line.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("&&");
      line = parts[parts.length - 1].strip();
      List<String> words = words(line);
      if (words.get(0).equals("export")) {
        for (String w : words.subList(1, words.size())) {
          putEnv(env, w);
        }
        continue;
      }
      int i = 0;
      while (i < words.size() && ENV.matcher(words.get(i)).matches()) {
        putEnv(env, words.get(i++));
      }
      assertThat(args).as(command + ": one server command").isNull();
      List<String> rest = words.subList(i, words.size());
      if (rest.size() >= 3 && rest.get(0).equals("java") && rest.get(1).equals("-jar")) {
        args = new ArrayList<>(rest.subList(3, rest.size()));
      } else if (rest.get(0).endsWith("scripts/airflow-mcp-server")) {
        args = new ArrayList<>(rest.subList(1, rest.size()));
      } else {
        throw new AssertionError(command + ": not a server command: " + line);
      }
    }
    assertThat(args).as(command + ": a server command").isNotNull();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (i > 0 && (args.get(i - 1).equals("--port") || args.get(i - 1).equals("--metrics-port"))) {
        args.set(i, Integer.toString(ServerProcess.freePort()));
      } else if (i > 0 && args.get(i - 1).equals("--airflow-url")) {
        args.set(i, airflow.baseUrl());
      } else {
        args.set(i, placeholder(a));
      }
    }
    if (args.contains("--transport")
        && args.get(args.indexOf("--transport") + 1).equals("http")
        && !args.contains("--port")) {
      args.add("--port");
      args.add(Integer.toString(ServerProcess.freePort()));
    }
    return args;
  }

  private void putEnv(Map<String, String> env, String assignment) {
    int eq = assignment.indexOf('=');
    String name = assignment.substring(0, eq);
    String value = assignment.substring(eq + 1);
    env.put(name, name.equals("AIRFLOW_API_URL") ? airflow.baseUrl() : placeholder(value));
  }

  private static String placeholder(String value) {
    return value.equals("...") || (value.startsWith("<") && value.endsWith(">")) ? DUMMY : value;
  }

  /** Words of a shell line: blanks split, single or double quotes group (no escapes needed). */
  private static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    Matcher m = Pattern.compile("\"([^\"]*)\"|'([^']*)'|[^\\s\"'<]*<[^>]*>\\S*|\\S+").matcher(line);
    while (m.find()) {
      words.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group());
    }
    return words;
  }
}
