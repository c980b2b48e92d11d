package dev.airflowmcp.runtime.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Non-reversible short identities for secrets, and header value checks. */
final class Fingerprint {
  private Fingerprint() {}

  /**
   * A SHA-256 digest per thread: the HTTP transport fingerprints every request's caller, and
   * looking the algorithm up in the security providers cost more than hashing the header. Made on a
   * thread's first use (not when this class loads: the providers stay off the start path).
   */
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("SHA-256 is missing from this JVM", e);
            }
          });

  /** The first 12 hex characters of the SHA-256 of {@code secret} (UTF-8). */
  static String of(String secret) {
    // digest() leaves the instance reset for the thread's next use.
    byte[] digest = SHA256.get().digest(secret.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest, 0, 6);
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
