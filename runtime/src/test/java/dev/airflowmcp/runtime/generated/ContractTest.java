package dev.airflowmcp.runtime.generated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airflowmcp.runtime.server.TestCatalog;
import dev.airflowmcp.runtime.server.ToolRegistry;
import dev.airflowmcp.runtime.tool.GeneratedTool;
import dev.airflowmcp.runtime.tool.ToolCatalog;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContractTest {

  /** A catalog that states another contract version and counts how often its tools are built. */
  public static final class OtherVersionCatalog implements ToolCatalog {
    static final AtomicInteger TOOLS_BUILT = new AtomicInteger();

    @Override
    public int contractVersion() {
      return Contract.VERSION + 1;
    }

    @Override
    public String serverName() {
      return "Other";
    }

    @Override
    public String instructions() {
      return null;
    }

    @Override
    public List<GeneratedTool<?>> tools() {
      TOOLS_BUILT.incrementAndGet();
      return TestCatalog.defaultTools();
    }

    @Override
    public String manifestResource() {
      return TestCatalog.MANIFEST;
    }

    @Override
    public Map<String, String> aliases() {
      return Map.of();
    }
  }

  @Test
  void aCatalogOfThisVersionIsAccepted() {
    ToolRegistry registry = ToolRegistry.of(new TestCatalog(), getClass().getClassLoader());
    assertThat(registry.serverName()).isEqualTo("Test Airflow MCP");
  }

  @Test
  void aCatalogOfAnotherVersionIsRefusedWithOneMessageBeforeItsToolsAreBuilt() {
    int before = OtherVersionCatalog.TOOLS_BUILT.get();
    assertThatThrownBy(
            () -> ToolRegistry.of(new OtherVersionCatalog(), getClass().getClassLoader()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "the generated tool catalog "
                + OtherVersionCatalog.class.getName()
                + " was generated for runtime contract version "
                + (Contract.VERSION + 1)
                + ", but this airflow-mcp-runtime implements contract version "
                + Contract.VERSION
                + ": regenerate the tools with the airflow-mcp generator of the same release as"
                + " the runtime (or use the runtime release that implements version "
                + (Contract.VERSION + 1)
                + ")");
    assertThat(OtherVersionCatalog.TOOLS_BUILT.get()).isEqualTo(before);
  }

  @Test
  void startingWithACatalogOfAnotherVersionFoundOnTheClassPathFails(@TempDir Path dir)
      throws IOException {
    Path services = dir.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.writeString(
        services.resolve(ToolCatalog.class.getName()),
        OtherVersionCatalog.class.getName() + "\n",
        StandardCharsets.UTF_8);
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      assertThatThrownBy(() -> ToolRegistry.load(loader))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("generated for runtime contract version " + (Contract.VERSION + 1))
          .hasMessageContaining("implements contract version " + Contract.VERSION)
          .hasMessageContaining("regenerate the tools");
    }
  }
}
