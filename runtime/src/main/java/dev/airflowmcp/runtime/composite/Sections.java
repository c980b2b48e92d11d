package dev.airflowmcp.runtime.composite;

import dev.airflowmcp.runtime.tool.ToolContext.StepResult;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Reading step outcomes in summaries. */
final class Sections {
  private Sections() {}

  /** The result of a step that succeeded, or null when it is missing or failed. */
  static JsonNode result(Map<String, StepResult> steps, String name) {
    StepResult step = steps.get(name);
    return step == null || !step.ok() || step.result() == null ? null : step.result();
  }
}
