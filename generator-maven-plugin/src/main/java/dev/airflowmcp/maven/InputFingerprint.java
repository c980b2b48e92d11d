package dev.airflowmcp.maven;

import dev.airflowmcp.codegen.GenerationRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A SHA-256 over everything that decides the output: the request's settings, every input file's
 * bytes, and the generator's own version. Equal fingerprints mean generation can be skipped.
 */
final class InputFingerprint {
  private final String hex;
  private final Path output;

  private InputFingerprint(String hex, Path output) {
    this.hex = hex;
    this.output = output;
  }

  static InputFingerprint of(GenerationRequest request, Path output) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
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
      update(sha, "toolSpec=" + request.toolSpec().toAbsolutePath().normalize());
      if (Files.isRegularFile(request.toolSpec())) {
        sha.update(Files.readAllBytes(request.toolSpec()));
      }
    }
    return new InputFingerprint(HexFormat.of().formatHex(sha.digest()), output);
  }

  /** True when the stamp holds this fingerprint and the output still exists. */
  boolean matchesStamp(Path stamp) throws IOException {
    return Files.isRegularFile(stamp)
        && Files.isDirectory(output)
        && Files.readString(stamp, StandardCharsets.UTF_8).strip().equals(hex);
  }

  void writeStamp(Path stamp) throws IOException {
    Files.createDirectories(stamp.getParent());
    Files.writeString(stamp, hex + "\n", StandardCharsets.UTF_8);
  }

  private static void update(MessageDigest sha, String s) {
    sha.update(s.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
  }

  /**
   * Identifies the generator build: the plugin, codegen and tool-spec jars (size and time), so a
   * rebuilt snapshot of the generator regenerates.
   */
  private static String generatorVersion() {
    StringBuilder id = new StringBuilder();
    for (Class<?> c :
        new Class<?>[] {
          InputFingerprint.class,
          dev.airflowmcp.codegen.AirflowMcpGenerator.class,
          dev.airflowmcp.toolspec.load.ToolSpecLoader.class
        }) {
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
