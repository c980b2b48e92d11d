package dev.airflowmcp.runtime.server;

import dev.airflowmcp.runtime.auth.ServiceCredentialsProvider;
import dev.airflowmcp.runtime.pipeline.ArgumentValidator;
import dev.airflowmcp.runtime.pipeline.AuditSink;
import dev.airflowmcp.runtime.pipeline.ToolPipeline;
import dev.airflowmcp.runtime.ratelimit.RateLimiter;
import dev.airflowmcp.runtime.redaction.Redactor;
import dev.airflowmcp.runtime.redaction.SensitiveKeyRedactor;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * The hooks a vendor can replace without forking, found through {@link ServiceLoader}: put a jar
 * with {@code META-INF/services/<interface>} naming an implementation (public, with a public
 * no-argument constructor) on the server's class path. For each of {@link ArgumentValidator},
 * {@link RateLimiter}, {@link Redactor}, {@link AuditSink} and {@link ServiceCredentialsProvider},
 * one provider replaces the default; none keeps the default; two or more are a configuration error
 * (the server does not guess which one wins).
 */
public final class Extensions {

  private Extensions() {}

  /**
   * The pipeline hooks: providers where registered, otherwise the plain defaults (no validation, no
   * rate limit, the key-name redactor, no audit).
   */
  public static ToolPipeline.Hooks hooks(ClassLoader loader) {
    return hooks(loader, () -> RateLimiter.UNLIMITED, SensitiveKeyRedactor::new);
  }

  /**
   * The pipeline hooks: providers where registered; otherwise no validation, no audit, and the rate
   * limiter and redactor the suppliers make. A supplier runs only when no provider replaces its
   * hook, so a default that costs something (a Redis connection) is never built for nothing.
   */
  public static ToolPipeline.Hooks hooks(
      ClassLoader loader,
      Supplier<RateLimiter> defaultRateLimiter,
      Supplier<Redactor> defaultRedactor) {
    refuseMovedService(loader, "dev.airflowmcp.runtime.pipeline.RateLimiter", RateLimiter.class);
    RateLimiter limiter = single(RateLimiter.class, null, loader);
    Redactor redactor = single(Redactor.class, null, loader);
    return new ToolPipeline.Hooks(
        single(ArgumentValidator.class, ArgumentValidator.NONE, loader),
        limiter != null ? limiter : defaultRateLimiter.get(),
        redactor != null ? redactor : defaultRedactor.get(),
        single(AuditSink.class, AuditSink.NONE, loader));
  }

  /** The registered service-credentials provider, or {@code null} for the built-in settings. */
  public static ServiceCredentialsProvider credentialsProvider(ClassLoader loader) {
    return single(ServiceCredentialsProvider.class, null, loader);
  }

  /**
   * Refuses to start when a provider is registered under the name an interface had before it moved:
   * the service loader would skip it without a word, and the server would run without it.
   */
  static void refuseMovedService(ClassLoader loader, String oldName, Class<?> type) {
    java.net.URL old;
    try {
      old = loader.getResource("META-INF/services/" + oldName);
    } catch (RuntimeException e) {
      return;
    }
    if (old != null) {
      throw new IllegalStateException(
          "META-INF/services/"
              + oldName
              + " is registered, but that interface is now "
              + type.getName()
              + ": rename the file to META-INF/services/"
              + type.getName()
              + " and implement "
              + type.getName());
    }
  }

  /**
   * The one provider of a hook, or {@code fallback} when none is registered.
   *
   * @throws IllegalStateException when several are registered, or one cannot be created
   */
  public static <T> T single(Class<T> type, T fallback, ClassLoader loader) {
    List<T> found = new ArrayList<>();
    try {
      for (T provider : ServiceLoader.load(type, loader)) {
        found.add(provider);
      }
    } catch (java.util.ServiceConfigurationError e) {
      throw new IllegalStateException(
          "cannot load the " + type.getSimpleName() + " provider: " + e.getMessage(), e);
    }
    if (found.size() > 1) {
      List<String> names = found.stream().map(p -> p.getClass().getName()).sorted().toList();
      throw new IllegalStateException(
          "several "
              + type.getSimpleName()
              + " providers are registered ("
              + String.join(", ", names)
              + "); keep one META-INF/services/"
              + type.getName()
              + " entry");
    }
    return found.isEmpty() ? fallback : found.get(0);
  }
}
