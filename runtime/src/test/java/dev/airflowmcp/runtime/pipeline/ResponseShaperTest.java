package dev.airflowmcp.runtime.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airflowmcp.common.LayoutSource;
import dev.airflowmcp.runtime.tool.ResponseShape;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ResponseShaperTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static String shape(String answer, ResponseShape shape) {
    return JSON.writeValueAsString(
        ResponseShaper.shape(JSON.readTree(answer.replace('\'', '"')), shape));
  }

  private static ResponseShape list(
      String listKey, String envelope, List<String> include, List<String> exclude) {
    return new ResponseShape(listKey, envelope, include, exclude, 0, null);
  }

  @Test
  void listEnvelopeTakesTheTotalFromTotalEntries() {
    String out =
        shape(
            "{'dags':[{'dag_id':'a'},{'dag_id':'b'}],'total_entries':57}",
            list("dags", "dags", List.of(), List.of()));
    assertThat(out)
        .isEqualTo(
            "{\"total_dags\":57,\"returned_count\":2,\"dags\":[{\"dag_id\":\"a\"},{\"dag_id\":\"b\"}]}");
  }

  @Test
  void totalFallsBackToTheListSizeWhenAbsentOrNotANumber() {
    assertThat(
            shape(
                "{'import_errors':[{},{},{}]}", list("import_errors", null, List.of(), List.of())))
        .isEqualTo("{\"total_import_errors\":3,\"returned_count\":3,\"import_errors\":[{},{},{}]}");
    assertThat(shape("{'x':[1],'total_entries':'9'}", list("x", "items", List.of(), List.of())))
        .isEqualTo("{\"total_items\":1,\"returned_count\":1,\"items\":[1]}");
  }

  @Test
  void envelopeKeyRenamesTheItems() {
    assertThat(
            shape(
                "{'datasets':[],'total_entries':0}",
                list("datasets", "assets", List.of(), List.of())))
        .isEqualTo("{\"total_assets\":0,\"returned_count\":0,\"assets\":[]}");
  }

  @Test
  void includeKeepsFieldsInItsOrderAndFillsAbsentOnesWithNull() {
    String out =
        shape(
            "{'dags':[{'owners':['x'],'dag_id':'a','extra':1}],'total_entries':1}",
            list("dags", "dags", List.of("dag_id", "is_paused", "owners"), List.of()));
    assertThat(out)
        .isEqualTo(
            "{\"total_dags\":1,\"returned_count\":1,"
                + "\"dags\":[{\"dag_id\":\"a\",\"is_paused\":null,\"owners\":[\"x\"]}]}");
  }

  @Test
  void excludeDropsFieldsAndKeepsTheRestInOrder() {
    String out =
        shape(
            "{'dags':[{'a':1,'file_token':'t','b':2,'doc_md':'d'}]}",
            list("dags", "dags", List.of(), List.of("file_token", "doc_md", "absent")));
    assertThat(out)
        .isEqualTo("{\"total_dags\":1,\"returned_count\":1,\"dags\":[{\"a\":1,\"b\":2}]}");
  }

  @Test
  void objectAnswersAreProjectedWithoutAnEnvelope() {
    ResponseShape include =
        new ResponseShape(null, null, List.of("dag_id", "x"), List.of(), 0, null);
    assertThat(shape("{'dag_id':'a','fileloc':'/f'}", include))
        .isEqualTo("{\"dag_id\":\"a\",\"x\":null}");
    ResponseShape exclude = new ResponseShape(null, null, List.of(), List.of("fileloc"), 0, null);
    assertThat(shape("{'dag_id':'a','fileloc':'/f'}", exclude)).isEqualTo("{\"dag_id\":\"a\"}");
    assertThat(shape("{'dag_id':'a'}", ResponseShape.PASS_THROUGH)).isEqualTo("{\"dag_id\":\"a\"}");
  }

  @Test
  void nonObjectItemsPassThroughUnchanged() {
    assertThat(shape("{'x':[1,'s',null]}", list("x", "x", List.of("a"), List.of())))
        .isEqualTo("{\"total_x\":3,\"returned_count\":3,\"x\":[1,\"s\",null]}");
  }

  @Test
  void missingOrNonArrayListKeyIsAnIllegalArgument() {
    ResponseShape dags = list("dags", "dags", List.of(), List.of());
    assertThatThrownBy(() -> shape("{'detail':'x'}", dags))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Airflow's answer has no 'dags' list");
    assertThatThrownBy(() -> shape("{'dags':{'a':1}}", dags))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> shape("[1,2]", dags)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shapeDefaultsTheEnvelopeKeyToTheListKey() {
    JsonNode out =
        ResponseShaper.shape(
            JSON.readTree("{\"pools\":[]}"),
            new ResponseShape("pools", null, List.of(), List.of(), 0, null));
    assertThat(out.has("total_pools")).isTrue();
    assertThat(out.has("pools")).isTrue();
  }

  @Test
  void renamesKeepEachFieldInItsPlaceAndApplyAfterInclude() {
    ResponseShape shape =
        new ResponseShape(
            "datasets",
            "assets",
            List.of(),
            List.of(),
            0,
            null,
            java.util.Map.of("consuming_dags", "scheduled_dags", "uri", "uri"),
            java.util.Map.of(),
            null);
    assertThat(
            shape(
                "{'datasets':[{'id':1,'consuming_dags':[],'uri':'s3://x'}],'total_entries':5}",
                shape))
        .isEqualTo(
            "{\"total_assets\":5,\"returned_count\":1,"
                + "\"assets\":[{\"id\":1,\"scheduled_dags\":[],\"uri\":\"s3://x\"}]}");
  }

  @Test
  void aLayoutNamesTheResultKeysInItsOrder() {
    java.util.Map<String, LayoutSource> layout = new java.util.LinkedHashMap<>();
    layout.put("dag_id", LayoutSource.ARGUMENT);
    layout.put("events", LayoutSource.ITEMS);
    layout.put("event_count", LayoutSource.COUNT);
    layout.put("total", LayoutSource.TOTAL);
    layout.put("note", LayoutSource.FIELD);
    ResponseShape shape =
        new ResponseShape(
            "asset_events", null, List.of(), List.of(), 0, null, java.util.Map.of(), layout, null);
    JsonNode out =
        ResponseShaper.shape(
            JSON.readTree("{\"asset_events\":[{\"id\":1},{\"id\":2}],\"note\":\"n\"}"),
            shape,
            java.util.Map.of("dag_id", "etl"));
    assertThat(JSON.writeValueAsString(out))
        .isEqualTo(
            "{\"dag_id\":\"etl\",\"events\":[{\"id\":1},{\"id\":2}],\"event_count\":2,"
                + "\"total\":2,\"note\":\"n\"}");
  }

  @Test
  void aLayoutPlacesAMessageWithArgumentsAndTheSectionsOfBeforeReadsThatSucceeded() {
    java.util.Map<String, LayoutSource> layout = new java.util.LinkedHashMap<>();
    layout.put("message", LayoutSource.MESSAGE);
    layout.put("dag_id", LayoutSource.ARGUMENT);
    layout.put("deleted_run", LayoutSource.BEFORE);
    layout.put("failed_read", LayoutSource.BEFORE);
    ResponseShape shape =
        new ResponseShape(
            null,
            null,
            List.of(),
            List.of(),
            0,
            null,
            java.util.Map.of(),
            layout,
            "Run '{dag_run_id}' of {dag_id} deleted ({missing}); $1 \\ stays.");
    JsonNode out =
        ResponseShaper.shape(
            JSON.readTree("{}"),
            shape,
            java.util.Map.of("dag_id", "etl", "dag_run_id", "manual__1"),
            java.util.Map.of("deleted_run", JSON.readTree("{\"state\":\"failed\"}")));
    // The read that failed (no section) leaves its key out; an absent argument fills in as "".
    assertThat(JSON.writeValueAsString(out))
        .isEqualTo(
            "{\"message\":\"Run 'manual__1' of etl deleted (); $1 \\\\ stays.\",\"dag_id\":\"etl\","
                + "\"deleted_run\":{\"state\":\"failed\"}}");
  }

  @Test
  void aLayoutOnAnObjectEchoesArgumentsAndCopiesFields() {
    java.util.Map<String, LayoutSource> layout = new java.util.LinkedHashMap<>();
    layout.put("dag_id", LayoutSource.ARGUMENT);
    layout.put("version", LayoutSource.FIELD);
    layout.put("missing", LayoutSource.FIELD);
    ResponseShape shape =
        new ResponseShape(
            null, null, List.of(), List.of(), 0, null, java.util.Map.of(), layout, null);
    JsonNode out =
        ResponseShaper.shape(
            JSON.readTree("{\"version\":\"3.0.2\",\"other\":1}"), shape, java.util.Map.of());
    assertThat(JSON.writeValueAsString(out))
        .isEqualTo("{\"dag_id\":null,\"version\":\"3.0.2\",\"missing\":null}");
  }
}
