package dev.airflowmcp.codegen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Brings a directory in line with a set of generated files, or reports how it differs. Files the
 * generator no longer produces are removed, so renamed tools leave nothing stale behind.
 */
public final class OutputDirectory {
  private final Path root;

  public OutputDirectory(Path root) {
    this.root = root;
  }

  /** Relative paths (with {@code /}) that are added, changed or stale, sorted. */
  public List<String> differences(List<GeneratedFile> files) throws IOException {
    Set<String> out = new TreeSet<>();
    Set<String> expected = new TreeSet<>();
    for (GeneratedFile f : files) {
      expected.add(f.path());
      Path p = root.resolve(f.path());
      if (!Files.isRegularFile(p)) {
        out.add(f.path() + " (missing)");
      } else if (!Arrays.equals(Files.readAllBytes(p), f.content())) {
        out.add(f.path() + " (changed)");
      }
    }
    for (String existing : existingFiles()) {
      if (!expected.contains(existing)) {
        out.add(existing + " (no longer generated)");
      }
    }
    return new ArrayList<>(out);
  }

  /** Writes every file whose bytes differ and deletes stale ones; returns how many changed. */
  public int write(List<GeneratedFile> files) throws IOException {
    int changed = 0;
    Set<String> expected = new TreeSet<>();
    for (GeneratedFile f : files) {
      expected.add(f.path());
      Path p = root.resolve(f.path());
      byte[] content = f.content();
      if (Files.isRegularFile(p) && Arrays.equals(Files.readAllBytes(p), content)) {
        continue;
      }
      Files.createDirectories(p.getParent());
      Files.write(p, content);
      changed++;
    }
    for (String existing : existingFiles()) {
      if (!expected.contains(existing)) {
        Files.delete(root.resolve(existing));
        changed++;
      }
    }
    return changed;
  }

  private List<String> existingFiles() throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
