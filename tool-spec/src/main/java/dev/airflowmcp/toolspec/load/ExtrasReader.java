package dev.airflowmcp.toolspec.load;

import dev.airflowmcp.common.DidYouMean;
import dev.airflowmcp.common.Placeholders;
import dev.airflowmcp.toolspec.PromptDef;
import dev.airflowmcp.toolspec.ResourceDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads the top-level {@code resources:} and {@code prompts:} lists. */
final class ExtrasReader {
  static final List<String> RESOURCE_KEYS =
      List.of("uri", "name", "description", "mimeType", "tool", "arguments");
  static final List<String> PROMPT_KEYS = List.of("name", "description", "arguments", "text");
  static final List<String> PROMPT_ARGUMENT_KEYS = List.of("name", "description", "required");

  private final Reporter reporter;

  ExtrasReader(Reporter reporter) {
    this.reporter = reporter;
  }

  List<ResourceDef> resources(SequenceNode list) {
    List<ResourceDef> out = new ArrayList<>();
    if (list == null) {
      return out;
    }
    int index = 0;
    for (Node item : list.getValue()) {
      index++;
      if (!(item instanceof MappingNode map)) {
        reporter.error(
            item,
            SpecCodes.WRONG_TYPE,
            "items of 'resources' must be maps, got " + YamlValues.kind(item));
        continue;
      }
      String peeked = YamlMap.peekName(map, "uri");
      String label = "resource " + (peeked != null ? "'" + peeked + "'" : "#" + index);
      YamlMap r = new YamlMap(map, "in " + label, RESOURCE_KEYS, reporter);
      String uri = r.requiredText("uri");
      String name = r.requiredText("name");
      String description = r.optionalText("description");
      String mimeType = r.optionalText("mimeType");
      String tool = r.requiredText("tool");
      Map<String, Object> arguments = new LinkedHashMap<>();
      MappingNode argsNode = r.optionalMap("arguments");
      if (argsNode != null) {
        YamlMap args = new YamlMap(argsNode, "in arguments of " + label, null, reporter);
        for (YamlMap.Entry e : args.entries()) {
          Object value = YamlValues.constant(e.value(), args.subject(e.key()), reporter);
          if (value != null) {
            arguments.put(e.key(), value);
          }
        }
      }
      if (uri != null && name != null && tool != null) {
        out.add(
            new ResourceDef(
                reporter.at(map),
                uri,
                name,
                description,
                mimeType == null ? "application/json" : mimeType,
                tool,
                arguments));
      }
    }
    return out;
  }

  List<PromptDef> prompts(SequenceNode list) {
    List<PromptDef> out = new ArrayList<>();
    if (list == null) {
      return out;
    }
    int index = 0;
    for (Node item : list.getValue()) {
      index++;
      if (!(item instanceof MappingNode map)) {
        reporter.error(
            item,
            SpecCodes.WRONG_TYPE,
            "items of 'prompts' must be maps, got " + YamlValues.kind(item));
        continue;
      }
      String peeked = YamlMap.peekName(map, "name");
      String label = "prompt " + (peeked != null ? "'" + peeked + "'" : "#" + index);
      YamlMap p = new YamlMap(map, "in " + label, PROMPT_KEYS, reporter);
      String name = p.requiredText("name");
      String description = p.optionalText("description");
      String text = p.requiredText("text");
      List<PromptDef.Argument> arguments = new ArrayList<>();
      Set<String> names = new LinkedHashSet<>();
      SequenceNode argsNode = p.optionalList("arguments");
      if (argsNode != null) {
        for (Node a : argsNode.getValue()) {
          if (!(a instanceof MappingNode am)) {
            reporter.error(
                a,
                SpecCodes.WRONG_TYPE,
                "arguments of " + label + " must be maps, got " + YamlValues.kind(a));
            continue;
          }
          YamlMap arg =
              new YamlMap(am, "in an argument of " + label, PROMPT_ARGUMENT_KEYS, reporter);
          String argName = arg.requiredText("name");
          if (argName == null) {
            continue;
          }
          if (!names.add(argName)) {
            reporter.error(
                am,
                SpecCodes.DUPLICATE_PARAMETER,
                "argument '" + argName + "' of " + label + " is declared twice");
            continue;
          }
          arguments.add(
              new PromptDef.Argument(
                  reporter.at(am),
                  argName,
                  arg.optionalText("description"),
                  arg.flag("required", false)));
        }
      }
      if (text != null) {
        Set<String> used = new LinkedHashSet<>();
        for (String placeholder : Placeholders.names(text)) {
          used.add(placeholder);
          if (!names.contains(placeholder)) {
            reporter.error(
                p.value("text"),
                SpecCodes.UNKNOWN_ARGUMENT,
                "placeholder {"
                    + placeholder
                    + "} in the text of "
                    + label
                    + " names no argument of the prompt",
                DidYouMean.hint(placeholder, names));
          }
        }
      }
      if (name != null && text != null) {
        out.add(new PromptDef(reporter.at(map), name, description, arguments, text));
      }
    }
    return out;
  }
}
