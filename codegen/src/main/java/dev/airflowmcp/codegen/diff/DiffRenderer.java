package dev.airflowmcp.codegen.diff;

import dev.airflowmcp.codegen.diff.SpecDiffReport.Candidate;
import dev.airflowmcp.codegen.diff.SpecDiffReport.Change;
import dev.airflowmcp.codegen.emit.JsonWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders diff reports as Markdown (for a release pull request) and JSON (for tools). Both are
 * deterministic: the same report gives the same bytes.
 */
public final class DiffRenderer {

  private DiffRenderer() {}

  /** Several spec diffs (one per pair of consecutive specs) as one Markdown document. */
  public static String markdown(List<SpecDiffReport> reports) {
    StringBuilder out = new StringBuilder("# Airflow spec changes for the tools\n");
    for (SpecDiffReport r : reports) {
      out.append('\n').append(markdown(r));
    }
    return out.toString();
  }

  /** One spec diff as a Markdown section. */
  public static String markdown(SpecDiffReport r) {
    StringBuilder out = new StringBuilder();
    out.append("## ").append(r.oldSpec()).append(" → ").append(r.newSpec()).append("\n\n");
    out.append("Airflow ")
        .append(r.major().number())
        .append(", info.version ")
        .append(r.oldVersion())
        .append(" → ")
        .append(r.newVersion())
        .append(". ")
        .append(r.breaking().size())
        .append(" breaking, ")
        .append(r.nonBreaking().size())
        .append(" non-breaking changes for tools; ")
        .append(r.allCandidates().size())
        .append(" read-only operations no tool exposes; ")
        .append(r.addedOperations().size())
        .append(" operations added, ")
        .append(r.removedOperations().size())
        .append(" removed.\n\n");
    changes(out, "Breaking changes", r.breaking());
    changes(out, "Non-breaking changes touching tools", r.nonBreaking());
    out.append("### Candidates: read-only operations no tool exposes\n\n");
    if (r.candidates().isEmpty()) {
      out.append("None.\n\n");
    } else {
      for (Map.Entry<String, List<Candidate>> e : r.candidates().entrySet()) {
        out.append("- **").append(e.getKey()).append("**: ");
        List<String> items = new ArrayList<>();
        for (Candidate c : e.getValue()) {
          items.add(
              "`"
                  + c.operationId()
                  + "` ("
                  + c.method()
                  + " "
                  + c.path()
                  + ")"
                  + (c.isNew() ? " *new*" : ""));
        }
        out.append(String.join(", ", items)).append('\n');
      }
      out.append('\n');
    }
    ids(out, "Operations added", r.addedOperations());
    ids(out, "Operations removed", r.removedOperations());
    return out.toString();
  }

  private static void changes(StringBuilder out, String title, List<Change> changes) {
    out.append("### ").append(title).append("\n\n");
    if (changes.isEmpty()) {
      out.append("None.\n\n");
      return;
    }
    out.append("| tool | operation | parameter | change | detail |\n|---|---|---|---|---|\n");
    for (Change c : changes) {
      out.append("| ")
          .append(c.tool())
          .append(" | ")
          .append(c.operationId())
          .append("lookup".equals(c.role()) ? " (lookup)" : "")
          .append(" | ")
          .append(c.parameter() == null ? "" : c.parameter())
          .append(" | ")
          .append(c.kind())
          .append(" | ")
          .append(c.detail().replace("|", "\\|"))
          .append(" |\n");
    }
    out.append('\n');
  }

  private static void ids(StringBuilder out, String title, List<String> ids) {
    out.append("### ").append(title).append("\n\n");
    out.append(ids.isEmpty() ? "None." : "`" + String.join("`, `", ids) + "`").append("\n\n");
  }

  /** Several spec diffs as one JSON document: {@code {"diffs": [...]}}. */
  public static String json(List<SpecDiffReport> reports) {
    List<Object> diffs = new ArrayList<>();
    for (SpecDiffReport r : reports) {
      diffs.add(toMap(r));
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("diffs", diffs);
    return JsonWriter.write(root);
  }

  private static Map<String, Object> toMap(SpecDiffReport r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("old", r.oldSpec());
    m.put("oldVersion", r.oldVersion());
    m.put("new", r.newSpec());
    m.put("newVersion", r.newVersion());
    m.put("airflowMajor", r.major().number());
    m.put("breaking", changeMaps(r.breaking()));
    m.put("nonBreaking", changeMaps(r.nonBreaking()));
    Map<String, Object> candidates = new LinkedHashMap<>();
    for (Map.Entry<String, List<Candidate>> e : r.candidates().entrySet()) {
      List<Object> ops = new ArrayList<>();
      for (Candidate c : e.getValue()) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("operationId", c.operationId());
        op.put("method", c.method());
        op.put("path", c.path());
        op.put("new", c.isNew());
        ops.add(op);
      }
      candidates.put(e.getKey(), ops);
    }
    m.put("candidates", candidates);
    m.put("addedOperations", new ArrayList<Object>(r.addedOperations()));
    m.put("removedOperations", new ArrayList<Object>(r.removedOperations()));
    return m;
  }

  private static List<Object> changeMaps(List<Change> changes) {
    List<Object> result = new ArrayList<>();
    for (Change c : changes) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("tool", c.tool());
      m.put("operationId", c.operationId());
      m.put("role", c.role());
      m.put("parameter", c.parameter());
      m.put("usedByTool", c.usedByTool());
      m.put("kind", c.kind().name());
      m.put("before", c.before());
      m.put("after", c.after());
      m.put("detail", c.detail());
      result.add(m);
    }
    return result;
  }
}
