package dev.airflowmcp.cli;

import dev.airflowmcp.codegen.coverage.ToolsListBudget;
import java.util.ArrayList;
import java.util.List;

/**
 * The flags of {@code generate}, as given.
 *
 * @param specs {@code --spec} values, in order
 * @param toolSpec {@code --tool-spec}, or {@code null} for the curated tool spec
 * @param out {@code --out}
 * @param basePackage {@code --base-package}
 * @param allowWrites {@code --allow-writes}
 * @param templates {@code --templates}, or {@code null} for the shipped doc templates
 * @param docs {@code --docs}, or {@code null} to render no docs
 * @param maxToolsListTokens {@code --max-tools-list-tokens}
 * @param help {@code --help} was given
 */
record GenerateOptions(
    List<String> specs,
    String toolSpec,
    String out,
    String basePackage,
    boolean allowWrites,
    String templates,
    String docs,
    int maxToolsListTokens,
    boolean help) {

  /** The package our Maven plugin uses when none is configured. */
  static final String DEFAULT_BASE_PACKAGE = "dev.airflowmcp.server";

  GenerateOptions {
    specs = List.copyOf(specs);
  }

  static String usage() {
    return String.join(
        "\n",
        "Usage: java -jar airflow-mcp-codegen-cli.jar generate --spec FILE [--spec FILE ...]",
        "           [--tool-spec FILE] --out DIR [--base-package PKG] [--allow-writes]",
        "           [--docs DIR [--templates DIR]] [--max-tools-list-tokens N]",
        "",
        "Generates the MCP tool classes, the tool catalog and the tools manifest from Airflow",
        "REST specs and a tool spec: Java sources in DIR/java, resources in DIR/resources;",
        "with --docs, also the tool reference, client configuration and migration table.",
        "",
        "  --spec FILE          an Airflow REST spec (Airflow 2 /api/v1 or Airflow 3 /api/v2);",
        "                       repeatable; each binding is checked against every spec of its",
        "                       Airflow major, and the last spec of each major decides paths",
        "  --tool-spec FILE     the tool-spec YAML; the curated Airflow tools when omitted",
        "  --out DIR            output directory; it belongs to the generator: files in it that",
        "                       are no longer generated are deleted, so a DIR holding files the",
        "                       generator did not write (listed in DIR/.airflow-mcp-files) is",
        "                       refused before anything is written",
        "  --base-package PKG   Java package of the generated code, default "
            + DEFAULT_BASE_PACKAGE,
        "  --allow-writes       generate tools marked write: true (an error otherwise)",
        "  --docs DIR           render tool-reference.md, client-configuration.md and",
        "                       migration-table.md there; like --out it belongs to the",
        "                       generator, and must not lie inside --out or contain it",
        "  --templates DIR      with --docs: <View>.mustache files that replace the shipped",
        "                       doc templates (ToolReferenceView, ClientConfigView,",
        "                       MigrationTableView); the others are still the shipped ones",
        "  --max-tools-list-tokens N",
        "                       fail when tools/list is over N estimated tokens (characters / 4",
        "                       of its compact JSON), default "
            + ToolsListBudget.DEFAULT_MAX_TOKENS,
        "  --help               print this help",
        "",
        "Exit status: 0 done; 1 invalid input or usage, every problem on stderr as",
        "path:line:col: error [CODE]: message; 2 internal error.");
  }

  /**
   * Parses the arguments after {@code generate}.
   *
   * @throws UsageException for unknown flags, missing values or missing required flags
   */
  static GenerateOptions parse(List<String> args) throws UsageException {
    List<String> specs = new ArrayList<>();
    String toolSpec = null;
    String out = null;
    String basePackage = null;
    boolean allowWrites = false;
    String templates = null;
    String docs = null;
    String maxTokens = null;
    ArgReader reader = new ArgReader(args);
    while (reader.next()) {
      String flag = reader.flag();
      switch (flag) {
        case "--help", "-h" -> {
          return new GenerateOptions(
              List.of(),
              null,
              null,
              DEFAULT_BASE_PACKAGE,
              false,
              null,
              null,
              ToolsListBudget.DEFAULT_MAX_TOKENS,
              true);
        }
        case "--allow-writes" -> {
          reader.noValue();
          allowWrites = true;
        }
        case "--spec",
            "--tool-spec",
            "--out",
            "--base-package",
            "--templates",
            "--docs",
            "--max-tools-list-tokens" -> {
          String value = reader.value();
          switch (flag) {
            case "--spec" -> specs.add(value);
            case "--tool-spec" -> toolSpec = ArgReader.once(flag, toolSpec, value);
            case "--out" -> out = ArgReader.once(flag, out, value);
            case "--templates" -> templates = ArgReader.once(flag, templates, value);
            case "--docs" -> docs = ArgReader.once(flag, docs, value);
            case "--max-tools-list-tokens" -> maxTokens = ArgReader.once(flag, maxTokens, value);
            default -> basePackage = ArgReader.once(flag, basePackage, value);
          }
        }
        default -> throw reader.unexpected();
      }
    }
    if (specs.isEmpty()) {
      throw new UsageException("generate needs at least one --spec FILE");
    }
    if (out == null) {
      throw new UsageException("generate needs --out DIR");
    }
    if (templates != null && docs == null) {
      throw new UsageException("--templates shapes the docs: add --docs DIR");
    }
    int budget = ToolsListBudget.DEFAULT_MAX_TOKENS;
    if (maxTokens != null) {
      try {
        budget = Integer.parseInt(maxTokens);
      } catch (NumberFormatException e) {
        budget = 0;
      }
      if (budget < 1) {
        throw new UsageException(
            "--max-tools-list-tokens needs a positive number, not '" + maxTokens + "'");
      }
    }
    return new GenerateOptions(
        specs,
        toolSpec,
        out,
        basePackage == null ? DEFAULT_BASE_PACKAGE : basePackage,
        allowWrites,
        templates,
        docs,
        budget,
        false);
  }
}
