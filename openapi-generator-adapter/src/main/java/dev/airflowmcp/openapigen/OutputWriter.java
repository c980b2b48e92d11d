package dev.airflowmcp.openapigen;

import dev.airflowmcp.codegen.GeneratedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes generated files into an OpenAPI Generator output directory: {@code java/…} under the
 * source folder, {@code resources/…} under the resources folder. Unlike our Maven plugin's output
 * directory, these folders may be shared with other code (OpenAPI Generator users sometimes point
 * {@code output} at the project itself), so only files this generator wrote on an earlier run, as
 * listed in {@value #MANIFEST}, are ever deleted.
 */
final class OutputWriter {
  /** The list of files written by the last run, relative to the output directory. */
  static final String MANIFEST = ".openapi-generator/airflow-mcp-files";

  private final Path output;
  private final String sourceFolder;
  private final String resourcesFolder;

  OutputWriter(Path output, String sourceFolder, String resourcesFolder) {
    this.output = output.toAbsolutePath().normalize();
    this.sourceFolder = sourceFolder;
    this.resourcesFolder = resourcesFolder;
  }

  /** Where a generated file goes, relative to the output directory, with {@code /}. */
  String target(GeneratedFile file) {
    String path = file.path();
    if (path.startsWith("java/")) {
      return sourceFolder + "/" + path.substring("java/".length());
    }
    if (path.startsWith("resources/")) {
      return resourcesFolder + "/" + path.substring("resources/".length());
    }
    throw new IllegalStateException("unexpected generated file " + path);
  }

  /**
   * Writes every file whose bytes differ, deletes files of the previous run that are no longer
   * generated, and records the new list.
   *
   * @return how many files were written or deleted
   */
  int write(List<GeneratedFile> files) throws IOException {
    int changed = 0;
    Set<String> written = new TreeSet<>();
    for (GeneratedFile file : files) {
      String relative = target(file);
      written.add(relative);
      Path p = output.resolve(relative);
      byte[] content = file.content();
      if (Files.isRegularFile(p) && Arrays.equals(Files.readAllBytes(p), content)) {
        continue;
      }
      Files.createDirectories(p.getParent());
      Files.write(p, content);
      changed++;
    }
    Path manifest = output.resolve(MANIFEST);
    if (Files.isRegularFile(manifest)) {
      for (String previous : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
        Path p = output.resolve(previous).normalize();
        if (!previous.isBlank() && !written.contains(previous) && p.startsWith(output)
            && Files.deleteIfExists(p)) {
          changed++;
        }
      }
    }
    Files.createDirectories(manifest.getParent());
    Files.writeString(manifest, String.join("\n", written) + "\n", StandardCharsets.UTF_8);
    return changed;
  }
}
