package dev.airflowmcp.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.googlejavaformat.java.Formatter;
import com.google.googlejavaformat.java.FormatterException;
import com.google.googlejavaformat.java.ImportOrderer;
import com.google.googlejavaformat.java.JavaFormatterOptions;
import com.google.googlejavaformat.java.RemoveUnusedImports;
import dev.airflowmcp.toolspec.diag.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every Java file the generator writes for the curated spec (with and without write tools) is
 * already formatted the way the root pom's Spotless {@code googleJavaFormat} step formats it
 * (google-java-format, Google style, unused imports removed, imports ordered, long strings not
 * reflowed), so {@code spotless:check} can cover the committed generated sources and agree with
 * {@link GeneratedExampleGoldenTest}. On failure the first difference is printed and both versions
 * of every differing file are written under {@code target/generated-format-check} for {@code diff
 * -r}.
 */
class GeneratedSourcesFormatTest {
  private static final Path REPORT = Path.of("target", "generated-format-check");

  /** What Spotless's googleJavaFormat step does with its default options. */
  static String spotlessGoogleJavaFormat(String source) throws FormatterException {
    Formatter formatter =
        new Formatter(
            JavaFormatterOptions.builder().style(JavaFormatterOptions.Style.GOOGLE).build());
    String formatted = formatter.formatSource(source);
    String withoutUnused = RemoveUnusedImports.removeUnusedImports(formatted);
    return ImportOrderer.reorderImports(withoutUnused, JavaFormatterOptions.Style.GOOGLE);
  }

  @ParameterizedTest(name = "writes allowed: {0}")
  @ValueSource(booleans = {false, true})
  void everyGeneratedJavaFileIsGoogleJavaFormatClean(boolean allowWrites)
      throws FormatterException, IOException {
    GenerationResult result =
        new AirflowMcpGenerator()
            .generate(
                new GenerationRequest(
                    AirflowMcpGeneratorTest.ALL_SPECS,
                    null,
                    null,
                    "dev.airflowmcp.server",
                    allowWrites));
    assertThat(result.diagnostics()).extracting(Diagnostic::format).isEmpty();

    List<String> unformatted = new ArrayList<>();
    String firstDifference = null;
    int javaFiles = 0;
    for (GeneratedFile f : result.files()) {
      if (!f.path().endsWith(".java")) {
        continue;
      }
      javaFiles++;
      String source = new String(f.content(), StandardCharsets.UTF_8);
      String formatted = spotlessGoogleJavaFormat(source);
      if (!formatted.equals(source)) {
        unformatted.add(f.path());
        // Both versions under target/, so `diff -r` shows every difference at once.
        Path report = REPORT.resolve(allowWrites ? "writes" : "curated");
        write(report.resolve("generated").resolve(f.path()), source);
        write(report.resolve("formatted").resolve(f.path()), formatted);
        if (firstDifference == null) {
          firstDifference = firstDifference(f.path(), source, formatted);
        }
      }
    }
    assertThat(javaFiles).as("generated Java files").isPositive();
    assertThat(unformatted)
        .as(
            "generated files that google-java-format would change (%d of %d; both versions under"
                + " %s); first difference:%n%s",
            unformatted.size(), javaFiles, REPORT, firstDifference)
        .isEmpty();
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  /** A unified-diff-like excerpt around the first line where the two texts differ. */
  static String firstDifference(String path, String actual, String expected) {
    String[] a = actual.split("\n", -1);
    String[] e = expected.split("\n", -1);
    int first = 0;
    while (first < a.length && first < e.length && a[first].equals(e[first])) {
      first++;
    }
    int from = Math.max(0, first - 3);
    StringBuilder out = new StringBuilder();
    out.append("--- ").append(path).append(" (generated)\n");
    out.append("+++ ").append(path).append(" (google-java-format)\n");
    out.append("@@ line ").append(first + 1).append(" @@\n");
    for (int i = from; i < first; i++) {
      out.append(' ').append(a[i]).append('\n');
    }
    for (int i = first; i < Math.min(a.length, first + 8); i++) {
      out.append('-').append(a[i]).append('\n');
    }
    for (int i = first; i < Math.min(e.length, first + 8); i++) {
      out.append('+').append(e[i]).append('\n');
    }
    return out.toString();
  }
}
