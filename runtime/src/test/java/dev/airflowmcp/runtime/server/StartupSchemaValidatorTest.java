package dev.airflowmcp.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StartupSchemaValidatorTest {
  private static Map<String, Object> broken() {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("required", "dag_id"); // must be an array
    return schema;
  }

  @Test
  void aSchemaNotBuiltWithTheJarIsStillCheckedAgainstTheMetaSchema() {
    StartupSchemaValidator validator = new StartupSchemaValidator(Set.of());
    assertThat(validator.validateSchema(broken()).valid()).isFalse();
    assertThat(validator.validateSchema(Map.of("type", "object", "required", List.of("a"))).valid())
        .isTrue();
  }

  @Test
  void onlyTheVeryMapsOfTheJarsToolsAreTrustedNotEqualOnes() {
    Map<String, Object> own = broken();
    Set<Map<String, Object>> trusted = Collections.newSetFromMap(new IdentityHashMap<>());
    trusted.add(own);
    StartupSchemaValidator validator = new StartupSchemaValidator(trusted);
    assertThat(validator.validateSchema(own).valid()).isTrue();
    assertThat(validator.validateSchema(broken()).valid())
        .as("an equal map of another tool")
        .isFalse();
  }

  @Test
  void resultsAreStillValidatedAgainstTheirSchema() {
    StartupSchemaValidator validator = new StartupSchemaValidator(Set.of());
    Map<String, Object> schema =
        Map.of("type", "object", "properties", Map.of("n", Map.of("type", "integer")));
    assertThat(validator.validate(schema, Map.of("n", 3)).valid()).isTrue();
    assertThat(validator.validate(schema, Map.of("n", "three")).valid()).isFalse();
  }
}
