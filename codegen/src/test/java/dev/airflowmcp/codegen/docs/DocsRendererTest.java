package dev.airflowmcp.codegen.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airflowmcp.toolspec.diag.Diagnostic;
import dev.airflowmcp.toolspec.diag.Diagnostics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocsRendererTest {
  @TempDir Path dir;

  private static final String MANIFEST =
      """
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

    String clients =
        renderer.render(new ClientConfigView("Airflow", "airflow", "/opt/a.jar", "http://af:8080"));
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

  private static final MigrationTableView TABLE =
      new MigrationTableView(
          "Acme",
          "0.9.0",
          2,
          1,
          0,
          false,
          List.of(
              new MigrationTableView.AstroTool(
                  "list_dags",
                  "acme_list_pipelines",
                  true,
                  "",
                  "`GET /api/v1/dags`",
                  "`GET /api/v2/dags`",
                  "`limit`",
                  false),
              new MigrationTableView.AstroTool(
                  "pause_dag", null, false, "writes are not enabled", "—", "—", "", true)),
          List.of());

  @Test
  void rendersTheShippedMigrationTableTemplate() throws IOException {
    String table = new DocsRenderer(null).render(TABLE);

    assertThat(table)
        .startsWith("# Migration table: astro-airflow-mcp 0.9.0 to Acme\n")
        .contains(
            "This build serves 1 of astro-airflow-mcp's 2 tools; it does not enable write"
                + " tools.\n")
        .contains(
            "| `list_dags` | `acme_list_pipelines` (`list_dags` is its alias) |"
                + " `GET /api/v1/dags` | `GET /api/v2/dags` | `limit` | no |\n")
        .contains("| `pause_dag` | not in this build (writes are not enabled) | — | — |  | yes |\n")
        .doesNotContain("## Tools astro-airflow-mcp does not have");
  }

  @Test
  void aVendorMigrationTableTemplateReplacesTheShippedOne() throws IOException {
    Files.writeString(
        dir.resolve("MigrationTableView.mustache"),
        """
        Moving to {{serverName}}:
        {{#astroTools}}
        - {{name}} -> {{#servedBy}}{{servedBy}}{{/servedBy}}{{^servedBy}}ask Acme support{{/servedBy}}
        {{/astroTools}}
        """);

    String table = new DocsRenderer(dir).render(TABLE);

    assertThat(table)
        .isEqualTo(
            """
        Moving to Acme:
        - list_dags -> acme_list_pipelines
        - pause_dag -> ask Acme support
        """);
  }

  @Test
  void aTemplateThatIsNotMustacheNamesItsFileAndLine() throws IOException {
    Files.writeString(dir.resolve("ClientConfigView.mustache"), "# {{serverName}}\n\n{{key}\n");

    DocsRenderer renderer = new DocsRenderer(dir);

    assertThatThrownBy(() -> renderer.render(new ClientConfigView("A", "a", "/a.jar", "http://h")))
        .isInstanceOfSatisfying(
            DocsRenderer.TemplateException.class,
            e -> {
              assertThat(e.file())
                  .isEqualTo(
                      dir.resolve("ClientConfigView.mustache").toString().replace('\\', '/'));
              assertThat(e.line()).isEqualTo(3);
              assertThat(e.getMessage()).isEqualTo("Improperly closed variable");
            });
  }

  @Test
  void aTemplateDirectoryMustExistAndEveryTemplateInItMustReplaceAShippedOne() throws IOException {
    Files.writeString(dir.resolve("MigrationTable.mustache"), "x");
    Files.writeString(dir.resolve("ToolReferenceView.mustache"), "x");
    Files.writeString(dir.resolve("notes.md"), "not a template");
    Diagnostics diagnostics = new Diagnostics();

    DocsRenderer.checkTemplateDirectory(dir, "templates", diagnostics);
    DocsRenderer.checkTemplateDirectory(dir.resolve("missing"), "templates/missing", diagnostics);
    DocsRenderer.checkTemplateDirectory(dir.resolve("notes.md"), "templates/notes.md", diagnostics);

    assertThat(diagnostics.sorted())
        .extracting(Diagnostic::formatWithHint)
        .containsExactly(
            "templates/MigrationTable.mustache: warning [UNKNOWN_TEMPLATE]: 'MigrationTable.mustache'"
                + " replaces no shipped template and is not used"
                + System.lineSeparator()
                + "    hint: did you mean 'MigrationTableView.mustache'?",
            "templates/missing: error [TEMPLATE_DIRECTORY_NOT_FOUND]: template directory not found:"
                + " templates/missing"
                + System.lineSeparator()
                + "    hint: name a directory of"
                + " <View>.mustache files, or leave it out to use the shipped templates",
            "templates/notes.md: error [TEMPLATE_DIRECTORY_NOT_FOUND]: not a directory:"
                + " templates/notes.md"
                + System.lineSeparator()
                + "    hint: name a directory of"
                + " <View>.mustache files, or leave it out to use the shipped templates");
  }
}
