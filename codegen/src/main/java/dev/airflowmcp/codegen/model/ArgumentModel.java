package dev.airflowmcp.codegen.model;

import dev.airflowmcp.toolspec.ParameterDef;
import java.util.Objects;

/**
 * A tool argument with the Java name of its record component.
 *
 * @param def the parameter as written in the tool spec
 * @param javaName a legal, non-keyword Java identifier in lower camel case, e.g. {@code dagRunId}
 */
public record ArgumentModel(ParameterDef def, String javaName) {
  public ArgumentModel {
    Objects.requireNonNull(def, "def");
    Objects.requireNonNull(javaName, "javaName");
  }
}
