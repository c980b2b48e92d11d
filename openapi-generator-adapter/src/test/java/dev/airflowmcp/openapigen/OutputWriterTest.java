package dev.airflowmcp.openapigen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airflowmcp.codegen.GeneratedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputWriterTest {
  @TempDir Path out;

  private static GeneratedFile file(String path, String text) {
    return new GeneratedFile(path, text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void mapsTreesToFoldersAndRewritesOnlyChangedFiles() throws IOException {
    OutputWriter writer = new OutputWriter(out, "src/main/java", "gen/res");
    List<GeneratedFile> files =
        List.of(file("java/a/A.java", "class A {}\n"), file("resources/META-INF/x.json", "{}\n"));
    assertThat(writer.write(files)).isEqualTo(2);
    assertThat(out.resolve("src/main/java/a/A.java")).hasContent("class A {}");
    assertThat(out.resolve("gen/res/META-INF/x.json")).hasContent("{}");
    assertThat(writer.write(files)).isZero();
    assertThat(writer.write(List.of(file("java/a/A.java", "class A { }\n"), files.get(1))))
        .isEqualTo(1);
  }

  @Test
  void deletesOnlyFilesItWroteBefore() throws IOException {
    OutputWriter writer = new OutputWriter(out, "src/main/java", "src/main/resources");
    Path handWritten = out.resolve("src/main/java/a/Mine.java");
    Files.createDirectories(handWritten.getParent());
    Files.writeString(handWritten, "class Mine {}\n");
    writer.write(List.of(file("java/a/Old.java", "class Old {}\n")));
    assertThat(out.resolve("src/main/java/a/Old.java")).exists();

    assertThat(writer.write(List.of(file("java/a/New.java", "class New {}\n")))).isEqualTo(2);
    assertThat(out.resolve("src/main/java/a/Old.java")).doesNotExist();
    assertThat(out.resolve("src/main/java/a/New.java")).exists();
    assertThat(handWritten).exists();
    assertThat(out.resolve(OutputWriter.MANIFEST)).hasContent("src/main/java/a/New.java");
  }

  @Test
  void neverDeletesOutsideTheOutputDirectory() throws IOException {
    Path outside = out.resolve("../outside.txt").normalize();
    Files.writeString(outside, "keep\n");
    Files.createDirectories(out.resolve(".openapi-generator"));
    Files.writeString(out.resolve(OutputWriter.MANIFEST), "../outside.txt\n");
    new OutputWriter(out, "src/main/java", "src/main/resources").write(List.of());
    assertThat(outside).exists();
    Files.delete(outside);
  }

  @Test
  void refusesFilesOutsideTheTwoTrees() {
    OutputWriter writer = new OutputWriter(out, "src/main/java", "src/main/resources");
    assertThatThrownBy(() -> writer.target(file("docs/x.md", "")))
        .isInstanceOf(IllegalStateException.class);
  }
}
