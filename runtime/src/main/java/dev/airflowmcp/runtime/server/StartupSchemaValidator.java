package dev.airflowmcp.runtime.server;

import dev.airflowmcp.runtime.tool.CustomTool;
import dev.airflowmcp.runtime.tool.Tool;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The JSON Schema validator the server hands the SDK. The SDK checks every tool's input schema
 * against the JSON Schema meta-schema when the server is built, which loads and sets up a whole
 * schema library (about 260 classes) and compiles some 40 schemas before the first {@code
 * tools/list} can be answered. The schemas of the generated tools and of this runtime's own
 * hand-written tools are fixed when the jar is built, and a compat test checks each of them with
 * the SDK's validator ({@code ToolsEndToEndTest.everyInputSchemaIsAValidJsonSchema}), so they are
 * not checked again at every start; any other schema (a vendor's hand-written tool, the
 * structured-output schema) is checked as before. The SDK's validator is created on first use.
 */
final class StartupSchemaValidator implements JsonSchemaValidator {
  private final Set<Map<String, Object>> checkedAtBuild;
  private volatile JsonSchemaValidator delegate;

  /**
   * @param checkedAtBuild schemas (compared by identity) not checked again
   */
  StartupSchemaValidator(Set<Map<String, Object>> checkedAtBuild) {
    this.checkedAtBuild = checkedAtBuild;
  }

  /** A validator that trusts the input schemas of the registry's own tools (by identity). */
  static StartupSchemaValidator of(ToolRegistry registry) {
    Set<Map<String, Object>> own = Collections.newSetFromMap(new IdentityHashMap<>());
    for (ToolRegistry.Entry e : registry.entries()) {
      if (builtWithTheJar(e.tool())) {
        own.add(e.definition().inputSchema());
      }
    }
    return new StartupSchemaValidator(own);
  }

  /** Generated tools, composites and this runtime's hand-written tools. */
  static boolean builtWithTheJar(Tool tool) {
    if (tool instanceof CustomTool custom) {
      return custom.getClass().getName().startsWith("dev.airflowmcp.runtime.");
    }
    return true;
  }

  private JsonSchemaValidator delegate() {
    JsonSchemaValidator d = delegate;
    if (d == null) {
      synchronized (this) {
        d = delegate;
        if (d == null) {
          d = McpJsonDefaults.getSchemaValidator();
          delegate = d;
        }
      }
    }
    return d;
  }

  @Override
  public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
    return delegate().validate(schema, structuredContent);
  }

  @Override
  public ValidationResponse validateSchema(Map<String, Object> schema) {
    if (schema != null && checkedAtBuild.contains(schema)) {
      return ValidationResponse.asValid(null);
    }
    return delegate().validateSchema(schema);
  }
}
