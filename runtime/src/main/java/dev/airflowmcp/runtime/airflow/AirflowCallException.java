package dev.airflowmcp.runtime.airflow;

/**
 * A call to Airflow failed. The message is safe to show after redaction: it never holds request
 * headers or credentials, and a response body only as Airflow's own {@code detail}.
 */
public final class AirflowCallException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Kind {
    /** Airflow answered with a non-2xx status. */
    HTTP_STATUS,
    /** No connection could be made. */
    CONNECT,
    /** No answer within the timeout. */
    TIMEOUT,
    /** The answer was larger than the configured cap. */
    BODY_TOO_LARGE,
    /** The answer could not be read or parsed (truncated, not JSON). */
    BAD_RESPONSE,
    /** The runtime refused to send the request (method, endpoint or path not allowed). */
    REFUSED,
    /**
     * The request would change Airflow and writes are off: the server is in read-only mode, or the
     * tool sending it is not a write tool.
     */
    READ_ONLY,
    /** The Airflow version could not be detected. */
    VERSION_DETECTION,
    /** Authentication against Airflow failed (for example the token endpoint refused). */
    AUTH,
    /** The server already has as many calls to Airflow in flight as it allows (bulkhead). */
    BUSY,
    /**
     * What the request asks for does not exist yet: a lookup found a value below its minimum (for
     * example try 0 of a task that has not run). The message says what is missing.
     */
    NOT_YET
  }

  private final Kind kind;
  private final int status;
  private final long retryAfterSeconds;

  public AirflowCallException(Kind kind, String message) {
    this(kind, 0, -1, message, null);
  }

  public AirflowCallException(Kind kind, String message, Throwable cause) {
    this(kind, 0, -1, message, cause);
  }

  public AirflowCallException(
      Kind kind, int status, long retryAfterSeconds, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status for {@link Kind#HTTP_STATUS}, else 0. */
  public int status() {
    return status;
  }

  /** Seconds from Airflow's {@code Retry-After}, or -1. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
