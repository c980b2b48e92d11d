package dev.airflowmcp.codegen.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.airflowmcp.codegen.diff.SpecDiffReport.Change;
import dev.airflowmcp.codegen.diff.SpecDiffReport.Kind;
import dev.airflowmcp.codegen.model.ParamLocation;
import dev.airflowmcp.codegen.openapi.AirflowSpec;
import dev.airflowmcp.codegen.openapi.SpecOperation;
import dev.airflowmcp.codegen.openapi.SpecParameter;
import dev.airflowmcp.common.AirflowMajor;
import dev.airflowmcp.toolspec.ToolSpec;
import dev.airflowmcp.toolspec.load.LoadResult;
import dev.airflowmcp.toolspec.load.ToolSpecLoader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link SpecDiff} on small hand-made specs, one breaking change at a time. */
class SpecDiffTest {

  private static final ToolSpec TOOLS =
      tools(
          """
      version: 1
      server:
        name: test
      tools:
        - name: list_things
          description: List things.
          parameters:
            - name: limit
              type: integer
            - name: kind
              type: string
          bindings:
            airflow3:
              operationId: get_things
        - name: get_thing
          description: One thing.
          parameters:
            - name: thing_id
              type: string
              required: true
          bindings:
            airflow3:
              operationId: get_thing
      """);

  private static ToolSpec tools(String yaml) {
    LoadResult r = ToolSpecLoader.parse("tools.yaml", yaml);
    assertThat(r.diagnostics()).isEmpty();
    return r.spec();
  }

  private static SpecParameter query(String name, String type, boolean required) {
    return new SpecParameter(
        name, ParamLocation.QUERY, type, null, required, false, List.of(), null, null, null);
  }

  private static SpecParameter path(String name) {
    return new SpecParameter(
        name, ParamLocation.PATH, "string", null, true, false, List.of(), null, null, null);
  }

  private static SpecOperation get(String id, String path, SpecParameter... params) {
    return new SpecOperation(id, "GET", path, List.of("Thing"), List.of(params), false);
  }

  private static AirflowSpec spec(String label, SpecOperation... ops) {
    Map<String, SpecOperation> map = new LinkedHashMap<>();
    for (SpecOperation op : ops) {
      map.put(op.operationId(), op);
    }
    return new AirflowSpec(label, AirflowMajor.AIRFLOW3, "2", map);
  }

  private static final AirflowSpec OLD =
      spec(
          "old.yaml",
          get(
              "get_things",
              "/api/v2/things",
              query("limit", "integer", false),
              query("kind", "string", false),
              query("order_by", "string", false)),
          get("get_thing", "/api/v2/things/{thing_id}", path("thing_id")));

  @Test
  void sameSpecHasNoChangesAndNoCandidates() {
    SpecDiffReport r = SpecDiff.compare(OLD, OLD, TOOLS);

    assertThat(r.breaking()).isEmpty();
    assertThat(r.nonBreaking()).isEmpty();
    assertThat(r.candidates()).isEmpty();
    assertThat(r.hasBreakingChanges()).isFalse();
  }

  @Test
  void usedParameterRenamedAndTypeChangedAndNewRequiredParameterAreBreaking() {
    AirflowSpec now =
        spec(
            "new.yaml",
            get(
                "get_things",
                "/api/v2/things",
                query("limit", "string", false),
                query("thing_kind", "string", false),
                query("order_by", "integer", false),
                query("tenant", "integer", true)),
            get("get_thing", "/api/v2/things/{thing_id}", path("thing_id")));

    SpecDiffReport r = SpecDiff.compare(OLD, now, TOOLS);

    assertThat(r.breaking())
        .extracting(Change::tool, Change::parameter, Change::kind, Change::before, Change::after)
        .containsExactly(
            tuple("list_things", "limit", Kind.TYPE_CHANGED, "integer", "string"),
            tuple("list_things", "kind", Kind.PARAMETER_RENAMED, "kind", "thing_kind"),
            tuple("list_things", "tenant", Kind.PARAMETER_ADDED, null, "query integer, required"));
    // order_by is not sent by the tool: its change is reported, but does not break it
    assertThat(r.nonBreaking())
        .extracting(Change::parameter, Change::kind, Change::usedByTool)
        .containsExactly(tuple("order_by", Kind.TYPE_CHANGED, false));
    assertThat(r.hasBreakingChanges()).isTrue();
  }

  @Test
  void operationRenamedRemovedAndPathChanged() {
    AirflowSpec renamed =
        spec(
            "new.yaml",
            get(
                "list_things",
                "/api/v2/things",
                query("limit", "integer", false),
                query("kind", "string", false),
                query("order_by", "string", false)),
            get("get_thing", "/api/v2/thing/{thing_id}", path("thing_id")));

    SpecDiffReport r = SpecDiff.compare(OLD, renamed, TOOLS);

    assertThat(r.breaking())
        .extracting(Change::tool, Change::kind, Change::before, Change::after)
        .containsExactly(
            tuple("list_things", Kind.OPERATION_RENAMED, "get_things", "list_things"),
            tuple(
                "get_thing",
                Kind.PATH_CHANGED,
                "/api/v2/things/{thing_id}",
                "/api/v2/thing/{thing_id}"));
    // the new name is not exposed by any tool yet, so it is a candidate
    assertThat(r.candidates().get("Thing"))
        .extracting(c -> c.operationId())
        .containsExactly("list_things");

    SpecDiffReport gone =
        SpecDiff.compare(
            OLD,
            spec("new.yaml", get("get_thing", "/api/v2/things/{thing_id}", path("thing_id"))),
            TOOLS);
    assertThat(gone.breaking())
        .extracting(Change::tool, Change::kind)
        .containsExactly(tuple("list_things", Kind.OPERATION_REMOVED));
    assertThat(gone.removedOperations()).containsExactly("get_things");
  }

  @Test
  void writesAndLoginAreNeverCandidates() {
    AirflowSpec now =
        spec(
            "new.yaml",
            OLD.operation("get_things"),
            OLD.operation("get_thing"),
            new SpecOperation(
                "delete_thing",
                "DELETE",
                "/api/v2/things/{thing_id}",
                List.of("Thing"),
                List.of(path("thing_id")),
                false),
            new SpecOperation("login", "GET", "/api/v2/auth/login", List.of(), List.of(), false),
            new SpecOperation(
                "get_health", "GET", "/api/v2/monitor/health", List.of(), List.of(), false));

    SpecDiffReport r = SpecDiff.compare(OLD, now, TOOLS);

    assertThat(r.allCandidates())
        .extracting(c -> c.tag(), c -> c.operationId(), c -> c.isNew())
        .containsExactly(tuple("untagged", "get_health", true));
    assertThat(r.addedOperations()).containsExactly("delete_thing", "login", "get_health");
  }

  @Test
  void refusesSpecsOfDifferentMajors() {
    AirflowSpec v1 = new AirflowSpec("v1.yaml", AirflowMajor.AIRFLOW2, "2.11.1", Map.of());

    assertThatThrownBy(() -> SpecDiff.compare(v1, OLD, TOOLS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "cannot compare v1.yaml (Airflow 2) with old.yaml (Airflow 3): compare specs"
                + " of the same Airflow major version");
  }
}
