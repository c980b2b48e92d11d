package dev.airflowmcp.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed generated sources (equal to the generator's output, see {@link
 * GeneratedExampleGoldenTest}) use only the runtime contract that {@code
 * dev.airflowmcp.runtime.generated}'s package doc lists, and say what they mean in words.
 */
class GeneratedContractTest {
  private static final Path COMMITTED =
      Path.of("..", "generated-example", "src", "generated", "java");
  private static final Pattern IMPORT =
      Pattern.compile("^import (static )?([\\w.]+);$", Pattern.MULTILINE);

  /** The contract besides the package itself, as its package doc lists it. */
  private static final Set<String> CONTRACT_TYPES =
      Set.of(
          "dev.airflowmcp.runtime.tool.ToolCatalog",
          "dev.airflowmcp.runtime.tool.GeneratedTool",
          "dev.airflowmcp.runtime.tool.GeneratedComposite",
          "dev.airflowmcp.runtime.tool.ToolPolicy",
          "dev.airflowmcp.runtime.tool.ResponseShape",
          "dev.airflowmcp.runtime.tool.CompositeStep",
          "dev.airflowmcp.runtime.tool.ResourceDescriptor",
          "dev.airflowmcp.runtime.tool.PromptDescriptor",
          "dev.airflowmcp.runtime.tool.RateLimit",
          "dev.airflowmcp.runtime.tool.InvalidArgumentsException",
          "dev.airflowmcp.runtime.airflow.AirflowRequest",
          "dev.airflowmcp.common.AirflowMajor",
          "dev.airflowmcp.common.LayoutSource",
          "javax.annotation.processing.Generated");

  private static List<Path> sources() throws IOException {
    try (Stream<Path> walk = Files.walk(COMMITTED)) {
      return walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }

  @Test
  void generatedCodeImportsOnlyTheContract() throws IOException {
    List<String> outside = new ArrayList<>();
    List<Path> sources = sources();
    assertThat(sources).isNotEmpty();
    for (Path p : sources) {
      Matcher m = IMPORT.matcher(Files.readString(p, StandardCharsets.UTF_8));
      while (m.find()) {
        String name = m.group(2);
        String type = m.group(1) == null ? name : name.substring(0, name.lastIndexOf('.'));
        boolean allowed =
            type.startsWith("java.")
                || type.startsWith("dev.airflowmcp.server.")
                || (type.startsWith("dev.airflowmcp.runtime.generated.")
                    && type.lastIndexOf('.') == "dev.airflowmcp.runtime.generated".length())
                || CONTRACT_TYPES.contains(type);
        if (!allowed) {
          outside.add(p.getFileName() + ": " + name);
        }
      }
    }
    assertThat(outside).as("imports outside the runtime contract").isEmpty();
  }

  @Test
  void generatedToolsPassNoPositionalNullOrEmptyCollections() throws IOException {
    Pattern positional = Pattern.compile("[(,]\\s*(null|List\\.of\\(\\)|Map\\.of\\(\\))\\s*[,)]");
    List<String> found = new ArrayList<>();
    for (Path p : sources()) {
      if (!p.getParent().getFileName().toString().equals("tools")) {
        continue;
      }
      List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        if (positional.matcher(lines.get(i)).find()) {
          found.add(p.getFileName() + ":" + (i + 1) + ": " + lines.get(i).strip());
        }
      }
    }
    assertThat(found).isEmpty();
  }
}
