package dev.airflowmcp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airflowmcp.cli.DocExamples.Example;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Every YAML and shell example of README.md and docs/ is run the way its marker says (see {@link
 * DocExamples}), so an example cannot rot: a tool spec is generated on the committed Airflow specs,
 * a command is run by bash.
 */
class DocExamplesTest {
  private static final Path SPECS = Path.of(System.getProperty("airflow.specs.dir"));
  private static final String CLI_JAR = "cli/target/airflow-mcp-codegen-cli.jar";

  @TempDir Path tmp;

  static Stream<Example> toolSpecs() throws IOException {
    DocExamples all = DocExamples.read();
    return Stream.concat(all.of("tool-spec").stream(), all.of("tool-spec-part").stream());
  }

  static Stream<Example> yaml() throws IOException {
    return DocExamples.read().of("yaml").stream();
  }

  static Stream<Example> commands() throws IOException {
    return DocExamples.read().of("run").stream();
  }

  @Test
  void everyYamlAndShellExampleSaysHowItIsRun() throws IOException {
    DocExamples all = DocExamples.read();
    assertThat(all.unmarked())
        .as("```yaml and ```sh blocks without <!-- example: KIND --> on the line before")
        .isEmpty();
    assertThat(all.examples())
        .allSatisfy(e -> assertThat(DocExamples.KINDS).as(e.where()).contains(e.kind()));
    assertThat(all.of("not-run"))
        .allSatisfy(e -> assertThat(e.argument()).as(e.where() + ": the reason").isNotBlank());
    assertThat(all.of("tool-spec-part"))
        .allSatisfy(e -> assertThat(context(e.argument())).as(e.where()).contains("#EXAMPLE"));
    // The vendor guide's overlay is pasted as is into the workspace the README's CLI call reads.
    assertThat(all.of("tool-spec"))
        .extracting(Example::namedPath)
        .contains("src/main/airflow-mcp/tools.yaml");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("toolSpecs")
  void toolSpecExamplesGenerate(Example example) throws IOException {
    String yaml =
        example.kind().equals("tool-spec")
            ? example.body()
            : insert(context(example.argument()), example.body());
    Path file = tmp.resolve("tools.yaml");
    Files.writeString(file, yaml);

    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "generate",
                "--spec",
                SPECS.resolve("airflow-2.11.1-v1.yaml").toString(),
                "--spec",
                SPECS.resolve("airflow-3.2.0-v2.yaml").toString(),
                "--tool-spec",
                file.toString(),
                "--out",
                tmp.resolve("out").toString()));
    if (yaml.contains("write: true")) {
      args.add("--allow-writes"); // a build generates write tools only when it enables them
    }
    Run run = cli(args.toArray(String[]::new));

    assertThat(run.err()).as(example.where()).isEmpty();
    assertThat(run.status()).as(example.where()).isEqualTo(Main.OK);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("yaml")
  void otherYamlExamplesParse(Example example) {
    Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(example.body());
    assertThat(parsed).as(example.where()).isNotNull();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void commandExamplesRun(Example example) throws Exception {
    Path work = workspace();
    Path log = tmp.resolve("command.log");
    ProcessBuilder bash =
        new ProcessBuilder("bash", "-eu", "-c", example.body())
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    String path = work.resolve(".bin") + ":" + System.getenv("PATH");
    bash.environment().put("PATH", path);
    Process process = bash.start();
    boolean ended = process.waitFor(5, TimeUnit.MINUTES);
    if (!ended) {
      process.destroyForcibly();
    }
    String output = Files.readString(log);
    assertThat(ended).as(example.where() + " ends").isTrue();
    assertThat(process.exitValue()).as(example.where() + ":\n" + output).isZero();
  }

  /**
   * A folder laid out like a clone: the committed specs, {@value #CLI_JAR} (a {@code java} on the
   * PATH runs this build's CLI for it) and the tool-spec examples that name their path.
   */
  private Path workspace() throws IOException {
    Path work = Files.createDirectories(tmp.resolve("work"));
    Files.createSymbolicLink(work.resolve("airflow-specs"), SPECS.toAbsolutePath());
    for (Example e : DocExamples.read().of("tool-spec")) {
      if (e.namedPath() != null) {
        Path file = work.resolve(e.namedPath());
        Files.createDirectories(file.getParent());
        Files.writeString(file, e.body());
      }
    }
    Path bin = Files.createDirectories(work.resolve(".bin"));
    Path java = bin.resolve("java");
    String realJava = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Files.writeString(
        java,
        String.join(
            "\n",
            "#!/usr/bin/env bash",
            "if [ \"${1:-}\" = -jar ] && [ \"${2:-}\" = " + CLI_JAR + " ]; then",
            "  shift 2",
            "  exec '"
                + realJava
                + "' -cp '"
                + System.getProperty("java.class.path")
                + "'"
                + " dev.airflowmcp.cli.Main \"$@\"",
            "fi",
            "exec '" + realJava + "' \"$@\"",
            ""));
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    return work;
  }

  private static String context(String name) {
    try (InputStream in = DocExamplesTest.class.getResourceAsStream("/doc-examples/" + name)) {
      assertThat(in).as("doc-examples/" + name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The example in place of the {@code #EXAMPLE} line, indented like it. */
  static String insert(String context, String example) {
    StringBuilder out = new StringBuilder();
    for (String line : context.split("\n", -1)) {
      if (line.strip().equals("#EXAMPLE")) {
        String indent = line.substring(0, line.indexOf('#'));
        example.lines().forEach(l -> out.append(l.isEmpty() ? "" : indent + l).append('\n'));
      } else {
        out.append(line).append('\n');
      }
    }
    return out.toString();
  }

  private record Run(int status, String out, String err) {}

  private static Run cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aPartGoesInPlaceOfTheMarkerWithItsIndent() {
    assertThat(insert("a:\n  #EXAMPLE\nb: 1\n", "x: 1\n\ny: 2\n"))
        .isEqualTo("a:\n  x: 1\n\n  y: 2\nb: 1\n\n");
    assertThat(insert("#EXAMPLE", "k: v\n")).isEqualTo("k: v\n");
  }
}
