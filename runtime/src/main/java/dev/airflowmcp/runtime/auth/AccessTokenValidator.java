package dev.airflowmcp.runtime.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.airflowmcp.runtime.auth.TokenRejectedException.Reason;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Validates OAuth access tokens locally (an OAuth 2.1 resource server, as the MCP authorization
 * specification asks): a JWS-signed JWT (RFC 9068 {@code at+jwt} or plain {@code JWT}) whose
 * signature verifies with a key of the issuer's JWKS, whose {@code iss} is the configured issuer,
 * whose {@code aud} names this server, which has not expired and is already valid (both with a
 * small clock skew), which names its subject, and which carries the required scopes. Signature and
 * key selection are done by Nimbus JOSE+JWT; only asymmetric algorithms (RSA, RSA-PSS, EC) are
 * accepted, never HMAC or {@code none}.
 */
public final class AccessTokenValidator {

  /** The signature algorithms accepted. */
  public static final Set<JWSAlgorithm> ALGORITHMS =
      Set.of(
          JWSAlgorithm.RS256,
          JWSAlgorithm.RS384,
          JWSAlgorithm.RS512,
          JWSAlgorithm.PS256,
          JWSAlgorithm.PS384,
          JWSAlgorithm.PS512,
          JWSAlgorithm.ES256,
          JWSAlgorithm.ES384,
          JWSAlgorithm.ES512);

  /** Longest token looked at; a longer one is refused unread. */
  public static final int MAX_TOKEN_CHARS = 16 * 1024;

  private static final JOSEObjectType ACCESS_TOKEN_TYPE = new JOSEObjectType("at+jwt");
  private static final Set<JOSEObjectType> TYPES =
      new LinkedHashSet<>(java.util.Arrays.asList(JOSEObjectType.JWT, ACCESS_TOKEN_TYPE, null));

  /**
   * A token that passed every check.
   *
   * @param subject the {@code sub} claim
   * @param scopes the scopes it carries ({@code scope} or {@code scp})
   */
  public record ValidatedToken(String subject, Set<String> scopes) {
    public ValidatedToken {
      Objects.requireNonNull(subject, "subject");
      scopes = Set.copyOf(scopes);
    }

    /**
     * The rate-limit and audit identity: {@code subject:} and the subject, or a hash of it when it
     * holds characters that do not belong in a log line.
     */
    public String principal() {
      return subject.matches("[A-Za-z0-9._@+:|=-]{1,200}")
          ? "subject:" + subject
          : "subject-sha256:" + Fingerprint.of(subject);
    }
  }

  private final String issuer;
  private final Set<String> audiences;
  private final List<String> requiredScopes;
  private final Duration clockSkew;
  private final Clock clock;
  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

  /**
   * @param issuer the exact {@code iss} accepted
   * @param audiences the {@code aud} values accepted (one must be present)
   * @param requiredScopes scopes every token must carry
   * @param clockSkew tolerance for {@code exp}, {@code nbf} and {@code iat}
   * @param keys the issuer's public keys
   */
  public AccessTokenValidator(
      String issuer,
      Collection<String> audiences,
      Collection<String> requiredScopes,
      Duration clockSkew,
      JWKSource<SecurityContext> keys,
      Clock clock) {
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    this.audiences = Set.copyOf(audiences);
    if (this.audiences.isEmpty()) {
      throw new IllegalArgumentException("at least one audience is needed");
    }
    this.requiredScopes = List.copyOf(requiredScopes);
    this.clockSkew = Objects.requireNonNull(clockSkew, "clockSkew");
    this.clock = Objects.requireNonNull(clock, "clock");
    processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(TYPES));
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
    processor.setJWTClaimsSetVerifier((claims, context) -> verify(claims));
  }

  /**
   * Validates {@code token} (without the {@code Bearer } prefix).
   *
   * @throws TokenRejectedException saying why it is refused
   */
  public ValidatedToken validate(String token) throws TokenRejectedException {
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
      throw new TokenRejectedException(Reason.MALFORMED);
    }
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(token);
    } catch (ParseException | RuntimeException e) {
      throw new TokenRejectedException(Reason.MALFORMED);
    }
    if (!ALGORITHMS.contains(jwt.getHeader().getAlgorithm())) {
      throw new TokenRejectedException(Reason.ALGORITHM);
    }
    if (!TYPES.contains(jwt.getHeader().getType())) {
      throw new TokenRejectedException(Reason.MALFORMED);
    }
    JWTClaimsSet claims;
    try {
      claims = processor.process(jwt, null);
    } catch (ClaimRejected e) {
      throw new TokenRejectedException(e.reason);
    } catch (BadJWSException e) {
      throw new TokenRejectedException(Reason.BAD_SIGNATURE);
    } catch (BadJWTException e) {
      // Claims the processor could not read as a JSON object.
      throw new TokenRejectedException(Reason.MALFORMED);
    } catch (BadJOSEException e) {
      // No key of the issuer matches the key id (and algorithm), even after refreshing.
      throw new TokenRejectedException(Reason.UNKNOWN_KEY);
    } catch (KeySourceException e) {
      throw new TokenRejectedException(Reason.KEYS_UNAVAILABLE);
    } catch (JOSEException e) {
      // A key that cannot verify this signature (wrong type or size).
      throw new TokenRejectedException(Reason.BAD_SIGNATURE);
    }
    return new ValidatedToken(claims.getSubject(), scopes(claims));
  }

  /** The claim checks, run by the processor after the signature verified. */
  private void verify(JWTClaimsSet claims) throws ClaimRejected {
    Instant now = clock.instant();
    Date exp;
    Date nbf;
    Date iat;
    String sub;
    String iss;
    List<String> aud;
    try {
      exp = claims.getExpirationTime();
      nbf = claims.getNotBeforeTime();
      iat = claims.getIssueTime();
      sub = claims.getStringClaim("sub");
      iss = claims.getStringClaim("iss");
      aud = claims.getStringListClaim("aud");
      if (aud == null && claims.getClaim("aud") instanceof String single) {
        aud = List.of(single);
      }
    } catch (ParseException | RuntimeException e) {
      throw new ClaimRejected(Reason.MISSING_CLAIM);
    }
    if (exp == null
        || sub == null
        || sub.isBlank()
        || iss == null
        || aud == null
        || aud.isEmpty()) {
      throw new ClaimRejected(Reason.MISSING_CLAIM);
    }
    if (!iss.equals(issuer)) {
      throw new ClaimRejected(Reason.WRONG_ISSUER);
    }
    if (aud.stream().noneMatch(audiences::contains)) {
      throw new ClaimRejected(Reason.WRONG_AUDIENCE);
    }
    if (!now.isBefore(exp.toInstant().plus(clockSkew))) {
      throw new ClaimRejected(Reason.EXPIRED);
    }
    if (nbf != null && now.plus(clockSkew).isBefore(nbf.toInstant())) {
      throw new ClaimRejected(Reason.NOT_YET_VALID);
    }
    if (iat != null && now.plus(clockSkew).isBefore(iat.toInstant())) {
      throw new ClaimRejected(Reason.NOT_YET_VALID);
    }
    if (!scopes(claims).containsAll(requiredScopes)) {
      throw new ClaimRejected(Reason.INSUFFICIENT_SCOPE);
    }
  }

  /** {@code scope} (space-separated, RFC 9068) and {@code scp} (a list or a string). */
  private static Set<String> scopes(JWTClaimsSet claims) {
    Set<String> out = new LinkedHashSet<>();
    for (String name : List.of("scope", "scp")) {
      Object value = claims.getClaim(name);
      if (value instanceof String s) {
        for (String part : s.split(" ")) {
          if (!part.isEmpty()) {
            out.add(part);
          }
        }
      } else if (value instanceof List<?> list) {
        for (Object o : list) {
          if (o instanceof String s && !s.isEmpty()) {
            out.add(s);
          }
        }
      }
    }
    return out;
  }

  /** A failed claim check, carrying its reason through the processor. */
  private static final class ClaimRejected extends BadJWTException {
    private static final long serialVersionUID = 1L;
    private final transient Reason reason;

    ClaimRejected(Reason reason) {
      super(reason.description());
      this.reason = reason;
    }
  }
}
