package dev.airflowmcp.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The option table is the one place flags are written: parser, help and docs follow it. */
class ServerOptionsTest {
  private static final Path REPO = Path.of("..");

  @Test
  void theReadmeFlagTableIsTheOptionTable() throws Exception {
    String readme = Files.readString(REPO.resolve("README.md"));
    String header = "| flag | environment | default | meaning |";
    int start = readme.indexOf(header);
    assertThat(start).as("the README has a flag table").isGreaterThanOrEqualTo(0);
    int end = readme.indexOf("\n\n", start);
    String table = readme.substring(start, end < 0 ? readme.length() : end);
    assertThat(table)
        .as("README's flag table must be ServerOptions.markdownTable(); paste it from there")
        .isEqualTo(ServerOptions.markdownTable());
  }

  @Test
  void theOtherDocsTablesNameFlagsAndVariablesAsTheTableDoes() throws Exception {
    Pattern row = Pattern.compile("(?m)^\\| `(--[a-z-]+)[^`]*` \\| ([^|]*) \\|");
    int checked = 0;
    for (String doc : List.of("docs/migration-from-astro.md", "docs/operations.md")) {
      Matcher m = row.matcher(Files.readString(REPO.resolve(doc)));
      while (m.find()) {
        String flag = m.group(1);
        ServerOption option =
            ServerOptions.find(flag)
                .orElseThrow(() -> new AssertionError(doc + " lists an unknown flag " + flag));
        List<String> variables = new ArrayList<>();
        Matcher v = Pattern.compile("`([A-Z_]+(=[a-z]+)?)`").matcher(m.group(2));
        while (v.find()) {
          variables.add(v.group(1));
        }
        assertThat(variables)
            .as(doc + ": the environment of " + flag)
            .containsExactlyElementsOf(option.environment());
        checked++;
      }
    }
    assertThat(checked).as("rows checked").isGreaterThan(10);
  }

  @Test
  void theParserTakesExactlyTheTablesFlagsWithAndWithoutValues() {
    for (ServerOption option : ServerOptions.ALL) {
      String flag = option.flag();
      if (option.takesValue()) {
        assertThatThrownBy(() -> ServerConfig.parse(new String[] {flag}, Map.of()))
            .hasMessage(flag + " needs a value");
      } else {
        assertThatThrownBy(() -> ServerConfig.parse(new String[] {flag + "=x"}, Map.of()))
            .hasMessage(flag + " takes no value");
      }
    }
    assertThatThrownBy(() -> ServerConfig.parse(new String[] {"--not-in-the-table"}, Map.of()))
        .hasMessageContaining("unknown option '--not-in-the-table'");
  }

  @Test
  void helpListsEveryFlagWithItsVariablesAndDefault() {
    String usage = ServerOptions.usage();
    for (ServerOption option : ServerOptions.ALL) {
      assertThat(usage).contains("  " + option.synopsis());
      for (String variable : option.environment()) {
        assertThat(usage).contains(variable);
      }
    }
    assertThat(usage).contains("default: " + ServerConfig.DEFAULT_PORT, "default: 16");
    assertThat(usage.lines().filter(l -> l.length() > 100)).isEmpty();
  }
}
