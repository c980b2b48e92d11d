package dev.airflowmcp.codegen;

import java.util.Arrays;
import java.util.Objects;

/**
 * One output file.
 *
 * @param path relative path with {@code /} separators, under {@code java/} for sources and {@code
 *     resources/} for class-path resources
 * @param content the exact bytes (UTF-8 text, {@code \n} line ends)
 */
public record GeneratedFile(String path, byte[] content) {
  public GeneratedFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(content, "content");
    content = content.clone();
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GeneratedFile f && f.path.equals(path) && Arrays.equals(f.content, content);
  }

  @Override
  public int hashCode() {
    return path.hashCode() * 31 + Arrays.hashCode(content);
  }

  @Override
  public String toString() {
    return path + " (" + content.length + " bytes)";
  }
}
