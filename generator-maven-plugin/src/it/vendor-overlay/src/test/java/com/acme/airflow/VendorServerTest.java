package com.acme.airflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.acme.airflow.ext.AcmeAudit;
import dev.airflowmcp.runtime.auth.StaticTokenCredentials;
import dev.airflowmcp.runtime.server.ServerConfig;
import dev.airflowmcp.runtime.server.ServerRuntime;
import dev.airflowmcp.runtime.server.ToolRegistry;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VendorServerTest {
  private static final ClassLoader LOADER = VendorServerTest.class.getClassLoader();

  @Test
  void theVendorToolSetIsWhatAgentsSee() {
    ToolRegistry registry = ToolRegistry.load(LOADER);
    List<String> listed = registry.entries().stream().filter(e -> !e.alias())
        .map(e -> e.definition().name()).toList();

    assertEquals("Acme Airflow", registry.serverName());
    assertEquals("acme_list_pipelines", listed.get(0)); // renamed in place
    assertTrue(listed.contains("acme_dag_versions"), listed.toString());
    assertTrue(listed.contains("acme_dag_count"), listed.toString()); // the hand-written tool
    assertTrue(listed.contains("get_dag_details"), listed.toString());
    assertFalse(listed.contains("list_dags"), listed.toString()); // hidden alias only
    assertFalse(listed.contains("get_upstream_asset_events"), listed.toString()); // removed
    assertNotNull(registry.find("list_dags")); // the old name still works

    McpSchema.Tool pipelines = registry.entries().get(0).definition();
    assertEquals("List pipelines", pipelines.title());
    assertTrue(pipelines.description().startsWith("List Acme pipelines"));
    Map<?, ?> properties = (Map<?, ?>) pipelines.inputSchema().get("properties");
    Map<?, ?> limit = (Map<?, ?>) properties.get("limit");
    assertEquals(25, ((Number) limit.get("default")).intValue());
  }

  @Test
  void callsGoThroughTheVendorHooksAlsoUnderTheOldName() {
    ToolRegistry registry = ToolRegistry.load(LOADER);
    ServerConfig config = new ServerConfig(ServerConfig.Transport.STDIO, "127.0.0.1", 0,
        "http://localhost:1", null, null, null, true, null, false, List.of());
    ServerRuntime runtime = ServerRuntime.create(config, registry, LOADER);
    ToolRegistry.Entry oldName = registry.entries().stream()
        .filter(e -> e.alias() && e.definition().name().equals("list_dags")).findFirst().orElseThrow();
    AcmeAudit.EVENTS.clear();

    McpSchema.CallToolResult result =
        runtime.call(oldName, Map.of(), new StaticTokenCredentials("t"));

    assertTrue(result.isError());
    String text = ((McpSchema.TextContent) result.content().get(0)).text();
    assertTrue(text.contains("Too many calls of class 'list'"), text); // AcmeRateLimiter
    assertEquals(1, AcmeAudit.EVENTS.size()); // AcmeAudit
    assertEquals("RateLimitError", AcmeAudit.EVENTS.get(0).outcome());
  }
}
