package dev.airflowmcp.runtime.tool;

/**
 * A tool the server can run, of one of three kinds: a {@link GeneratedTool} (one Airflow request
 * from the tool spec), a {@link GeneratedComposite} (steps that call other tools) or a hand-written
 * {@link CustomTool}. The registry holds and the pipeline runs tools of this type; what differs
 * between the kinds is how a call is carried out, which the pipeline tells by the kind.
 */
public sealed interface Tool permits GeneratedTool, GeneratedComposite, CustomTool {

  /** The canonical tool name, as {@code tools/list} shows it. */
  String name();

  /** Whether the tool writes, and its rate-limit class. */
  ToolPolicy policy();
}
