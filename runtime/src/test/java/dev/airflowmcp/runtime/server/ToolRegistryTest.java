package dev.airflowmcp.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airflowmcp.runtime.pipeline.TestTool;
import dev.airflowmcp.runtime.tool.GeneratedTool;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolRegistryTest {
  private static final ClassLoader LOADER = ToolRegistryTest.class.getClassLoader();

  @Test
  void toolsComeInManifestOrderAndAliasesAfterThemAsHiddenCopies() {
    ToolRegistry registry = ToolRegistry.of(new TestCatalog(), LOADER);

    assertThat(registry.serverName()).isEqualTo("Test Airflow MCP");
    assertThat(registry.instructions()).isEqualTo("Use these tools for Airflow questions.");
    assertThat(registry.entries())
        .extracting(e -> e.definition().name() + (e.alias() ? " (alias)" : ""))
        .containsExactly("get_dag", "list_dags", "get_dag_details (alias)");
    assertThat(registry.aliasNames()).containsExactly("get_dag_details");

    ToolRegistry.Entry tool = registry.entries().get(0);
    ToolRegistry.Entry alias = registry.entries().get(2);
    assertThat(alias.tool()).isSameAs(tool.tool());
    assertThat(alias.definition().title()).isEqualTo("Get DAG");
    assertThat(alias.definition().description()).isEqualTo("Reads one DAG.");
    assertThat(alias.definition().inputSchema()).isEqualTo(tool.definition().inputSchema());
    assertThat(tool.definition().annotations().readOnlyHint()).isTrue();
    assertThat(tool.definition().annotations().destructiveHint()).isFalse();
    assertThat(registry.entries().get(1).definition().annotations()).isNull();
    assertThat(registry.hasWriteTools()).isFalse();
  }

  @Test
  void catalogAndManifestMustAgree() {
    List<GeneratedTool<?>> extra =
        List.of(
            TestTool.getDagTool("get_dag"),
            TestTool.getDagTool("list_dags"),
            TestTool.getDagTool("get_pool"));
    assertThatThrownBy(
            () -> ToolRegistry.of(new TestCatalog(extra, TestCatalog.MANIFEST, Map.of()), LOADER))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "the manifest and the tool catalog list different tools: get_pool is missing from the manifest");

    List<GeneratedTool<?>> fewer = List.of(TestTool.getDagTool("get_dag"));
    assertThatThrownBy(
            () -> ToolRegistry.of(new TestCatalog(fewer, TestCatalog.MANIFEST, Map.of()), LOADER))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("different tools");
  }

  @Test
  void aliasesMustNameAKnownToolAndNotShadowOne() {
    List<GeneratedTool<?>> tools = TestCatalog.defaultTools();
    assertThatThrownBy(
            () ->
                ToolRegistry.of(
                    new TestCatalog(tools, TestCatalog.MANIFEST, Map.of("old", "nope")), LOADER))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("alias of unknown tool");
    assertThatThrownBy(
            () ->
                ToolRegistry.of(
                    new TestCatalog(tools, TestCatalog.MANIFEST, Map.of("list_dags", "get_dag")),
                    LOADER))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("alias list_dags has the name of a tool");
  }

  @Test
  void missingOrMalformedManifestsFailWithAnIllegalState() {
    List<GeneratedTool<?>> tools = TestCatalog.defaultTools();
    for (String resource :
        List.of(
            "dev/airflowmcp/runtime/server/absent.json",
            "dev/airflowmcp/runtime/server/broken-tools.json",
            "dev/airflowmcp/runtime/server/no-tools.json")) {
      assertThatThrownBy(() -> ToolRegistry.of(new TestCatalog(tools, resource, Map.of()), LOADER))
          .as(resource)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(resource);
    }
  }

  @Test
  void loadFindsExactlyOneCatalogThroughTheServiceLoader(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> ToolRegistry.load(LOADER))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("found 0");

    Path services = dir.resolve("META-INF/services/dev.airflowmcp.runtime.tool.ToolCatalog");
    Files.createDirectories(services.getParent());
    Files.writeString(services, TestCatalog.class.getName() + "\n", StandardCharsets.UTF_8);
    try (URLClassLoader withCatalog = new URLClassLoader(new URL[] {dir.toUri().toURL()}, LOADER)) {
      ToolRegistry registry = ToolRegistry.load(withCatalog);
      // The runtime's own hand-written tools (get_log_tail, search_task_logs) come after the
      // generated ones.
      assertThat(registry.entries())
          .extracting(e -> e.definition().name())
          .containsExactly(
              "get_dag", "list_dags", "get_log_tail", "search_task_logs", "get_dag_details");
    }
  }
}
