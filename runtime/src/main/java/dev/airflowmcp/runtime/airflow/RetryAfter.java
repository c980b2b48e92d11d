package dev.airflowmcp.runtime.airflow;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Reads Airflow's (or a proxy's) {@code Retry-After} header. */
final class RetryAfter {
  private RetryAfter() {}

  private static final Pattern DIGITS = Pattern.compile("\\d{1,18}");

  /** {@code Retry-After} as delay-seconds or an HTTP-date, in seconds from {@code now}; else -1. */
  static long seconds(String value, Instant now) {
    if (value == null) {
      return -1;
    }
    String v = value.strip();
    if (DIGITS.matcher(v).matches()) {
      return Long.parseLong(v);
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      long millis = Duration.between(now, at).toMillis();
      return millis <= 0 ? 0 : (millis + 999) / 1000;
    } catch (DateTimeParseException e) {
      return -1;
    }
  }
}
