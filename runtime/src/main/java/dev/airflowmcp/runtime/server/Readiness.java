package dev.airflowmcp.runtime.server;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code /readyz} quickly without letting probes load Airflow: the check runs at most once
 * per {@link #FRESH} whatever the number of probes (concurrent probes share one run), in the
 * background; a probe waits at most {@link #PROBE_WAIT} for a run it started and otherwise gets the
 * last result (not ready before the first run has finished).
 */
public final class Readiness {
  private static final Logger LOG = LoggerFactory.getLogger(Readiness.class);

  /** How long a result is reused. */
  public static final Duration FRESH = Duration.ofSeconds(5);

  /** How long a probe waits for a check it triggered before answering the last result. */
  public static final Duration PROBE_WAIT = Duration.ofMillis(800);

  /** Always ready: nothing to check (servers built without Airflow, in tests). */
  public static final Readiness ALWAYS = new Readiness(() -> true, Runnable::run, System::nanoTime);

  private final BooleanSupplier check;
  private final Executor executor;
  private final LongSupplier nanoTime;
  private final Object lock = new Object();
  private boolean lastReady;
  private long lastAt;
  private boolean checked;
  private CompletableFuture<Boolean> running;

  /**
   * @param check the real check (may block on the network; must not throw)
   * @param executor where checks run
   * @param nanoTime the clock
   */
  Readiness(BooleanSupplier check, Executor executor, LongSupplier nanoTime) {
    this.check = Objects.requireNonNull(check, "check");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
  }

  /** A readiness whose checks run on one daemon thread. */
  static Readiness of(BooleanSupplier check) {
    return new Readiness(
        check,
        runnable -> {
          Thread t = new Thread(runnable, "airflow-mcp-readiness");
          t.setDaemon(true);
          t.start();
        },
        System::nanoTime);
  }

  /** Whether the server is ready now, as far as a check at most {@link #FRESH} old says. */
  public boolean ready() {
    CompletableFuture<Boolean> run;
    boolean start = false;
    synchronized (lock) {
      if (checked && nanoTime.getAsLong() - lastAt < FRESH.toNanos()) {
        return lastReady;
      }
      if (running == null) {
        running = new CompletableFuture<>();
        start = true;
      }
      run = running;
    }
    if (start) {
      executor.execute(() -> finish(run));
    }
    try {
      return run.get(PROBE_WAIT.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException | ExecutionException e) {
      synchronized (lock) {
        return checked && lastReady;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void finish(CompletableFuture<Boolean> run) {
    boolean ready;
    try {
      ready = check.getAsBoolean();
    } catch (RuntimeException e) {
      LOG.warn("readiness check failed: {}", e.getClass().getSimpleName());
      ready = false;
    }
    synchronized (lock) {
      if (checked && lastReady != ready) {
        LOG.info("server is {}", ready ? "ready again" : "not ready");
      }
      lastReady = ready;
      lastAt = nanoTime.getAsLong();
      checked = true;
      running = null;
    }
    run.complete(ready);
  }
}
