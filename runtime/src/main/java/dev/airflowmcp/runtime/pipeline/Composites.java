package dev.airflowmcp.runtime.pipeline;

import dev.airflowmcp.common.LayoutSource;
import dev.airflowmcp.runtime.tool.CompositeStep;
import dev.airflowmcp.runtime.tool.ResponseShape;
import dev.airflowmcp.runtime.tool.ToolContext.StepResult;
import dev.airflowmcp.runtime.tool.ToolError;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Lays out a composite's result from its steps' sections, its summary and its arguments. */
final class Composites {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Composites() {}

  static ObjectNode layout(
      List<CompositeStep> steps,
      Map<String, StepResult> results,
      ObjectNode summary,
      ResponseShape shape,
      Map<String, Object> arguments) {
    ObjectNode out = NODES.objectNode();
    if (shape.layout().isEmpty()) {
      for (CompositeStep step : steps) {
        out.set(step.name(), section(step, results.get(step.name())));
      }
      summary.properties().forEach(e -> out.set(e.getKey(), e.getValue()));
      return out;
    }
    for (Map.Entry<String, LayoutSource> e : shape.layout().entrySet()) {
      String key = e.getKey();
      switch (e.getValue()) {
        case STEP -> {
          for (CompositeStep step : steps) {
            if (step.name().equals(key)) {
              out.set(key, section(step, results.get(key)));
            }
          }
        }
        case SUMMARY -> {
          // A summary may leave a key out (e.g. when its input step failed): so does the result.
          if (summary.has(key)) {
            out.set(key, summary.get(key));
          }
        }
        case ARGUMENT -> out.set(key, JSON.valueToTree(arguments.get(key)));
        default -> {
          // Item, count, total and field keys have no meaning for a composite; codegen refuses
          // them.
        }
      }
    }
    return out;
  }

  /** A step's section: the selected part of its result, or its error. */
  static JsonNode section(CompositeStep step, StepResult result) {
    if (!result.ok()) {
      return errorPayload(result.error());
    }
    JsonNode r = result.result();
    if (step.select() != null) {
      JsonNode selected = r.get(step.select());
      return selected == null ? NODES.nullNode() : selected;
    }
    if (!step.fields().isEmpty()) {
      ObjectNode out = NODES.objectNode();
      for (Map.Entry<String, String> f : step.fields().entrySet()) {
        JsonNode v = r.get(f.getValue());
        out.set(f.getKey(), v == null ? NODES.nullNode() : v);
      }
      return out;
    }
    return r;
  }

  static ObjectNode errorPayload(ToolError error) {
    ObjectNode e = NODES.objectNode();
    e.put("error", error.message());
    e.put("error_type", error.type());
    e.put("hint", error.hint());
    e.put("retryable", error.retryable());
    return e;
  }
}
