package dev.airflowmcp.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.airflowmcp.compat.FakeAirflow.Mode;
import dev.airflowmcp.compat.FakeAirflow.Recorded;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * MCP authorization end to end with a real identity provider: {@code oidc-provider} (OpenID
 * Certified) issues JWT access tokens through the client_credentials grant, the official MCP
 * TypeScript SDK ({@code @modelcontextprotocol/sdk}) is the client, and the packaged server runs
 * with {@code --http-auth oauth} against a fake Airflow 3. The SDK discovers everything from the
 * server's 401 (protected resource metadata, then the issuer's metadata), gets a token for the
 * server's resource URL and calls tools, which reach Airflow with that token. Expired tokens,
 * tokens for another audience, tokens of another issuer (signed with the same keys), tokens with a
 * broken signature and requests without a token are refused with 401 (a token without the required
 * scope with 403), and Airflow sees none of them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OAuthEndToEndTest {
  private static final Duration LIMIT = Duration.ofSeconds(60);
  private static final String CLIENT = "airflow-agent";
  private static final String SHORT_LIVED_CLIENT = "short-lived";

  private Path work;
  private Process trustedIdp;
  private Process otherIdp;
  private String issuer;
  private String otherIssuer;
  private FakeAirflow airflow;
  private ServerProcess server;
  private String mcpUrl;

  @BeforeAll
  void start() throws Exception {
    NodeTools.requirePackages("oidc-provider", "@modelcontextprotocol/sdk");
    work = NodeTools.scripts("identity-provider.mjs", "oauth-client.mjs");
    // One signing key for both providers: a token of the other issuer has a valid signature, so
    // only the issuer check can refuse it.
    Path keys = work.resolve("keys.json");
    Files.writeString(keys, signingKeys().toString(false), StandardCharsets.UTF_8);

    int trustedPort = freePort();
    issuer = "http://127.0.0.1:" + trustedPort;
    trustedIdp = startIdp(trustedPort, issuer, keys, "trusted-idp.log");
    int otherPort = freePort();
    otherIssuer = "http://127.0.0.1:" + otherPort;
    otherIdp = startIdp(otherPort, otherIssuer, keys, "other-idp.log");

    airflow = FakeAirflow.start(Mode.AIRFLOW3);
    server =
        ServerProcess.startHttp(
            Map.of(
                "AIRFLOW_API_URL", airflow.baseUrl(),
                "MCP_HTTP_AUTH", "oauth",
                "MCP_OAUTH_ISSUER", issuer,
                "MCP_OAUTH_SCOPES", "airflow.read",
                // Short, so that the 1 s tokens of the short-lived client expire within the test.
                "MCP_OAUTH_CLOCK_SKEW", "1"));
    mcpUrl = server.baseUrl() + Deployment.MCP_ENDPOINT;
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
    if (airflow != null) {
      airflow.close();
    }
    for (Process p : new Process[] {trustedIdp, otherIdp}) {
      if (p != null) {
        NodeTools.stop(p);
      }
    }
    if (work != null) {
      NodeTools.deleteScripts(work);
    }
  }

  @BeforeEach
  void forgetRequests() {
    airflow.resetRequests();
  }

  @Test
  void theOfficialClientDiscoversTheIssuerGetsATokenAndReachesAirflowWithIt() {
    JsonNode out =
        client(
            "flow",
            "--url",
            mcpUrl,
            "--issuer",
            issuer,
            "--client-id",
            CLIENT,
            "--client-secret",
            CLIENT + "-secret",
            "--scope",
            "airflow.read");

    assertThat(out.get("resourceMetadataUrl").asString())
        .as("read from the 401's WWW-Authenticate")
        .isEqualTo(server.baseUrl() + "/.well-known/oauth-protected-resource/mcp");
    List<String> tools = new ArrayList<>();
    out.get("tools").forEach(t -> tools.add(t.asString()));
    assertThat(tools).hasSize(ToolsEndToEndTest.TOOLS.size()).contains("list_dags");
    assertThat(out.get("isError").asBoolean()).isFalse();
    JsonNode dags = ToolResults.parse(out.get("listDags").asString());
    assertThat(dags.get("total_dags").asInt()).isEqualTo(7);
    assertThat(dags.get("returned_count").asInt()).isEqualTo(2);

    String token = out.get("accessToken").asString();
    JsonNode claims = claims(token);
    assertThat(claims.get("iss").asString()).isEqualTo(issuer);
    assertThat(claims.get("aud").asString())
        .as("the resource indicator the SDK sent")
        .isEqualTo(mcpUrl);
    assertThat(claims.get("sub").asString()).isEqualTo(CLIENT);
    assertThat(claims.get("scope").asString()).isEqualTo("airflow.read");

    List<Recorded> data = airflow.dataRequests();
    assertThat(data).extracting(Recorded::path).contains("/api/v2/dags");
    assertThat(data).extracting(r -> r.header("Authorization")).containsOnly("Bearer " + token);
    assertThat(server.stderr())
        .contains("HTTP auth mode: oauth")
        .contains("signing key(s) of issuer " + issuer)
        .doesNotContain(token);
  }

  @Test
  void aRequestWithoutATokenIsRefusedAndPointsToTheMetadata() {
    JsonNode out = client("refused", "--url", mcpUrl);
    assertRefused(out, null);
    assertThat(out.get("wwwAuthenticate").asString())
        .isEqualTo(
            "Bearer resource_metadata=\""
                + server.baseUrl()
                + "/.well-known/oauth-protected-resource/mcp\", scope=\"airflow.read\"");
    assertThat(airflow.requests()).as("Airflow saw nothing").isEmpty();
  }

  @Test
  void anExpiredTokenIsRefused() throws InterruptedException {
    String token = token(issuer, SHORT_LIVED_CLIENT, mcpUrl);
    long exp = claims(token).get("exp").asLong();
    // Past exp plus the server's 1 s of clock skew.
    long waitMillis = (exp + 2) * 1000 - System.currentTimeMillis();
    if (waitMillis > 0) {
      Thread.sleep(waitMillis);
    }
    assertRefused(client("refused", "--url", mcpUrl, "--token", token), "the token has expired");
    assertThat(airflow.requests()).as("Airflow saw nothing").isEmpty();
  }

  @Test
  void aTokenForAnotherAudienceIsRefused() {
    String token = token(issuer, CLIENT, "https://reports.example.com/api");
    assertThat(claims(token).get("aud").asString()).isEqualTo("https://reports.example.com/api");
    assertRefused(
        client("refused", "--url", mcpUrl, "--token", token),
        "the token was not issued for this server (audience)");
    assertThat(airflow.requests()).as("Airflow saw nothing").isEmpty();
  }

  @Test
  void aTokenOfAnotherIssuerIsRefusedThoughItsSignatureVerifies() {
    String token = token(otherIssuer, CLIENT, mcpUrl);
    assertThat(claims(token).get("iss").asString()).isEqualTo(otherIssuer);
    assertRefused(
        client("refused", "--url", mcpUrl, "--token", token),
        "the token was not issued by the trusted issuer");
    assertThat(airflow.requests()).as("Airflow saw nothing").isEmpty();
  }

  @Test
  void aTokenWithABrokenSignatureIsRefused() {
    String[] parts = token(issuer, CLIENT, mcpUrl).split("\\.");
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    String forged =
        parts[0]
            + "."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                    payload
                        .replace("\"sub\":\"" + CLIENT + "\"", "\"sub\":\"admin\"")
                        .getBytes(StandardCharsets.UTF_8))
            + "."
            + parts[2];
    assertThat(forged).isNotEqualTo(String.join(".", parts));
    assertRefused(
        client("refused", "--url", mcpUrl, "--token", forged), "the token's signature is invalid");
    assertThat(airflow.requests()).as("Airflow saw nothing").isEmpty();
  }

  @Test
  void aTokenWithoutTheRequiredScopeGets403() {
    String token =
        client(
                "token",
                "--issuer",
                issuer,
                "--client-id",
                CLIENT,
                "--client-secret",
                CLIENT + "-secret",
                "--resource",
                mcpUrl,
                "--scope",
                "none")
            .get("accessToken")
            .asString();
    assertThat(claims(token).has("scope")).isFalse();
    JsonNode out = client("refused", "--url", mcpUrl, "--token", token);
    assertThat(out.get("connected").asBoolean()).as(out.toString()).isFalse();
    assertThat(out.get("status").asInt()).isEqualTo(403);
    assertThat(out.get("wwwAuthenticate").asString())
        .contains("error=\"insufficient_scope\"")
        .contains("scope=\"airflow.read\"");
    assertThat(airflow.requests()).as("Airflow saw nothing").isEmpty();
  }

  /** The SDK client did not connect; the server answered 401 with this error description. */
  private void assertRefused(JsonNode out, String description) {
    assertThat(out.get("connected").asBoolean()).as(out.toString()).isFalse();
    assertThat(out.get("error").asString()).as(out.toString()).isNotBlank();
    assertThat(out.get("status").asInt()).as(out.toString()).isEqualTo(401);
    String challenge = out.get("wwwAuthenticate").asString();
    assertThat(challenge)
        .startsWith(
            "Bearer resource_metadata=\""
                + server.baseUrl()
                + "/.well-known/oauth-protected-resource/mcp\"");
    if (description != null) {
      assertThat(challenge)
          .contains("error=\"invalid_token\"")
          .contains("error_description=\"" + description + "\"");
    }
  }

  private String token(String tokenIssuer, String clientId, String resource) {
    return client(
            "token",
            "--issuer",
            tokenIssuer,
            "--client-id",
            clientId,
            "--client-secret",
            clientId + "-secret",
            "--resource",
            resource)
        .get("accessToken")
        .asString();
  }

  private JsonNode client(String... args) {
    List<String> command = new ArrayList<>();
    command.add(work.resolve("oauth-client.mjs").toString());
    command.addAll(List.of(args));
    NodeTools.Result r = NodeTools.run("node", command, Map.of(), LIMIT);
    assertThat(r.exitCode()).as("%s; server stderr:\n%s", r.describe(), server.stderr()).isZero();
    String[] lines = r.stdout().strip().split("\n");
    return ToolResults.parse(lines[lines.length - 1]);
  }

  private static JsonNode claims(String jwt) {
    return ToolResults.parse(
        new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
  }

  private static JWKSet signingKeys() throws JOSEException {
    RSAKey key =
        new RSAKeyGenerator(2048)
            .keyID("compat-signing-key")
            .keyUse(KeyUse.SIGNATURE)
            .algorithm(JWSAlgorithm.RS256)
            .generate();
    return new JWKSet(key);
  }

  private Process startIdp(int port, String idpIssuer, Path keys, String logName) throws Exception {
    Path log = work.resolve(logName);
    Process p =
        NodeTools.start(
            "node",
            List.of(
                work.resolve("identity-provider.mjs").toString(),
                "--port",
                Integer.toString(port),
                "--issuer",
                idpIssuer,
                "--keys",
                keys.toString()),
            log);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException("the identity provider exited: " + Files.readString(log));
      }
      if (Files.readString(log).contains("ready " + idpIssuer)) {
        try (Socket s = new Socket("127.0.0.1", port)) {
          assertThat(s.isConnected()).isTrue();
          return p;
        } catch (IOException notYet) {
          // Listening is announced after the socket is bound; try again.
        }
      }
      Thread.sleep(100);
    }
    NodeTools.stop(p);
    throw new IllegalStateException(
        "the identity provider did not start: " + Files.readString(log));
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
