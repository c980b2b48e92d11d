package dev.airflowmcp.runtime.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Signing keys and access tokens for tests: what an identity provider would issue, built with
 * Nimbus (the library the validator uses only to verify).
 */
public final class TestTokens {
  public static final String ISSUER = "https://idp.example.com/realms/airflow";
  public static final String AUDIENCE = "https://mcp.example.com/mcp";

  private TestTokens() {}

  public static RSAKey rsaKey(String kid) {
    try {
      return new RSAKeyGenerator(2048).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public static ECKey ecKey(String kid) {
    try {
      return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The public JWKS document of these keys. */
  public static String jwks(RSAKey... keys) {
    return new JWKSet(List.of(keys)).toPublicJWKSet().toString();
  }

  /**
   * Claims of a valid token at {@code now}: issuer, audience, subject, 5 minutes of life, scope
   * {@code airflow.read}.
   */
  public static JWTClaimsSet.Builder claims(Instant now) {
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .subject("alice")
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(300)))
        .claim("scope", "airflow.read openid")
        .jwtID("jti-" + now.toEpochMilli());
  }

  /** An RS256 {@code at+jwt} token signed with {@code key}. */
  public static String sign(RSAKey key, JWTClaimsSet claims) {
    return sign(key, claims, h -> h);
  }

  /** As {@link #sign(RSAKey, JWTClaimsSet)}, with a changed header. */
  public static String sign(
      RSAKey key, JWTClaimsSet claims, UnaryOperator<JWSHeader.Builder> header) {
    try {
      SignedJWT jwt =
          new SignedJWT(
              header
                  .apply(
                      new JWSHeader.Builder(JWSAlgorithm.RS256)
                          .keyID(key.getKeyID())
                          .type(new JOSEObjectType("at+jwt")))
                  .build(),
              claims);
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An ES256 token signed with {@code key}. */
  public static String sign(ECKey key, JWTClaimsSet claims) {
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
      jwt.sign(new ECDSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
