package dev.airflowmcp.toolspec;

import java.util.Objects;

/**
 * What the server says about itself in {@code initialize}.
 *
 * @param name {@code serverInfo.name}
 * @param instructions optional {@code instructions} for the model, or {@code null}
 */
public record ServerInfo(SourceLocation location, String name, String instructions) {
  public ServerInfo {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(name, "name");
  }
}
