package dev.airflowmcp.runtime.tool;

import dev.airflowmcp.common.LayoutSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
 * @param message the text of a {@code message} layout key, with {@code {argument}} placeholders, or
 *     null
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
    this(
        listKey, envelopeKey, include, exclude, maxChars, truncationHint, Map.of(), Map.of(), null);
  }

  /** A shape for an answer holding a list under {@code listKey}, enveloped under the same key. */
  public static Builder listOf(String listKey) {
    return new Builder(Objects.requireNonNull(listKey, "listKey"));
  }

  /** A shape for an answer that is one object (or a layout of other sources). */
  public static Builder object() {
    return new Builder(null);
  }

  /** Builds a {@link ResponseShape} by naming each part; parts left out are empty. */
  public static final class Builder {
    private final String listKey;
    private String envelopeKey;
    private final List<String> include = new ArrayList<>();
    private final List<String> exclude = new ArrayList<>();
    private int maxChars;
    private String truncationHint;
    private final Map<String, String> rename = new LinkedHashMap<>();
    private final Map<String, LayoutSource> layout = new LinkedHashMap<>();
    private String message;

    private Builder(String listKey) {
      this.listKey = listKey;
    }

    /** The key the items get in the result (the list key when not set). */
    public Builder envelope(String key) {
      this.envelopeKey = Objects.requireNonNull(key, "key");
      return this;
    }

    /** Fields kept per item (or of the object), in this order. */
    public Builder include(String... fields) {
      include.addAll(List.of(fields));
      return this;
    }

    /** Fields dropped. */
    public Builder exclude(String... fields) {
      exclude.addAll(List.of(fields));
      return this;
    }

    /** The size budget of the result text. */
    public Builder maxChars(int maxChars) {
      this.maxChars = maxChars;
      return this;
    }

    /** What the model is told when the budget cuts the result. */
    public Builder truncationHint(String hint) {
      this.truncationHint = Objects.requireNonNull(hint, "hint");
      return this;
    }

    /** Renames field {@code from} of each item (or of the object) to {@code to}. */
    public Builder rename(String from, String to) {
      rename.put(from, to);
      return this;
    }

    /** The text of a {@code message} layout key, with {@code {argument}} placeholders. */
    public Builder message(String text) {
      this.message = Objects.requireNonNull(text, "text");
      return this;
    }

    /** Result key {@code key}: the shaped items. */
    public Builder layoutItems(String key) {
      return layout(key, LayoutSource.ITEMS);
    }

    /** Result key {@code key}: how many items the result holds. */
    public Builder layoutCount(String key) {
      return layout(key, LayoutSource.COUNT);
    }

    /** Result key {@code key}: Airflow's total, or the item count. */
    public Builder layoutTotal(String key) {
      return layout(key, LayoutSource.TOTAL);
    }

    /** Result key {@code key}: the argument of that name. */
    public Builder layoutArgument(String key) {
      return layout(key, LayoutSource.ARGUMENT);
    }

    /** Result key {@code key}: the top-level field of that name in Airflow's answer. */
    public Builder layoutField(String key) {
      return layout(key, LayoutSource.FIELD);
    }

    /** Result key {@code key}: the section of the composite step of that name. */
    public Builder layoutStep(String key) {
      return layout(key, LayoutSource.STEP);
    }

    /** Result key {@code key}: the summary key of that name. */
    public Builder layoutSummary(String key) {
      return layout(key, LayoutSource.SUMMARY);
    }

    /** Result key {@code key}: the section of the {@code before} read of that name. */
    public Builder layoutBefore(String key) {
      return layout(key, LayoutSource.BEFORE);
    }

    /** Result key {@code key}: the {@link #message} with its placeholders filled. */
    public Builder layoutMessage(String key) {
      return layout(key, LayoutSource.MESSAGE);
    }

    /** Result key {@code key} from {@code source}. */
    public Builder layout(String key, LayoutSource source) {
      layout.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(source, "source"));
      return this;
    }

    public ResponseShape build() {
      return new ResponseShape(
          listKey,
          envelopeKey,
          include,
          exclude,
          maxChars,
          truncationHint,
          rename,
          layout,
          message);
    }
  }
}
