package dev.airflowmcp.codegen.docs;

import dev.airflowmcp.codegen.model.BoundParam;
import dev.airflowmcp.codegen.model.GenerationModel;
import dev.airflowmcp.codegen.model.OperationModel;
import dev.airflowmcp.codegen.model.ToolModel;
import dev.airflowmcp.codegen.model.ValueSource;
import dev.airflowmcp.common.AirflowMajor;
import dev.airflowmcp.toolspec.ParameterDef;
import dev.airflowmcp.toolspec.StepDef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds the {@link MigrationTableView} of a model: a pure function of its inputs. */
public final class MigrationTables {
  private MigrationTables() {}

  /** What an operation cell says when the tool has none for that Airflow major. */
  static final String NONE = "—";

  /** What an operation cell says for a hand-written tool. */
  static final String HAND_WRITTEN = "hand-written";

  /**
   * The migration table of a generated server.
   *
   * @param model the validated model of the build
   * @param writesEnabled whether the build enables write tools
   * @param astro astro-airflow-mcp's tools
   * @param runtime the hand-written tools the runtime ships (see {@link RuntimeTools})
   */
  public static MigrationTableView view(
      GenerationModel model,
      boolean writesEnabled,
      AstroTools astro,
      List<RuntimeTools.Tool> runtime) {
    Map<String, ToolModel> byName = new HashMap<>();
    Map<String, ToolModel> byAlias = new HashMap<>();
    for (ToolModel t : model.tools()) {
      byName.put(t.def().name(), t);
      for (String alias : t.def().aliases()) {
        byAlias.putIfAbsent(alias, t);
      }
    }
    Map<String, RuntimeTools.Tool> handWritten = new HashMap<>();
    for (RuntimeTools.Tool r : runtime) {
      // A generated tool of the same name replaces the hand-written one; a write tool is only
      // listed by a write-enabled server.
      if (!byName.containsKey(r.name())
          && !byAlias.containsKey(r.name())
          && (!r.write() || writesEnabled)) {
        handWritten.put(r.name(), r);
      }
    }

    Set<String> serving = new LinkedHashSet<>();
    List<MigrationTableView.AstroTool> rows = new ArrayList<>();
    int served = 0;
    int registration = 0;
    for (AstroTools.Tool a : astro.tools()) {
      ToolModel t = byName.containsKey(a.name()) ? byName.get(a.name()) : byAlias.get(a.name());
      RuntimeTools.Tool r = handWritten.get(a.name());
      if (t != null) {
        served++;
        serving.add(t.def().name());
        rows.add(
            new MigrationTableView.AstroTool(
                a.name(),
                t.def().name(),
                !t.def().name().equals(a.name()),
                "",
                operations(t, AirflowMajor.AIRFLOW2, byName),
                operations(t, AirflowMajor.AIRFLOW3, byName),
                arguments(visibleParameters(t), a.arguments()),
                t.def().write()));
      } else if (r != null) {
        if (r.registeredByDefault()) {
          served++;
        } else {
          registration++;
        }
        serving.add(r.name());
        rows.add(
            new MigrationTableView.AstroTool(
                a.name(),
                r.name(),
                false,
                handWrittenNote(r),
                HAND_WRITTEN,
                HAND_WRITTEN,
                arguments(
                    r.arguments().stream().map(n -> new Argument(n, false)).toList(),
                    a.arguments()),
                r.write()));
      } else {
        String note =
            a.write() && !writesEnabled ? "writes are not enabled" : "not in the tool spec";
        rows.add(
            new MigrationTableView.AstroTool(
                a.name(), null, false, note, NONE, NONE, "", a.write()));
      }
    }

    List<MigrationTableView.AddedTool> added = new ArrayList<>();
    for (ToolModel t : model.tools()) {
      if (!serving.contains(t.def().name())) {
        added.add(
            new MigrationTableView.AddedTool(
                t.def().name(),
                DocsRenderer.cell(DocsRenderer.firstSentence(t.def().description())),
                operations(t, AirflowMajor.AIRFLOW2, byName),
                operations(t, AirflowMajor.AIRFLOW3, byName),
                t.def().write()));
      }
    }
    for (RuntimeTools.Tool r : runtime) {
      if (handWritten.containsKey(r.name())
          && !serving.contains(r.name())
          && r.registeredByDefault()) {
        added.add(
            new MigrationTableView.AddedTool(
                r.name(),
                DocsRenderer.cell(r.summary() + " " + capitalised(handWrittenNote(r)) + "."),
                HAND_WRITTEN,
                HAND_WRITTEN,
                r.write()));
      }
    }
    return new MigrationTableView(
        model.server().name(),
        astro.version(),
        astro.tools().size(),
        served,
        registration,
        writesEnabled,
        rows,
        added);
  }

  private record Argument(String name, boolean required) {}

  private static List<Argument> visibleParameters(ToolModel t) {
    List<Argument> out = new ArrayList<>();
    for (ParameterDef p : t.def().parameters()) {
      if (!p.hidden()) {
        out.add(new Argument(p.name(), p.required()));
      }
    }
    return out;
  }

  /** Ours beyond astro's (required ones marked), then astro's that ours lacks. */
  private static String arguments(List<Argument> ours, List<String> astros) {
    List<String> extra = new ArrayList<>();
    Set<String> ourNames = new LinkedHashSet<>();
    for (Argument a : ours) {
      ourNames.add(a.name());
      if (!astros.contains(a.name())) {
        extra.add("`" + a.name() + "`" + (a.required() ? " (required)" : ""));
      }
    }
    List<String> missing = new ArrayList<>();
    for (String a : astros) {
      if (!ourNames.contains(a)) {
        missing.add("`" + a + "`");
      }
    }
    String cell = String.join(", ", extra);
    if (!missing.isEmpty()) {
      cell += (cell.isEmpty() ? "" : "; ") + "does not take " + String.join(", ", missing);
    }
    return cell;
  }

  /**
   * The Airflow calls of a tool for one major version, as a Markdown cell: its operation, after its
   * lookups and its before-reads ({@code byName} finds the tools those reads call).
   */
  static String operations(ToolModel t, AirflowMajor major, Map<String, ToolModel> byName) {
    if (t.def().isComposite()) {
      Set<String> tools = new LinkedHashSet<>();
      for (StepDef s : t.def().steps()) {
        tools.add("`" + s.tool() + "`");
      }
      return "calls " + String.join(", ", tools);
    }
    OperationModel op = t.operations().get(major);
    if (op == null) {
      return NONE;
    }
    Set<String> lookups = new LinkedHashSet<>();
    for (BoundParam p : op.params()) {
      if (p.value() instanceof ValueSource.Lookup l) {
        lookups.add(call(l.lookup()) + " for `" + p.name() + "`");
      } else if (p.value() instanceof ValueSource.ArgumentOrLookup l) {
        lookups.add(call(l.lookup()) + " when `" + l.argument() + "` is absent");
      }
    }
    for (StepDef read : t.def().before()) {
      ToolModel called = byName.get(read.tool());
      OperationModel readOp = called == null ? null : called.operations().get(major);
      lookups.add(
          (readOp == null ? "`" + read.tool() + "`" : call(readOp)) + " for `" + read.name() + "`");
    }
    String cell = call(op);
    if (!lookups.isEmpty()) {
      cell += ", after " + String.join(", ", lookups);
    }
    return DocsRenderer.cell(cell);
  }

  private static String call(OperationModel op) {
    return "`" + op.method() + " " + op.path() + "`";
  }

  private static String handWrittenNote(RuntimeTools.Tool r) {
    return r.registeredByDefault()
        ? "hand-written, in the runtime"
        : "hand-written, in the runtime; listed once `" + r.className() + "` is registered";
  }

  private static String capitalised(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
