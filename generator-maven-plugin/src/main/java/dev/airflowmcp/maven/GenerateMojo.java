package dev.airflowmcp.maven;

import dev.airflowmcp.codegen.GenerationRequest;
import dev.airflowmcp.codegen.GenerationSession;
import dev.airflowmcp.codegen.OutputLayout;
import dev.airflowmcp.toolspec.diag.Diagnostic;
import dev.airflowmcp.toolspec.diag.Severity;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Generates the MCP tool classes, the tool catalog and the tools manifest from Airflow's REST specs
 * and a tool spec, and adds them to the build. Skips the work when no input changed. The workflow
 * is codegen's {@link GenerationSession}; this Mojo translates its parameters into the session's
 * request and the outcome into log lines and a build failure.
 *
 * <p>With {@code committed} set, the output directory holds sources that are committed to version
 * control: the build then fails when regenerating would change them, unless {@code overwrite} is
 * set.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public final class GenerateMojo extends AbstractMojo {

  /** Airflow REST spec files (Airflow 2 {@code /api/v1} and/or Airflow 3 {@code /api/v2}). */
  @Parameter(required = true)
  private List<File> specs;

  /** The tool-spec YAML; when unset, the curated spec shipped with the plugin is used. */
  @Parameter(property = "airflow-mcp.toolSpec")
  private File toolSpec;

  /** Java package of the generated code. */
  @Parameter(property = "airflow-mcp.basePackage", defaultValue = "dev.airflowmcp.server")
  private String basePackage;

  /** Generate tools marked {@code write: true}; without it such tools are an error. */
  @Parameter(property = "airflow-mcp.allowWrites", defaultValue = "false")
  private boolean allowWrites;

  /** Where sources ({@code java/}) and resources ({@code resources/}) are written. */
  @Parameter(
      property = "airflow-mcp.outputDirectory",
      defaultValue = "${project.build.directory}/generated-sources/airflow-mcp")
  private File outputDirectory;

  /** The output directory is under version control: fail when it is out of date. */
  @Parameter(property = "airflow-mcp.committed", defaultValue = "false")
  private boolean committed;

  /** With {@code committed}: rewrite the committed files instead of failing. */
  @Parameter(property = "airflow-mcp.overwrite", defaultValue = "false")
  private boolean overwrite;

  /**
   * Add the generated sources and resources to the test build (test source root, test resources)
   * instead of the main one: for a server that only tests start, such as a write-enabled server in
   * a test module.
   */
  @Parameter(property = "airflow-mcp.testSources", defaultValue = "false")
  private boolean testSources;

  /**
   * The budget of the generated {@code tools/list}, in estimated tokens (characters / 4 of the
   * tools manifest's compact JSON, as clients receive it); the build fails above it. The curated
   * read-only tools are about 5,720, with the write tools about 6,580.
   */
  @Parameter(property = "airflow-mcp.maxToolsListTokens", defaultValue = "10000")
  private int maxToolsListTokens;

  /**
   * A directory whose {@code <View>.mustache} files ({@code ToolReferenceView.mustache}, {@code
   * ClientConfigView.mustache}, {@code MigrationTableView.mustache}) replace the shipped doc
   * templates.
   */
  @Parameter(property = "airflow-mcp.templateDirectory")
  private File templateDirectory;

  /**
   * Where the docs rendered from templates go ({@code tool-reference.md}, {@code
   * client-configuration.md}, {@code migration-table.md}); the generator owns this directory.
   * Unset: no docs are written. With {@code committed}, they are checked like the generated
   * sources.
   */
  @Parameter(property = "airflow-mcp.docsDirectory")
  private File docsDirectory;

  /** Skip generation. */
  @Parameter(property = "airflow-mcp.skip", defaultValue = "false")
  private boolean skip;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("airflow-mcp generation skipped");
      return;
    }
    Path base = project.getBasedir().toPath();
    GenerationSession.Outcome outcome;
    try {
      outcome = new GenerationSession().run(sessionRequest(base));
    } catch (IOException e) {
      throw new MojoExecutionException("airflow-mcp generation failed: " + e.getMessage(), e);
    }
    for (Diagnostic d : outcome.diagnostics()) {
      if (d.severity() == Severity.WARNING) {
        getLog().warn(d.formatWithHint());
      }
    }
    if (outcome.hasErrors()) {
      throw new MojoFailureException(failureMessage(outcome.errors()));
    }
    if (outcome.skipped()) {
      getLog().info("airflow-mcp: inputs unchanged, generated sources are up to date");
    } else {
      if (outcome.coverage() != null) {
        getLog().info("airflow-mcp: operation coverage written to " + outcome.coverage());
      }
      if (committed && !overwrite) {
        getLog().info("airflow-mcp: committed generated sources are up to date");
      } else {
        getLog()
            .info(
                "airflow-mcp: "
                    + outcome.files()
                    + " files generated, "
                    + outcome.changed()
                    + " changed");
        if (docsDirectory != null) {
          getLog().info("airflow-mcp: docs written to " + docsDirectory);
        }
      }
      getLog()
          .info(
              "airflow-mcp: tools/list is about "
                  + outcome.toolsListTokens()
                  + " tokens (budget "
                  + maxToolsListTokens
                  + ")");
    }
    addRoots(project, outputDirectory.toPath());
  }

  /** Maps the parameters to the session's request: all the Mojo does besides logging. */
  GenerationSession.Request sessionRequest(Path base) {
    return new GenerationSession.Request(
        request(base),
        place(outputDirectory.toPath(), "outputDirectory", base),
        docsPlace(base),
        templateDirectory == null
            ? null
            : place(templateDirectory.toPath(), "templateDirectory", base),
        committed && !overwrite ? GenerationSession.Mode.CHECK : GenerationSession.Mode.WRITE,
        maxToolsListTokens,
        committed ? null : stampFile(),
        Path.of(project.getBuild().getDirectory(), "airflow-mcp-coverage.md"));
  }

  /**
   * Adds {@code out/java} as a source root and {@code out/resources} as resources, main or test.
   */
  void addRoots(MavenProject target, Path out) {
    Resource resource = new Resource();
    resource.setDirectory(out.resolve("resources").toString());
    if (testSources) {
      target.addTestCompileSourceRoot(out.resolve("java").toString());
      target.addTestResource(resource);
    } else {
      target.addCompileSourceRoot(out.resolve("java").toString());
      target.addResource(resource);
    }
  }

  /** Maps the parameters to the one immutable request the generator takes. */
  GenerationRequest request(Path base) {
    List<Path> specPaths = new ArrayList<>();
    for (File f : specs) {
      specPaths.add(f.toPath());
    }
    Path tool = toolSpec == null ? null : toolSpec.toPath();
    String toolName = tool == null ? null : display(base, tool);
    return new GenerationRequest(
        specPaths,
        tool,
        toolName,
        basePackage,
        allowWrites,
        templateDirectory == null ? null : templateDirectory.toPath());
  }

  /** A directory as messages show it: relative to the project when it is inside. */
  private static OutputLayout.Place place(Path dir, String option, Path base) {
    Path abs = dir.toAbsolutePath().normalize();
    Path project = base.toAbsolutePath().normalize();
    String name = abs.startsWith(project) ? project.relativize(abs).toString() : abs.toString();
    return new OutputLayout.Place(dir, option, name.replace('\\', '/'));
  }

  private OutputLayout.Place docsPlace(Path base) {
    return docsDirectory == null ? null : place(docsDirectory.toPath(), "docsDirectory", base);
  }

  private Path stampFile() {
    return GenerationSession.stampFile(
        Path.of(project.getBuild().getDirectory()), outputDirectory.toPath());
  }

  private static String failureMessage(List<Diagnostic> diagnostics) {
    List<String> lines = new ArrayList<>();
    int errors = 0;
    for (Diagnostic d : diagnostics) {
      if (d.severity() == Severity.ERROR) {
        errors++;
        lines.add(d.formatWithHint());
      }
    }
    return errors
        + (errors == 1 ? " error" : " errors")
        + " in the airflow-mcp inputs:\n"
        + String.join("\n", lines);
  }

  /** A path relative to the project when it lies inside it, so messages stay short. */
  private static String display(Path base, Path file) {
    Path abs = file.toAbsolutePath().normalize();
    Path b = base.toAbsolutePath().normalize();
    return (abs.startsWith(b) ? b.relativize(abs) : abs).toString().replace('\\', '/');
  }
}
