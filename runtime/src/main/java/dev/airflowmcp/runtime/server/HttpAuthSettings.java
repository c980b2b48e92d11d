package dev.airflowmcp.runtime.server;

import dev.airflowmcp.runtime.auth.SecureUrls;
import dev.airflowmcp.runtime.server.ServerConfig.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Who may call the HTTP transport and with which Airflow credentials ({@code --http-auth}, {@code
 * MCP_HTTP_AUTH}), and what the server publishes as an OAuth protected resource. Ignored on stdio,
 * where the service credentials serve the one local user.
 *
 * @param mode the HTTP auth mode
 * @param exposeServiceAccount {@code --expose-service-account}: the second confirmation that lets
 *     {@link Mode#SERVICE_ACCOUNT} bind to a host other than loopback
 * @param resourceUrl {@code --resource-url}: this server's canonical URL (the RFC 8707 resource
 *     identifier, e.g. {@code https://mcp.example.com/mcp}), or null for {@code http://<bind
 *     host>:<port>/mcp}
 * @param issuer {@code --oauth-issuer}: the authorization server (token issuer), or null; when set,
 *     the protected resource metadata is served and 401 answers point to it
 * @param jwksUrl {@code --oauth-jwks-url}: where the issuer's signing keys are, or null to read
 *     {@code jwks_uri} from the issuer's metadata
 * @param audiences {@code --oauth-audience}: accepted {@code aud} values; empty = the resource URL
 * @param scopes {@code --oauth-scope}: scopes a token must carry (and the metadata lists)
 * @param clockSkew {@code --oauth-clock-skew}: tolerance for {@code exp} and {@code nbf}
 */
public record HttpAuthSettings(
    Mode mode,
    boolean exposeServiceAccount,
    String resourceUrl,
    String issuer,
    String jwksUrl,
    List<String> audiences,
    List<String> scopes,
    Duration clockSkew) {

  /** The HTTP auth modes; {@link #flagValue()} is the name in flags, environment, docs and logs. */
  public enum Mode {
    /**
     * Each caller's own {@code Authorization} header goes to Airflow as it is; a request without
     * one gets 401. The default.
     */
    PASSTHROUGH("passthrough"),
    /**
     * Like passthrough, but only bearer JWTs that the configured issuer signed for this server
     * (audience), unexpired and with the required scopes, are accepted and passed on.
     */
    OAUTH("oauth"),
    /**
     * A caller without an {@code Authorization} header acts as the configured service account. An
     * explicit operator choice; loopback only unless {@code --expose-service-account}.
     */
    SERVICE_ACCOUNT("service-account");

    private final String flagValue;

    Mode(String flagValue) {
      this.flagValue = flagValue;
    }

    public String flagValue() {
      return flagValue;
    }

    static Mode parse(String value) throws ConfigException {
      String v = value.strip().toLowerCase(Locale.ROOT);
      for (Mode m : values()) {
        if (m.flagValue.equals(v)) {
          return m;
        }
      }
      throw new ConfigException(
          "unknown HTTP auth mode '"
              + value.strip()
              + "' (--http-auth / MCP_HTTP_AUTH): use passthrough, oauth or service-account");
    }
  }

  /** Default tolerance for {@code exp} and {@code nbf}. */
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);

  /** Largest accepted {@code --oauth-clock-skew}. */
  static final int MAX_CLOCK_SKEW_SECONDS = 300;

  /** Passthrough, nothing published. */
  public static final HttpAuthSettings DEFAULT =
      new HttpAuthSettings(
          Mode.PASSTHROUGH, false, null, null, null, List.of(), List.of(), DEFAULT_CLOCK_SKEW);

  public HttpAuthSettings {
    Objects.requireNonNull(mode, "mode");
    audiences = List.copyOf(audiences);
    scopes = List.copyOf(scopes);
    Objects.requireNonNull(clockSkew, "clockSkew");
  }

  /** Explicit service account (for tests and embedders): callers without a header use it. */
  public static HttpAuthSettings serviceAccount() {
    return new HttpAuthSettings(
        Mode.SERVICE_ACCOUNT, false, null, null, null, List.of(), List.of(), DEFAULT_CLOCK_SKEW);
  }

  /** Validated OAuth with this issuer and JWKS URL (for tests and embedders). */
  public static HttpAuthSettings oauth(
      String issuer, String jwksUrl, String resourceUrl, List<String> scopes) {
    return new HttpAuthSettings(
        Mode.OAUTH, false, resourceUrl, issuer, jwksUrl, List.of(), scopes, DEFAULT_CLOCK_SKEW);
  }

  /** This configuration with another clock skew. */
  public HttpAuthSettings withClockSkew(Duration skew) {
    return new HttpAuthSettings(
        mode, exposeServiceAccount, resourceUrl, issuer, jwksUrl, audiences, scopes, skew);
  }

  /** Whether the protected resource metadata is served (an authorization server is known). */
  public boolean publishesMetadata() {
    return issuer != null;
  }

  /**
   * Refuses a service-account mode bound beyond loopback without the second confirmation.
   *
   * @throws ConfigException naming the host and the confirmation flag
   */
  void checkBind(String host) throws ConfigException {
    if (mode == Mode.SERVICE_ACCOUNT && !exposeServiceAccount && !isLoopback(host)) {
      throw new ConfigException(
          "--http-auth service-account lets every caller that reaches the port act as the service"
              + " account, so it binds only to a loopback host (localhost, 127.0.0.1, ::1), not '"
              + host
              + "'; add --expose-service-account (MCP_EXPOSE_SERVICE_ACCOUNT=true) to"
              + " confirm, or use --http-auth passthrough or oauth");
    }
  }

  /** localhost, 127.0.0.0/8 or ::1 (a name other than localhost is never looked up). */
  static boolean isLoopback(String host) {
    return SecureUrls.isLoopbackHost(host);
  }

  @Override
  public String toString() {
    return "HttpAuthSettings[mode="
        + mode.flagValue
        + ", exposeServiceAccount="
        + exposeServiceAccount
        + ", resourceUrl="
        + resourceUrl
        + ", issuer="
        + issuer
        + ", jwksUrl="
        + jwksUrl
        + ", audiences="
        + audiences
        + ", scopes="
        + scopes
        + ", clockSkew="
        + clockSkew.toSeconds()
        + "s]";
  }

  /** Collects the HTTP auth flags and environment variables; flags win. */
  static final class Builder {
    /** The flag without a value. */
    static final String EXPOSE_FLAG = "--expose-service-account";

    private String mode;
    private boolean expose;
    private String resourceUrl;
    private String issuer;
    private String jwksUrl;
    private final List<String> audiences = new ArrayList<>();
    private final List<String> scopes = new ArrayList<>();
    private String skew;

    void accept(String flag, String value) {
      switch (flag) {
        case "--http-auth" -> mode = value;
        case "--resource-url" -> resourceUrl = value;
        case "--oauth-issuer" -> issuer = value;
        case "--oauth-jwks-url" -> jwksUrl = value;
        case "--oauth-audience" -> audiences.add(value);
        case "--oauth-scope" -> scopes.add(value);
        case "--oauth-clock-skew" -> skew = value;
        default -> throw new IllegalArgumentException(flag);
      }
    }

    void expose() {
      expose = true;
    }

    HttpAuthSettings build(Map<String, String> env, String host) throws ConfigException {
      String m = mode != null ? mode : env(env, "MCP_HTTP_AUTH");
      Mode parsedMode = m == null ? Mode.PASSTHROUGH : Mode.parse(m);
      boolean exposeConfirmed = expose;
      if (!exposeConfirmed) {
        String e = env(env, "MCP_EXPOSE_SERVICE_ACCOUNT");
        if (e != null) {
          String v = e.strip().toLowerCase(Locale.ROOT);
          if (!List.of("true", "false").contains(v)) {
            throw new ConfigException(
                "MCP_EXPOSE_SERVICE_ACCOUNT must be true or false, got '" + e.strip() + "'");
          }
          exposeConfirmed = v.equals("true");
        }
      }
      if (exposeConfirmed && parsedMode != Mode.SERVICE_ACCOUNT) {
        throw new ConfigException(
            "--expose-service-account (MCP_EXPOSE_SERVICE_ACCOUNT) confirms --http-auth"
                + " service-account beyond loopback; the mode is "
                + parsedMode.flagValue());
      }
      String resource =
          url(
              first(resourceUrl, env(env, "MCP_RESOURCE_URL")),
              "--resource-url (MCP_RESOURCE_URL)");
      String iss =
          url(first(issuer, env(env, "MCP_OAUTH_ISSUER")), "--oauth-issuer (MCP_OAUTH_ISSUER)");
      String jwks =
          url(
              first(jwksUrl, env(env, "MCP_OAUTH_JWKS_URL")),
              "--oauth-jwks-url (MCP_OAUTH_JWKS_URL)");
      List<String> aud = list(audiences, env(env, "MCP_OAUTH_AUDIENCES"));
      List<String> scope = list(scopes, env(env, "MCP_OAUTH_SCOPES"));
      for (String s : scope) {
        // RFC 6749 scope-token: printable ASCII without space, quote or backslash.
        if (!s.matches("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,128}")) {
          throw new ConfigException(
              "--oauth-scope (MCP_OAUTH_SCOPES) '" + s + "' is not a valid OAuth scope name");
        }
      }
      for (String a : aud) {
        if (a.length() > 2048 || a.chars().anyMatch(c -> c < 0x21 || c == 0x7F)) {
          throw new ConfigException(
              "--oauth-audience (MCP_OAUTH_AUDIENCES) must be a URI or name without spaces");
        }
      }
      String s = first(skew, env(env, "MCP_OAUTH_CLOCK_SKEW"));
      Duration clockSkew = DEFAULT_CLOCK_SKEW;
      if (s != null) {
        int seconds;
        try {
          seconds = Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
          throw new ConfigException(
              "--oauth-clock-skew (MCP_OAUTH_CLOCK_SKEW) must be a whole number of seconds, got '"
                  + s.strip()
                  + "'");
        }
        if (seconds < 0 || seconds > MAX_CLOCK_SKEW_SECONDS) {
          throw new ConfigException(
              "--oauth-clock-skew (MCP_OAUTH_CLOCK_SKEW) must be between 0 and "
                  + MAX_CLOCK_SKEW_SECONDS
                  + " seconds, got "
                  + seconds);
        }
        clockSkew = Duration.ofSeconds(seconds);
      }
      if (parsedMode == Mode.OAUTH) {
        if (iss == null) {
          throw new ConfigException(
              "--http-auth oauth needs the token issuer: --oauth-issuer URL (MCP_OAUTH_ISSUER)");
        }
        if (resource == null && isWildcard(host)) {
          throw new ConfigException(
              "--http-auth oauth on every interface ('"
                  + host
                  + "') needs --resource-url"
                  + " (MCP_RESOURCE_URL): the URL clients use, which tokens must be issued for");
        }
      } else {
        List<String> oauthOnly = new ArrayList<>();
        if (jwks != null) {
          oauthOnly.add("--oauth-jwks-url");
        }
        if (!aud.isEmpty()) {
          oauthOnly.add("--oauth-audience");
        }
        if (s != null) {
          oauthOnly.add("--oauth-clock-skew");
        }
        if (!oauthOnly.isEmpty()) {
          throw new ConfigException(
              String.join(", ", oauthOnly)
                  + " only apply to --http-auth oauth (the mode is "
                  + parsedMode.flagValue()
                  + ")");
        }
        if (!scope.isEmpty() && iss == null) {
          throw new ConfigException(
              "--oauth-scope is published with an authorization server: set --oauth-issuer too");
        }
        if (iss != null && resource == null && isWildcard(host)) {
          throw new ConfigException(
              "--oauth-issuer on every interface ('"
                  + host
                  + "') needs --resource-url"
                  + " (MCP_RESOURCE_URL): the URL clients use");
        }
      }
      HttpAuthSettings settings =
          new HttpAuthSettings(
              parsedMode, exposeConfirmed, resource, iss, jwks, aud, scope, clockSkew);
      settings.checkBind(host);
      return settings;
    }

    private static boolean isWildcard(String host) {
      String h = host.strip();
      return h.equals("0.0.0.0") || h.equals("::") || h.equals("[::]");
    }

    private static String first(String flag, String env) {
      return flag != null ? flag : env;
    }

    private static List<String> list(List<String> flags, String env) {
      List<String> raw = new ArrayList<>();
      if (!flags.isEmpty()) {
        raw.addAll(flags);
      } else if (env != null) {
        raw.addAll(List.of(env.split(",", -1)));
      }
      List<String> out = new ArrayList<>();
      for (String r : raw) {
        String v = r.strip();
        if (!v.isEmpty() && !out.contains(v)) {
          out.add(v);
        }
      }
      return out;
    }

    private static String env(Map<String, String> env, String name) {
      String v = env.get(name);
      return v == null || v.isEmpty() ? null : v;
    }
  }

  /**
   * Checks an OAuth-related URL: absolute {@code https}, or {@code http} on a loopback host; no
   * query, fragment or user info. Returns it as given (an issuer is compared character for
   * character), or null.
   */
  static String url(String value, String what) throws ConfigException {
    if (value == null) {
      return null;
    }
    String v = value.strip();
    URI uri;
    try {
      uri = new URI(v);
    } catch (URISyntaxException e) {
      throw new ConfigException(what + " is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute()
        || uri.getHost() == null
        || !(scheme.equals("https") || scheme.equals("http"))) {
      throw new ConfigException(what + " must be an absolute https:// URL");
    }
    if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new ConfigException(what + " must not contain user info, a query or a fragment");
    }
    if (!SecureUrls.isHttpsOrLoopback(uri)) {
      throw new ConfigException(
          what
              + " must use https:// (plain http is accepted only for localhost, 127.0.0.1 and ::1)");
    }
    return v;
  }
}
