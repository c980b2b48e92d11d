package dev.airflowmcp.codegen;

import dev.airflowmcp.codegen.docs.DocsRenderer;
import dev.airflowmcp.toolspec.load.ToolSpecLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A SHA-256 over everything that decides the output: the request's settings and the front end's
 * options, every input file's bytes (the specs; the tool spec and every file it extends, however
 * deep; the templates: the vendor template directory's files and the shipped ones), where the
 * output and the docs go, and the generator's own version. Equal fingerprints mean generation can
 * be skipped.
 */
final class InputFingerprint {
  private final String hex;
  private final Path output;
  private final Path docs;

  private InputFingerprint(String hex, Path output, Path docs) {
    this.hex = hex;
    this.output = output;
    this.docs = docs;
  }

  /**
   * @param output the output directory
   * @param docs the docs directory, or {@code null} when no docs are written
   */
  static InputFingerprint of(GenerationRequest request, Path output, Path docs) throws IOException {
    return of(request, output, docs, "");
  }

  /**
   * @param output the output directory
   * @param docs the docs directory, or {@code null} when no docs are written
   * @param options the front end's options that decide the outcome beyond the request (the {@code
   *     tools/list} budget)
   */
  static InputFingerprint of(GenerationRequest request, Path output, Path docs, String options)
      throws IOException {
    MessageDigest sha = sha256();
    update(sha, "options=" + options);
    update(sha, "output=" + output.toAbsolutePath().normalize());
    update(sha, "package=" + request.basePackage());
    update(sha, "writes=" + request.allowWrites());
    update(sha, "generator=" + generatorVersion());
    for (Path spec : request.specs()) {
      update(sha, "spec=" + spec.toAbsolutePath().normalize());
      if (Files.isRegularFile(spec)) {
        sha.update(Files.readAllBytes(spec));
      }
    }
    if (request.toolSpec() == null) {
      update(sha, "toolSpec=curated");
    } else {
      // The tool spec, then each spec it extends (an overlay's base, the base's base...).
      for (Path file : ToolSpecLoader.files(request.toolSpec())) {
        update(sha, "toolSpec=" + file);
        byte[] content = Files.readAllBytes(file);
        update(sha, "bytes=" + content.length);
        sha.update(content);
      }
    }
    update(sha, "docs=" + (docs == null ? "none" : docs.toAbsolutePath().normalize()));
    templates(sha, request.templateDirectory());
    return new InputFingerprint(HexFormat.of().formatHex(sha.digest()), output, docs);
  }

  /**
   * The vendor template directory's files (names and bytes, by name; the renderer reads only the
   * directory's own files), then the shipped templates, so that editing either regenerates.
   */
  private static void templates(MessageDigest sha, Path directory) throws IOException {
    if (directory == null) {
      update(sha, "templates=shipped");
    } else {
      update(sha, "templates=" + directory.toAbsolutePath().normalize());
      if (Files.isDirectory(directory)) {
        List<Path> files;
        try (Stream<Path> list = Files.list(directory)) {
          files =
              list.filter(Files::isRegularFile)
                  .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                  .toList();
        }
        for (Path file : files) {
          update(sha, "template=" + file.getFileName());
          byte[] content = Files.readAllBytes(file);
          update(sha, "bytes=" + content.length);
          sha.update(content);
        }
      }
    }
    for (Class<? extends Record> view : DocsRenderer.VIEWS) {
      String name = DocsRenderer.TEMPLATE_RESOURCES + DocsRenderer.templateName(view);
      update(sha, "shipped=" + name);
      try (InputStream in = DocsRenderer.class.getClassLoader().getResourceAsStream(name)) {
        if (in != null) {
          sha.update(in.readAllBytes());
        }
      }
    }
  }

  /** The fingerprint as hex. */
  String hex() {
    return hex;
  }

  /**
   * True when the stamp holds this fingerprint and the output (its tools manifest, not just the
   * directory) and the docs still exist.
   */
  boolean matchesStamp(Path stamp) throws IOException {
    return matchesStamp(
        stamp, output.resolve("resources").resolve(AirflowMcpGenerator.MANIFEST_RESOURCE));
  }

  /** As {@link #matchesStamp(Path)}, with the tools manifest where the front end puts it. */
  boolean matchesStamp(Path stamp, Path manifest) throws IOException {
    return Files.isRegularFile(stamp)
        && Files.isRegularFile(manifest)
        && (docs == null || Files.isDirectory(docs))
        && Files.readString(stamp, StandardCharsets.UTF_8).strip().equals(hex);
  }

  /**
   * Where the stamp of one output directory lives under the build directory: {@code
   * airflow-mcp/inputs-<first 16 hex of the output path's SHA-256>.sha256}, one per output, so that
   * several executions in one project keep their own stamps.
   */
  static Path stampFile(Path buildDirectory, Path output) {
    MessageDigest sha = sha256();
    byte[] path = output.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8);
    String key = HexFormat.of().formatHex(sha.digest(path)).substring(0, 16);
    return buildDirectory.resolve("airflow-mcp").resolve("inputs-" + key + ".sha256");
  }

  void writeStamp(Path stamp) throws IOException {
    Files.createDirectories(stamp.getParent());
    Files.writeString(stamp, hex + "\n", StandardCharsets.UTF_8);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  private static void update(MessageDigest sha, String s) {
    sha.update(s.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
  }

  /**
   * Identifies the generator build: the codegen and tool-spec jars (size and time; the curated spec
   * ships in the latter; the shipped templates are hashed by content), so a rebuilt snapshot of the
   * generator regenerates.
   */
  private static String generatorVersion() {
    StringBuilder id = new StringBuilder();
    for (Class<?> c : new Class<?>[] {InputFingerprint.class, ToolSpecLoader.class}) {
      try {
        Path jar = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isRegularFile(jar)) {
          id.append(Files.size(jar)).append('@').append(Files.getLastModifiedTime(jar)).append(';');
        } else {
          id.append("classes;");
        }
      } catch (IOException | java.net.URISyntaxException | SecurityException e) {
        id.append("unknown;");
      }
    }
    return id.toString();
  }
}
