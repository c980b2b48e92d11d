package dev.airflowmcp.codegen.bind;

import dev.airflowmcp.codegen.model.ArgumentModel;
import dev.airflowmcp.codegen.model.GenerationModel;
import dev.airflowmcp.codegen.model.OperationModel;
import dev.airflowmcp.codegen.model.SpecInfo;
import dev.airflowmcp.codegen.model.ToolModel;
import dev.airflowmcp.codegen.openapi.AirflowSpec;
import dev.airflowmcp.common.AirflowMajor;
import dev.airflowmcp.common.DidYouMean;
import dev.airflowmcp.common.LayoutSource;
import dev.airflowmcp.toolspec.Binding;
import dev.airflowmcp.toolspec.ParameterDef;
import dev.airflowmcp.toolspec.RateLimitDef;
import dev.airflowmcp.toolspec.RedactionDef;
import dev.airflowmcp.toolspec.ResponseDef;
import dev.airflowmcp.toolspec.SourceLocation;
import dev.airflowmcp.toolspec.StepDef;
import dev.airflowmcp.toolspec.ToolDef;
import dev.airflowmcp.toolspec.ToolSpec;
import dev.airflowmcp.toolspec.diag.Diagnostics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Binds a tool spec to the configured Airflow specs: checks every tool and every binding against
 * every spec of the binding's major version, then resolves the model the emitters use.
 *
 * <p>Problems are collected, not thrown; each is located at the tool-spec node it concerns (the
 * tool, the binding, or the parameter source), with a stable code from {@link CodegenCodes}. The
 * resolved operations come from the last (newest) given spec of each major version. A binding for a
 * major version without a configured spec is dropped with a warning, and so is a tool left with no
 * binding at all.
 */
public final class ModelBuilder {
  private ModelBuilder() {}

  private static final Pattern TOOL_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  /** Where problems with the build settings (not the tool spec) are reported. */
  private static final SourceLocation CONFIGURATION = SourceLocation.ofFile("<configuration>");

  /**
   * Validates everything, collecting all problems into {@code diagnostics} (sorted by location).
   *
   * @param spec the tool spec
   * @param specs the Airflow REST specs, oldest first within each major version
   * @param options build settings
   * @return the model, or {@code null} when this call reported any error
   */
  public static GenerationModel build(
      ToolSpec spec, List<AirflowSpec> specs, BindOptions options, Diagnostics diagnostics) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(specs, "specs");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(diagnostics, "diagnostics");
    Diagnostics found = new Diagnostics();
    if (!Names.isPackageName(options.basePackage())) {
      found.error(
          CONFIGURATION,
          CodegenCodes.INVALID_PACKAGE,
          "'" + options.basePackage() + "' is not a valid Java package name",
          "use dot-separated Java identifiers, e.g. com.example.airflow.mcp");
    }
    checkNames(spec.tools(), found);
    Map<String, RateLimitDef> rateLimits = rateLimits(spec, found);
    SpecCatalog catalog = new SpecCatalog(specs);
    List<ToolModel> tools = new ArrayList<>();
    Map<String, ToolModel> byName = new LinkedHashMap<>();
    for (ToolDef tool : spec.tools()) {
      ToolModel model =
          tool.isComposite()
              ? compositeShell(tool, options, found)
              : tool(tool, catalog, options, found);
      if (model != null) {
        tools.add(model);
        byName.put(tool.name(), model);
      }
    }
    for (ToolModel model : tools) {
      if (model.def().isComposite()) {
        CompositeChecks.check(model.def(), byName, found);
      } else {
        checkNotCompositeLayout(model.def(), found);
        CompositeChecks.checkBefore(model.def(), byName, found);
      }
    }
    ExtrasChecks.check(spec.resources(), spec.prompts(), byName, found);
    diagnostics.addAll(found.sorted());
    if (found.hasErrors()) {
      return null;
    }
    List<SpecInfo> infos = new ArrayList<>();
    for (AirflowSpec s : specs) {
      infos.add(new SpecInfo(s.label(), s.major(), s.infoVersion(), s.operations().size()));
    }
    return new GenerationModel(
        spec.server(),
        options.basePackage(),
        withCalledRedaction(tools, byName),
        infos,
        spec.resources(),
        spec.prompts(),
        rateLimits);
  }

  /**
   * A composite's steps and a tool's before-reads put other tools' results into its own, so their
   * redaction hints (sensitive and free-text fields) join the calling tool's.
   */
  private static List<ToolModel> withCalledRedaction(
      List<ToolModel> tools, Map<String, ToolModel> byName) {
    List<ToolModel> out = new ArrayList<>();
    for (ToolModel t : tools) {
      RedactionDef redaction = t.def().redaction();
      List<StepDef> calls = new ArrayList<>(t.def().steps());
      calls.addAll(t.def().before());
      for (StepDef step : calls) {
        redaction = redaction.with(byName.get(step.tool()).def().redaction());
      }
      out.add(
          redaction.equals(t.def().redaction())
              ? t
              : new ToolModel(
                  t.def().withRedaction(redaction), t.className(), t.arguments(), t.operations()));
    }
    return out;
  }

  /**
   * The limit of every class: a spec with {@code rateLimits} must define each class its tools use;
   * a spec without gives each used class the built-in limit.
   */
  private static Map<String, RateLimitDef> rateLimits(ToolSpec spec, Diagnostics diagnostics) {
    Map<String, RateLimitDef> limits = new LinkedHashMap<>(spec.rateLimits());
    boolean defined = !spec.rateLimits().isEmpty();
    for (ToolDef tool : spec.tools()) {
      String cls = tool.rateLimitClass();
      if (limits.containsKey(cls)) {
        continue;
      }
      if (defined) {
        String hint = DidYouMean.hint(cls, spec.rateLimits().keySet());
        diagnostics.error(
            tool.location(),
            CodegenCodes.UNDEFINED_RATE_LIMIT_CLASS,
            "tool '"
                + tool.name()
                + "' uses rate-limit class '"
                + cls
                + "', which rateLimits does not define (defined: "
                + String.join(", ", spec.rateLimits().keySet())
                + ")",
            hint != null
                ? hint
                : "add '" + cls + ": {capacity: N, refillPerMinute: M}' to rateLimits");
      } else {
        limits.put(cls, RateLimitDef.builtIn(spec.location(), cls));
      }
    }
    return limits;
  }

  /** The tool's model, or {@code null} when it has no binding left for the configured specs. */
  private static ToolModel tool(
      ToolDef tool, SpecCatalog catalog, BindOptions options, Diagnostics diagnostics) {
    if (tool.write() && !options.allowWrites()) {
      diagnostics.error(
          tool.location(),
          CodegenCodes.WRITE_NOT_ENABLED,
          "tool '" + tool.name() + "' changes Airflow (write: true) but writes are not enabled",
          "enable writes in the build (allowWrites) to generate it, or remove the tool");
    }
    List<ArgumentModel> arguments = arguments(tool, diagnostics);
    Map<AirflowMajor, OperationModel> operations = new LinkedHashMap<>();
    int dropped = 0;
    for (AirflowMajor major : AirflowMajor.values()) {
      Binding binding = tool.bindings().get(major);
      if (binding == null) {
        continue;
      }
      List<AirflowSpec> specs = catalog.specs(major);
      if (specs.isEmpty()) {
        diagnostics.warning(
            binding.location(),
            CodegenCodes.NO_SPEC_FOR_BINDING,
            "tool '"
                + tool.name()
                + "' binds "
                + major.yamlKey()
                + " operation '"
                + binding.operationId()
                + "' but no Airflow "
                + major.number()
                + " spec is configured; the binding is dropped",
            "add an Airflow "
                + major.number()
                + " REST spec ("
                + major.apiPrefix()
                + ") to the build to keep it");
        dropped++;
        continue;
      }
      OperationModel operation =
          new BindingResolver(tool, major, binding, specs, catalog.operationIds(major), diagnostics)
              .resolve();
      if (operation != null) {
        operations.put(major, operation);
      }
    }
    checkLayout(tool, tool.response(), diagnostics);
    for (Binding binding : tool.bindings().values()) {
      if (binding.response() != null) {
        checkLayout(tool, binding.response(), diagnostics);
      }
    }
    if (dropped == tool.bindings().size()) {
      diagnostics.warning(
          tool.location(),
          CodegenCodes.NO_SPEC_FOR_BINDING,
          "tool '" + tool.name() + "' is not generated: no configured spec matches its bindings",
          null);
      return null;
    }
    return new ToolModel(tool, Names.className(tool.name()), arguments, operations);
  }

  private static List<ArgumentModel> arguments(ToolDef tool, Diagnostics diagnostics) {
    Map<String, ParameterDef> byJavaName = new HashMap<>();
    List<ArgumentModel> arguments = new ArrayList<>();
    for (ParameterDef p : tool.parameters()) {
      String javaName = Names.javaName(p.name());
      ParameterDef first = byJavaName.putIfAbsent(javaName, p);
      if (first != null) {
        diagnostics.error(
            p.location(),
            CodegenCodes.NAME_CLASH,
            "arguments '"
                + first.name()
                + "' and '"
                + p.name()
                + "' of tool '"
                + tool.name()
                + "' both map to Java name '"
                + javaName
                + "'",
            "rename one of them");
      }
      arguments.add(new ArgumentModel(p, javaName));
    }
    return arguments;
  }

  /** Tool names and aliases: legal, unique, and distinct as Java class names. */
  private static void checkNames(List<ToolDef> tools, Diagnostics diagnostics) {
    Map<String, ToolDef> used = new HashMap<>();
    Map<String, ToolDef> classes = new HashMap<>();
    for (ToolDef tool : tools) {
      List<String> names = new ArrayList<>();
      names.add(tool.name());
      names.addAll(tool.aliases());
      for (int i = 0; i < names.size(); i++) {
        String name = names.get(i);
        String what =
            i == 0
                ? "tool name '" + name + "'"
                : "alias '" + name + "' of tool '" + tool.name() + "'";
        if (!TOOL_NAME.matcher(name).matches()) {
          diagnostics.error(
              tool.location(),
              CodegenCodes.INVALID_TOOL_NAME,
              what
                  + " is invalid: a tool name has 1 to 64 characters from A-Z, a-z, 0-9, '_',"
                  + " '.' and '-' (it has "
                  + name.length()
                  + ")",
              null);
        }
        ToolDef first = used.putIfAbsent(name, tool);
        if (first != null) {
          diagnostics.error(
              tool.location(),
              CodegenCodes.DUPLICATE_TOOL,
              what
                  + " is already used by tool '"
                  + first.name()
                  + "' at "
                  + lineOf(first.location(), tool.location()),
              "rename or remove one of them");
        }
      }
      String className = Names.className(tool.name());
      ToolDef sameClass = classes.putIfAbsent(className, tool);
      if (sameClass != null && !sameClass.name().equals(tool.name())) {
        diagnostics.error(
            tool.location(),
            CodegenCodes.NAME_CLASH,
            "tools '"
                + sameClass.name()
                + "' and '"
                + tool.name()
                + "' both map to class "
                + className,
            "rename one of them");
      }
    }
  }

  /** "line 3" within the same file, else the full location. */
  private static String lineOf(SourceLocation first, SourceLocation here) {
    return first.file().equals(here.file()) ? "line " + first.line() : first.toString();
  }

  /** Every {@code argument} key of a layout echoes an argument the tool has. */
  private static void checkLayout(ToolDef tool, ResponseDef response, Diagnostics diagnostics) {
    SortedSet<String> names = new TreeSet<>();
    for (ParameterDef p : tool.parameters()) {
      names.add(p.name());
    }
    for (Map.Entry<String, LayoutSource> e : response.layout().entrySet()) {
      if (e.getValue() == LayoutSource.ARGUMENT && !names.contains(e.getKey())) {
        diagnostics.error(
            response.location(),
            CodegenCodes.UNKNOWN_ARGUMENT,
            "layout key '"
                + e.getKey()
                + "' echoes an argument, which tool '"
                + tool.name()
                + "' does not have",
            DidYouMean.hint(e.getKey(), names));
      }
    }
  }

  /** A composite's model before its steps are checked against the other tools. */
  private static ToolModel compositeShell(
      ToolDef tool, BindOptions options, Diagnostics diagnostics) {
    if (tool.write() && !options.allowWrites()) {
      diagnostics.error(
          tool.location(),
          CodegenCodes.WRITE_NOT_ENABLED,
          "tool '" + tool.name() + "' changes Airflow (write: true) but writes are not enabled",
          "enable writes in the build (allowWrites) to generate it, or remove the tool");
    }
    List<ArgumentModel> arguments = arguments(tool, diagnostics);
    return new ToolModel(tool, Names.className(tool.name()), arguments, Map.of());
  }

  /** Step and summary keys mean nothing outside a composite. */
  private static void checkNotCompositeLayout(ToolDef tool, Diagnostics diagnostics) {
    for (ResponseDef r : tool.responses()) {
      for (Map.Entry<String, LayoutSource> e : r.layout().entrySet()) {
        if (e.getValue() == LayoutSource.STEP || e.getValue() == LayoutSource.SUMMARY) {
          diagnostics.error(
              r.location(),
              CodegenCodes.INVALID_LAYOUT,
              "layout key '"
                  + e.getKey()
                  + "' of tool '"
                  + tool.name()
                  + "' is '"
                  + e.getValue().yamlName()
                  + "', which only composite tools (with steps) have",
              null);
        }
      }
    }
  }
}
