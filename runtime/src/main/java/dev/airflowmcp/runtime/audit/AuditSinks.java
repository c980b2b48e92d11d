package dev.airflowmcp.runtime.audit;

import dev.airflowmcp.runtime.pipeline.AuditSink;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Combines audit sinks. */
public final class AuditSinks {
  private static final Logger LOG = LoggerFactory.getLogger(AuditSinks.class);

  private AuditSinks() {}

  /**
   * One sink that hands each event to every given sink in order ({@link AuditSink#NONE} and nulls
   * are left out); a sink that throws does not keep the event from the others.
   */
  public static AuditSink all(AuditSink... sinks) {
    List<AuditSink> used = new ArrayList<>();
    for (AuditSink s : sinks) {
      if (s != null && s != AuditSink.NONE) {
        used.add(s);
      }
    }
    if (used.isEmpty()) {
      return AuditSink.NONE;
    }
    if (used.size() == 1) {
      return used.get(0);
    }
    List<AuditSink> fixed = List.copyOf(used);
    return event -> {
      for (AuditSink s : fixed) {
        try {
          s.record(event);
        } catch (RuntimeException e) {
          LOG.warn(
              "audit sink {} failed: {}",
              s.getClass().getSimpleName(),
              e.getClass().getSimpleName());
        }
      }
    };
  }
}
