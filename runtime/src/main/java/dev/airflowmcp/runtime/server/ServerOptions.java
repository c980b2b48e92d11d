package dev.airflowmcp.runtime.server;

import static dev.airflowmcp.runtime.server.ServerOption.Group.HTTP_AUTH;
import static dev.airflowmcp.runtime.server.ServerOption.Group.OPERATIONS;
import static dev.airflowmcp.runtime.server.ServerOption.Group.REDACTION;
import static dev.airflowmcp.runtime.server.ServerOption.Group.SERVER;
import static dev.airflowmcp.runtime.server.ServerOption.NO_DEFAULT;

import dev.airflowmcp.runtime.audit.AuditLogSettings;
import dev.airflowmcp.runtime.server.ServerOption.Group;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server's flags, each written once here: {@link ServerConfig#parse} accepts exactly these,
 * {@link #usage()} is {@code --help}, and {@link #markdownTable()} is the flag table of the README
 * (a test compares the two). Flag names, environment variables and defaults are astro-airflow-mcp's
 * where astro has the setting.
 */
public final class ServerOptions {
  private ServerOptions() {}

  /** Every flag, in the order of {@code --help} and the README table. */
  public static final List<ServerOption> ALL =
      List.of(
          option(
              "--transport",
              "stdio|http",
              SERVER,
              "MCP_TRANSPORT",
              "`stdio`",
              "MCP transport; HTTP is Streamable HTTP at `/mcp`"),
          option(
              "--host",
              "HOST",
              SERVER,
              "MCP_HOST",
              "`" + ServerConfig.DEFAULT_HOST + "`",
              "HTTP bind host"),
          option(
              "--port",
              "N",
              SERVER,
              "MCP_PORT",
              "`" + ServerConfig.DEFAULT_PORT + "`",
              "HTTP port"),
          option(
              "--airflow-url",
              "URL",
              SERVER,
              "AIRFLOW_API_URL",
              "`" + ServerConfig.DEFAULT_AIRFLOW_URL + "`",
              "Airflow base URL; a `user:password@` in it is removed and never used"),
          option(
              "--auth-token",
              "TOKEN",
              SERVER,
              "AIRFLOW_AUTH_TOKEN",
              NO_DEFAULT,
              "static Airflow bearer token (wins over username and password)"),
          option(
              "--username",
              "NAME",
              SERVER,
              "AIRFLOW_USERNAME",
              NO_DEFAULT,
              "Airflow username, with `--password`: Airflow 3 exchanges the pair at `/auth/token`"
                  + " (refreshed before expiry and after a 401), Airflow 2 takes HTTP Basic"),
          option(
              "--password",
              "PASSWORD",
              SERVER,
              "AIRFLOW_PASSWORD",
              NO_DEFAULT,
              "Airflow password, with `--username`"),
          option(
              "--no-verify-ssl",
              null,
              SERVER,
              List.of("AIRFLOW_VERIFY_SSL=false"),
              false,
              "verify",
              "do not verify Airflow's TLS certificate"),
          option(
              "--ca-cert",
              "PATH",
              SERVER,
              "AIRFLOW_CA_CERT",
              NO_DEFAULT,
              "trust this PEM CA certificate for Airflow"),
          option(
              "--allowed-origin",
              "ORIGIN",
              SERVER,
              List.of(),
              false,
              "loopback only",
              "also accept this browser `Origin` on HTTP (repeatable)"),
          option(
              "--rate-limit",
              "CLASS=N/M[/C]",
              SERVER,
              List.of("MCP_RATE_LIMITS"),
              true,
              "the tool spec's limits",
              "per caller, allow a burst of N calls of a rate-limit class, refilled at M per"
                  + " minute; C caps how many of the class one server runs at once; `*` = every"
                  + " class; `off` disables (repeatable)"),
          option(
              "--rate-limit-redis",
              "URI",
              SERVER,
              "MCP_RATE_LIMIT_REDIS",
              "in memory",
              "share rate limits between replicas through Redis"
                  + " (`redis://[user:password@]host[:port][/db]`)"),
          option(
              "--max-concurrent-calls",
              "N",
              SERVER,
              "MCP_MAX_CONCURRENT_CALLS",
              "`" + ServerLimits.DEFAULTS.maxConcurrentCalls() + "`",
              "requests to Airflow in flight at once (bulkhead)"),
          option(
              "--structured-output",
              null,
              SERVER,
              List.of("MCP_STRUCTURED_OUTPUT=true"),
              false,
              "off",
              "declare astro-airflow-mcp's wrapped `outputSchema` on every tool and repeat each"
                  + " result's text in `structuredContent.result`, for agents that read it"
                  + " (FastMCP's `.data`)"),
          option(
              "--request-timeout",
              "S",
              SERVER,
              "AIRFLOW_REQUEST_TIMEOUT",
              "`" + ServerLimits.DEFAULTS.requestTimeout().toSeconds() + "`",
              "deadline of one Airflow call in seconds, retries included"),
          option(
              "--redact-value",
              "VALUE",
              REDACTION,
              List.of("AIRFLOW_MCP_REDACT_VALUES"),
              true,
              NO_DEFAULT,
              "mask this secret value wherever it appears (repeatable)"),
          option(
              "--redact-values-file",
              "PATH",
              REDACTION,
              "AIRFLOW_MCP_REDACT_VALUES_FILE",
              NO_DEFAULT,
              "mask each line of this file as a secret value"),
          option(
              "--sensitive-key",
              "NAME",
              REDACTION,
              List.of("AIRFLOW_MCP_SENSITIVE_KEYS", "AIRFLOW__CORE__SENSITIVE_VAR_CONN_NAMES"),
              true,
              NO_DEFAULT,
              "also mask fields whose name contains `NAME` (repeatable)"),
          option(
              "--keep-value",
              "VALUE",
              REDACTION,
              List.of("AIRFLOW_MCP_KEEP_VALUES"),
              true,
              NO_DEFAULT,
              "a value you know is harmless: the detectors never mask it (the sensitive-key rule"
                  + " and registered values still do; repeatable)"),
          option(
              "--http-auth",
              "MODE",
              HTTP_AUTH,
              "MCP_HTTP_AUTH",
              "`passthrough`",
              "who may call the HTTP transport: `passthrough` (each caller's own `Authorization`"
                  + " goes to Airflow; none: 401), `oauth` (only bearer tokens `--oauth-issuer`"
                  + " signed for this server, passed on to Airflow), `service-account` (callers"
                  + " without a header act as the configured credentials; loopback only)"),
          option(
              "--expose-service-account",
              null,
              HTTP_AUTH,
              List.of("MCP_EXPOSE_SERVICE_ACCOUNT=true"),
              false,
              "off",
              "confirm `service-account` on a non-loopback `--host`: everyone reaching the port"
                  + " acts as that account"),
          option(
              "--resource-url",
              "URL",
              HTTP_AUTH,
              "MCP_RESOURCE_URL",
              "`http://<host>:<port>/mcp`",
              "this server's canonical URL as clients reach it: the OAuth resource identifier"
                  + " and default token audience"),
          option(
              "--oauth-issuer",
              "URL",
              HTTP_AUTH,
              "MCP_OAUTH_ISSUER",
              NO_DEFAULT,
              "the authorization server (token `iss`); publishes"
                  + " `/.well-known/oauth-protected-resource` and names it in every 401"),
          option(
              "--oauth-jwks-url",
              "URL",
              HTTP_AUTH,
              "MCP_OAUTH_JWKS_URL",
              "the issuer's `jwks_uri`",
              "where the issuer's signing keys are (`oauth` mode)"),
          option(
              "--oauth-audience",
              "AUD",
              HTTP_AUTH,
              List.of("MCP_OAUTH_AUDIENCES"),
              true,
              "the resource URL",
              "accepted token audience, repeatable (`oauth` mode)"),
          option(
              "--oauth-scope",
              "SCOPE",
              HTTP_AUTH,
              List.of("MCP_OAUTH_SCOPES"),
              true,
              NO_DEFAULT,
              "scope every token must carry (403 without), listed in the metadata, repeatable"),
          option(
              "--oauth-clock-skew",
              "S",
              HTTP_AUTH,
              "MCP_OAUTH_CLOCK_SKEW",
              "`" + HttpAuthSettings.DEFAULT_CLOCK_SKEW.toSeconds() + "`",
              "tolerance for `exp` and `nbf` in seconds, 0–"
                  + HttpAuthSettings.MAX_CLOCK_SKEW_SECONDS
                  + " (`oauth` mode)"),
          option(
              "--no-metrics",
              null,
              OPERATIONS,
              List.of("MCP_METRICS=false"),
              false,
              "on (HTTP)",
              "do not serve Prometheus metrics at `/metrics`"),
          option(
              "--metrics-port",
              "N",
              OPERATIONS,
              "MCP_METRICS_PORT",
              "the MCP port",
              "serve `/metrics` (only) and `/healthz`, `/readyz` (too) on this port"),
          option(
              "--audit-log",
              "PATH|stderr",
              OPERATIONS,
              "MCP_AUDIT_LOG",
              NO_DEFAULT,
              "write one JSON line per tool call (no arguments, results or credentials) to this"
                  + " file or to standard error"),
          option(
              "--audit-log-max-size",
              "SIZE",
              OPERATIONS,
              "MCP_AUDIT_LOG_MAX_SIZE",
              "`" + (AuditLogSettings.DEFAULT_MAX_BYTES >> 20) + "M`",
              "rotate the audit log file at this size (`100M`, `1G`); `0` never rotates"),
          option(
              "--audit-log-files",
              "N",
              OPERATIONS,
              "MCP_AUDIT_LOG_FILES",
              "`" + AuditLogSettings.DEFAULT_KEEP_FILES + "`",
              "rotated audit log files kept"),
          option(
              "--tasks-key-file",
              "PATH",
              OPERATIONS,
              "MCP_TASKS_KEY_FILE",
              "a random key per process",
              "a file holding a secret of at least 32 bytes that seals the task ids of the MCP"
                  + " tasks extension (write builds); the same file on every replica lets any"
                  + " replica answer any task, across restarts"));

  private static final Map<String, ServerOption> BY_FLAG = byFlag();

  /** The option of this flag (without any {@code =value}), if the server has it. */
  public static Optional<ServerOption> find(String flag) {
    return Optional.ofNullable(BY_FLAG.get(flag));
  }

  /** The help text for {@code --help}. */
  public static String usage() {
    List<String> lines = new ArrayList<>();
    lines.add("Usage: java -jar airflow-mcp-server.jar [options]");
    lines.add("");
    lines.add("Options (environment variables in brackets; flags win):");
    Group group = SERVER;
    for (ServerOption option : ALL) {
      if (option.group() != group && option.group() != REDACTION) {
        lines.add("");
        lines.add(
            option.group() == HTTP_AUTH
                ? "HTTP auth (who may call the HTTP transport; stdio always uses the service"
                    + " credentials):"
                : "Operations (metrics and health on HTTP; the audit log on both transports):");
      }
      group = option.group() == REDACTION ? SERVER : option.group();
      lines.addAll(option.helpLines());
    }
    lines.add("  --help                   print this help");
    lines.add("");
    lines.add(
        "Subcommand: java -jar airflow-mcp-server.jar redact [--jsonl] reads text on stdin and");
    lines.add("writes it redacted on stdout (see 'redact --help').");
    lines.add("");
    lines.add("Read-only mode: AF_READ_ONLY=true refuses every write (write tools exist only in");
    lines.add("write-enabled builds). Prefer the environment over flags for secrets.");
    return String.join("\n", lines);
  }

  /** The README's flag table: a header and one row per flag, in Markdown. */
  public static String markdownTable() {
    List<String> lines = new ArrayList<>();
    lines.add("| flag | environment | default | meaning |");
    lines.add("|---|---|---|---|");
    ALL.forEach(o -> lines.add(o.markdownRow()));
    return String.join("\n", lines);
  }

  private static ServerOption option(
      String flag, String value, Group group, String env, String defaultText, String meaning) {
    return new ServerOption(flag, value, group, List.of(env), false, defaultText, meaning);
  }

  private static ServerOption option(
      String flag,
      String value,
      Group group,
      List<String> env,
      boolean commaSeparated,
      String defaultText,
      String meaning) {
    return new ServerOption(flag, value, group, env, commaSeparated, defaultText, meaning);
  }

  private static Map<String, ServerOption> byFlag() {
    Map<String, ServerOption> map = new LinkedHashMap<>();
    for (ServerOption o : ALL) {
      if (map.put(o.flag(), o) != null) {
        throw new IllegalStateException("flag listed twice: " + o.flag());
      }
    }
    return map;
  }
}
