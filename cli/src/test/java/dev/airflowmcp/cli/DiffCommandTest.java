package dev.airflowmcp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code diff} run in-process on the shipped Airflow 3 specs. */
class DiffCommandTest {
  private static final Path SPECS = Path.of(System.getProperty("airflow.specs.dir"));
  private static final String OLD = SPECS.resolve("airflow-3.0.3rc6-v2.yaml").toString();
  private static final String NEW = SPECS.resolve("airflow-3.2.0-v2.yaml").toString();

  @TempDir Path tmp;

  private record Run(int status, String out, String err) {}

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
  void printsTheMarkdownReport() {
    Run r = run("diff", "--spec", OLD, "--spec", NEW);

    assertThat(r.err()).isEmpty();
    assertThat(r.status()).isEqualTo(Main.OK);
    assertThat(r.out())
        .startsWith("# Airflow spec changes for the tools\n")
        .contains("| list_dag_runs | get_dag_runs | order_by | TYPE_CHANGED |");
  }

  @Test
  void writesReportsAndTheToolsListDiff() throws IOException {
    Path a = tmp.resolve("a.json");
    Path b = tmp.resolve("b.json");
    Files.writeString(a, "{\"tools\": [{\"name\": \"x\", \"inputSchema\": {}}]}");
    Files.writeString(b, "{\"tools\": [{\"name\": \"y\", \"inputSchema\": {}}]}");
    Path out = tmp.resolve("out");

    Run r =
        run(
            "diff",
            "--spec",
            OLD,
            "--spec",
            NEW,
            "--old-manifest",
            a.toString(),
            "--new-manifest",
            b.toString(),
            "--out",
            out.toString(),
            "--fail-on-breaking");

    assertThat(r.err()).isEmpty();
    assertThat(r.status()).isEqualTo(Main.OK); // 3.0.3rc6 -> 3.2.0 breaks no curated tool
    assertThat(Files.readString(out.resolve("airflow-mcp-diff.json")))
        .contains("\"get_dag_reports\"");
    assertThat(Files.readString(out.resolve("airflow-mcp-diff.md")))
        .contains("TYPE_CHANGED", "`wait_dag_run_until_finished`");
    assertThat(Files.readString(out.resolve("airflow-mcp-tools-diff.md")))
        .contains("## Added tools\n\n`y`\n", "## Removed tools\n\n`x`\n");
  }

  @Test
  void needsTwoSpecsOfOneMajor() {
    Run one = run("diff", "--spec", NEW);
    assertThat(one.status()).isEqualTo(Main.INVALID_INPUT);
    assertThat(one.err())
        .startsWith(
            "<command line>: error [USAGE]: diff needs at least two --spec FILE, oldest first");

    Run mixed =
        run("diff", "--spec", SPECS.resolve("airflow-2.11.1-v1.yaml").toString(), "--spec", NEW);
    assertThat(mixed.status()).isEqualTo(Main.INVALID_INPUT);
    assertThat(mixed.err())
        .startsWith(
            "<configuration>: error [NOTHING_TO_COMPARE]: the diff needs"
                + " two specs of the same Airflow major version, oldest first; got 2 specs"
                + " (airflow-2.11.1-v1.yaml, airflow-3.2.0-v2.yaml)");
  }
}
