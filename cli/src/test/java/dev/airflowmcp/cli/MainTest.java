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
        run(
            "generate",
            "--spec",
            AIRFLOW2,
            "--spec=" + AIRFLOW3,
            "--out",
            out.toString(),
            "--base-package",
            "it.generated");
    assertThat(first.err()).isEmpty();
    assertThat(first.status()).isEqualTo(Main.OK);

    GenerationResult expected =
        new AirflowMcpGenerator()
            .generate(
                new GenerationRequest(
                    List.of(Path.of(AIRFLOW2), Path.of(AIRFLOW3)),
                    null,
                    null,
                    "it.generated",
                    false));
    int files = expected.files().size();
    assertThat(files)
        .as("one class per curated tool, the catalog, the manifest and the service file")
        .isGreaterThan(4);
    assertThat(first.out())
        .isEqualTo(
            "airflow-mcp: " + files + " files generated, " + files + " changed in " + out + "\n");
    assertThat(new OutputDirectory(out).differences(expected.files())).isEmpty();
    assertThat(out.resolve("java/it/generated/tools/ListDagsTool.java")).isRegularFile();

    Run second =
        run(
            "generate",
            "--spec",
            AIRFLOW2,
            "--spec",
            AIRFLOW3,
            "--out",
            out.toString(),
            "--base-package",
            "it.generated");
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
    Run run =
        run(
            "generate",
            "--spec",
            AIRFLOW3,
            "--tool-spec",
            toolSpec.toString(),
            "--out",
            out.toString());
    assertThat(run.status()).isEqualTo(Main.INVALID_INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines())
        .containsExactly(
            toolSpec
                + ":9:9: error [UNKNOWN_OPERATION]: tool 'list_dags' uses airflow3 operation"
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
        .isEqualTo(
            toolSpec
                + ":5:5: error [WRITE_NOT_ENABLED]: tool 'pause_dag' changes Airflow"
                + " (write: true) but writes are not enabled");

    Run allowed = run(concat(base, tmp.resolve("b").toString(), "--allow-writes"));
    assertThat(allowed.err()).isEmpty();
    assertThat(allowed.status()).isEqualTo(Main.OK);
    assertThat(tmp.resolve("b/java/dev/airflowmcp/server/tools/PauseDagTool.java")).isRegularFile();
  }

  @Test
  void missingFilesAreInvalidInput() {
    Run noToolSpec =
        run(
            "generate",
            "--spec",
            AIRFLOW3,
            "--tool-spec",
            "no/such/tools.yaml",
            "--out",
            tmp.resolve("out").toString());
    assertThat(noToolSpec.status()).isEqualTo(Main.INVALID_INPUT);
    assertThat(noToolSpec.errLines())
        .containsExactly(
            "no/such/tools.yaml: error [TOOL_SPEC_NOT_FOUND]: tool spec not found: no/such/tools.yaml",
            "    hint: check the path, or leave the tool spec out to use the curated one",
            "1 error in the airflow-mcp inputs");

    Path missingSpec = tmp.resolve("airflow-9.9.9-v2.yaml");
    Run noSpec =
        run("generate", "--spec", missingSpec.toString(), "--out", tmp.resolve("out").toString());
    assertThat(noSpec.status()).isEqualTo(Main.INVALID_INPUT);
    assertThat(noSpec.errLines().get(0))
        .isEqualTo(
            "airflow-9.9.9-v2.yaml: error [SPEC_NOT_FOUND]: Airflow REST spec not found: "
                + missingSpec);
  }

  @Test
  void refusesToCleanADirectoryItDidNotWrite() throws IOException {
    Path out = tmp.resolve("project");
    Files.createDirectories(out);
    Path mine = Files.writeString(out.resolve("notes.txt"), "mine\n");
    Run run = run("generate", "--spec", AIRFLOW3, "--out", out.toString());
    assertThat(run.status()).isEqualTo(Main.INVALID_INPUT);
    assertThat(run.errLines())
        .contains(
            out
                + ": error [OUTPUT_NOT_GENERATED]: --out "
                + out
                + " holds files this generator did"
                + " not write (notes.txt); generating would overwrite or delete them, so nothing was"
                + " written",
            "    hint: choose an empty or new directory, or move those files; the generator lists its"
                + " own files in .airflow-mcp-files");
    assertThat(mine).hasContent("mine");
    assertThat(out.resolve("java")).doesNotExist();
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
        .contains(
            "--allow-writes",
            "--base-package PKG",
            "--docs DIR",
            "--templates DIR",
            "Exit status: 0 done; 1 invalid input");
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
        run(
            "generate",
            "--spec",
            AIRFLOW2,
            "--spec",
            AIRFLOW3,
            "--out",
            file.resolve("out").toString());
    assertThat(run.status()).isEqualTo(Main.INTERNAL_ERROR);
    assertThat(run.errLines())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("airflow-mcp-codegen: internal error: ")
        .contains(file.toString());
    assertThat(run.out()).isEmpty();
  }

  @Test
  void docsAreRenderedWhereDocsPointsWithTheVendorTemplatesThatReplaceShippedOnes()
      throws IOException {
    Path out = tmp.resolve("out");
    Path docs = tmp.resolve("docs");
    Path templates = Files.createDirectories(tmp.resolve("templates"));
    Files.writeString(
        templates.resolve("MigrationTableView.mustache"),
        "{{#astroTools}}{{name}}={{servedBy}}\n{{/astroTools}}");

    Run run =
        run(
            "generate",
            "--spec",
            AIRFLOW2,
            "--spec",
            AIRFLOW3,
            "--out",
            out.toString(),
            "--docs",
            docs.toString(),
            "--templates=" + templates);

    assertThat(run.err()).isEmpty();
    assertThat(run.status()).isEqualTo(Main.OK);
    GenerationResult expected =
        new AirflowMcpGenerator()
            .generate(
                new GenerationRequest(
                    List.of(Path.of(AIRFLOW2), Path.of(AIRFLOW3)),
                    null,
                    null,
                    "dev.airflowmcp.server",
                    false,
                    templates));
    assertThat(run.out().lines())
        .containsExactly(
            "airflow-mcp: "
                + expected.files().size()
                + " files generated, "
                + expected.files().size()
                + " changed in "
                + out,
            "airflow-mcp: 3 docs rendered, 3 changed in " + docs);
    assertThat(new OutputDirectory(docs).differences(expected.docs())).isEmpty();
    assertThat(docs.resolve("migration-table.md"))
        .content()
        .startsWith("list_connections=list_connections\n")
        .contains("list_dags=list_dags\n", "pause_dag=\n");
    assertThat(docs.resolve("tool-reference.md"))
        .content()
        .startsWith("# Tool reference: Airflow MCP Server\n");

    Run again =
        run(
            "generate",
            "--spec",
            AIRFLOW2,
            "--spec",
            AIRFLOW3,
            "--out",
            out.toString(),
            "--docs",
            docs.toString());
    assertThat(again.status()).isEqualTo(Main.OK);
    assertThat(again.out()).endsWith("airflow-mcp: 3 docs rendered, 1 changed in " + docs + "\n");
    assertThat(docs.resolve("migration-table.md"))
        .content()
        .startsWith("# Migration table: astro-airflow-mcp 0.9.0 to Airflow MCP Server\n");
  }

  @Test
  void badTemplatesAreInvalidInputAndNothingIsWritten() throws IOException {
    Path out = tmp.resolve("out");
    Path docs = tmp.resolve("docs");
    Run missing =
        run(
            "generate",
            "--spec",
            AIRFLOW3,
            "--out",
            out.toString(),
            "--docs",
            docs.toString(),
            "--templates",
            "no/such/templates");
    assertThat(missing.status()).isEqualTo(Main.INVALID_INPUT);
    assertThat(missing.errLines())
        .containsExactly(
            "no/such/templates: error [TEMPLATE_DIRECTORY_NOT_FOUND]: template directory not found:"
                + " no/such/templates",
            "    hint: name a directory of <View>.mustache files, or leave it out to use the shipped"
                + " templates",
            "1 error in the airflow-mcp inputs");

    Path templates = Files.createDirectories(tmp.resolve("templates"));
    Path broken =
        Files.writeString(
            templates.resolve("ClientConfigView.mustache"), "# {{serverName}}\n{{#key}}\n");
    Run invalid =
        run(
            "generate",
            "--spec",
            AIRFLOW2,
            "--spec",
            AIRFLOW3,
            "--out",
            out.toString(),
            "--docs",
            docs.toString(),
            "--templates",
            templates.toString());
    assertThat(invalid.status()).isEqualTo(Main.INVALID_INPUT);
    assertThat(invalid.errLines().get(0))
        .startsWith(broken + ":")
        .contains(": error [TEMPLATE_ERROR]: the template is not valid Mustache: ");
    assertThat(invalid.errLines()).last().isEqualTo("1 error in the airflow-mcp inputs");
    assertThat(out).doesNotExist();
    assertThat(docs).doesNotExist();
  }

  @Test
  void theDocsDirectoryIsCheckedLikeTheOutputDirectory() throws IOException {
    Path out = tmp.resolve("out");
    Run inside =
        run(
            "generate",
            "--spec",
            AIRFLOW3,
            "--out",
            out.toString(),
            "--docs",
            out.resolve("docs").toString());
    assertThat(inside.status()).isEqualTo(Main.INVALID_INPUT);
    assertThat(inside.errLines())
        .containsExactly(
            out.resolve("docs")
                + ": error [DOCS_OVERLAP_OUTPUT]: --docs "
                + out.resolve("docs")
                + " and --out "
                + out
                + " overlap; the generator deletes the files it did not write"
                + " in each",
            "    hint: choose two separate directories, e.g. build/generated/airflow-mcp and"
                + " build/docs/airflow-mcp",
            "1 error in the airflow-mcp inputs");
    assertThat(
            run("generate", "--spec", AIRFLOW3, "--out", out.toString(), "--docs", tmp.toString())
                .errLines()
                .get(0))
        .contains("[DOCS_OVERLAP_OUTPUT]");

    Path file = Files.writeString(tmp.resolve("docs.md"), "x\n");
    assertThat(
            run("generate", "--spec", AIRFLOW3, "--out", out.toString(), "--docs", file.toString())
                .errLines())
        .containsExactly(
            file + ": error [NOT_A_DIRECTORY]: --docs " + file + " is a file, not a directory",
            "1 error in the airflow-mcp inputs");

    Path foreign = Files.createDirectories(tmp.resolve("site"));
    Path mine = Files.writeString(foreign.resolve("index.md"), "mine\n");
    Run refused =
        run("generate", "--spec", AIRFLOW3, "--out", out.toString(), "--docs", foreign.toString());
    assertThat(refused.status()).isEqualTo(Main.INVALID_INPUT);
    // Checked once the docs are rendered, before any write.
    assertThat(refused.errLines())
        .contains(
            foreign
                + ": error [OUTPUT_NOT_GENERATED]: --docs "
                + foreign
                + " holds files this"
                + " generator did not write (index.md); generating would overwrite or delete them, so"
                + " nothing was written");
    assertThat(mine).hasContent("mine");
    assertThat(out).doesNotExist();

    // A file named like a rendered doc does not make the directory the generator's.
    Files.writeString(foreign.resolve("tool-reference.md"), "old\n");
    assertThat(
            run(
                    "generate",
                    "--spec",
                    AIRFLOW3,
                    "--out",
                    out.toString(),
                    "--docs",
                    foreign.toString())
                .errLines())
        .anySatisfy(l -> assertThat(l).contains("[OUTPUT_NOT_GENERATED]"));
    assertThat(mine).hasContent("mine");
    assertThat(out).doesNotExist();
  }

  @Test
  void templatesInsideADirectoryTheGeneratorOwnsAreRefusedBeforeTheyCouldBeDeleted()
      throws IOException {
    Path out = tmp.resolve("out");
    Path docs = tmp.resolve("docs");
    Path templates = Files.createDirectories(docs.resolve("tpl"));
    Path template = Files.writeString(templates.resolve("ToolReferenceView.mustache"), "x\n");
    Run run =
        run(
            "generate",
            "--spec",
            AIRFLOW3,
            "--out",
            out.toString(),
            "--docs",
            docs.toString(),
            "--templates",
            templates.toString());
    assertThat(run.status()).isEqualTo(Main.INVALID_INPUT);
    assertThat(run.errLines())
        .containsExactly(
            templates
                + ": error [TEMPLATES_INSIDE_OUTPUT]: --templates "
                + templates
                + " and --docs "
                + docs
                + " overlap; the generator deletes the files it did not write there, the"
                + " templates included",
            "    hint: keep the templates in a directory of their own, e.g."
                + " src/main/airflow-mcp/templates",
            "1 error in the airflow-mcp inputs");
    assertThat(template).hasContent("x");
    assertThat(out).doesNotExist();
  }

  @Test
  void templatesWithoutDocsIsAUsageError() {
    Run run = run("generate", "--spec", AIRFLOW3, "--out", "x", "--templates", "t");
    assertThat(run.status()).isEqualTo(Main.INVALID_INPUT);
    assertThat(run.errLines())
        .containsExactly(
            "<command line>: error [USAGE]: --templates shapes the docs: add --docs DIR",
            "    hint: see 'generate --help'");
    assertThat(
            run("generate", "--spec", AIRFLOW3, "--out", "x", "--docs", "d", "--docs", "e")
                .errLines()
                .get(0))
        .isEqualTo("<command line>: error [USAGE]: --docs is given twice");
    assertThat(run("generate", "--spec", AIRFLOW3, "--out", "x", "--docs").errLines().get(0))
        .isEqualTo("<command line>: error [USAGE]: --docs needs a value");
  }

  private static String[] concat(String[] base, String... more) {
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }
}
