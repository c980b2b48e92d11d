package dev.airflowmcp.runtime.server;

import dev.airflowmcp.runtime.audit.AuditLogSettings;
import dev.airflowmcp.runtime.server.revision.TaskIds;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the server offers its operators: Prometheus metrics on the HTTP transport (at {@value
 * OpsEndpoints#METRICS}, on the MCP port or a port of their own) and the built-in audit log.
 *
 * @param metrics whether {@value OpsEndpoints#METRICS} is served (HTTP only; stdio never has it)
 * @param metricsPort a separate port for metrics and health, or -1 for the MCP port
 * @param auditLog where the built-in audit log goes, or null for none
 * @param tasksKeyFile the file of the secret that seals task ids ({@code --tasks-key-file}), or
 *     null for a key made per process
 */
public record OpsSettings(
    boolean metrics, int metricsPort, AuditLogSettings auditLog, Path tasksKeyFile) {
  /** Metrics on the MCP port, no audit log, a task key per process. */
  public static final OpsSettings DEFAULTS = new OpsSettings(true, -1, null, null);

  /** Without a tasks key file. */
  public OpsSettings(boolean metrics, int metricsPort, AuditLogSettings auditLog) {
    this(metrics, metricsPort, auditLog, null);
  }

  public OpsSettings {
    if (metricsPort < -1 || metricsPort > 65535) {
      throw new IllegalArgumentException("the metrics port must be between 0 and 65535");
    }
  }

  /** Whether metrics and health are served on a port of their own. */
  public boolean separatePort() {
    return metricsPort >= 0;
  }

  /** Collects the flags, then falls back to the environment. */
  static final class Builder {
    private boolean noMetrics;
    private String metricsPort;
    private String auditLog;
    private String maxSize;
    private String files;
    private String tasksKeyFile;

    void noMetrics() {
      noMetrics = true;
    }

    void accept(String flag, String value) {
      switch (flag) {
        case "--metrics-port" -> metricsPort = value;
        case "--audit-log" -> auditLog = value;
        case "--audit-log-max-size" -> maxSize = value;
        case "--audit-log-files" -> files = value;
        case "--tasks-key-file" -> tasksKeyFile = value;
        default -> throw new IllegalArgumentException("not an operations flag: " + flag);
      }
    }

    OpsSettings build(Map<String, String> env, ServerConfig.Transport transport, int mcpPort)
        throws ServerConfig.ConfigException {
      boolean metrics = !noMetrics;
      if (metrics) {
        String m = env(env, "MCP_METRICS");
        if (m != null) {
          String v = m.strip().toLowerCase(Locale.ROOT);
          if (!List.of("true", "false").contains(v)) {
            throw new ServerConfig.ConfigException(
                "MCP_METRICS must be true or false, got '" + m.strip() + "'");
          }
          metrics = v.equals("true");
        }
      }
      String port = metricsPort != null ? metricsPort : env(env, "MCP_METRICS_PORT");
      int p = -1;
      if (port != null) {
        try {
          p = Integer.parseInt(port.strip());
        } catch (NumberFormatException e) {
          throw new ServerConfig.ConfigException(
              "--metrics-port (MCP_METRICS_PORT) must be a number, got '" + port.strip() + "'");
        }
        if (p < 0 || p > 65535) {
          throw new ServerConfig.ConfigException(
              "--metrics-port (MCP_METRICS_PORT) must be between 0 and 65535, got " + p);
        }
        if (transport != ServerConfig.Transport.HTTP) {
          throw new ServerConfig.ConfigException(
              "--metrics-port (MCP_METRICS_PORT) needs --transport http: stdio has no metrics");
        }
        if (p != 0 && p == mcpPort) {
          throw new ServerConfig.ConfigException(
              "--metrics-port must differ from --port (" + mcpPort + ")");
        }
      }
      return new OpsSettings(metrics, p, auditLog(env), tasksKeyFile(env));
    }

    /**
     * The tasks key file, checked now: it must be a readable file of at least {@value
     * TaskIds#MIN_SECRET_BYTES} bytes (whitespace around the secret not counted). Messages name the
     * file, never its content.
     */
    private Path tasksKeyFile(Map<String, String> env) throws ServerConfig.ConfigException {
      String v = tasksKeyFile != null ? tasksKeyFile : env(env, "MCP_TASKS_KEY_FILE");
      if (v == null || v.isBlank()) {
        return null;
      }
      Path file = Path.of(v.strip());
      try {
        TaskIds.fromFile(file);
      } catch (IllegalArgumentException | java.io.IOException e) {
        throw new ServerConfig.ConfigException(
            "--tasks-key-file (MCP_TASKS_KEY_FILE) "
                + file
                + ": "
                + (e instanceof IllegalArgumentException
                    ? e.getMessage()
                    : "cannot be read (" + e.getClass().getSimpleName() + ")"));
      }
      return file;
    }

    private AuditLogSettings auditLog(Map<String, String> env) throws ServerConfig.ConfigException {
      String target = auditLog != null ? auditLog : env(env, "MCP_AUDIT_LOG");
      String size = maxSize != null ? maxSize : env(env, "MCP_AUDIT_LOG_MAX_SIZE");
      String keep = files != null ? files : env(env, "MCP_AUDIT_LOG_FILES");
      if (target == null || target.isBlank()) {
        if (maxSize != null || files != null) {
          throw new ServerConfig.ConfigException(
              "--audit-log-max-size and --audit-log-files need --audit-log (MCP_AUDIT_LOG)");
        }
        return null;
      }
      long bytes = AuditLogSettings.DEFAULT_MAX_BYTES;
      if (size != null) {
        try {
          bytes = AuditLogSettings.parseSize(size);
        } catch (IllegalArgumentException e) {
          throw new ServerConfig.ConfigException(
              "--audit-log-max-size (MCP_AUDIT_LOG_MAX_SIZE) " + e.getMessage());
        }
      }
      int n = AuditLogSettings.DEFAULT_KEEP_FILES;
      if (keep != null) {
        try {
          n = Integer.parseInt(keep.strip());
        } catch (NumberFormatException e) {
          n = -1;
        }
        if (n < 1 || n > 1000) {
          throw new ServerConfig.ConfigException(
              "--audit-log-files (MCP_AUDIT_LOG_FILES) must be a whole number between 1 and 1000,"
                  + " got '"
                  + keep.strip()
                  + "'");
        }
      }
      String t = target.strip();
      Path file = t.equalsIgnoreCase(AuditLogSettings.STDERR) || t.equals("-") ? null : Path.of(t);
      if (file != null && java.nio.file.Files.isDirectory(file)) {
        throw new ServerConfig.ConfigException(
            "--audit-log (MCP_AUDIT_LOG) names a directory; give a file: " + t);
      }
      return new AuditLogSettings(file, bytes, n);
    }

    private static String env(Map<String, String> env, String name) {
      String v = env.get(name);
      return v == null || v.isEmpty() ? null : v;
    }
  }
}
