package dev.airflowmcp.toolspec.load;

import dev.airflowmcp.toolspec.ParamSource;
import dev.airflowmcp.toolspec.StepDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;

/**
 * Reads the {@code steps:} of a composite tool: step name → {@code tool}, {@code arguments} (the
 * called tool's argument → a source, as in a binding's params), {@code select}, {@code fields},
 * {@code maxItems}.
 */
final class StepReader {
  static final List<String> STEP_KEYS =
      List.of("tool", "arguments", "select", "fields", "maxItems");

  /** The most items a paging step may collect. */
  static final long MAX_STEP_ITEMS = 10_000;

  private final Reporter reporter;
  private final String toolLabel;
  private final BindingReader sources;
  private final String key;

  /** A reader of a composite's {@code steps}. */
  StepReader(Reporter reporter, String toolLabel, BindingReader sources) {
    this(reporter, toolLabel, sources, "steps");
  }

  /**
   * @param key the YAML key the steps are under ({@code steps}, or {@code before} for the reads of
   *     a tool with bindings), for messages
   */
  StepReader(Reporter reporter, String toolLabel, BindingReader sources, String key) {
    this.reporter = reporter;
    this.toolLabel = toolLabel;
    this.sources = sources;
    this.key = key;
  }

  List<StepDef> read(MappingNode node) {
    List<StepDef> steps = new ArrayList<>();
    if (node.getValue().isEmpty()) {
      reporter.error(
          node,
          SpecCodes.INVALID_VALUE,
          "'" + key + "' in " + toolLabel + " must name at least one step");
      return steps;
    }
    YamlMap map = new YamlMap(node, "in " + key + " of " + toolLabel, null, reporter);
    for (YamlMap.Entry entry : map.entries()) {
      MappingNode stepNode = map.optionalMap(entry.key());
      if (stepNode != null) {
        StepDef step = readStep(entry.key(), stepNode);
        if (step != null) {
          steps.add(step);
        }
      }
    }
    return steps;
  }

  private StepDef readStep(String name, MappingNode node) {
    String stepLabel = "step '" + name + "' of " + toolLabel;
    YamlMap s = new YamlMap(node, "in " + stepLabel, STEP_KEYS, reporter);
    String tool = s.requiredText("tool");
    Map<String, ParamSource> arguments = new LinkedHashMap<>();
    MappingNode argsNode = s.optionalMap("arguments");
    if (argsNode != null) {
      YamlMap args = new YamlMap(argsNode, "in arguments of " + stepLabel, null, reporter);
      for (YamlMap.Entry e : args.entries()) {
        ParamSource source = sources.readSource(e, args, stepLabel);
        if (source instanceof ParamSource.FromLookup
            || (source instanceof ParamSource.FromArgument fa
                && (fa.lookup() != null || fa.join() != null))) {
          reporter.error(
              e.value(),
              SpecCodes.INVALID_VALUE,
              args.subject(e.key())
                  + " can only take an argument, with an optional ifAbsent, or a"
                  + " value");
        } else if (source != null) {
          arguments.put(e.key(), source);
        }
      }
    }
    String select = s.optionalName("select");
    Map<String, String> fields = new LinkedHashMap<>();
    MappingNode fieldsNode = s.optionalMap("fields");
    if (fieldsNode != null) {
      if (select != null) {
        reporter.error(
            s.keyNode("fields"),
            SpecCodes.INVALID_VALUE,
            "'select' and 'fields' exclude each other " + s.where());
      }
      YamlMap f = new YamlMap(fieldsNode, "in fields of " + stepLabel, null, reporter);
      for (YamlMap.Entry e : f.entries()) {
        String field = f.optionalName(e.key());
        if (field != null) {
          fields.put(e.key(), field);
        }
      }
    }
    Long maxItems = s.optionalInteger("maxItems");
    if (maxItems != null && (maxItems < 1 || maxItems > MAX_STEP_ITEMS)) {
      reporter.error(
          s.value("maxItems"),
          SpecCodes.INVALID_VALUE,
          s.subject("maxItems") + " must be between 1 and " + MAX_STEP_ITEMS + ", got " + maxItems);
      maxItems = null;
    }
    if (maxItems != null && key.equals("before")) {
      reporter.error(
          s.keyNode("maxItems"),
          SpecCodes.INVALID_VALUE,
          s.subject("maxItems") + " is only for the steps of a composite tool");
      maxItems = null;
    }
    if (maxItems != null && arguments.containsKey("offset")) {
      reporter.error(
          arguments.get("offset").location(),
          SpecCodes.INVALID_VALUE,
          "step '"
              + name
              + "' of "
              + toolLabel
              + " pages with maxItems, so it cannot also set"
              + " 'offset'");
    }
    if (tool == null) {
      return null;
    }
    return new StepDef(
        reporter.at(node),
        name,
        tool,
        arguments,
        select,
        fields,
        maxItems == null ? 0 : maxItems.intValue());
  }
}
