package dev.airflowmcp.runtime.server.revision;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The 2026 server is started by the first message of its generation, once, and never before. */
class DualRevisionStdioTest {
  private static final String LEGACY_INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
          + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}\n";
  private static final String LEGACY_LIST =
      "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}\n";
  private static final String MODERN_LIST =
      "{\"jsonrpc\":\"2.0\",\"id\":\"m\",\"method\":\"tools/list\",\"params\":{\"_meta\":"
          + "{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
          + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}\n";

  private static DualRevisionStdio router(List<String> events) {
    DualRevisionStdio dual =
        new DualRevisionStdio(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream());
    dual.onFirstModernMessage(() -> events.add("started"));
    return dual;
  }

  private static void dispatch(DualRevisionStdio dual, String line) {
    dual.dispatch(line.getBytes(StandardCharsets.UTF_8));
  }

  /** The next line queued for {@code in} (one read returns at most the rest of one line). */
  private static String nextLine(InputStream in) throws Exception {
    byte[] buffer = new byte[1 << 16];
    int n = in.read(buffer, 0, buffer.length);
    return new String(buffer, 0, Math.max(n, 0), StandardCharsets.UTF_8);
  }

  @Test
  void a2025ClientNeverStartsThe2026Server() throws Exception {
    List<String> events = new ArrayList<>();
    DualRevisionStdio dual = router(events);
    dispatch(dual, LEGACY_INITIALIZE);
    dispatch(dual, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n");
    dispatch(dual, LEGACY_LIST);
    assertThat(events).isEmpty();
    assertThat(dual.modernStarted()).isFalse();
    assertThat(nextLine(dual.legacyInput())).isEqualTo(LEGACY_INITIALIZE);
  }

  @Test
  void theFirst2026MessageStartsItOnceAndIsThenReadable() throws Exception {
    List<String> events = new ArrayList<>();
    DualRevisionStdio dual = router(events);
    dispatch(dual, LEGACY_INITIALIZE);
    dispatch(dual, MODERN_LIST);
    dispatch(dual, MODERN_LIST.replace("\"m\"", "\"m2\""));
    assertThat(events).containsExactly("started");
    assertThat(dual.modernStarted()).isTrue();
    assertThat(nextLine(dual.modernInput())).isEqualTo(MODERN_LIST);
    assertThat(nextLine(dual.modernInput())).isEqualTo(MODERN_LIST.replace("\"m\"", "\"m2\""));
    assertThat(nextLine(dual.legacyInput())).isEqualTo(LEGACY_INITIALIZE);
  }
}
