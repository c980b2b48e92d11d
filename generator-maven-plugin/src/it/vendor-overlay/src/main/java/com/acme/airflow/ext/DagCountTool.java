package com.acme.airflow.ext;

import dev.airflowmcp.runtime.airflow.AirflowCallException;
import dev.airflowmcp.runtime.airflow.AirflowRequest;
import dev.airflowmcp.runtime.tool.CustomTool;
import dev.airflowmcp.runtime.tool.ToolContext;
import dev.airflowmcp.runtime.tool.ToolDescriptor;
import dev.airflowmcp.runtime.tool.ToolPolicy;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** A hand-written tool registered beside the generated ones: how many DAGs exist. */
public final class DagCountTool implements CustomTool {
  @Override
  public ToolDescriptor descriptor() {
    return new ToolDescriptor("acme_dag_count", "Count pipelines", "How many DAGs exist.",
        Map.of("type", "object", "properties", Map.of()), true, false, true, true);
  }

  @Override
  public ToolPolicy policy() {
    return new ToolPolicy(false, "read", List.of(), Map.of(), List.of(), List.of());
  }

  @Override
  public JsonNode call(ToolContext context, Map<String, Object> arguments)
      throws AirflowCallException {
    JsonNode dags = context.getJson(AirflowRequest.get(
        "get_dags", context.airflowVersion().major().apiPrefix() + "/dags").query("limit", 1).build());
    return JsonNodeFactory.instance.objectNode().put("total_dags", dags.path("total_entries").asLong());
  }
}
