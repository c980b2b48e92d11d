package dev.airflowmcp.runtime.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The ring buffer, the Airflow 2 repr reader and the Airflow 3 record formatter. */
class LogPiecesTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void theTailKeepsTheLastLinesInOrderAndJoinsLinesSplitAcrossPieces() {
    LogTail tail = new LogTail(3);
    tail.addText("one\ntwo\nthr");
    tail.addText("ee\nfour\r\nfi");
    tail.addText("ve");
    tail.finish();
    assertThat(tail.lines()).containsExactly("three", "four", "five");
    assertThat(tail.seen()).isEqualTo(5);
  }

  @Test
  void longLinesKeepTheirStartAndSayHowMuchWasCut() {
    LogTail tail = new LogTail(2);
    String big = "y".repeat(LogTail.MAX_LINE_CHARS + 500);
    tail.addText(big.substring(0, 1000));
    tail.addText(big.substring(1000) + "\nshort\n");
    assertThat(tail.lines().get(0))
        .hasSize(LogTail.MAX_LINE_CHARS + " [... 500 characters cut]".length())
        .endsWith(" [... 500 characters cut]");
    assertThat(tail.lines().get(1)).isEqualTo("short");
  }

  @Test
  void memoryIsBoundedByTheLinesKeptNotByTheLog() {
    LogTail tail = new LogTail(10);
    for (int i = 0; i < 200_000; i++) {
      tail.addText("line " + i + "\n");
    }
    tail.finish();
    assertThat(tail.lines()).hasSize(10).first().isEqualTo("line 199990");
    assertThat(tail.seen()).isEqualTo(200_000);
  }

  @Test
  void airflow2ReprOfHostLogTuplesIsDecoded() {
    String repr =
        "[('worker-1', '*** Reading local file: /opt/airflow/logs/x.log\\n[2024-03-07]"
            + " INFO - it\\'s \\\"quoted\\\" \\\\ tab\\there \\xe9\\u00e9'), (\"worker-2\", \"second\")]";
    assertThat(PythonRepr.hostLogTuples(repr))
        .isEqualTo(
            "*** Reading local file: /opt/airflow/logs/x.log\n[2024-03-07] INFO - it's"
                + " \"quoted\" \\ tab\there éé\nsecond");
    assertThat(PythonRepr.hostLogTuples("plain log text")).isNull();
    assertThat(PythonRepr.hostLogTuples("[('unterminated)]")).isNull();
    assertThat(PythonRepr.hostLogTuples("[(1, 'x')]")).isNull();
  }

  @Test
  void airflow3RecordsBecomeReadableLinesWithTracebacks() {
    String record =
        "{\"timestamp\":\"2025-04-01T10:00:00Z\",\"level\":\"error\",\"event\":"
            + "\"Task failed with exception\",\"logger\":\"task\",\"ti_id\":\"abc\",\"extra\":{\"a\":1},"
            + "\"error_detail\":[{\"exc_type\":\"ValueError\",\"exc_value\":\"boom\",\"frames\":"
            + "[{\"filename\":\"/dags/etl.py\",\"lineno\":12,\"name\":\"extract\"}]}]}";
    assertThat(LogPages.format(JSON.readTree(record)))
        .isEqualTo(
            "[2025-04-01T10:00:00Z] ERROR task - Task failed with exception ti_id=abc"
                + " extra={\"a\":1}\nTraceback (most recent call last):\n  File \"/dags/etl.py\","
                + " line 12, in extract\nValueError: boom");
    assertThat(
            LogPages.format(JSON.readTree("{\"event\":\"::group::Log message source details\"}")))
        .isEqualTo("::group::Log message source details");
  }

  @Test
  void theEndOfLogFlagIsReadFromTheContinuationToken() {
    assertThat(LogPages.saysEndOfLog(token("{\"end_of_log\": true, \"log_pos\": 1200}"))).isTrue();
    assertThat(LogPages.saysEndOfLog(token("{\"end_of_log\": false, \"log_pos\": 1200}")))
        .isFalse();
    assertThat(LogPages.saysEndOfLog(".eJyrVkrNS8_MS4.compressed.sig")).isFalse();
    assertThat(LogPages.saysEndOfLog("not base64 at all!.sig")).isFalse();
    assertThat(LogPages.saysEndOfLog(null)).isFalse();
  }

  static String token(String json) {
    return Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(json.getBytes(StandardCharsets.UTF_8))
        + ".c2lnbmF0dXJl";
  }
}
