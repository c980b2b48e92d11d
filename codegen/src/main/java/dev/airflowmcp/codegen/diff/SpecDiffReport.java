package dev.airflowmcp.codegen.diff;

import dev.airflowmcp.common.AirflowMajor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a new Airflow REST spec changes for the tools of a tool spec.
 *
 * @param oldSpec the file name of the old spec
 * @param oldVersion {@code info.version} of the old spec
 * @param newSpec the file name of the new spec
 * @param newVersion {@code info.version} of the new spec
 * @param major the Airflow major version both specs describe
 * @param breaking changes that break a tool: its binding must change before it works with the new
 *     spec (bound operation or used parameter removed or renamed, type, location or required-ness
 *     changed, path or method changed), in tool order
 * @param nonBreaking changes to operations the tools call that need no change to the tool spec but
 *     deserve a look (new optional parameters, parameters the tool does not send changed, defaults,
 *     enums widened), in tool order
 * @param candidates read-only operations of the new spec that no tool calls, grouped by their first
 *     tag (tags sorted, operations in spec order)
 * @param addedOperations operationIds in the new spec only, in spec order
 * @param removedOperations operationIds in the old spec only, in spec order
 */
public record SpecDiffReport(
    String oldSpec,
    String oldVersion,
    String newSpec,
    String newVersion,
    AirflowMajor major,
    List<Change> breaking,
    List<Change> nonBreaking,
    Map<String, List<Candidate>> candidates,
    List<String> addedOperations,
    List<String> removedOperations) {

  public SpecDiffReport {
    Objects.requireNonNull(oldSpec, "oldSpec");
    Objects.requireNonNull(newSpec, "newSpec");
    Objects.requireNonNull(major, "major");
    breaking = List.copyOf(breaking);
    nonBreaking = List.copyOf(nonBreaking);
    Map<String, List<Candidate>> copy = new LinkedHashMap<>();
    candidates.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    candidates = Collections.unmodifiableMap(copy);
    addedOperations = List.copyOf(addedOperations);
    removedOperations = List.copyOf(removedOperations);
  }

  /** Whether any curated tool breaks. */
  public boolean hasBreakingChanges() {
    return !breaking.isEmpty();
  }

  /** Every candidate operation, tags in order. */
  public List<Candidate> allCandidates() {
    return candidates.values().stream().flatMap(List::stream).toList();
  }

  /** The kinds of change the diff reports. */
  public enum Kind {
    OPERATION_REMOVED,
    OPERATION_RENAMED,
    PATH_CHANGED,
    METHOD_CHANGED,
    PARAMETER_REMOVED,
    PARAMETER_RENAMED,
    PARAMETER_ADDED,
    TYPE_CHANGED,
    LOCATION_CHANGED,
    ARRAY_STYLE_CHANGED,
    NOW_REQUIRED,
    NO_LONGER_REQUIRED,
    ENUM_CHANGED,
    DEFAULT_CHANGED,
    FORMAT_CHANGED,
    BOUNDS_CHANGED,
    NULLABLE_CHANGED
  }

  /**
   * One change that touches a tool.
   *
   * @param tool the tool name
   * @param operationId the operation the tool calls (in the old spec)
   * @param role {@code binding} when the tool's own operation, {@code lookup} when an operation it
   *     calls to find a value
   * @param parameter the Airflow parameter concerned, or {@code null} for the operation itself
   * @param usedByTool whether the tool sends this parameter (always true for operation changes)
   * @param kind what changed
   * @param before the old value, as text, or {@code null}
   * @param after the new value, as text, or {@code null}
   * @param detail one sentence for people
   */
  public record Change(
      String tool,
      String operationId,
      String role,
      String parameter,
      boolean usedByTool,
      Kind kind,
      String before,
      String after,
      String detail) {
    public Change {
      Objects.requireNonNull(tool, "tool");
      Objects.requireNonNull(operationId, "operationId");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /**
   * A read-only operation no tool exposes.
   *
   * @param tag the first tag, or {@code untagged}
   * @param operationId the operationId
   * @param method the HTTP method
   * @param path the full path
   * @param isNew whether the operation is new in the new spec
   */
  public record Candidate(
      String tag, String operationId, String method, String path, boolean isNew) {
    public Candidate {
      Objects.requireNonNull(tag, "tag");
      Objects.requireNonNull(operationId, "operationId");
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(path, "path");
    }
  }
}
