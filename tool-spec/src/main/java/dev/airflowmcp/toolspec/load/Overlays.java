package dev.airflowmcp.toolspec.load;

import dev.airflowmcp.common.DidYouMean;
import dev.airflowmcp.toolspec.ParameterDef;
import dev.airflowmcp.toolspec.ParameterType;
import dev.airflowmcp.toolspec.PromptDef;
import dev.airflowmcp.toolspec.ResourceDef;
import dev.airflowmcp.toolspec.ServerInfo;
import dev.airflowmcp.toolspec.SourceLocation;
import dev.airflowmcp.toolspec.StepDef;
import dev.airflowmcp.toolspec.ToolDef;
import dev.airflowmcp.toolspec.ToolSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies an overlay to the spec it extends: a tool of the overlay with the name of a base tool
 * replaces it in place, others are added at the end; {@code remove:} drops base tools; resources
 * and prompts merge the same way by URI and name, rate-limit classes by name (an overlay's class
 * replaces the base's class of that name). What the overlay leaves out it inherits: the server's
 * name and instructions, each on its own, and the default rate-limit class, which the overlay's own
 * tools that name no class get (the base's tools keep the classes they have).
 */
final class Overlays {
  private Overlays() {}

  static ToolSpec merge(
      ToolSpec base, ToolSpec overlay, SpecReader.Overlay info, Reporter reporter) {
    Map<String, ToolDef> tools = new LinkedHashMap<>();
    for (ToolDef t : base.tools()) {
      tools.put(t.name(), t);
    }
    for (SpecReader.Removal r : info.removed()) {
      if (tools.remove(r.name()) == null) {
        reporter.error(
            r.at(),
            SpecCodes.UNKNOWN_TOOL,
            "remove names '" + r.name() + "', which the extended spec does not have",
            DidYouMean.hint(r.name(), tools.keySet()));
      }
    }
    Map<String, String> renamed = new LinkedHashMap<>();
    tools = rename(tools, info.renames(), renamed, reporter);
    for (SpecReader.Override o : info.overrides()) {
      ToolDef t = tools.get(o.name());
      if (t == null) {
        reporter.error(
            o.at(),
            SpecCodes.UNKNOWN_TOOL,
            "override names '" + o.name() + "', which the extended spec does not have",
            DidYouMean.hint(o.name(), tools.keySet()));
        continue;
      }
      tools.put(o.name(), override(t, o, reporter));
    }
    String defaultRateLimitClass =
        info.defaultRateLimitClass() != null
            ? info.defaultRateLimitClass()
            : base.defaultRateLimitClass();
    for (ToolDef t : overlay.tools()) {
      if (info.inheritRateLimitClass().contains(t.name())
          && !t.rateLimitClass().equals(defaultRateLimitClass)) {
        t =
            copy(
                t,
                t.name(),
                t.aliases(),
                t.title(),
                t.description(),
                defaultRateLimitClass,
                t.parameters());
      }
      tools.put(t.name(), t); // in place when replacing, at the end when new
    }
    Map<String, ResourceDef> resources = new LinkedHashMap<>();
    for (ResourceDef r : base.resources()) {
      String tool = renamed.getOrDefault(r.tool(), r.tool());
      resources.put(
          r.uri(),
          new ResourceDef(
              r.location(), r.uri(), r.name(), r.description(), r.mimeType(), tool, r.arguments()));
    }
    for (ResourceDef r : overlay.resources()) {
      resources.put(r.uri(), r);
    }
    Map<String, PromptDef> prompts = new LinkedHashMap<>();
    for (PromptDef p : base.prompts()) {
      prompts.put(p.name(), p);
    }
    for (PromptDef p : overlay.prompts()) {
      prompts.put(p.name(), p);
    }
    Map<String, dev.airflowmcp.toolspec.RateLimitDef> rateLimits =
        new LinkedHashMap<>(base.rateLimits());
    rateLimits.putAll(overlay.rateLimits());
    ServerInfo server =
        new ServerInfo(
            info.serverName() != null || info.serverInstructions() != null
                ? overlay.server().location()
                : base.server().location(),
            info.serverName() != null ? info.serverName() : base.server().name(),
            info.serverInstructions() != null
                ? info.serverInstructions()
                : base.server().instructions());
    return new ToolSpec(
        overlay.location(),
        overlay.version(),
        server,
        new ArrayList<>(tools.values()),
        new ArrayList<>(resources.values()),
        List.copyOf(prompts.values()),
        rateLimits,
        defaultRateLimitClass);
  }

  /**
   * Renames base tools in place; each old name becomes a hidden alias, so agents that call it keep
   * working.
   */
  private static Map<String, ToolDef> rename(
      Map<String, ToolDef> tools,
      List<SpecReader.Rename> renames,
      Map<String, String> newNames,
      Reporter reporter) {
    for (SpecReader.Rename r : renames) {
      if (!tools.containsKey(r.from())) {
        reporter.error(
            r.at(),
            SpecCodes.UNKNOWN_TOOL,
            "rename names '" + r.from() + "', which the extended spec does not have",
            DidYouMean.hint(r.from(), tools.keySet()));
      } else if (tools.containsKey(r.to()) && !newNames.containsKey(r.to())) {
        reporter.error(
            r.at(),
            SpecCodes.INVALID_VALUE,
            "rename of '"
                + r.from()
                + "' to '"
                + r.to()
                + "' clashes with the tool '"
                + r.to()
                + "' of the extended spec",
            "remove or rename that tool first");
      } else if (newNames.containsValue(r.to())) {
        reporter.error(
            r.at(), SpecCodes.INVALID_VALUE, "two tools are renamed to '" + r.to() + "'");
      } else {
        newNames.put(r.from(), r.to());
      }
    }
    if (newNames.isEmpty()) {
      return tools;
    }
    Map<String, ToolDef> result = new LinkedHashMap<>();
    for (ToolDef base : tools.values()) {
      ToolDef t = withRenamedSteps(base, newNames);
      String to = newNames.get(t.name());
      if (to == null) {
        result.put(t.name(), t);
        continue;
      }
      List<String> aliases = new ArrayList<>(t.aliases());
      aliases.add(t.name());
      result.put(
          to, copy(t, to, aliases, t.title(), t.description(), t.rateLimitClass(), t.parameters()));
    }
    return result;
  }

  /** Composite steps and before-reads call renamed tools by their new names. */
  private static ToolDef withRenamedSteps(ToolDef t, Map<String, String> newNames) {
    if (t.steps().stream().noneMatch(st -> newNames.containsKey(st.tool()))
        && t.before().stream().noneMatch(st -> newNames.containsKey(st.tool()))) {
      return t;
    }
    return new ToolDef(
        t.location(),
        t.name(),
        t.aliases(),
        t.title(),
        t.description(),
        t.annotations(),
        t.write(),
        t.rateLimitClass(),
        t.parameters(),
        t.bindings(),
        t.response(),
        t.redaction(),
        renamed(t.steps(), newNames),
        t.summary(),
        renamed(t.before(), newNames));
  }

  private static List<StepDef> renamed(List<StepDef> steps, Map<String, String> newNames) {
    List<StepDef> out = new ArrayList<>();
    for (StepDef st : steps) {
      out.add(
          new StepDef(
              st.location(),
              st.name(),
              newNames.getOrDefault(st.tool(), st.tool()),
              st.arguments(),
              st.select(),
              st.fields(),
              st.maxItems()));
    }
    return out;
  }

  private static ToolDef override(ToolDef t, SpecReader.Override o, Reporter reporter) {
    List<ParameterDef> parameters = new ArrayList<>();
    for (Map.Entry<String, SpecReader.ParameterOverride> e : o.parameters().entrySet()) {
      if (t.parameter(e.getKey()) == null) {
        reporter.error(
            e.getValue().at(),
            SpecCodes.UNKNOWN_ARGUMENT,
            "override of tool '"
                + t.name()
                + "' names the argument '"
                + e.getKey()
                + "', which the tool does not have",
            DidYouMean.hint(e.getKey(), t.parameters().stream().map(ParameterDef::name).toList()));
      }
    }
    for (ParameterDef p : t.parameters()) {
      SpecReader.ParameterOverride po = o.parameters().get(p.name());
      if (po == null) {
        parameters.add(p);
        continue;
      }
      ParameterDef merged =
          new ParameterDef(
              p.location(),
              p.name(),
              p.type(),
              p.itemType(),
              po.description() != null ? po.description() : p.description(),
              p.required(),
              p.nullable(),
              po.setsDefault() ? po.defaultValue() : p.defaultValue(),
              p.enumValues(),
              po.minimum() != null ? po.minimum() : p.minimum(),
              po.maximum() != null ? po.maximum() : p.maximum(),
              po.hidden() != null ? po.hidden() : p.hidden());
      check(merged, po.at(), "argument '" + p.name() + "' of tool '" + t.name() + "'", reporter);
      parameters.add(merged);
    }
    return copy(
        t,
        t.name(),
        t.aliases(),
        o.title() != null ? o.title() : t.title(),
        o.description() != null ? o.description() : t.description(),
        o.rateLimitClass() != null ? o.rateLimitClass() : t.rateLimitClass(),
        parameters);
  }

  /** The loader's parameter rules, applied to an argument after an override. */
  private static void check(ParameterDef p, SourceLocation at, String subject, Reporter reporter) {
    Object d = p.defaultValue();
    ParameterType valueType = p.type() == ParameterType.ARRAY ? p.itemType() : p.type();
    if (d != null) {
      List<?> values = d instanceof List<?> list ? list : List.of(d);
      if (p.type() == ParameterType.ARRAY && !(d instanceof List<?>)) {
        reporter.error(at, SpecCodes.WRONG_TYPE, subject + ": the default must be a list");
      }
      for (Object v : values) {
        if (!fits(v, valueType)) {
          reporter.error(
              at,
              SpecCodes.WRONG_TYPE,
              subject
                  + ": the default "
                  + v
                  + " is not of type "
                  + valueType.name().toLowerCase(java.util.Locale.ROOT));
        } else if (v instanceof Number n) {
          if (p.minimum() != null && n.doubleValue() < p.minimum().doubleValue()) {
            reporter.error(
                at,
                SpecCodes.INVALID_VALUE,
                subject + ": the default " + v + " is below the minimum " + p.minimum());
          }
          if (p.maximum() != null && n.doubleValue() > p.maximum().doubleValue()) {
            reporter.error(
                at,
                SpecCodes.INVALID_VALUE,
                subject + ": the default " + v + " is above the maximum " + p.maximum());
          }
        }
        if (!p.enumValues().isEmpty() && !p.enumValues().contains(v)) {
          reporter.error(
              at,
              SpecCodes.INVALID_VALUE,
              subject + ": the default " + v + " is not one of " + p.enumValues());
        }
      }
    }
    if (p.minimum() != null
        && p.maximum() != null
        && p.minimum().doubleValue() > p.maximum().doubleValue()) {
      reporter.error(
          at,
          SpecCodes.INVALID_VALUE,
          subject + ": minimum " + p.minimum() + " is above maximum " + p.maximum());
    }
    if (p.hidden() && d == null) {
      reporter.error(at, SpecCodes.INVALID_VALUE, subject + ": a hidden argument needs a default");
    }
    if (p.hidden() && p.required()) {
      reporter.error(
          at, SpecCodes.INVALID_VALUE, subject + ": a hidden argument cannot be required");
    }
  }

  private static boolean fits(Object v, ParameterType type) {
    if (type == null) {
      return true;
    }
    return switch (type) {
      case STRING -> v instanceof String;
      case INTEGER -> v instanceof Long;
      case NUMBER -> v instanceof Long || v instanceof Double;
      case BOOLEAN -> v instanceof Boolean;
      case ARRAY, OBJECT -> true;
    };
  }

  private static ToolDef copy(
      ToolDef t,
      String name,
      List<String> aliases,
      String title,
      String description,
      String rateLimitClass,
      List<ParameterDef> parameters) {
    return new ToolDef(
        t.location(),
        name,
        aliases,
        title,
        description,
        t.annotations(),
        t.write(),
        rateLimitClass,
        parameters,
        t.bindings(),
        t.response(),
        t.redaction(),
        t.steps(),
        t.summary(),
        t.before());
  }
}
