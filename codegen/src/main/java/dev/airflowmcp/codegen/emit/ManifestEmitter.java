package dev.airflowmcp.codegen.emit;

import dev.airflowmcp.codegen.model.ArgumentModel;
import dev.airflowmcp.codegen.model.GenerationModel;
import dev.airflowmcp.codegen.model.ToolModel;
import dev.airflowmcp.toolspec.Annotations;
import dev.airflowmcp.toolspec.ParameterDef;
import dev.airflowmcp.toolspec.ParameterType;
import dev.airflowmcp.toolspec.ToolDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Emits the tools manifest: the exact {@code tools/list} content ({@code {"tools": [...]}}), with
 * each tool's name, title, description, input schema and annotations. The runtime serves it as is,
 * so what reviewers see in the committed manifest is what agents get.
 */
public final class ManifestEmitter {

  public String emit(GenerationModel model) {
    List<Object> tools = new ArrayList<>();
    for (ToolModel t : model.tools()) {
      tools.add(tool(t));
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("tools", tools);
    return JsonWriter.write(root);
  }

  /** One {@code tools/list} entry. */
  static Map<String, Object> tool(ToolModel t) {
    ToolDef def = t.def();
    Map<String, Object> tool = new LinkedHashMap<>();
    tool.put("name", def.name());
    if (def.title() != null) {
      tool.put("title", def.title());
    }
    tool.put("description", normalise(def.description()));
    tool.put("inputSchema", inputSchema(t));
    tool.put("annotations", annotations(def.annotations()));
    return tool;
  }

  /** The JSON Schema of the visible arguments, in spec order. */
  static Map<String, Object> inputSchema(ToolModel t) {
    Map<String, Object> properties = new LinkedHashMap<>();
    List<Object> required = new ArrayList<>();
    for (ArgumentModel a : t.arguments()) {
      ParameterDef p = a.def();
      if (p.hidden()) {
        continue;
      }
      properties.put(p.name(), property(p));
      if (p.required()) {
        required.add(p.name());
      }
    }
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", properties);
    if (!required.isEmpty()) {
      schema.put("required", required);
    }
    schema.put("additionalProperties", false);
    return schema;
  }

  private static Map<String, Object> property(ParameterDef p) {
    Map<String, Object> typed = new LinkedHashMap<>();
    typed.put("type", p.type().jsonName());
    if (p.type() == ParameterType.ARRAY) {
      Map<String, Object> items = new LinkedHashMap<>();
      items.put("type", p.itemType().jsonName());
      if (!p.enumValues().isEmpty()) {
        items.put("enum", p.enumValues());
      }
      typed.put("items", items);
    } else if (!p.enumValues().isEmpty()) {
      typed.put("enum", p.enumValues());
    }
    if (p.minimum() != null) {
      typed.put("minimum", number(p, p.minimum()));
    }
    if (p.maximum() != null) {
      typed.put("maximum", number(p, p.maximum()));
    }
    Map<String, Object> prop;
    if (p.nullable()) {
      Map<String, Object> nullType = new LinkedHashMap<>();
      nullType.put("type", "null");
      prop = new LinkedHashMap<>();
      prop.put("anyOf", List.of(typed, nullType));
    } else {
      prop = typed;
    }
    if (p.description() != null) {
      prop.put("description", normalise(p.description()));
    }
    if (p.defaultValue() != null) {
      prop.put(
          "default",
          p.type() == ParameterType.NUMBER
              ? Double.valueOf(((Number) p.defaultValue()).doubleValue())
              : p.defaultValue());
    } else if (p.nullable()) {
      prop.put("default", null);
    }
    return prop;
  }

  private static Object number(ParameterDef p, Number n) {
    return p.type() == ParameterType.INTEGER ? (Object) n.longValue() : (Object) n.doubleValue();
  }

  private static Map<String, Object> annotations(Annotations a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("readOnlyHint", a.readOnly());
    m.put("destructiveHint", a.destructive());
    m.put("idempotentHint", a.idempotent());
    m.put("openWorldHint", a.openWorld());
    return m;
  }

  /** Descriptions as the model sees them: trimmed, without trailing spaces on lines. */
  static String normalise(String text) {
    return text.strip().replaceAll("[ \\t]+\\n", "\n");
  }
}
