package dev.airflowmcp.runtime.auth;

import static dev.airflowmcp.runtime.auth.TestTokens.AUDIENCE;
import static dev.airflowmcp.runtime.auth.TestTokens.ISSUER;
import static dev.airflowmcp.runtime.auth.TestTokens.claims;
import static dev.airflowmcp.runtime.auth.TestTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.airflowmcp.runtime.auth.TokenRejectedException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessTokenValidatorTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  private RSAKey key;
  private RSAKey otherKey;
  private ECKey ecKey;
  private final MutableClock clock = new MutableClock(NOW);

  @BeforeAll
  void keys() {
    key = TestTokens.rsaKey("k1");
    otherKey = TestTokens.rsaKey("k1"); // same key id, another key: a forged signature
    ecKey = TestTokens.ecKey("ec1");
  }

  private AccessTokenValidator validator(List<String> scopes) {
    List<JWK> published = List.of(key.toPublicJWK(), ecKey.toPublicJWK());
    return new AccessTokenValidator(
        ISSUER,
        List.of(AUDIENCE),
        scopes,
        Duration.ofSeconds(30),
        new ImmutableJWKSet<SecurityContext>(new JWKSet(published)),
        clock);
  }

  private Reason rejection(String token) {
    return rejection(validator(List.of()), token);
  }

  private static Reason rejection(AccessTokenValidator v, String token) {
    try {
      v.validate(token);
    } catch (TokenRejectedException e) {
      if (token != null && !token.isEmpty()) {
        assertThat(e.getMessage()).doesNotContain(token);
      }
      return e.reason();
    }
    throw new AssertionError("accepted: " + token);
  }

  @Test
  void aTokenTheIssuerSignedForThisServerIsAccepted() throws Exception {
    AccessTokenValidator.ValidatedToken t =
        validator(List.of("airflow.read")).validate(sign(key, claims(NOW).build()));
    assertThat(t.subject()).isEqualTo("alice");
    assertThat(t.scopes()).containsExactlyInAnyOrder("airflow.read", "openid");
    assertThat(t.principal()).isEqualTo("subject:alice");
  }

  @Test
  void ecSignaturesPlainJwtTypeAndNoTypeAreAccepted() throws Exception {
    assertThat(validator(List.of()).validate(sign(ecKey, claims(NOW).build())).subject())
        .isEqualTo("alice");
    assertThat(
            validator(List.of())
                .validate(sign(key, claims(NOW).build(), h -> h.type(JOSEObjectType.JWT)))
                .subject())
        .isEqualTo("alice");
    assertThat(validator(List.of()).validate(sign(key, claims(NOW).build(), h -> h.type(null))))
        .isNotNull();
  }

  @Test
  void anAudienceListNamingThisServerIsAccepted() throws Exception {
    JWTClaimsSet c = claims(NOW).audience(List.of("https://airflow.example.com", AUDIENCE)).build();
    assertThat(validator(List.of()).validate(sign(key, c)).subject()).isEqualTo("alice");
  }

  @Test
  void expiryHonoursTheClockSkewAndNoMore() throws Exception {
    String token = sign(key, claims(NOW).expirationTime(Date.from(NOW.minusSeconds(29))).build());
    assertThat(validator(List.of()).validate(token).subject()).isEqualTo("alice");
    String expired = sign(key, claims(NOW).expirationTime(Date.from(NOW.minusSeconds(30))).build());
    assertThat(rejection(expired)).isEqualTo(Reason.EXPIRED);
  }

  @Test
  void aTokenNotValidYetIsRefused() {
    assertThat(
            rejection(sign(key, claims(NOW).notBeforeTime(Date.from(NOW.plusSeconds(60))).build())))
        .isEqualTo(Reason.NOT_YET_VALID);
    assertThat(rejection(sign(key, claims(NOW).issueTime(Date.from(NOW.plusSeconds(600))).build())))
        .isEqualTo(Reason.NOT_YET_VALID);
  }

  @Test
  void anotherIssuerIsRefusedEvenWithAValidSignature() {
    assertThat(rejection(sign(key, claims(NOW).issuer("https://evil.example.com").build())))
        .isEqualTo(Reason.WRONG_ISSUER);
    assertThat(rejection(sign(key, claims(NOW).issuer(ISSUER + "/").build())))
        .as("compared character for character")
        .isEqualTo(Reason.WRONG_ISSUER);
  }

  @Test
  void aTokenForAnotherServiceIsRefused() {
    assertThat(rejection(sign(key, claims(NOW).audience("https://other.example.com/api").build())))
        .isEqualTo(Reason.WRONG_AUDIENCE);
    assertThat(rejection(sign(key, claims(NOW).audience(AUDIENCE + "/").build())))
        .isEqualTo(Reason.WRONG_AUDIENCE);
  }

  @Test
  void requiredClaimsMustBePresent() {
    assertThat(rejection(sign(key, claims(NOW).subject(null).build())))
        .isEqualTo(Reason.MISSING_CLAIM);
    assertThat(rejection(sign(key, claims(NOW).subject(" ").build())))
        .isEqualTo(Reason.MISSING_CLAIM);
    assertThat(rejection(sign(key, claims(NOW).expirationTime(null).build())))
        .isEqualTo(Reason.MISSING_CLAIM);
    assertThat(rejection(sign(key, claims(NOW).audience((String) null).build())))
        .isEqualTo(Reason.MISSING_CLAIM);
    assertThat(rejection(sign(key, claims(NOW).issuer(null).build())))
        .isEqualTo(Reason.MISSING_CLAIM);
    // A registered claim of the wrong type does not even parse as a claims set.
    assertThat(rejection(sign(key, claims(NOW).claim("exp", "tomorrow").build())))
        .isIn(Reason.MALFORMED, Reason.MISSING_CLAIM);
  }

  @Test
  void aForgedOrAlteredSignatureIsRefused() {
    assertThat(rejection(sign(otherKey, claims(NOW).build()))).isEqualTo(Reason.BAD_SIGNATURE);

    String good = sign(key, claims(NOW).build());
    String[] parts = good.split("\\.");
    String otherPayload =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                claims(NOW).subject("admin").build().toString().getBytes(StandardCharsets.UTF_8));
    assertThat(rejection(parts[0] + "." + otherPayload + "." + parts[2]))
        .isEqualTo(Reason.BAD_SIGNATURE);
    char last = parts[2].charAt(5);
    String flipped = parts[2].substring(0, 5) + (last == 'A' ? 'B' : 'A') + parts[2].substring(6);
    assertThat(rejection(parts[0] + "." + parts[1] + "." + flipped))
        .isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void aKeyTheIssuerDoesNotPublishIsRefused() {
    RSAKey stranger = TestTokens.rsaKey("stranger");
    assertThat(rejection(sign(stranger, claims(NOW).build()))).isEqualTo(Reason.UNKNOWN_KEY);
  }

  @Test
  void symmetricAndUnsignedTokensAreRefused() throws JOSEException {
    SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(NOW).build());
    hmac.sign(new MACSigner("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8)));
    assertThat(rejection(hmac.serialize())).isEqualTo(Reason.ALGORITHM);

    String plain = new PlainJWT(claims(NOW).build()).serialize();
    assertThat(rejection(plain)).isEqualTo(Reason.MALFORMED);
    // "alg":"none" with a signature part left empty.
    String header =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
    String body = sign(key, claims(NOW).build()).split("\\.")[1];
    assertThat(rejection(header + "." + body + ".")).isEqualTo(Reason.MALFORMED);
  }

  @Test
  void anUnexpectedTokenTypeIsRefused() {
    assertThat(rejection(sign(key, claims(NOW).build(), h -> h.type(new JOSEObjectType("id+jwt")))))
        .isEqualTo(Reason.MALFORMED);
  }

  @Test
  void missingScopesAreTheirOwnReason() throws Exception {
    AccessTokenValidator needsWrite = validator(List.of("airflow.read", "airflow.write"));
    assertThat(rejection(needsWrite, sign(key, claims(NOW).build())))
        .isEqualTo(Reason.INSUFFICIENT_SCOPE);
    // scp as a list (Entra ID, Okta) counts too.
    String scp =
        sign(
            key,
            claims(NOW)
                .claim("scope", null)
                .claim("scp", List.of("airflow.read", "airflow.write"))
                .build());
    assertThat(needsWrite.validate(scp).scopes()).contains("airflow.write");
    // An expired token is refused as expired, not for its scopes.
    String expired =
        sign(key, claims(NOW).expirationTime(Date.from(NOW.minusSeconds(3600))).build());
    assertThat(rejection(needsWrite, expired)).isEqualTo(Reason.EXPIRED);
  }

  @Test
  void oddSubjectsBecomeAHashedIdentity() throws Exception {
    String token = sign(key, claims(NOW).subject("bob\nadmin").build());
    String principal = validator(List.of()).validate(token).principal();
    assertThat(principal).startsWith("subject-sha256:").doesNotContain("bob");
    assertThat(
            validator(List.of())
                .validate(sign(key, claims(NOW).subject("a".repeat(300)).build()))
                .principal())
        .startsWith("subject-sha256:");
  }

  @Test
  void aKeySourceThatFailsIsNotTheCallersFault() {
    AccessTokenValidator v =
        new AccessTokenValidator(
            ISSUER,
            List.of(AUDIENCE),
            List.of(),
            Duration.ofSeconds(30),
            (selector, context) -> {
              throw new com.nimbusds.jose.KeySourceException("down");
            },
            clock);
    assertThat(rejection(v, sign(key, claims(NOW).build()))).isEqualTo(Reason.KEYS_UNAVAILABLE);
  }

  @Test
  @Timeout(10)
  void hostileTokensAreRefusedQuickly() {
    AccessTokenValidator v = validator(List.of());
    String b64 = "A".repeat(AccessTokenValidator.MAX_TOKEN_CHARS);
    assertThat(rejection(v, b64 + "." + b64 + "." + b64)).isEqualTo(Reason.MALFORMED);
    assertThat(rejection(v, "")).isEqualTo(Reason.MALFORMED);
    assertThat(rejection(v, "....")).isEqualTo(Reason.MALFORMED);
    assertThat(rejection(v, "not a token")).isEqualTo(Reason.MALFORMED);
    assertThat(rejection(v, "\u0000\u202e.\uffff.x")).isEqualTo(Reason.MALFORMED);
    // A header nested deeply, within the size limit.
    String nested = "{\"alg\":\"RS256\",\"x\":" + "[".repeat(4000) + "]".repeat(4000) + "}";
    String deep =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(nested.getBytes(StandardCharsets.UTF_8));
    Reason r = rejection(v, deep + ".e30.c2ln");
    assertThat(r).isIn(Reason.MALFORMED, Reason.UNKNOWN_KEY, Reason.BAD_SIGNATURE);
    // Tokens with invented key ids are refused by key id, without a signature check.
    for (int i = 0; i < 200; i++) {
      String kid = "invented-" + i;
      assertThat(rejection(v, sign(key, claims(NOW).build(), h -> h.keyID(kid))))
          .isEqualTo(Reason.UNKNOWN_KEY);
    }
  }
}
