package dev.airflowmcp.toolspec.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** One test per diagnostic code, asserting the exact lines a user sees. */
class DiagnosticCodesTest {

  @Test
  void yamlSyntaxIsReportedAtTheProblemMark() {
    LoadResult result =
        Specs.parse(
            """
            version: 1
            server: [Test
            tools: []
            """);
    assertThat(result.spec()).isNull();
    assertThat(Specs.lines(result))
        .containsExactly(
            "tools.yaml:3:6: error [YAML_SYNTAX]: expected ',' or ']', but got :"
                + " (while parsing a flow sequence at 2:9)");
  }

  @Test
  void yamlSyntaxForMoreThanOneDocument() {
    LoadResult result = Specs.parse(Specs.fixture("minimal.yaml") + "---\nversion: 1\n");
    assertThat(Specs.lines(result))
        .containsExactly(
            "tools.yaml:9:1: error [YAML_SYNTAX]: expected a single document in the stream"
                + " but found another document");
  }

  @Test
  void unsupportedVersionIsTheOnlyReportForAFutureFormat() {
    LoadResult result =
        Specs.parse(
            """
            version: 2
            server: {name: Test}
            tools: []
            extends: base.yaml
            """);
    assertThat(Specs.lines(result))
        .containsExactly(
            "tools.yaml:1:10: error [UNSUPPORTED_VERSION]: unsupported tool-spec version 2;"
                + " this loader reads version 1");
  }

  @Test
  void duplicateKeyIsReportedAtTheSecondKeyNamingTheFirstLine() {
    LoadResult result =
        Specs.parse(
            Specs.HEADER
                + """
                  - name: list_dags
                    description: Lists.
                    bindings:
                      airflow3: {operationId: get_dags}
                    description: Again.
                """);
    assertThat(Specs.lines(result))
        .containsExactly(
            "tools.yaml:9:5: error [DUPLICATE_KEY]: duplicate key 'description' in tool"
                + " 'list_dags'; first defined at line 6");
  }

  @Test
  void unknownKeyWithDidYouMean() {
    LoadResult result =
        Specs.parse(
            Specs.HEADER
                + """
                  - name: list_dags
                    descripton: Lists.
                    description: Lists.
                    bindings:
                      airflow3: {operationId: get_dags}
                """);
    assertThat(Specs.lines(result))
        .containsExactly(
            "tools.yaml:6:5: error [UNKNOWN_KEY]: unknown key 'descripton' in tool 'list_dags'");
    assertThat(Specs.hints(result)).containsExactly("did you mean 'description'?");
  }

  @Test
  void missingKeyIsReportedAtTheStartOfTheMap() {
    LoadResult result =
        Specs.parse(
            Specs.HEADER
                + """
                  - name: list_dags
                    bindings:
                      airflow3: {operationId: get_dags}
                """);
    assertThat(Specs.lines(result))
        .containsExactly(
            "tools.yaml:5:5: error [MISSING_KEY]: missing key 'description' in tool 'list_dags'");
  }

  @Test
  void wrongTypeOfAKeyAndOfADefault() {
    LoadResult result =
        Specs.parse(
            Specs.HEADER
                + """
                  - name: list_dags
                    description: Lists.
                    write: yes
                    parameters:
                      - name: limit
                        type: integer
                        default: "100"
                    bindings:
                      airflow3: {operationId: get_dags}
                """);
    assertThat(Specs.lines(result))
        .containsExactly(
            "tools.yaml:7:12: error [WRONG_TYPE]: 'write' in tool 'list_dags' must be a boolean,"
                + " got a string",
            "tools.yaml:11:18: error [WRONG_TYPE]: 'limit' in tool 'list_dags': default must be an"
                + " integer, got a string");
  }

  @Test
  void invalidValues() {
    LoadResult result =
        Specs.parse(
            Specs.HEADER
                + """
                  - name: list_dags
                    description: Lists.
                    write: true
                    annotations: {readOnly: true}
                    parameters:
                      - name: limit
                        type: int
                        default: 100
                      - name: page
                        type: integer
                        default: 5000
                        maximum: 1000
                    bindings:
                      airflow3: {operationId: get_dags}
                """);
    assertThat(Specs.lines(result))
        .containsExactly(
            "tools.yaml:8:29: error [INVALID_VALUE]: 'readOnly' in annotations of tool"
                + " 'list_dags' cannot be true for a tool with write: true",
            "tools.yaml:11:15: error [INVALID_VALUE]: unknown type 'int' in parameter 'limit' of"
                + " tool 'list_dags'",
            "tools.yaml:15:18: error [INVALID_VALUE]: 'page' in tool 'list_dags': default 5000 is"
                + " above maximum 1000");
    assertThat(Specs.hints(result)).containsExactly("-", "did you mean 'integer'?", "-");
  }

  @Test
  void unknownArgumentWithDidYouMean() {
    LoadResult result =
        Specs.parse(
            Specs.HEADER
                + """
                  - name: get_dag
                    description: Gets one DAG.
                    parameters:
                      - name: dag_id
                        type: string
                        required: true
                    bindings:
                      airflow3:
                        operationId: get_dag
                        params:
                          dag_id: dagid
                """);
    assertThat(Specs.lines(result))
        .containsExactly(
            "tools.yaml:15:19: error [UNKNOWN_ARGUMENT]: unknown argument 'dagid' in binding"
                + " airflow3 of tool 'get_dag'");
    assertThat(Specs.hints(result)).containsExactly("did you mean 'dag_id'?");
  }

  @Test
  void duplicateParameter() {
    LoadResult result =
        Specs.parse(
            Specs.HEADER
                + """
                  - name: list_dags
                    description: Lists.
                    parameters:
                      - name: limit
                        type: integer
                      - name: offset
                        type: integer
                      - name: limit
                        type: string
                    bindings:
                      airflow3: {operationId: get_dags}
                """);
    assertThat(Specs.lines(result))
        .containsExactly(
            "tools.yaml:12:15: error [DUPLICATE_PARAMETER]: duplicate parameter 'limit' in tool"
                + " 'list_dags'; first declared at line 8");
  }

  @Test
  void everyProblemIsReportedSortedByLocation() {
    LoadResult result =
        Specs.parse(
            """
            version: "1"
            server:
              name: ""
            defaults: {rateLimitClass: standard, burst: 3}
            tools:
              - name: b
                description: x
                bindings: {airflow3: {operationId: get_dags, params: {dag_id: dagid}}}
                parameters:
                  - {name: dag_id, type: str}
              - name: a
                description: " "
                bindings: {}
              - hello
            """);
    assertThat(result.spec()).isNull();
    assertThat(Specs.lines(result))
        .containsExactly(
            "tools.yaml:1:10: error [WRONG_TYPE]: 'version' at the top level must be an integer,"
                + " got a string",
            "tools.yaml:3:9: error [INVALID_VALUE]: 'name' in server must not be empty",
            "tools.yaml:4:38: error [UNKNOWN_KEY]: unknown key 'burst' in defaults",
            "tools.yaml:8:67: error [UNKNOWN_ARGUMENT]: unknown argument 'dagid' in binding"
                + " airflow3 of tool 'b'",
            "tools.yaml:10:30: error [INVALID_VALUE]: unknown type 'str' in parameter 'dag_id' of"
                + " tool 'b'",
            "tools.yaml:12:18: error [INVALID_VALUE]: 'description' in tool 'a' must not be empty",
            "tools.yaml:13:15: error [INVALID_VALUE]: 'bindings' in tool 'a' must bind at least"
                + " one of airflow2, airflow3",
            "tools.yaml:14:5: error [WRONG_TYPE]: items of 'tools' at the top level must be maps,"
                + " got a string");
    assertThat(Specs.hints(result))
        .containsExactly(
            "-", "-", "-", "did you mean 'dag_id'?", "did you mean 'string'?", "-", "-", "-");
  }
}
