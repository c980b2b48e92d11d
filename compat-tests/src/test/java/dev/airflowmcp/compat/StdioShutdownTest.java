package dev.airflowmcp.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airflowmcp.compat.FakeAirflow.Mode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Raw JSON-RPC over the stdio transport: a client that closes stdin while a tool call is still
 * running must still get the reply, and the server must then exit with code 0.
 */
class StdioShutdownTest {
  private static final String STATIC_TOKEN = "compat-stdio-token-Hs82";

  /** The slow call takes {@link FakeAirflow#SLOW_DELAY_MILLIS}; the rest is JVM and detection. */
  private static final Duration EXIT_LIMIT = Duration.ofSeconds(10);

  private FakeAirflow airflow;
  private ServerProcess server;
  private Thread reader;

  @AfterEach
  void stop() throws InterruptedException {
    if (server != null) {
      server.close();
    }
    if (reader != null) {
      reader.join(5_000);
    }
    if (airflow != null) {
      airflow.close();
    }
  }

  @Test
  void closingStdinWhileACallIsPendingStillDeliversTheReplyAndExitsWithZero() throws Exception {
    airflow = FakeAirflow.start(Mode.AIRFLOW3);
    server =
        ServerProcess.start(
            ServerProcess.Settings.token(airflow.baseUrl(), STATIC_TOKEN).environment(),
            "--transport",
            "stdio");
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    reader = readLines(server.process(), lines);
    OutputStream stdin = server.process().getOutputStream();

    send(
        stdin,
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
            + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
            + "\"clientInfo\":{\"name\":\"raw-stdio\",\"version\":\"1.0.0\"}}}");
    JsonNode init = awaitReply(lines, 1, Duration.ofSeconds(30));
    assertThat(init.get("result").get("serverInfo").get("name").asString())
        .isEqualTo("Airflow MCP Server");

    send(stdin, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    send(
        stdin,
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{"
            + "\"name\":\"get_dag_details\",\"arguments\":{\"dag_id\":\""
            + FakeAirflow.SLOW_DAG_ID
            + "\"}}}");
    stdin.close();
    long closedAt = System.nanoTime();

    assertThat(server.waitForExit(EXIT_LIMIT))
        .as(
            "exit within %s s of stdin closing; stderr:\n%s",
            EXIT_LIMIT.toSeconds(), server.stderr())
        .isTrue();
    long tookMillis = (System.nanoTime() - closedAt) / 1_000_000;
    assertThat(server.process().exitValue()).as("exit code; stderr:\n%s", server.stderr()).isZero();

    JsonNode reply = awaitReply(lines, 2, Duration.ofSeconds(5));
    assertThat(reply.has("error")).as("JSON-RPC error in %s", reply).isFalse();
    JsonNode result = reply.get("result");
    assertThat(result.get("isError").asBoolean()).isFalse();
    JsonNode dag = ToolResults.parse(result.get("content").get(0).get("text").asString());
    assertThat(dag.get("dag_id").asString()).isEqualTo(FakeAirflow.SLOW_DAG_ID);
    assertThat(airflow.dataRequests())
        .extracting(FakeAirflow.Recorded::path)
        .containsExactly("/api/v2/dags/" + FakeAirflow.SLOW_DAG_ID + "/details");
    // The reply came from a call that was still running when stdin closed.
    assertThat(tookMillis).isGreaterThanOrEqualTo(FakeAirflow.SLOW_DELAY_MILLIS / 2);
  }

  private static void send(OutputStream stdin, String line) throws IOException {
    stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    stdin.flush();
  }

  /** Copies stdout lines to {@code lines} until end of stream. */
  private static Thread readLines(Process process, BlockingQueue<String> lines) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  lines.add(line);
                }
              } catch (IOException e) {
                lines.add("<stdout read failed: " + e.getMessage() + ">");
              }
            },
            "stdio-reader");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** The JSON-RPC response with this id; other lines (notifications, logs) are skipped. */
  private static JsonNode awaitReply(BlockingQueue<String> lines, int id, Duration limit)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    List<String> seen = new ArrayList<>();
    while (true) {
      long left = deadline - System.nanoTime();
      String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new AssertionError(
            "no JSON-RPC reply with id "
                + id
                + " within "
                + limit
                + "; stdout lines seen: "
                + seen);
      }
      seen.add(line);
      JsonNode node;
      try {
        node = ToolResults.parse(line);
      } catch (RuntimeException notJson) {
        throw new AssertionError("stdout carried a line that is not JSON-RPC: " + line, notJson);
      }
      if (node.has("id") && node.get("id").asInt() == id && !node.has("method")) {
        return node;
      }
    }
  }
}
