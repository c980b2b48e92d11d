/**
 * Everything that holds a tool call back before it reaches Airflow because of how many calls there
 * are: the per-caller token buckets of each rate-limit class ({@link
 * dev.airflowmcp.runtime.ratelimit.RateLimiter}, in memory or shared through Redis, configured by
 * {@link dev.airflowmcp.runtime.ratelimit.RateLimits}), the per-server concurrency cap of a class
 * ({@link dev.airflowmcp.runtime.ratelimit.ConcurrencyCaps}), the cool-down after Airflow answers
 * 429 ({@link dev.airflowmcp.runtime.ratelimit.UpstreamCooldown}), and the listener told about each
 * refusal ({@link dev.airflowmcp.runtime.ratelimit.RefusalListener}). The pipeline asks them in
 * that order of cost (cool-down, cap, bucket). The limits themselves ({@link
 * dev.airflowmcp.runtime.tool.RateLimit}) stay in the {@code tool} package, where generated code
 * names them. The bulkhead on requests to Airflow is not here: it bounds Airflow calls, not tool
 * calls ({@code airflow.Resilience}).
 */
package dev.airflowmcp.runtime.ratelimit;
