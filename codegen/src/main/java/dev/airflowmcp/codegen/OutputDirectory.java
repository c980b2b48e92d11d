package dev.airflowmcp.codegen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A directory the generator owns, and the one ownership rule every front end follows: the generator
 * writes, overwrites and deletes only its own files. Its own files are those listed in the
 * directory's record ({@value #RECORD}, written after every write) and those whose bytes already
 * equal what it is about to write there; any other file is foreign. A directory holding a foreign
 * file is refused before anything is written ({@link #foreign}); {@link #write} checks it again.
 * Files the generator no longer produces are deleted, so renamed tools leave nothing stale.
 */
public final class OutputDirectory {
  /** The record of what the last write put in the directory, one relative path per line. */
  public static final String RECORD = ".airflow-mcp-files";

  private final Path root;
  private final List<String> ignored;

  /** A directory the generator owns whole. */
  public OutputDirectory(Path root) {
    this(root, List.of());
  }

  /**
   * A directory the generator owns except for paths that belong to the tool that drives it.
   *
   * @param ignored relative paths, or prefixes ending in {@code /}, that are neither the
   *     generator's nor foreign (OpenAPI Generator's {@code .openapi-generator/} bookkeeping)
   */
  public OutputDirectory(Path root, List<String> ignored) {
    this.root = root;
    this.ignored = List.copyOf(ignored);
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

  /**
   * The files writing these would overwrite or delete although the generator did not write them:
   * present, not in the record, and not already equal to the generated file of that path. Sorted.
   */
  public List<String> foreign(List<GeneratedFile> files) throws IOException {
    Map<String, GeneratedFile> byPath = new HashMap<>();
    for (GeneratedFile f : files) {
      byPath.put(f.path(), f);
    }
    Set<String> owned = record();
    List<String> foreign = new ArrayList<>();
    for (String existing : existingFiles()) {
      if (owned.contains(existing)) {
        continue;
      }
      GeneratedFile same = byPath.get(existing);
      if (same == null
          || !Arrays.equals(Files.readAllBytes(root.resolve(existing)), same.content())) {
        foreign.add(existing);
      }
    }
    return foreign;
  }

  /**
   * Writes every file whose bytes differ, deletes the generator's files that are no longer
   * generated, and records what the directory now holds.
   *
   * @return how many files were written or deleted
   * @throws IllegalStateException when the directory holds a foreign file (nothing is written)
   */
  public int write(List<GeneratedFile> files) throws IOException {
    List<String> foreign = foreign(files);
    if (!foreign.isEmpty()) {
      throw new IllegalStateException(
          root + " holds files the generator did not write: " + foreign);
    }
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
        Files.delete(root.resolve(existing)); // in the record: foreign() let nothing else through
        changed++;
      }
    }
    Files.createDirectories(root);
    Files.writeString(
        root.resolve(RECORD), String.join("\n", expected) + "\n", StandardCharsets.UTF_8);
    return changed;
  }

  private Set<String> record() throws IOException {
    Path record = root.resolve(RECORD);
    Set<String> owned = new TreeSet<>();
    if (Files.isRegularFile(record)) {
      for (String line : Files.readAllLines(record, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          owned.add(line.strip());
        }
      }
    }
    return owned;
  }

  private boolean ignored(String path) {
    if (path.equals(RECORD)) {
      return true;
    }
    for (String i : ignored) {
      if (i.endsWith("/") ? path.startsWith(i) : path.equals(i)) {
        return true;
      }
    }
    return false;
  }

  private List<String> existingFiles() throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .filter(p -> !ignored(p))
          .sorted()
          .toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
