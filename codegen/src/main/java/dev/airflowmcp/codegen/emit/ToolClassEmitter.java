package dev.airflowmcp.codegen.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.airflowmcp.codegen.model.ArgumentModel;
import dev.airflowmcp.codegen.model.BoundParam;
import dev.airflowmcp.codegen.model.OperationModel;
import dev.airflowmcp.codegen.model.ParamLocation;
import dev.airflowmcp.codegen.model.Sentences;
import dev.airflowmcp.codegen.model.ToolModel;
import dev.airflowmcp.codegen.model.ValueSource;
import dev.airflowmcp.common.AirflowMajor;
import dev.airflowmcp.common.LayoutSource;
import dev.airflowmcp.toolspec.ParamSource;
import dev.airflowmcp.toolspec.ParameterDef;
import dev.airflowmcp.toolspec.ParameterType;
import dev.airflowmcp.toolspec.ResponseDef;
import dev.airflowmcp.toolspec.StepDef;
import dev.airflowmcp.toolspec.ToolDef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javax.lang.model.element.Modifier;

/**
 * Emits one class per tool: its name, policy, typed argument record, argument parsing and one
 * request-building method per Airflow major version. Pure: the same model gives the same file.
 */
public final class ToolClassEmitter {
  private static final String ARGS = "arguments";

  private final String toolsPackage;
  private final String sourceName;

  /**
   * @param toolsPackage package of the generated tool classes
   * @param sourceName the tool spec's display name, for {@code @Generated(comments)}
   */
  public ToolClassEmitter(String toolsPackage, String sourceName) {
    this.toolsPackage = toolsPackage;
    this.sourceName = sourceName;
  }

  public JavaFile emit(ToolModel tool) {
    if (tool.def().isComposite()) {
      return emitComposite(tool);
    }
    ToolDef def = tool.def();
    ClassName self = ClassName.get(toolsPackage, tool.className());
    ClassName argsType = self.nestedClass("Arguments");

    TypeSpec.Builder type =
        TypeSpec.classBuilder(self)
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .superclass(ParameterizedTypeName.get(RuntimeTypes.PLAIN_TOOL, argsType))
            .addJavadoc("The {@code $L} tool: $L\n", def.name(), firstSentence(def.description()));
    type.addField(nameField(def));
    type.addField(policyField(tool, true));
    type.addType(argumentsRecord(tool, argsType));

    boolean shared = sharedBinding(tool);
    CodeBlock bindings;
    if (tool.operations().isEmpty()) {
      bindings = CodeBlock.of("$T.none()", RuntimeTypes.BINDINGS);
    } else if (shared) {
      CodeBlock.Builder majors = CodeBlock.builder();
      for (AirflowMajor major : tool.operations().keySet()) {
        majors.add(", $L", majorConstant(major));
      }
      bindings =
          CodeBlock.of(
              "$T.same($T::$L$L)", RuntimeTypes.BINDINGS, self, SHARED_METHOD, majors.build());
    } else {
      CodeBlock.Builder chain = CodeBlock.builder();
      boolean first = true;
      for (AirflowMajor major : tool.operations().keySet()) {
        if (first) {
          chain.add(
              "$T.of($L, $T::$L)",
              RuntimeTypes.BINDINGS,
              majorConstant(major),
              self,
              majorMethodName(major));
        } else {
          chain.add("\n.and($L, $T::$L)", majorConstant(major), self, majorMethodName(major));
        }
        first = false;
      }
      bindings = chain.build();
    }
    type.addMethod(
        MethodSpec.constructorBuilder()
            .addModifiers(Modifier.PUBLIC)
            .addStatement("super(NAME, POLICY, $L)", bindings)
            .build());
    type.addMethod(readMethod(tool, argsType));
    if (!def.before().isEmpty()) {
      type.addMethod(
          MethodSpec.methodBuilder("before")
              .addAnnotation(Override.class)
              .addModifiers(Modifier.PUBLIC)
              .returns(
                  ParameterizedTypeName.get(ClassName.get(List.class), RuntimeTypes.COMPOSITE_STEP))
              .addParameter(argsType, ARGS)
              .addStatement("return $L", steps(tool, def.before()))
              .build());
    }
    if (shared) {
      OperationModel op = tool.operations().values().iterator().next();
      type.addMethod(sharedOperationMethod(tool, op, argsType));
      for (BoundParam p : op.params()) {
        OperationModel lookup = lookupOf(p.value());
        if (lookup != null) {
          type.addMethod(sharedLookupMethod(tool, lookup, argsType, sharedLookupName(p)));
        }
      }
    } else {
      for (OperationModel op : tool.operations().values()) {
        type.addMethod(operationMethod(tool, op, argsType, majorMethodName(op.major()), false));
        for (BoundParam p : op.params()) {
          OperationModel lookup = lookupOf(p.value());
          if (lookup != null) {
            type.addMethod(
                operationMethod(tool, lookup, argsType, lookupMethodName(op.major(), p), true));
          }
        }
      }
    }
    return Stamp.file(toolsPackage, type, source(def), majorConstants(tool));
  }

  /** {@code AIRFLOW2}: a constant JavaPoet writes by its simple name under a static import. */
  private static CodeBlock majorConstant(AirflowMajor major) {
    return CodeBlock.of("$T." + major.name(), RuntimeTypes.AIRFLOW_MAJOR);
  }

  /** The {@code AirflowMajor} constants a tool's bindings name, for a static import. */
  private static List<String> majorConstants(ToolModel tool) {
    List<String> names = new ArrayList<>();
    for (AirflowMajor major : tool.operations().keySet()) {
      names.add(major.name());
    }
    return names;
  }

  /** A composite: argument parsing as for tools, then its steps, summary and layout. */
  private JavaFile emitComposite(ToolModel tool) {
    ToolDef def = tool.def();
    ClassName self = ClassName.get(toolsPackage, tool.className());
    ClassName argsType = self.nestedClass("Arguments");
    TypeSpec.Builder type =
        TypeSpec.classBuilder(self)
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .superclass(ParameterizedTypeName.get(RuntimeTypes.COMPOSITE_TOOL, argsType))
            .addJavadoc(
                "The {@code $L} composite tool: $L\n",
                def.name(),
                firstSentence(def.description()));
    type.addField(nameField(def));
    type.addField(policyField(tool, false));
    type.addField(
        FieldSpec.builder(
                RuntimeTypes.RESPONSE_SHAPE,
                "RESPONSE",
                Modifier.PRIVATE,
                Modifier.STATIC,
                Modifier.FINAL)
            .initializer(
                CodeBlock.builder()
                    .add("$L", shape(def.response(), false))
                    .indent()
                    .indent()
                    .add("\n.build()")
                    .unindent()
                    .unindent()
                    .build())
            .build());
    type.addType(argumentsRecord(tool, argsType));
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC);
    if (def.summary() == null) {
      constructor.addStatement("super(NAME, POLICY, RESPONSE)");
    } else {
      constructor.addStatement("super(NAME, POLICY, $S, RESPONSE)", def.summary());
    }
    type.addMethod(constructor.build());
    type.addMethod(readMethod(tool, argsType));
    type.addMethod(
        MethodSpec.methodBuilder("steps")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(
                ParameterizedTypeName.get(ClassName.get(List.class), RuntimeTypes.COMPOSITE_STEP))
            .addParameter(argsType, ARGS)
            .addStatement("return $L", steps(tool, def.steps()))
            .build());
    return Stamp.file(toolsPackage, type, source(def));
  }

  private static FieldSpec nameField(ToolDef def) {
    return FieldSpec.builder(String.class, "NAME", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("The MCP tool name.\n")
        .initializer("$S", def.name())
        .build();
  }

  /**
   * {@code List.of(CompositeStep.call(...).with(...).build(), ...)} for steps or before-reads, one
   * named part a line. Used in a statement, which indents its continuation lines once.
   */
  private static CodeBlock steps(ToolModel tool, List<StepDef> stepDefs) {
    CodeBlock.Builder steps = CodeBlock.builder().add("$T.of(", List.class);
    for (int i = 0; i < stepDefs.size(); i++) {
      StepDef step = stepDefs.get(i);
      steps.add(
          i == 0 ? "\n$T.call($S, $S)" : ",\n$T.call($S, $S)",
          RuntimeTypes.COMPOSITE_STEP,
          step.name(),
          step.tool());
      steps.indent().indent();
      for (Map.Entry<String, ParamSource> a : step.arguments().entrySet()) {
        steps.add("\n.with($S, $L)", a.getKey(), stepValue(tool, a.getValue()));
      }
      if (step.select() != null) {
        steps.add("\n.select($S)", step.select());
      }
      for (Map.Entry<String, String> f : step.fields().entrySet()) {
        steps.add("\n.field($S, $S)", f.getKey(), f.getValue());
      }
      if (step.maxItems() > 0) {
        steps.add("\n.maxItems($L)", step.maxItems());
      }
      steps.add("\n.build()").unindent().unindent();
    }
    return steps.add(")").build();
  }

  private static CodeBlock stepValue(ToolModel tool, ParamSource source) {
    if (source instanceof ParamSource.Constant c) {
      return Literals.of(c.value());
    }
    ParamSource.FromArgument fa = (ParamSource.FromArgument) source;
    CodeBlock value = argumentValue(tool, fa.argument());
    return fa.ifAbsent() == null
        ? value
        : CodeBlock.of("$L != null ? $L : $L", value, value, Literals.of(fa.ifAbsent()));
  }

  /**
   * Where a tool is written: its file's name (an overlay's tools may come from the spec it extends)
   * and the tool name; never a directory, so output does not depend on the checkout.
   */
  private String source(ToolDef def) {
    String file = def.location().file();
    int slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
    String name = file.isEmpty() ? sourceName : file.substring(slash + 1);
    return name + "#" + def.name();
  }

  /**
   * {@code ToolPolicy.readOnly("class").arguments(...)...build()}: each part that is not empty, one
   * a line. The response shapes of a plain tool are named once when every major has the same one,
   * and left out when Airflow's answer passes through.
   */
  private static FieldSpec policyField(ToolModel tool, boolean withResponses) {
    ToolDef def = tool.def();
    List<String> arguments = new ArrayList<>();
    for (ArgumentModel a : tool.arguments()) {
      if (!a.def().hidden()) {
        arguments.add(a.def().name());
      }
    }
    CodeBlock.Builder init =
        CodeBlock.builder()
            .add(
                "$T.$L($S)",
                RuntimeTypes.TOOL_POLICY,
                def.write() ? "writes" : "readOnly",
                def.rateLimitClass())
            .indent()
            .indent();
    if (!arguments.isEmpty()) {
      init.add("\n.arguments($L)", strings(arguments));
    }
    if (withResponses) {
      Map<AirflowMajor, String> rendered = new LinkedHashMap<>();
      for (OperationModel op : tool.operations().values()) {
        if (op.response() != null) {
          rendered.put(op.major(), shape(op.response(), true).toString());
        }
      }
      boolean same =
          rendered.size() == AirflowMajor.values().length
              && new HashSet<>(rendered.values()).size() == 1;
      if (same) {
        init.add(
            "\n.response($L)",
            shape(tool.operations().values().iterator().next().response(), true));
      } else {
        for (OperationModel op : tool.operations().values()) {
          if (op.response() != null) {
            init.add("\n.response($L, $L)", majorConstant(op.major()), shape(op.response(), true));
          }
        }
      }
    }
    if (!def.redaction().sensitiveFields().isEmpty()) {
      init.add("\n.sensitive($L)", strings(def.redaction().sensitiveFields()));
    }
    if (!def.redaction().freeTextFields().isEmpty()) {
      init.add("\n.freeText($L)", strings(def.redaction().freeTextFields()));
    }
    init.add("\n.build()").unindent().unindent();
    return FieldSpec.builder(
            RuntimeTypes.TOOL_POLICY, "POLICY", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer(init.build())
        .build();
  }

  /** {@code "a", "b"} */
  private static CodeBlock strings(List<String> values) {
    CodeBlock.Builder out = CodeBlock.builder();
    for (int i = 0; i < values.size(); i++) {
      out.add(i == 0 ? "$S" : ", $S", values.get(i));
    }
    return out.build();
  }

  /**
   * {@code ResponseShape.listOf("x")} or {@code ResponseShape.object()} and each part that is not
   * empty, one a line, indented once (8 spaces) further than the line it starts on; {@code nested}
   * in another chain, a single part stays on the first line.
   */
  private static CodeBlock shape(ResponseDef r, boolean nested) {
    List<CodeBlock> parts = new ArrayList<>();
    if (r.envelope() != null && !r.envelope().equals(r.list())) {
      parts.add(CodeBlock.of(".envelope($S)", r.envelope()));
    }
    if (!r.include().isEmpty()) {
      parts.add(CodeBlock.of(".include($L)", strings(r.include())));
    }
    if (!r.exclude().isEmpty()) {
      parts.add(CodeBlock.of(".exclude($L)", strings(r.exclude())));
    }
    if (r.maxChars() != 0) {
      parts.add(CodeBlock.of(".maxChars($L)", r.maxChars()));
    }
    if (r.truncationHint() != null) {
      parts.add(CodeBlock.of(".truncationHint($S)", r.truncationHint()));
    }
    for (Map.Entry<String, String> e : r.rename().entrySet()) {
      parts.add(CodeBlock.of(".rename($S, $S)", e.getKey(), e.getValue()));
    }
    if (r.message() != null) {
      parts.add(CodeBlock.of(".message($S)", r.message()));
    }
    for (Map.Entry<String, LayoutSource> e : r.layout().entrySet()) {
      parts.add(CodeBlock.of(".$L($S)", layoutMethod(e.getValue()), e.getKey()));
    }
    CodeBlock.Builder out =
        r.list() == null
            ? CodeBlock.builder().add("$T.object()", RuntimeTypes.RESPONSE_SHAPE)
            : CodeBlock.builder().add("$T.listOf($S)", RuntimeTypes.RESPONSE_SHAPE, r.list());
    if (parts.size() == 1 && nested) {
      return out.add("$L", parts.get(0)).build();
    }
    out.indent().indent();
    for (CodeBlock part : parts) {
      out.add("\n$L", part);
    }
    return out.unindent().unindent().build();
  }

  private static String layoutMethod(LayoutSource source) {
    String name = source.name();
    return "layout" + name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
  }

  private static TypeSpec argumentsRecord(ToolModel tool, ClassName argsType) {
    MethodSpec.Builder ctor = MethodSpec.constructorBuilder();
    TypeSpec.Builder rec =
        TypeSpec.recordBuilder(argsType)
            .addModifiers(Modifier.PUBLIC)
            .addJavadoc(
                "The arguments of {@code $L}, after parsing and defaults.\n", tool.def().name());
    if (!tool.arguments().isEmpty()) {
      rec.addJavadoc("\n");
    }
    for (ArgumentModel a : tool.arguments()) {
      ctor.addParameter(ParameterSpec.builder(javaType(a.def()), a.javaName()).build());
      String doc = a.def().description() == null ? a.def().name() : a.def().description().strip();
      rec.addJavadoc(
          "@param $L $L$L\n",
          a.javaName(),
          escapeJavadoc(doc),
          a.def().hidden() ? " (fixed, not visible to the model)" : "");
    }
    return rec.recordConstructor(ctor.build()).build();
  }

  private static MethodSpec readMethod(ToolModel tool, ClassName argsType) {
    CodeBlock.Builder values = CodeBlock.builder();
    List<ArgumentModel> args = tool.arguments();
    for (int i = 0; i < args.size(); i++) {
      values.add(i == 0 ? "\n$L" : ",\n$L", readExpression(args.get(i).def()));
    }
    return MethodSpec.methodBuilder("read")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PROTECTED)
        .returns(argsType)
        .addParameter(RuntimeTypes.ARGUMENT_READER, "reader")
        .addStatement("return new $T($L)", argsType, values.build())
        .build();
  }

  /**
   * How one argument is read, in words: {@code reader.integer("limit").between(1L, 1000L)
   * .orElse(100L)}. A hidden argument is its fixed value.
   */
  private static CodeBlock readExpression(ParameterDef p) {
    if (p.hidden()) {
      return typedLiteral(p, p.defaultValue());
    }
    String n = p.name();
    CodeBlock read =
        switch (p.type()) {
          case STRING -> CodeBlock.of("reader.string($S)$L", n, oneOf(p.enumValues()));
          case INTEGER ->
              CodeBlock.of(
                  "reader.integer($S)$L",
                  n,
                  bounds(
                      Literals.longOrNull(p.minimum()),
                      Literals.longOrNull(p.maximum()),
                      p.minimum(),
                      p.maximum()));
          case NUMBER ->
              CodeBlock.of(
                  "reader.number($S)$L",
                  n,
                  bounds(
                      Literals.doubleOrNull(p.minimum()),
                      Literals.doubleOrNull(p.maximum()),
                      p.minimum(),
                      p.maximum()));
          case BOOLEAN -> CodeBlock.of("reader.bool($S)", n);
          case ARRAY -> arrayRead(p);
          case OBJECT -> CodeBlock.of("reader.object($S)", n);
        };
    if (p.required()) {
      return CodeBlock.of("$L.required()", read);
    }
    if (p.defaultValue() == null || p.type() == ParameterType.OBJECT) {
      return CodeBlock.of("$L.optional()", read);
    }
    return CodeBlock.of("$L.orElse($L)", read, typedLiteral(p, p.defaultValue()));
  }

  private static CodeBlock oneOf(List<?> values) {
    if (values.isEmpty()) {
      return CodeBlock.of("");
    }
    CodeBlock.Builder out = CodeBlock.builder().add(".oneOf(");
    for (int i = 0; i < values.size(); i++) {
      out.add(i == 0 ? "$L" : ", $L", Literals.of(values.get(i)));
    }
    return out.add(")").build();
  }

  private static CodeBlock bounds(CodeBlock min, CodeBlock max, Object minimum, Object maximum) {
    if (minimum != null && maximum != null) {
      return CodeBlock.of(".between($L, $L)", min, max);
    }
    if (minimum != null) {
      return CodeBlock.of(".atLeast($L)", min);
    }
    if (maximum != null) {
      return CodeBlock.of(".atMost($L)", max);
    }
    return CodeBlock.of("");
  }

  private static CodeBlock arrayRead(ParameterDef p) {
    if (p.itemType() == ParameterType.INTEGER) {
      return CodeBlock.of("reader.integers($S)", p.name());
    }
    if (p.itemType() == ParameterType.STRING) {
      return CodeBlock.of("reader.strings($S)$L", p.name(), oneOf(p.enumValues()));
    }
    throw new IllegalStateException(
        "arrays of " + p.itemType() + " are not supported (parameter '" + p.name() + "')");
  }

  private static CodeBlock typedLiteral(ParameterDef p, Object value) {
    if (value == null) {
      return CodeBlock.of("null");
    }
    if (p.type() == ParameterType.NUMBER) {
      return Literals.doubleOrNull(value);
    }
    if (p.type() == ParameterType.INTEGER) {
      return Literals.longOrNull((Number) value);
    }
    return Literals.of(value);
  }

  /** The name of a binding written once for every major. */
  private static final String SHARED_METHOD = "binding";

  /**
   * Whether the tool is bound on more than one major and its bindings (with their lookups) are the
   * same on each but for the API prefix: then one method builds them all.
   */
  private static boolean sharedBinding(ToolModel tool) {
    if (tool.operations().size() < 2) {
      return false;
    }
    String first = null;
    for (OperationModel op : tool.operations().values()) {
      if (!op.path().startsWith(op.major().apiPrefix() + "/")) {
        return false;
      }
      StringBuilder rendered = new StringBuilder(sharedChain(tool, op).toString());
      for (BoundParam p : op.params()) {
        OperationModel lookup = lookupOf(p.value());
        if (lookup != null) {
          if (!lookup.path().startsWith(lookup.major().apiPrefix() + "/")) {
            return false;
          }
          rendered.append('\n').append(sharedLookupName(p)).append(sharedChain(tool, lookup));
        }
      }
      if (first == null) {
        first = rendered.toString();
      } else if (!first.equals(rendered.toString())) {
        return false;
      }
    }
    return true;
  }

  /** A request chain whose path starts with {@code major.apiPrefix()}. */
  private static CodeBlock sharedChain(ToolModel tool, OperationModel op) {
    String rest = op.path().substring(op.major().apiPrefix().length());
    CodeBlock path = CodeBlock.of("major.apiPrefix() + $S", rest);
    return chain(tool, op, path, p -> CodeBlock.of("$L(major, $L)", sharedLookupName(p), ARGS));
  }

  private static MethodSpec sharedOperationMethod(
      ToolModel tool, OperationModel op, ClassName argsType) {
    String rest = op.path().substring(op.major().apiPrefix().length());
    return MethodSpec.methodBuilder(SHARED_METHOD)
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(RuntimeTypes.AIRFLOW_REQUEST)
        .addParameter(RuntimeTypes.AIRFLOW_MAJOR, "major")
        .addParameter(argsType, ARGS)
        .addJavadoc(
            "The {@code $L} request on $L ({@code $L <api>$L}, {@code <api>} the major's"
                + " API prefix).\n",
            op.operationId(),
            majorsText(tool),
            op.method(),
            rest)
        .addStatement("return $L", sharedChain(tool, op))
        .build();
  }

  private static MethodSpec sharedLookupMethod(
      ToolModel tool, OperationModel lookup, ClassName argsType, String name) {
    return MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(RuntimeTypes.AIRFLOW_REQUEST)
        .addParameter(RuntimeTypes.AIRFLOW_MAJOR, "major")
        .addParameter(argsType, ARGS)
        .addJavadoc(
            "Reads a value for a {@code $L} request from {@code $L} ($L).\n",
            tool.def().name(),
            lookup.operationId(),
            majorsText(tool))
        .addStatement("return $L", sharedChain(tool, lookup))
        .build();
  }

  private static String majorsText(ToolModel tool) {
    StringBuilder b = new StringBuilder("Airflow ");
    int i = 0;
    int n = tool.operations().size();
    for (AirflowMajor major : tool.operations().keySet()) {
      if (i > 0) {
        b.append(i == n - 1 ? " and " : ", ");
      }
      b.append(major.number());
      i++;
    }
    return b.toString();
  }

  private static String sharedLookupName(BoundParam p) {
    String camel = camel(p.name());
    return Character.toLowerCase(camel.charAt(0)) + camel.substring(1) + "Lookup";
  }

  private static MethodSpec operationMethod(
      ToolModel tool, OperationModel op, ClassName argsType, String methodName, boolean lookup) {
    CodeBlock chain =
        chain(
            tool,
            op,
            CodeBlock.of("$S", op.path()),
            p -> CodeBlock.of("$L($L)", lookupMethodName(op.major(), p), ARGS));
    String doc =
        lookup
            ? "Reads a value for a {@code $L} request from {@code $L} ($L).\n"
            : "The {@code $L} request for $L ({@code $L}).\n";
    MethodSpec.Builder m =
        MethodSpec.methodBuilder(methodName)
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .returns(RuntimeTypes.AIRFLOW_REQUEST)
            .addParameter(argsType, ARGS);
    if (lookup) {
      m.addJavadoc(doc, tool.def().name(), op.operationId(), displayName(op.major()));
    } else {
      m.addJavadoc(doc, op.operationId(), displayName(op.major()), op.method() + " " + op.path());
    }
    return m.addStatement("return $L", chain).build();
  }

  /**
   * {@code AirflowRequest.get(operationId, path)} and a call per bound parameter; {@code
   * lookupCall} is how a lookup's request is obtained.
   */
  private static CodeBlock chain(
      ToolModel tool,
      OperationModel op,
      CodeBlock path,
      Function<BoundParam, CodeBlock> lookupCall) {
    CodeBlock.Builder chain = CodeBlock.builder();
    if ("GET".equals(op.method())) {
      chain.add("$T.get($S, $L)", RuntimeTypes.AIRFLOW_REQUEST, op.operationId(), path);
    } else {
      chain.add(
          "$T.of($S, $S, $L)", RuntimeTypes.AIRFLOW_REQUEST, op.method(), op.operationId(), path);
    }
    for (BoundParam p : op.params()) {
      chain.add("\n$L", paramCall(tool, p, lookupCall));
      ValueSource.Minimum minimum = minimumOf(p.value());
      if (minimum != null) {
        chain.add("\n.lookupMinimum($S, $LL, $S)", p.name(), minimum.value(), minimum.message());
      }
    }
    return chain.add("\n.build()").build();
  }

  private static CodeBlock paramCall(
      ToolModel tool, BoundParam p, Function<BoundParam, CodeBlock> lookupCall) {
    String verb =
        switch (p.location()) {
          case PATH -> "path";
          case QUERY -> "query";
          case HEADER -> "header";
          case BODY -> "body";
        };
    CodeBlock style =
        p.commaSeparated()
            ? CodeBlock.of(", $T.COMMA", RuntimeTypes.ARRAY_STYLE)
            : CodeBlock.of("");
    ValueSource v = p.value();
    if (v instanceof ValueSource.JsonNull) {
      return CodeBlock.of(".bodyNull($S)", p.name());
    }
    if (v instanceof ValueSource.Constant c) {
      return CodeBlock.of(".$L($S, $L$L)", verb, p.name(), Literals.of(c.value()), style);
    }
    if (v instanceof ValueSource.Argument a) {
      CodeBlock value = argumentValue(tool, a.argument());
      if (a.ifAbsent() != null) {
        value = CodeBlock.of("$L != null ? $L : $L", value, value, Literals.of(a.ifAbsent()));
      }
      return CodeBlock.of(".$L($S, $L$L)", verb, p.name(), value, style);
    }
    if (p.location() == ParamLocation.HEADER || p.location() == ParamLocation.BODY) {
      throw new IllegalStateException(
          p.location() + " value '" + p.name() + "' cannot come from a lookup");
    }
    if (v instanceof ValueSource.ArgumentOrLookup al) {
      // A given array argument keeps its style (Airflow 2 joins dag_ids with commas); only query
      // values can be arrays.
      CodeBlock lookupStyle =
          p.commaSeparated() && p.location() == ParamLocation.QUERY
              ? CodeBlock.of(", $T.COMMA", RuntimeTypes.ARRAY_STYLE)
              : CodeBlock.of("");
      return CodeBlock.of(
          ".$L($S, $L$L, $L, $S)",
          verb,
          p.name(),
          argumentValue(tool, al.argument()),
          lookupStyle,
          lookupCall.apply(p),
          al.field());
    }
    ValueSource.Lookup l = (ValueSource.Lookup) v;
    return CodeBlock.of(".$LLookup($S, $L, $S)", verb, p.name(), lookupCall.apply(p), l.field());
  }

  private static ValueSource.Minimum minimumOf(ValueSource v) {
    if (v instanceof ValueSource.ArgumentOrLookup al) {
      return al.minimum();
    }
    return v instanceof ValueSource.Lookup l ? l.minimum() : null;
  }

  private static CodeBlock argumentValue(ToolModel tool, String argumentName) {
    for (ArgumentModel a : tool.arguments()) {
      if (a.def().name().equals(argumentName)) {
        return CodeBlock.of("$L.$L()", ARGS, a.javaName());
      }
    }
    throw new IllegalStateException(
        "tool '" + tool.def().name() + "' has no argument '" + argumentName + "'");
  }

  private static OperationModel lookupOf(ValueSource v) {
    if (v instanceof ValueSource.ArgumentOrLookup al) {
      return al.lookup();
    }
    if (v instanceof ValueSource.Lookup l) {
      return l.lookup();
    }
    return null;
  }

  static TypeName javaType(ParameterDef p) {
    return switch (p.type()) {
      case STRING -> ClassName.get(String.class);
      case INTEGER -> ClassName.get(Long.class);
      case NUMBER -> ClassName.get(Double.class);
      case BOOLEAN -> ClassName.get(Boolean.class);
      case OBJECT -> ParameterizedTypeName.get(Map.class, String.class, Object.class);
      case ARRAY ->
          ParameterizedTypeName.get(
              ClassName.get(List.class),
              p.itemType() == ParameterType.INTEGER
                  ? ClassName.get(Long.class)
                  : ClassName.get(String.class));
    };
  }

  private static String majorMethodName(AirflowMajor major) {
    return major.yamlKey();
  }

  private static String lookupMethodName(AirflowMajor major, BoundParam p) {
    return major.yamlKey() + camel(p.name()) + "Lookup";
  }

  /** {@code task_try_number} as {@code TaskTryNumber}. */
  private static String camel(String name) {
    StringBuilder b = new StringBuilder();
    for (String part : name.split("[^A-Za-z0-9]+")) {
      if (!part.isEmpty()) {
        b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return b.toString();
  }

  private static String displayName(AirflowMajor major) {
    return "Airflow " + major.number();
  }

  private static String firstSentence(String description) {
    return escapeJavadoc(Sentences.first(description));
  }

  private static String escapeJavadoc(String s) {
    return s.replace("*/", "*&#47;").replace("@", "{@literal @}");
  }
}
