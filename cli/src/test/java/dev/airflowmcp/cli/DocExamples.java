package dev.airflowmcp.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The fenced examples of README.md and docs/*.md (not docs/generated), each with the marker that
 * says how a test runs it: an HTML comment {@code <!-- example: KIND [ARGUMENT] -->} on the line
 * before the fence. Markdown renders the comment as nothing.
 *
 * <ul>
 *   <li>{@code tool-spec}: a whole tool spec, generated with the CLI on the committed specs;
 *   <li>{@code tool-spec-part CONTEXT}: part of a tool spec, put in place of the {@code #EXAMPLE}
 *       line of {@code src/test/resources/doc-examples/CONTEXT} and generated the same way;
 *   <li>{@code yaml}: YAML that is not a tool spec (a Kubernetes manifest), parsed;
 *   <li>{@code run}: shell commands, run by bash in a workspace holding the committed specs, the
 *       CLI as {@code cli/target/airflow-mcp-codegen-cli.jar} and every tool-spec example whose
 *       first line names its path ({@code # src/main/airflow-mcp/tools.yaml});
 *   <li>{@code server}: a command that starts the server; compat-tests' DocServerCommandsTest runs
 *       it as written with the packaged jar against a fake Airflow and checks it answers;
 *   <li>{@code jar}: a command (or a {@code $ command} session with its output) that needs the
 *       packaged jar and a task log; DocServerCommandsTest runs it by bash and compares a session's
 *       output;
 *   <li>{@code not-run REASON}: a command a unit test cannot run (it starts a long-running server,
 *       needs a real Airflow or identity provider, or runs the whole build); the reason says what
 *       runs it instead, if anything.
 * </ul>
 */
record DocExamples(List<Example> examples, List<String> unmarked) {
  /** One fenced block. */
  record Example(
      String file, int line, String language, String kind, String argument, String body) {
    String where() {
      return file + ":" + line;
    }

    /** The path its first line names ({@code # some/path.yaml}), or {@code null}. */
    String namedPath() {
      Matcher m = NAMED_PATH.matcher(body);
      return m.lookingAt() ? m.group(1) : null;
    }

    @Override
    public String toString() {
      return where() + " [" + kind + "]";
    }
  }

  static final List<String> KINDS =
      List.of("tool-spec", "tool-spec-part", "yaml", "run", "server", "jar", "not-run");

  private static final Pattern FENCE = Pattern.compile("^( *)```(\\w*)\\s*$");
  private static final Pattern MARKER =
      Pattern.compile("^ *<!-- example: ([a-z-]+)(?: (.+?))? -->\\s*$");
  private static final Pattern NAMED_PATH = Pattern.compile("# ([\\w./-]+\\.ya?ml)\\n");

  /** The project's root (the test runs in cli/). */
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  static DocExamples read() throws IOException {
    List<Path> files = new ArrayList<>();
    files.add(ROOT.resolve("README.md"));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    List<Example> examples = new ArrayList<>();
    List<String> unmarked = new ArrayList<>();
    for (Path file : files) {
      String name = ROOT.relativize(file).toString().replace('\\', '/');
      List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        Matcher fence = FENCE.matcher(lines.get(i));
        if (!fence.matches()) {
          continue;
        }
        String indent = fence.group(1);
        String language = fence.group(2);
        int end = i + 1;
        StringBuilder body = new StringBuilder();
        while (end < lines.size() && !lines.get(end).strip().startsWith("```")) {
          String line = lines.get(end);
          body.append(line.startsWith(indent) ? line.substring(indent.length()) : line.strip())
              .append('\n');
          end++;
        }
        Matcher marker = i > 0 ? MARKER.matcher(lines.get(i - 1)) : null;
        boolean checked = language.equals("yaml") || language.equals("sh");
        if (marker != null && marker.matches()) {
          examples.add(
              new Example(
                  name, i + 1, language, marker.group(1), marker.group(2), body.toString()));
        } else if (checked) {
          unmarked.add(name + ":" + (i + 1) + " (```" + language + ")");
        }
        i = end;
      }
    }
    return new DocExamples(examples, unmarked);
  }

  List<Example> of(String kind) {
    return examples.stream().filter(e -> e.kind().equals(kind)).toList();
  }
}
