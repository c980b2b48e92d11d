package dev.airflowmcp.openapigen;

import dev.airflowmcp.codegen.AirflowMcpGenerator;
import dev.airflowmcp.codegen.GenerationSession;
import dev.airflowmcp.codegen.coverage.ToolsListBudget;
import dev.airflowmcp.toolspec.diag.Diagnostic;
import dev.airflowmcp.toolspec.diag.Severity;
import io.swagger.v3.oas.models.OpenAPI;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.openapitools.codegen.CliOption;
import org.openapitools.codegen.CodegenConfig;
import org.openapitools.codegen.CodegenType;
import org.openapitools.codegen.DefaultCodegen;
import org.openapitools.codegen.meta.GeneratorMetadata;
import org.openapitools.codegen.meta.Stability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code airflow-mcp} generator for OpenAPI Generator, found through {@code ServiceLoader}.
 *
 * <p>It uses none of OpenAPI Generator's templates or models: when OpenAPI Generator hands it the
 * parsed document ({@link #processOpenAPI}), it reads the spec file named by {@code inputSpec} and
 * its options, runs {@link AirflowMcpGenerator} — the same codegen our Maven plugin and CLI run —
 * and writes the result under the output directory: Java sources in {@code <output>/src/main/java}
 * (OpenAPI Generator's {@code sourceFolder}, which its Maven plugin adds to the compile sources)
 * and resources in {@code <output>/src/main/resources}. The same inputs give the same bytes as our
 * plugin. Input errors fail the generation with every diagnostic as {@code path:line:col: error
 * [CODE]: message}.
 *
 * <p>Options ({@code configOptions} or {@code additionalProperties}): {@code toolSpec}, {@code
 * basePackage}, {@code allowWrites}, {@code specs} (more spec files, comma-separated, checked
 * before {@code inputSpec}), {@code sourceFolder}, {@code resourcesFolder}, {@code
 * maxToolsListTokens}. Relative paths are relative to the working directory; in Maven use {@code
 * ${project.basedir}/…}. The workflow (ownership of the output directory, budget) is codegen's
 * {@link GenerationSession}, as for our plugin and CLI: this class only translates options.
 */
public class AirflowMcpCodegenConfig extends DefaultCodegen implements CodegenConfig {

  /** The generator name to configure: {@code generatorName = airflow-mcp}. */
  public static final String NAME = "airflow-mcp";

  private static final Logger LOG = LoggerFactory.getLogger(AirflowMcpCodegenConfig.class);

  public AirflowMcpCodegenConfig() {
    super();
    generatorMetadata =
        GeneratorMetadata.newBuilder(generatorMetadata)
            .stability(Stability.BETA)
            .generationMessage(
                "airflow-mcp: generating MCP tools with the Airflow MCP codegen; OpenAPI"
                    + " Generator's templates are not used")
            .build();
    // Only our options: OpenAPI Generator copies configOptions listed here into the properties.
    cliOptions.clear();
    cliOptions.add(
        CliOption.newString(
            AdapterOptions.TOOL_SPEC, "tool-spec YAML file; the curated Airflow tools when unset"));
    cliOptions.add(
        CliOption.newString(
            AdapterOptions.BASE_PACKAGE,
            "Java package of the generated code",
            AdapterOptions.DEFAULT_BASE_PACKAGE));
    cliOptions.add(
        CliOption.newBoolean(
            AdapterOptions.ALLOW_WRITES,
            "generate tools marked write: true (an error otherwise)",
            false));
    cliOptions.add(
        CliOption.newString(
            AdapterOptions.SPECS,
            "more Airflow REST spec files, comma-separated, checked before inputSpec"));
    cliOptions.add(
        CliOption.newString(
            AdapterOptions.SOURCE_FOLDER,
            "folder for Java sources, inside the output directory",
            AdapterOptions.DEFAULT_SOURCE_FOLDER));
    cliOptions.add(
        CliOption.newString(
            AdapterOptions.RESOURCES_FOLDER,
            "folder for class-path resources, inside the output directory",
            AdapterOptions.DEFAULT_RESOURCES_FOLDER));
    cliOptions.add(
        CliOption.newString(
            AdapterOptions.MAX_TOOLS_LIST_TOKENS,
            "fail when tools/list is over this many estimated tokens",
            String.valueOf(ToolsListBudget.DEFAULT_MAX_TOKENS)));
  }

  @Override
  public CodegenType getTag() {
    return CodegenType.OTHER;
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public String getHelp() {
    return "Generates an MCP server for Apache Airflow (tool classes, tool catalog, tools"
        + " manifest) from Airflow REST specs and a tool spec, with the Airflow MCP codegen.";
  }

  /** The codegen reads the spec file itself: OpenAPI Generator's rewriting would be wasted. */
  @Override
  public boolean getUseOpenapiNormalizer() {
    return false;
  }

  /** The codegen reads the spec file itself: OpenAPI Generator's rewriting would be wasted. */
  @Override
  public boolean getUseInlineModelResolver() {
    return false;
  }

  /** No templates are rendered, so there is nothing to escape. */
  @Override
  public String escapeUnsafeCharacters(String input) {
    return input;
  }

  /** No templates are rendered, so there is nothing to escape. */
  @Override
  public String escapeQuotationMark(String input) {
    return input;
  }

  /**
   * Runs the codegen on the spec file and writes its output.
   *
   * @throws AirflowMcpGenerationException when the inputs have errors
   * @throws IllegalArgumentException when an option cannot be used
   * @throws UncheckedIOException when an input or the output cannot be read or written
   */
  @Override
  public void processOpenAPI(OpenAPI openAPI) {
    super.processOpenAPI(openAPI);
    AdapterOptions options =
        AdapterOptions.from(getInputSpec(), additionalProperties(), Path.of("").toAbsolutePath());
    GenerationSession.Outcome outcome;
    try {
      outcome = new GenerationSession().run(options.sessionRequest(Path.of(getOutputDir())));
    } catch (IOException e) {
      throw new UncheckedIOException("airflow-mcp generation failed: " + e.getMessage(), e);
    }
    for (Diagnostic d : outcome.diagnostics()) {
      if (d.severity() == Severity.WARNING) {
        LOG.warn(d.formatWithHint());
      } else {
        LOG.error(d.formatWithHint());
      }
    }
    if (outcome.hasErrors()) {
      throw new AirflowMcpGenerationException(outcome.errors());
    }
    LOG.info("airflow-mcp: {} files generated, {} changed", outcome.files(), outcome.changed());
  }
}
