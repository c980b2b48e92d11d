package dev.airflowmcp.codegen.coverage;

import dev.airflowmcp.codegen.diff.SpecDiff;
import dev.airflowmcp.codegen.openapi.AirflowSpec;
import dev.airflowmcp.codegen.openapi.SpecOperation;
import dev.airflowmcp.toolspec.Binding;
import dev.airflowmcp.toolspec.ParamSource;
import dev.airflowmcp.toolspec.ToolDef;
import dev.airflowmcp.toolspec.ToolSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which operations of a spec the tools expose, and why the others are not: every operation is
 * {@link Status#EXPOSED} (a tool binds it), {@link Status#LOOKUP} (only called to find a value for
 * another tool), {@link Status#WRITE} (it changes Airflow and no tool binds it), {@link
 * Status#DENIED} (login and logout, which the runtime always refuses) or {@link Status#UNCURATED}
 * (a read no tool exposes yet).
 */
public final class Coverage {

  private Coverage() {}

  /** Why an operation is or is not exposed. */
  public enum Status {
    EXPOSED,
    LOOKUP,
    WRITE,
    DENIED,
    UNCURATED
  }

  /**
   * One operation and how the tools use it.
   *
   * @param operationId the operationId
   * @param method the HTTP method
   * @param path the full path
   * @param tag the first tag, or {@code untagged}
   * @param status exposed or why not
   * @param tools the tools that bind it (or look values up with it), in tool-spec order
   */
  public record Entry(
      String operationId,
      String method,
      String path,
      String tag,
      Status status,
      List<String> tools) {
    public Entry {
      Objects.requireNonNull(operationId, "operationId");
      Objects.requireNonNull(status, "status");
      tools = List.copyOf(tools);
    }
  }

  /**
   * The coverage of one spec.
   *
   * @param spec the spec's file name
   * @param entries every operation, in spec order
   */
  public record Report(String spec, List<Entry> entries) {
    public Report {
      Objects.requireNonNull(spec, "spec");
      entries = List.copyOf(entries);
    }

    /** How many operations have this status. */
    public long count(Status status) {
      return entries.stream().filter(e -> e.status() == status).count();
    }

    /** The entry of an operation, or {@code null}. */
    public Entry entry(String operationId) {
      return entries.stream()
          .filter(e -> e.operationId().equals(operationId))
          .findFirst()
          .orElse(null);
    }
  }

  /** The coverage of one spec by the tools of a tool spec. */
  public static Report of(AirflowSpec spec, ToolSpec tools) {
    Map<String, List<String>> bound = new LinkedHashMap<>();
    Map<String, List<String>> lookedUp = new LinkedHashMap<>();
    for (ToolDef tool : tools.tools()) {
      Binding b = tool.bindings().get(spec.major());
      if (b == null) {
        continue;
      }
      bound.computeIfAbsent(b.operationId(), k -> new ArrayList<>()).add(tool.name());
      for (ParamSource source : b.params().values()) {
        ParamSource.Lookup lookup =
            source instanceof ParamSource.FromArgument fa
                ? fa.lookup()
                : source instanceof ParamSource.FromLookup fl ? fl.lookup() : null;
        if (lookup != null) {
          List<String> names =
              lookedUp.computeIfAbsent(lookup.operationId(), k -> new ArrayList<>());
          if (!names.contains(tool.name())) {
            names.add(tool.name());
          }
        }
      }
    }
    List<Entry> entries = new ArrayList<>();
    for (SpecOperation op : spec.operations().values()) {
      String tag = op.tags().isEmpty() ? "untagged" : op.tags().get(0);
      String id = op.operationId();
      Status status;
      List<String> names = List.of();
      if (bound.containsKey(id)) {
        status = Status.EXPOSED;
        names = bound.get(id);
      } else if (lookedUp.containsKey(id)) {
        status = Status.LOOKUP;
        names = lookedUp.get(id);
      } else if (SpecDiff.isDenied(op)) {
        status = Status.DENIED;
      } else if (!SpecDiff.isReadOnly(op)) {
        status = Status.WRITE;
      } else {
        status = Status.UNCURATED;
      }
      entries.add(new Entry(id, op.method(), op.path(), tag, status, names));
    }
    return new Report(spec.label(), entries);
  }

  /** Coverage reports of several specs as one Markdown document. */
  public static String markdown(List<Report> reports) {
    StringBuilder out = new StringBuilder("# Operation coverage\n\n");
    out.append(
        "Every operation of each configured Airflow spec: the tools that expose it, or why"
            + " none does (`write`: changes Airflow and no tool binds it; `denied`: login/logout,"
            + " always refused; `uncurated`: a read no tool exposes yet; `lookup`: only called to"
            + " find a value for the tools listed).\n");
    for (Report r : reports) {
      out.append("\n## ").append(r.spec()).append("\n\n");
      out.append(r.entries().size())
          .append(" operations: ")
          .append(r.count(Status.EXPOSED))
          .append(" exposed, ")
          .append(r.count(Status.LOOKUP))
          .append(" lookup only, ")
          .append(r.count(Status.UNCURATED))
          .append(" uncurated reads, ")
          .append(r.count(Status.WRITE))
          .append(" writes, ")
          .append(r.count(Status.DENIED))
          .append(" denied.\n\n");
      out.append(
          "| tag | operation | method | path | status | tools |\n|---|---|---|---|---|---|\n");
      for (Entry e : r.entries()) {
        out.append("| ")
            .append(e.tag())
            .append(" | `")
            .append(e.operationId())
            .append("` | ")
            .append(e.method())
            .append(" | `")
            .append(e.path())
            .append("` | ")
            .append(e.status().name().toLowerCase(java.util.Locale.ROOT))
            .append(" | ")
            .append(String.join(", ", e.tools()))
            .append(" |\n");
      }
    }
    return out.toString();
  }
}
