package dev.airflowmcp.runtime.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airflowmcp.runtime.airflow.AirflowCallException;
import dev.airflowmcp.runtime.airflow.AirflowCallException.Kind;
import dev.airflowmcp.runtime.tool.ToolError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorMapperTest {

  @ParameterizedTest
  @CsvSource({
    "CONNECT, ConnectError, false, reach Airflow",
    "TIMEOUT, ReadTimeout, false, respond",
    "BODY_TOO_LARGE, ResponseTooLargeError, true, lower limit",
    "BAD_RESPONSE, InvalidResponseError, false, server-side",
    "READ_ONLY, ReadOnlyError, false, AF_READ_ONLY=true",
    "REFUSED, RequestRefusedError, false, server problem",
    "VERSION_DETECTION, VersionDetectionError, false, Airflow version",
    "AUTH, AuthenticationError, false, credentials",
    "BUSY, ServerBusyError, true, Wait 1 s"
  })
  void everyFailureKindHasAStableTypeRetryabilityAndHint(
      Kind kind, String type, boolean retryable, String hintPart) {
    ToolError error = ErrorMapper.from(new AirflowCallException(kind, "what happened"));
    assertThat(error.type()).isEqualTo(type);
    assertThat(error.retryable()).isEqualTo(retryable);
    assertThat(error.hint()).contains(hintPart);
    assertThat(error.message()).isEqualTo("what happened");
    assertThat(error.retryAfterSeconds()).isEqualTo(kind == Kind.BUSY ? 1 : -1);
  }

  @ParameterizedTest
  @CsvSource({
    "404, NotFoundError, true", "400, HTTPStatusError, true", "422, HTTPStatusError, true",
    "401, HTTPStatusError, false", "403, HTTPStatusError, false", "409, HTTPStatusError, false",
    "429, HTTPStatusError, true", "500, HTTPStatusError, false", "504, HTTPStatusError, false",
    "302, HTTPStatusError, false"
  })
  void httpStatusesFollowTheAstroTable(int status, String type, boolean retryable) {
    ToolError error =
        ErrorMapper.from(new AirflowCallException(Kind.HTTP_STATUS, status, -1, "m", null));
    assertThat(error.type()).isEqualTo(type);
    assertThat(error.retryable()).isEqualTo(retryable);
    assertThat(error.hint()).contains("HTTP " + status);
  }

  @ParameterizedTest
  @CsvSource({"-1, Wait a little", "0, Wait a little", "30, Wait 30 s"})
  void tooManyRequestsHintUsesRetryAfterWhenPositive(long retryAfter, String expected) {
    ToolError error =
        ErrorMapper.from(new AirflowCallException(Kind.HTTP_STATUS, 429, retryAfter, "m", null));
    assertThat(error.hint()).contains(expected);
  }
}
