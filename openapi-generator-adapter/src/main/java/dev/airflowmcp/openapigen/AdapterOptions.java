package dev.airflowmcp.openapigen;

import dev.airflowmcp.codegen.GenerationRequest;
import dev.airflowmcp.codegen.GenerationSession;
import dev.airflowmcp.codegen.OutputLayout;
import dev.airflowmcp.codegen.coverage.ToolsListBudget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The options of the {@code airflow-mcp} generator, read from OpenAPI Generator's additional
 * properties (where {@code configOptions} and {@code additionalProperties} both end up) and turned
 * into the one request the codegen takes.
 *
 * @param request the generation request
 * @param sourceFolder where Java sources go, relative to the output directory
 * @param resourcesFolder where class-path resources go, relative to the output directory
 * @param maxToolsListTokens the {@code tools/list} budget in estimated tokens
 * @param workingDir what relative paths are relative to, and what messages name paths against
 */
record AdapterOptions(
    GenerationRequest request,
    String sourceFolder,
    String resourcesFolder,
    int maxToolsListTokens,
    Path workingDir) {

  /** Tool-spec YAML file; the curated spec when unset. */
  static final String TOOL_SPEC = "toolSpec";

  /** Java package of the generated code. */
  static final String BASE_PACKAGE = "basePackage";

  /** Whether tools marked {@code write: true} may be generated. */
  static final String ALLOW_WRITES = "allowWrites";

  /** More Airflow spec files, comma-separated, checked before {@code inputSpec}. */
  static final String SPECS = "specs";

  /** OpenAPI Generator's own name for the Java source folder. */
  static final String SOURCE_FOLDER = "sourceFolder";

  /** The {@code tools/list} budget in estimated tokens. */
  static final String MAX_TOOLS_LIST_TOKENS = "maxToolsListTokens";

  /** OpenAPI Generator's own files in the output directory: neither ours nor foreign to us. */
  static final List<String> OPENAPI_GENERATOR_FILES =
      List.of(".openapi-generator/", ".openapi-generator-ignore");

  /** Where class-path resources go. */
  static final String RESOURCES_FOLDER = "resourcesFolder";

  static final String DEFAULT_BASE_PACKAGE = "dev.airflowmcp.server";
  static final String DEFAULT_SOURCE_FOLDER = "src/main/java";
  static final String DEFAULT_RESOURCES_FOLDER = "src/main/resources";

  /**
   * Reads the options.
   *
   * @param inputSpec OpenAPI Generator's {@code inputSpec}: the Airflow spec file
   * @param properties the generator's additional properties
   * @param workingDir what relative paths are relative to
   * @throws IllegalArgumentException when an option has a value the generator cannot use
   */
  static AdapterOptions from(String inputSpec, Map<String, Object> properties, Path workingDir) {
    if (inputSpec == null || inputSpec.isBlank()) {
      throw new IllegalArgumentException("airflow-mcp needs inputSpec: an Airflow REST spec file");
    }
    List<Path> specs = new ArrayList<>();
    String extra = string(properties, SPECS, "");
    for (String part : extra.split(",")) {
      if (!part.isBlank()) {
        specs.add(file(workingDir, SPECS, part.strip()));
      }
    }
    specs.add(file(workingDir, "inputSpec", inputSpec));

    String toolSpecValue = string(properties, TOOL_SPEC, "");
    Path toolSpec = toolSpecValue.isBlank() ? null : file(workingDir, TOOL_SPEC, toolSpecValue);
    String toolSpecName = toolSpec == null ? null : display(workingDir, toolSpec);
    GenerationRequest request =
        new GenerationRequest(
            specs,
            toolSpec,
            toolSpecName,
            string(properties, BASE_PACKAGE, DEFAULT_BASE_PACKAGE),
            bool(properties, ALLOW_WRITES));
    return new AdapterOptions(
        request,
        folder(properties, SOURCE_FOLDER, DEFAULT_SOURCE_FOLDER),
        folder(properties, RESOURCES_FOLDER, DEFAULT_RESOURCES_FOLDER),
        positive(properties, MAX_TOOLS_LIST_TOKENS, ToolsListBudget.DEFAULT_MAX_TOKENS),
        workingDir);
  }

  /**
   * The session's request: sources and resources into their folders of the output directory, which
   * the generator owns like our plugin's (OpenAPI Generator's bookkeeping aside).
   */
  GenerationSession.Request sessionRequest(Path outputDir) {
    Path output = outputDir.toAbsolutePath().normalize();
    return new GenerationSession.Request(
        request,
        new OutputLayout.Place(output, "output", display(workingDir, output)),
        null,
        null,
        GenerationSession.Mode.WRITE,
        maxToolsListTokens,
        null,
        null,
        this::target,
        OPENAPI_GENERATOR_FILES);
  }

  /** Where a generated file goes, relative to the output directory, with {@code /}. */
  String target(String path) {
    if (path.startsWith("java/")) {
      return sourceFolder + "/" + path.substring("java/".length());
    }
    if (path.startsWith("resources/")) {
      return resourcesFolder + "/" + path.substring("resources/".length());
    }
    return path;
  }

  private static int positive(Map<String, Object> properties, String key, int fallback) {
    String text = string(properties, key, String.valueOf(fallback));
    int value;
    try {
      value = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      value = 0;
    }
    if (value < 1) {
      throw new IllegalArgumentException(
          "airflow-mcp option " + key + " must be a positive number, not '" + text + "'");
    }
    return value;
  }

  private static String string(Map<String, Object> properties, String key, String fallback) {
    Object value = properties.get(key);
    if (value == null) {
      return fallback;
    }
    String text = value.toString().strip();
    return text.isEmpty() ? fallback : text;
  }

  private static boolean bool(Map<String, Object> properties, String key) {
    Object value = properties.get(key);
    if (value == null || value instanceof Boolean) {
      return Boolean.TRUE.equals(value);
    }
    String text = value.toString().strip().toLowerCase(Locale.ROOT);
    return switch (text) {
      case "true" -> true;
      case "false", "" -> false;
      default ->
          throw new IllegalArgumentException(
              "airflow-mcp option " + key + " must be true or false, not '" + value + "'");
    };
  }

  private static Path file(Path workingDir, String option, String value) {
    if (value.matches("^[A-Za-z][A-Za-z0-9+.-]+:/.*")) {
      throw new IllegalArgumentException(
          "airflow-mcp reads " + option + " from a file, not a URL: '" + value + "'");
    }
    return workingDir.resolve(value).normalize();
  }

  /** A relative folder inside the output directory. */
  private static String folder(Map<String, Object> properties, String key, String fallback) {
    String value = string(properties, key, fallback).replace('\\', '/');
    Path path = Path.of(value).normalize();
    if (path.isAbsolute() || path.startsWith("..") || path.toString().isEmpty()) {
      throw new IllegalArgumentException(
          "airflow-mcp option "
              + key
              + " must be a folder inside the output directory, not '"
              + value
              + "'");
    }
    return path.toString().replace('\\', '/');
  }

  /** The tool spec as diagnostics name it: relative to the working directory when inside it. */
  private static String display(Path workingDir, Path file) {
    Path base = workingDir.toAbsolutePath().normalize();
    Path abs = file.toAbsolutePath().normalize();
    return (abs.startsWith(base) ? base.relativize(abs) : abs).toString().replace('\\', '/');
  }
}
