package dev.airflowmcp.runtime.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One command-line flag of the server, written once: {@link ServerOptions#ALL} lists every flag,
 * and {@link ServerConfig#parse} (which flags exist, which take a value), {@code --help} ({@link
 * ServerOptions#usage}) and the flag table of the README ({@link ServerOptions#markdownTable},
 * compared with the README by a test) are all made from that list.
 *
 * @param flag the flag, e.g. {@code --port}
 * @param value what the value stands for in help and docs (e.g. {@code N}), or null for a switch
 *     that takes no value
 * @param group which settings the flag feeds, and under which heading {@code --help} lists it
 * @param environment the environment variables that set the same thing, as documented (a name, or
 *     {@code NAME=value} for a switch); empty when there is none
 * @param commaSeparated whether the environment variables hold a comma-separated list
 * @param defaultText the default in Markdown, or {@code —} when there is none
 * @param meaning what the flag does, in Markdown (backticks only); {@code --help} prints it without
 *     the backticks
 */
public record ServerOption(
    String flag,
    String value,
    Group group,
    List<String> environment,
    boolean commaSeparated,
    String defaultText,
    String meaning) {

  /** Which settings a flag feeds; {@code --help} has a heading per group but the first two. */
  public enum Group {
    /** Transport, Airflow connection and limits ({@link ServerConfig}). */
    SERVER,
    /** Secret values and key names to mask ({@code RedactionSettings}). */
    REDACTION,
    /** Who may call the HTTP transport ({@link HttpAuthSettings}). */
    HTTP_AUTH,
    /** Metrics, health and the audit log ({@link OpsSettings}). */
    OPERATIONS
  }

  /** Marks a default that does not exist. */
  public static final String NO_DEFAULT = "—";

  public ServerOption {
    Objects.requireNonNull(flag, "flag");
    if (!flag.startsWith("--")) {
      throw new IllegalArgumentException("a flag starts with --: " + flag);
    }
    Objects.requireNonNull(group, "group");
    environment = List.copyOf(environment);
    Objects.requireNonNull(defaultText, "defaultText");
    Objects.requireNonNull(meaning, "meaning");
  }

  /** Whether the flag takes a value ({@code --flag VALUE} or {@code --flag=VALUE}). */
  public boolean takesValue() {
    return value != null;
  }

  /** The flag with its value placeholder, e.g. {@code --port N}. */
  public String synopsis() {
    return value == null ? flag : flag + " " + value;
  }

  /** The README table row of this flag. */
  String markdownRow() {
    String env =
        environment.isEmpty()
            ? NO_DEFAULT
            : String.join(", ", environment.stream().map(e -> "`" + e + "`").toList())
                + (commaSeparated ? " (comma-separated)" : "");
    return "| `"
        + synopsis().replace("|", "\\|")
        + "` | "
        + env
        + " | "
        + defaultText
        + " | "
        + meaning
        + " |";
  }

  /**
   * The help lines of this flag: the synopsis, then the meaning, environment and default wrapped to
   * 100 columns.
   */
  List<String> helpLines() {
    StringBuilder text = new StringBuilder(plain(meaning));
    if (!environment.isEmpty()) {
      text.append(" [").append(String.join(", ", environment));
      text.append(commaSeparated ? ", comma-separated]" : "]");
    }
    if (!defaultText.equals(NO_DEFAULT)) {
      text.append("; default: ").append(plain(defaultText));
    }
    int indent = 27;
    String head = "  " + synopsis();
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder(head);
    if (head.length() >= indent - 1) {
      lines.add(line.toString());
      line = new StringBuilder();
    }
    for (String word : text.toString().split(" ")) {
      if (line.length() <= indent - 1) {
        line.append(" ".repeat(indent - line.length())).append(word);
      } else if (line.length() + 1 + word.length() > 100) {
        lines.add(line.toString());
        line = new StringBuilder(" ".repeat(indent)).append(word);
      } else {
        line.append(' ').append(word);
      }
    }
    lines.add(line.toString());
    return lines;
  }

  private static String plain(String markdown) {
    return markdown.replace("`", "");
  }
}
