package dev.airflowmcp.runtime.server;

import dev.airflowmcp.runtime.airflow.AirflowClient;
import dev.airflowmcp.runtime.airflow.AirflowClientConfig;
import dev.airflowmcp.runtime.airflow.AirflowGateway;
import dev.airflowmcp.runtime.airflow.VersionDetector;
import dev.airflowmcp.runtime.auth.AirflowCredentials;
import dev.airflowmcp.runtime.auth.CredentialsFactory;
import dev.airflowmcp.runtime.pipeline.ArgumentValidator;
import dev.airflowmcp.runtime.pipeline.AuditSink;
import dev.airflowmcp.runtime.pipeline.RateLimiter;
import dev.airflowmcp.runtime.pipeline.ToolPipeline;
import dev.airflowmcp.runtime.redaction.AirflowRedactor;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Everything a running server shares across calls and transports: the tools, the Airflow client,
 * the service credentials (if any) and the tool pipeline.
 */
public final class ServerRuntime {
  /** Default size budget of one tool result, in characters. */
  public static final int DEFAULT_MAX_RESULT_CHARS = 60_000;

  private final ToolRegistry registry;
  private final ToolPipeline pipeline;
  private final AirflowCredentials serviceCredentials;
  private final String version;

  ServerRuntime(
      ToolRegistry registry,
      ToolPipeline pipeline,
      AirflowCredentials serviceCredentials,
      String version) {
    this.registry = registry;
    this.pipeline = pipeline;
    this.serviceCredentials = serviceCredentials;
    this.version = version;
  }

  /** Wires the default hooks for a configuration. */
  public static ServerRuntime create(ServerConfig config, ToolRegistry registry) {
    boolean writes = registry.hasWriteTools() && !config.readOnly();
    AirflowClientConfig clientConfig =
        new AirflowClientConfig(
            URI.create(AirflowClientConfig.normalizeBaseUrl(config.airflowUrl())),
            Duration.ofSeconds(10),
            Duration.ofSeconds(30),
            8 * 1024 * 1024,
            config.verifyTls(),
            config.caCertificate(),
            writes);
    AirflowClient client = new AirflowClient(clientConfig);
    AirflowCredentials service =
        CredentialsFactory.fromSettings(
            config.authToken(), config.username(), config.password(), client);
    ToolPipeline pipeline =
        new ToolPipeline(
            new AirflowGateway(client),
            new VersionDetector(client, Clock.systemUTC()),
            new ToolPipeline.Hooks(
                ArgumentValidator.NONE,
                RateLimiter.UNLIMITED,
                AirflowRedactor.forServer(
                    config.redaction(),
                    java.util.Arrays.asList(config.password(), config.authToken())),
                AuditSink.NONE),
            DEFAULT_MAX_RESULT_CHARS,
            registry::find);
    return new ServerRuntime(registry, pipeline, service, implementationVersion());
  }

  public ToolRegistry registry() {
    return registry;
  }

  public ToolPipeline pipeline() {
    return pipeline;
  }

  /** The configured service credentials, or null. */
  public AirflowCredentials serviceCredentials() {
    return serviceCredentials;
  }

  /** {@code serverInfo.version}. */
  public String version() {
    return version;
  }

  /** Runs a call with the given credentials (never throws). */
  public CallToolResult call(
      ToolRegistry.Entry entry, Map<String, Object> arguments, AirflowCredentials credentials) {
    return pipeline.call(entry.tool(), entry.definition().name(), arguments, credentials);
  }

  private static String implementationVersion() {
    String v = ServerRuntime.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0" : v;
  }
}
