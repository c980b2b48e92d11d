package dev.airflowmcp.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The flags of {@code diff}, as given.
 *
 * @param specs {@code --spec} values, oldest first
 * @param toolSpec {@code --tool-spec}, or {@code null} for the curated tools
 * @param allowWrites {@code --allow-writes}: include the curated write tools
 * @param oldManifest {@code --old-manifest}, or {@code null}
 * @param newManifest {@code --new-manifest}, or {@code null}
 * @param out {@code --out}, or {@code null} to print the Markdown report
 * @param failOnBreaking {@code --fail-on-breaking}
 * @param help {@code --help} was given
 */
record DiffOptions(
    List<String> specs,
    String toolSpec,
    boolean allowWrites,
    String oldManifest,
    String newManifest,
    String out,
    boolean failOnBreaking,
    boolean help) {

  DiffOptions {
    specs = List.copyOf(specs);
  }

  static String usage() {
    return String.join(
        "\n",
        "Usage: java -jar airflow-mcp-codegen-cli.jar diff --spec OLD --spec NEW [--spec ...]",
        "           [--tool-spec FILE] [--allow-writes] [--old-manifest F --new-manifest F]",
        "           [--out DIR] [--fail-on-breaking]",
        "",
        "Compares each Airflow REST spec with the previous one of the same Airflow major",
        "(oldest first) through the tool spec: breaking changes for the tools, non-breaking",
        "changes touching them, and read-only operations no tool exposes, by tag.",
        "",
        "  --spec FILE          an Airflow REST spec; repeatable, oldest first",
        "  --tool-spec FILE     the tool-spec YAML; the curated Airflow tools when omitted",
        "  --allow-writes       with the curated tools, include the curated write tools",
        "  --old-manifest FILE  with --new-manifest: compare two builds' tools.json (tools/list)",
        "  --new-manifest FILE",
        "  --out DIR            write airflow-mcp-diff.md/.json (and airflow-mcp-tools-diff.md/",
        "                       .json) there; without it the Markdown goes to stdout",
        "  --fail-on-breaking   exit 3 when a tool breaks",
        "  --help               print this help",
        "",
        "Exit status: 0 done; 1 invalid input or usage; 2 internal error; 3 breaking changes",
        "with --fail-on-breaking.");
  }

  static DiffOptions parse(List<String> args) throws UsageException {
    List<String> specs = new ArrayList<>();
    String toolSpec = null;
    String oldManifest = null;
    String newManifest = null;
    String out = null;
    boolean allowWrites = false;
    boolean failOnBreaking = false;
    ArgReader reader = new ArgReader(args);
    while (reader.next()) {
      String flag = reader.flag();
      switch (flag) {
        case "--help", "-h" -> {
          return new DiffOptions(List.of(), null, false, null, null, null, false, true);
        }
        case "--allow-writes", "--fail-on-breaking" -> {
          reader.noValue();
          if ("--allow-writes".equals(flag)) {
            allowWrites = true;
          } else {
            failOnBreaking = true;
          }
        }
        case "--spec", "--tool-spec", "--old-manifest", "--new-manifest", "--out" -> {
          String value = reader.value();
          switch (flag) {
            case "--spec" -> specs.add(value);
            case "--tool-spec" -> toolSpec = ArgReader.once(flag, toolSpec, value);
            case "--old-manifest" -> oldManifest = ArgReader.once(flag, oldManifest, value);
            case "--new-manifest" -> newManifest = ArgReader.once(flag, newManifest, value);
            default -> out = ArgReader.once(flag, out, value);
          }
        }
        default -> throw reader.unexpected();
      }
    }
    if (specs.size() < 2) {
      throw new UsageException("diff needs at least two --spec FILE, oldest first");
    }
    if ((oldManifest == null) != (newManifest == null)) {
      throw new UsageException("--old-manifest and --new-manifest go together");
    }
    return new DiffOptions(
        specs, toolSpec, allowWrites, oldManifest, newManifest, out, failOnBreaking, false);
  }
}
