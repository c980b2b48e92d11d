package dev.airflowmcp.codegen.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import dev.airflowmcp.codegen.model.GenerationModel;
import dev.airflowmcp.codegen.model.ToolModel;
import dev.airflowmcp.toolspec.RateLimitDef;
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
        ParameterizedTypeName.get(RuntimeTypes.GENERATED_TOOL, WildcardTypeName.subtypeOf(Object.class));
    TypeName listType = ParameterizedTypeName.get(ClassName.get(List.class), toolType);
    TypeName mapType = ParameterizedTypeName.get(Map.class, String.class, String.class);

    CodeBlock.Builder tools = CodeBlock.builder().add("$T.of(", List.class).indent();
    for (int i = 0; i < model.tools().size(); i++) {
      ToolModel t = model.tools().get(i);
      tools.add(i == 0 ? "\n$L" : ",\n$L",
          CodeBlock.of("new $T()", ClassName.get(toolsPackage, t.className())));
    }
    tools.unindent().add(")");

    CodeBlock.Builder aliases = CodeBlock.builder().add("$T.ofEntries(", Map.class).indent();
    boolean first = true;
    for (ToolModel t : model.tools()) {
      for (String alias : t.def().aliases()) {
        aliases.add(first ? "\n$T.entry($S, $S)" : ",\n$T.entry($S, $S)",
            Map.class, alias, t.def().name());
        first = false;
      }
    }
    aliases.unindent().add(")");

    TypeName limitsType = ParameterizedTypeName.get(ClassName.get(Map.class),
        ClassName.get(String.class), RuntimeTypes.RATE_LIMIT);
    CodeBlock.Builder limits = CodeBlock.builder().add("$T.ofEntries(", Map.class).indent();
    boolean firstLimit = true;
    for (RateLimitDef limit : model.rateLimits().values()) {
      limits.add(firstLimit ? "\n$T.entry($S, new $T($L, $L))" : ",\n$T.entry($S, new $T($L, $L))",
          Map.class, limit.rateLimitClass(), RuntimeTypes.RATE_LIMIT, limit.capacity(),
          limit.refillPerMinute());
      firstLimit = false;
    }
    limits.unindent().add(")");

    TypeSpec.Builder type =
        TypeSpec.classBuilder(self)
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addSuperinterface(RuntimeTypes.TOOL_CATALOG)
            .addJavadoc(
                "All $L generated tools, in {@code tools/list} order. Registered in\n"
                    + "{@code META-INF/services} so the runtime finds it.\n",
                model.tools().size())
            .addField(FieldSpec.builder(listType, "TOOLS", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer(tools.build())
                .build())
            .addField(FieldSpec.builder(mapType, "ALIASES", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer(aliases.build())
                .build())
            .addField(FieldSpec.builder(limitsType, "RATE_LIMITS", Modifier.PRIVATE, Modifier.STATIC,
                    Modifier.FINAL)
                .addJavadoc("Calls per identity: burst capacity and refill per minute, by class.\n")
                .initializer(limits.build())
                .build())
            .addMethod(getter("serverName", ClassName.get(String.class),
                CodeBlock.of("$S", model.server().name())))
            .addMethod(getter("instructions", ClassName.get(String.class),
                model.server().instructions() == null
                    ? CodeBlock.of("null")
                    : CodeBlock.of("$S", model.server().instructions())))
            .addMethod(getter("tools", listType, CodeBlock.of("TOOLS")))
            .addMethod(getter("manifestResource", ClassName.get(String.class),
                CodeBlock.of("$S", manifestResource)))
            .addMethod(getter("aliases", mapType, CodeBlock.of("ALIASES")))
            .addMethod(getter("rateLimits", limitsType, CodeBlock.of("RATE_LIMITS")));
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
