package dev.airflowmcp.codegen.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The tools of astro-airflow-mcp as facts the migration table needs: each tool's name, whether it
 * changes Airflow, and the names of the arguments it accepts, in astro's {@code tools/list} order.
 * They ship with the generator in {@value #RESOURCE} (written by us, names only), so generating
 * needs nothing outside the toolkit's jars.
 *
 * @param version the astro-airflow-mcp release the facts describe
 * @param tools its tools, in its {@code tools/list} order
 */
public record AstroTools(String version, List<Tool> tools) {

  /** Class-path location of the fact list. */
  public static final String RESOURCE = "dev/airflowmcp/codegen/docs/astro-airflow-mcp-tools.txt";

  public AstroTools {
    Objects.requireNonNull(version, "version");
    tools = List.copyOf(tools);
  }

  /**
   * One astro tool.
   *
   * @param name its name
   * @param write whether it changes Airflow
   * @param arguments the argument names of its input schema, in order
   */
  public record Tool(String name, boolean write, List<String> arguments) {
    public Tool {
      Objects.requireNonNull(name, "name");
      arguments = List.copyOf(arguments);
    }
  }

  /** The fact list shipped with the generator. */
  public static AstroTools shipped() {
    try (InputStream in = AstroTools.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing class-path resource " + RESOURCE);
      }
      return parse(RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses a fact list: {@code #} comments, one {@code version <v>} line, then one line per tool,
   * {@code read|write <name> [<argument> ...]}.
   *
   * @param name how errors name the text
   * @throws IllegalArgumentException naming the line of the first malformed entry
   */
  public static AstroTools parse(String name, String text) {
    String version = null;
    List<Tool> tools = new ArrayList<>();
    Set<String> names = new HashSet<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] words = line.split("\\s+");
      String at = name + ":" + (i + 1) + ": ";
      if (words[0].equals("version")) {
        if (words.length != 2 || version != null) {
          throw new IllegalArgumentException(at + "expected one 'version <v>' line");
        }
        version = words[1];
      } else if (words[0].equals("read") || words[0].equals("write")) {
        if (words.length < 2) {
          throw new IllegalArgumentException(at + "a tool line needs a name");
        }
        if (!names.add(words[1])) {
          throw new IllegalArgumentException(at + "tool '" + words[1] + "' is listed twice");
        }
        tools.add(
            new Tool(words[1], words[0].equals("write"), List.of(words).subList(2, words.length)));
      } else {
        throw new IllegalArgumentException(
            at + "expected 'version', 'read' or 'write', found '" + words[0] + "'");
      }
    }
    if (version == null) {
      throw new IllegalArgumentException(name + ": no 'version <v>' line");
    }
    return new AstroTools(version, tools);
  }
}
