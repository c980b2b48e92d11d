package dev.airflowmcp.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airflowmcp.compat.AstroInterfaceBaseline.Verdict;
import dev.airflowmcp.compat.AstroInterfaceComparison.Difference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The comparison and baseline logic of {@link AstroInterfaceEquivalenceTest}, on small inputs. */
class AstroInterfaceComparisonTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final String HINTS =
      "{\"readOnlyHint\": true, \"destructiveHint\": false, \"idempotentHint\": true,"
          + " \"openWorldHint\": true}";

  private static List<JsonNode> tools(String... json) {
    List<JsonNode> out = new ArrayList<>();
    for (String j : json) {
      out.add(JSON.readTree(j));
    }
    return out;
  }

  private static String tool(String name, String properties, String required, String hints) {
    return "{\"name\": \""
        + name
        + "\", \"inputSchema\": {\"type\": \"object\", \"properties\": "
        + properties
        + (required == null ? "" : ", \"required\": " + required)
        + "}, \"annotations\": "
        + hints
        + "}";
  }

  @Test
  void identicalInterfacesHaveNoDifferences() {
    String t =
        tool("get_pool", "{\"pool_name\": {\"type\": \"string\"}}", "[\"pool_name\"]", HINTS);
    assertThat(AstroInterfaceComparison.compare(tools(t), tools(t))).isEmpty();
  }

  @Test
  void nullabilityIsReadFromAnyOfAndDescriptionsAndBoundsAreIgnored() {
    String astro =
        tool(
            "list_dag_runs",
            "{\"dag_id\": {\"anyOf\": [{\"type\": \"string\"}, {\"type\": \"null\"}], \"default\": null},"
                + " \"limit\": {\"type\": \"integer\", \"default\": 100}}",
            null,
            HINTS);
    String ours =
        tool(
            "list_dag_runs",
            "{\"dag_id\": {\"anyOf\": [{\"type\": \"string\"}, {\"type\": \"null\"}],"
                + " \"description\": \"The DAG id.\", \"default\": null},"
                + " \"limit\": {\"type\": \"integer\", \"minimum\": 1, \"maximum\": 1000,"
                + " \"default\": 100.0}}",
            null,
            HINTS);
    assertThat(AstroInterfaceComparison.compare(tools(astro), tools(ours))).isEmpty();
  }

  @Test
  void everyKindOfDifferenceIsOneLine() {
    String astro =
        tool(
            "get_task_logs",
            "{\"dag_id\": {\"type\": \"string\"}, \"try_number\": {\"type\": \"integer\", \"default\": 1},"
                + " \"ids\": {\"anyOf\": [{\"type\": \"array\", \"items\": {\"type\": \"string\"}},"
                + " {\"type\": \"null\"}], \"default\": null}, \"gone\": {\"type\": \"string\"}}",
            "[\"dag_id\"]",
            HINTS);
    String ours =
        tool(
            "get_task_logs",
            "{\"dag_id\": {\"type\": \"integer\"}, \"try_number\": {\"type\": \"integer\"},"
                + " \"ids\": {\"type\": \"array\", \"items\": {\"type\": \"integer\"}, \"default\": []},"
                + " \"new\": {\"type\": \"string\"}, \"opt\": {\"type\": \"boolean\", \"default\": false}}",
            "[\"new\"]",
            "{\"readOnlyHint\": false, \"destructiveHint\": false, \"openWorldHint\": true}");
    String extra = tool("list_task_instances", "{}", null, HINTS);
    String missing = tool("explore_dag", "{}", null, HINTS);

    List<Difference> differences =
        AstroInterfaceComparison.compare(tools(astro, missing), tools(ours, extra));

    assertThat(differences)
        .extracting(Difference::toString)
        .containsExactly(
            "get_task_logs: argument dag_id: type string -> integer",
            "get_task_logs: argument dag_id: required true -> false",
            "get_task_logs: argument try_number: default 1 -> none",
            "get_task_logs: argument ids: type array<string> -> array<integer>",
            "get_task_logs: argument ids: nullable true -> false",
            "get_task_logs: argument ids: default null -> []",
            "get_task_logs: removed argument gone",
            "get_task_logs: added required argument new (string, no default)",
            "get_task_logs: added argument opt (boolean, default false)",
            "get_task_logs: annotation readOnlyHint: true -> false",
            "get_task_logs: annotation idempotentHint: true -> none",
            "explore_dag: missing tool",
            "list_task_instances: extra tool");
  }

  @Test
  void theBaselineAllowsListedDifferencesAndReportsUnlistedAndStaleOnes() {
    AstroInterfaceBaseline baseline =
        AstroInterfaceBaseline.parse(
            """
        allowed:
          - tool: get_task_logs
            differences:
              - "argument try_number: default 1 -> none"
            reason: latest try
          - tool: explore_dag
            differences: [missing tool]
            pending: composites
          - tool: list_dags
            differences:
              - added argument limit (integer, default 100)
            reason: paging
        """);
    List<Difference> differences =
        List.of(
            new Difference(
                "get_task_logs",
                AstroInterfaceComparison.Aspect.DEFAULTS,
                "argument try_number: default 1 -> none"),
            new Difference("explore_dag", AstroInterfaceComparison.Aspect.PRESENCE, "missing tool"),
            new Difference(
                "get_pool",
                AstroInterfaceComparison.Aspect.TYPES,
                "argument pool_name: type string -> integer"));

    Verdict verdict = baseline.check(differences);

    assertThat(verdict.clean()).isFalse();
    assertThat(verdict.unexpected()).extracting(Difference::tool).containsExactly("get_pool");
    assertThat(verdict.stale())
        .singleElement()
        .satisfies(e -> assertThat(e.tool()).isEqualTo("list_dags"));
    assertThat(verdict.allowed()).hasSize(2);
    assertThat(verdict.allowed().get(differences.get(1)).why()).isEqualTo("pending: composites");
  }

  @Test
  void aMalformedBaselineIsRejectedWithItsProblem() {
    assertThatThrownBy(
            () -> AstroInterfaceBaseline.parse("allowed:\n  - tool: a\n    differences: [x]\n"))
        .hasMessageContaining("exactly one of 'reason' and 'pending'");
    assertThatThrownBy(
            () ->
                AstroInterfaceBaseline.parse(
                    "allowed:\n  - tool: a\n    differences: []\n    reason: r\n"))
        .hasMessageContaining("non-empty 'differences'");
    assertThatThrownBy(
            () ->
                AstroInterfaceBaseline.parse(
                    "allowed:\n  - tool: a\n    differences: [x]\n    reason: r\n    note: n\n"))
        .hasMessageContaining("unknown key 'note'");
    assertThatThrownBy(
            () ->
                AstroInterfaceBaseline.parse(
                    "allowed:\n  - {tool: a, differences: [x], reason: r}\n"
                        + "  - {tool: a, differences: [x], pending: p}\n"))
        .hasMessageContaining("listed twice: a: x");
    assertThatThrownBy(() -> AstroInterfaceBaseline.parse("tools: []\n"))
        .hasMessageContaining("top-level 'allowed' list");
  }
}
