package dev.airflowmcp.runtime.metrics;

import dev.airflowmcp.runtime.redaction.Redactor;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A redactor that counts the masks another redactor adds: the {@value Redactor#MASK}s in its output
 * minus those already in its input, reported as {@link RedactionListener#UNATTRIBUTED}. It sees
 * neither which rule masked a value nor the value, only how many masks appeared.
 */
public final class CountingRedactor implements Redactor {
  private final Redactor delegate;
  private final RedactionListener listener;

  public CountingRedactor(Redactor delegate, RedactionListener listener) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** The redactor whose masks are counted. */
  public Redactor delegate() {
    return delegate;
  }

  @Override
  public JsonNode redact(JsonNode node, List<String> sensitiveFields) {
    // Counted first: the delegate may redact in place.
    long before = masks(node);
    JsonNode out = delegate.redact(node, sensitiveFields);
    report(masks(out) - before);
    return out;
  }

  @Override
  public String redactText(String text) {
    String out = delegate.redactText(text);
    if (out != null && text != null && !out.equals(text)) {
      report(masks(out) - masks(text));
    }
    return out;
  }

  private void report(long added) {
    if (added > 0) {
      try {
        listener.masked(RedactionListener.UNATTRIBUTED, (int) Math.min(Integer.MAX_VALUE, added));
      } catch (RuntimeException e) {
        // A metric must never fail a call.
      }
    }
  }

  /** The masks in every string (and property name) of a JSON tree. */
  static long masks(JsonNode node) {
    if (node == null) {
      return 0;
    }
    if (node.isString()) {
      return masks(node.asString());
    }
    long n = 0;
    if (node.isObject()) {
      for (var e : node.properties()) {
        n += masks(e.getKey()) + masks(e.getValue());
      }
    } else if (node.isArray()) {
      for (JsonNode item : node) {
        n += masks(item);
      }
    }
    return n;
  }

  /** Non-overlapping occurrences of the mask. */
  static long masks(String s) {
    if (s == null) {
      return 0;
    }
    long n = 0;
    int i = s.indexOf(MASK);
    while (i >= 0) {
      n++;
      i = s.indexOf(MASK, i + MASK.length());
    }
    return n;
  }
}
