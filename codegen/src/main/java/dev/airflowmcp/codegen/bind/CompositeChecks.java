package dev.airflowmcp.codegen.bind;

import dev.airflowmcp.codegen.model.ToolModel;
import dev.airflowmcp.toolspec.ParamSource;
import dev.airflowmcp.toolspec.ParameterDef;
import dev.airflowmcp.toolspec.ParameterType;
import dev.airflowmcp.toolspec.ResponseDef;
import dev.airflowmcp.toolspec.StepDef;
import dev.airflowmcp.toolspec.ToolDef;
import dev.airflowmcp.toolspec.diag.Diagnostics;
import dev.airflowmcp.toolspec.diag.DidYouMean;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Checks a composite tool against the tools it calls: every step calls a generated tool that is
 * not itself a composite, names only arguments that tool has, gives every argument it requires,
 * with fitting types; the layout names real steps; the summary is known.
 */
final class CompositeChecks {
  /** The summaries the runtime ships with. Vendors may register more: others are a warning. */
  static final Set<String> BUILT_IN_SUMMARIES = Set.of("dag_run_summary", "system_health");

  private CompositeChecks() {}

  static void check(ToolDef composite, Map<String, ToolModel> tools, Diagnostics diagnostics) {
    SortedSet<String> callable = new TreeSet<>();
    for (ToolModel t : tools.values()) {
      if (!t.def().isComposite()) {
        callable.add(t.def().name());
      }
    }
    SortedSet<String> stepNames = new TreeSet<>();
    for (StepDef step : composite.steps()) {
      stepNames.add(step.name());
      ToolModel called = tools.get(step.tool());
      if (called == null || called.def().isComposite()) {
        diagnostics.error(
            step.location(),
            CodegenCodes.UNKNOWN_STEP_TOOL,
            "step '" + step.name() + "' of tool '" + composite.name() + "' calls '" + step.tool()
                + "', which is "
                + (called == null ? "not a tool of this build" : "a composite (steps cannot nest)"),
            called == null ? DidYouMean.hint(step.tool(), callable) : null);
        continue;
      }
      checkArguments(composite, step, called.def(), diagnostics);
    }
    if (composite.summary() != null && !BUILT_IN_SUMMARIES.contains(composite.summary())) {
      diagnostics.warning(
          composite.location(),
          CodegenCodes.UNKNOWN_SUMMARY,
          "summary '" + composite.summary() + "' of tool '" + composite.name()
              + "' is not built in; the server must find it through ServiceLoader",
          DidYouMean.hint(composite.summary(), BUILT_IN_SUMMARIES));
    }
    ResponseDef response = composite.response();
    for (Map.Entry<String, ResponseDef.LayoutSource> e : response.layout().entrySet()) {
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
                "layout key '" + key + "' of tool '" + composite.name()
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
                "layout key '" + key + "' of composite tool '" + composite.name() + "' is '"
                    + e.getValue().yamlName() + "'; a composite lays out steps, summary keys and"
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
            "step '" + step.name() + "' passes '" + e.getKey() + "', which tool '" + called.name()
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
              "step '" + step.name() + "' passes argument '" + own.name() + "' ("
                  + TypeRules.describe(own) + ") as '" + target.name() + "' of tool '"
                  + called.name() + "' (" + TypeRules.describe(target) + ")",
              null);
        }
      } else if (e.getValue() instanceof ParamSource.Constant c && !valueFits(c.value(), target)) {
        diagnostics.error(
            c.location(),
            CodegenCodes.TYPE_MISMATCH,
            "step '" + step.name() + "' passes constant " + TypeRules.show(c.value()) + " as '"
                + target.name() + "' of tool '" + called.name() + "' ("
                + TypeRules.describe(target) + ")",
            null);
      }
    }
    for (ParameterDef p : called.parameters()) {
      if (p.required() && !p.hidden() && p.defaultValue() == null
          && !step.arguments().containsKey(p.name())) {
        diagnostics.error(
            step.location(),
            CodegenCodes.STEP_MISSING_ARGUMENT,
            "step '" + step.name() + "' of tool '" + composite.name() + "' does not pass '"
                + p.name() + "', which tool '" + called.name() + "' requires",
            "add " + p.name() + " to the step's arguments");
      }
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
      case ARRAY -> value instanceof List<?> list
          && list.stream().allMatch(v -> valueFits(v, itemOf(to)));
    };
  }

  private static ParameterDef itemOf(ParameterDef array) {
    ParameterType item = array.itemType() == null ? ParameterType.STRING : array.itemType();
    return new ParameterDef(array.location(), array.name(), item, null, null, false, false, null,
        List.of(), null, null, false);
  }
}
