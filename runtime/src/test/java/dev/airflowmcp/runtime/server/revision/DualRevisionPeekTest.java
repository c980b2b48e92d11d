package dev.airflowmcp.runtime.server.revision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link DualRevisionServlet#peek} reads what the revision choice and the task-name check need in
 * one parser pass: they (and {@link ParamsCheck}) must decide every body as they do on the whole
 * message parsed as a map.
 */
class DualRevisionPeekTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String META = "{\"" + Revisions.META_PROTOCOL_VERSION + "\":\"2026-07-28\"}";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"_meta\":"
            + META
            + "}}",
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"_meta\":"
            + META
            + ",\"name\":\"x\",\"arguments\":{\"a\":[1,{\"b\":null}]}}}",
        "{\"method\":\"tools/list\",\"params\":{\"_meta\":{\"other\":1}}}",
        "{\"method\":\"tools/list\",\"params\":{\"_meta\":" + META + ",\"_meta\":{}}}",
        "{\"method\":\"tools/list\",\"params\":{\"_meta\":{},\"_meta\":" + META + "}}",
        "{\"method\":\"tools/list\",\"params\":{\"_meta\":" + META + ",\"_meta\":5}}",
        "{\"params\":{\"_meta\":" + META + "},\"params\":{}}",
        "{\"params\":{\"_meta\":" + META + "},\"params\":[1]}",
        "{\"method\":\"initialize\",\"method\":{\"x\":1}}",
        "{\"method\":{\"x\":1},\"method\":\"initialize\"}",
        "{\"method\":\"tasks/get\",\"params\":{\"taskId\":\"t-1\"}}",
        "{\"method\":\"tasks/get\",\"params\":{\"taskId\":\"t-1\",\"taskId\":7}}",
        "{\"method\":\"tasks/cancel\",\"params\":{\"taskId\":[\"t\"],\"taskId\":\"t-2\"}}",
        "{\"method\":\"tasks/get\",\"params\":{\"_meta\":{\""
            + "io.modelcontextprotocol/protocolVersion"
            + "\":null},\"taskId\":\"t\"}}",
        "{\"a\":1} x",
        "{\"a\":1} {}",
        "{\"a\":1}}",
        "{\"a\":",
        "[{\"method\":\"initialize\"}]",
        "\"initialize\"",
        "42",
        "",
        "   ",
        "{}",
        "{\"method\":\"ping\",\"params\":{\"deep\":[[[[{\"_meta\":" + META + "}]]]]}}",
        "{\"id\":1,\"method\":\"initialize\"}",
        "{\"id\":\"a\",\"method\":\"initialize\",\"params\":null}",
        "{\"id\":2.5,\"method\":\"initialize\",\"params\":[]}",
        "{\"method\":\"initialize\",\"params\":[],\"id\":true}",
        "{\"id\":3,\"method\":\"tools/list\",\"params\":\"x\"}",
        "{\"id\":3,\"method\":\"tools/list\",\"params\":[1],\"params\":{}}",
        "{\"id\":3,\"method\":\"tools/list\",\"params\":{},\"params\":7}",
        "{\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"x\",\"arguments\":[1]}}",
        "{\"id\":4,\"method\":\"tools/call\",\"params\":{\"arguments\":\"a=1\",\"name\":\"x\"}}",
        "{\"id\":4,\"method\":\"tools/call\",\"params\":{\"arguments\":null}}",
        "{\"id\":4,\"method\":\"tools/call\",\"params\":{\"arguments\":[],\"arguments\":{}}}",
        "{\"id\":[4],\"method\":\"initialize\"}",
        "{\"id\":5,\"id\":{\"x\":1},\"method\":\"initialize\"}",
        "{\"method\":\"notifications/initialized\",\"params\":[1]}"
      })
  void decidesAsTheParsedMessageDoes(String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    Object parsed;
    try {
      parsed = JSON.readValue(bytes, Object.class);
    } catch (JacksonException e) {
      parsed = null;
    }
    Map<String, Object> peeked = DualRevisionServlet.peek(bytes);

    for (String header : new String[] {null, "2025-06-18", "2026-07-28"}) {
      assertThat(Revisions.classify(peeked, name -> header))
          .as("%s with header %s", body, header)
          .isEqualTo(Revisions.classify(parsed, name -> header));
    }
    assertThat(taskFields(peeked)).as(body).isEqualTo(taskFields(parsed));
    assertThat(ParamsCheck.problem(peeked)).as(body).isEqualTo(ParamsCheck.problem(parsed));
    if (ParamsCheck.problem(parsed) != null) {
      assertThat(JSON.writeValueAsString(peeked.get("id")))
          .as(body)
          .isEqualTo(JSON.writeValueAsString(((Map<?, ?>) parsed).get("id")));
    }
  }

  /** What the task-name check reads: the method and params.taskId when both are strings. */
  private static String taskFields(Object message) {
    if (!(message instanceof Map<?, ?> m)
        || !(m.get("method") instanceof String method)
        || !(m.get("params") instanceof Map<?, ?> params)
        || !(params.get("taskId") instanceof String taskId)) {
      return null;
    }
    return method + " " + taskId;
  }
}
