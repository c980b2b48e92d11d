package dev.airflowmcp.toolspec;

import dev.airflowmcp.common.LayoutSource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How an Airflow response becomes a tool result.
 *
 * <p>With {@code list} set, the result is the list envelope {@code {"total_<envelope>": n,
 * "returned_count": k, "<envelope>": [...]}} built from Airflow's {@code total_entries} and the
 * items under {@code list}. {@code include} keeps only the named fields of each item (or of the
 * object), in that order, filling absent ones with {@code null}; {@code exclude} drops fields;
 * {@code rename} renames fields of each item (or of the object) in place. {@code layout}, when set,
 * replaces the default list envelope with the keys it names, in its order.
 *
 * @param list the key of the items array in Airflow's response, or {@code null} for objects
 * @param envelope the key the items get in the result (defaults to {@code list})
 * @param include fields to keep, in output order; empty keeps all
 * @param exclude fields to drop
 * @param maxChars size budget of the result text; 0 means the runtime default
 * @param truncationHint what to tell the model when the budget cuts the result, or {@code null}
 * @param rename field renames applied to each item (or the object): Airflow name → result name
 * @param layout the result's keys and where each comes from, in order; empty for the default
 * @param message the text of a {@code message} layout key: fixed words with {@code {argument}}
 *     placeholders filled from the call's arguments, or {@code null}
 */
public record ResponseDef(
    SourceLocation location,
    String list,
    String envelope,
    List<String> include,
    List<String> exclude,
    int maxChars,
    String truncationHint,
    Map<String, String> rename,
    Map<String, LayoutSource> layout,
    String message) {

  public ResponseDef {
    Objects.requireNonNull(location, "location");
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
    rename = Collections.unmodifiableMap(new LinkedHashMap<>(rename));
    layout = Collections.unmodifiableMap(new LinkedHashMap<>(layout));
  }

  /** A shape without renames or layout. */
  public ResponseDef(
      SourceLocation location,
      String list,
      String envelope,
      List<String> include,
      List<String> exclude,
      int maxChars,
      String truncationHint) {
    this(
        location,
        list,
        envelope,
        include,
        exclude,
        maxChars,
        truncationHint,
        Map.of(),
        Map.of(),
        null);
  }

  /** An unshaped response: Airflow's JSON passed through (still redacted and size-capped). */
  public static ResponseDef passThrough(SourceLocation location) {
    return new ResponseDef(location, null, null, List.of(), List.of(), 0, null);
  }

  /** The result key of the items, {@code envelope} or else {@code list}. */
  public String envelopeKey() {
    return envelope != null ? envelope : list;
  }
}
