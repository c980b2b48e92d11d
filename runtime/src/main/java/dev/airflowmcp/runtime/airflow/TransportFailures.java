package dev.airflowmcp.runtime.airflow;

import dev.airflowmcp.runtime.airflow.AirflowCallException.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * Turns what went wrong in one exchange with Airflow into an {@link AirflowCallException} of the
 * right {@link Kind} with a message fit for the model (never a body, header or secret), and tells
 * which failures a retry may fix.
 */
final class TransportFailures {
  private final AirflowTransportConfig config;

  TransportFailures(AirflowTransportConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * Whether a failure happened before Airflow sent any answer, so that the request cannot have been
   * processed and a GET may be repeated: connection refused or timed out, or the connection closed
   * before a status line. Unknown hosts and TLS failures are configuration problems that a retry
   * does not fix; timeouts and broken bodies are never repeated.
   */
  static boolean isConnectionFailure(
      Throwable cause, boolean headersReceived, AirflowCallException failure) {
    if (headersReceived || find(cause, SSLException.class) != null) {
      return false;
    }
    if (find(cause, UnresolvedAddressException.class) != null
        || find(cause, UnknownHostException.class) != null) {
      return false;
    }
    if (failure.kind() == Kind.CONNECT) {
      return true;
    }
    return failure.kind() == Kind.BAD_RESPONSE
        && find(cause, java.net.ProtocolException.class) == null
        && find(cause, IOException.class) != null;
  }

  /** The final failure, saying how many attempts were made when there were several. */
  static AirflowCallException attempts(AirflowCallException e, int attempts) {
    if (attempts == 1) {
      return e;
    }
    return new AirflowCallException(
        e.kind(),
        e.status(),
        e.retryAfterSeconds(),
        e.getMessage() + " (" + attempts + " attempts)",
        e.getCause());
  }

  /** The exception for a request that got no complete answer, by what went wrong. */
  AirflowCallException failure(Throwable cause, boolean headersReceived, String describe) {
    if (find(cause, CappedBodyHandler.BodyTooLarge.class) != null) {
      return new AirflowCallException(
          Kind.BODY_TOO_LARGE,
          "Airflow's answer to "
              + describe
              + " is larger than the "
              + formatBytes(config.maxResponseBytes())
              + " cap");
    }
    if (find(cause, HttpConnectTimeoutException.class) != null) {
      // The connect timeout, or the call's deadline when less of it was left.
      return connectFailure("connection timed out", cause);
    }
    HttpTimeoutException timeout = find(cause, HttpTimeoutException.class);
    if (timeout != null) {
      return timeout(timeout);
    }
    if (!headersReceived) {
      if (find(cause, UnresolvedAddressException.class) != null
          || find(cause, UnknownHostException.class) != null) {
        return connectFailure("unknown host " + config.baseUrl().getHost(), cause);
      }
      SSLException ssl = find(cause, SSLException.class);
      if (ssl != null) {
        return connectFailure("TLS handshake failed (" + shortReason(ssl) + ")", cause);
      }
      ConnectException connect = find(cause, ConnectException.class);
      if (connect != null) {
        return connectFailure(
            connect.getMessage() == null ? "connection refused" : shortReason(connect), cause);
      }
      return new AirflowCallException(
          Kind.BAD_RESPONSE,
          "no valid HTTP answer from Airflow to " + describe + " (" + shortReason(cause) + ")",
          cause);
    }
    return new AirflowCallException(
        Kind.BAD_RESPONSE,
        "the answer to " + describe + " could not be read completely (" + shortReason(cause) + ")",
        cause);
  }

  private AirflowCallException connectFailure(String reason, Throwable cause) {
    return new AirflowCallException(
        Kind.CONNECT, "could not connect to Airflow at " + config.baseUrl() + ": " + reason, cause);
  }

  /** The exception for a call that outlived its deadline. */
  AirflowCallException timeout(Throwable cause) {
    return new AirflowCallException(
        Kind.TIMEOUT,
        "Airflow did not respond within " + formatDuration(config.requestTimeout()),
        cause);
  }

  /** The first throwable of this type in the cause chain, or null. */
  static <T extends Throwable> T find(Throwable t, Class<T> type) {
    Set<Throwable> seen = new HashSet<>();
    for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }

  /** The first line of the message (at most 160 characters), or the class name. */
  static String shortReason(Throwable t) {
    String message = t.getMessage();
    if (message == null || message.isBlank()) {
      return t.getClass().getSimpleName();
    }
    String line = message.strip().lines().findFirst().orElse("");
    return line.length() <= 160 ? line : line.substring(0, 160) + "…";
  }

  static String formatDuration(Duration d) {
    long millis = d.toMillis();
    return millis % 1000 == 0 ? (millis / 1000) + " s" : millis + " ms";
  }

  static String formatBytes(int bytes) {
    if (bytes % (1024 * 1024) == 0) {
      return (bytes / (1024 * 1024)) + " MiB";
    }
    if (bytes % 1024 == 0) {
      return (bytes / 1024) + " KiB";
    }
    return bytes + " bytes";
  }
}
