package dev.airflowmcp.runtime.tool;

import java.util.List;

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
 */
public record ResponseShape(
    String listKey,
    String envelopeKey,
    List<String> include,
    List<String> exclude,
    int maxChars,
    String truncationHint) {

  public static final ResponseShape PASS_THROUGH =
      new ResponseShape(null, null, List.of(), List.of(), 0, null);

  public ResponseShape {
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
    if (listKey != null && envelopeKey == null) {
      envelopeKey = listKey;
    }
  }
}
