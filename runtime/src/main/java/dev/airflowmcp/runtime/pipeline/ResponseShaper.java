package dev.airflowmcp.runtime.pipeline;

import dev.airflowmcp.common.LayoutSource;
import dev.airflowmcp.common.Placeholders;
import dev.airflowmcp.runtime.tool.ResponseShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Turns Airflow's JSON answer into a tool result as a {@link ResponseShape} says. */
public final class ResponseShaper {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ResponseShaper() {}

  /**
   * Shapes an answer.
   *
   * @param arguments the call's arguments, echoed by a layout's {@code argument} keys
   * @throws IllegalArgumentException when a list shape meets an answer without its items array
   */
  public static JsonNode shape(
      JsonNode answer, ResponseShape shape, Map<String, Object> arguments) {
    return shape(answer, shape, arguments, Map.of());
  }

  /**
   * Shapes an answer of a tool that read something first.
   *
   * @param arguments the call's arguments, echoed by a layout's {@code argument} keys and filled
   *     into its {@code message}
   * @param before the sections of the reads made before the call, by name; a {@code before} key
   *     whose read is missing (it failed) is left out
   * @throws IllegalArgumentException when a list shape meets an answer without its items array
   */
  public static JsonNode shape(
      JsonNode answer,
      ResponseShape shape,
      Map<String, Object> arguments,
      Map<String, JsonNode> before) {
    if (shape.listKey() == null) {
      JsonNode object = project(answer, shape);
      return shape.layout().isEmpty() ? object : layout(shape, answer, null, arguments, before);
    }
    JsonNode items = answer.get(shape.listKey());
    if (items == null || !items.isArray()) {
      throw new IllegalArgumentException("Airflow's answer has no '" + shape.listKey() + "' list");
    }
    ArrayNode out = NODES.arrayNode();
    for (JsonNode item : items) {
      out.add(project(item, shape));
    }
    if (!shape.layout().isEmpty()) {
      return layout(shape, answer, out, arguments, before);
    }
    ObjectNode result = NODES.objectNode();
    result.set("total_" + shape.envelopeKey(), total(answer, out));
    result.put("returned_count", out.size());
    result.set(shape.envelopeKey(), out);
    return result;
  }

  /** {@link #shape(JsonNode, ResponseShape, Map)} for a call without arguments to echo. */
  public static JsonNode shape(JsonNode answer, ResponseShape shape) {
    return shape(answer, shape, Map.of());
  }

  private static JsonNode total(JsonNode answer, ArrayNode items) {
    JsonNode total = answer.get("total_entries");
    return total != null && total.isNumber() ? total : NODES.numberNode(items.size());
  }

  private static ObjectNode layout(
      ResponseShape shape,
      JsonNode answer,
      ArrayNode items,
      Map<String, Object> arguments,
      Map<String, JsonNode> before) {
    ObjectNode result = NODES.objectNode();
    for (Map.Entry<String, LayoutSource> e : shape.layout().entrySet()) {
      String key = e.getKey();
      switch (e.getValue()) {
        case ITEMS -> result.set(key, items);
        case COUNT -> result.put(key, items.size());
        case TOTAL -> result.set(key, total(answer, items));
        case ARGUMENT -> result.set(key, JSON.valueToTree(arguments.get(key)));
        case FIELD -> {
          JsonNode v = answer.get(key);
          result.set(key, v == null ? NODES.nullNode() : v);
        }
        case BEFORE -> {
          JsonNode section = before.get(key);
          if (section != null) {
            result.set(key, section);
          }
        }
        case MESSAGE -> result.put(key, message(shape.message(), arguments));
        default -> {
          // Step and summary keys belong to composites, which lay out their own results.
        }
      }
    }
    return result;
  }

  /** The message with each {@code {argument}} replaced by the argument's value ("" when absent). */
  static String message(String template, Map<String, Object> arguments) {
    if (template == null) {
      return "";
    }
    return Placeholders.fill(
        template,
        name -> {
          Object value = arguments.get(name);
          return value == null ? "" : String.valueOf(value);
        });
  }

  private static JsonNode project(JsonNode node, ResponseShape shape) {
    if (!(node instanceof ObjectNode object)) {
      return node;
    }
    ObjectNode shaped = object;
    if (!shape.include().isEmpty()) {
      ObjectNode out = NODES.objectNode();
      for (String field : shape.include()) {
        JsonNode v = object.get(field);
        out.set(field, v == null ? NODES.nullNode() : v);
      }
      shaped = out;
    } else if (!shape.exclude().isEmpty()) {
      List<String> drop = new ArrayList<>(shape.exclude());
      object.remove(drop);
    }
    return shape.rename().isEmpty() ? shaped : rename(shaped, shape.rename());
  }

  /** Renames fields in place: each keeps its position. */
  private static ObjectNode rename(ObjectNode object, Map<String, String> renames) {
    ObjectNode out = NODES.objectNode();
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      String name = renames.getOrDefault(e.getKey(), e.getKey());
      if (!out.has(name)) {
        out.set(name, e.getValue());
      }
    }
    return out;
  }
}
