package dev.airflowmcp.toolspec.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** docs/tool-spec-reference.md is checked against the JSON Schema: it names every key. */
class ReferenceDocTest {

  @Test
  void theReferenceMentionsEverySchemaProperty() throws IOException {
    JsonNode schema;
    try (InputStream in =
        ReferenceDocTest.class
            .getClassLoader()
            .getResourceAsStream(ToolSpecLoader.SCHEMA_RESOURCE)) {
      schema = JsonMapper.builder().build().readTree(in);
    }
    Set<String> keys = new TreeSet<>();
    collect(schema, keys);
    String doc = Files.readString(Path.of("../docs/tool-spec-reference.md"));

    Set<String> missing = new TreeSet<>();
    for (String key : keys) {
      boolean named =
          doc.contains("`" + key + "`")
              || Pattern.compile("(?m)[\\s{,]" + Pattern.quote(key) + ":").matcher(doc).find();
      if (!named) {
        missing.add(key);
      }
    }
    assertThat(keys).contains("extends", "rename", "override", "bindings", "lookup");
    assertThat(missing).as("schema keys the reference does not mention").isEmpty();
  }

  private static void collect(JsonNode node, Set<String> keys) {
    if (node.isObject()) {
      JsonNode props = node.get("properties");
      if (props != null && props.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = props.properties().iterator();
            it.hasNext(); ) {
          keys.add(it.next().getKey());
        }
      }
      for (JsonNode child : node) {
        collect(child, keys);
      }
    } else if (node.isArray()) {
      for (JsonNode child : node) {
        collect(child, keys);
      }
    }
  }
}
