package dev.airflowmcp.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ownership rule: the generator writes, overwrites and deletes only its own files. */
class OutputDirectoryTest {
  @TempDir Path root;

  private static GeneratedFile file(String path, String text) {
    return new GeneratedFile(path, text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aWriteRecordsItsFilesAndALaterWriteDeletesOnlyThoseNoLongerGenerated() throws IOException {
    OutputDirectory dir = new OutputDirectory(root);
    assertThat(dir.write(List.of(file("java/A.java", "a"), file("java/B.java", "b")))).isEqualTo(2);
    assertThat(root.resolve(OutputDirectory.RECORD)).hasContent("java/A.java\njava/B.java");

    assertThat(dir.foreign(List.of(file("java/A.java", "a2")))).isEmpty();
    assertThat(dir.write(List.of(file("java/A.java", "a2"))))
        .as("A changed, B deleted")
        .isEqualTo(2);

    assertThat(root.resolve("java/A.java")).hasContent("a2");
    assertThat(root.resolve("java/B.java")).doesNotExist();
    assertThat(root.resolve(OutputDirectory.RECORD)).hasContent("java/A.java");
  }

  @Test
  void aFileTheGeneratorDidNotWriteIsForeignAndNothingIsWritten() throws IOException {
    OutputDirectory dir = new OutputDirectory(root);
    dir.write(List.of(file("java/A.java", "a")));
    Path mine = Files.writeString(root.resolve("java/Mine.java"), "mine");
    Path shadowed =
        Files.writeString(
            Files.createDirectories(root.resolve("java/p")).resolve("B.java"), "hand");

    List<GeneratedFile> next = List.of(file("java/A.java", "a2"), file("java/p/B.java", "b"));
    assertThat(dir.foreign(next)).containsExactly("java/Mine.java", "java/p/B.java");
    assertThatThrownBy(() -> dir.write(next)).isInstanceOf(IllegalStateException.class);

    assertThat(mine).hasContent("mine");
    assertThat(shadowed).as("not overwritten").hasContent("hand");
    assertThat(root.resolve("java/A.java")).as("nothing written").hasContent("a");
  }

  @Test
  void withoutARecordOnlyFilesEqualToWhatIsGeneratedAreAdopted() throws IOException {
    Files.createDirectories(root.resolve("java"));
    Files.writeString(root.resolve("java/A.java"), "a");
    Files.writeString(root.resolve("java/B.java"), "old b");
    OutputDirectory dir = new OutputDirectory(root);

    assertThat(dir.foreign(List.of(file("java/A.java", "a"), file("java/B.java", "b"))))
        .containsExactly("java/B.java");
    Files.writeString(root.resolve("java/B.java"), "b");
    assertThat(dir.write(List.of(file("java/A.java", "a"), file("java/B.java", "b")))).isZero();
    assertThat(root.resolve(OutputDirectory.RECORD)).hasContent("java/A.java\njava/B.java");
  }

  @Test
  void pathsOfTheDrivingToolAreNeitherOursNorForeign() throws IOException {
    Files.createDirectories(root.resolve(".openapi-generator"));
    Path version = Files.writeString(root.resolve(".openapi-generator/VERSION"), "7\n");
    Path ignore = Files.writeString(root.resolve(".openapi-generator-ignore"), "\n");
    OutputDirectory dir =
        new OutputDirectory(root, List.of(".openapi-generator/", ".openapi-generator-ignore"));

    assertThat(dir.foreign(List.of(file("src/A.java", "a")))).isEmpty();
    dir.write(List.of(file("src/A.java", "a")));
    dir.write(List.of());

    assertThat(version).exists();
    assertThat(ignore).exists();
    assertThat(root.resolve("src/A.java")).doesNotExist();
    assertThat(dir.differences(List.of())).isEmpty();
  }

  @Test
  void theRecordIsNotAnOutOfDateFile() throws IOException {
    OutputDirectory dir = new OutputDirectory(root);
    List<GeneratedFile> files = List.of(file("java/A.java", "a"));
    dir.write(files);
    assertThat(dir.differences(files)).isEmpty();
    Files.writeString(root.resolve("java/Stale.java"), "s");
    assertThat(dir.differences(files)).containsExactly("java/Stale.java (no longer generated)");
  }
}
