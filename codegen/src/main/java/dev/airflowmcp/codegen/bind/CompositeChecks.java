package dev.airflowmcp.codegen.bind;

import dev.airflowmcp.codegen.model.ToolModel;
import dev.airflowmcp.common.DidYouMean;
import dev.airflowmcp.common.LayoutSource;
import dev.airflowmcp.common.Placeholders;
import dev.airflowmcp.toolspec.ParamSource;
import dev.airflowmcp.toolspec.ParameterDef;
import dev.airflowmcp.toolspec.ParameterType;
import dev.airflowmcp.toolspec.ResponseDef;
import dev.airflowmcp.toolspec.StepDef;
import dev.airflowmcp.toolspec.ToolDef;
import dev.airflowmcp.toolspec.diag.Diagnostics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Checks a composite tool against the tools it calls: every step calls a generated tool that is not
 * itself a composite, names only arguments that tool has, gives every argument it requires, with
 * fitting types; the layout names real steps; the summary is known.
 */
final class CompositeChecks {
  /** The summaries the runtime ships with. Vendors may register more: others are a warning. */
  static final Set<String> BUILT_IN_SUMMARIES = Set.of("dag_run_summary", "system_health");

  private CompositeChecks() {}

  static void check(ToolDef composite, Map<String, ToolModel> tools, Diagnostics diagnostics) {
    SortedSet<String> callable = callable(tools);
    SortedSet<String> stepNames = new TreeSet<>();
    for (StepDef step : composite.steps()) {
      stepNames.add(step.name());
      ToolModel called = tools.get(step.tool());
      if (called == null || called.def().isComposite()) {
        diagnostics.error(
            step.location(),
            CodegenCodes.UNKNOWN_STEP_TOOL,
            "step '"
                + step.name()
                + "' of tool '"
                + composite.name()
                + "' calls '"
                + step.tool()
                + "', which is "
                + (called == null ? "not a tool of this build" : "a composite (steps cannot nest)"),
            called == null ? DidYouMean.hint(step.tool(), callable) : null);
        continue;
      }
      checkArguments(composite, step, called.def(), diagnostics);
      checkReads(composite, step, called.def(), diagnostics);
      if (step.pages()) {
        checkPaging(composite, step, called.def(), diagnostics);
      }
    }
    if (composite.summary() != null && !BUILT_IN_SUMMARIES.contains(composite.summary())) {
      diagnostics.warning(
          composite.location(),
          CodegenCodes.UNKNOWN_SUMMARY,
          "summary '"
              + composite.summary()
              + "' of tool '"
              + composite.name()
              + "' is not built in; the server must find it through ServiceLoader",
          DidYouMean.hint(composite.summary(), BUILT_IN_SUMMARIES));
    }
    ResponseDef response = composite.response();
    for (Map.Entry<String, LayoutSource> e : response.layout().entrySet()) {
      String key = e.getKey();
      switch (e.getValue()) {
        case STEP -> {
          if (!stepNames.contains(key)) {
            diagnostics.error(
                response.location(),
                CodegenCodes.INVALID_LAYOUT,
                "layout key '" + key + "' of tool '" + composite.name() + "' names no step",
                DidYouMean.hint(key, stepNames));
          }
        }
        case SUMMARY -> {
          if (composite.summary() == null) {
            diagnostics.error(
                response.location(),
                CodegenCodes.INVALID_LAYOUT,
                "layout key '"
                    + key
                    + "' of tool '"
                    + composite.name()
                    + "' is 'summary', but the tool has no summary",
                "name one with summary: <name>");
          }
        }
        case ARGUMENT -> {
          // Checked with every tool's layout.
        }
        default ->
            diagnostics.error(
                response.location(),
                CodegenCodes.INVALID_LAYOUT,
                "layout key '"
                    + key
                    + "' of composite tool '"
                    + composite.name()
                    + "' is '"
                    + e.getValue().yamlName()
                    + "'; a composite lays out steps, summary keys and"
                    + " arguments",
                null);
      }
    }
  }

  private static void checkArguments(
      ToolDef composite, StepDef step, ToolDef called, Diagnostics diagnostics) {
    SortedSet<String> accepted = new TreeSet<>();
    for (ParameterDef p : called.parameters()) {
      if (!p.hidden()) {
        accepted.add(p.name());
      }
    }
    for (Map.Entry<String, ParamSource> e : step.arguments().entrySet()) {
      ParameterDef target = called.parameter(e.getKey());
      if (target == null || target.hidden()) {
        diagnostics.error(
            e.getValue().location(),
            CodegenCodes.UNKNOWN_ARGUMENT,
            "step '"
                + step.name()
                + "' passes '"
                + e.getKey()
                + "', which tool '"
                + called.name()
                + "' does not take",
            DidYouMean.hint(e.getKey(), accepted));
        continue;
      }
      if (e.getValue() instanceof ParamSource.FromArgument fa) {
        ParameterDef own = composite.parameter(fa.argument());
        if (own != null && !fits(own, target)) {
          diagnostics.error(
              fa.location(),
              CodegenCodes.TYPE_MISMATCH,
              "step '"
                  + step.name()
                  + "' passes argument '"
                  + own.name()
                  + "' ("
                  + TypeRules.describe(own)
                  + ") as '"
                  + target.name()
                  + "' of tool '"
                  + called.name()
                  + "' ("
                  + TypeRules.describe(target)
                  + ")",
              null);
        }
      } else if (e.getValue() instanceof ParamSource.Constant c && !valueFits(c.value(), target)) {
        diagnostics.error(
            c.location(),
            CodegenCodes.TYPE_MISMATCH,
            "step '"
                + step.name()
                + "' passes constant "
                + TypeRules.show(c.value())
                + " as '"
                + target.name()
                + "' of tool '"
                + called.name()
                + "' ("
                + TypeRules.describe(target)
                + ")",
            null);
      }
    }
    for (ParameterDef p : called.parameters()) {
      if (p.required()
          && !p.hidden()
          && p.defaultValue() == null
          && !step.arguments().containsKey(p.name())) {
        diagnostics.error(
            step.location(),
            CodegenCodes.STEP_MISSING_ARGUMENT,
            "step '"
                + step.name()
                + "' of tool '"
                + composite.name()
                + "' does not pass '"
                + p.name()
                + "', which tool '"
                + called.name()
                + "' requires",
            "add " + p.name() + " to the step's arguments");
      }
    }
  }

  /**
   * Checks the {@code before} reads of a tool with bindings: each calls a read tool that is not a
   * composite, with fitting arguments; each {@code before} layout key names a read; the {@code
   * message}'s placeholders name the tool's arguments.
   */
  static void checkBefore(ToolDef tool, Map<String, ToolModel> tools, Diagnostics diagnostics) {
    SortedSet<String> callable = callable(tools);
    SortedSet<String> reads = new TreeSet<>();
    for (StepDef step : tool.before()) {
      reads.add(step.name());
      ToolModel called = tools.get(step.tool());
      if (called == null || called.def().isComposite() || called.def() == tool) {
        diagnostics.error(
            step.location(),
            CodegenCodes.UNKNOWN_STEP_TOOL,
            "before-read '"
                + step.name()
                + "' of tool '"
                + tool.name()
                + "' calls '"
                + step.tool()
                + "', which is "
                + (called == null
                    ? "not a tool of this build"
                    : called.def() == tool ? "the tool itself" : "a composite"),
            called == null ? DidYouMean.hint(step.tool(), callable) : null);
        continue;
      }
      checkArguments(tool, step, called.def(), diagnostics);
      checkReads(tool, step, called.def(), diagnostics);
    }
    for (ResponseDef r : tool.responses()) {
      for (Map.Entry<String, LayoutSource> e : r.layout().entrySet()) {
        if (e.getValue() == LayoutSource.BEFORE && !reads.contains(e.getKey())) {
          diagnostics.error(
              r.location(),
              CodegenCodes.INVALID_LAYOUT,
              "layout key '"
                  + e.getKey()
                  + "' of tool '"
                  + tool.name()
                  + "' is 'before', but"
                  + " the tool has no before-read of that name",
              reads.isEmpty() ? "add it under before:" : DidYouMean.hint(e.getKey(), reads));
        }
      }
      if (r.message() != null) {
        for (String name : Placeholders.names(r.message())) {
          ParameterDef p = tool.parameter(name);
          if (p == null) {
            diagnostics.error(
                r.location(),
                CodegenCodes.INVALID_LAYOUT,
                "the message of tool '"
                    + tool.name()
                    + "' names {"
                    + name
                    + "}, which is"
                    + " not one of its arguments",
                DidYouMean.hint(name, parameterNames(tool)));
          } else if (!p.required()) {
            diagnostics.error(
                r.location(),
                CodegenCodes.INVALID_LAYOUT,
                "the message of tool '"
                    + tool.name()
                    + "' names {"
                    + name
                    + "}, which is"
                    + " optional",
                "name required arguments only: an absent one would leave a gap in the message");
          }
        }
      }
    }
  }

  /** The tools a step or before-read may call, for did-you-mean hints: all but composites. */
  private static SortedSet<String> callable(Map<String, ToolModel> tools) {
    SortedSet<String> callable = new TreeSet<>();
    for (ToolModel t : tools.values()) {
      if (!t.def().isComposite()) {
        callable.add(t.def().name());
      }
    }
    return callable;
  }

  private static SortedSet<String> parameterNames(ToolDef tool) {
    SortedSet<String> names = new TreeSet<>();
    for (ParameterDef p : tool.parameters()) {
      names.add(p.name());
    }
    return names;
  }

  /** Steps only read: a step may not call a write tool, even in a write-enabled build. */
  private static void checkReads(
      ToolDef caller, StepDef step, ToolDef called, Diagnostics diagnostics) {
    if (called.write()) {
      diagnostics.error(
          step.location(),
          CodegenCodes.STEP_CALLS_WRITE_TOOL,
          "step '"
              + step.name()
              + "' of tool '"
              + caller.name()
              + "' calls write tool '"
              + called.name()
              + "'; steps and before-reads only read",
          "call a read tool");
    }
  }

  /** A paging step needs a list tool that takes integer limit and offset arguments. */
  private static void checkPaging(
      ToolDef composite, StepDef step, ToolDef called, Diagnostics diagnostics) {
    List<String> missing = new ArrayList<>();
    for (String name : List.of("limit", "offset")) {
      ParameterDef p = called.parameter(name);
      if (p == null || p.hidden() || p.type() != ParameterType.INTEGER) {
        missing.add("an integer '" + name + "' argument");
      }
    }
    // A list whose layout has no items key keeps no list the runtime could extend.
    boolean list =
        called.responses().stream()
            .allMatch(
                r ->
                    r.list() != null
                        && (r.layout().isEmpty() || r.layout().containsValue(LayoutSource.ITEMS)));
    if (!list) {
      missing.add("a list response");
    }
    if (!missing.isEmpty()) {
      diagnostics.error(
          step.location(),
          CodegenCodes.STEP_CANNOT_PAGE,
          "step '"
              + step.name()
              + "' of tool '"
              + composite.name()
              + "' pages with maxItems, but"
              + " tool '"
              + called.name()
              + "' lacks "
              + String.join(" and ", missing),
          "remove maxItems, or call a list tool with limit and offset");
    }
  }

  private static boolean fits(ParameterDef from, ParameterDef to) {
    if (from.type() == to.type()) {
      return from.type() != ParameterType.ARRAY || from.itemType() == to.itemType();
    }
    return from.type() == ParameterType.INTEGER && to.type() == ParameterType.NUMBER;
  }

  private static boolean valueFits(Object value, ParameterDef to) {
    return switch (to.type()) {
      case STRING -> value instanceof String;
      case INTEGER -> value instanceof Long;
      case NUMBER -> value instanceof Number;
      case BOOLEAN -> value instanceof Boolean;
      case OBJECT -> false;
      case ARRAY ->
          value instanceof List<?> list && list.stream().allMatch(v -> valueFits(v, itemOf(to)));
    };
  }

  private static ParameterDef itemOf(ParameterDef array) {
    ParameterType item = array.itemType() == null ? ParameterType.STRING : array.itemType();
    return new ParameterDef(
        array.location(),
        array.name(),
        item,
        null,
        null,
        false,
        false,
        null,
        List.of(),
        null,
        null,
        false);
  }
}
