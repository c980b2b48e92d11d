package dev.airflowmcp.runtime.server.revision;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests whose params have the wrong JSON type get {@code -32602} with their id from the stdio
 * router, and never reach the SDK (which turned them into internal errors carrying Java exception
 * text); well-typed requests pass as before.
 */
class ParamsCheckTest {
  private static final JsonMapper JSON = JsonMapper.shared();

  private static Object parse(String message) {
    return JSON.readValue(message, Object.class);
  }

  @Test
  void wrongParamTypesAreNamed() {
    assertThat(ParamsCheck.problem(parse("{\"id\":1,\"method\":\"initialize\"}")))
        .startsWith("initialize needs params");
    assertThat(ParamsCheck.problem(parse("{\"id\":1,\"method\":\"initialize\",\"params\":null}")))
        .startsWith("initialize needs params");
    assertThat(ParamsCheck.problem(parse("{\"id\":1,\"method\":\"initialize\",\"params\":[]}")))
        .isEqualTo("params must be a JSON object");
    assertThat(
            ParamsCheck.problem(parse("{\"id\":\"x\",\"method\":\"resources/read\",\"params\":5}")))
        .isEqualTo("params must be a JSON object");
    assertThat(
            ParamsCheck.problem(
                parse(
                    "{\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"list_dags\","
                        + "\"arguments\":[\"limit\",5]}}")))
        .startsWith("tools/call arguments must be a JSON object");
  }

  @Test
  void wellTypedRequestsAndOtherMessagesAreLeftAlone() {
    for (String message :
        new String[] {
          "{\"id\":1,\"method\":\"initialize\",\"params\":{}}",
          "{\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":5}}",
          "{\"id\":2,\"method\":\"tools/list\"}",
          "{\"id\":2,\"method\":\"tools/list\",\"params\":null}",
          "{\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"x\"}}",
          "{\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"x\",\"arguments\":null}}",
          "{\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"x\",\"arguments\":{}}}",
          "{\"method\":\"notifications/initialized\",\"params\":[1]}",
          "{\"id\":null,\"method\":\"initialize\"}",
          "{\"id\":true,\"method\":\"initialize\"}",
          "{\"id\":{\"a\":1},\"method\":\"initialize\"}",
          "{\"id\":4,\"result\":[]}",
          "[{\"id\":1,\"method\":\"initialize\"}]",
          "\"initialize\""
        }) {
      assertThat(ParamsCheck.problem(parse(message))).as(message).isNull();
    }
    assertThat(ParamsCheck.problem(null)).isNull();
  }

  @Test
  void theStdioRouterAnswersWithTheRequestsIdAndPassesNothingOn() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DualRevisionStdio dual = new DualRevisionStdio(new ByteArrayInputStream(new byte[0]), out);
    dual.dispatch(line("{\"jsonrpc\":\"2.0\",\"id\":\"a\\\"b\",\"method\":\"initialize\"}"));
    dual.dispatch(
        line(
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"x\","
                + "\"arguments\":\"limit=5\"}}"));
    String good =
        "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
            + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}\n";
    dual.dispatch(line(good.strip()));

    String[] answers = out.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(answers).hasSize(2);
    Map<?, ?> first = (Map<?, ?>) parse(answers[0]);
    assertThat(first.get("id")).isEqualTo("a\"b");
    assertThat(((Map<?, ?>) first.get("error")).get("code")).isEqualTo(-32602);
    assertThat((String) ((Map<?, ?>) first.get("error")).get("message"))
        .startsWith("Invalid params: initialize needs params")
        .doesNotContain("Exception", "java.", "io.modelcontextprotocol");
    Map<?, ?> second = (Map<?, ?>) parse(answers[1]);
    assertThat(second.get("id")).isEqualTo(7);
    assertThat(((Map<?, ?>) second.get("error")).get("code")).isEqualTo(-32602);
    // Only the well-typed initialize reached the 2025-era session.
    assertThat(nextLine(dual.legacyInput())).isEqualTo(good);
    assertThat(dual.legacyInput().available()).isZero();
  }

  private static byte[] line(String message) {
    return (message + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static String nextLine(InputStream in) throws Exception {
    byte[] buffer = new byte[1 << 16];
    int n = in.read(buffer, 0, buffer.length);
    return new String(buffer, 0, Math.max(n, 0), StandardCharsets.UTF_8);
  }
}
