package dev.airflowmcp.runtime.pipeline;

import dev.airflowmcp.runtime.tool.ResponseShape;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Turns Airflow's JSON answer into a tool result as a {@link ResponseShape} says. */
public final class ResponseShaper {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ResponseShaper() {}

  /**
   * Shapes an answer.
   *
   * @throws IllegalArgumentException when a list shape meets an answer without its items array
   */
  public static JsonNode shape(JsonNode answer, ResponseShape shape) {
    if (shape.listKey() == null) {
      return project(answer, shape);
    }
    JsonNode items = answer.get(shape.listKey());
    if (items == null || !items.isArray()) {
      throw new IllegalArgumentException(
          "Airflow's answer has no '" + shape.listKey() + "' list");
    }
    ArrayNode out = NODES.arrayNode();
    for (JsonNode item : items) {
      out.add(project(item, shape));
    }
    ObjectNode result = NODES.objectNode();
    JsonNode total = answer.get("total_entries");
    if (total != null && total.isNumber()) {
      result.set("total_" + shape.envelopeKey(), total);
    } else {
      result.put("total_" + shape.envelopeKey(), out.size());
    }
    result.put("returned_count", out.size());
    result.set(shape.envelopeKey(), out);
    return result;
  }

  private static JsonNode project(JsonNode node, ResponseShape shape) {
    if (!(node instanceof ObjectNode object)) {
      return node;
    }
    if (!shape.include().isEmpty()) {
      ObjectNode out = NODES.objectNode();
      for (String field : shape.include()) {
        JsonNode v = object.get(field);
        out.set(field, v == null ? NODES.nullNode() : v);
      }
      return out;
    }
    if (!shape.exclude().isEmpty()) {
      List<String> drop = new ArrayList<>(shape.exclude());
      object.remove(drop);
    }
    return object;
  }
}
