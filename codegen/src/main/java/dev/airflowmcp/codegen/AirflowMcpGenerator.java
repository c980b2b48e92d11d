package dev.airflowmcp.codegen;

import com.palantir.javapoet.JavaFile;
import dev.airflowmcp.codegen.bind.BindOptions;
import dev.airflowmcp.codegen.bind.CodegenCodes;
import dev.airflowmcp.codegen.bind.ModelBuilder;
import dev.airflowmcp.codegen.coverage.Coverage;
import dev.airflowmcp.codegen.docs.AstroTools;
import dev.airflowmcp.codegen.docs.ClientConfigView;
import dev.airflowmcp.codegen.docs.DocsRenderer;
import dev.airflowmcp.codegen.docs.MigrationTables;
import dev.airflowmcp.codegen.docs.RuntimeTools;
import dev.airflowmcp.codegen.emit.CatalogEmitter;
import dev.airflowmcp.codegen.emit.GoogleLayout;
import dev.airflowmcp.codegen.emit.ManifestEmitter;
import dev.airflowmcp.codegen.emit.ToolClassEmitter;
import dev.airflowmcp.codegen.model.GenerationModel;
import dev.airflowmcp.codegen.model.ToolModel;
import dev.airflowmcp.codegen.openapi.AirflowSpec;
import dev.airflowmcp.codegen.openapi.SpecLoader;
import dev.airflowmcp.toolspec.SourceLocation;
import dev.airflowmcp.toolspec.diag.Diagnostics;
import dev.airflowmcp.toolspec.load.LoadResult;
import dev.airflowmcp.toolspec.load.ToolSpecLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The generator: loads the specs and the tool spec, builds and validates the model, and emits Java
 * sources and resources in memory. No Maven API, no file writes: adapters decide what to do with
 * the result. Deterministic: the same request gives the same bytes.
 */
public final class AirflowMcpGenerator {

  /** Class-path location of the tools manifest in the generated server. */
  public static final String MANIFEST_RESOURCE = "META-INF/airflow-mcp/tools.json";

  /** The tool reference among {@link GenerationResult#docs()}. */
  public static final String TOOL_REFERENCE = "tool-reference.md";

  /** The client configuration snippets among {@link GenerationResult#docs()}. */
  public static final String CLIENT_CONFIGURATION = "client-configuration.md";

  /** The migration table from astro-airflow-mcp among {@link GenerationResult#docs()}. */
  public static final String MIGRATION_TABLE = "migration-table.md";

  /** ServiceLoader registration file of the generated catalog. */
  public static final String SERVICE_FILE =
      "META-INF/services/dev.airflowmcp.runtime.tool.ToolCatalog";

  /**
   * Runs the generator.
   *
   * @throws IOException when an input exists but cannot be read
   */
  public GenerationResult generate(GenerationRequest request) throws IOException {
    Diagnostics diagnostics = new Diagnostics();

    LoadResult loaded;
    if (request.toolSpec() != null) {
      loaded = ToolSpecLoader.load(request.toolSpec(), request.toolSpecName());
    } else if (request.allowWrites()) {
      loaded = ToolSpecLoader.loadCuratedWrites(); // the curated tools plus its write tools
    } else {
      loaded = ToolSpecLoader.loadCurated();
    }
    diagnostics.addAll(loaded.diagnostics());

    if (request.templateDirectory() != null) {
      DocsRenderer.checkTemplateDirectory(
          request.templateDirectory(),
          request.templateDirectory().toString().replace('\\', '/'),
          diagnostics);
    }

    List<AirflowSpec> specs = new ArrayList<>();
    for (Path specFile : request.specs()) {
      AirflowSpec spec = SpecLoader.load(specFile, diagnostics);
      if (spec != null) {
        specs.add(spec);
      }
    }
    if (request.specs().isEmpty()) {
      diagnostics.error(
          SourceLocation.ofFile("<configuration>"),
          "NO_SPECS",
          "no Airflow REST spec is configured",
          "name at least one spec file, e.g. airflow-3.2.0-v2.yaml");
    }
    if (loaded.spec() == null || diagnostics.hasErrors()) {
      return new GenerationResult(List.of(), diagnostics.sorted());
    }

    GenerationModel model =
        ModelBuilder.build(
            loaded.spec(),
            specs,
            new BindOptions(request.basePackage(), request.allowWrites()),
            diagnostics);
    if (model == null || diagnostics.hasErrors()) {
      return new GenerationResult(List.of(), diagnostics.sorted());
    }
    List<Coverage.Report> coverage = new ArrayList<>();
    for (AirflowSpec spec : specs) {
      coverage.add(Coverage.of(spec, loaded.spec()));
    }
    List<GeneratedFile> files = emit(model, sourceName(request));
    String manifest = null;
    for (GeneratedFile f : files) {
      if (f.path().equals("resources/" + MANIFEST_RESOURCE)) {
        manifest = new String(f.content(), StandardCharsets.UTF_8);
      }
    }
    List<GeneratedFile> docFiles;
    try {
      docFiles = docs(model, manifest, request);
    } catch (DocsRenderer.TemplateException e) {
      diagnostics.error(
          new SourceLocation(e.file(), e.line(), 0),
          CodegenCodes.TEMPLATE_ERROR,
          "the template is not valid Mustache: " + e.getMessage(),
          "check the {{...}} tags near that line: every {{#section}} needs its {{/section}}");
      return new GenerationResult(List.of(), diagnostics.sorted());
    }
    return new GenerationResult(files, diagnostics.sorted(), Coverage.markdown(coverage), docFiles);
  }

  /** Renders the docs of a valid model through the doc templates. */
  private static List<GeneratedFile> docs(
      GenerationModel model, String manifest, GenerationRequest request) throws IOException {
    DocsRenderer docs = new DocsRenderer(request.templateDirectory());
    String server = model.server().name();
    return List.of(
        text(TOOL_REFERENCE, docs.render(DocsRenderer.toolReference(server, manifest))),
        text(
            CLIENT_CONFIGURATION,
            docs.render(
                new ClientConfigView(
                    server,
                    "airflow",
                    "/path/to/airflow-mcp-server.jar",
                    "http://localhost:8080"))),
        text(
            MIGRATION_TABLE,
            docs.render(
                MigrationTables.view(
                    model, request.allowWrites(), AstroTools.shipped(), RuntimeTools.shipped()))));
  }

  /** Emits every file of a valid model, in a stable order. */
  public static List<GeneratedFile> emit(GenerationModel model, String sourceName) {
    String toolsPackage = model.basePackage() + ".tools";
    List<GeneratedFile> files = new ArrayList<>();
    ToolClassEmitter tools = new ToolClassEmitter(toolsPackage, sourceName);
    for (ToolModel tool : model.tools()) {
      files.add(javaFile(tools.emit(tool)));
    }
    JavaFile catalog = new CatalogEmitter(sourceName).emit(model, toolsPackage, MANIFEST_RESOURCE);
    files.add(javaFile(catalog));
    files.add(text("resources/" + MANIFEST_RESOURCE, new ManifestEmitter().emit(model)));
    files.add(
        text(
            "resources/" + SERVICE_FILE,
            catalog.packageName() + "." + catalog.typeSpec().name() + "\n"));
    return files;
  }

  private static String sourceName(GenerationRequest request) {
    String name =
        request.toolSpec() != null
            ? request.toolSpecName()
            : request.allowWrites()
                ? ToolSpecLoader.CURATED_WRITES_NAME
                : ToolSpecLoader.CURATED_NAME;
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    return slash < 0 ? name : name.substring(slash + 1);
  }

  private static GeneratedFile javaFile(JavaFile file) {
    String path =
        "java/"
            + (file.packageName().isEmpty() ? "" : file.packageName().replace('.', '/') + "/")
            + file.typeSpec().name()
            + ".java";
    return text(path, GoogleLayout.apply(file.toString()));
  }

  private static GeneratedFile text(String path, String content) {
    return new GeneratedFile(path, content.getBytes(StandardCharsets.UTF_8));
  }
}
