package dev.airflowmcp.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airflowmcp.runtime.server.HttpAuthSettings.Mode;
import dev.airflowmcp.runtime.server.ServerConfig.ConfigException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --http-auth} and the OAuth settings, from flags and the environment. */
class HttpAuthConfigTest {

  private static HttpAuthSettings parse(Map<String, String> env, String... args)
      throws ConfigException {
    return ServerConfig.parse(args, env).httpAuth();
  }

  private static Map<String, String> env(String... keyValues) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return m;
  }

  @Test
  void passthroughIsTheDefaultAndPublishesNothing() throws Exception {
    HttpAuthSettings a = parse(Map.of(), "--transport", "http");
    assertThat(a.mode()).isEqualTo(Mode.PASSTHROUGH);
    assertThat(a.publishesMetadata()).isFalse();
    assertThat(a.clockSkew()).isEqualTo(Duration.ofSeconds(30));
    // Service credentials alone do not change the mode.
    assertThat(parse(env("AIRFLOW_AUTH_TOKEN", "t"), "--transport", "http").mode())
        .isEqualTo(Mode.PASSTHROUGH);
  }

  @Test
  void serviceAccountOnLoopbackFromFlagOrEnvironment() throws Exception {
    assertThat(parse(Map.of(), "--http-auth", "service-account").mode())
        .isEqualTo(Mode.SERVICE_ACCOUNT);
    assertThat(parse(env("MCP_HTTP_AUTH", "Service-Account"), "--host", "127.0.0.1").mode())
        .isEqualTo(Mode.SERVICE_ACCOUNT);
    assertThat(parse(Map.of(), "--http-auth=service-account", "--host", "::1").mode())
        .isEqualTo(Mode.SERVICE_ACCOUNT);
    // The flag wins over the environment.
    assertThat(parse(env("MCP_HTTP_AUTH", "service-account"), "--http-auth", "passthrough").mode())
        .isEqualTo(Mode.PASSTHROUGH);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"0.0.0.0", "::", "192.168.1.10", "mcp.example.com", "localhost.example.com"})
  void serviceAccountBeyondLoopbackNeedsTheSecondConfirmation(String host) throws Exception {
    assertThatThrownBy(() -> parse(Map.of(), "--http-auth", "service-account", "--host", host))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'" + host + "'")
        .hasMessageContaining("--expose-service-account");
    HttpAuthSettings confirmed =
        parse(
            Map.of(), "--http-auth", "service-account", "--host", host, "--expose-service-account");
    assertThat(confirmed.exposeServiceAccount()).isTrue();
    assertThat(
            parse(
                    env(
                        "MCP_HTTP_AUTH",
                        "service-account",
                        "MCP_HOST",
                        host,
                        "MCP_EXPOSE_SERVICE_ACCOUNT",
                        "true"))
                .exposeServiceAccount())
        .isTrue();
  }

  @Test
  void theConfirmationAloneIsAMistake() {
    assertThatThrownBy(() -> parse(Map.of(), "--expose-service-account"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("the mode is passthrough");
    assertThatThrownBy(() -> parse(env("MCP_EXPOSE_SERVICE_ACCOUNT", "yes")))
        .hasMessageContaining("true or false");
    assertThatThrownBy(() -> parse(Map.of(), "--expose-service-account=true"))
        .hasMessageContaining("takes no value");
  }

  @Test
  void unknownModeListsTheThree() {
    assertThatThrownBy(() -> parse(Map.of(), "--http-auth", "anonymous"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "unknown HTTP auth mode 'anonymous' (--http-auth / MCP_HTTP_AUTH): use passthrough,"
                + " oauth or service-account");
  }

  @Test
  void oauthReadsEverySetting() throws Exception {
    HttpAuthSettings a =
        parse(
            Map.of(),
            "--http-auth",
            "oauth",
            "--oauth-issuer",
            "https://idp.example.com/realms/airflow",
            "--oauth-jwks-url",
            "https://idp.example.com/realms/airflow/certs",
            "--resource-url",
            "https://mcp.example.com/mcp",
            "--oauth-audience",
            "https://mcp.example.com/mcp",
            "--oauth-audience",
            "airflow",
            "--oauth-scope",
            "airflow.read",
            "--oauth-clock-skew",
            "5");
    assertThat(a.mode()).isEqualTo(Mode.OAUTH);
    assertThat(a.issuer()).isEqualTo("https://idp.example.com/realms/airflow");
    assertThat(a.jwksUrl()).isEqualTo("https://idp.example.com/realms/airflow/certs");
    assertThat(a.resourceUrl()).isEqualTo("https://mcp.example.com/mcp");
    assertThat(a.audiences()).containsExactly("https://mcp.example.com/mcp", "airflow");
    assertThat(a.scopes()).containsExactly("airflow.read");
    assertThat(a.clockSkew()).isEqualTo(Duration.ofSeconds(5));
    assertThat(a.publishesMetadata()).isTrue();

    HttpAuthSettings fromEnv =
        parse(
            env(
                "MCP_HTTP_AUTH",
                "oauth",
                "MCP_OAUTH_ISSUER",
                "http://localhost:3000",
                "MCP_OAUTH_AUDIENCES",
                "a, b,,a",
                "MCP_OAUTH_SCOPES",
                "airflow.read,dags.read",
                "MCP_OAUTH_CLOCK_SKEW",
                "0",
                "MCP_RESOURCE_URL",
                "http://127.0.0.1:8000/mcp"));
    assertThat(fromEnv.audiences()).containsExactly("a", "b");
    assertThat(fromEnv.scopes()).containsExactly("airflow.read", "dags.read");
    assertThat(fromEnv.clockSkew()).isZero();
    assertThat(fromEnv.jwksUrl()).as("discovered from the issuer's metadata").isNull();
  }

  @Test
  void passthroughMayPublishAnAuthorizationServer() throws Exception {
    HttpAuthSettings a =
        parse(
            Map.of(), "--oauth-issuer", "https://idp.example.com", "--oauth-scope", "airflow.read");
    assertThat(a.mode()).isEqualTo(Mode.PASSTHROUGH);
    assertThat(a.publishesMetadata()).isTrue();
  }

  @Test
  void oauthNeedsAnIssuerAndAResourceUrlOnEveryInterface() {
    assertThatThrownBy(() -> parse(Map.of(), "--http-auth", "oauth"))
        .hasMessageContaining("--oauth-issuer URL (MCP_OAUTH_ISSUER)");
    assertThatThrownBy(
            () ->
                parse(
                    Map.of(),
                    "--http-auth",
                    "oauth",
                    "--oauth-issuer",
                    "https://idp.example.com",
                    "--host",
                    "0.0.0.0"))
        .hasMessageContaining("needs --resource-url");
    assertThatThrownBy(
            () -> parse(Map.of(), "--oauth-issuer", "https://idp.example.com", "--host", "::"))
        .hasMessageContaining("needs --resource-url");
  }

  @Test
  void validationSettingsOutsideOauthAreRefused() {
    assertThatThrownBy(
            () ->
                parse(
                    Map.of(),
                    "--oauth-jwks-url",
                    "https://idp.example.com/jwks",
                    "--oauth-audience",
                    "x",
                    "--oauth-clock-skew",
                    "3"))
        .hasMessage(
            "--oauth-jwks-url, --oauth-audience, --oauth-clock-skew only apply to --http-auth oauth"
                + " (the mode is passthrough)");
    assertThatThrownBy(() -> parse(Map.of(), "--oauth-scope", "airflow.read"))
        .hasMessageContaining("set --oauth-issuer too");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://idp.example.com",
        "ftp://idp.example.com",
        "idp.example.com",
        "/relative",
        "https://user:pw@idp.example.com",
        "https://idp.example.com/?tenant=1",
        "https://idp.example.com/#x",
        "http://10.0.0.1",
        "http://127.0.0.1.nip.io",
        "not a url"
      })
  void issuerAndResourceUrlsMustBeHttpsOrLoopback(String url) {
    assertThatThrownBy(() -> parse(Map.of(), "--oauth-issuer", url))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("--oauth-issuer (MCP_OAUTH_ISSUER)");
    assertThatThrownBy(
            () ->
                parse(
                    Map.of(),
                    "--http-auth",
                    "oauth",
                    "--oauth-issuer",
                    "https://idp.example.com",
                    "--resource-url",
                    url))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("--resource-url (MCP_RESOURCE_URL)");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://localhost:3000",
        "http://127.0.0.1:3000/x",
        "http://[::1]:3000",
        "https://idp.example.com"
      })
  void loopbackHttpAndHttpsAreAccepted(String url) throws Exception {
    assertThat(parse(Map.of(), "--oauth-issuer", url).issuer()).isEqualTo(url);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "301", "abc", "1.5"})
  void clockSkewIsBounded(String skew) {
    assertThatThrownBy(
            () ->
                parse(
                    Map.of(),
                    "--http-auth",
                    "oauth",
                    "--oauth-issuer",
                    "https://i.example",
                    "--oauth-clock-skew",
                    skew))
        .hasMessageContaining("--oauth-clock-skew (MCP_OAUTH_CLOCK_SKEW)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"has space", "quote\"d", "back\\slash", "\u00e9t\u00e9"})
  void scopesMustBeOauthScopeTokens(String scope) {
    assertThatThrownBy(
            () -> parse(Map.of(), "--oauth-issuer", "https://i.example", "--oauth-scope", scope))
        .hasMessageContaining("not a valid OAuth scope name");
  }

  @Test
  void flagsWithoutValuesAreErrors() {
    for (String flag :
        List.of(
            "--http-auth",
            "--resource-url",
            "--oauth-issuer",
            "--oauth-jwks-url",
            "--oauth-audience",
            "--oauth-scope",
            "--oauth-clock-skew")) {
      assertThatThrownBy(() -> parse(Map.of(), flag)).hasMessage(flag + " needs a value");
    }
  }

  @Test
  void toStringNamesTheModeAndUsageDocumentsIt() throws Exception {
    assertThat(parse(Map.of(), "--http-auth", "service-account").toString())
        .contains("mode=service-account");
    assertThat(ServerConfig.usage())
        .contains(
            "--http-auth MODE",
            "[MCP_HTTP_AUTH]",
            "passthrough",
            "oauth",
            "service-account",
            "--expose-service-account",
            "--oauth-issuer",
            "--resource-url");
  }

  @Test
  @Timeout(5)
  void hostileHostsAreJudgedWithoutLookingThemUp() {
    String longName = "a".repeat(100_000);
    assertThat(HttpAuthSettings.isLoopback(longName)).isFalse();
    assertThat(HttpAuthSettings.isLoopback(":".repeat(100_000))).isFalse();
    assertThat(HttpAuthSettings.isLoopback("dead:beef")).isFalse();
    assertThat(HttpAuthSettings.isLoopback("127.0.0.1")).isTrue();
    assertThat(HttpAuthSettings.isLoopback("127.9.8.7")).isTrue();
    assertThat(HttpAuthSettings.isLoopback("[::1]")).isTrue();
    assertThat(HttpAuthSettings.isLoopback("LOCALHOST")).isTrue();
    assertThat(HttpAuthSettings.isLoopback("0.0.0.0")).isFalse();
  }
}
