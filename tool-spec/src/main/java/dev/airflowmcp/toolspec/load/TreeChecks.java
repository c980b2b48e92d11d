package dev.airflowmcp.toolspec.load;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Checks that apply to every node of the document, whatever its place in the format: only plain
 * YAML types (no {@code !custom} or {@code !!binary} tags), only string keys, no merge keys. Nodes
 * shared through aliases are visited once, which also makes the walk safe on recursive documents.
 */
final class TreeChecks {
  private static final Set<Tag> PLAIN_TAGS =
      Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.SEQ, Tag.MAP);

  private final Reporter reporter;
  private final Set<Node> visited = Collections.newSetFromMap(new IdentityHashMap<>());

  private TreeChecks(Reporter reporter) {
    this.reporter = reporter;
  }

  static void check(Node root, Reporter reporter) {
    new TreeChecks(reporter).visit(root);
  }

  /** Whether a key is an (unsupported) YAML 1.1 merge key {@code <<}. */
  static boolean isMergeKey(ScalarNode key) {
    return key.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN && "<<".equals(key.getValue());
  }

  private static String shortTag(Tag tag) {
    String value = tag.getValue();
    return value.startsWith(Tag.PREFIX) ? "!!" + value.substring(Tag.PREFIX.length()) : value;
  }

  private void visit(Node node) {
    if (!visited.add(node)) {
      return;
    }
    if (!PLAIN_TAGS.contains(node.getTag())) {
      reporter.error(
          node,
          SpecCodes.INVALID_VALUE,
          "tag '"
              + shortTag(node.getTag())
              + "' is not allowed; a tool spec holds only plain YAML values");
    }
    if (node instanceof MappingNode map) {
      for (NodeTuple tuple : map.getValue()) {
        Node key = tuple.getKeyNode();
        if (!(key instanceof ScalarNode scalarKey)) {
          reporter.error(
              key, SpecCodes.WRONG_TYPE, "map keys must be strings, got " + YamlValues.kind(key));
        } else if (isMergeKey(scalarKey)) {
          reporter.error(
              key,
              SpecCodes.INVALID_VALUE,
              "merge keys ('<<') are not supported; write the keys out");
        }
        visit(key);
        visit(tuple.getValueNode());
      }
    } else if (node instanceof SequenceNode list) {
      list.getValue().forEach(this::visit);
    }
  }
}
