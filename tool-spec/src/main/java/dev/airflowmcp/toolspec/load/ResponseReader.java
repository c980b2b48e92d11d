package dev.airflowmcp.toolspec.load;

import dev.airflowmcp.toolspec.ResponseDef;
import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;

/** Reads a {@code response:} block, of a tool or of one of its bindings. */
final class ResponseReader {
  static final List<String> KEYS =
      List.of("list", "envelope", "include", "exclude", "maxChars", "truncationHint");

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
          map.subject("maxChars") + " must be between 0 and " + Integer.MAX_VALUE + ", got " + maxChars);
      maxChars = null;
    }
    String truncationHint = map.optionalText("truncationHint");
    return new ResponseDef(
        reporter.at(node),
        list,
        envelope,
        include,
        exclude,
        maxChars == null ? 0 : maxChars.intValue(),
        truncationHint);
  }
}
