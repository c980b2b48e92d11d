package dev.airflowmcp.codegen.bind;

import dev.airflowmcp.codegen.model.BoundParam;
import dev.airflowmcp.codegen.model.OperationModel;
import dev.airflowmcp.codegen.model.ParamLocation;
import dev.airflowmcp.codegen.model.ValueSource;
import dev.airflowmcp.codegen.openapi.AirflowSpec;
import dev.airflowmcp.codegen.openapi.SpecOperation;
import dev.airflowmcp.codegen.openapi.SpecParameter;
import dev.airflowmcp.common.AirflowMajor;
import dev.airflowmcp.common.DidYouMean;
import dev.airflowmcp.toolspec.Binding;
import dev.airflowmcp.toolspec.ParamSource;
import dev.airflowmcp.toolspec.ParameterDef;
import dev.airflowmcp.toolspec.ParameterType;
import dev.airflowmcp.toolspec.ResponseDef;
import dev.airflowmcp.toolspec.SourceLocation;
import dev.airflowmcp.toolspec.ToolDef;
import dev.airflowmcp.toolspec.diag.Diagnostics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Checks one binding of one tool against every configured spec of its major version and resolves it
 * into an {@link OperationModel} taken from the newest of those specs. Every problem is reported;
 * the result is only meaningful when none was an error.
 */
final class BindingResolver {

  private static final Set<String> FORBIDDEN_IDS = Set.of("login", "logout");
  private static final List<String> FORBIDDEN_PATH_ENDINGS = List.of("/auth/login", "/auth/logout");

  /** One operation as one spec has it. */
  private record Found(AirflowSpec spec, SpecOperation operation) {}

  private final ToolDef tool;
  private final AirflowMajor major;
  private final Binding binding;
  private final List<AirflowSpec> specs;
  private final SortedSet<String> operationIds;
  private final Diagnostics diagnostics;

  /** Parameters that receive an array argument joined into one string. */
  private final Set<String> joined = new HashSet<>();

  /** Arguments a source of the binding itself names; they are never bound by name. */
  private final Set<String> explicit = new HashSet<>();

  /** Parameters an explicit source binds, whether or not the source is valid. */
  private final Set<String> claimed = new HashSet<>();

  /** Arguments a lookup names; bound by name only where that is possible everywhere. */
  private final Set<String> forLookups = new HashSet<>();

  /**
   * @param specs the specs of the binding's major version, oldest first; not empty
   * @param operationIds every operationId of those specs, for hints
   */
  BindingResolver(
      ToolDef tool,
      AirflowMajor major,
      Binding binding,
      List<AirflowSpec> specs,
      SortedSet<String> operationIds,
      Diagnostics diagnostics) {
    this.tool = tool;
    this.major = major;
    this.binding = binding;
    this.specs = specs;
    this.operationIds = operationIds;
    this.diagnostics = diagnostics;
  }

  /** Validates the binding; returns its operation, or {@code null} when it cannot be resolved. */
  OperationModel resolve() {
    String id = binding.operationId();
    List<Found> found = find(id, binding.location(), false);
    if (found == null) {
      return null;
    }
    if (!tool.write()) {
      for (Found f : found) {
        if (!"GET".equals(f.operation().method())) {
          diagnostics.error(
              binding.location(),
              CodegenCodes.WRITE_OPERATION,
              "tool '"
                  + tool.name()
                  + "' is read-only but its "
                  + major.yamlKey()
                  + " binding calls "
                  + f.operation().method()
                  + " operation '"
                  + id
                  + "'",
              "mark the tool write: true");
          break;
        }
      }
    }
    Map<String, ValueSource> sources = new LinkedHashMap<>();
    for (Map.Entry<String, ParamSource> e : binding.params().entrySet()) {
      bindExplicit(found, e.getKey(), e.getValue(), sources);
    }
    checkIgnored(found);
    bindByName(found, sources);
    SpecOperation newest = newest(found);
    bindConstants(newest, sources);
    bindNulls(newest, sources);
    Set<String> bound = new HashSet<>(sources.keySet());
    bound.addAll(claimed);
    checkRequired(found, bound, binding.location(), false);
    ResponseDef response = binding.response() != null ? binding.response() : tool.response();
    return new OperationModel(
        major, id, newest.method(), newest.path(), boundParams(newest, sources, joined), response);
  }

  // ---- operations

  /**
   * The operation in every spec that has it, oldest first, after reporting forbidden, unknown,
   * partly missing and differing operations; {@code null} when it cannot be used at all.
   */
  private List<Found> find(String id, SourceLocation at, boolean lookup) {
    String what = (lookup ? "lookup operation '" : major.yamlKey() + " operation '") + id + "'";
    if (FORBIDDEN_IDS.contains(id)) {
      forbidden(at, what);
      return null;
    }
    List<Found> found = new ArrayList<>();
    List<String> lacking = new ArrayList<>();
    for (AirflowSpec s : specs) {
      SpecOperation op = s.operation(id);
      if (op == null) {
        lacking.add(s.label());
      } else {
        found.add(new Found(s, op));
      }
    }
    if (found.isEmpty()) {
      String message =
          "tool '"
              + tool.name()
              + "' uses "
              + what
              + ", which no configured Airflow "
              + major.number()
              + " spec has";
      diagnostics.error(
          at,
          lookup ? CodegenCodes.LOOKUP_INVALID : CodegenCodes.UNKNOWN_OPERATION,
          message,
          DidYouMean.hint(id, operationIds));
      return null;
    }
    for (Found f : found) {
      String path = f.operation().path();
      if (FORBIDDEN_PATH_ENDINGS.stream().anyMatch(path::endsWith)) {
        forbidden(at, what + " (" + f.operation().method() + " " + path + ")");
        return null;
      }
    }
    if (!lacking.isEmpty()) {
      diagnostics.error(
          at,
          CodegenCodes.OPERATION_NOT_IN_SPEC,
          "tool '"
              + tool.name()
              + "' uses "
              + what
              + ", which "
              + String.join(", ", lacking)
              + (lacking.size() == 1 ? " does" : " do")
              + " not have",
          "bind an operation that every configured Airflow "
              + major.number()
              + " spec has, or leave out the older spec");
    }
    SpecOperation newest = newest(found);
    for (Found f : found.subList(0, found.size() - 1)) {
      SpecOperation op = f.operation();
      if (!op.method().equals(newest.method()) || !op.path().equals(newest.path())) {
        diagnostics.error(
            at,
            CodegenCodes.PATH_DIFFERS,
            what
                + " is "
                + op.method()
                + " "
                + op.path()
                + " in "
                + f.spec().label()
                + " but "
                + newest.method()
                + " "
                + newest.path()
                + " in "
                + found.get(found.size() - 1).spec().label(),
            "the generated tool calls one path per major version; configure specs that agree");
      }
    }
    return found;
  }

  private void forbidden(SourceLocation at, String what) {
    diagnostics.error(
        at,
        CodegenCodes.FORBIDDEN_OPERATION,
        "tool '" + tool.name() + "' uses " + what + ", which is never allowed",
        "login and logout cannot be exposed as tools; remove the binding");
  }

  private static SpecOperation newest(List<Found> found) {
    return found.get(found.size() - 1).operation();
  }

  // ---- parameters

  private void bindExplicit(
      List<Found> found, String name, ParamSource source, Map<String, ValueSource> sources) {
    String op = describe(found);
    List<Found> withParam = withParameter(found, name, source.location(), op);
    if (source instanceof ParamSource.Constant c) {
      if (!withParam.isEmpty()) {
        checkValue("constant", c.value(), name, withParam, c.location(), op);
        sources.put(name, new ValueSource.Constant(c.value()));
      }
    } else if (source instanceof ParamSource.FromArgument fa) {
      bindArgument(fa, name, withParam, op, sources);
    } else if (source instanceof ParamSource.FromLookup fl) {
      OperationModel lookup = resolveLookup(fl.lookup());
      if (lookup != null && !withParam.isEmpty()) {
        sources.put(
            name,
            new ValueSource.Lookup(
                lookup, fl.lookup().field(), ValueSource.Minimum.of(fl.lookup())));
      }
    }
    if (!withParam.isEmpty()) {
      claimed.add(name);
    }
  }

  private void bindArgument(
      ParamSource.FromArgument fa,
      String name,
      List<Found> withParam,
      String op,
      Map<String, ValueSource> sources) {
    explicit.add(fa.argument());
    ParameterDef argument = argument(fa.argument(), name, fa.location());
    if (fa.lookup() != null && fa.ifAbsent() != null) {
      diagnostics.error(
          fa.location(),
          CodegenCodes.LOOKUP_INVALID,
          "parameter '" + name + "' has both an ifAbsent value and a lookup",
          "keep one of them");
    }
    OperationModel lookup = fa.lookup() == null ? null : resolveLookup(fa.lookup());
    if (withParam.isEmpty()) {
      return;
    }
    if (argument != null && fa.join() != null) {
      checkJoin(argument, fa.join(), name, withParam, fa.location(), op);
      joined.add(name);
    } else if (argument != null) {
      checkArgument(argument, name, withParam, fa.location(), op);
    }
    if (argument != null) {
      if (fa.ifAbsent() == null && fa.lookup() == null) {
        checkOptionalPath(argument, name, withParam, fa.location(), op);
      }
    }
    if (fa.ifAbsent() != null) {
      checkValue("ifAbsent value", fa.ifAbsent(), name, withParam, fa.location(), op);
    }
    sources.put(
        name,
        lookup != null
            ? new ValueSource.ArgumentOrLookup(
                fa.argument(), lookup, fa.lookup().field(), ValueSource.Minimum.of(fa.lookup()))
            : new ValueSource.Argument(fa.argument(), fa.ifAbsent()));
  }

  /**
   * Binds every argument that no source of the binding names to the operation parameter of the same
   * name. An argument that is left unbound is an error, unless a lookup uses it.
   */
  private void bindByName(List<Found> found, Map<String, ValueSource> sources) {
    String op = describe(found);
    for (ParameterDef argument : tool.parameters()) {
      String name = argument.name();
      if (explicit.contains(name) || binding.ignore().contains(name)) {
        continue;
      }
      List<Found> withParam = new ArrayList<>();
      List<String> lacking = new ArrayList<>();
      for (Found f : found) {
        if (f.operation().parameter(name) != null) {
          withParam.add(f);
        } else {
          lacking.add(f.spec().label());
        }
      }
      boolean taken = claimed.contains(name);
      if (forLookups.contains(name) && (taken || !lacking.isEmpty())) {
        continue;
      }
      String unbound =
          "argument '" + name + "' of tool '" + tool.name() + "' is bound to no parameter of " + op;
      if (withParam.isEmpty()) {
        diagnostics.error(
            binding.location(),
            CodegenCodes.UNBOUND_ARGUMENT,
            unbound,
            DidYouMean.hint(name, parameterNames(found)));
        continue;
      }
      if (taken) {
        diagnostics.error(
            binding.location(),
            CodegenCodes.UNBOUND_ARGUMENT,
            unbound + ": parameter '" + name + "' takes its value from another source",
            "bind the argument to another parameter under params, or remove it");
        continue;
      }
      if (!lacking.isEmpty()) {
        diagnostics.error(
            binding.location(),
            CodegenCodes.UNBOUND_ARGUMENT,
            unbound + " in " + String.join(", ", lacking),
            null);
      }
      checkArgument(argument, name, withParam, binding.location(), op);
      checkOptionalPath(argument, name, withParam, binding.location(), op);
      sources.put(name, new ValueSource.Argument(name, null));
    }
  }

  /**
   * An ignored argument must be one the operation cannot take: reported when a source of this
   * binding sends it, or when every spec's operation has a parameter of its name.
   */
  private void checkIgnored(List<Found> found) {
    String op = describe(found);
    for (String name : binding.ignore()) {
      if (explicit.contains(name)) {
        diagnostics.error(
            binding.location(),
            CodegenCodes.IGNORED_ARGUMENT,
            "argument '"
                + name
                + "' of tool '"
                + tool.name()
                + "' is ignored by the "
                + major.yamlKey()
                + " binding, but a parameter source of that binding sends it",
            "remove it from ignore, or from the parameter sources");
      } else if (found.stream().allMatch(f -> f.operation().parameter(name) != null)) {
        diagnostics.error(
            binding.location(),
            CodegenCodes.IGNORED_ARGUMENT,
            "argument '"
                + name
                + "' of tool '"
                + tool.name()
                + "' is ignored, but "
                + op
                + " has a parameter '"
                + name
                + "'",
            "remove it from ignore so that it is sent");
      }
    }
  }

  /** Sends the spec's {@code const} for every parameter nothing else binds. */
  private static void bindConstants(SpecOperation operation, Map<String, ValueSource> sources) {
    for (SpecParameter p : operation.parameters()) {
      if (p.constValue() != null && !sources.containsKey(p.name())) {
        sources.put(p.name(), new ValueSource.Constant(p.constValue()));
      }
    }
  }

  /**
   * Body fields Airflow requires but accepts as null get JSON null when nothing else binds them.
   */
  private static void bindNulls(SpecOperation operation, Map<String, ValueSource> sources) {
    for (SpecParameter p : operation.parameters()) {
      if (p.in() == ParamLocation.BODY
          && p.required()
          && p.nullable()
          && !sources.containsKey(p.name())) {
        sources.put(p.name(), new ValueSource.JsonNull());
      }
    }
  }

  private void checkRequired(
      List<Found> found, Set<String> bound, SourceLocation at, boolean lookup) {
    Map<String, List<String>> missing = new LinkedHashMap<>();
    for (Found f : found) {
      for (SpecParameter p : f.operation().parameters()) {
        if (p.required() && !bound.contains(p.name())) {
          missing.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(f.spec().label());
        }
      }
    }
    String op = describe(found);
    for (Map.Entry<String, List<String>> e : missing.entrySet()) {
      String where = inSpecs(e.getValue(), found.size());
      if (lookup) {
        diagnostics.error(
            at,
            CodegenCodes.LOOKUP_INVALID,
            "lookup " + op + " leaves required parameter '" + e.getKey() + "' unbound" + where,
            "bind it under the lookup's params");
      } else {
        diagnostics.error(
            at,
            CodegenCodes.UNBOUND_REQUIRED_PARAMETER,
            "required parameter '" + e.getKey() + "' of " + op + " gets no value" + where,
            "add a tool argument named '" + e.getKey() + "', or bind the parameter under params");
      }
    }
  }

  /** The specs whose operation has the parameter, after reporting the specs that do not. */
  private List<Found> withParameter(List<Found> found, String name, SourceLocation at, String op) {
    List<Found> withParam = new ArrayList<>();
    List<String> lacking = new ArrayList<>();
    for (Found f : found) {
      if (f.operation().parameter(name) != null) {
        withParam.add(f);
      } else {
        lacking.add(f.spec().label());
      }
    }
    if (withParam.isEmpty()) {
      diagnostics.error(
          at,
          CodegenCodes.UNKNOWN_PARAMETER,
          op + " has no parameter '" + name + "'",
          DidYouMean.hint(name, parameterNames(found)));
    } else if (!lacking.isEmpty()) {
      diagnostics.error(
          at,
          CodegenCodes.UNKNOWN_PARAMETER,
          op + " has no parameter '" + name + "' in " + String.join(", ", lacking),
          null);
    }
    return withParam;
  }

  private ParameterDef argument(String argumentName, String parameter, SourceLocation at) {
    ParameterDef argument = tool.parameter(argumentName);
    if (argument == null) {
      SortedSet<String> names = new TreeSet<>();
      for (ParameterDef p : tool.parameters()) {
        names.add(p.name());
      }
      diagnostics.error(
          at,
          CodegenCodes.UNKNOWN_ARGUMENT,
          "parameter '"
              + parameter
              + "' takes argument '"
              + argumentName
              + "', which tool '"
              + tool.name()
              + "' does not have",
          DidYouMean.hint(argumentName, names));
    }
    return argument;
  }

  /** An array argument joined into one string parameter: a comma list of scalars. */
  private void checkJoin(
      ParameterDef argument,
      String separator,
      String name,
      List<Found> withParam,
      SourceLocation at,
      String op) {
    if (!separator.equals(",")) {
      diagnostics.error(
          at,
          CodegenCodes.TYPE_MISMATCH,
          "parameter '" + name + "' joins with '" + separator + "'; only ',' is supported",
          "Airflow's list parameters are comma-separated: use join: ','");
      return;
    }
    if (argument.type() != ParameterType.ARRAY) {
      diagnostics.error(
          at,
          CodegenCodes.TYPE_MISMATCH,
          "argument '"
              + argument.name()
              + "' ("
              + TypeRules.describe(argument)
              + ") is joined into parameter '"
              + name
              + "', but only arrays can be joined",
          "drop join, or make the argument an array");
      return;
    }
    List<String> misfits = new ArrayList<>();
    for (Found f : withParam) {
      SpecParameter p = f.operation().parameter(name);
      if (p.type() != null && !"string".equals(p.type())) {
        misfits.add(f.spec().label());
      }
    }
    if (!misfits.isEmpty()) {
      diagnostics.error(
          at,
          CodegenCodes.TYPE_MISMATCH,
          "argument '"
              + argument.name()
              + "' is joined into parameter '"
              + name
              + "' of "
              + op
              + ", which is not a string in "
              + String.join(", ", misfits),
          "join only into string parameters; arrays fit array parameters without join");
    }
  }

  private void checkArgument(
      ParameterDef argument, String name, List<Found> withParam, SourceLocation at, String op) {
    Map<String, List<String>> misfits = new LinkedHashMap<>();
    for (Found f : withParam) {
      SpecParameter p = f.operation().parameter(name);
      if (!TypeRules.argumentFits(argument, p)) {
        misfits.computeIfAbsent(p.describeType(), k -> new ArrayList<>()).add(f.spec().label());
      }
    }
    for (Map.Entry<String, List<String>> e : misfits.entrySet()) {
      diagnostics.error(
          at,
          CodegenCodes.TYPE_MISMATCH,
          "argument '"
              + argument.name()
              + "' ("
              + TypeRules.describe(argument)
              + ") does not fit parameter '"
              + name
              + "' of "
              + op
              + " ("
              + e.getKey()
              + ") in "
              + String.join(", ", e.getValue()),
          argument.type() == ParameterType.ARRAY && e.getKey().equals("string")
              ? "send the array as one comma-separated string with join: ','"
              : null);
    }
  }

  private void checkValue(
      String kind, Object value, String name, List<Found> withParam, SourceLocation at, String op) {
    Map<String, List<String>> misfits = new LinkedHashMap<>();
    for (Found f : withParam) {
      SpecParameter p = f.operation().parameter(name);
      if (!TypeRules.valueFits(value, p)) {
        misfits.computeIfAbsent(p.describeType(), k -> new ArrayList<>()).add(f.spec().label());
      }
    }
    for (Map.Entry<String, List<String>> e : misfits.entrySet()) {
      diagnostics.error(
          at,
          CodegenCodes.TYPE_MISMATCH,
          kind
              + " "
              + TypeRules.show(value)
              + " does not fit parameter '"
              + name
              + "' of "
              + op
              + " ("
              + e.getKey()
              + ") in "
              + String.join(", ", e.getValue()),
          null);
    }
  }

  private void checkOptionalPath(
      ParameterDef argument, String name, List<Found> withParam, SourceLocation at, String op) {
    boolean path =
        withParam.stream().anyMatch(f -> f.operation().parameter(name).in() == ParamLocation.PATH);
    if (path && !argument.required() && argument.defaultValue() == null) {
      diagnostics.error(
          at,
          CodegenCodes.OPTIONAL_PATH_PARAMETER,
          "path parameter '"
              + name
              + "' of "
              + op
              + " is bound to optional argument '"
              + argument.name()
              + "', which has no default, ifAbsent value or lookup",
          "make the argument required, or give it a default, an ifAbsent value or a lookup");
    }
  }

  // ---- lookups

  private OperationModel resolveLookup(ParamSource.Lookup lookup) {
    forLookups.addAll(lookup.params().values());
    List<Found> found = find(lookup.operationId(), lookup.location(), true);
    if (found == null) {
      return null;
    }
    String op = describe(found);
    for (Found f : found) {
      if (!"GET".equals(f.operation().method())) {
        diagnostics.error(
            lookup.location(),
            CodegenCodes.LOOKUP_INVALID,
            "lookup " + op + " is " + f.operation().method() + "; lookups must be GET operations",
            null);
        break;
      }
    }
    if (lookup.field().isBlank()) {
      diagnostics.error(
          lookup.location(),
          CodegenCodes.LOOKUP_INVALID,
          "lookup " + op + " names no response field",
          "set field to the top-level response field that holds the value");
    }
    Map<String, ValueSource> sources = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : lookup.params().entrySet()) {
      String name = e.getKey();
      List<Found> withParam = withParameter(found, name, lookup.location(), op);
      if (withParam.isEmpty()) {
        continue;
      }
      ParameterDef argument = argument(e.getValue(), name, lookup.location());
      if (argument != null) {
        checkArgument(argument, name, withParam, lookup.location(), op);
        checkOptionalPath(argument, name, withParam, lookup.location(), op);
      }
      sources.put(name, new ValueSource.Argument(e.getValue(), null));
    }
    SpecOperation newest = newest(found);
    bindConstants(newest, sources);
    checkRequired(found, sources.keySet(), lookup.location(), true);
    return new OperationModel(
        major,
        lookup.operationId(),
        newest.method(),
        newest.path(),
        boundParams(newest, sources, Set.of()),
        ResponseDef.passThrough(lookup.location()));
  }

  // ---- helpers

  /** The bound parameters in the newest spec's order: path, then query, then header. */
  private static List<BoundParam> boundParams(
      SpecOperation operation, Map<String, ValueSource> sources, Set<String> joined) {
    List<SpecParameter> ordered = new ArrayList<>(operation.parameters());
    ordered.sort(Comparator.comparing(SpecParameter::in)); // stable: keeps spec order within a kind
    List<BoundParam> params = new ArrayList<>();
    for (SpecParameter p : ordered) {
      ValueSource value = sources.get(p.name());
      if (value != null) {
        params.add(
            new BoundParam(
                p.name(), p.in(), p.commaSeparated() || joined.contains(p.name()), value));
      }
    }
    return params;
  }

  private String describe(List<Found> found) {
    return major.yamlKey() + " operation '" + newest(found).operationId() + "'";
  }

  private static SortedSet<String> parameterNames(List<Found> found) {
    SortedSet<String> names = new TreeSet<>();
    for (Found f : found) {
      for (SpecParameter p : f.operation().parameters()) {
        names.add(p.name());
      }
    }
    return names;
  }

  private static String inSpecs(List<String> labels, int total) {
    return labels.size() == total ? "" : " in " + String.join(", ", labels);
  }
}
