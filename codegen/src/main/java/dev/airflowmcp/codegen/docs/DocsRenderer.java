package dev.airflowmcp.codegen.docs;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import dev.airflowmcp.codegen.diff.ToolSurfaceDiff;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders docs through Mustache templates, one typed view record per template: a view {@code
 * FooView} is rendered by {@code FooView.mustache}, taken from the vendor template directory when
 * it holds one, else from the {@code airflow-mcp-templates} jar ({@code dev/airflowmcp/templates/}).
 * Output is Markdown, so values are not HTML-escaped; table cells have {@code |} and line breaks
 * escaped by the views.
 */
public final class DocsRenderer {

  /** Class-path folder of the shipped templates. */
  public static final String TEMPLATE_RESOURCES = "dev/airflowmcp/templates/";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path templateDirectory;

  /**
   * @param templateDirectory a vendor directory whose {@code <View>.mustache} files replace the
   *     shipped ones, or {@code null}
   */
  public DocsRenderer(Path templateDirectory) {
    this.templateDirectory = templateDirectory;
  }

  /** Renders a view with its template. */
  public String render(Record view) throws IOException {
    String name = view.getClass().getSimpleName() + ".mustache";
    String template = template(name);
    MustacheFactory factory = new DefaultMustacheFactory() {
      @Override
      public void encode(String value, Writer writer) {
        try {
          writer.write(value);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    };
    Mustache mustache = factory.compile(new StringReader(template), name);
    StringWriter out = new StringWriter();
    mustache.execute(out, view);
    return out.toString();
  }

  private String template(String name) throws IOException {
    if (templateDirectory != null) {
      Path vendor = templateDirectory.resolve(name);
      if (Files.isRegularFile(vendor)) {
        return Files.readString(vendor, StandardCharsets.UTF_8);
      }
    }
    try (InputStream in =
        DocsRenderer.class.getClassLoader().getResourceAsStream(TEMPLATE_RESOURCES + name)) {
      if (in == null) {
        throw new IOException("no template " + name + " in " + TEMPLATE_RESOURCES);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * The tool reference view of a tools manifest ({@code tools/list} content).
   *
   * @throws IllegalArgumentException when the text is not a tools manifest
   */
  public static ToolReferenceView toolReference(String serverName, String manifestJson) {
    JsonNode root;
    try {
      root = JSON.readTree(manifestJson);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("not a tools manifest: " + e.getOriginalMessage());
    }
    List<ToolReferenceView.Tool> tools = new ArrayList<>();
    for (JsonNode t : root.path("tools")) {
      String name = t.path("name").asText();
      String description = t.path("description").asText();
      List<String> required = new ArrayList<>();
      for (JsonNode r : t.path("inputSchema").path("required")) {
        required.add(r.asText());
      }
      List<ToolReferenceView.Argument> arguments = new ArrayList<>();
      for (Map.Entry<String, JsonNode> a : t.path("inputSchema").path("properties").properties()) {
        JsonNode schema = a.getValue();
        arguments.add(new ToolReferenceView.Argument(
            a.getKey(), type(schema), required.contains(a.getKey()),
            schema.has("default") ? "`" + schema.get("default").toString() + "`" : "",
            cell(schema.path("description").asText(""))));
      }
      JsonNode ann = t.path("annotations");
      tools.add(new ToolReferenceView.Tool(
          name, name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", ""),
          t.has("title") ? t.get("title").asText() : null,
          cell(firstSentence(description)), description,
          ann.path("readOnlyHint").asBoolean(false), ann.path("destructiveHint").asBoolean(false),
          arguments));
    }
    return new ToolReferenceView(serverName, tools.size(),
        ToolSurfaceDiff.estimateTokens(manifestJson), tools);
  }

  private static String type(JsonNode schema) {
    if (schema.has("type")) {
      String type = schema.get("type").isTextual() ? schema.get("type").asText()
          : schema.get("type").toString();
      if ("array".equals(type) && schema.path("items").has("type")) {
        return "array of " + schema.path("items").path("type").asText();
      }
      return type;
    }
    List<String> types = new ArrayList<>();
    for (JsonNode branch : schema.path("anyOf")) {
      types.add(branch.path("type").asText());
    }
    return types.isEmpty() ? "any" : String.join(" or ", types);
  }

  private static String firstSentence(String text) {
    int dot = text.indexOf(". ");
    return dot < 0 ? text : text.substring(0, dot + 1);
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
