package dev.airflowmcp.runtime.generated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.airflowmcp.runtime.tool.InvalidArgumentsException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgumentReaderTest {
  private static final Set<String> KNOWN =
      Set.of("dag_id", "state", "limit", "ratio", "only_active", "states", "ids", "conf");

  /** A map that keeps insertion order and accepts null values (as MCP arguments can hold). */
  private static Map<String, Object> args(Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], keyValues[i + 1]);
    }
    return m;
  }

  private static List<String> problems(ArgumentReader reader) {
    InvalidArgumentsException e =
        catchThrowableOfType(InvalidArgumentsException.class, reader::finish);
    assertThat(e).as("finish() should have thrown").isNotNull();
    return e.problems();
  }

  // --- strings ---------------------------------------------------------------------------------

  @Test
  void stringIsReadAndDefaultAppliesWhenAbsentOrNull() throws Exception {
    ArgumentReader r = ArgumentReader.of(args("dag_id", "etl", "state", null), KNOWN);
    assertThat(r.string("dag_id", true, null, List.of())).isEqualTo("etl");
    assertThat(r.string("state", false, "queued", List.of())).isEqualTo("queued");
    assertThat(r.string("limit", false, "dflt", List.of())).isEqualTo("dflt");
    r.finish();
  }

  @Test
  void numbersAndBooleansAreAcceptedAsStrings() throws Exception {
    ArgumentReader r = ArgumentReader.of(args("dag_id", 25, "state", true), KNOWN);
    assertThat(r.string("dag_id", true, null, List.of())).isEqualTo("25");
    assertThat(r.string("state", true, null, List.of())).isEqualTo("true");
    r.finish();
  }

  @Test
  void stringEnumIsChecked() throws Exception {
    ArgumentReader ok = ArgumentReader.of(args("state", "failed"), KNOWN);
    assertThat(ok.string("state", false, null, List.of("success", "failed"))).isEqualTo("failed");
    ok.finish();

    ArgumentReader bad = ArgumentReader.of(args("state", "Failed"), KNOWN);
    assertThat(bad.string("state", false, null, List.of("success", "failed"))).isNull();
    assertThat(problems(bad))
        .containsExactly("argument 'state' must be one of [success, failed], got 'Failed'");
  }

  @Test
  void requiredStringMissingNullOrEmptyIsAProblem() {
    ArgumentReader r = ArgumentReader.of(args("state", null, "dag_id", ""), KNOWN);
    r.string("dag_id", true, null, List.of());
    r.string("state", true, null, List.of());
    r.string("conf", true, null, List.of());
    assertThat(problems(r))
        .containsExactly(
            "argument 'dag_id' must not be empty",
            "missing required argument 'state'",
            "missing required argument 'conf'");
  }

  @Test
  void optionalEmptyStringIsKept() throws Exception {
    ArgumentReader r = ArgumentReader.of(args("dag_id", ""), KNOWN);
    assertThat(r.string("dag_id", false, "x", List.of())).isEmpty();
    r.finish();
  }

  @Test
  void nonScalarForAStringIsAWrongType() {
    ArgumentReader r = ArgumentReader.of(args("dag_id", List.of("a"), "state", Map.of()), KNOWN);
    r.string("dag_id", true, null, List.of());
    r.string("state", true, null, List.of());
    assertThat(problems(r))
        .containsExactly(
            "argument 'dag_id' must be a string, got an array",
            "argument 'state' must be a string, got an object");
  }

  // --- integers --------------------------------------------------------------------------------

  @Test
  void integersAreCoercedFromNumericStringsAndWholeDoubles() throws Exception {
    ArgumentReader r =
        ArgumentReader.of(
            args(
                "limit",
                "25",
                "ratio",
                25.0,
                "dag_id",
                " 7 ",
                "state",
                3,
                "conf",
                new BigDecimal("40.000")),
            KNOWN);
    assertThat(r.integer("limit", true, null, null, null)).isEqualTo(25L);
    assertThat(r.integer("ratio", true, null, null, null)).isEqualTo(25L);
    assertThat(r.integer("dag_id", true, null, null, null)).isEqualTo(7L);
    assertThat(r.integer("state", true, null, null, null)).isEqualTo(3L);
    assertThat(r.integer("conf", true, null, null, null)).isEqualTo(40L);
    r.finish();
  }

  @Test
  void largeLongsAreKeptExactly() throws Exception {
    ArgumentReader r = ArgumentReader.of(args("limit", Long.MAX_VALUE), KNOWN);
    assertThat(r.integer("limit", true, null, null, null)).isEqualTo(Long.MAX_VALUE);
    r.finish();
  }

  @Test
  void integerDefaultAppliesWhenAbsentOrNull() throws Exception {
    ArgumentReader r = ArgumentReader.of(args("limit", null), KNOWN);
    assertThat(r.integer("limit", false, 100L, 1L, 1000L)).isEqualTo(100L);
    assertThat(r.integer("ratio", false, null, null, null)).isNull();
    r.finish();
  }

  @Test
  void nonIntegersAreWrongTypes() {
    ArgumentReader r =
        ArgumentReader.of(
            args("limit", 2.5, "ratio", "ten", "dag_id", true, "state", Double.NaN, "conf", "2.5"),
            KNOWN);
    for (String name : List.of("limit", "ratio", "dag_id", "state", "conf")) {
      assertThat(r.integer(name, true, null, null, null)).isNull();
    }
    assertThat(problems(r))
        .containsExactly(
            "argument 'limit' must be an integer, got a number",
            "argument 'ratio' must be an integer, got a string",
            "argument 'dag_id' must be an integer, got a boolean",
            "argument 'state' must be an integer, got a number",
            "argument 'conf' must be an integer, got a string");
  }

  @Test
  void integerBoundsAreInclusiveAndReported() throws Exception {
    ArgumentReader ok = ArgumentReader.of(args("limit", 1, "ratio", 1000), KNOWN);
    assertThat(ok.integer("limit", true, null, 1L, 1000L)).isEqualTo(1L);
    assertThat(ok.integer("ratio", true, null, 1L, 1000L)).isEqualTo(1000L);
    ok.finish();

    ArgumentReader bad = ArgumentReader.of(args("limit", 0, "ratio", "1001"), KNOWN);
    assertThat(bad.integer("limit", true, null, 1L, 1000L)).isNull();
    assertThat(bad.integer("ratio", true, null, 1L, 1000L)).isNull();
    assertThat(problems(bad))
        .containsExactly(
            "argument 'limit' must be at least 1, got 0",
            "argument 'ratio' must be at most 1000, got 1001");
  }

  // --- numbers ---------------------------------------------------------------------------------

  @Test
  void numbersAreReadFromNumbersAndStrings() throws Exception {
    ArgumentReader r = ArgumentReader.of(args("ratio", "0.5", "limit", 2), KNOWN);
    assertThat(r.number("ratio", true, null, null, null)).isEqualTo(0.5);
    assertThat(r.number("limit", true, null, null, null)).isEqualTo(2.0);
    assertThat(r.number("state", false, 1.5, null, null)).isEqualTo(1.5);
    r.finish();
  }

  @Test
  void nonFiniteNumbersAreRejectedWhateverTheirForm() {
    ArgumentReader r =
        ArgumentReader.of(
            args(
                "ratio",
                Double.NaN,
                "limit",
                Double.POSITIVE_INFINITY,
                "state",
                "NaN",
                "dag_id",
                "Infinity"),
            KNOWN);
    for (String name : List.of("ratio", "limit", "state", "dag_id")) {
      assertThat(r.number(name, true, null, 0.0, 1.0)).isNull();
    }
    assertThat(problems(r))
        .containsExactly(
            "argument 'ratio' must be a number, got a number",
            "argument 'limit' must be a number, got a number",
            "argument 'state' must be a number, got a string",
            "argument 'dag_id' must be a number, got a string");
  }

  @Test
  void numberBoundsArePrintedPlainly() {
    ArgumentReader r = ArgumentReader.of(args("ratio", 0.25, "limit", 12.0), KNOWN);
    r.number("ratio", true, null, 0.5, 10.0);
    r.number("limit", true, null, 0.5, 10.0);
    assertThat(problems(r))
        .containsExactly(
            "argument 'ratio' must be at least 0.5, got 0.25",
            "argument 'limit' must be at most 10, got 12");
  }

  // --- booleans --------------------------------------------------------------------------------

  @Test
  void booleansAcceptTrueAndFalseStringsInAnyCase() throws Exception {
    ArgumentReader r =
        ArgumentReader.of(args("only_active", "true", "state", " FALSE ", "dag_id", true), KNOWN);
    assertThat(r.bool("only_active", true, null)).isTrue();
    assertThat(r.bool("state", true, null)).isFalse();
    assertThat(r.bool("dag_id", true, null)).isTrue();
    assertThat(r.bool("limit", false, Boolean.TRUE)).isTrue();
    r.finish();
  }

  @Test
  void otherBooleanSpellingsAreWrongTypes() {
    ArgumentReader r = ArgumentReader.of(args("only_active", "yes", "state", 1), KNOWN);
    assertThat(r.bool("only_active", true, null)).isNull();
    assertThat(r.bool("state", true, null)).isNull();
    assertThat(problems(r))
        .containsExactly(
            "argument 'only_active' must be a boolean, got a string",
            "argument 'state' must be a boolean, got a number");
  }

  // --- lists and objects -----------------------------------------------------------------------

  @Test
  void stringListsAreCopiedAndCheckedAgainstTheEnum() throws Exception {
    ArgumentReader r = ArgumentReader.of(args("states", List.of("success", "failed")), KNOWN);
    List<String> states = r.stringList("states", true, List.of("success", "failed", "running"));
    assertThat(states).containsExactly("success", "failed");
    assertThatThrownBy(() -> states.add("x")).isInstanceOf(UnsupportedOperationException.class);
    assertThat(r.stringList("ids", false, List.of())).isNull();
    r.finish();
  }

  @Test
  void stringListProblems() {
    ArgumentReader r =
        ArgumentReader.of(
            args("states", List.of("success", "nope"), "ids", "a", "conf", Arrays.asList("a", 1)),
            KNOWN);
    assertThat(r.stringList("states", false, List.of("success", "failed"))).isNull();
    assertThat(r.stringList("ids", false, List.of())).isNull();
    assertThat(r.stringList("conf", false, List.of())).isNull();
    r.stringList("dag_id", true, List.of());
    assertThat(problems(r))
        .containsExactly(
            "argument 'states' has 'nope', which is not one of [success, failed]",
            "argument 'ids' must be an array of strings, got a string",
            "argument 'conf' must be an array of strings, got an array",
            "missing required argument 'dag_id'");
  }

  @Test
  void integerListsCoerceTheirItems() throws Exception {
    ArgumentReader r = ArgumentReader.of(args("ids", List.of(1, "2", 3.0)), KNOWN);
    assertThat(r.integerList("ids", true)).containsExactly(1L, 2L, 3L);
    r.finish();

    ArgumentReader bad = ArgumentReader.of(args("ids", List.of(1, 1.5), "states", 3), KNOWN);
    assertThat(bad.integerList("ids", true)).isNull();
    assertThat(bad.integerList("states", true)).isNull();
    assertThat(problems(bad))
        .containsExactly(
            "argument 'ids' must be an array of integers, got an array",
            "argument 'states' must be an array of integers, got a number");
  }

  @Test
  void objectsAreCopiedWithStringKeysAndOrder() throws Exception {
    Map<Object, Object> conf = new LinkedHashMap<>();
    conf.put("b", 1);
    conf.put(2, "two");
    ArgumentReader r = ArgumentReader.of(args("conf", conf), KNOWN);
    Map<String, Object> read = r.object("conf", true);
    assertThat(read).containsExactly(Map.entry("b", 1), Map.entry("2", "two"));
    assertThatThrownBy(() -> read.put("c", 3)).isInstanceOf(UnsupportedOperationException.class);
    r.finish();

    ArgumentReader bad = ArgumentReader.of(args("conf", "{\"a\":1}"), KNOWN);
    assertThat(bad.object("conf", true)).isNull();
    assertThat(problems(bad)).containsExactly("argument 'conf' must be an object, got a string");
  }

  // --- names and collection --------------------------------------------------------------------

  @Test
  void unknownNamesAreReportedWithASuggestionWhenOneIsClose() {
    ArgumentReader r = ArgumentReader.of(args("dagid", "x", "zzzzzzzzzz", 1), KNOWN);
    assertThat(problems(r))
        .containsExactly(
            "unknown argument 'dagid' (did you mean 'dag_id'?)", "unknown argument 'zzzzzzzzzz'");
  }

  @Test
  void everyProblemIsCollectedInOrderAndJoinedInTheMessage() {
    ArgumentReader r = ArgumentReader.of(args("limt", 5, "limit", "many", "state", "bogus"), KNOWN);
    r.string("dag_id", true, null, List.of());
    r.integer("limit", false, 100L, 1L, 1000L);
    r.string("state", false, null, List.of("success"));
    InvalidArgumentsException e = catchThrowableOfType(InvalidArgumentsException.class, r::finish);
    assertThat(e.problems())
        .containsExactly(
            "unknown argument 'limt' (did you mean 'limit'?)",
            "missing required argument 'dag_id'",
            "argument 'limit' must be an integer, got a string",
            "argument 'state' must be one of [success], got 'bogus'");
    assertThat(e).hasMessage(String.join("; ", e.problems()));
  }

  @Test
  void nullOrEmptyRawArgumentsAreFineWhenNothingIsRequired() {
    assertThatCode(
            () -> {
              ArgumentReader r = ArgumentReader.of(null, KNOWN);
              assertThat(r.integer("limit", false, 100L, null, null)).isEqualTo(100L);
              r.finish();
            })
        .doesNotThrowAnyException();
    assertThatCode(() -> ArgumentReader.of(new HashMap<>(), KNOWN).finish())
        .doesNotThrowAnyException();
  }
}
