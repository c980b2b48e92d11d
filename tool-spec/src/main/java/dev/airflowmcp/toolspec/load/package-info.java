/**
 * The tool-spec loader: reads tool-spec YAML into the records of {@code dev.airflowmcp.toolspec},
 * keeping a {@code file:line:col} location for every element and reporting every problem with a
 * stable code from {@link dev.airflowmcp.toolspec.load.SpecCodes}.
 *
 * <p>Entry point: {@link dev.airflowmcp.toolspec.load.ToolSpecLoader}. The JSON Schema of the same
 * format, for editors, is the class-path resource {@link
 * dev.airflowmcp.toolspec.load.ToolSpecLoader#SCHEMA_RESOURCE}.
 */
package dev.airflowmcp.toolspec.load;
