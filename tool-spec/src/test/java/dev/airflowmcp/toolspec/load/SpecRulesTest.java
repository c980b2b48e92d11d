package dev.airflowmcp.toolspec.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airflowmcp.common.AirflowMajor;
import dev.airflowmcp.common.LayoutSource;
import dev.airflowmcp.toolspec.ParamSource;
import dev.airflowmcp.toolspec.ResponseDef;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules beyond plain types: parameters, sources, annotations, responses, YAML safety. */
class SpecRulesTest {

  /** A tool named 'a' whose body (indented four spaces) follows; the body starts on line 7. */
  private static LoadResult tool(String body) {
    return Specs.parse(Specs.HEADER + "  - name: a\n    description: x\n" + body);
  }

  @Test
  void resourcesAndPromptsAreReadWithTheirPlaceholdersChecked() {
    LoadResult ok =
        Specs.parse(
            Specs.HEADER
                + """
                  - name: get_version
                    description: x
                    bindings: {airflow3: {operationId: get_version}}
                resources:
                  - uri: airflow://version
                    name: resource_version
                    mimeType: text/plain
                    tool: get_version
                prompts:
                  - name: triage
                    arguments: [{name: dag_id, required: true}]
                    text: "Look at {dag_id}."
                """);
    assertThat(Specs.lines(ok)).isEmpty();
    assertThat(ok.spec().resources())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.uri()).isEqualTo("airflow://version");
              assertThat(r.tool()).isEqualTo("get_version");
              assertThat(r.mimeType()).isEqualTo("text/plain");
            });
    assertThat(ok.spec().prompts())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.arguments())
                  .singleElement()
                  .satisfies(a -> assertThat(a.required()).isTrue());
              assertThat(p.text()).isEqualTo("Look at {dag_id}.");
            });

    LoadResult bad =
        Specs.parse(
            Specs.HEADER
                + """
                  - name: get_version
                    description: x
                    bindings: {airflow3: {operationId: get_version}}
                prompts:
                  - name: triage
                    arguments: [{name: dag_id}]
                    text: "Look at {dagid}."
                """);
    assertThat(Specs.lines(bad))
        .containsExactly(
            "tools.yaml:11:11: error [UNKNOWN_ARGUMENT]: placeholder {dagid} in the text of prompt"
                + " 'triage' names no argument of the prompt");
  }

  @Nested
  class Parameters {
    @Test
    void arrayItemsAndBoundsBelongToTheirTypes() {
      LoadResult result =
          tool(
              """
                  bindings: {airflow3: {operationId: o}}
                  parameters:
                    - name: ids
                      type: array
                    - name: ids2
                      type: array
                      items: object
                    - name: s
                      type: string
                      items: string
                      minimum: 1
                    - name: n
                      type: number
                      minimum: 10
                      maximum: 5
              """);
      assertThat(Specs.lines(result))
          .containsExactly(
              "tools.yaml:9:9: error [MISSING_KEY]: missing key 'items' in parameter 'ids' of"
                  + " tool 'a'",
              "tools.yaml:13:16: error [INVALID_VALUE]: 'ids2' in tool 'a': items must be string,"
                  + " integer, number or boolean, got 'object'",
              "tools.yaml:16:9: error [INVALID_VALUE]: 's' in tool 'a': items is only allowed for"
                  + " arrays, not for string",
              "tools.yaml:17:9: error [INVALID_VALUE]: 's' in tool 'a': minimum is only allowed"
                  + " for integer and number parameters",
              "tools.yaml:21:18: error [INVALID_VALUE]: 'n' in tool 'a': minimum 10 is greater"
                  + " than maximum 5");
    }

    @Test
    void defaultsAndEnumsMatchTypeBoundsAndEachOther() {
      LoadResult result =
          tool(
              """
                  bindings: {airflow3: {operationId: o}}
                  parameters:
                    - name: o
                      type: object
                      default: x
                      enum: [a]
                    - name: e
                      type: string
                      enum: [a, b, a]
                      default: c
                    - name: arr
                      type: array
                      items: integer
                      enum: [1, 2]
                      default: [1, 3, x]
                    - name: arr2
                      type: array
                      items: integer
                      enum: [1, 2]
                      default: [1, 3]
                    - name: lim
                      type: integer
                      minimum: 1
                      enum: [0, 1]
                    - name: ratio
                      type: number
                      default: 1.5
                      minimum: 0.5
                      maximum: 1
              """);
      assertThat(Specs.lines(result))
          .containsExactly(
              "tools.yaml:11:18: error [INVALID_VALUE]: 'o' in tool 'a': object parameters cannot"
                  + " have a default",
              "tools.yaml:12:15: error [INVALID_VALUE]: 'o' in tool 'a': object parameters cannot"
                  + " have an enum",
              "tools.yaml:15:22: error [INVALID_VALUE]: 'e' in tool 'a': enum value 'a' is listed"
                  + " twice",
              "tools.yaml:16:18: error [INVALID_VALUE]: 'e' in tool 'a': default 'c' is not one of"
                  + " the enum values",
              "tools.yaml:21:25: error [WRONG_TYPE]: 'arr' in tool 'a': default item must be an"
                  + " integer, got a string",
              "tools.yaml:26:22: error [INVALID_VALUE]: 'arr2' in tool 'a': default item 3 is not"
                  + " one of the enum values",
              "tools.yaml:30:16: error [INVALID_VALUE]: 'lim' in tool 'a': enum value 0 is below"
                  + " minimum 1",
              "tools.yaml:33:18: error [INVALID_VALUE]: 'ratio' in tool 'a': default 1.5 is above"
                  + " maximum 1");
    }

    @Test
    void hiddenParametersNeedADefaultAndCannotBeRequired() {
      LoadResult result =
          tool(
              """
                  bindings: {airflow3: {operationId: o}}
                  parameters:
                    - name: h
                      type: string
                      hidden: true
                      required: true
              """);
      assertThat(Specs.lines(result))
          .containsExactly(
              "tools.yaml:11:17: error [INVALID_VALUE]: 'h' in tool 'a': a hidden parameter needs"
                  + " a default",
              "tools.yaml:11:17: error [INVALID_VALUE]: 'h' in tool 'a': a hidden parameter cannot"
                  + " be required");
    }

    @Test
    void malformedNumbersAndBooleans() {
      LoadResult result =
          tool(
              """
                  bindings: {airflow3: {operationId: o}}
                  parameters:
                    - {name: big, type: integer, default: 99999999999999999999}
                    - {name: f, type: number, default: .inf}
                    - {name: bl, type: boolean, default: !!bool yes}
                    - {name: t, type: [string]}
                    - {name: q, typ: string}
              """);
      assertThat(Specs.lines(result))
          .containsExactly(
              "tools.yaml:9:45: error [INVALID_VALUE]: 'big' in tool 'a': default is not a valid"
                  + " 64-bit integer: '99999999999999999999'",
              "tools.yaml:10:42: error [INVALID_VALUE]: 'f' in tool 'a': default is not a finite"
                  + " number: '.inf'",
              "tools.yaml:11:44: error [INVALID_VALUE]: 'bl' in tool 'a': default is not a valid"
                  + " boolean: 'yes'",
              "tools.yaml:12:25: error [WRONG_TYPE]: 'type' in parameter 't' of tool 'a' must be a"
                  + " string, got a list",
              "tools.yaml:13:9: error [MISSING_KEY]: missing key 'type' in parameter 'q' of tool"
                  + " 'a'",
              "tools.yaml:13:19: error [UNKNOWN_KEY]: unknown key 'typ' in parameter 'q' of tool"
                  + " 'a'");
      assertThat(Specs.hints(result)).last().isEqualTo("did you mean 'type'?");
    }
  }

  @Nested
  class Bindings {
    @Test
    void aCompositeHasStepsInsteadOfBindings() {
      LoadResult ok =
          tool(
              """
                  parameters: [{name: dag_id, type: string, required: true}]
                  steps:
                    dag_info: {tool: get_dag_details, arguments: {dag_id: dag_id}}
                    tasks:
                      tool: list_tasks
                      arguments: {dag_id: dag_id, limit: {value: 5}}
                      select: tasks
                    errors: {tool: list_import_errors, fields: {count: total_import_errors}}
                  summary: dag_run_summary
                  response:
                    layout: {dag_id: argument, dag_info: step, tasks: step, summary: summary}
              """);
      assertThat(Specs.lines(ok)).isEmpty();
      var tool = ok.spec().tools().get(0);
      assertThat(tool.isComposite()).isTrue();
      assertThat(tool.bindings()).isEmpty();
      assertThat(tool.summary()).isEqualTo("dag_run_summary");
      assertThat(tool.steps())
          .extracting(dev.airflowmcp.toolspec.StepDef::name)
          .containsExactly("dag_info", "tasks", "errors");
      assertThat(tool.steps().get(1).select()).isEqualTo("tasks");
      assertThat(tool.steps().get(1).arguments().get("limit"))
          .isInstanceOf(ParamSource.Constant.class);
      assertThat(tool.steps().get(2).fields())
          .containsExactly(java.util.Map.entry("count", "total_import_errors"));

      LoadResult bad =
          tool(
              """
                  parameters: [{name: dag_id, type: string}]
                  bindings: {airflow3: {operationId: get_dag}}
                  steps:
                    x: {tool: get_dag, arguments: {dag_id: dagid}}
              """);
      assertThat(Specs.lines(bad))
          .containsExactly(
              "tools.yaml:9:5: error [INVALID_VALUE]: a tool has either 'bindings' (Airflow"
                  + " operations) or 'steps' (a composite), not both; tool 'a' has both");
    }

    @Test
    void beforeReadsAndAMessageShapeTheResultOfABoundTool() {
      LoadResult ok =
          tool(
              """
                  parameters: [{name: dag_id, type: string, required: true}]
                  bindings: {airflow3: {operationId: delete_dag}}
                  before:
                    deleted_dag: {tool: get_dag, arguments: {dag_id: dag_id}, select: dag_id}
                  response:
                    message: "DAG '{dag_id}' deleted."
                    layout: {message: message, deleted_dag: before}
              """);
      assertThat(Specs.lines(ok)).isEmpty();
      var tool = ok.spec().tools().get(0);
      assertThat(tool.before())
          .extracting(dev.airflowmcp.toolspec.StepDef::name)
          .containsExactly("deleted_dag");
      assertThat(tool.before().get(0).select()).isEqualTo("dag_id");
      assertThat(tool.response().message()).isEqualTo("DAG '{dag_id}' deleted.");
      assertThat(tool.response().layout())
          .containsExactly(
              java.util.Map.entry("message", LayoutSource.MESSAGE),
              java.util.Map.entry("deleted_dag", LayoutSource.BEFORE));

      LoadResult bad =
          tool(
              """
                  parameters: [{name: dag_id, type: string, required: true}]
                  steps: {x: {tool: get_dag, arguments: {dag_id: dag_id}}}
                  before: {y: {tool: get_dag, maxItems: 5}}
                  response:
                    message: "unused"
              """);
      assertThat(Specs.lines(bad))
          .containsExactly(
              "tools.yaml:9:5: error [INVALID_VALUE]: 'before' in tool 'a' is only for tools with"
                  + " 'bindings'; a composite's steps already read what it needs",
              "tools.yaml:11:7: error [INVALID_VALUE]: 'message' in response of tool 'a' is set,"
                  + " but no layout key places it");

      LoadResult unplaced =
          tool(
              """
                  bindings: {airflow3: {operationId: get_version}}
                  before: {y: {tool: get_dag, maxItems: 5}}
                  response:
                    layout: {text: message}
              """);
      assertThat(Specs.lines(unplaced))
          .containsExactly(
              "tools.yaml:8:33: error [INVALID_VALUE]: 'maxItems' in step 'y' of tool 'a' is only"
                  + " for the steps of a composite tool",
              "tools.yaml:10:15: error [INVALID_VALUE]: a layout key in response of tool 'a' is"
                  + " 'message', but the response has no 'message'");
    }

    @Test
    void aStepPagesWithMaxItemsAndThenLeavesOffsetToTheRuntime() {
      LoadResult ok =
          tool(
              """
                  parameters: [{name: dag_id, type: string, required: true}]
                  steps:
                    failed:
                      tool: list_task_instances
                      arguments: {dag_id: dag_id, limit: {value: 100}}
                      maxItems: 1000
                    info: {tool: get_dag_details, arguments: {dag_id: dag_id}}
              """);
      assertThat(Specs.lines(ok)).isEmpty();
      var steps = ok.spec().tools().get(0).steps();
      assertThat(steps.get(0).maxItems()).isEqualTo(1000);
      assertThat(steps.get(0).pages()).isTrue();
      assertThat(steps.get(1).maxItems()).isZero();

      LoadResult bad =
          tool(
              """
                  parameters: [{name: dag_id, type: string, required: true}]
                  steps:
                    none: {tool: list_task_instances, maxItems: 0}
                    both:
                      tool: list_task_instances
                      arguments: {offset: {value: 100}}
                      maxItems: 200
                    many: {tool: list_task_instances, maxItems: 10001}
              """);
      assertThat(Specs.lines(bad))
          .containsExactly(
              "tools.yaml:9:51: error [INVALID_VALUE]: 'maxItems' in step 'none' of tool 'a' must"
                  + " be between 1 and 10000, got 0",
              "tools.yaml:12:29: error [INVALID_VALUE]: step 'both' of tool 'a' pages with"
                  + " maxItems, so it cannot also set 'offset'",
              "tools.yaml:14:51: error [INVALID_VALUE]: 'maxItems' in step 'many' of tool 'a' must"
                  + " be between 1 and 10000, got 10001");
    }

    @Test
    void aLookupMayRequireAMinimumAndSaysWhatTheModelIsToldBelowIt() {
      LoadResult ok =
          tool(
              """
                  parameters: [{name: try_number, type: integer}]
                  bindings:
                    airflow3:
                      operationId: get_log
                      params:
                        try_number:
                          argument: try_number
                          lookup:
                            operationId: get_task_instance
                            field: try_number
                            minimum: 1
                            belowMinimum: The task has not run yet.
              """);
      assertThat(Specs.lines(ok)).isEmpty();
      ParamSource.FromArgument source =
          (ParamSource.FromArgument)
              ok.spec()
                  .tools()
                  .get(0)
                  .bindings()
                  .get(AirflowMajor.AIRFLOW3)
                  .params()
                  .get("try_number");
      assertThat(source.lookup().minimum()).isEqualTo(1L);
      assertThat(source.lookup().belowMinimum()).isEqualTo("The task has not run yet.");

      LoadResult bad =
          tool(
              """
                  parameters: [{name: try_number, type: integer}]
                  bindings:
                    airflow3:
                      operationId: get_log
                      params:
                        try_number:
                          argument: try_number
                          lookup: {operationId: get_task_instance, field: try_number, minimum: 1}
              """);
      assertThat(Specs.lines(bad)).hasSize(1);
      assertThat(Specs.lines(bad).get(0))
          .contains("error [INVALID_VALUE]: 'minimum' in lookup of param 'try_number'")
          .endsWith(
              "needs 'belowMinimum': the model is told belowMinimum when the value found is"
                  + " below minimum");
    }

    @Test
    void joinSendsAnArrayArgumentAsOneStringAndOnlyWithAnArgument() {
      LoadResult ok =
          tool(
              """
                  parameters: [{name: ids, type: array, items: string}]
                  bindings:
                    airflow2:
                      operationId: get_dag_stats
                      params:
                        dag_ids: {argument: ids, join: ","}
              """);
      assertThat(Specs.lines(ok)).isEmpty();
      ParamSource.FromArgument source =
          (ParamSource.FromArgument)
              ok.spec()
                  .tools()
                  .get(0)
                  .bindings()
                  .get(AirflowMajor.AIRFLOW2)
                  .params()
                  .get("dag_ids");
      assertThat(source.join()).isEqualTo(",");

      LoadResult bad =
          tool(
              """
                  parameters: [{name: ids, type: array, items: string}]
                  bindings:
                    airflow2:
                      operationId: get_dag_stats
                      params:
                        dag_ids: {value: a, join: ","}
              """);
      assertThat(Specs.lines(bad))
          .containsExactly(
              "tools.yaml:12:31: error [INVALID_VALUE]: 'join' in param 'dag_ids' of binding"
                  + " airflow2 of tool 'a' is only allowed with 'argument'");
    }

    @Test
    void ignoreListsDeclaredArgumentsThatABindingDoesNotSend() {
      LoadResult ok =
          tool(
              """
                  parameters: [{name: limit, type: integer}, {name: offset, type: integer}]
                  bindings:
                    airflow2:
                      operationId: get_providers
                      ignore: [limit, offset]
                    airflow3: {operationId: get_providers}
              """);
      assertThat(Specs.lines(ok)).isEmpty();
      assertThat(ok.spec().tools().get(0).bindings().get(AirflowMajor.AIRFLOW2).ignore())
          .containsExactly("limit", "offset");
      assertThat(ok.spec().tools().get(0).bindings().get(AirflowMajor.AIRFLOW3).ignore()).isEmpty();

      LoadResult bad =
          tool(
              """
                  parameters: [{name: limit, type: integer}]
                  bindings:
                    airflow2:
                      operationId: get_providers
                      ignore: [limt, limit, limit, 3, ""]
              """);
      assertThat(Specs.lines(bad))
          .containsExactly(
              "tools.yaml:11:18: error [UNKNOWN_ARGUMENT]: unknown argument 'limt' in binding"
                  + " airflow2 of tool 'a'",
              "tools.yaml:11:31: error [INVALID_VALUE]: argument 'limit' is listed twice in"
                  + " 'ignore' in binding airflow2 of tool 'a'",
              "tools.yaml:11:38: error [WRONG_TYPE]: items of 'ignore' in binding airflow2 of tool"
                  + " 'a' must be argument names, got an integer",
              "tools.yaml:11:41: error [INVALID_VALUE]: items of 'ignore' in binding airflow2 of"
                  + " tool 'a' must not be empty");
      assertThat(Specs.hints(bad)).first().isEqualTo("did you mean 'limit'?");
    }

    @Test
    void renameAndLayoutShapeTheResult() {
      LoadResult ok =
          tool(
              """
                  parameters: [{name: dag_id, type: string, required: true}]
                  bindings: {airflow2: {operationId: get_upstream_dataset_events}}
                  response:
                    list: asset_events
                    rename: {dataset_uri: uri, dataset_id: asset_id}
                    layout:
                      dag_id: argument
                      triggered_by_events: items
                      event_count: count
              """);
      assertThat(Specs.lines(ok)).isEmpty();
      ResponseDef r = ok.spec().tools().get(0).response();
      assertThat(r.rename())
          .containsExactly(
              java.util.Map.entry("dataset_uri", "uri"),
              java.util.Map.entry("dataset_id", "asset_id"));
      assertThat(r.layout())
          .containsExactly(
              java.util.Map.entry("dag_id", LayoutSource.ARGUMENT),
              java.util.Map.entry("triggered_by_events", LayoutSource.ITEMS),
              java.util.Map.entry("event_count", LayoutSource.COUNT));

      LoadResult bad =
          tool(
              """
                  bindings: {airflow3: {operationId: get_version}}
                  response:
                    layout: {version: itemz, n: count, v: field}
              """);
      assertThat(Specs.lines(bad))
          .containsExactly(
              "tools.yaml:9:25: error [INVALID_VALUE]: 'version' in layout in response of tool 'a'"
                  + " must be one of [items, count, total, argument, field, step, summary, before,"
                  + " message], got 'itemz'",
              "tools.yaml:9:35: error [INVALID_VALUE]: 'n' in layout in response of tool 'a' is"
                  + " 'count', which needs 'list'");
    }

    @Test
    void aSourceWithOnlyALookupIsAlwaysLookedUp() {
      LoadResult result =
          tool(
              """
                  parameters: [{name: dag_id, type: string, required: true}]
                  bindings:
                    airflow2:
                      operationId: get_dag_source
                      params:
                        file_token:
                          lookup: {operationId: get_dag, params: {dag_id: dag_id}, field: file_token}
              """);
      assertThat(Specs.lines(result)).isEmpty();
      ParamSource source =
          result
              .spec()
              .tools()
              .get(0)
              .bindings()
              .get(AirflowMajor.AIRFLOW2)
              .params()
              .get("file_token");
      assertThat(source).isInstanceOf(ParamSource.FromLookup.class);
      ParamSource.Lookup lookup = ((ParamSource.FromLookup) source).lookup();
      assertThat(lookup.operationId()).isEqualTo("get_dag");
      assertThat(lookup.params()).containsExactly(java.util.Map.entry("dag_id", "dag_id"));
      assertThat(lookup.field()).isEqualTo("file_token");
      assertThat(source.location().line()).isEqualTo(13);
    }

    @Test
    void sourcesNeedExactlyOneOfArgumentAndValue() {
      LoadResult result =
          tool(
              """
                  parameters: [{name: a, type: string}]
                  bindings:
                    airflow3:
                      operationId: get_dags
                      params:
                        dag_id: ~
                        only_active: true
                        x: {argument: a, value: 1}
                        y: {ifAbsent: 1}
                        z: {value: 1, ifAbsent: 2, lookup: {operationId: o, field: f}}
                        w: {argument: a, ifAbsent: 1, lookup: {operationId: o, field: f}}
                        v: {value: {a: 1}}
                        u: {value: [1, null]}
              """);
      assertThat(Specs.lines(result))
          .containsExactly(
              "tools.yaml:12:19: error [WRONG_TYPE]: 'dag_id' in params of binding airflow3 of"
                  + " tool 'a' must be an argument name or a map with 'argument' or 'value', got"
                  + " null",
              "tools.yaml:13:24: error [WRONG_TYPE]: 'only_active' in params of binding airflow3"
                  + " of tool 'a' must be an argument name or a map with 'argument' or 'value',"
                  + " got a boolean",
              "tools.yaml:14:28: error [INVALID_VALUE]: 'argument' and 'value' exclude each other"
                  + " in param 'x' of binding airflow3 of tool 'a'",
              "tools.yaml:15:14: error [MISSING_KEY]: missing key 'argument', 'value' or 'lookup'"
                  + " in param 'y' of binding airflow3 of tool 'a'",
              "tools.yaml:16:25: error [INVALID_VALUE]: 'ifAbsent' in param 'z' of binding"
                  + " airflow3 of tool 'a' is only allowed with 'argument'",
              "tools.yaml:16:38: error [INVALID_VALUE]: 'lookup' in param 'z' of binding airflow3"
                  + " of tool 'a' is only allowed with 'argument'",
              "tools.yaml:17:41: error [INVALID_VALUE]: 'ifAbsent' and 'lookup' exclude each other"
                  + " in param 'w' of binding airflow3 of tool 'a'",
              "tools.yaml:18:22: error [WRONG_TYPE]: 'value' in param 'v' of binding airflow3 of"
                  + " tool 'a' must be a scalar or a list of scalars, got a map",
              "tools.yaml:19:26: error [WRONG_TYPE]: items of 'value' in param 'u' of binding"
                  + " airflow3 of tool 'a' must be scalars, got null");
      assertThat(Specs.hints(result).subList(0, 4))
          .containsExactly(
              "write {value: '~'} to send Airflow's ~ wildcard; a bare ~ is YAML's null",
              "write {value: true} to send a constant",
              "-",
              "ifAbsent stands in for an absent argument: add 'argument: <tool argument>'");
    }

    @Test
    void lookupParamsMustNameDeclaredArguments() {
      LoadResult result =
          tool(
              """
                  parameters: [{name: try_number, type: integer}, {name: task_id, type: string}]
                  bindings:
                    airflow3:
                      operationId: get_log
                      params:
                        try_number:
                          argument: try_number
                          lookup:
                            operationId: get_task_instance
                            params: {task_id: taskid, dag_id: 3}
              """);
      assertThat(Specs.lines(result))
          .containsExactly(
              "tools.yaml:15:15: error [MISSING_KEY]: missing key 'field' in lookup of param"
                  + " 'try_number' of binding airflow3 of tool 'a'",
              "tools.yaml:16:33: error [UNKNOWN_ARGUMENT]: unknown argument 'taskid' in binding"
                  + " airflow3 of tool 'a'",
              "tools.yaml:16:49: error [WRONG_TYPE]: 'dag_id' in params of lookup of param"
                  + " 'try_number' of binding airflow3 of tool 'a' must be the name of a tool"
                  + " argument, got an integer");
      assertThat(Specs.hints(result)).element(1).isEqualTo("did you mean 'task_id'?");
    }

    @Test
    void bindingKeysAreAirflowMajors() {
      LoadResult result =
          tool(
              """
                  bindings:
                    airflow4: {operationId: x}
                    airflow2: [x]
              """);
      assertThat(Specs.lines(result))
          .containsExactly(
              "tools.yaml:8:7: error [UNKNOWN_KEY]: unknown key 'airflow4' in bindings of tool"
                  + " 'a'",
              "tools.yaml:9:17: error [WRONG_TYPE]: 'airflow2' in bindings of tool 'a' must be a"
                  + " map, got a list");
    }
  }

  @Nested
  class ToolLevel {
    @Test
    void annotationsMustTellTheTruthAboutWrite() {
      LoadResult result =
          tool(
              """
                  annotations: {readOnly: false, destructive: true, idempotent: 1}
                  bindings: {airflow3: {operationId: o}}
              """);
      assertThat(Specs.lines(result))
          .containsExactly(
              "tools.yaml:7:29: error [INVALID_VALUE]: 'readOnly' in annotations of tool 'a'"
                  + " cannot be false for a tool without write: true",
              "tools.yaml:7:49: error [INVALID_VALUE]: 'destructive' in annotations of tool 'a'"
                  + " cannot be true for a tool without write: true",
              "tools.yaml:7:67: error [WRONG_TYPE]: 'idempotent' in annotations of tool 'a' must"
                  + " be a boolean, got an integer");
    }

    @Test
    void namesListsResponsesAndRedaction() {
      LoadResult result =
          tool(
              """
                  aliases: [b, 1, ""]
                  rateLimitClass: ""
                  bindings: {airflow3: {operationId: o}}
                  response: {envelope: dags, maxChars: -1, include: [a, 2], list: ""}
                  redaction: {sensitiveFields: x, freeText: [a]}
              """);
      assertThat(Specs.lines(result))
          .containsExactly(
              "tools.yaml:7:18: error [WRONG_TYPE]: items of 'aliases' in tool 'a' must be"
                  + " strings, got an integer",
              "tools.yaml:7:21: error [INVALID_VALUE]: items of 'aliases' in tool 'a' must not be"
                  + " empty",
              "tools.yaml:8:21: error [INVALID_VALUE]: 'rateLimitClass' in tool 'a' must not be"
                  + " empty",
              "tools.yaml:10:42: error [INVALID_VALUE]: 'maxChars' in response of tool 'a' must be"
                  + " between 0 and 2147483647, got -1",
              "tools.yaml:10:59: error [WRONG_TYPE]: items of 'include' in response of tool 'a'"
                  + " must be strings, got an integer",
              "tools.yaml:10:69: error [INVALID_VALUE]: 'list' in response of tool 'a' must not be"
                  + " empty",
              "tools.yaml:11:34: error [WRONG_TYPE]: 'sensitiveFields' in redaction of tool 'a'"
                  + " must be a list, got a string",
              "tools.yaml:11:37: error [UNKNOWN_KEY]: unknown key 'freeText' in redaction of tool"
                  + " 'a'");
    }

    @Test
    void anEnvelopeNeedsAList() {
      LoadResult result =
          tool(
              """
                  bindings: {airflow3: {operationId: o}}
                  response: {envelope: dags}
              """);
      assertThat(Specs.lines(result))
          .containsExactly(
              "tools.yaml:8:16: error [INVALID_VALUE]: 'envelope' in response of tool 'a' needs"
                  + " 'list': an envelope names the items of a list");
    }

    @Test
    void aToolListMustNotBeEmptyAndTheTopLevelMustBeAMap() {
      assertThat(Specs.lines(Specs.parse("version: 1\nserver: {name: T}\ntools: []\n")))
          .containsExactly(
              "tools.yaml:3:8: error [INVALID_VALUE]: 'tools' at the top level must list at least"
                  + " one tool");
      assertThat(Specs.lines(Specs.parse("- version: 1\n")))
          .containsExactly(
              "tools.yaml:1:1: error [WRONG_TYPE]: the top level must be a map, got a list");
      assertThat(Specs.lines(Specs.parse("# nothing but a comment\n")))
          .containsExactly(
              "tools.yaml: error [WRONG_TYPE]: the document is empty; a tool spec is a map with"
                  + " the keys version, server and tools");
    }
  }

  @Nested
  class YamlSafety {
    @Test
    void tagsAreRejectedAndNeverInstantiated() {
      LoadResult result =
          tool(
              """
                  title: !custom x
                  bindings: {airflow3: {operationId: o, params: {x: {value: !!binary aGVsbG8=}}}}
              """);
      assertThat(Specs.lines(result))
          .containsExactly(
              "tools.yaml:7:12: error [INVALID_VALUE]: tag '!custom' is not allowed; a tool spec"
                  + " holds only plain YAML values",
              "tools.yaml:8:63: error [INVALID_VALUE]: tag '!!binary' is not allowed; a tool spec"
                  + " holds only plain YAML values");
      assertThat(
              Specs.lines(
                  Specs.parse("version: 1\nserver: !!javax.script.ScriptEngineManager [x]\n")))
          .containsExactly(
              "tools.yaml:2:9: error [YAML_SYNTAX]: global tag is not allowed:"
                  + " tag:yaml.org,2002:javax.script.ScriptEngineManager");
    }

    @Test
    void aliasExpansionIsBounded() {
      LoadResult result =
          Specs.parse(
              """
              a: &a [x, x, x, x, x, x, x, x, x]
              b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
              c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
              d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
              """);
      assertThat(Specs.lines(result))
          .containsExactly(
              "tools.yaml: error [YAML_SYNTAX]: number of aliases for non-scalar nodes exceeds"
                  + " the specified max=20");
    }

    @Test
    void mergeKeysAndComplexKeysAreRejected() {
      LoadResult result =
          Specs.parse(
              """
              version: 1
              server:
                name: Test
                <<: {instructions: x}
              tools:
                - name: a
                  description: x
                  bindings: {airflow3: {operationId: o}}
                  ? [complex, key]
                  : 1
              """);
      assertThat(Specs.lines(result))
          .containsExactly(
              "tools.yaml:4:3: error [INVALID_VALUE]: merge keys ('<<') are not supported; write"
                  + " the keys out",
              "tools.yaml:9:7: error [WRONG_TYPE]: map keys must be strings, got a list");
    }

    @Test
    void nestingDepthIsBounded() {
      String deep = "a: " + "[".repeat(40) + "1" + "]".repeat(40) + "\n";
      assertThat(Specs.lines(Specs.parse(deep)))
          .containsExactly("tools.yaml: error [YAML_SYNTAX]: nesting depth exceeded max 30");
    }

    @Test
    void fileSizeIsBoundedBeforeReading(@TempDir Path dir) throws IOException {
      Path file = dir.resolve("huge.yaml");
      try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
        sparse.setLength(4L * ToolSpecLoader.MAX_CODE_POINTS + 1);
      }
      assertThat(Specs.lines(ToolSpecLoader.load(file, "huge.yaml")))
          .containsExactly(
              "huge.yaml: error [YAML_SYNTAX]: the document is larger than the limit of 5242880"
                  + " characters");
    }

    @Test
    void documentSizeIsBounded() {
      String huge = "# " + "x".repeat(ToolSpecLoader.MAX_CODE_POINTS) + "\n";
      assertThat(Specs.lines(Specs.parse(huge)))
          .containsExactly(
              "tools.yaml: error [YAML_SYNTAX]: the document is larger than the limit of 5242880"
                  + " characters");
    }
  }

  @Nested
  class RateLimits {
    @Test
    void everyProblemOfAClassIsReportedWhereItIs() {
      LoadResult result =
          Specs.parse(
              Specs.HEADER
                  + """
                    - name: a
                      description: x
                      bindings: {airflow3: {operationId: o}}
                  rateLimits:
                    list: {capacity: 0, refillPerMinute: 1000001}
                    'a b': {capacity: 1, refillPerMinute: 1}
                    logs: {capacity: 1}
                    read: {capacity: 1.5, refillPerMinute: 1, burst: 3}
                    heavy: [1]
                  """);
      assertThat(Specs.lines(result))
          .containsExactly(
              "tools.yaml:9:20: error [INVALID_VALUE]: 'capacity' in rate-limit class 'list' must"
                  + " be between 1 and 1000000, got 0",
              "tools.yaml:9:40: error [INVALID_VALUE]: 'refillPerMinute' in rate-limit class"
                  + " 'list' must be between 1 and 1000000, got 1000001",
              "tools.yaml:10:3: error [INVALID_VALUE]: rate-limit class 'a b' is invalid: use 1 to"
                  + " 64 characters from A-Z, a-z, 0-9, '_', '.' and '-'",
              "tools.yaml:11:9: error [MISSING_KEY]: missing key 'refillPerMinute' in rate-limit"
                  + " class 'logs'",
              "tools.yaml:12:20: error [WRONG_TYPE]: 'capacity' in rate-limit class 'read' must be"
                  + " an integer, got a number",
              "tools.yaml:12:45: error [UNKNOWN_KEY]: unknown key 'burst' in rate-limit class"
                  + " 'read'",
              "tools.yaml:13:10: error [WRONG_TYPE]: 'heavy' in rateLimits must be a map with"
                  + " capacity and refillPerMinute, got a list");
      assertThat(result.spec()).isNull();
    }

    @Test
    void aClassMayCapHowManyOfItsCallsOneServerRunsAtOnce() {
      LoadResult ok =
          Specs.parse(
              Specs.HEADER
                  + "  - {name: a, description: x, rateLimitClass: logs,"
                  + " bindings: {airflow3: {operationId: o}}}\n"
                  + "rateLimits:\n"
                  + "  logs: {capacity: 10, refillPerMinute: 30, maxConcurrent: 4}\n"
                  + "  list: {capacity: 10, refillPerMinute: 30}\n");
      assertThat(Specs.lines(ok)).isEmpty();
      assertThat(ok.spec().rateLimits().get("logs").maxConcurrent()).isEqualTo(4);
      assertThat(ok.spec().rateLimits().get("list").maxConcurrent()).isZero();

      LoadResult bad =
          Specs.parse(
              Specs.HEADER
                  + "  - {name: a, description: x, bindings: {airflow3: {operationId: o}}}\n"
                  + "rateLimits:\n"
                  + "  logs: {capacity: 10, refillPerMinute: 30, maxConcurrent: 0}\n"
                  + "  list: {capacity: 10, refillPerMinute: 30, maxConcurrent: 1001}\n");
      assertThat(Specs.lines(bad))
          .containsExactly(
              "tools.yaml:7:60: error [INVALID_VALUE]: 'maxConcurrent' in rate-limit class 'logs'"
                  + " must be between 1 and 1000, got 0",
              "tools.yaml:8:60: error [INVALID_VALUE]: 'maxConcurrent' in rate-limit class 'list'"
                  + " must be between 1 and 1000, got 1001");
    }

    @Test
    void anEmptyMapSaysHowToGetTheBuiltInLimit() {
      LoadResult result =
          Specs.parse(
              Specs.HEADER
                  + "  - {name: a, description: x, bindings: {airflow3: {operationId: o}}}\n"
                  + "rateLimits: {}\n");
      assertThat(Specs.lines(result))
          .containsExactly(
              "tools.yaml:6:13: error [INVALID_VALUE]: 'rateLimits' must define at least one"
                  + " class; leave it out to use the built-in limit (30 calls, refilled at 60 per"
                  + " minute) for every class");
    }
  }
}
