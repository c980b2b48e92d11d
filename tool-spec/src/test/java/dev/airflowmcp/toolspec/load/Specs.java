package dev.airflowmcp.toolspec.load;

import dev.airflowmcp.toolspec.diag.Diagnostic;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Test helpers: fixtures from the class path and diagnostics as comparable strings. */
final class Specs {
  /** The display name of specs parsed from text in tests. */
  static final String FILE = "tools.yaml";

  /** A valid document start; tools appended to it begin on line 5. */
  static final String HEADER =
      """
      version: 1
      server:
        name: Test
      tools:
      """;

  private Specs() {}

  static LoadResult parse(String yaml) {
    return ToolSpecLoader.parse(FILE, yaml);
  }

  /** A fixture under {@code src/test/resources/specs/}. */
  static String fixture(String name) {
    return resource("specs/" + name);
  }

  static String resource(String path) {
    try (InputStream in = Specs.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Each diagnostic's {@link Diagnostic#format()} line, in the result's order. */
  static List<String> lines(LoadResult result) {
    return result.diagnostics().stream().map(Diagnostic::format).toList();
  }

  /** Each diagnostic's hint ({@code "-"} when it has none), in the result's order. */
  static List<String> hints(LoadResult result) {
    return result.diagnostics().stream().map(d -> d.hint() == null ? "-" : d.hint()).toList();
  }
}
