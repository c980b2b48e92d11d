package dev.airflowmcp.runtime.server;

import dev.airflowmcp.runtime.airflow.AirflowTransportConfig;
import dev.airflowmcp.runtime.ratelimit.RateLimits;
import dev.airflowmcp.runtime.ratelimit.RedisRateLimiter;
import dev.airflowmcp.runtime.redaction.RedactionSettings;
import dev.airflowmcp.runtime.tool.RateLimit;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server settings from command-line flags and environment variables, with the names and meanings
 * astro-airflow-mcp uses (flags win over the environment). Credentials never have defaults.
 *
 * @param transport {@code stdio} or {@code http}
 * @param host HTTP bind host
 * @param port HTTP port
 * @param airflowUrl Airflow base URL ({@link #parse} normalises it: no query or fragment); any
 *     {@code user:password@} is removed here, and never used as credentials
 * @param authToken static Airflow bearer token, or null
 * @param username Airflow username, or null
 * @param password Airflow password, or null
 * @param verifyTls whether Airflow's TLS certificate is verified
 * @param caCertificate a PEM CA certificate to trust for Airflow, or null
 * @param readOnly {@code AF_READ_ONLY}: refuse writes even in a write-enabled build
 * @param allowedOrigins extra browser origins allowed on the HTTP transport
 * @param limits rate limits, bulkhead and call deadline
 * @param redaction registered secret values and extra sensitive key names
 * @param structuredOutput {@code --structured-output}: declare astro-airflow-mcp's wrapped {@code
 *     outputSchema} on every tool and repeat each result's text in {@code
 *     structuredContent.result}, for clients that read it (FastMCP's {@code .data})
 * @param httpAuth who may call the HTTP transport, with which Airflow credentials ({@code
 *     --http-auth} and the OAuth settings)
 * @param ops metrics, their port and the audit log ({@link OpsSettings})
 */
public record ServerConfig(
    Transport transport,
    String host,
    int port,
    String airflowUrl,
    String authToken,
    String username,
    String password,
    boolean verifyTls,
    Path caCertificate,
    boolean readOnly,
    List<String> allowedOrigins,
    ServerLimits limits,
    RedactionSettings redaction,
    boolean structuredOutput,
    HttpAuthSettings httpAuth,
    OpsSettings ops) {

  /** The MCP transport. */
  public enum Transport {
    STDIO,
    HTTP
  }

  private static final Logger LOG = LoggerFactory.getLogger(ServerConfig.class);

  public static final String DEFAULT_AIRFLOW_URL = "http://localhost:8080";
  public static final String DEFAULT_HOST = "localhost";
  public static final int DEFAULT_PORT = 8000;

  public ServerConfig {
    Objects.requireNonNull(transport, "transport");
    // Credentials in the URL are never kept, so nothing can print or send them.
    airflowUrl = AirflowTransportConfig.withoutUserInfo(airflowUrl);
    allowedOrigins = List.copyOf(allowedOrigins);
    Objects.requireNonNull(limits, "limits");
    redaction = redaction == null ? RedactionSettings.NONE : redaction;
    httpAuth = httpAuth == null ? HttpAuthSettings.DEFAULT : httpAuth;
    ops = ops == null ? OpsSettings.DEFAULTS : ops;
  }

  /**
   * As the canonical constructor, with {@link HttpAuthSettings#DEFAULT passthrough} on HTTP and the
   * default operations settings (metrics on HTTP, no audit log).
   */
  public ServerConfig(
      Transport transport,
      String host,
      int port,
      String airflowUrl,
      String authToken,
      String username,
      String password,
      boolean verifyTls,
      Path caCertificate,
      boolean readOnly,
      List<String> allowedOrigins,
      ServerLimits limits,
      RedactionSettings redaction,
      boolean structuredOutput) {
    this(
        transport,
        host,
        port,
        airflowUrl,
        authToken,
        username,
        password,
        verifyTls,
        caCertificate,
        readOnly,
        allowedOrigins,
        limits,
        redaction,
        structuredOutput,
        HttpAuthSettings.DEFAULT,
        OpsSettings.DEFAULTS);
  }

  /**
   * A configuration with the {@link ServerLimits#DEFAULTS default limits} and no extra redaction
   * settings.
   */
  public ServerConfig(
      Transport transport,
      String host,
      int port,
      String airflowUrl,
      String authToken,
      String username,
      String password,
      boolean verifyTls,
      Path caCertificate,
      boolean readOnly,
      List<String> allowedOrigins) {
    this(
        transport,
        host,
        port,
        airflowUrl,
        authToken,
        username,
        password,
        verifyTls,
        caCertificate,
        readOnly,
        allowedOrigins,
        ServerLimits.DEFAULTS);
  }

  /** A configuration with these limits and no extra redaction settings. */
  public ServerConfig(
      Transport transport,
      String host,
      int port,
      String airflowUrl,
      String authToken,
      String username,
      String password,
      boolean verifyTls,
      Path caCertificate,
      boolean readOnly,
      List<String> allowedOrigins,
      ServerLimits limits) {
    this(
        transport,
        host,
        port,
        airflowUrl,
        authToken,
        username,
        password,
        verifyTls,
        caCertificate,
        readOnly,
        allowedOrigins,
        limits,
        RedactionSettings.NONE,
        false);
  }

  /** This configuration with other limits. */
  public ServerConfig withLimits(ServerLimits newLimits) {
    return new ServerConfig(
        transport,
        host,
        port,
        airflowUrl,
        authToken,
        username,
        password,
        verifyTls,
        caCertificate,
        readOnly,
        allowedOrigins,
        newLimits,
        redaction,
        structuredOutput,
        httpAuth,
        ops);
  }

  /** This configuration with other HTTP auth settings. */
  public ServerConfig withHttpAuth(HttpAuthSettings newHttpAuth) {
    return new ServerConfig(
        transport,
        host,
        port,
        airflowUrl,
        authToken,
        username,
        password,
        verifyTls,
        caCertificate,
        readOnly,
        allowedOrigins,
        limits,
        redaction,
        structuredOutput,
        newHttpAuth,
        ops);
  }

  /** This configuration with other operations settings. */
  public ServerConfig withOps(OpsSettings newOps) {
    return new ServerConfig(
        transport,
        host,
        port,
        airflowUrl,
        authToken,
        username,
        password,
        verifyTls,
        caCertificate,
        readOnly,
        allowedOrigins,
        limits,
        redaction,
        structuredOutput,
        httpAuth,
        newOps);
  }

  /** Bad flags or environment; the message says which and why. */
  public static final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
      super(message);
    }
  }

  @Override
  public String toString() {
    // Never print credentials.
    return "ServerConfig[transport="
        + transport
        + ", host="
        + host
        + ", port="
        + port
        + ", airflowUrl="
        + airflowUrl
        + ", authToken="
        + (authToken == null ? "unset" : "set")
        + ", username="
        + (username == null ? "unset" : username)
        + ", password="
        + (password == null ? "unset" : "set")
        + ", verifyTls="
        + verifyTls
        + ", caCertificate="
        + caCertificate
        + ", readOnly="
        + readOnly
        + ", limits="
        + limits
        + ", redaction="
        + redaction
        + ", structuredOutput="
        + structuredOutput
        + ", httpAuth="
        + httpAuth
        + ", ops="
        + ops
        + "]";
  }

  /** The help text for {@code --help}, made from {@link ServerOptions#ALL}. */
  public static String usage() {
    return ServerOptions.usage();
  }

  /** Reads flags, falling back to the environment; warnings go to this class's log. */
  public static ServerConfig parse(String[] args, Map<String, String> env) throws ConfigException {
    return parse(args, env, LOG::warn);
  }

  /**
   * Reads flags, falling back to the environment.
   *
   * @param warnings receives each warning about a setting that was accepted but changed (a warning
   *     never repeats a secret)
   */
  public static ServerConfig parse(
      String[] args, Map<String, String> env, Consumer<String> warnings) throws ConfigException {
    String transport = env(env, "MCP_TRANSPORT");
    String host = env(env, "MCP_HOST");
    String port = env(env, "MCP_PORT");
    String url = env(env, "AIRFLOW_API_URL");
    String token = env(env, "AIRFLOW_AUTH_TOKEN");
    String user = env(env, "AIRFLOW_USERNAME");
    String password = env(env, "AIRFLOW_PASSWORD");
    String ca = null;
    Boolean noVerify = null;
    boolean structured = false;
    List<String> origins = new ArrayList<>();
    String redis = env(env, "MCP_RATE_LIMIT_REDIS");
    String maxCalls = env(env, "MCP_MAX_CONCURRENT_CALLS");
    String timeout = env(env, "AIRFLOW_REQUEST_TIMEOUT");
    String envLimits = env(env, "MCP_RATE_LIMITS");
    List<String> flagLimits = new ArrayList<>();
    RedactionSettings.Builder redaction = new RedactionSettings.Builder();
    HttpAuthSettings.Builder httpAuth = new HttpAuthSettings.Builder();
    OpsSettings.Builder ops = new OpsSettings.Builder();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String value = null;
      int eq = a.indexOf('=');
      String flag = a;
      if (a.startsWith("--") && eq > 0) {
        flag = a.substring(0, eq);
        value = a.substring(eq + 1);
      }
      ServerOption option =
          ServerOptions.find(flag)
              .orElseThrow(() -> new ConfigException("unknown option '" + a + "' (see --help)"));
      if (!option.takesValue()) {
        if (value != null) {
          throw new ConfigException(flag + " takes no value");
        }
        switch (flag) {
          case "--no-verify-ssl" -> noVerify = Boolean.TRUE;
          case "--structured-output" -> structured = true;
          case "--no-metrics" -> ops.noMetrics();
          case HttpAuthSettings.Builder.EXPOSE_FLAG -> httpAuth.expose();
          default -> throw new IllegalStateException("switch without a setting: " + flag);
        }
        continue;
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          throw new ConfigException(flag + " needs a value");
        }
        value = args[++i];
      }
      switch (option.group()) {
        case REDACTION -> redaction.accept(flag, value);
        case HTTP_AUTH -> httpAuth.accept(flag, value);
        case OPERATIONS -> ops.accept(flag, value);
        case SERVER -> {
          switch (flag) {
            case "--transport" -> transport = value;
            case "--host" -> host = value;
            case "--port" -> port = value;
            case "--airflow-url" -> url = value;
            case "--auth-token" -> token = value;
            case "--username" -> user = value;
            case "--password" -> password = value;
            case "--ca-cert" -> ca = value;
            case "--allowed-origin" -> origins.add(value);
            case "--rate-limit" -> flagLimits.add(value);
            case "--rate-limit-redis" -> redis = value;
            case "--max-concurrent-calls" -> maxCalls = value;
            case "--request-timeout" -> timeout = value;
            default -> throw new IllegalStateException("flag without a setting: " + flag);
          }
        }
      }
    }
    RedactionSettings redactionSettings;
    try {
      redactionSettings = redaction.build(env);
    } catch (IOException e) {
      throw new ConfigException(e.getMessage());
    }
    if (noVerify != null && ca != null) {
      throw new ConfigException("--no-verify-ssl and --ca-cert cannot be used together");
    }
    boolean verify = true;
    if (noVerify != null) {
      verify = false;
    } else if (ca == null) {
      String v = env(env, "AIRFLOW_VERIFY_SSL");
      if (v != null && List.of("false", "0", "no").contains(v.trim().toLowerCase(Locale.ROOT))) {
        verify = false;
      }
      if (verify) {
        ca = env(env, "AIRFLOW_CA_CERT");
      }
    }
    Path caPath = null;
    if (ca != null) {
      caPath = Path.of(ca);
      if (!Files.isRegularFile(caPath)) {
        throw new ConfigException("CA certificate file not found: " + ca);
      }
    }
    Transport t = parseTransport(transport);
    int p = DEFAULT_PORT;
    if (port != null) {
      try {
        p = Integer.parseInt(port.trim());
      } catch (NumberFormatException e) {
        throw new ConfigException("port must be a number, got '" + port + "'");
      }
      if (p < 0 || p > 65535) {
        throw new ConfigException("port must be between 0 and 65535, got " + p);
      }
    }
    if ((user == null) != (password == null)) {
      throw new ConfigException(
          (user == null ? "AIRFLOW_USERNAME (--username)" : "AIRFLOW_PASSWORD (--password)")
              + " is missing: a username and a password go together");
    }
    String airflowUrl;
    try {
      airflowUrl = AirflowTransportConfig.normalizeBaseUrl(url == null ? DEFAULT_AIRFLOW_URL : url);
    } catch (IllegalArgumentException e) {
      // The message never repeats the URL, which may hold a secret.
      throw new ConfigException(e.getMessage());
    }
    if (url != null && !AirflowTransportConfig.withoutUserInfo(url.strip()).equals(url.strip())) {
      // Astro drops user:password@ too. Name only the host: the user part is left out as well.
      warnings.accept(
          "the Airflow URL for host "
              + URI.create(airflowUrl).getHost()
              + " contained"
              + " user:password@; it was removed and is not used as credentials (set"
              + " AIRFLOW_AUTH_TOKEN, or AIRFLOW_USERNAME and AIRFLOW_PASSWORD)");
    }
    String ro = env(env, "AF_READ_ONLY");
    boolean readOnly = ro != null && ro.trim().toLowerCase(Locale.ROOT).equals("true");
    ServerLimits limits = limits(envLimits, flagLimits, redis, maxCalls, timeout);
    if (!structured) {
      String so = env(env, "MCP_STRUCTURED_OUTPUT");
      if (so != null) {
        String v = so.trim().toLowerCase(Locale.ROOT);
        if (!List.of("true", "false").contains(v)) {
          throw new ConfigException(
              "MCP_STRUCTURED_OUTPUT must be true or false, got '" + so.strip() + "'");
        }
        structured = v.equals("true");
      }
    }
    String bindHost = host == null ? DEFAULT_HOST : host;
    HttpAuthSettings httpAuthSettings = httpAuth.build(env, bindHost);
    return new ServerConfig(
        t,
        bindHost,
        p,
        airflowUrl,
        token,
        user,
        password,
        verify,
        caPath,
        readOnly,
        origins,
        limits,
        redactionSettings,
        structured,
        httpAuthSettings,
        ops.build(env, t, p));
  }

  private static ServerLimits limits(
      String envLimits, List<String> flagLimits, String redis, String maxCalls, String timeout)
      throws ConfigException {
    Map<String, RateLimit> fromEnv = new LinkedHashMap<>();
    boolean envOff = false;
    if (envLimits != null) {
      for (String item : envLimits.split(",", -1)) {
        envOff |= rateLimit(item, "MCP_RATE_LIMITS", fromEnv);
      }
    }
    Map<String, RateLimit> fromFlags = new LinkedHashMap<>();
    boolean flagOff = false;
    for (String item : flagLimits) {
      flagOff |= rateLimit(item, "--rate-limit", fromFlags);
    }
    if ((envOff && !fromEnv.isEmpty()) || (flagOff && !fromFlags.isEmpty())) {
      throw new ConfigException("rate limits cannot be both 'off' and set for a class; choose one");
    }
    // Flags win: '--rate-limit off' ignores MCP_RATE_LIMITS, and a class set by a flag
    // switches limits on even when MCP_RATE_LIMITS=off.
    boolean off = flagOff || (envOff && fromFlags.isEmpty());
    Map<String, RateLimit> overrides = new LinkedHashMap<>();
    if (!off) {
      overrides.putAll(fromEnv);
      overrides.putAll(fromFlags);
    }
    if (redis != null) {
      if (off) {
        throw new ConfigException("--rate-limit off and --rate-limit-redis contradict each other");
      }
      try {
        RedisRateLimiter.parse(redis);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(e.getMessage() + " (--rate-limit-redis / MCP_RATE_LIMIT_REDIS)");
      }
    }
    int calls =
        boundedInt(
            maxCalls,
            "--max-concurrent-calls (MCP_MAX_CONCURRENT_CALLS)",
            1,
            10_000,
            ServerLimits.DEFAULTS.maxConcurrentCalls());
    int seconds =
        boundedInt(
            timeout,
            "--request-timeout (AIRFLOW_REQUEST_TIMEOUT)",
            1,
            3_600,
            (int) ServerLimits.DEFAULTS.requestTimeout().toSeconds());
    return new ServerLimits(
        overrides, off, redis == null ? null : redis.strip(), calls, Duration.ofSeconds(seconds));
  }

  /** Reads one {@code CLASS=CAPACITY/PER_MINUTE} into {@code out}; returns true for {@code off}. */
  private static boolean rateLimit(String item, String source, Map<String, RateLimit> out)
      throws ConfigException {
    String text = item.strip();
    if (text.equalsIgnoreCase("off")) {
      return true;
    }
    int eq = text.indexOf('=');
    String name = eq < 0 ? "" : text.substring(0, eq).strip();
    if (name.isEmpty()
        || !(name.equals(RateLimits.ALL_CLASSES) || name.matches("[A-Za-z0-9_.-]{1,64}"))) {
      throw new ConfigException(
          source
              + " takes CLASS=CAPACITY/PER_MINUTE[/MAX_CONCURRENT] (for example list=30/120,"
              + " logs=10/30/4, or *=60/240 for every class) or 'off', got '"
              + text
              + "'");
    }
    try {
      out.put(name, RateLimit.parse(text.substring(eq + 1)));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(source + " for class '" + name + "': " + e.getMessage());
    }
    return false;
  }

  private static int boundedInt(String value, String what, int min, int max, int fallback)
      throws ConfigException {
    if (value == null) {
      return fallback;
    }
    int n;
    try {
      n = Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new ConfigException(what + " must be a whole number, got '" + value + "'");
    }
    if (n < min || n > max) {
      throw new ConfigException(what + " must be between " + min + " and " + max + ", got " + n);
    }
    return n;
  }

  private static Transport parseTransport(String value) throws ConfigException {
    if (value == null) {
      return Transport.STDIO;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "stdio" -> Transport.STDIO;
      case "http", "streamable-http" -> Transport.HTTP;
      default -> throw new ConfigException("unknown transport '" + value + "': use stdio or http");
    };
  }

  /** An environment value, with empty strings treated as unset. */
  private static String env(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isEmpty() ? null : v;
  }
}
