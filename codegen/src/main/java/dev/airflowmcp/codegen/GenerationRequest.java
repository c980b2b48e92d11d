package dev.airflowmcp.codegen;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything one generation run needs, as one immutable value. Build adapters (the Maven plugin,
 * the CLI) only translate their parameters into this.
 *
 * @param specs Airflow REST spec files; each binding is checked against every spec of its major
 *     version, and the last spec of each major decides paths
 * @param toolSpec the tool-spec YAML, or {@code null} for the curated spec shipped with the toolkit
 * @param toolSpecName how diagnostics name the tool spec (e.g. a path relative to the project)
 * @param basePackage the Java package of generated code (tools go in {@code <basePackage>.tools})
 * @param allowWrites whether tools marked {@code write: true} may be generated
 * @param templateDirectory a vendor directory whose {@code <View>.mustache} files replace the
 *     shipped doc templates, or {@code null}
 */
public record GenerationRequest(
    List<Path> specs,
    Path toolSpec,
    String toolSpecName,
    String basePackage,
    boolean allowWrites,
    Path templateDirectory) {

  /** A request with the shipped doc templates. */
  public GenerationRequest(
      List<Path> specs,
      Path toolSpec,
      String toolSpecName,
      String basePackage,
      boolean allowWrites) {
    this(specs, toolSpec, toolSpecName, basePackage, allowWrites, null);
  }

  public GenerationRequest {
    specs = List.copyOf(specs);
    Objects.requireNonNull(basePackage, "basePackage");
    if (toolSpec != null) {
      Objects.requireNonNull(toolSpecName, "toolSpecName");
    }
  }
}
