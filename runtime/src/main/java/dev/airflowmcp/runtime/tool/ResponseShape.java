package dev.airflowmcp.runtime.tool;

import dev.airflowmcp.common.LayoutSource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How an Airflow JSON answer becomes a tool result (the runtime form of a tool spec's {@code
 * response:} block).
 *
 * @param listKey key of the items array in Airflow's answer, or {@code null} for object answers
 * @param envelopeKey key of the items in the result ({@code total_<envelopeKey>}, {@code
 *     returned_count}, {@code <envelopeKey>})
 * @param include fields kept per item (or of the object), in this order, absent ones as null
 * @param exclude fields dropped
 * @param maxChars size budget of the result text, 0 for the server default
 * @param truncationHint what the model is told when the budget cuts the result, or null
 * @param rename field renames applied to each item (or the object)
 * @param layout the result's keys and their sources, in order; empty for the default envelope
 * @param message the text of a {@code message} layout key, with {@code {argument}} placeholders,
 *     or null
 */
public record ResponseShape(
    String listKey,
    String envelopeKey,
    List<String> include,
    List<String> exclude,
    int maxChars,
    String truncationHint,
    Map<String, String> rename,
    Map<String, LayoutSource> layout,
    String message) {

  public static final ResponseShape PASS_THROUGH =
      new ResponseShape(null, null, List.of(), List.of(), 0, null);

  public ResponseShape {
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
    rename = Collections.unmodifiableMap(new LinkedHashMap<>(rename));
    layout = Collections.unmodifiableMap(new LinkedHashMap<>(layout));
    if (listKey != null && envelopeKey == null) {
      envelopeKey = listKey;
    }
  }

  /** A shape without renames or layout. */
  public ResponseShape(
      String listKey,
      String envelopeKey,
      List<String> include,
      List<String> exclude,
      int maxChars,
      String truncationHint) {
    this(listKey, envelopeKey, include, exclude, maxChars, truncationHint, Map.of(), Map.of(), null);
  }
}
