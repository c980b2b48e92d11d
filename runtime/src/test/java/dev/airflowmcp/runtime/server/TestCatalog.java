package dev.airflowmcp.runtime.server;

import dev.airflowmcp.runtime.airflow.AirflowRequest;
import dev.airflowmcp.runtime.generated.Contract;
import dev.airflowmcp.runtime.pipeline.TestTool;
import dev.airflowmcp.runtime.tool.GeneratedTool;
import dev.airflowmcp.runtime.tool.ResponseShape;
import dev.airflowmcp.runtime.tool.ToolCatalog;
import java.util.List;
import java.util.Map;

/**
 * A catalog shaped like a generated one: {@code get_dag} (alias {@code get_dag_details}) and {@code
 * list_dags}, with the manifest {@value #MANIFEST}. Public with a no-argument constructor so that
 * {@link java.util.ServiceLoader} can create it.
 */
public final class TestCatalog implements ToolCatalog {
  /** The manifest matching the default tools. */
  public static final String MANIFEST = "dev/airflowmcp/runtime/server/test-tools.json";

  private final List<GeneratedTool<?>> tools;
  private final String manifest;
  private final Map<String, String> aliases;

  public TestCatalog() {
    this(defaultTools(), MANIFEST, Map.of("get_dag_details", "get_dag"));
  }

  public TestCatalog(List<GeneratedTool<?>> tools, String manifest, Map<String, String> aliases) {
    this.tools = List.copyOf(tools);
    this.manifest = manifest;
    this.aliases = Map.copyOf(aliases);
  }

  /** {@code get_dag} (pass-through) and {@code list_dags} (list envelope). */
  public static List<GeneratedTool<?>> defaultTools() {
    ResponseShape dags = new ResponseShape("dags", "dags", List.of("dag_id"), List.of(), 0, null);
    return List.of(
        TestTool.getDagTool("get_dag"),
        new TestTool(
            "list_dags",
            TestTool.policy(dags, List.of()),
            (major, args) -> AirflowRequest.get("get_dags", major.apiPrefix() + "/dags").build()));
  }

  @Override
  public int contractVersion() {
    return Contract.VERSION;
  }

  @Override
  public String serverName() {
    return "Test Airflow MCP";
  }

  @Override
  public String instructions() {
    return "Use these tools for Airflow questions.";
  }

  @Override
  public List<GeneratedTool<?>> tools() {
    return tools;
  }

  @Override
  public String manifestResource() {
    return manifest;
  }

  @Override
  public Map<String, String> aliases() {
    return aliases;
  }
}
