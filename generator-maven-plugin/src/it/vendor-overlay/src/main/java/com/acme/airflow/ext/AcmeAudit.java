package com.acme.airflow.ext;

import dev.airflowmcp.runtime.pipeline.AuditSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Acme's audit trail (kept in memory here). */
public final class AcmeAudit implements AuditSink {
  public static final List<AuditEvent> EVENTS = new CopyOnWriteArrayList<>();

  @Override
  public void record(AuditEvent event) {
    EVENTS.add(event);
  }
}
