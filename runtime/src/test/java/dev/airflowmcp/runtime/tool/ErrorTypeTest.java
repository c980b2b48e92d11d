package dev.airflowmcp.runtime.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The public error types are written once, in {@link ErrorType}. */
class ErrorTypeTest {
  @Test
  void theDocsTableIsTheEnum() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "operations.md"));
    String header = "| `error_type` | meaning |";
    int start = doc.indexOf(header);
    assertThat(start).as("docs/operations.md has the error type table").isNotNegative();
    int end = doc.indexOf("\n\n", start);
    assertThat(doc.substring(start, end))
        .as("docs/operations.md's error types must be ErrorType.markdownTable(); paste it")
        .isEqualTo(ErrorType.markdownTable());
  }

  @Test
  void wireNamesAreDistinctAndFoundBack() {
    for (ErrorType t : ErrorType.values()) {
      assertThat(ErrorType.fromWireName(t.wireName())).contains(t);
    }
    assertThat(ErrorType.fromWireName("NoSuchError")).isEmpty();
  }

  @Test
  void noMainSourceSpellsAWireNameOutsideTheEnum() throws IOException {
    List<String> literals = new ArrayList<>();
    for (ErrorType t : ErrorType.values()) {
      literals.add("\"" + t.wireName() + "\"");
    }
    Pattern any = Pattern.compile(String.join("|", literals.stream().map(Pattern::quote).toList()));
    List<String> found = new ArrayList<>();
    Path root = Path.of("src", "main", "java");
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        if (f.getFileName().toString().equals("ErrorType.java")) {
          continue;
        }
        Matcher m = any.matcher(Files.readString(f));
        while (m.find()) {
          found.add(root.relativize(f) + ": " + m.group());
        }
      }
    }
    assertThat(found).as("error_type literals outside ErrorType").isEmpty();
  }
}
