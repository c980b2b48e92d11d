package dev.airflowmcp.runtime.tool;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The public {@code error_type} values of the server's failed tool calls, each with its wire name
 * (astro-airflow-mcp's where astro has the error) and what it means. Clients may branch on these
 * names, so they never change; the metrics' {@code outcome} label and the audit log take the same
 * values. docs/operations.md lists them as {@link #markdownTable()} makes them (a test compares).
 */
public enum ErrorType {
  VALIDATION(
      "ValidationError",
      "the arguments are wrong (each problem named); nothing was sent to Airflow"),
  AUTHENTICATION(
      "AuthenticationError",
      "the call had no Airflow credentials, or Airflow refused the server's own"),
  RATE_LIMIT(
      "RateLimitError",
      "a rate limit or concurrency cap of this server, or the cool-down after Airflow's 429, held the call back; `retry_after_seconds` says when to call again"),
  NOT_FOUND(
      "NotFoundError",
      "Airflow answered 404, or what was asked for does not exist yet (a try of a task that has not run)"),
  HTTP_STATUS(
      "HTTPStatusError",
      "Airflow answered with another error status; `retryable` for 400, 422 and 429"),
  CONNECT("ConnectError", "Airflow could not be reached"),
  READ_TIMEOUT("ReadTimeout", "Airflow did not answer within the request deadline"),
  RESPONSE_TOO_LARGE(
      "ResponseTooLargeError", "Airflow's answer was larger than the server reads; ask for less"),
  INVALID_RESPONSE(
      "InvalidResponseError", "Airflow's answer could not be read, or lacked the data asked for"),
  READ_ONLY(
      "ReadOnlyError",
      "a write was refused: the server is read-only (`AF_READ_ONLY`, or a build without write tools)"),
  REQUEST_REFUSED("RequestRefusedError", "the server never sends this kind of request to Airflow"),
  VERSION_DETECTION("VersionDetectionError", "the Airflow major version could not be told"),
  UNSUPPORTED_VERSION("UnsupportedVersionError", "the tool has no endpoint on this Airflow major"),
  SERVER_BUSY(
      "ServerBusyError",
      "this server already has as many Airflow calls in flight, or large answers in hand, as it"
          + " allows"),
  INTERRUPTED("InterruptedError", "the server stopped waiting because it is stopping"),
  INTERNAL("InternalError", "a fault in the server, reported without internals");

  private final String wireName;
  private final String meaning;

  ErrorType(String wireName, String meaning) {
    this.wireName = wireName;
    this.meaning = meaning;
  }

  /** The {@code error_type} value clients see, e.g. {@code NotFoundError}. */
  public String wireName() {
    return wireName;
  }

  /** What the error means, in Markdown. */
  public String meaning() {
    return meaning;
  }

  /** The type of this wire name, if it is one of these. */
  public static Optional<ErrorType> fromWireName(String wireName) {
    for (ErrorType t : values()) {
      if (t.wireName.equals(wireName)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** The docs' table of error types: a header and one row per type. */
  public static String markdownTable() {
    List<String> lines = new ArrayList<>();
    lines.add("| `error_type` | meaning |");
    lines.add("|---|---|");
    for (ErrorType t : values()) {
      lines.add("| `" + t.wireName + "` | " + t.meaning + " |");
    }
    return String.join("\n", lines);
  }

  @Override
  public String toString() {
    return wireName;
  }
}
