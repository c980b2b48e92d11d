package dev.airflowmcp.codegen.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Airflow specs committed in {@code airflow-specs/} are the published files their provenance
 * table names: every spec has a line, every line a file, and size and SHA-256 match. Reads the
 * committed folder itself, whatever {@code airflow.specs.dir} points at.
 */
class CommittedSpecsTest {
  private static final Path DIR = Path.of("../airflow-specs");

  /** {@code | `file` | ... | bytes | `sha256` |}: the first and the last two cells of a row. */
  private static final Pattern ROW =
      Pattern.compile("(?m)^\\| `([^`]+\\.yaml)` \\|.*\\| (\\d+) \\| `([0-9a-f]{64})` \\|$");

  private record Line(long bytes, String sha256) {}

  @Test
  void everyCommittedSpecIsTheFileItsProvenanceLineNames() throws IOException {
    Map<String, Line> table = new TreeMap<>();
    Matcher row = ROW.matcher(Files.readString(DIR.resolve("SOURCES.md")));
    while (row.find()) {
      table.put(row.group(1), new Line(Long.parseLong(row.group(2)), row.group(3)));
    }
    Map<String, Line> files = new TreeMap<>();
    try (Stream<Path> list = Files.list(DIR)) {
      for (Path file : list.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        byte[] bytes = Files.readAllBytes(file);
        files.put(file.getFileName().toString(), new Line(bytes.length, sha256(bytes)));
      }
    }

    assertThat(files).as("specs in airflow-specs/").isNotEmpty();
    assertThat(files).as("the files against SOURCES.md's table").isEqualTo(table);
  }

  @Test
  void theBuildsSpecsAndTheLicenseAreThere() {
    assertThat(DIR.resolve("LICENSE")).content().contains("Apache License", "Version 2.0");
    assertThat(DIR.resolve("NOTICE")).content().contains("The Apache Software Foundation");
    for (String name :
        List.of(
            "airflow-2.10.5-v1.yaml",
            "airflow-2.11.1-v1.yaml",
            "airflow-3.0.2-v2.yaml",
            "airflow-3.0.3rc6-v2.yaml",
            "airflow-3.2.0-v2.yaml",
            "airflow-3.2.0-simple-auth-manager.yaml")) {
      assertThat(DIR.resolve(name)).isRegularFile();
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
