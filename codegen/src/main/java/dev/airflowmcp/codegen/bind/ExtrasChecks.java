package dev.airflowmcp.codegen.bind;

import dev.airflowmcp.codegen.model.ToolModel;
import dev.airflowmcp.common.DidYouMean;
import dev.airflowmcp.toolspec.ParameterDef;
import dev.airflowmcp.toolspec.PromptDef;
import dev.airflowmcp.toolspec.ResourceDef;
import dev.airflowmcp.toolspec.SourceLocation;
import dev.airflowmcp.toolspec.diag.Diagnostics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Checks resources and prompts: unique URIs and names, and every resource reads a generated tool
 * with constant arguments that tool takes, covering the ones it requires.
 */
final class ExtrasChecks {
  private ExtrasChecks() {}

  static void check(
      List<ResourceDef> resources,
      List<PromptDef> prompts,
      Map<String, ToolModel> tools,
      Diagnostics diagnostics) {
    Map<String, SourceLocation> uris = new HashMap<>();
    for (ResourceDef r : resources) {
      SourceLocation first = uris.putIfAbsent(r.uri(), r.location());
      if (first != null) {
        diagnostics.error(
            r.location(),
            CodegenCodes.DUPLICATE_TOOL,
            "resource URI '" + r.uri() + "' is used twice; first at line " + first.line(),
            null);
      }
      ToolModel tool = tools.get(r.tool());
      if (tool == null) {
        diagnostics.error(
            r.location(),
            CodegenCodes.UNKNOWN_STEP_TOOL,
            "resource '"
                + r.uri()
                + "' reads tool '"
                + r.tool()
                + "', which is not a tool of this"
                + " build",
            DidYouMean.hint(r.tool(), tools.keySet()));
        continue;
      }
      SortedSet<String> accepted = new TreeSet<>();
      for (ParameterDef p : tool.def().parameters()) {
        if (!p.hidden()) {
          accepted.add(p.name());
        }
      }
      for (String name : r.arguments().keySet()) {
        if (!accepted.contains(name)) {
          diagnostics.error(
              r.location(),
              CodegenCodes.UNKNOWN_ARGUMENT,
              "resource '"
                  + r.uri()
                  + "' passes '"
                  + name
                  + "', which tool '"
                  + r.tool()
                  + "' does not take",
              DidYouMean.hint(name, accepted));
        }
      }
      for (ParameterDef p : tool.def().parameters()) {
        if (p.required() && !p.hidden() && !r.arguments().containsKey(p.name())) {
          diagnostics.error(
              r.location(),
              CodegenCodes.STEP_MISSING_ARGUMENT,
              "resource '"
                  + r.uri()
                  + "' does not pass '"
                  + p.name()
                  + "', which tool '"
                  + r.tool()
                  + "' requires",
              "add it under the resource's arguments");
        }
      }
    }
    Map<String, SourceLocation> names = new HashMap<>();
    for (PromptDef p : prompts) {
      SourceLocation first = names.putIfAbsent(p.name(), p.location());
      if (first != null) {
        diagnostics.error(
            p.location(),
            CodegenCodes.DUPLICATE_TOOL,
            "prompt '" + p.name() + "' is declared twice; first at line " + first.line(),
            null);
      }
    }
  }
}
