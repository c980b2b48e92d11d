package dev.airflowmcp.toolspec.load;

import dev.airflowmcp.common.DidYouMean;
import dev.airflowmcp.common.LayoutSource;
import dev.airflowmcp.toolspec.ResponseDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;

/** Reads a {@code response:} block, of a tool or of one of its bindings. */
final class ResponseReader {
  static final List<String> KEYS =
      List.of(
          "list",
          "envelope",
          "include",
          "exclude",
          "rename",
          "layout",
          "maxChars",
          "truncationHint",
          "message");

  private ResponseReader() {}

  /**
   * @param where the block's place in messages, for example {@code in response of tool 'x'}
   * @return the shape; unusable keys are reported and left at their defaults
   */
  static ResponseDef read(MappingNode node, String where, Reporter reporter) {
    YamlMap map = new YamlMap(node, where, KEYS, reporter);
    String list = map.optionalName("list");
    String envelope = map.optionalName("envelope");
    if (map.has("envelope") && !map.has("list")) {
      reporter.error(
          map.keyNode("envelope"),
          SpecCodes.INVALID_VALUE,
          map.subject("envelope") + " needs 'list': an envelope names the items of a list");
    }
    List<String> include = map.nameList("include");
    List<String> exclude = map.nameList("exclude");
    Long maxChars = map.optionalInteger("maxChars");
    if (maxChars != null && (maxChars < 0 || maxChars > Integer.MAX_VALUE)) {
      reporter.error(
          map.value("maxChars"),
          SpecCodes.INVALID_VALUE,
          map.subject("maxChars")
              + " must be between 0 and "
              + Integer.MAX_VALUE
              + ", got "
              + maxChars);
      maxChars = null;
    }
    String truncationHint = map.optionalText("truncationHint");
    Map<String, String> rename = new LinkedHashMap<>();
    MappingNode renameNode = map.optionalMap("rename");
    if (renameNode != null) {
      YamlMap r = new YamlMap(renameNode, "in rename " + map.where(), null, reporter);
      for (YamlMap.Entry e : r.entries()) {
        String to = r.optionalName(e.key());
        if (to != null) {
          rename.put(e.key(), to);
        }
      }
    }
    String message = map.optionalText("message");
    Map<String, LayoutSource> layout = new LinkedHashMap<>();
    MappingNode layoutNode = map.optionalMap("layout");
    if (layoutNode != null) {
      YamlMap l = new YamlMap(layoutNode, "in layout " + map.where(), null, reporter);
      List<String> names = new ArrayList<>();
      for (LayoutSource source : LayoutSource.values()) {
        names.add(source.yamlName());
      }
      for (YamlMap.Entry e : l.entries()) {
        String value = l.optionalName(e.key());
        if (value == null) {
          continue;
        }
        LayoutSource source = null;
        for (LayoutSource candidate : LayoutSource.values()) {
          if (candidate.yamlName().equals(value)) {
            source = candidate;
          }
        }
        if (source == null) {
          reporter.error(
              e.value(),
              SpecCodes.INVALID_VALUE,
              l.subject(e.key()) + " must be one of " + names + ", got '" + value + "'",
              DidYouMean.hint(value, names));
        } else if (list == null
            && (source == LayoutSource.ITEMS
                || source == LayoutSource.COUNT
                || source == LayoutSource.TOTAL)) {
          reporter.error(
              e.value(),
              SpecCodes.INVALID_VALUE,
              l.subject(e.key()) + " is '" + value + "', which needs 'list'");
        } else {
          layout.put(e.key(), source);
        }
      }
      if (layout.isEmpty() && l.entries().isEmpty()) {
        reporter.error(
            layoutNode,
            SpecCodes.INVALID_VALUE,
            map.subject("layout") + " must name at least one key");
      }
    }
    boolean messagePlaced = layout.containsValue(LayoutSource.MESSAGE);
    if (message != null && !messagePlaced) {
      reporter.error(
          map.keyNode("message"),
          SpecCodes.INVALID_VALUE,
          map.subject("message") + " is set, but no layout key places it",
          "add a layout entry such as 'message: message'");
    } else if (message == null && messagePlaced) {
      reporter.error(
          layoutNode,
          SpecCodes.INVALID_VALUE,
          "a layout key " + map.where() + " is 'message', but the response has no 'message'",
          "add message: \"<text with {argument} placeholders>\"");
    }
    return new ResponseDef(
        reporter.at(node),
        list,
        envelope,
        include,
        exclude,
        maxChars == null ? 0 : maxChars.intValue(),
        truncationHint,
        rename,
        layout,
        message);
  }
}
