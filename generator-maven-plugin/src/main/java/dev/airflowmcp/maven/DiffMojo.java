package dev.airflowmcp.maven;

import dev.airflowmcp.codegen.diff.ReleaseDiff;
import dev.airflowmcp.codegen.diff.SpecDiffReport;
import dev.airflowmcp.codegen.diff.ToolSurfaceDiff;
import dev.airflowmcp.toolspec.diag.Diagnostic;
import dev.airflowmcp.toolspec.diag.Severity;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Shows what new Airflow releases change for the tools: compares each spec with the previous one of
 * the same Airflow major version (oldest first) through the tool spec, and writes {@code
 * airflow-mcp-diff.md} and {@code airflow-mcp-diff.json}: breaking changes for the tools,
 * non-breaking changes touching them, and read-only operations no tool exposes, by tag.
 *
 * <p>With {@code oldManifest} and {@code newManifest} (two builds' {@code
 * META-INF/airflow-mcp/tools.json}) it also writes {@code airflow-mcp-tools-diff.md} and {@code
 * .json}: the {@code tools/list} changes agents will see.
 */
@Mojo(name = "diff", threadSafe = true)
public final class DiffMojo extends AbstractMojo {

  /** Airflow REST spec files, oldest first (e.g. 3.0.2 then 3.2.0; majors may be mixed). */
  @Parameter(property = "airflow-mcp.diff.specs", required = true)
  private List<File> specs;

  /** The tool-spec YAML; when unset, the curated tools. */
  @Parameter(property = "airflow-mcp.toolSpec")
  private File toolSpec;

  /** With the curated tools: include the curated write tools. */
  @Parameter(property = "airflow-mcp.allowWrites", defaultValue = "false")
  private boolean allowWrites;

  /** The old build's tools manifest, for the {@code tools/list} diff (optional). */
  @Parameter(property = "airflow-mcp.diff.oldManifest")
  private File oldManifest;

  /** The new build's tools manifest, for the {@code tools/list} diff (optional). */
  @Parameter(property = "airflow-mcp.diff.newManifest")
  private File newManifest;

  /** Where the reports are written. */
  @Parameter(
      property = "airflow-mcp.diff.outputDirectory",
      defaultValue = "${project.build.directory}")
  private File outputDirectory;

  /** Fail the build when a tool breaks. */
  @Parameter(property = "airflow-mcp.diff.failOnBreaking", defaultValue = "false")
  private boolean failOnBreaking;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if ((oldManifest == null) != (newManifest == null)) {
      throw new MojoFailureException(
          "the tools/list diff needs both oldManifest and newManifest; only one is set");
    }
    Path base = project.getBasedir().toPath();
    List<Path> specPaths = new ArrayList<>();
    for (File f : specs) {
      specPaths.add(f.toPath());
    }
    Path tool = toolSpec == null ? null : toolSpec.toPath();
    try {
      ReleaseDiff.Result result =
          ReleaseDiff.run(
              new ReleaseDiff.Request(
                  specPaths,
                  tool,
                  tool == null ? null : base.relativize(tool.toAbsolutePath()).toString(),
                  allowWrites));
      List<String> errors = new ArrayList<>();
      for (Diagnostic d : result.diagnostics()) {
        if (d.severity() == Severity.ERROR) {
          errors.add(d.formatWithHint());
        } else {
          getLog().warn(d.formatWithHint());
        }
      }
      if (!errors.isEmpty()) {
        throw new MojoFailureException(
            errors.size()
                + (errors.size() == 1 ? " error" : " errors")
                + " in the airflow-mcp diff inputs:\n"
                + String.join("\n", errors));
      }
      Path out = outputDirectory.toPath();
      Files.createDirectories(out);
      write(out.resolve("airflow-mcp-diff.md"), result.markdown());
      write(out.resolve("airflow-mcp-diff.json"), result.json());
      int breaking = 0;
      for (SpecDiffReport r : result.reports()) {
        breaking += r.breaking().size();
        getLog()
            .info(
                "airflow-mcp diff "
                    + r.oldSpec()
                    + " -> "
                    + r.newSpec()
                    + ": "
                    + r.breaking().size()
                    + " breaking, "
                    + r.nonBreaking().size()
                    + " non-breaking, "
                    + r.allCandidates().size()
                    + " candidates");
      }
      getLog().info("airflow-mcp diff written to " + out.resolve("airflow-mcp-diff.md"));
      if (oldManifest != null) {
        ToolSurfaceDiff.Report surface =
            ToolSurfaceDiff.compare(
                oldManifest.getName(), read(oldManifest.toPath()),
                newManifest.getName(), read(newManifest.toPath()));
        write(out.resolve("airflow-mcp-tools-diff.md"), ToolSurfaceDiff.markdown(surface));
        write(out.resolve("airflow-mcp-tools-diff.json"), ToolSurfaceDiff.json(surface));
        getLog()
            .info(
                "airflow-mcp tools/list diff: "
                    + surface.added().size()
                    + " added, "
                    + surface.removed().size()
                    + " removed, "
                    + surface.changed().size()
                    + " changed");
      }
      if (failOnBreaking && breaking > 0) {
        throw new MojoFailureException(
            breaking
                + " breaking change"
                + (breaking == 1 ? "" : "s")
                + " for the tools; see "
                + out.resolve("airflow-mcp-diff.md"));
      }
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException(e.getMessage());
    } catch (IOException e) {
      throw new MojoExecutionException("airflow-mcp diff failed: " + e.getMessage(), e);
    }
  }

  private static String read(Path file) throws IOException, MojoFailureException {
    if (!Files.isRegularFile(file)) {
      throw new MojoFailureException("tools manifest not found: " + file);
    }
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
