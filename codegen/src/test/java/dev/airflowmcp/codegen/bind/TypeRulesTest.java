package dev.airflowmcp.codegen.bind;

import static dev.airflowmcp.codegen.bind.ToolSpecs.array;
import static dev.airflowmcp.codegen.bind.ToolSpecs.optional;
import static org.assertj.core.api.Assertions.assertThat;

import dev.airflowmcp.codegen.model.ParamLocation;
import dev.airflowmcp.codegen.openapi.SpecParameter;
import dev.airflowmcp.toolspec.ParameterType;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypeRulesTest {

  private static SpecParameter param(String type, String itemType) {
    return new SpecParameter(
        "p", ParamLocation.QUERY, type, itemType, false, false, List.of(), null, null, null);
  }

  private static boolean fits(ParameterType argument, String type) {
    return TypeRules.argumentFits(optional(1, "a", argument), param(type, null));
  }

  @Test
  void scalarArguments() {
    assertThat(fits(ParameterType.STRING, "string")).isTrue();
    assertThat(fits(ParameterType.INTEGER, "integer")).isTrue();
    assertThat(fits(ParameterType.INTEGER, "number")).isTrue();
    assertThat(fits(ParameterType.NUMBER, "number")).isTrue();
    assertThat(fits(ParameterType.NUMBER, "integer")).isFalse();
    assertThat(fits(ParameterType.BOOLEAN, "boolean")).isTrue();
    assertThat(fits(ParameterType.STRING, "integer")).isFalse();
    assertThat(fits(ParameterType.BOOLEAN, "string")).isFalse();
    assertThat(fits(ParameterType.OBJECT, "object")).isTrue();
  }

  @Test
  void untypedParameterTakesScalarsOnly() {
    assertThat(fits(ParameterType.STRING, null)).isTrue();
    assertThat(fits(ParameterType.NUMBER, null)).isTrue();
    assertThat(fits(ParameterType.BOOLEAN, null)).isTrue();
    assertThat(fits(ParameterType.OBJECT, null)).isFalse();
    assertThat(TypeRules.argumentFits(array(1, "a", ParameterType.STRING), param(null, null)))
        .isFalse();
  }

  @Test
  void arraysCompareItems() {
    assertThat(
            TypeRules.argumentFits(array(1, "a", ParameterType.INTEGER), param("array", "number")))
        .isTrue();
    assertThat(TypeRules.argumentFits(array(1, "a", ParameterType.STRING), param("array", null)))
        .isTrue();
    assertThat(
            TypeRules.argumentFits(array(1, "a", ParameterType.STRING), param("array", "integer")))
        .isFalse();
    assertThat(fits(ParameterType.STRING, "array")).isTrue();
    assertThat(
            TypeRules.argumentFits(
                optional(1, "a", ParameterType.BOOLEAN), param("array", "string")))
        .isFalse();
    assertThat(TypeRules.argumentFits(array(1, "a", ParameterType.STRING), param("string", null)))
        .isFalse();
  }

  @Test
  void values() {
    assertThat(TypeRules.valueFits(5L, param("integer", null))).isTrue();
    assertThat(TypeRules.valueFits(5L, param("number", null))).isTrue();
    assertThat(TypeRules.valueFits(0.5, param("integer", null))).isFalse();
    assertThat(TypeRules.valueFits("5", param("integer", null))).isFalse();
    assertThat(TypeRules.valueFits(true, param(null, null))).isTrue();
    assertThat(TypeRules.valueFits(List.of("a"), param(null, null))).isFalse();
    assertThat(TypeRules.valueFits(List.of("a", "b"), param("array", "string"))).isTrue();
    assertThat(TypeRules.valueFits(List.of("a", 1L), param("array", "string"))).isFalse();
    assertThat(TypeRules.valueFits(Arrays.asList("a", null), param("array", "string"))).isFalse();
    assertThat(TypeRules.valueFits("a", param("array", "string"))).isTrue();
    assertThat(TypeRules.valueFits(1L, param("array", "string"))).isFalse();
  }

  @Test
  void showsValuesAsWritten() {
    assertThat(TypeRules.show("x")).isEqualTo("'x'");
    assertThat(TypeRules.show(3L)).isEqualTo("3");
    assertThat(TypeRules.show(List.of("a", 2L))).isEqualTo("['a', 2]");
  }
}
