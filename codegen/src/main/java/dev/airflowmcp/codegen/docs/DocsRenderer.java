package dev.airflowmcp.codegen.docs;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheFactory;
import com.github.mustachejava.TemplateContext;
import dev.airflowmcp.codegen.bind.CodegenCodes;
import dev.airflowmcp.codegen.diff.ToolSurfaceDiff;
import dev.airflowmcp.codegen.model.Sentences;
import dev.airflowmcp.common.DidYouMean;
import dev.airflowmcp.toolspec.SourceLocation;
import dev.airflowmcp.toolspec.diag.Diagnostics;
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
import java.util.stream.Stream;

/**
 * Renders docs through Mustache templates, one typed view record per template: a view {@code
 * FooView} is rendered by {@code FooView.mustache}, taken from the vendor template directory when
 * it holds one, else from the {@code airflow-mcp-templates} jar ({@code
 * dev/airflowmcp/templates/}). Output is Markdown, so values are not HTML-escaped; table cells have
 * {@code |} and line breaks escaped by the views.
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

  /** The views that have a template, in the order their docs are listed. */
  public static final List<Class<? extends Record>> VIEWS =
      List.of(ToolReferenceView.class, ClientConfigView.class, MigrationTableView.class);

  /** The template file name of a view: {@code <View>.mustache}. */
  public static String templateName(Class<? extends Record> view) {
    return view.getSimpleName() + ".mustache";
  }

  /**
   * Checks a vendor template directory: it must exist, and every {@code .mustache} file in it
   * should replace a shipped template (a misspelt one would silently not be used).
   *
   * @param directory the directory
   * @param name how diagnostics name it
   */
  public static void checkTemplateDirectory(Path directory, String name, Diagnostics diagnostics)
      throws IOException {
    if (!Files.isDirectory(directory)) {
      diagnostics.error(
          SourceLocation.ofFile(name),
          CodegenCodes.TEMPLATE_DIRECTORY_NOT_FOUND,
          (Files.exists(directory) ? "not a directory: " : "template directory not found: ") + name,
          "name a directory of <View>.mustache files, or leave it out to use the shipped"
              + " templates");
      return;
    }
    List<String> known = VIEWS.stream().map(DocsRenderer::templateName).toList();
    List<String> files;
    try (Stream<Path> list = Files.list(directory)) {
      files =
          list.filter(Files::isRegularFile)
              .map(p -> p.getFileName().toString())
              .filter(f -> f.endsWith(".mustache"))
              .sorted()
              .toList();
    }
    for (String file : files) {
      if (!known.contains(file)) {
        String hint = DidYouMean.hint(file, known);
        diagnostics.warning(
            SourceLocation.ofFile(name + "/" + file),
            CodegenCodes.UNKNOWN_TEMPLATE,
            "'" + file + "' replaces no shipped template and is not used",
            hint != null ? hint : "the templates are " + String.join(", ", known));
      }
    }
  }

  /**
   * Renders a view with its template.
   *
   * @throws TemplateException when the template is not valid Mustache
   */
  public String render(Record view) throws IOException {
    String name = templateName(view.getClass());
    Template template = template(name);
    MustacheFactory factory =
        new DefaultMustacheFactory() {
          @Override
          public void encode(String value, Writer writer) {
            try {
              writer.write(value);
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          }
        };
    try {
      Mustache mustache = factory.compile(new StringReader(template.text()), name);
      StringWriter out = new StringWriter();
      mustache.execute(out, view);
      return out.toString();
    } catch (MustacheException e) {
      TemplateContext context = e.getContext();
      // mustache.java appends its own "@[name:line]"; the diagnostic's location says it better
      String message = String.valueOf(e.getMessage()).replaceAll("\\s*@\\[[^\\]]*\\]$", "");
      throw new TemplateException(template.origin(), context == null ? 0 : context.line(), message);
    }
  }

  /** A template that is not valid Mustache. */
  public static final class TemplateException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final int line;

    TemplateException(String file, int line, String message) {
      super(message);
      this.file = file;
      this.line = line;
    }

    /** The template: the vendor file, or the shipped resource. */
    public String file() {
      return file;
    }

    /** The 1-based line, or 0 when unknown. */
    public int line() {
      return line;
    }
  }

  private record Template(String origin, String text) {}

  private Template template(String name) throws IOException {
    if (templateDirectory != null) {
      Path vendor = templateDirectory.resolve(name);
      if (Files.isRegularFile(vendor)) {
        return new Template(
            vendor.toString().replace('\\', '/'), Files.readString(vendor, StandardCharsets.UTF_8));
      }
    }
    try (InputStream in =
        DocsRenderer.class.getClassLoader().getResourceAsStream(TEMPLATE_RESOURCES + name)) {
      if (in == null) {
        throw new IOException("no template " + name + " in " + TEMPLATE_RESOURCES);
      }
      return new Template(
          TEMPLATE_RESOURCES + name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
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
        arguments.add(
            new ToolReferenceView.Argument(
                a.getKey(),
                type(schema),
                required.contains(a.getKey()),
                schema.has("default") ? "`" + schema.get("default").toString() + "`" : "",
                cell(schema.path("description").asText(""))));
      }
      JsonNode ann = t.path("annotations");
      tools.add(
          new ToolReferenceView.Tool(
              name,
              name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", ""),
              t.has("title") ? t.get("title").asText() : null,
              cell(firstSentence(description)),
              description,
              ann.path("readOnlyHint").asBoolean(false),
              ann.path("destructiveHint").asBoolean(false),
              arguments));
    }
    List<ToolReferenceView.HandWritten> handWritten = new ArrayList<>();
    for (RuntimeTools.Tool r : RuntimeTools.shipped()) {
      if (r.registeredByDefault() && !r.write()) {
        List<String> names = new ArrayList<>();
        r.arguments().forEach(a -> names.add("`" + a + "`"));
        handWritten.add(
            new ToolReferenceView.HandWritten(
                r.name(), cell(r.summary()), String.join(", ", names)));
      }
    }
    return new ToolReferenceView(
        serverName, tools.size(), ToolSurfaceDiff.manifestTokens(manifestJson), tools, handWritten);
  }

  private static String type(JsonNode schema) {
    if (schema.has("type")) {
      String type =
          schema.get("type").isTextual()
              ? schema.get("type").asText()
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

  /** The first sentence of a description. */
  static String firstSentence(String text) {
    return Sentences.first(text);
  }

  /** Text made safe for one Markdown table cell. */
  static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
