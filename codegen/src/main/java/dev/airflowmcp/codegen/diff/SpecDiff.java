package dev.airflowmcp.codegen.diff;

import dev.airflowmcp.codegen.diff.SpecDiffReport.Candidate;
import dev.airflowmcp.codegen.diff.SpecDiffReport.Change;
import dev.airflowmcp.codegen.diff.SpecDiffReport.Kind;
import dev.airflowmcp.codegen.model.ParamLocation;
import dev.airflowmcp.codegen.openapi.AirflowSpec;
import dev.airflowmcp.codegen.openapi.SpecOperation;
import dev.airflowmcp.codegen.openapi.SpecParameter;
import dev.airflowmcp.common.AirflowMajor;
import dev.airflowmcp.toolspec.Binding;
import dev.airflowmcp.toolspec.ParamSource;
import dev.airflowmcp.toolspec.ParameterDef;
import dev.airflowmcp.toolspec.ToolDef;
import dev.airflowmcp.toolspec.ToolSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares two Airflow REST specs of the same major version through the eyes of a tool spec: what
 * the new release breaks for the tools, what else changed in the operations they call, and which
 * read-only operations no tool exposes yet. Pure: no files, no Maven.
 *
 * <p>A tool <em>uses</em> an Airflow parameter when its binding names it under {@code params}, or
 * when a tool argument of the same name is bound to it implicitly (not named by a source, not in
 * {@code ignore}). Operations a lookup calls are compared too, with the parameters the lookup
 * sends.
 */
public final class SpecDiff {

  private SpecDiff() {}

  /**
   * Compares {@code oldSpec} with {@code newSpec} for the tools of {@code tools}.
   *
   * @throws IllegalArgumentException when the specs describe different Airflow major versions
   */
  public static SpecDiffReport compare(AirflowSpec oldSpec, AirflowSpec newSpec, ToolSpec tools) {
    Objects.requireNonNull(tools, "tools");
    if (oldSpec.major() != newSpec.major()) {
      throw new IllegalArgumentException(
          "cannot compare "
              + oldSpec.label()
              + " (Airflow "
              + oldSpec.major().number()
              + ") with "
              + newSpec.label()
              + " (Airflow "
              + newSpec.major().number()
              + "): compare specs of the same Airflow major version");
    }
    AirflowMajor major = oldSpec.major();
    List<Change> breaking = new ArrayList<>();
    List<Change> nonBreaking = new ArrayList<>();
    Set<String> exposed = new HashSet<>();
    for (ToolDef tool : tools.tools()) {
      Binding binding = tool.bindings().get(major);
      if (binding == null) {
        continue;
      }
      exposed.add(binding.operationId());
      compareOperation(
          tool.name(),
          "binding",
          binding.operationId(),
          usedParameters(tool, binding, oldSpec.operation(binding.operationId())),
          oldSpec,
          newSpec,
          breaking,
          nonBreaking);
      for (ParamSource.Lookup lookup : lookups(binding)) {
        exposed.add(lookup.operationId());
        compareOperation(
            tool.name(),
            "lookup",
            lookup.operationId(),
            lookup.params().keySet(),
            oldSpec,
            newSpec,
            breaking,
            nonBreaking);
      }
    }
    List<String> added = new ArrayList<>();
    for (String id : newSpec.operations().keySet()) {
      if (oldSpec.operation(id) == null) {
        added.add(id);
      }
    }
    List<String> removed = new ArrayList<>();
    for (String id : oldSpec.operations().keySet()) {
      if (newSpec.operation(id) == null) {
        removed.add(id);
      }
    }
    Map<String, List<Candidate>> candidates = new TreeMap<>();
    for (SpecOperation op : newSpec.operations().values()) {
      if (!isReadOnly(op) || exposed.contains(op.operationId())) {
        continue;
      }
      String tag = op.tags().isEmpty() ? "untagged" : op.tags().get(0);
      candidates
          .computeIfAbsent(tag, t -> new ArrayList<>())
          .add(
              new Candidate(
                  tag,
                  op.operationId(),
                  op.method(),
                  op.path(),
                  oldSpec.operation(op.operationId()) == null));
    }
    return new SpecDiffReport(
        oldSpec.label(),
        oldSpec.infoVersion(),
        newSpec.label(),
        newSpec.infoVersion(),
        major,
        breaking,
        nonBreaking,
        candidates,
        added,
        removed);
  }

  /**
   * Whether an operation only reads: a GET that is not the login or logout endpoint (which the
   * runtime always refuses).
   */
  public static boolean isReadOnly(SpecOperation op) {
    return "GET".equals(op.method()) && !isDenied(op);
  }

  /** Whether the runtime refuses the operation whatever the tool spec says (login, logout). */
  public static boolean isDenied(SpecOperation op) {
    String p = op.path();
    return p.endsWith("/login")
        || p.endsWith("/logout")
        || p.contains("/login/")
        || p.contains("/logout/");
  }

  /** The Airflow parameters a binding sends (named under params, or bound by argument name). */
  static Set<String> usedParameters(ToolDef tool, Binding binding, SpecOperation oldOperation) {
    Set<String> used = new LinkedHashSet<>(binding.params().keySet());
    Set<String> explicitArguments = new HashSet<>();
    for (ParamSource source : binding.params().values()) {
      if (source instanceof ParamSource.FromArgument fa) {
        explicitArguments.add(fa.argument());
      }
    }
    for (ParameterDef p : tool.parameters()) {
      String name = p.name();
      if (explicitArguments.contains(name) || binding.ignore().contains(name)) {
        continue;
      }
      if (oldOperation != null && oldOperation.parameter(name) != null) {
        used.add(name);
      }
    }
    return used;
  }

  private static List<ParamSource.Lookup> lookups(Binding binding) {
    List<ParamSource.Lookup> result = new ArrayList<>();
    for (ParamSource source : binding.params().values()) {
      if (source instanceof ParamSource.FromArgument fa && fa.lookup() != null) {
        result.add(fa.lookup());
      } else if (source instanceof ParamSource.FromLookup fl) {
        result.add(fl.lookup());
      }
    }
    return result;
  }

  private static void compareOperation(
      String tool,
      String role,
      String operationId,
      Set<String> used,
      AirflowSpec oldSpec,
      AirflowSpec newSpec,
      List<Change> breaking,
      List<Change> nonBreaking) {
    SpecOperation before = oldSpec.operation(operationId);
    if (before == null) {
      return; // the tool spec does not fit the old spec; the generator reports that
    }
    SpecOperation after = newSpec.operation(operationId);
    if (after == null) {
      SpecOperation same = samePathAndMethod(before, newSpec);
      if (same != null) {
        breaking.add(
            new Change(
                tool,
                operationId,
                role,
                null,
                true,
                Kind.OPERATION_RENAMED,
                operationId,
                same.operationId(),
                "operation "
                    + operationId
                    + " ("
                    + before.method()
                    + " "
                    + before.path()
                    + ") is now "
                    + same.operationId()
                    + "; update the "
                    + role));
      } else {
        breaking.add(
            new Change(
                tool,
                operationId,
                role,
                null,
                true,
                Kind.OPERATION_REMOVED,
                operationId,
                null,
                "operation "
                    + operationId
                    + " ("
                    + before.method()
                    + " "
                    + before.path()
                    + ") is gone from "
                    + newSpec.label()));
      }
      return;
    }
    if (!before.path().equals(after.path())) {
      breaking.add(
          new Change(
              tool,
              operationId,
              role,
              null,
              true,
              Kind.PATH_CHANGED,
              before.path(),
              after.path(),
              "path changed from " + before.path() + " to " + after.path()));
    }
    if (!before.method().equals(after.method())) {
      breaking.add(
          new Change(
              tool,
              operationId,
              role,
              null,
              true,
              Kind.METHOD_CHANGED,
              before.method(),
              after.method(),
              "method changed from " + before.method() + " to " + after.method()));
    }
    Set<String> newNames = new LinkedHashSet<>();
    for (SpecParameter p : after.parameters()) {
      if (before.parameter(p.name()) == null) {
        newNames.add(p.name());
      }
    }
    for (SpecParameter old : before.parameters()) {
      boolean isUsed = used.contains(old.name());
      SpecParameter now = after.parameter(old.name());
      if (now == null) {
        SpecParameter renamed = isUsed ? renameOf(old, after, newNames) : null;
        if (renamed != null) {
          newNames.remove(renamed.name());
          breaking.add(
              new Change(
                  tool,
                  operationId,
                  role,
                  old.name(),
                  true,
                  Kind.PARAMETER_RENAMED,
                  old.name(),
                  renamed.name(),
                  "parameter "
                      + old.name()
                      + " is gone; "
                      + renamed.name()
                      + " (same location and type) looks like its new name"));
        } else {
          (isUsed ? breaking : nonBreaking)
              .add(
                  new Change(
                      tool,
                      operationId,
                      role,
                      old.name(),
                      isUsed,
                      Kind.PARAMETER_REMOVED,
                      describe(old),
                      null,
                      "parameter "
                          + old.name()
                          + " was removed"
                          + (isUsed ? ", but the tool sends it" : " (the tool does not send it)")));
        }
        continue;
      }
      compareParameter(tool, operationId, role, old, now, isUsed, breaking, nonBreaking);
    }
    for (String name : newNames) {
      SpecParameter p = after.parameter(name);
      boolean required = p.required() && !used.contains(name);
      (required ? breaking : nonBreaking)
          .add(
              new Change(
                  tool,
                  operationId,
                  role,
                  name,
                  used.contains(name),
                  Kind.PARAMETER_ADDED,
                  null,
                  describe(p),
                  required
                      ? "new required "
                          + p.in().name().toLowerCase(java.util.Locale.ROOT)
                          + " parameter "
                          + name
                          + " that the tool does not send"
                      : "new optional parameter " + name + " (" + p.describeType() + ")"));
    }
  }

  private static void compareParameter(
      String tool,
      String operationId,
      String role,
      SpecParameter old,
      SpecParameter now,
      boolean used,
      List<Change> breaking,
      List<Change> nonBreaking) {
    String name = old.name();
    List<Change> hard = used ? breaking : nonBreaking;
    String note = used ? "" : " (the tool does not send it)";
    if (!old.describeType().equals(now.describeType())) {
      boolean widened = widenedToArray(old, now);
      (widened ? nonBreaking : hard)
          .add(
              new Change(
                  tool,
                  operationId,
                  role,
                  name,
                  used,
                  Kind.TYPE_CHANGED,
                  old.describeType(),
                  now.describeType(),
                  "type of "
                      + name
                      + " changed from "
                      + old.describeType()
                      + " to "
                      + now.describeType()
                      + (widened
                          ? "; one value is still sent as before, several are now possible"
                          : "")
                      + note));
    }
    if (old.in() != now.in()) {
      hard.add(
          new Change(
              tool,
              operationId,
              role,
              name,
              used,
              Kind.LOCATION_CHANGED,
              old.in().name().toLowerCase(java.util.Locale.ROOT),
              now.in().name().toLowerCase(java.util.Locale.ROOT),
              name + " moved from " + old.in() + " to " + now.in() + note));
    }
    if ("array".equals(old.type())
        && "array".equals(now.type())
        && old.commaSeparated() != now.commaSeparated()) {
      hard.add(
          new Change(
              tool,
              operationId,
              role,
              name,
              used,
              Kind.ARRAY_STYLE_CHANGED,
              style(old),
              style(now),
              name + " is now sent " + style(now) + note));
    }
    if (!old.required() && now.required()) {
      (used ? nonBreaking : breaking)
          .add(
              new Change(
                  tool,
                  operationId,
                  role,
                  name,
                  used,
                  Kind.NOW_REQUIRED,
                  "optional",
                  "required",
                  name
                      + " is now required"
                      + (used
                          ? "; the tool sends it, check it always does"
                          : ", but the tool does not send it")));
    } else if (old.required() && !now.required()) {
      nonBreaking.add(
          new Change(
              tool,
              operationId,
              role,
              name,
              used,
              Kind.NO_LONGER_REQUIRED,
              "required",
              "optional",
              name + " is now optional" + note));
    }
    if (!old.enumValues().equals(now.enumValues())) {
      List<Object> lost = new ArrayList<>(old.enumValues());
      lost.removeAll(now.enumValues());
      boolean narrowed = !now.enumValues().isEmpty() && !lost.isEmpty();
      (narrowed && used ? breaking : nonBreaking)
          .add(
              new Change(
                  tool,
                  operationId,
                  role,
                  name,
                  used,
                  Kind.ENUM_CHANGED,
                  String.valueOf(old.enumValues()),
                  String.valueOf(now.enumValues()),
                  "allowed values of "
                      + name
                      + " changed"
                      + (narrowed ? "; no longer allowed: " + lost : "")
                      + note));
    }
    if (!Objects.equals(old.defaultValue(), now.defaultValue())) {
      nonBreaking.add(
          new Change(
              tool,
              operationId,
              role,
              name,
              used,
              Kind.DEFAULT_CHANGED,
              String.valueOf(old.defaultValue()),
              String.valueOf(now.defaultValue()),
              "Airflow's default for "
                  + name
                  + " changed from "
                  + old.defaultValue()
                  + " to "
                  + now.defaultValue()
                  + note));
    }
    if (!Objects.equals(old.format(), now.format())) {
      nonBreaking.add(
          new Change(
              tool,
              operationId,
              role,
              name,
              used,
              Kind.FORMAT_CHANGED,
              old.format(),
              now.format(),
              "format of "
                  + name
                  + " changed from "
                  + old.format()
                  + " to "
                  + now.format()
                  + note));
    }
    if (!Objects.equals(old.bounds(), now.bounds())) {
      nonBreaking.add(
          new Change(
              tool,
              operationId,
              role,
              name,
              used,
              Kind.BOUNDS_CHANGED,
              old.bounds(),
              now.bounds(),
              "bounds of "
                  + name
                  + " changed from "
                  + (old.bounds() == null ? "none" : old.bounds())
                  + " to "
                  + (now.bounds() == null ? "none" : now.bounds())
                  + note));
    }
    if (old.nullable() != now.nullable()) {
      nonBreaking.add(
          new Change(
              tool,
              operationId,
              role,
              name,
              used,
              Kind.NULLABLE_CHANGED,
              Boolean.toString(old.nullable()),
              Boolean.toString(now.nullable()),
              name + (now.nullable() ? " now accepts null" : " no longer accepts null") + note));
    }
  }

  /**
   * A query parameter that took one value and now takes an array of the same type: a single value
   * is sent exactly as before ({@code ?order_by=x}), so tools keep working.
   */
  private static boolean widenedToArray(SpecParameter old, SpecParameter now) {
    return old.in() == ParamLocation.QUERY
        && now.in() == ParamLocation.QUERY
        && old.type() != null
        && !"array".equals(old.type())
        && "array".equals(now.type())
        && old.type().equals(now.itemType());
  }

  private static String style(SpecParameter p) {
    return p.commaSeparated() ? "comma-separated" : "as repeated parameters";
  }

  private static SpecParameter renameOf(
      SpecParameter old, SpecOperation after, Set<String> newNames) {
    SpecParameter match = null;
    for (String name : newNames) {
      SpecParameter p = after.parameter(name);
      if (p.in() == old.in() && p.describeType().equals(old.describeType())) {
        if (match != null) {
          return null; // ambiguous: report a removal instead of guessing
        }
        match = p;
      }
    }
    return match;
  }

  private static SpecOperation samePathAndMethod(SpecOperation old, AirflowSpec newSpec) {
    for (SpecOperation op : newSpec.operations().values()) {
      if (op.path().equals(old.path()) && op.method().equals(old.method())) {
        return op;
      }
    }
    return null;
  }

  private static String describe(SpecParameter p) {
    return p.in().name().toLowerCase(java.util.Locale.ROOT)
        + " "
        + p.describeType()
        + (p.required() ? ", required" : "");
  }
}
