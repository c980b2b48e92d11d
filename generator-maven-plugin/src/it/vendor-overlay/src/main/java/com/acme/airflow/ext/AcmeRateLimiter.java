package com.acme.airflow.ext;

import dev.airflowmcp.runtime.ratelimit.RateLimiter;

/** Acme's limiter: list tools are reserved for batch jobs (refused here, for the test). */
public final class AcmeRateLimiter implements RateLimiter {
  @Override
  public Decision tryAcquire(String principal, String rateLimitClass) {
    return "list".equals(rateLimitClass) ? Decision.reject(30_000) : Decision.ALLOW;
  }
}
