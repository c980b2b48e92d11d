package dev.airflowmcp.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airflowmcp.runtime.server.ServerConfig.ConfigException;
import dev.airflowmcp.runtime.server.ServerConfig.Transport;
import dev.airflowmcp.runtime.tool.RateLimit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServerConfigTest {

  private static ServerConfig parse(Map<String, String> env, String... args)
      throws ConfigException {
    return ServerConfig.parse(args, env);
  }

  private static Map<String, String> env(String... keyValues) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return m;
  }

  @Test
  void defaultsWithNothingSet() throws Exception {
    ServerConfig c = parse(Map.of());
    assertThat(c.transport()).isEqualTo(Transport.STDIO);
    assertThat(c.host()).isEqualTo("localhost");
    assertThat(c.port()).isEqualTo(8000);
    assertThat(c.airflowUrl()).isEqualTo("http://localhost:8080");
    assertThat(c.authToken()).isNull();
    assertThat(c.username()).isNull();
    assertThat(c.password()).isNull();
    assertThat(c.verifyTls()).isTrue();
    assertThat(c.caCertificate()).isNull();
    assertThat(c.readOnly()).isFalse();
    assertThat(c.allowedOrigins()).isEmpty();
  }

  @Test
  void environmentIsReadAndEmptyValuesCountAsUnset() throws Exception {
    ServerConfig c =
        parse(
            env(
                "MCP_TRANSPORT",
                "http",
                "MCP_HOST",
                "0.0.0.0",
                "MCP_PORT",
                "9001",
                "AIRFLOW_API_URL",
                "https://airflow.example.com/team/",
                "AIRFLOW_AUTH_TOKEN",
                "",
                "AIRFLOW_USERNAME",
                "admin",
                "AIRFLOW_PASSWORD",
                "pw"));
    assertThat(c.transport()).isEqualTo(Transport.HTTP);
    assertThat(c.host()).isEqualTo("0.0.0.0");
    assertThat(c.port()).isEqualTo(9001);
    assertThat(c.airflowUrl()).isEqualTo("https://airflow.example.com/team");
    assertThat(c.authToken()).isNull();
    assertThat(c.username()).isEqualTo("admin");
    assertThat(c.password()).isEqualTo("pw");
  }

  @Test
  void flagsBeatTheEnvironmentInBothForms() throws Exception {
    Map<String, String> env =
        env(
            "MCP_TRANSPORT",
            "stdio",
            "MCP_PORT",
            "1",
            "AIRFLOW_API_URL",
            "http://env:1",
            "AIRFLOW_AUTH_TOKEN",
            "env-token",
            "MCP_HOST",
            "env-host");
    ServerConfig c =
        parse(
            env,
            "--transport=http",
            "--port",
            "8123",
            "--airflow-url=http://flag:2",
            "--auth-token",
            "flag-token",
            "--host=127.0.0.1",
            "--allowed-origin",
            "https://a.example",
            "--allowed-origin=https://b.example");
    assertThat(c.transport()).isEqualTo(Transport.HTTP);
    assertThat(c.port()).isEqualTo(8123);
    assertThat(c.airflowUrl()).isEqualTo("http://flag:2");
    assertThat(c.authToken()).isEqualTo("flag-token");
    assertThat(c.host()).isEqualTo("127.0.0.1");
    assertThat(c.allowedOrigins()).containsExactly("https://a.example", "https://b.example");
  }

  @Test
  void aValueMayContainEqualsSigns() throws Exception {
    assertThat(parse(Map.of(), "--auth-token=abc==").authToken()).isEqualTo("abc==");
  }

  @ParameterizedTest
  @ValueSource(strings = {"stdio", "STDIO", " stdio "})
  void stdioSpellings(String value) throws Exception {
    assertThat(parse(Map.of(), "--transport", value).transport()).isEqualTo(Transport.STDIO);
  }

  @ParameterizedTest
  @ValueSource(strings = {"http", "HTTP", "streamable-http"})
  void httpSpellings(String value) throws Exception {
    assertThat(parse(env("MCP_TRANSPORT", value)).transport()).isEqualTo(Transport.HTTP);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sse", "websocket", "htp"})
  void unknownTransportsAreRejectedNotSilentlyStdio(String value) {
    assertThatThrownBy(() -> parse(env("MCP_TRANSPORT", value)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown transport '" + value + "'");
  }

  @Test
  void portMustBeANumberInRange() throws Exception {
    assertThat(parse(Map.of(), "--port", "0").port()).isZero();
    assertThat(parse(env("MCP_PORT", " 65535 ")).port()).isEqualTo(65535);
    assertThatThrownBy(() -> parse(env("MCP_PORT", "eighty")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("port must be a number, got 'eighty'");
    assertThatThrownBy(() -> parse(Map.of(), "--port=65536"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("port must be between 0 and 65535, got 65536");
    assertThatThrownBy(() -> parse(Map.of(), "--port", "-1")).isInstanceOf(ConfigException.class);
  }

  @Test
  void aFlagWithoutItsValueOrAnUnknownFlagIsAnError() {
    assertThatThrownBy(() -> parse(Map.of(), "--port"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("--port needs a value");
    assertThatThrownBy(() -> parse(Map.of(), "--verbose"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown option '--verbose'");
  }

  @Test
  void usernameAndPasswordGoTogether() {
    assertThatThrownBy(() -> parse(env("AIRFLOW_USERNAME", "admin")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("AIRFLOW_PASSWORD (--password) is missing");
    assertThatThrownBy(() -> parse(Map.of(), "--password", "pw"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("AIRFLOW_USERNAME (--username) is missing")
        .hasMessageNotContaining("pw ");
  }

  @Test
  void noVerifySslAndCaCertExcludeEachOther(@TempDir Path dir) throws Exception {
    Path ca = Files.writeString(dir.resolve("ca.pem"), "pem");
    assertThatThrownBy(() -> parse(Map.of(), "--no-verify-ssl", "--ca-cert", ca.toString()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("--no-verify-ssl and --ca-cert cannot be used together");
    assertThat(parse(Map.of(), "--no-verify-ssl").verifyTls()).isFalse();
    ServerConfig withCa = parse(Map.of(), "--ca-cert=" + ca);
    assertThat(withCa.verifyTls()).isTrue();
    assertThat(withCa.caCertificate()).isEqualTo(ca);
  }

  @Test
  void noVerifySslTakesNoValue() {
    assertThatThrownBy(() -> parse(Map.of(), "--no-verify-ssl=false"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("--no-verify-ssl takes no value");
  }

  @Test
  void caCertificateMustExist(@TempDir Path dir) {
    String missing = dir.resolve("missing.pem").toString();
    assertThatThrownBy(() -> parse(env("AIRFLOW_CA_CERT", missing)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("CA certificate file not found: " + missing);
  }

  @ParameterizedTest
  @ValueSource(strings = {"false", "FALSE", "0", "no", " No "})
  void airflowVerifySslFalseValuesTurnVerificationOff(String value) throws Exception {
    assertThat(parse(env("AIRFLOW_VERIFY_SSL", value)).verifyTls()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"true", "1", "yes", "off", "anything"})
  void otherAirflowVerifySslValuesKeepVerificationOn(String value) throws Exception {
    assertThat(parse(env("AIRFLOW_VERIFY_SSL", value)).verifyTls()).isTrue();
  }

  @Test
  void theVerifyEnvironmentIsIgnoredWhenAFlagDecides(@TempDir Path dir) throws Exception {
    Path ca = Files.writeString(dir.resolve("ca.pem"), "pem");
    ServerConfig c = parse(env("AIRFLOW_VERIFY_SSL", "false"), "--ca-cert", ca.toString());
    assertThat(c.verifyTls()).isTrue();
    assertThat(c.caCertificate()).isEqualTo(ca);
  }

  @Test
  void caCertFromTheEnvironmentIsUsedOnlyWhileVerifying(@TempDir Path dir) throws Exception {
    Path ca = Files.writeString(dir.resolve("ca.pem"), "pem");
    assertThat(parse(env("AIRFLOW_CA_CERT", ca.toString())).caCertificate()).isEqualTo(ca);
    ServerConfig off = parse(env("AIRFLOW_CA_CERT", ca.toString(), "AIRFLOW_VERIFY_SSL", "0"));
    assertThat(off.verifyTls()).isFalse();
    assertThat(off.caCertificate()).isNull();
    ServerConfig flagOff = parse(env("AIRFLOW_CA_CERT", "/does/not/exist.pem"), "--no-verify-ssl");
    assertThat(flagOff.caCertificate()).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"true", "True", "TRUE", " true ", "TRUE "})
  void readOnlyIsOnForTrueInAnyCase(String value) throws Exception {
    assertThat(parse(env("AF_READ_ONLY", value)).readOnly()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "1", "false", "no", "yes", "", "off", "truee"})
  void readOnlyIsOffForEverythingElse(String value) throws Exception {
    assertThat(parse(env("AF_READ_ONLY", value)).readOnly()).isFalse();
  }

  @Test
  void structuredOutputIsOffUnlessTheFlagOrTheVariableTurnsItOn() throws Exception {
    assertThat(parse(Map.of()).structuredOutput()).isFalse();
    assertThat(parse(Map.of(), "--structured-output").structuredOutput()).isTrue();
    assertThat(parse(env("MCP_STRUCTURED_OUTPUT", " TRUE ")).structuredOutput()).isTrue();
    assertThat(parse(env("MCP_STRUCTURED_OUTPUT", "false")).structuredOutput()).isFalse();
    assertThat(
            parse(env("MCP_STRUCTURED_OUTPUT", "false"), "--structured-output").structuredOutput())
        .as("the flag wins")
        .isTrue();
    assertThatThrownBy(() -> parse(env("MCP_STRUCTURED_OUTPUT", "yes")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("MCP_STRUCTURED_OUTPUT must be true or false, got 'yes'");
    assertThatThrownBy(() -> parse(Map.of(), "--structured-output=true"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("--structured-output takes no value");
  }

  @Test
  void toStringNeverShowsThePasswordOrToken() throws Exception {
    ServerConfig c =
        parse(
            env(
                "AIRFLOW_AUTH_TOKEN",
                "tok-S3CRET-123",
                "AIRFLOW_USERNAME",
                "admin",
                "AIRFLOW_PASSWORD",
                "pw-S3CRET-456"));
    String text = c.toString();
    assertThat(text)
        .doesNotContain("S3CRET")
        .contains("authToken=set", "password=set", "username=admin");
    assertThat(parse(Map.of()).toString()).contains("authToken=unset", "password=unset");
  }

  @Test
  void credentialsInTheAirflowUrlAreRemovedWithAWarningThatNamesOnlyTheHost() throws Exception {
    List<String> warnings = new ArrayList<>();
    ServerConfig c =
        ServerConfig.parse(
            new String[0],
            env(
                "AIRFLOW_API_URL", "https://deploy-bot:pw-S3CRET@Airflow.Example.com/deployment/",
                "AIRFLOW_AUTH_TOKEN", "tok-123"),
            warnings::add);

    assertThat(c.airflowUrl()).isEqualTo("https://airflow.example.com/deployment");
    // The documented settings apply; the URL's user and password are not credentials.
    assertThat(c.authToken()).isEqualTo("tok-123");
    assertThat(c.username()).isNull();
    assertThat(c.password()).isNull();
    assertThat(c.toString()).doesNotContain("S3CRET").doesNotContain("deploy-bot");
    assertThat(warnings)
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w)
                  .contains("host airflow.example.com", "user:password@", "AIRFLOW_AUTH_TOKEN");
              assertThat(w)
                  .doesNotContain("S3CRET")
                  .doesNotContain("deploy-bot")
                  .doesNotContain("/deployment");
            });
  }

  @Test
  void aFlagUrlWithCredentialsIsTreatedAlikeAndAPlainUrlGivesNoWarning() throws Exception {
    List<String> warnings = new ArrayList<>();
    ServerConfig c =
        ServerConfig.parse(
            new String[] {"--airflow-url", " http://u:p%40ss-S3CRET@localhost:8080 "},
            env("AIRFLOW_USERNAME", "svc", "AIRFLOW_PASSWORD", "configured-pw"),
            warnings::add);
    assertThat(c.airflowUrl()).isEqualTo("http://localhost:8080");
    assertThat(c.username()).isEqualTo("svc");
    assertThat(c.password()).isEqualTo("configured-pw");
    assertThat(warnings)
        .singleElement()
        .asString()
        .contains("host localhost")
        .doesNotContain("S3CRET")
        .doesNotContain("p%40ss");

    warnings.clear();
    ServerConfig.parse(
        new String[0], env("AIRFLOW_API_URL", "http://airflow/a@b?x=c@d"), warnings::add);
    assertThat(warnings).as("an '@' outside the authority is no user information").isEmpty();
  }

  @Test
  void aConfigBuiltDirectlyNeverKeepsCredentialsInTheUrl() {
    ServerConfig c =
        new ServerConfig(
            Transport.STDIO,
            "localhost",
            8000,
            "http://u:S3CRET@h:1",
            null,
            null,
            null,
            true,
            null,
            false,
            List.of());
    assertThat(c.airflowUrl()).isEqualTo("http://h:1");
    assertThat(c.toString()).doesNotContain("S3CRET");
  }

  @Test
  void anUnusableAirflowUrlIsRefusedWithoutRepeatingIt() {
    assertThatThrownBy(() -> parse(env("AIRFLOW_API_URL", "https://admin:pa/ss-S3CRET@airflow")))
        .isInstanceOf(ConfigException.class)
        .hasMessageNotContaining("S3CRET");
    assertThatThrownBy(() -> parse(Map.of(), "--airflow-url", "ftp://airflow"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http:// or https://");
  }

  @Test
  void theAirflowUrlIsNormalisedSoNoQueryStringReachesLogs() throws Exception {
    ServerConfig c =
        parse(env("AIRFLOW_API_URL", "HTTPS://Airflow.Example.com:8443/x/?token=S3CRET#frag"));
    assertThat(c.airflowUrl()).isEqualTo("https://airflow.example.com:8443/x");
    assertThat(c.toString()).doesNotContain("S3CRET");
  }

  @Test
  void limitsDefaultToTheToolSpecInMemory() throws Exception {
    ServerLimits limits = parse(Map.of()).limits();
    assertThat(limits).isEqualTo(ServerLimits.DEFAULTS);
    assertThat(limits.rateLimits()).isEmpty();
    assertThat(limits.rateLimitsOff()).isFalse();
    assertThat(limits.redisUri()).isNull();
    assertThat(limits.maxConcurrentCalls()).isEqualTo(16);
    assertThat(limits.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void rateLimitsComeFromTheEnvironmentAndFlagsWinPerClass() throws Exception {
    ServerLimits limits =
        parse(
                env(
                    "MCP_RATE_LIMITS",
                    " list=30/120 , logs=5/10",
                    "MCP_RATE_LIMIT_REDIS",
                    "redis://env:6379",
                    "MCP_MAX_CONCURRENT_CALLS",
                    "8",
                    "AIRFLOW_REQUEST_TIMEOUT",
                    "12"),
                "--rate-limit",
                "logs=1/2",
                "--rate-limit=*=100/600",
                "--rate-limit-redis=redis://:pw@flag:6380/1",
                "--max-concurrent-calls",
                "4",
                "--request-timeout=7")
            .limits();
    assertThat(limits.rateLimits())
        .containsOnly(
            Map.entry("list", new RateLimit(30, 120)),
            Map.entry("logs", new RateLimit(1, 2)),
            Map.entry("*", new RateLimit(100, 600)));
    assertThat(limits.redisUri()).isEqualTo("redis://:pw@flag:6380/1");
    assertThat(limits.maxConcurrentCalls()).isEqualTo(4);
    assertThat(limits.requestTimeout()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void rateLimitsCanBeSwitchedOff() throws Exception {
    assertThat(parse(Map.of(), "--rate-limit", "off").limits().rateLimitsOff()).isTrue();
    assertThat(parse(env("MCP_RATE_LIMITS", "OFF")).limits().rateLimitsOff()).isTrue();
    ServerLimits flagOff = parse(env("MCP_RATE_LIMITS", "list=1/1"), "--rate-limit=off").limits();
    assertThat(flagOff.rateLimitsOff()).isTrue();
    assertThat(flagOff.rateLimits()).isEmpty();
    ServerLimits flagOn = parse(env("MCP_RATE_LIMITS", "off"), "--rate-limit=list=1/1").limits();
    assertThat(flagOn.rateLimitsOff()).isFalse();
    assertThat(flagOn.rateLimits()).containsOnlyKeys("list");
  }

  @Test
  void badLimitsAreErrorsNamingTheSetting() {
    assertThatThrownBy(() -> parse(Map.of(), "--rate-limit", "list"))
        .hasMessageStartingWith("--rate-limit takes CLASS=CAPACITY/PER_MINUTE");
    assertThatThrownBy(() -> parse(Map.of(), "--rate-limit", "a,b=1/1"))
        .hasMessageStartingWith("--rate-limit takes CLASS=CAPACITY/PER_MINUTE");
    assertThatThrownBy(() -> parse(Map.of(), "--rate-limit", "list=0/5"))
        .hasMessage(
            "--rate-limit for class 'list': a rate limit's capacity must be between 1 and"
                + " 1000000, got 0");
    assertThatThrownBy(() -> parse(env("MCP_RATE_LIMITS", "list=5")))
        .hasMessageStartingWith("MCP_RATE_LIMITS for class 'list': a rate limit is");
    assertThatThrownBy(() -> parse(Map.of(), "--rate-limit", "off", "--rate-limit", "list=1/1"))
        .hasMessage("rate limits cannot be both 'off' and set for a class; choose one");
    assertThatThrownBy(
            () -> parse(Map.of(), "--rate-limit", "off", "--rate-limit-redis", "redis://h"))
        .hasMessage("--rate-limit off and --rate-limit-redis contradict each other");
    assertThatThrownBy(() -> parse(Map.of(), "--max-concurrent-calls", "0"))
        .hasMessage(
            "--max-concurrent-calls (MCP_MAX_CONCURRENT_CALLS) must be between 1 and 10000, got 0");
    assertThatThrownBy(() -> parse(env("AIRFLOW_REQUEST_TIMEOUT", "1.5")))
        .hasMessage(
            "--request-timeout (AIRFLOW_REQUEST_TIMEOUT) must be a whole number, got '1.5'");
  }

  @Test
  void aBadRedisUriIsRefusedAndNeverRepeatedOrPrinted() throws Exception {
    assertThatThrownBy(() -> parse(Map.of(), "--rate-limit-redis", "http://u:S3CRET@host"))
        .isInstanceOf(ConfigException.class)
        .message()
        .doesNotContain("S3CRET")
        .contains("--rate-limit-redis");
    ServerConfig c = parse(env("MCP_RATE_LIMIT_REDIS", "redis://u:S3CRET@host:6379"));
    assertThat(c.limits().redisUri()).isEqualTo("redis://u:S3CRET@host:6379");
    assertThat(c.toString()).doesNotContain("S3CRET").contains("redis=set");
  }

  @Test
  void usageNamesEveryFlagAndVariable() {
    String usage = ServerConfig.usage();
    for (String word :
        List.of(
            "--transport",
            "--host",
            "--port",
            "--airflow-url",
            "--auth-token",
            "--username",
            "--password",
            "--no-verify-ssl",
            "--ca-cert",
            "--allowed-origin",
            "MCP_TRANSPORT",
            "MCP_HOST",
            "MCP_PORT",
            "AIRFLOW_API_URL",
            "AIRFLOW_AUTH_TOKEN",
            "AIRFLOW_USERNAME",
            "AIRFLOW_PASSWORD",
            "AIRFLOW_VERIFY_SSL",
            "AIRFLOW_CA_CERT",
            "AF_READ_ONLY",
            "--rate-limit",
            "MCP_RATE_LIMITS",
            "--rate-limit-redis",
            "MCP_RATE_LIMIT_REDIS",
            "--max-concurrent-calls",
            "MCP_MAX_CONCURRENT_CALLS",
            "--request-timeout",
            "AIRFLOW_REQUEST_TIMEOUT",
            "--structured-output",
            "MCP_STRUCTURED_OUTPUT")) {
      assertThat(usage).contains(word);
    }
  }

  @Test
  void operationsFlagsAndEnvironment(@TempDir Path dir) throws Exception {
    ServerConfig defaults = parse(Map.of(), "--transport", "http");
    assertThat(defaults.ops()).isEqualTo(OpsSettings.DEFAULTS);
    assertThat(defaults.ops().metrics()).isTrue();
    assertThat(defaults.ops().separatePort()).isFalse();

    Path log = dir.resolve("audit.log");
    ServerConfig flags =
        parse(
            Map.of("MCP_METRICS_PORT", "9999"),
            "--transport",
            "http",
            "--no-metrics",
            "--metrics-port=9100",
            "--audit-log",
            log.toString(),
            "--audit-log-max-size",
            "10M",
            "--audit-log-files",
            "3");
    assertThat(flags.ops().metrics()).isFalse();
    assertThat(flags.ops().metricsPort()).isEqualTo(9100);
    assertThat(flags.ops().auditLog().file()).isEqualTo(log);
    assertThat(flags.ops().auditLog().maxBytes()).isEqualTo(10L * 1024 * 1024);
    assertThat(flags.ops().auditLog().keepFiles()).isEqualTo(3);

    ServerConfig fromEnv =
        parse(
            env(
                "MCP_TRANSPORT",
                "http",
                "MCP_METRICS",
                "false",
                "MCP_METRICS_PORT",
                "9100",
                "MCP_AUDIT_LOG",
                "stderr",
                "MCP_AUDIT_LOG_MAX_SIZE",
                "0"));
    assertThat(fromEnv.ops().metrics()).isFalse();
    assertThat(fromEnv.ops().metricsPort()).isEqualTo(9100);
    assertThat(fromEnv.ops().auditLog().stderr()).isTrue();
    assertThat(fromEnv.ops().auditLog().maxBytes()).isZero();
    // The audit log works on stdio too; metrics do not exist there.
    assertThat(parse(env("MCP_AUDIT_LOG", "-")).ops().auditLog().stderr()).isTrue();
    assertThat(ServerConfig.usage()).contains("--metrics-port", "--audit-log", "--no-metrics");
  }

  @Test
  void badOperationsSettingsAreRefusedWithTheirFlag(@TempDir Path dir) {
    Map<String[], String> bad = new java.util.LinkedHashMap<>();
    bad.put(new String[] {"--transport", "http", "--metrics-port", "x"}, "--metrics-port");
    bad.put(new String[] {"--transport", "http", "--metrics-port", "70000"}, "between 0 and 65535");
    bad.put(
        new String[] {"--transport", "http", "--port", "9000", "--metrics-port", "9000"},
        "must differ from --port");
    bad.put(new String[] {"--metrics-port", "9100"}, "needs --transport http");
    bad.put(new String[] {"--audit-log-files", "3"}, "need --audit-log");
    bad.put(new String[] {"--audit-log", "a.log", "--audit-log-max-size", "12"}, "at least 4K");
    bad.put(new String[] {"--audit-log", "a.log", "--audit-log-files", "0"}, "between 1 and 1000");
    bad.put(new String[] {"--audit-log", dir.toString()}, "names a directory");
    bad.put(new String[] {"--no-metrics=yes"}, "takes no value");
    bad.put(new String[] {"--audit-log"}, "needs a value");
    bad.forEach(
        (args, message) ->
            assertThatThrownBy(() -> parse(Map.of(), args))
                .as(String.join(" ", args))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(message));
    assertThatThrownBy(() -> parse(env("MCP_METRICS", "maybe"), "--transport", "http"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MCP_METRICS must be true or false");
  }

  @Test
  void aTasksKeyFileIsCheckedWhenTheConfigurationIsRead(@TempDir Path dir) throws Exception {
    Path good = Files.writeString(dir.resolve("tasks.key"), "0123456789abcdef0123456789abcdef\n");
    assertThat(parse(Map.of(), "--tasks-key-file", good.toString()).ops().tasksKeyFile())
        .isEqualTo(good);
    assertThat(parse(Map.of("MCP_TASKS_KEY_FILE", good.toString())).ops().tasksKeyFile())
        .isEqualTo(good);
    assertThat(parse(Map.of()).ops().tasksKeyFile()).isNull();

    Path shortKey = Files.writeString(dir.resolve("short.key"), "tiny-secret-hunter2");
    assertThatThrownBy(() -> parse(Map.of(), "--tasks-key-file", shortKey.toString()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("--tasks-key-file (MCP_TASKS_KEY_FILE)")
        .hasMessageContaining("32 bytes")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(
            () -> parse(Map.of(), "--tasks-key-file", dir.resolve("missing.key").toString()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cannot be read");
  }
}
