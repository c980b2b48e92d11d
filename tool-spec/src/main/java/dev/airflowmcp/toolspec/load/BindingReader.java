package dev.airflowmcp.toolspec.load;

import dev.airflowmcp.common.AirflowMajor;
import dev.airflowmcp.common.DidYouMean;
import dev.airflowmcp.toolspec.Binding;
import dev.airflowmcp.toolspec.ParamSource;
import dev.airflowmcp.toolspec.ResponseDef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the {@code bindings:} map of one tool: per Airflow major version the operationId, the
 * parameter sources and an optional response shape. Every tool argument a binding names must be a
 * declared parameter of the tool.
 */
final class BindingReader {
  static final List<String> MAJOR_KEYS =
      Arrays.stream(AirflowMajor.values()).map(AirflowMajor::yamlKey).toList();
  static final List<String> BINDING_KEYS = List.of("operationId", "params", "response", "ignore");
  static final List<String> SOURCE_KEYS =
      List.of("argument", "value", "ifAbsent", "lookup", "join");
  static final List<String> LOOKUP_KEYS =
      List.of("operationId", "params", "field", "minimum", "belowMinimum");

  private final Reporter reporter;
  private final String toolLabel;
  private final Collection<String> argumentNames;

  /**
   * @param toolLabel the tool in messages, for example {@code tool 'get_dag'}
   * @param argumentNames the parameter names the tool declares
   */
  BindingReader(Reporter reporter, String toolLabel, Collection<String> argumentNames) {
    this.reporter = reporter;
    this.toolLabel = toolLabel;
    this.argumentNames = argumentNames;
  }

  /** The bindings in file order; empty when the block is missing or unusable (reported). */
  Map<AirflowMajor, Binding> read(YamlMap tool) {
    Map<AirflowMajor, Binding> bindings = new LinkedHashMap<>();
    MappingNode node = tool.requiredMap("bindings");
    if (node == null) {
      return bindings;
    }
    if (node.getValue().isEmpty()) {
      reporter.error(
          node,
          SpecCodes.INVALID_VALUE,
          tool.subject("bindings") + " must bind at least one of " + String.join(", ", MAJOR_KEYS));
      return bindings;
    }
    YamlMap map = new YamlMap(node, "in bindings of " + toolLabel, MAJOR_KEYS, reporter);
    for (YamlMap.Entry entry : map.entries()) {
      AirflowMajor major = AirflowMajor.fromYamlKey(entry.key());
      MappingNode bindingNode = map.optionalMap(entry.key());
      if (bindingNode != null) {
        Binding binding = readBinding(bindingNode, major);
        if (binding != null) {
          bindings.put(major, binding);
        }
      }
    }
    return bindings;
  }

  private Binding readBinding(MappingNode node, AirflowMajor major) {
    String bindingLabel = "binding " + major.yamlKey() + " of " + toolLabel;
    YamlMap b = new YamlMap(node, "in " + bindingLabel, BINDING_KEYS, reporter);
    String operationId = b.requiredText("operationId");
    Map<String, ParamSource> params = new LinkedHashMap<>();
    MappingNode paramsNode = b.optionalMap("params");
    if (paramsNode != null) {
      YamlMap paramsMap = new YamlMap(paramsNode, "in params of " + bindingLabel, null, reporter);
      for (YamlMap.Entry entry : paramsMap.entries()) {
        if (entry.key().isBlank()) {
          reporter.error(
              entry.keyNode(),
              SpecCodes.INVALID_VALUE,
              "empty Airflow parameter name " + paramsMap.where());
          continue;
        }
        ParamSource source = readSource(entry, paramsMap, bindingLabel);
        if (source != null) {
          params.put(entry.key(), source);
        }
      }
    }
    List<String> ignore = readIgnore(b, bindingLabel);
    ResponseDef response = null;
    MappingNode responseNode = b.optionalMap("response");
    if (responseNode != null) {
      response = ResponseReader.read(responseNode, "in response of " + bindingLabel, reporter);
    }
    if (operationId == null) {
      return null;
    }
    return new Binding(reporter.at(node), major, operationId, params, response, ignore);
  }

  /** The binding's {@code ignore} list: declared arguments, each once. */
  private List<String> readIgnore(YamlMap binding, String bindingLabel) {
    List<String> ignore = new ArrayList<>();
    SequenceNode list = binding.optionalList("ignore");
    if (list == null) {
      return ignore;
    }
    for (Node item : list.getValue()) {
      if (!YamlValues.isString(item)) {
        reporter.error(
            item,
            SpecCodes.WRONG_TYPE,
            "items of "
                + binding.subject("ignore")
                + " must be argument names, got "
                + YamlValues.kind(item),
            YamlValues.nullHint(item));
        continue;
      }
      if (YamlValues.text(item).isBlank()) {
        reporter.error(
            item,
            SpecCodes.INVALID_VALUE,
            "items of " + binding.subject("ignore") + " must not be empty");
        continue;
      }
      String name = YamlValues.text(item);
      checkArgument(item, name, bindingLabel);
      if (ignore.contains(name)) {
        reporter.error(
            item,
            SpecCodes.INVALID_VALUE,
            "argument '" + name + "' is listed twice in " + binding.subject("ignore"));
      } else {
        ignore.add(name);
      }
    }
    return ignore;
  }

  ParamSource readSource(YamlMap.Entry entry, YamlMap paramsMap, String bindingLabel) {
    Node node = entry.value();
    if (YamlValues.isString(node)) {
      String argument = YamlValues.text(node);
      if (argument.isBlank()) {
        reporter.error(
            node, SpecCodes.INVALID_VALUE, paramsMap.subject(entry.key()) + " must not be empty");
        return null;
      }
      checkArgument(node, argument, bindingLabel);
      return new ParamSource.FromArgument(reporter.at(node), argument, null, null);
    }
    if (!(node instanceof MappingNode map)) {
      String hint = null;
      if (YamlValues.nullHint(node) != null) {
        hint = "write {value: '~'} to send Airflow's ~ wildcard; a bare ~ is YAML's null";
      } else if (node instanceof ScalarNode && !YamlValues.isNull(node)) {
        hint = "write {value: " + YamlValues.text(node) + "} to send a constant";
      }
      reporter.error(
          node,
          SpecCodes.WRONG_TYPE,
          paramsMap.subject(entry.key())
              + " must be an argument name or a map with 'argument' or 'value', got "
              + YamlValues.kind(node),
          hint);
      return null;
    }
    String paramLabel = "param '" + entry.key() + "' of " + bindingLabel;
    YamlMap s = new YamlMap(map, "in " + paramLabel, SOURCE_KEYS, reporter);
    boolean hasArgument = s.has("argument");
    boolean hasValue = s.has("value");
    if (hasArgument && hasValue) {
      reporter.error(
          s.keyNode("value"),
          SpecCodes.INVALID_VALUE,
          "'argument' and 'value' exclude each other " + s.where());
      return null;
    }
    if (!hasArgument && !hasValue) {
      if (s.has("lookup") && !s.has("ifAbsent")) {
        // A value the model cannot know, always read from another operation first.
        MappingNode lookupNode = s.optionalMap("lookup");
        if (lookupNode == null) {
          return null;
        }
        ParamSource.Lookup lookup = readLookup(lookupNode, "lookup of " + paramLabel, bindingLabel);
        return lookup == null ? null : new ParamSource.FromLookup(reporter.at(map), lookup);
      }
      String hint =
          s.has("ifAbsent")
              ? "ifAbsent stands in for an absent argument: add 'argument: <tool argument>'"
              : null;
      reporter.error(
          map,
          SpecCodes.MISSING_KEY,
          "missing key 'argument', 'value' or 'lookup' " + s.where(),
          hint);
      return null;
    }
    if (hasValue) {
      for (String onlyWithArgument : List.of("ifAbsent", "lookup", "join")) {
        if (s.has(onlyWithArgument)) {
          reporter.error(
              s.keyNode(onlyWithArgument),
              SpecCodes.INVALID_VALUE,
              s.subject(onlyWithArgument) + " is only allowed with 'argument'");
        }
      }
      Object value = constant(s.value("value"), s.subject("value"));
      return value == null ? null : new ParamSource.Constant(reporter.at(map), value);
    }
    String argument = s.requiredText("argument");
    if (argument != null) {
      checkArgument(s.value("argument"), argument, bindingLabel);
    }
    Object ifAbsent =
        s.has("ifAbsent") ? constant(s.value("ifAbsent"), s.subject("ifAbsent")) : null;
    ParamSource.Lookup lookup = null;
    MappingNode lookupNode = s.optionalMap("lookup");
    if (lookupNode != null) {
      lookup = readLookup(lookupNode, "lookup of " + paramLabel, bindingLabel);
    }
    if (s.has("ifAbsent") && s.has("lookup")) {
      reporter.error(
          s.keyNode("lookup"),
          SpecCodes.INVALID_VALUE,
          "'ifAbsent' and 'lookup' exclude each other " + s.where());
    }
    String join = null;
    if (s.has("join")) {
      join = s.optionalText("join");
      if (join != null && join.isEmpty()) {
        reporter.error(
            s.value("join"), SpecCodes.INVALID_VALUE, s.subject("join") + " must not be empty");
        join = null;
      }
    }
    return argument == null
        ? null
        : new ParamSource.FromArgument(reporter.at(map), argument, ifAbsent, lookup, join);
  }

  private ParamSource.Lookup readLookup(MappingNode node, String lookupLabel, String bindingLabel) {
    YamlMap l = new YamlMap(node, "in " + lookupLabel, LOOKUP_KEYS, reporter);
    String operationId = l.requiredText("operationId");
    Map<String, String> params = new LinkedHashMap<>();
    MappingNode paramsNode = l.optionalMap("params");
    if (paramsNode != null) {
      YamlMap paramsMap = new YamlMap(paramsNode, "in params of " + lookupLabel, null, reporter);
      for (YamlMap.Entry entry : paramsMap.entries()) {
        Node value = entry.value();
        if (!YamlValues.isString(value)) {
          reporter.error(
              value,
              SpecCodes.WRONG_TYPE,
              paramsMap.subject(entry.key())
                  + " must be the name of a tool argument, got "
                  + YamlValues.kind(value),
              YamlValues.nullHint(value));
        } else if (YamlValues.text(value).isBlank()) {
          reporter.error(
              value,
              SpecCodes.INVALID_VALUE,
              paramsMap.subject(entry.key()) + " must not be empty");
        } else {
          checkArgument(value, YamlValues.text(value), bindingLabel);
          params.put(entry.key(), YamlValues.text(value));
        }
      }
    }
    String field = l.requiredText("field");
    Long minimum = l.optionalInteger("minimum");
    String belowMinimum = l.optionalText("belowMinimum");
    if (l.has("minimum") != l.has("belowMinimum")) {
      String present = l.has("minimum") ? "minimum" : "belowMinimum";
      String missing = l.has("minimum") ? "belowMinimum" : "minimum";
      reporter.error(
          l.keyNode(present),
          SpecCodes.INVALID_VALUE,
          l.subject(present)
              + " needs '"
              + missing
              + "': the model is told belowMinimum when the"
              + " value found is below minimum");
    }
    if (operationId == null || field == null) {
      return null;
    }
    if (minimum == null || belowMinimum == null) {
      // Either left out or reported above: the lookup has no minimum.
      minimum = null;
      belowMinimum = null;
    }
    return new ParamSource.Lookup(
        reporter.at(node), operationId, params, field, minimum, belowMinimum);
  }

  private void checkArgument(Node node, String argument, String bindingLabel) {
    if (!argumentNames.contains(argument)) {
      reporter.error(
          node,
          SpecCodes.UNKNOWN_ARGUMENT,
          "unknown argument '" + argument + "' in " + bindingLabel,
          DidYouMean.hint(argument, argumentNames));
    }
  }

  /**
   * A constant: a non-null scalar or a list of them; {@code null} (reported) otherwise.
   *
   * @param subject the value in messages, for example {@code 'value' in param 'x' of binding ...}
   */
  private Object constant(Node node, String subject) {
    return YamlValues.constant(node, subject, reporter);
  }
}
