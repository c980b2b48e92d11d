package dev.airflowmcp.codegen.emit;

import com.palantir.javapoet.ClassName;

/**
 * The runtime types generated code refers to, named in one place. The codegen has no compile-time
 * dependency on the runtime; tests compile the output against it.
 */
final class RuntimeTypes {
  private RuntimeTypes() {}

  static final String RUNTIME = "dev.airflowmcp.runtime";

  /** The runtime package that documents the contract generated code compiles against. */
  static final String CONTRACT_PACKAGE = RUNTIME + ".generated";

  /**
   * The contract version this generator writes for: {@code Contract.VERSION} of the runtime of the
   * same release (a codegen test checks they agree). The generated catalog states it and the
   * runtime refuses a catalog of another version.
   */
  static final int CONTRACT_VERSION = 1;

  static final ClassName GENERATED_TOOL = ClassName.get(RUNTIME + ".tool", "GeneratedTool");
  static final ClassName GENERATED_COMPOSITE =
      ClassName.get(RUNTIME + ".tool", "GeneratedComposite");
  static final ClassName COMPOSITE_STEP = ClassName.get(RUNTIME + ".tool", "CompositeStep");
  static final ClassName RESOURCE_DESCRIPTOR =
      ClassName.get(RUNTIME + ".tool", "ResourceDescriptor");
  static final ClassName PROMPT_DESCRIPTOR = ClassName.get(RUNTIME + ".tool", "PromptDescriptor");
  static final ClassName TOOL_CATALOG = ClassName.get(RUNTIME + ".tool", "ToolCatalog");
  static final ClassName TOOL_POLICY = ClassName.get(RUNTIME + ".tool", "ToolPolicy");
  static final ClassName RESPONSE_SHAPE = ClassName.get(RUNTIME + ".tool", "ResponseShape");
  static final ClassName RATE_LIMIT = ClassName.get(RUNTIME + ".tool", "RateLimit");
  static final ClassName AIRFLOW_REQUEST = ClassName.get(RUNTIME + ".airflow", "AirflowRequest");
  static final ClassName ARRAY_STYLE = AIRFLOW_REQUEST.nestedClass("ArrayStyle");
  static final ClassName PLAIN_TOOL = ClassName.get(CONTRACT_PACKAGE, "PlainTool");
  static final ClassName COMPOSITE_TOOL = ClassName.get(CONTRACT_PACKAGE, "CompositeTool");
  static final ClassName BINDINGS = ClassName.get(CONTRACT_PACKAGE, "Bindings");
  static final ClassName ARGUMENT_READER = ClassName.get(CONTRACT_PACKAGE, "ArgumentReader");
  static final ClassName ORDERED_MAPS = ClassName.get(CONTRACT_PACKAGE, "OrderedMaps");
  static final ClassName AIRFLOW_MAJOR = ClassName.get("dev.airflowmcp.common", "AirflowMajor");
  static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
}
