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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
            .addSuperinterface(ParameterizedTypeName.get(RuntimeTypes.GENERATED_TOOL, argsType))
            .addJavadoc("The {@code $L} tool: $L\n", def.name(), firstSentence(def.description()));

    type.addField(
        FieldSpec.builder(String.class, "NAME", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc("The MCP tool name.\n")
            .initializer("$S", def.name())
            .build());
    type.addField(argumentNamesField(tool));
    type.addField(policyField(tool));
    type.addType(argumentsRecord(tool, argsType));

    type.addMethod(
        MethodSpec.methodBuilder("name")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(String.class)
            .addStatement("return NAME")
            .build());
    type.addMethod(
        MethodSpec.methodBuilder("policy")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(RuntimeTypes.TOOL_POLICY)
            .addStatement("return POLICY")
            .build());
    type.addMethod(parseMethod(tool, argsType));
    type.addMethod(supportsMethod(tool));
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
    type.addMethod(requestMethod(tool, argsType));
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
    return Stamp.file(toolsPackage, type, source(def));
  }

  /** A composite: argument parsing as for tools, then its steps, summary and layout. */
  private JavaFile emitComposite(ToolModel tool) {
    ToolDef def = tool.def();
    ClassName self = ClassName.get(toolsPackage, tool.className());
    ClassName argsType = self.nestedClass("Arguments");
    TypeSpec.Builder type =
        TypeSpec.classBuilder(self)
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addSuperinterface(
                ParameterizedTypeName.get(RuntimeTypes.GENERATED_COMPOSITE, argsType))
            .addJavadoc(
                "The {@code $L} composite tool: $L\n", def.name(), firstSentence(def.description()));
    type.addField(
        FieldSpec.builder(String.class, "NAME", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc("The MCP tool name.\n")
            .initializer("$S", def.name())
            .build());
    type.addField(argumentNamesField(tool));
    type.addField(policyField(tool));
    type.addField(
        FieldSpec.builder(
                RuntimeTypes.RESPONSE_SHAPE,
                "RESPONSE",
                Modifier.PRIVATE,
                Modifier.STATIC,
                Modifier.FINAL)
            .initializer(shape(def.response()))
            .build());
    type.addType(argumentsRecord(tool, argsType));
    type.addMethod(
        MethodSpec.methodBuilder("name")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(String.class)
            .addStatement("return NAME")
            .build());
    type.addMethod(
        MethodSpec.methodBuilder("policy")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(RuntimeTypes.TOOL_POLICY)
            .addStatement("return POLICY")
            .build());
    type.addMethod(parseMethod(tool, argsType));

    type.addMethod(
        MethodSpec.methodBuilder("steps")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(ParameterizedTypeName.get(ClassName.get(List.class), RuntimeTypes.COMPOSITE_STEP))
            .addParameter(argsType, ARGS)
            .addStatement("return $L", steps(tool, def.steps()))
            .build());
    type.addMethod(
        MethodSpec.methodBuilder("summary")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(String.class)
            .addStatement("return $L", Literals.of(def.summary()))
            .build());
    type.addMethod(
        MethodSpec.methodBuilder("response")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(RuntimeTypes.RESPONSE_SHAPE)
            .addStatement("return RESPONSE")
            .build());
    return Stamp.file(toolsPackage, type, source(def));
  }

  /** {@code List.of(new CompositeStep(...), ...)} for steps or before-reads. */
  private static CodeBlock steps(ToolModel tool, List<StepDef> stepDefs) {
    CodeBlock.Builder steps = CodeBlock.builder().add("$T.of(", List.class).indent();
    for (int i = 0; i < stepDefs.size(); i++) {
      StepDef step = stepDefs.get(i);
      CodeBlock.Builder args = CodeBlock.builder().add("$T.values(", RuntimeTypes.ORDERED_MAPS);
      boolean first = true;
      for (Map.Entry<String, ParamSource> a : step.arguments().entrySet()) {
        args.add(first ? "$S, $L" : ", $S, $L", a.getKey(), stepValue(tool, a.getValue()));
        first = false;
      }
      CodeBlock.Builder fields = CodeBlock.builder().add("$T.strings(", RuntimeTypes.ORDERED_MAPS);
      first = true;
      for (Map.Entry<String, String> f : step.fields().entrySet()) {
        fields.add(first ? "$S, $S" : ", $S, $S", f.getKey(), f.getValue());
        first = false;
      }
      steps.add(i == 0 ? "\nnew $T($S, $S, $L, $L, $L, $L)" : ",\nnew $T($S, $S, $L, $L, $L, $L)",
          RuntimeTypes.COMPOSITE_STEP, step.name(), step.tool(), args.add(")").build(),
          Literals.of(step.select()), fields.add(")").build(), step.maxItems());
    }
    return steps.unindent().add(")").build();
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
   * Where a tool is written: its file's name (an overlay's tools may come from the spec it
   * extends) and the tool name; never a directory, so output does not depend on the checkout.
   */
  private String source(ToolDef def) {
    String file = def.location().file();
    int slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
    String name = file.isEmpty() ? sourceName : file.substring(slash + 1);
    return name + "#" + def.name();
  }

  private static FieldSpec argumentNamesField(ToolModel tool) {
    List<String> names = new ArrayList<>();
    for (ArgumentModel a : tool.arguments()) {
      if (!a.def().hidden()) {
        names.add(a.def().name());
      }
    }
    CodeBlock.Builder init = CodeBlock.builder().add("$T.of(", Set.class);
    for (int i = 0; i < names.size(); i++) {
      init.add(i == 0 ? "$S" : ", $S", names.get(i));
    }
    init.add(")");
    return FieldSpec.builder(
            ParameterizedTypeName.get(Set.class, String.class),
            "ARGUMENT_NAMES",
            Modifier.PRIVATE,
            Modifier.STATIC,
            Modifier.FINAL)
        .initializer(init.build())
        .build();
  }

  private static FieldSpec policyField(ToolModel tool) {
    ToolDef def = tool.def();
    List<String> echoed = new ArrayList<>();
    for (ArgumentModel a : tool.arguments()) {
      if (!a.def().hidden()) {
        echoed.add(a.def().name());
      }
    }
    CodeBlock.Builder responses = CodeBlock.builder().add("$T.of(", Map.class).indent();
    boolean first = true;
    for (OperationModel op : tool.operations().values()) {
      responses.add(first ? "\n$T.$L, $L" : ",\n$T.$L, $L",
          RuntimeTypes.AIRFLOW_MAJOR, op.major().name(), shape(op.response()));
      first = false;
    }
    responses.unindent().add(")");
    CodeBlock init =
        CodeBlock.builder()
            .add("new $T(\n", RuntimeTypes.TOOL_POLICY)
            .indent()
            .add("$L,\n", def.write())
            .add("$S,\n", def.rateLimitClass())
            .add("$L,\n", Literals.listOf(echoed))
            .add("$L,\n", responses.build())
            .add("$L,\n", Literals.listOf(def.redaction().sensitiveFields()))
            .add("$L)", Literals.listOf(def.redaction().freeTextFields()))
            .unindent()
            .build();
    return FieldSpec.builder(
            RuntimeTypes.TOOL_POLICY, "POLICY", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer(init)
        .build();
  }

  private static CodeBlock shape(ResponseDef r) {
    if (r == null) {
      return CodeBlock.of("$T.PASS_THROUGH", RuntimeTypes.RESPONSE_SHAPE);
    }
    if (r.rename().isEmpty() && r.layout().isEmpty() && r.message() == null) {
      return CodeBlock.of(
          "new $T($L, $L, $L, $L, $L, $L)",
          RuntimeTypes.RESPONSE_SHAPE,
          Literals.of(r.list()),
          Literals.of(r.envelope()),
          Literals.listOf(r.include()),
          Literals.listOf(r.exclude()),
          r.maxChars(),
          Literals.of(r.truncationHint()));
    }
    CodeBlock.Builder rename = CodeBlock.builder().add("$T.strings(", RuntimeTypes.ORDERED_MAPS);
    boolean first = true;
    for (Map.Entry<String, String> e : r.rename().entrySet()) {
      rename.add(first ? "$S, $S" : ", $S, $S", e.getKey(), e.getValue());
      first = false;
    }
    CodeBlock.Builder layout = CodeBlock.builder().add("$T.layout(", RuntimeTypes.ORDERED_MAPS);
    first = true;
    for (Map.Entry<String, LayoutSource> e : r.layout().entrySet()) {
      layout.add(first ? "$S, $T.$L" : ", $S, $T.$L",
          e.getKey(), RuntimeTypes.LAYOUT_SOURCE, e.getValue().name());
      first = false;
    }
    return CodeBlock.of(
        "new $T($L, $L, $L, $L, $L, $L, $L, $L, $L)",
        RuntimeTypes.RESPONSE_SHAPE,
        Literals.of(r.list()),
        Literals.of(r.envelope()),
        Literals.listOf(r.include()),
        Literals.listOf(r.exclude()),
        r.maxChars(),
        Literals.of(r.truncationHint()),
        rename.add(")").build(),
        layout.add(")").build(),
        Literals.of(r.message()));
  }

  private static TypeSpec argumentsRecord(ToolModel tool, ClassName argsType) {
    MethodSpec.Builder ctor = MethodSpec.constructorBuilder();
    TypeSpec.Builder rec =
        TypeSpec.recordBuilder(argsType)
            .addModifiers(Modifier.PUBLIC)
            .addJavadoc("The arguments of {@code $L}, after parsing and defaults.\n", tool.def().name());
    if (!tool.arguments().isEmpty()) {
      rec.addJavadoc("\n");
    }
    for (ArgumentModel a : tool.arguments()) {
      ctor.addParameter(ParameterSpec.builder(javaType(a.def()), a.javaName()).build());
      String doc = a.def().description() == null ? a.def().name() : a.def().description().strip();
      rec.addJavadoc("@param $L $L$L\n", a.javaName(), escapeJavadoc(doc),
          a.def().hidden() ? " (fixed, not visible to the model)" : "");
    }
    return rec.recordConstructor(ctor.build()).build();
  }

  private static MethodSpec parseMethod(ToolModel tool, ClassName argsType) {
    MethodSpec.Builder m =
        MethodSpec.methodBuilder("parseArguments")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(argsType)
            .addParameter(
                ParameterizedTypeName.get(Map.class, String.class, Object.class), "raw")
            .addException(RuntimeTypes.INVALID_ARGUMENTS);
    m.addStatement(
        "$T reader = $T.of(raw, ARGUMENT_NAMES)",
        RuntimeTypes.ARGUMENT_READER,
        RuntimeTypes.ARGUMENT_READER);
    CodeBlock.Builder values = CodeBlock.builder();
    List<ArgumentModel> args = tool.arguments();
    for (int i = 0; i < args.size(); i++) {
      values.add(i == 0 ? "\n$L" : ",\n$L", readExpression(args.get(i).def()));
    }
    m.addStatement("$T $L = new $T($L)", argsType, ARGS, argsType, values.build());
    m.addStatement("reader.finish()");
    m.addStatement("return $L", ARGS);
    return m.build();
  }

  private static CodeBlock readExpression(ParameterDef p) {
    if (p.hidden()) {
      return typedLiteral(p, p.defaultValue());
    }
    String n = p.name();
    boolean req = p.required();
    return switch (p.type()) {
      case STRING ->
          CodeBlock.of(
              "reader.string($S, $L, $L, $L)",
              n, req, Literals.of(p.defaultValue()), Literals.listOf(p.enumValues()));
      case INTEGER ->
          CodeBlock.of(
              "reader.integer($S, $L, $L, $L, $L)",
              n, req,
              Literals.longOrNull((Number) p.defaultValue()),
              Literals.longOrNull(p.minimum()),
              Literals.longOrNull(p.maximum()));
      case NUMBER ->
          CodeBlock.of(
              "reader.number($S, $L, $L, $L, $L)",
              n, req,
              Literals.doubleOrNull(p.defaultValue()),
              Literals.doubleOrNull(p.minimum()),
              Literals.doubleOrNull(p.maximum()));
      case BOOLEAN -> CodeBlock.of("reader.bool($S, $L, $L)", n, req, Literals.of(p.defaultValue()));
      case ARRAY -> withDefault(p, arrayRead(p));
      case OBJECT -> CodeBlock.of("reader.object($S, $L)", n, req);
    };
  }

  private static CodeBlock arrayRead(ParameterDef p) {
    if (p.itemType() == ParameterType.INTEGER) {
      return CodeBlock.of("reader.integerList($S, $L)", p.name(), p.required());
    }
    if (p.itemType() == ParameterType.STRING) {
      return CodeBlock.of(
          "reader.stringList($S, $L, $L)",
          p.name(), p.required(), Literals.listOf(p.enumValues()));
    }
    throw new IllegalStateException(
        "arrays of " + p.itemType() + " are not supported (parameter '" + p.name() + "')");
  }

  private static CodeBlock withDefault(ParameterDef p, CodeBlock read) {
    if (p.defaultValue() == null) {
      return read;
    }
    return CodeBlock.of(
        "$T.requireNonNullElse($L, $L)", Objects.class, read, typedLiteral(p, p.defaultValue()));
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

  private static MethodSpec supportsMethod(ToolModel tool) {
    CodeBlock.Builder expr = CodeBlock.builder();
    boolean first = true;
    for (AirflowMajor major : tool.operations().keySet()) {
      expr.add(first ? "major == $T.$L" : " || major == $T.$L", RuntimeTypes.AIRFLOW_MAJOR, major.name());
      first = false;
    }
    if (first) {
      expr.add("false");
    }
    return MethodSpec.methodBuilder("supports")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(boolean.class)
        .addParameter(RuntimeTypes.AIRFLOW_MAJOR, "major")
        .addStatement("return $L", expr.build())
        .build();
  }

  private static MethodSpec requestMethod(ToolModel tool, ClassName argsType) {
    MethodSpec.Builder m =
        MethodSpec.methodBuilder("request")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(RuntimeTypes.AIRFLOW_REQUEST)
            .addParameter(RuntimeTypes.AIRFLOW_MAJOR, "major")
            .addParameter(argsType, ARGS);
    m.beginControlFlow("switch (major)");
    for (AirflowMajor major : tool.operations().keySet()) {
      m.addCode("case $L:\n", major.name());
      m.addStatement("$>return $L($L)$<", majorMethodName(major), ARGS);
    }
    m.addCode("default:\n");
    m.addStatement(
        "$>throw new $T(NAME + \" has no binding for \" + major)$<",
        UnsupportedOperationException.class);
    m.endControlFlow();
    return m.build();
  }

  private static MethodSpec operationMethod(
      ToolModel tool, OperationModel op, ClassName argsType, String methodName, boolean lookup) {
    CodeBlock.Builder chain = CodeBlock.builder();
    if ("GET".equals(op.method())) {
      chain.add("$T.get($S, $S)", RuntimeTypes.AIRFLOW_REQUEST, op.operationId(), op.path());
    } else {
      chain.add("$T.of($S, $S, $S)",
          RuntimeTypes.AIRFLOW_REQUEST, op.method(), op.operationId(), op.path());
    }
    for (BoundParam p : op.params()) {
      chain.add("\n$L", paramCall(tool, op, p));
      ValueSource.Minimum minimum = minimumOf(p.value());
      if (minimum != null) {
        chain.add("\n.lookupMinimum($S, $LL, $S)", p.name(), minimum.value(), minimum.message());
      }
    }
    chain.add("\n.build()");
    String doc = lookup
        ? "Reads a value for a {@code $L} request from {@code $L} ($L).\n"
        : "The {@code $L} request for $L ({@code $L}).\n";
    MethodSpec.Builder m = MethodSpec.methodBuilder(methodName)
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(RuntimeTypes.AIRFLOW_REQUEST)
        .addParameter(argsType, ARGS);
    if (lookup) {
      m.addJavadoc(doc, tool.def().name(), op.operationId(), displayName(op.major()));
    } else {
      m.addJavadoc(doc, op.operationId(), displayName(op.major()), op.method() + " " + op.path());
    }
    return m.addStatement("return $L", chain.build()).build();
  }

  private static CodeBlock paramCall(ToolModel tool, OperationModel op, BoundParam p) {
    String verb = switch (p.location()) {
      case PATH -> "path";
      case QUERY -> "query";
      case HEADER -> "header";
      case BODY -> "body";
    };
    CodeBlock style = p.commaSeparated()
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
      CodeBlock lookupStyle = p.commaSeparated() && p.location() == ParamLocation.QUERY
          ? CodeBlock.of(", $T.COMMA", RuntimeTypes.ARRAY_STYLE)
          : CodeBlock.of("");
      return CodeBlock.of(".$L($S, $L$L, $L($L), $S)",
          verb, p.name(), argumentValue(tool, al.argument()), lookupStyle,
          lookupMethodName(op.major(), p), ARGS, al.field());
    }
    ValueSource.Lookup l = (ValueSource.Lookup) v;
    return CodeBlock.of(".$LLookup($S, $L($L), $S)",
        verb, p.name(), lookupMethodName(op.major(), p), ARGS, l.field());
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
      case ARRAY -> ParameterizedTypeName.get(
          ClassName.get(List.class),
          p.itemType() == ParameterType.INTEGER ? ClassName.get(Long.class) : ClassName.get(String.class));
    };
  }

  private static String majorMethodName(AirflowMajor major) {
    return major.yamlKey();
  }

  private static String lookupMethodName(AirflowMajor major, BoundParam p) {
    StringBuilder b = new StringBuilder(major.yamlKey());
    for (String part : p.name().split("[^A-Za-z0-9]+")) {
      if (!part.isEmpty()) {
        b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return b.append("Lookup").toString();
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
