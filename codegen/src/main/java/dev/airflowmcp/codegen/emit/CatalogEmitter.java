package dev.airflowmcp.codegen.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import dev.airflowmcp.codegen.model.GenerationModel;
import dev.airflowmcp.codegen.model.ToolModel;
import dev.airflowmcp.toolspec.PromptDef;
import dev.airflowmcp.toolspec.RateLimitDef;
import dev.airflowmcp.toolspec.ResourceDef;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/** Emits the registry of all tools: the {@code ToolCatalog} the runtime finds by ServiceLoader. */
public final class CatalogEmitter {
  /** Simple name of the generated catalog class. */
  public static final String CLASS_NAME = "AirflowToolCatalog";

  private final String sourceName;

  public CatalogEmitter(String sourceName) {
    this.sourceName = sourceName;
  }

  public JavaFile emit(GenerationModel model, String toolsPackage, String manifestResource) {
    ClassName self = ClassName.get(model.basePackage(), CLASS_NAME);
    TypeName toolType =
        ParameterizedTypeName.get(
            RuntimeTypes.GENERATED_TOOL, WildcardTypeName.subtypeOf(Object.class));
    TypeName listType = ParameterizedTypeName.get(ClassName.get(List.class), toolType);
    TypeName mapType = ParameterizedTypeName.get(Map.class, String.class, String.class);

    CodeBlock.Builder tools = CodeBlock.builder().add("$T.of(", List.class);
    CodeBlock.Builder composites = CodeBlock.builder().add("$T.of(", List.class);
    int toolCount = 0;
    int compositeCount = 0;
    for (ToolModel t : model.tools()) {
      CodeBlock create = CodeBlock.of("new $T()", ClassName.get(toolsPackage, t.className()));
      if (t.def().isComposite()) {
        composites.add(compositeCount++ == 0 ? "\n$L" : ",\n$L", create);
      } else {
        tools.add(toolCount++ == 0 ? "\n$L" : ",\n$L", create);
      }
    }
    tools.add(")");
    composites.add(")");
    TypeName compositeListType =
        ParameterizedTypeName.get(
            ClassName.get(List.class),
            ParameterizedTypeName.get(
                RuntimeTypes.GENERATED_COMPOSITE, WildcardTypeName.subtypeOf(Object.class)));

    CodeBlock.Builder aliases = CodeBlock.builder().add("$T.ofEntries(", Map.class);
    boolean first = true;
    for (ToolModel t : model.tools()) {
      for (String alias : t.def().aliases()) {
        aliases.add(
            first ? "\n$T.entry($S, $S)" : ",\n$T.entry($S, $S)", Map.class, alias, t.def().name());
        first = false;
      }
    }
    aliases.add(")");

    TypeName limitsType =
        ParameterizedTypeName.get(
            ClassName.get(Map.class), ClassName.get(String.class), RuntimeTypes.RATE_LIMIT);
    CodeBlock.Builder limits = CodeBlock.builder().add("$T.ofEntries(", Map.class);
    boolean firstLimit = true;
    for (RateLimitDef limit : model.rateLimits().values()) {
      CodeBlock value =
          limit.maxConcurrent() > 0
              ? CodeBlock.of(
                  "new $T($L, $L, $L)",
                  RuntimeTypes.RATE_LIMIT,
                  limit.capacity(),
                  limit.refillPerMinute(),
                  limit.maxConcurrent())
              : CodeBlock.of(
                  "new $T($L, $L)",
                  RuntimeTypes.RATE_LIMIT,
                  limit.capacity(),
                  limit.refillPerMinute());
      limits.add(
          firstLimit ? "\n$T.entry($S, $L)" : ",\n$T.entry($S, $L)",
          Map.class,
          limit.rateLimitClass(),
          value);
      firstLimit = false;
    }
    limits.add(")");

    TypeSpec.Builder type =
        TypeSpec.classBuilder(self)
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addSuperinterface(RuntimeTypes.TOOL_CATALOG)
            .addJavadoc(
                "All $L generated tools (composites listed apart), in {@code tools/list} order."
                    + " Registered in\n"
                    + "{@code META-INF/services} so the runtime finds it. Holds no state: each"
                    + " method builds what it\n"
                    + "returns, so the runtime checks the contract version before it creates a"
                    + " tool.\n",
                model.tools().size())
            .addMethod(
                getter(
                        "contractVersion",
                        TypeName.INT,
                        CodeBlock.of("$L", RuntimeTypes.CONTRACT_VERSION))
                    .toBuilder()
                    .addJavadoc(
                        "Generated for version $L of the runtime contract ({@code $L}).\n",
                        RuntimeTypes.CONTRACT_VERSION,
                        RuntimeTypes.CONTRACT_PACKAGE)
                    .build())
            .addMethod(
                getter(
                    "serverName",
                    ClassName.get(String.class),
                    CodeBlock.of("$S", model.server().name())))
            .addMethod(
                getter(
                    "instructions",
                    ClassName.get(String.class),
                    model.server().instructions() == null
                        ? CodeBlock.of("null")
                        : CodeBlock.of("$S", model.server().instructions())))
            .addMethod(getter("tools", listType, tools.build()))
            .addMethod(
                getter(
                    "manifestResource",
                    ClassName.get(String.class),
                    CodeBlock.of("$S", manifestResource)))
            .addMethod(getter("aliases", mapType, aliases.build()));
    if (!model.resources().isEmpty()) {
      TypeName resourceList =
          ParameterizedTypeName.get(ClassName.get(List.class), RuntimeTypes.RESOURCE_DESCRIPTOR);
      CodeBlock.Builder list = CodeBlock.builder().add("$T.of(", List.class);
      for (int i = 0; i < model.resources().size(); i++) {
        ResourceDef r = model.resources().get(i);
        CodeBlock.Builder args = CodeBlock.builder().add("$T.values(", RuntimeTypes.ORDERED_MAPS);
        boolean firstArgument = true;
        for (Map.Entry<String, Object> a : r.arguments().entrySet()) {
          args.add(firstArgument ? "$S, $L" : ", $S, $L", a.getKey(), Literals.of(a.getValue()));
          firstArgument = false;
        }
        list.add(
            i == 0 ? "\nnew $T($S, $S, $L, $S, $S, $L)" : ",\nnew $T($S, $S, $L, $S, $S, $L)",
            RuntimeTypes.RESOURCE_DESCRIPTOR,
            r.uri(),
            r.name(),
            Literals.of(r.description()),
            r.mimeType(),
            r.tool(),
            args.add(")").build());
      }
      list.add(")");
      type.addMethod(getter("resources", resourceList, list.build()));
    }
    if (!model.prompts().isEmpty()) {
      TypeName promptList =
          ParameterizedTypeName.get(ClassName.get(List.class), RuntimeTypes.PROMPT_DESCRIPTOR);
      ClassName argument = RuntimeTypes.PROMPT_DESCRIPTOR.nestedClass("Argument");
      CodeBlock.Builder list = CodeBlock.builder().add("$T.of(", List.class);
      for (int i = 0; i < model.prompts().size(); i++) {
        PromptDef p = model.prompts().get(i);
        CodeBlock.Builder args = CodeBlock.builder().add("$T.of(", List.class);
        for (int j = 0; j < p.arguments().size(); j++) {
          PromptDef.Argument a = p.arguments().get(j);
          args.add(
              j == 0 ? "new $T($S, $L, $L)" : ", new $T($S, $L, $L)",
              argument,
              a.name(),
              Literals.of(a.description()),
              a.required());
        }
        list.add(
            i == 0 ? "\nnew $T($S, $L, $L, $S)" : ",\nnew $T($S, $L, $L, $S)",
            RuntimeTypes.PROMPT_DESCRIPTOR,
            p.name(),
            Literals.of(p.description()),
            args.add(")").build(),
            p.text());
      }
      list.add(")");
      type.addMethod(getter("prompts", promptList, list.build()));
    }
    if (compositeCount > 0) {
      type.addMethod(getter("composites", compositeListType, composites.build()));
    }
    type.addMethod(
        getter("rateLimits", limitsType, limits.build()).toBuilder()
            .addJavadoc("Calls per identity: burst capacity and refill per minute, by class.\n")
            .build());
    return Stamp.file(model.basePackage(), type, sourceName);
  }

  private static MethodSpec getter(String name, TypeName type, CodeBlock value) {
    return MethodSpec.methodBuilder(name)
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(type)
        .addStatement("return $L", value)
        .build();
  }
}
