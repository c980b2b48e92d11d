package dev.airflowmcp.runtime.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Non-reversible short identities for secrets, and header value checks. */
final class Fingerprint {
  private Fingerprint() {}

  /** The first 12 hex characters of the SHA-256 of {@code secret} (UTF-8). */
  static String of(String secret) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Compares two header values without leaking timing; nulls are equal only to each other. */
  static boolean sameHeader(String a, String b) {
    if (a == null || b == null) {
      return a == b;
    }
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Rejects a value that could not be sent in an HTTP header (control characters such as CR/LF).
   * The message names {@code what}, never the value.
   */
  static String requireHeaderSafe(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " is empty");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7F) {
        throw new IllegalArgumentException(what + " contains control characters");
      }
    }
    return value;
  }
}
