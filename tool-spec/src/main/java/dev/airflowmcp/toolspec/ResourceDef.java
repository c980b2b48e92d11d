package dev.airflowmcp.toolspec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A static MCP resource whose content is the result of a tool of the same spec.
 *
 * @param uri the resource URI, e.g. {@code airflow://version}
 * @param name the resource name
 * @param description what it holds, or {@code null}
 * @param mimeType the MIME type of the content
 * @param tool the tool whose result is the content
 * @param arguments constant arguments for that tool, by its argument names
 */
public record ResourceDef(
    SourceLocation location,
    String uri,
    String name,
    String description,
    String mimeType,
    String tool,
    Map<String, Object> arguments) {

  public ResourceDef {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mimeType, "mimeType");
    Objects.requireNonNull(tool, "tool");
    arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
  }
}
