package dev.airflowmcp.codegen.docs;

import java.util.Objects;

/**
 * The view of {@code ClientConfigView.mustache}: configuration snippets for Claude Desktop, Claude
 * Code, VS Code and Cursor.
 *
 * @param serverName the server's name, for the heading
 * @param key the server's key in the clients' configuration (e.g. {@code airflow})
 * @param jar the path of the server jar as shown to readers
 * @param airflowUrl the example Airflow URL
 */
public record ClientConfigView(String serverName, String key, String jar, String airflowUrl) {
  public ClientConfigView {
    Objects.requireNonNull(serverName, "serverName");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(jar, "jar");
    Objects.requireNonNull(airflowUrl, "airflowUrl");
  }
}
