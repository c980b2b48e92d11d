package dev.airflowmcp.codegen.docs;

import java.util.List;
import java.util.Objects;

/**
 * The view of {@code MigrationTableView.mustache}: for each tool of astro-airflow-mcp, the tool of
 * this build that serves it and what it calls, then the tools this build adds. Cells are Markdown,
 * ready for a table.
 *
 * @param serverName the server's name
 * @param astroVersion the astro-airflow-mcp release compared with
 * @param astroToolCount how many tools astro has
 * @param servedCount how many of them this build serves as it is
 * @param registrationCount how many more it serves once their hand-written classes are registered
 * @param writesEnabled whether the build enables write tools
 * @param astroTools astro's tools, in astro's {@code tools/list} order
 * @param addedTools the tools of this build that astro lacks, in {@code tools/list} order
 */
public record MigrationTableView(
    String serverName,
    String astroVersion,
    int astroToolCount,
    int servedCount,
    int registrationCount,
    boolean writesEnabled,
    List<AstroTool> astroTools,
    List<AddedTool> addedTools) {
  public MigrationTableView {
    Objects.requireNonNull(serverName, "serverName");
    Objects.requireNonNull(astroVersion, "astroVersion");
    astroTools = List.copyOf(astroTools);
    addedTools = List.copyOf(addedTools);
  }

  /** Whether some astro tools need a hand-written class registered (for the template). */
  public boolean needsRegistration() {
    return registrationCount > 0;
  }

  /** Whether this build has tools astro lacks (for the template). */
  public boolean hasAddedTools() {
    return !addedTools.isEmpty();
  }

  /**
   * One astro tool and how this build serves it.
   *
   * @param name astro's name
   * @param servedBy the tool of this build that answers to the name, or {@code null} when none does
   * @param renamed whether {@code servedBy} is another name (astro's name is then a hidden alias)
   * @param note why no tool serves it, or how it is served (e.g. hand-written), or empty
   * @param airflow2 the Airflow 2 operations it calls (a Markdown cell)
   * @param airflow3 the Airflow 3 operations it calls (a Markdown cell)
   * @param arguments the arguments it takes beyond astro's, and astro's it does not take (a
   *     Markdown cell, empty when it takes exactly astro's)
   * @param write whether it changes Airflow, so that only a write-enabled build has it
   */
  public record AstroTool(
      String name,
      String servedBy,
      boolean renamed,
      String note,
      String airflow2,
      String airflow3,
      String arguments,
      boolean write) {
    public AstroTool {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(note, "note");
      Objects.requireNonNull(airflow2, "airflow2");
      Objects.requireNonNull(airflow3, "airflow3");
      Objects.requireNonNull(arguments, "arguments");
    }
  }

  /**
   * A tool of this build that astro lacks.
   *
   * @param name its name
   * @param summary the first sentence of its description
   * @param airflow2 the Airflow 2 operations it calls (a Markdown cell)
   * @param airflow3 the Airflow 3 operations it calls (a Markdown cell)
   * @param write whether it changes Airflow
   */
  public record AddedTool(
      String name, String summary, String airflow2, String airflow3, boolean write) {
    public AddedTool {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(summary, "summary");
      Objects.requireNonNull(airflow2, "airflow2");
      Objects.requireNonNull(airflow3, "airflow3");
    }
  }
}
