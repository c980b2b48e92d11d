package dev.airflowmcp.runtime.audit;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the built-in audit log goes.
 *
 * @param file the log file, or null for standard error
 * @param maxBytes the size at which the file is rotated; 0 never rotates (for a platform's own
 *     rotation, such as logrotate with {@code copytruncate}, or a log shipper reading stderr)
 * @param keepFiles how many rotated files are kept ({@code audit.log.1} is the newest)
 */
public record AuditLogSettings(Path file, long maxBytes, int keepFiles) {
  /** Rotation size when none is given: 100 MiB. */
  public static final long DEFAULT_MAX_BYTES = 100L * 1024 * 1024;

  /** Rotated files kept when no number is given. */
  public static final int DEFAULT_KEEP_FILES = 5;

  /** The value of {@code --audit-log} that means standard error. */
  public static final String STDERR = "stderr";

  public AuditLogSettings {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("the audit log size must not be negative");
    }
    if (keepFiles < 1 || keepFiles > 1000) {
      throw new IllegalArgumentException(
          "the number of audit log files must be between 1 and 1000");
    }
  }

  /** Whether the log goes to standard error. */
  public boolean stderr() {
    return file == null;
  }

  /**
   * A size such as {@code 100M}, {@code 512k}, {@code 1G} or a number of bytes ({@code 0} = never
   * rotate).
   *
   * @throws IllegalArgumentException naming the problem
   */
  public static long parseSize(String text) {
    String t = text.strip().toUpperCase(Locale.ROOT);
    if (t.endsWith("B")) {
      t = t.substring(0, t.length() - 1);
    }
    long unit = 1;
    if (!t.isEmpty()) {
      switch (t.charAt(t.length() - 1)) {
        case 'K' -> unit = 1024;
        case 'M' -> unit = 1024 * 1024;
        case 'G' -> unit = 1024L * 1024 * 1024;
        default -> unit = 1;
      }
    }
    if (unit > 1) {
      t = t.substring(0, t.length() - 1);
    }
    long n;
    try {
      n = Long.parseLong(t.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "must be a size such as 100M, 512K, 1G or a number of bytes, got '" + text.strip() + "'");
    }
    if (n < 0 || n > Long.MAX_VALUE / unit) {
      throw new IllegalArgumentException(
          "must be 0 or more and reasonable, got '" + text.strip() + "'");
    }
    long bytes = n * unit;
    if (bytes > 0 && bytes < 4096) {
      throw new IllegalArgumentException(
          "must be 0 (never rotate) or at least 4K, got '" + text.strip() + "'");
    }
    return bytes;
  }
}
