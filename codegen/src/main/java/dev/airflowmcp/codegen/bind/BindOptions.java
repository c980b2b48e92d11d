package dev.airflowmcp.codegen.bind;

import java.util.Objects;

/**
 * Build settings that decide what the model may contain.
 *
 * @param basePackage the Java package of generated code; {@link ModelBuilder} reports {@code
 *     INVALID_PACKAGE} when it is not a valid package name
 * @param allowWrites whether tools marked {@code write: true} may be generated
 */
public record BindOptions(String basePackage, boolean allowWrites) {
  public BindOptions {
    Objects.requireNonNull(basePackage, "basePackage");
  }
}
