package dev.airflowmcp.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airflowmcp.runtime.airflow.AirflowTransport;
import dev.airflowmcp.runtime.auth.AirflowCredentials;
import dev.airflowmcp.runtime.auth.ServiceCredentialsProvider;
import dev.airflowmcp.runtime.auth.StaticTokenCredentials;
import dev.airflowmcp.runtime.pipeline.ArgumentValidator;
import dev.airflowmcp.runtime.pipeline.AuditSink;
import dev.airflowmcp.runtime.pipeline.ToolPipeline;
import dev.airflowmcp.runtime.ratelimit.RateLimiter;
import dev.airflowmcp.runtime.redaction.Redactor;
import dev.airflowmcp.runtime.redaction.SensitiveKeyRedactor;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Hooks replaced through ServiceLoader, as a vendor jar on the class path would. */
class ExtensionsTest {

  @TempDir Path dir;

  /** A rate limiter that refuses every call. */
  public static final class RefuseAll implements RateLimiter {
    @Override
    public Decision tryAcquire(String principal, String rateLimitClass) {
      return Decision.reject(5_000);
    }
  }

  /** A second rate limiter, to provoke the ambiguity error. */
  public static final class AlsoUnlimited implements RateLimiter {
    @Override
    public Decision tryAcquire(String principal, String rateLimitClass) {
      return Decision.ALLOW;
    }
  }

  /** An audit sink that keeps what it is given. */
  public static final class Recording implements AuditSink {
    static final List<AuditEvent> EVENTS = new CopyOnWriteArrayList<>();

    @Override
    public void record(AuditEvent event) {
      EVENTS.add(event);
    }
  }

  /** A redactor that masks every string. */
  public static final class MaskAll implements Redactor {
    @Override
    public JsonNode redact(JsonNode node, List<String> sensitiveFields) {
      return node;
    }

    @Override
    public String redactText(String text) {
      return MASK;
    }
  }

  /** Service credentials from a vendor's secret store. */
  public static final class VaultCredentials implements ServiceCredentialsProvider {
    @Override
    public AirflowCredentials serviceCredentials(String airflowUrl, AirflowTransport client) {
      return new StaticTokenCredentials("from-vault-for-" + airflowUrl);
    }
  }

  private ClassLoader loaderWith(Map<Class<?>, List<Class<?>>> services) throws IOException {
    Path meta = Files.createDirectories(dir.resolve("META-INF/services"));
    for (Map.Entry<Class<?>, List<Class<?>>> e : services.entrySet()) {
      Files.writeString(
          meta.resolve(e.getKey().getName()),
          String.join("\n", e.getValue().stream().map(Class::getName).toList()) + "\n");
    }
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
  }

  @Test
  void withoutProvidersTheDefaultsAreUsed() throws IOException {
    ToolPipeline.Hooks hooks = Extensions.hooks(loaderWith(Map.of()));

    assertThat(hooks.rateLimiter()).isSameAs(RateLimiter.UNLIMITED);
    assertThat(hooks.validator()).isSameAs(ArgumentValidator.NONE);
    assertThat(hooks.audit()).isSameAs(AuditSink.NONE);
    assertThat(hooks.redactor()).isInstanceOf(SensitiveKeyRedactor.class);
    assertThat(Extensions.credentialsProvider(loaderWith(Map.of()))).isNull();
  }

  @Test
  void registeredProvidersReplaceTheDefaults() throws IOException {
    ClassLoader loader =
        loaderWith(
            Map.of(
                RateLimiter.class, List.of(RefuseAll.class),
                AuditSink.class, List.of(Recording.class),
                Redactor.class, List.of(MaskAll.class)));

    ToolPipeline.Hooks hooks = Extensions.hooks(loader);

    assertThat(hooks.rateLimiter()).isInstanceOf(RefuseAll.class);
    assertThat(hooks.audit()).isInstanceOf(Recording.class);
    assertThat(hooks.redactor()).isInstanceOf(MaskAll.class);
    assertThat(hooks.validator()).isSameAs(ArgumentValidator.NONE);
  }

  @Test
  void theServerRunsCallsThroughTheReplacedHooksAndCredentials() throws Exception {
    ClassLoader loader =
        loaderWith(
            Map.of(
                RateLimiter.class, List.of(RefuseAll.class),
                AuditSink.class, List.of(Recording.class),
                ServiceCredentialsProvider.class, List.of(VaultCredentials.class)));
    ServerConfig config =
        new ServerConfig(
            ServerConfig.Transport.STDIO,
            "127.0.0.1",
            0,
            "http://airflow.example:8080",
            null,
            null,
            null,
            true,
            null,
            false,
            List.of());
    ToolRegistry registry = ToolRegistry.of(new TestCatalog(), getClass().getClassLoader());
    Recording.EVENTS.clear();

    ServerRuntime runtime = ServerRuntime.create(config, registry, loader);
    ToolRegistry.Entry listDags =
        registry.entries().stream()
            .filter(e -> e.definition().name().equals("list_dags"))
            .findFirst()
            .orElseThrow();
    McpSchema.CallToolResult result =
        runtime.call(listDags, Map.of("dag_id", "etl"), runtime.serviceCredentials());

    assertThat(runtime.serviceCredentials().authorization(null))
        .isEqualTo("Bearer from-vault-for-http://airflow.example:8080");
    assertThat(result.isError()).isTrue();
    assertThat(result.content().toString()).contains("Too many calls of class");
    assertThat(Recording.EVENTS)
        .singleElement()
        .satisfies(e -> assertThat(e.toString()).contains("RateLimitError"));
  }

  @Test
  void twoProvidersOfOneHookAreAnError() throws IOException {
    ClassLoader loader =
        loaderWith(Map.of(RateLimiter.class, List.of(RefuseAll.class, AlsoUnlimited.class)));

    assertThatThrownBy(() -> Extensions.hooks(loader))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "several RateLimiter providers are registered ("
                + AlsoUnlimited.class.getName()
                + ", "
                + RefuseAll.class.getName()
                + "); keep one META-INF/services/dev.airflowmcp.runtime.ratelimit.RateLimiter entry");
  }

  @Test
  void aProviderUnderTheRateLimitersOldNameStopsTheStart() throws IOException {
    Path services = Files.createDirectories(dir.resolve("META-INF/services"));
    Files.writeString(
        services.resolve("dev.airflowmcp.runtime.pipeline.RateLimiter"), RefuseAll.class.getName());
    ClassLoader loader =
        new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());

    assertThatThrownBy(() -> Extensions.hooks(loader))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("dev.airflowmcp.runtime.pipeline.RateLimiter")
        .hasMessageContaining(
            "rename the file to META-INF/services/"
                + "dev.airflowmcp.runtime.ratelimit.RateLimiter");
  }
}
