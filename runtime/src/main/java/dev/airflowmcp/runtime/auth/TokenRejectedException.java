package dev.airflowmcp.runtime.auth;

import java.util.Objects;

/**
 * An access token was refused. The {@link #reason() reason} is what a client and an operator may
 * learn; nothing of the token itself is ever in the message.
 */
public final class TokenRejectedException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a token was refused; {@link #description()} is safe to send to the caller. */
  public enum Reason {
    /** Not a signed JWT (malformed, unsigned, encrypted, or of another type). */
    MALFORMED("the token is not a signed JWT access token"),
    /** Signed with an algorithm the server does not accept (e.g. HMAC or none). */
    ALGORITHM("the token is signed with an algorithm this server does not accept"),
    /** No key of the issuer's JWKS matches the token's key id, even after refreshing the keys. */
    UNKNOWN_KEY("the token is signed with a key the trusted issuer does not publish"),
    /** The signature does not verify. */
    BAD_SIGNATURE("the token's signature is invalid"),
    /** {@code exp} has passed (beyond the allowed clock skew). */
    EXPIRED("the token has expired"),
    /** {@code nbf} lies in the future (beyond the allowed clock skew). */
    NOT_YET_VALID("the token is not valid yet"),
    /** {@code iss} is not the configured issuer. */
    WRONG_ISSUER("the token was not issued by the trusted issuer"),
    /** {@code aud} does not name this server. */
    WRONG_AUDIENCE("the token was not issued for this server (audience)"),
    /** {@code exp}, {@code sub}, {@code iss} or {@code aud} is missing or has the wrong type. */
    MISSING_CLAIM("the token lacks a required claim (exp, sub, iss or aud)"),
    /** A required scope is missing (HTTP 403, not 401). */
    INSUFFICIENT_SCOPE("the token lacks a required scope"),
    /** The issuer's keys could not be fetched: the server cannot decide (HTTP 503). */
    KEYS_UNAVAILABLE("the server cannot reach the issuer's signing keys");

    private final String description;

    Reason(String description) {
      this.description = description;
    }

    /** A fixed sentence for the caller and the log. */
    public String description() {
      return description;
    }
  }

  private final Reason reason;

  public TokenRejectedException(Reason reason) {
    super(Objects.requireNonNull(reason, "reason").description());
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
