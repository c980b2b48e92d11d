package dev.airflowmcp.runtime.tool;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A static resource whose content is a tool's result (the runtime form of a tool spec's {@code
 * resources:} entry). Reading it runs the tool through the same pipeline as a call.
 *
 * @param uri the resource URI
 * @param name the resource name
 * @param description what it holds, or null
 * @param mimeType the content's MIME type
 * @param tool the tool whose result is the content
 * @param arguments constant arguments for the tool
 */
public record ResourceDescriptor(
    String uri,
    String name,
    String description,
    String mimeType,
    String tool,
    Map<String, Object> arguments) {

  public ResourceDescriptor {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mimeType, "mimeType");
    Objects.requireNonNull(tool, "tool");
    arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
  }
}
