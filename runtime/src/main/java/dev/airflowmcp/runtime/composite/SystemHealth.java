package dev.airflowmcp.runtime.composite;

import dev.airflowmcp.runtime.tool.CompositeSummary;
import dev.airflowmcp.runtime.tool.ToolContext.StepResult;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code system_health}: an overall status from the steps {@code import_errors} and {@code
 * dag_warnings} (list results of {@code list_import_errors} and {@code list_dag_warnings}). Gives
 * {@code overall_status} ({@code unhealthy} with import errors, else {@code warning} with DAG
 * warnings, else {@code healthy}; {@code unknown} when either could not be read — a failed read is
 * never taken for zero) and {@code status_reason}. Counts are Airflow's totals, not page sizes.
 */
public final class SystemHealth implements CompositeSummary {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Override
  public String name() {
    return "system_health";
  }

  @Override
  public ObjectNode summarize(Map<String, StepResult> steps, Map<String, Object> arguments) {
    JsonNode errors = Sections.result(steps, "import_errors");
    JsonNode warnings = Sections.result(steps, "dag_warnings");
    ObjectNode out = NODES.objectNode();
    if (errors == null || warnings == null) {
      out.put("overall_status", "unknown");
      out.put(
          "status_reason",
          "Could not read "
              + (errors == null ? "import errors" : "DAG warnings")
              + "; see its section.");
      return out;
    }
    long importErrors = total(errors, "import_errors");
    long dagWarnings = total(warnings, "dag_warnings");
    if (importErrors > 0) {
      out.put("overall_status", "unhealthy");
      out.put("status_reason", importErrors + " import error(s) detected");
    } else if (dagWarnings > 0) {
      out.put("overall_status", "warning");
      out.put("status_reason", dagWarnings + " DAG warning(s) detected");
    } else {
      out.put("overall_status", "healthy");
      out.put("status_reason", "No import errors or warnings");
    }
    return out;
  }

  private static long total(JsonNode result, String key) {
    JsonNode total = result.get("total_" + key);
    if (total != null && total.isNumber()) {
      return total.asLong();
    }
    JsonNode items = result.get(key);
    return items != null && items.isArray() ? items.size() : 0;
  }
}
