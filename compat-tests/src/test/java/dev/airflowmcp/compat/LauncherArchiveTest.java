package dev.airflowmcp.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher {@code scripts/airflow-mcp-server} and its class-data-sharing archive: a server's
 * first run records the archive, later runs map it, a rebuilt jar gets a new one (also when it is
 * rebuilt within the same minute at the same size, as reproducible builds are), and runs that load
 * a small part of the server ({@code --help}, a bad option) record none. Beside the archive, the
 * opening's answers ({@code initialize}, {@code tools/list}) are stored by the first run and sent
 * by later ones, the same bytes as without them; a broken store is recomputed.
 */
class LauncherArchiveTest {
  private static final Path LAUNCHER = Path.of("../scripts/airflow-mcp-server");
  private static final String REFUSED = "Unable to use shared archive";

  /** One launcher run: its exit status, stdout and stderr. */
  record Run(int status, String stdout, String stderr) {}

  @TempDir Path dir;

  @Test
  void theFirstRunRecordsTheArchiveLaterRunsUseItAndARebuiltJarGetsANewOne() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh");
    Path jar = dir.resolve("airflow-mcp-server.jar");
    Files.copy(ServerProcess.jar(), jar);
    Path cache = dir.resolve("cache");
    Instant built = Instant.parse("2026-01-01T10:00:05Z");
    Files.setLastModifiedTime(jar, FileTime.from(built));

    Run help = run(jar, cache, List.of("--help"), false);
    assertThat(help.status()).isZero();
    assertThat(help.stdout()).contains("Usage");
    assertThat(archives(cache)).as("--help records no archive").isEmpty();

    Run bad = run(jar, cache, List.of("--no-such-option"), false);
    assertThat(bad.status()).as(bad.stderr()).isEqualTo(2);
    assertThat(archives(cache)).as("a run that could not start records no archive").isEmpty();

    Run plain = run(jar, dir.resolve("no-cache"), List.of("--transport", "stdio"), true, false);
    assertAnswered(plain);
    assertThat(answers(dir.resolve("no-cache"))).as("no store without the archive").isEmpty();

    Run first = run(jar, cache, List.of("--transport", "stdio"), true);
    assertAnswered(first);
    List<Path> recorded = archives(cache);
    assertThat(recorded).as("the first server run records one archive").hasSize(1);
    FileTime written = Files.getLastModifiedTime(recorded.get(0));
    List<Path> stored = answers(cache);
    assertThat(stored).as("and stores the opening's answers beside it").hasSize(1);
    FileTime storedAt = Files.getLastModifiedTime(stored.get(0));
    assertThat(first.stdout()).isEqualTo(plain.stdout());

    Run second = run(jar, cache, List.of("--transport", "stdio"), true);
    assertAnswered(second);
    assertThat(second.stderr()).doesNotContain(REFUSED);
    assertThat(archives(cache)).as("a later run uses the archive").isEqualTo(recorded);
    assertThat(Files.getLastModifiedTime(recorded.get(0))).isEqualTo(written);
    assertThat(second.stdout()).as("the stored answers, byte for byte").isEqualTo(plain.stdout());
    assertThat(answers(cache)).isEqualTo(stored);
    assertThat(Files.getLastModifiedTime(stored.get(0)))
        .as("used, not rewritten")
        .isEqualTo(storedAt);

    // A truncated store: computed afresh (the same bytes) and written whole again.
    byte[] whole = Files.readAllBytes(stored.get(0));
    Files.write(stored.get(0), java.util.Arrays.copyOf(whole, whole.length / 2));
    Run broken = run(jar, cache, List.of("--transport", "stdio"), true);
    assertAnswered(broken);
    assertThat(broken.stdout()).isEqualTo(plain.stdout());
    assertThat(Files.readAllBytes(stored.get(0))).isEqualTo(whole);

    // The same jar rebuilt one second later: same size, same minute.
    Files.setLastModifiedTime(jar, FileTime.from(built.plusSeconds(1)));
    Run rebuilt = run(jar, cache, List.of("--transport", "stdio"), true);
    assertAnswered(rebuilt);
    assertThat(rebuilt.stderr()).doesNotContain(REFUSED);
    List<Path> renewed = archives(cache);
    assertThat(renewed).as("the rebuilt jar's archive replaces the old one").hasSize(1);
    assertThat(renewed).doesNotContainAnyElementsOf(recorded);
    assertThat(answers(cache)).as("and its answers the old ones").hasSize(1);
    assertThat(answers(cache)).doesNotContainAnyElementsOf(stored);
    assertThat(rebuilt.stdout()).isEqualTo(plain.stdout());

    Run after = run(jar, cache, List.of("--transport", "stdio"), true);
    assertAnswered(after);
    assertThat(after.stderr()).as("the JVM maps the new archive").doesNotContain(REFUSED);
    assertThat(archives(cache)).isEqualTo(renewed);
  }

  private static void assertAnswered(Run run) {
    assertThat(run.status()).as(run.stderr()).isZero();
    assertThat(run.stdout()).as(run.stderr()).contains("\"id\":2").contains("\"tools\"");
  }

  private static List<Path> archives(Path cache) throws IOException {
    return files(cache, ".jsa");
  }

  private static List<Path> answers(Path cache) throws IOException {
    return files(cache, ".answers");
  }

  /** The cache's files of one kind; a file of another kind there fails the test. */
  private static List<Path> files(Path cache, String suffix) throws IOException {
    if (!Files.isDirectory(cache)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(cache)) {
      List<Path> all = files.sorted().toList();
      assertThat(all)
          .as("only archives and stored answers")
          .allMatch(f -> f.toString().endsWith(".jsa") || f.toString().endsWith(".answers"));
      return all.stream().filter(f -> f.toString().endsWith(suffix)).toList();
    }
  }

  /** Runs the launcher; for a server, stdin carries initialize and tools/list, then ends. */
  private Run run(Path jar, Path cache, List<String> args, boolean session) throws Exception {
    return run(jar, cache, args, session, true);
  }

  private Run run(Path jar, Path cache, List<String> args, boolean session, boolean cds)
      throws Exception {
    Path in = dir.resolve("stdin");
    Files.writeString(
        in,
        session
            ? "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":"
                + "{\"name\":\"launcher-test\",\"version\":\"1\"}}}\n"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}\n"
            : "",
        StandardCharsets.UTF_8);
    Path out = dir.resolve("stdout");
    Path err = dir.resolve("stderr");
    ProcessBuilder pb =
        new ProcessBuilder(
            Stream.concat(Stream.of("/bin/sh", LAUNCHER.toString()), args.stream()).toList());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("AIRFLOW_") || k.startsWith("MCP_"));
    env.remove("JAVA_OPTS");
    env.put("AIRFLOW_MCP_JAR", jar.toString());
    env.put("AIRFLOW_MCP_CACHE_DIR", cache.toString());
    if (!cds) {
      env.put("AIRFLOW_MCP_CDS", "off");
    }
    env.put("AIRFLOW_API_URL", "http://127.0.0.1:9");
    env.put("AIRFLOW_AUTH_TOKEN", "launcher-test");
    pb.redirectInput(in.toFile());
    pb.redirectOutput(out.toFile());
    pb.redirectError(err.toFile());
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the launcher did not end: " + Files.readString(err));
    }
    return new Run(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
