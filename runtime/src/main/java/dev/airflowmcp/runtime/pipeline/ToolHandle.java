package dev.airflowmcp.runtime.pipeline;

import dev.airflowmcp.runtime.tool.CustomTool;
import dev.airflowmcp.runtime.tool.GeneratedComposite;
import dev.airflowmcp.runtime.tool.GeneratedTool;
import dev.airflowmcp.runtime.tool.ToolPolicy;
import java.util.Objects;

/** A tool the pipeline can run: generated from the tool spec, or hand-written. */
public sealed interface ToolHandle
    permits ToolHandle.Generated, ToolHandle.Custom, ToolHandle.Composite {

  /** The canonical tool name. */
  String name();

  ToolPolicy policy();

  /** A generated tool: metadata and request building, behaviour in the pipeline. */
  record Generated(GeneratedTool<?> tool) implements ToolHandle {
    public Generated {
      Objects.requireNonNull(tool, "tool");
    }

    @Override
    public String name() {
      return tool.name();
    }

    @Override
    public ToolPolicy policy() {
      return tool.policy();
    }
  }

  /** A hand-written tool registered through ServiceLoader. */
  record Custom(CustomTool tool) implements ToolHandle {
    public Custom {
      Objects.requireNonNull(tool, "tool");
    }

    @Override
    public String name() {
      return tool.descriptor().name();
    }

    @Override
    public ToolPolicy policy() {
      return tool.policy();
    }
  }

  /** A generated composite: steps that call other tools. */
  record Composite(GeneratedComposite<?> tool) implements ToolHandle {
    public Composite {
      Objects.requireNonNull(tool, "tool");
    }

    @Override
    public String name() {
      return tool.name();
    }

    @Override
    public ToolPolicy policy() {
      return tool.policy();
    }
  }
}
