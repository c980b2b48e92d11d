package dev.airflowmcp.runtime.airflow;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An answer from Airflow, read with a size cap.
 *
 * @param status HTTP status
 * @param contentType the {@code Content-Type} header, or {@code null}
 * @param body the body bytes (never more than the transport's cap)
 * @param retryAfterSeconds the {@code Retry-After} header in seconds, or -1 when absent
 */
public record AirflowResponse(int status, String contentType, byte[] body, long retryAfterSeconds) {
  public AirflowResponse {
    Objects.requireNonNull(body, "body");
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }
}
