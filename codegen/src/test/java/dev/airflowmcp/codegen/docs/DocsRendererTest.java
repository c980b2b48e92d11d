package dev.airflowmcp.codegen.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocsRendererTest {
  @TempDir Path dir;

  private static final String MANIFEST = """
      {"tools": [
        {"name": "list_dags", "title": "List DAGs",
         "description": "List DAGs. Paged | with limit.",
         "inputSchema": {"type": "object", "properties": {
           "limit": {"type": "integer", "default": 100, "description": "How many."},
           "tags": {"type": "array", "items": {"type": "string"}},
           "dag_id": {"anyOf": [{"type": "string"}, {"type": "null"}]}},
           "required": ["limit"]},
         "annotations": {"readOnlyHint": true}},
        {"name": "get_version", "description": "The version.",
         "inputSchema": {"type": "object", "properties": {}},
         "annotations": {"readOnlyHint": true}}
      ]}
      """;

  @Test
  void theToolReferenceViewComesFromTheManifest() {
    ToolReferenceView view = DocsRenderer.toolReference("Airflow", MANIFEST);

    assertThat(view.toolCount()).isEqualTo(2);
    assertThat(view.tools().get(0).summary()).isEqualTo("List DAGs.");
    assertThat(view.tools().get(0).arguments())
        .containsExactly(
            new ToolReferenceView.Argument("limit", "integer", true, "`100`", "How many."),
            new ToolReferenceView.Argument("tags", "array of string", false, "", ""),
            new ToolReferenceView.Argument("dag_id", "string or null", false, "", ""));
  }

  @Test
  void rendersTheShippedTemplates() throws IOException {
    DocsRenderer renderer = new DocsRenderer(null);

    String reference = renderer.render(DocsRenderer.toolReference("Airflow", MANIFEST));
    assertThat(reference)
        .startsWith("# Tool reference: Airflow\n")
        .contains("| [`list_dags`](#list_dags) | List DAGs. |\n")
        .contains("## list_dags\n\n**List DAGs**. List DAGs. Paged | with limit.\n")
        .contains("| `limit` | integer | yes | `100` | How many. |\n")
        .contains("## get_version\n\nThe version.\n\nRead-only.\n\nNo arguments.\n");

    String clients = renderer.render(
        new ClientConfigView("Airflow", "airflow", "/opt/a.jar", "http://af:8080"));
    assertThat(clients)
        .contains("## Claude Desktop", "## Claude Code", "## VS Code", "## Cursor")
        .contains("claude mcp add airflow --env AIRFLOW_API_URL=http://af:8080")
        .contains("\"args\": [\"-jar\", \"/opt/a.jar\"]");
  }

  @Test
  void aVendorTemplateReplacesTheShippedOne() throws IOException {
    Files.writeString(dir.resolve("ClientConfigView.mustache"), "Acme: {{key}} at {{jar}}\n");

    DocsRenderer renderer = new DocsRenderer(dir);

    assertThat(renderer.render(new ClientConfigView("A", "acme", "/x.jar", "http://h")))
        .isEqualTo("Acme: acme at /x.jar\n");
    // templates the directory does not hold still come from the jar
    assertThat(renderer.render(new ToolReferenceView("A", 0, 0, List.of())))
        .startsWith("# Tool reference: A\n");
  }
}
