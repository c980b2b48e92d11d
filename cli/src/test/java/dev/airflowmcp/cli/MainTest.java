package dev.airflowmcp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airflowmcp.codegen.AirflowMcpGenerator;
import dev.airflowmcp.codegen.GenerationRequest;
import dev.airflowmcp.codegen.GenerationResult;
import dev.airflowmcp.codegen.OutputDirectory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the CLI in-process and checks exit status, stdout and stderr. */
class MainTest {
  private static final Path SPECS = Path.of(System.getProperty("airflow.specs.dir"));
  private static final String AIRFLOW2 = SPECS.resolve("airflow-2.11.1-v1.yaml").toString();
  private static final String AIRFLOW3 = SPECS.resolve("airflow-3.2.0-v2.yaml").toString();

  @TempDir Path tmp;

  /** What one run printed and returned. */
  private record Run(int status, String out, String err) {
    List<String> errLines() {
      return err.lines().toList();
    }
  }

  private static Run run(String... args) {
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
  void generateWritesExactlyWhatTheCodegenProduces() throws IOException {
    Path out = tmp.resolve("out");
    Run first =
        run("generate", "--spec", AIRFLOW2, "--spec=" + AIRFLOW3, "--out", out.toString(),
            "--base-package", "it.generated");
    assertThat(first.err()).isEmpty();
    assertThat(first.status()).isEqualTo(Main.OK);

    GenerationResult expected =
        new AirflowMcpGenerator()
            .generate(
                new GenerationRequest(
                    List.of(Path.of(AIRFLOW2), Path.of(AIRFLOW3)), null, null, "it.generated", false));
    int files = expected.files().size();
    assertThat(files)
        .as("one class per curated tool, the catalog, the manifest and the service file")
        .isGreaterThan(4);
    assertThat(first.out())
        .isEqualTo("airflow-mcp: " + files + " files generated, " + files + " changed in " + out + "\n");
    assertThat(new OutputDirectory(out).differences(expected.files())).isEmpty();
    assertThat(out.resolve("java/it/generated/tools/ListDagsTool.java")).isRegularFile();

    Run second =
        run("generate", "--spec", AIRFLOW2, "--spec", AIRFLOW3, "--out", out.toString(),
            "--base-package", "it.generated");
    assertThat(second.status()).isEqualTo(Main.OK);
    assertThat(second.out())
        .isEqualTo("airflow-mcp: " + files + " files generated, 0 changed in " + out + "\n");
  }

  @Test
  void invalidInputExitsOneWithTheDiagnosticLines() throws IOException {
    Path toolSpec = tmp.resolve("tools.yaml");
    Files.writeString(
        toolSpec,
        String.join(
            "\n",
            "version: 1",
            "server:",
            "  name: Test",
            "tools:",
            "  - name: list_dags",
            "    description: List DAGs.",
            "    bindings:",
            "      airflow3:",
            "        operationId: get_dagz",
            ""));
    Path out = tmp.resolve("out");
    Run run = run("generate", "--spec", AIRFLOW3, "--tool-spec", toolSpec.toString(), "--out", out.toString());
    assertThat(run.status()).isEqualTo(Main.INVALID_INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines())
        .containsExactly(
            toolSpec + ":9:9: error [UNKNOWN_OPERATION]: tool 'list_dags' uses airflow3 operation"
                + " 'get_dagz', which no configured Airflow 3 spec has",
            "    hint: did you mean 'get_dag'?",
            "1 error in the airflow-mcp inputs");
    assertThat(out).doesNotExist();
  }

  @Test
  void writeToolsNeedAllowWrites() throws IOException {
    Path toolSpec = tmp.resolve("writes.yaml");
    Files.writeString(
        toolSpec,
        String.join(
            "\n",
            "version: 1",
            "server:",
            "  name: Test",
            "tools:",
            "  - name: pause_dag",
            "    description: Pause a DAG.",
            "    write: true",
            "    parameters:",
            "      - name: dag_id",
            "        type: string",
            "        required: true",
            "    bindings:",
            "      airflow3:",
            "        operationId: patch_dag",
            "        params:",
            "          is_paused: {value: true}",
            ""));
    String[] base = {"generate", "--spec", AIRFLOW3, "--tool-spec", toolSpec.toString(), "--out"};
    Run refused = run(concat(base, tmp.resolve("a").toString()));
    assertThat(refused.status()).isEqualTo(Main.INVALID_INPUT);
    assertThat(refused.errLines().get(0))
        .isEqualTo(toolSpec + ":5:5: error [WRITE_NOT_ENABLED]: tool 'pause_dag' changes Airflow"
            + " (write: true) but writes are not enabled");

    Run allowed = run(concat(base, tmp.resolve("b").toString(), "--allow-writes"));
    assertThat(allowed.err()).isEmpty();
    assertThat(allowed.status()).isEqualTo(Main.OK);
    assertThat(tmp.resolve("b/java/dev/airflowmcp/server/tools/PauseDagTool.java")).isRegularFile();
  }

  @Test
  void missingFilesAreInvalidInput() {
    Run noToolSpec =
        run("generate", "--spec", AIRFLOW3, "--tool-spec", "no/such/tools.yaml", "--out",
            tmp.resolve("out").toString());
    assertThat(noToolSpec.status()).isEqualTo(Main.INVALID_INPUT);
    assertThat(noToolSpec.errLines())
        .containsExactly(
            "no/such/tools.yaml: error [TOOL_SPEC_NOT_FOUND]: tool spec not found: no/such/tools.yaml",
            "    hint: check the --tool-spec path, or omit it to use the curated tool spec");

    Path missingSpec = tmp.resolve("airflow-9.9.9-v2.yaml");
    Run noSpec = run("generate", "--spec", missingSpec.toString(), "--out", tmp.resolve("out").toString());
    assertThat(noSpec.status()).isEqualTo(Main.INVALID_INPUT);
    assertThat(noSpec.errLines().get(0))
        .isEqualTo("airflow-9.9.9-v2.yaml: error [SPEC_NOT_FOUND]: Airflow REST spec not found: " + missingSpec);
  }

  @Test
  void refusesToCleanADirectoryItDidNotWrite() throws IOException {
    Path out = tmp.resolve("project");
    Files.createDirectories(out);
    Path mine = Files.writeString(out.resolve("notes.txt"), "mine\n");
    Run run = run("generate", "--spec", AIRFLOW3, "--out", out.toString());
    assertThat(run.status()).isEqualTo(Main.INVALID_INPUT);
    assertThat(run.errLines().get(0))
        .startsWith(out + ": error [OUTPUT_NOT_GENERATED]: --out " + out + " is not empty");
    assertThat(mine).hasContent("mine");
  }

  @Test
  void helpGoesToStdoutWithStatusZero() {
    for (String[] args : List.of(new String[] {"--help"}, new String[] {"help"})) {
      Run run = run(args);
      assertThat(run.status()).isEqualTo(Main.OK);
      assertThat(run.out()).startsWith("Usage: java -jar airflow-mcp-codegen-cli.jar <command>");
      assertThat(run.err()).isEmpty();
    }
    Run generateHelp = run("generate", "--help");
    assertThat(generateHelp.status()).isEqualTo(Main.OK);
    assertThat(generateHelp.out())
        .startsWith("Usage: java -jar airflow-mcp-codegen-cli.jar generate --spec FILE")
        .contains("--allow-writes", "--base-package PKG", "Exit status: 0 done; 1 invalid input");
  }

  @Test
  void usageErrorsExitOneWithADiagnostic() {
    assertThat(run("generate", "--spec", AIRFLOW3, "--out", "x", "--frob").errLines())
        .containsExactly(
            "<command line>: error [USAGE]: unknown option '--frob'",
            "    hint: see 'generate --help'");
    assertThat(run("generate", "--spec", AIRFLOW3).errLines().get(0))
        .isEqualTo("<command line>: error [USAGE]: generate needs --out DIR");
    assertThat(run("generate", "--out", "x").errLines().get(0))
        .isEqualTo("<command line>: error [USAGE]: generate needs at least one --spec FILE");
    assertThat(run("generate", "--spec").errLines().get(0))
        .isEqualTo("<command line>: error [USAGE]: --spec needs a value");
    assertThat(run("generate", "--spec", AIRFLOW3, "--out", "x", "--out", "y").errLines().get(0))
        .isEqualTo("<command line>: error [USAGE]: --out is given twice");
    assertThat(run("frobnicate").errLines().get(0))
        .isEqualTo("<command line>: error [USAGE]: unknown command 'frobnicate'");
    Run none = run();
    assertThat(none.status()).isEqualTo(Main.INVALID_INPUT);
    assertThat(none.err()).startsWith("Usage:");
    assertThat(run("generate", "--frob").status()).isEqualTo(Main.INVALID_INPUT);
  }

  @Test
  void outputThatCannotBeWrittenIsAnInternalError() throws IOException {
    Path file = Files.writeString(tmp.resolve("a-file"), "x\n");
    Run run =
        run("generate", "--spec", AIRFLOW2, "--spec", AIRFLOW3, "--out", file.resolve("out").toString());
    assertThat(run.status()).isEqualTo(Main.INTERNAL_ERROR);
    assertThat(run.errLines())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("airflow-mcp-codegen: internal error: ")
        .contains(file.toString());
    assertThat(run.out()).isEmpty();
  }

  private static String[] concat(String[] base, String... more) {
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }
}
