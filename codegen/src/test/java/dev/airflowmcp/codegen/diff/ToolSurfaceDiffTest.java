package dev.airflowmcp.codegen.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ToolSurfaceDiffTest {

  private static final String OLD =
      """
      {"tools": [
        {"name": "list_dags", "title": "List DAGs", "description": "List DAGs.",
         "inputSchema": {"type": "object", "properties": {
            "limit": {"type": "integer", "default": 100},
            "offset": {"type": "integer"}}},
         "annotations": {"readOnlyHint": true}},
        {"name": "get_pool", "description": "One pool.",
         "inputSchema": {"type": "object", "properties": {"pool_name": {"type": "string"}},
           "required": ["pool_name"]},
         "annotations": {"readOnlyHint": true}}
      ]}
      """;

  private static final String NEW =
      """
      {"tools": [
        {"name": "list_dags", "title": "List DAGs", "description": "List every DAG.",
         "inputSchema": {"type": "object", "properties": {
            "limit": {"type": "integer", "default": 50},
            "tags": {"type": "array"}},
           "required": ["limit"]},
         "annotations": {"readOnlyHint": true}},
        {"name": "get_health", "description": "Health.",
         "inputSchema": {"type": "object", "properties": {}},
         "annotations": {"readOnlyHint": true}}
      ]}
      """;

  @Test
  void reportsAddedRemovedAndChangedToolsAndArguments() {
    ToolSurfaceDiff.Report r = ToolSurfaceDiff.compare("a.json", OLD, "b.json", NEW);

    assertThat(r.added()).containsExactly("get_health");
    assertThat(r.removed()).containsExactly("get_pool");
    assertThat(r.changed())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.tool()).isEqualTo("list_dags");
              assertThat(c.changes())
                  .containsExactly(
                      "description changed",
                      "argument tags added (array)",
                      "argument limit: default 100 → 50",
                      "argument limit: now required",
                      "argument offset removed");
            });
    // Counted on the compact JSON, as clients receive it, not on this indented text.
    String compact = NEW.replaceAll("\\s+(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", "");
    assertThat(compact.length()).isLessThan(NEW.length());
    assertThat(r.newTokens()).isEqualTo((compact.length() + 3) / 4);
    assertThat(ToolSurfaceDiff.markdown(r))
        .contains("## Added tools\n\n`get_health`\n")
        .contains("- `list_dags`\n  - description changed\n");
    assertThat(ToolSurfaceDiff.json(r)).contains("\"removed\": [\n    \"get_pool\"\n  ]");
  }

  @Test
  void sameManifestHasNoChanges() {
    ToolSurfaceDiff.Report r = ToolSurfaceDiff.compare("a.json", OLD, "b.json", OLD);

    assertThat(r.isEmpty()).isTrue();
    assertThat(ToolSurfaceDiff.markdown(r)).endsWith("Agents see the same tools.\n");
  }

  @Test
  void refusesWhatIsNotAManifest() {
    assertThatThrownBy(() -> ToolSurfaceDiff.compare("a.json", "{\"x\": 1}", "b.json", NEW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a.json is not a tools manifest: expected {\"tools\": [...]}");
    assertThatThrownBy(() -> ToolSurfaceDiff.compare("a.json", OLD, "b.json", "{"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("b.json is not JSON: ");
  }
}
