package dev.airflowmcp.runtime.server;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.airflowmcp.runtime.airflow.AirflowGateway;
import dev.airflowmcp.runtime.airflow.AirflowTransportConfig;
import dev.airflowmcp.runtime.airflow.HttpAirflowTransport;
import dev.airflowmcp.runtime.airflow.VersionDetector;
import dev.airflowmcp.runtime.auth.StaticTokenCredentials;
import dev.airflowmcp.runtime.pipeline.ArgumentValidator;
import dev.airflowmcp.runtime.pipeline.AuditSink;
import dev.airflowmcp.runtime.pipeline.ToolPipeline;
import dev.airflowmcp.runtime.ratelimit.RateLimiter;
import dev.airflowmcp.runtime.redaction.SensitiveKeyRedactor;
import dev.airflowmcp.runtime.tool.CustomTool;
import dev.airflowmcp.runtime.tools.TriggerDagAndWait;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** trigger_dag_and_wait as a task over stdio: the same task methods, the service credentials. */
@Timeout(60)
class TasksStdioTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String RUN = "manual__2026-07-28T10:00:00+00:00";
  private static final String RUN_IN_PATH = "manual__2026-07-28T10%3A00%3A00%2B00%3A00";
  private static final String META =
      "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
          + "\"io.modelcontextprotocol/clientCapabilities\":{\"extensions\":"
          + "{\"io.modelcontextprotocol/tasks\":{}}}}";

  private WireMockServer airflow;
  private final LinkedBlockingQueue<String> replies = new LinkedBlockingQueue<>();

  @BeforeEach
  void start() {
    airflow = new WireMockServer(options().dynamicPort());
    airflow.start();
    airflow.stubFor(
        get(urlEqualTo("/api/v2/version")).willReturn(okJson("{\"version\":\"3.0.2\"}")));
  }

  @AfterEach
  void stop() {
    airflow.stop();
  }

  private ServerRuntime runtime() {
    HttpAirflowTransport client =
        new HttpAirflowTransport(
            AirflowTransportConfig.defaults("http://localhost:" + airflow.port())
                .withAllowWrites(true));
    ToolPipeline pipeline =
        new ToolPipeline(
            new AirflowGateway(client),
            new VersionDetector(client, Clock.systemUTC()),
            new ToolPipeline.Hooks(
                ArgumentValidator.NONE,
                RateLimiter.UNLIMITED,
                new SensitiveKeyRedactor(),
                AuditSink.NONE),
            60_000);
    return new ServerRuntime(
        ToolRegistry.of(
            new TestCatalog(),
            List.<CustomTool>of(new TriggerDagAndWait()),
            getClass().getClassLoader()),
        pipeline,
        new StaticTokenCredentials("stdio-token"),
        "9.9.9-test");
  }

  /** Collects whole stdout lines. */
  private OutputStream stdout() {
    return new OutputStream() {
      private final ByteArrayOutputStream line = new ByteArrayOutputStream();

      @Override
      public synchronized void write(int b) {
        if (b == '\n') {
          replies.add(line.toString(StandardCharsets.UTF_8));
          line.reset();
        } else {
          line.write(b);
        }
      }
    };
  }

  private JsonNode ask(PipedOutputStream stdin, String line) throws Exception {
    stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    stdin.flush();
    String reply = replies.poll(30, TimeUnit.SECONDS);
    assertThat(reply).as("reply to %s", line).isNotNull();
    return JSON.readTree(reply);
  }

  @Test
  void aTaskIsCreatedAndPolledOverStdioWithTheServiceCredentials() throws Exception {
    airflow.stubFor(
        post(urlPathEqualTo("/api/v2/dags/etl/dagRuns"))
            .willReturn(okJson("{\"dag_run_id\":\"" + RUN + "\",\"state\":\"queued\"}")));
    airflow.stubFor(
        get(urlPathEqualTo("/api/v2/dags/etl/dagRuns/" + RUN_IN_PATH))
            .willReturn(
                okJson(
                    "{\"dag_run_id\":\""
                        + RUN
                        + "\",\"dag_id\":\"etl\",\"state\":\"success\","
                        + "\"end_date\":\""
                        + Instant.now().plusSeconds(1)
                        + "\"}")));
    PipedOutputStream stdin = new PipedOutputStream();
    PipedInputStream in = new PipedInputStream(stdin, 1 << 16);
    ServerRuntime runtime = runtime();
    Thread server =
        new Thread(
            () -> {
              try {
                StdioServer.run(runtime, in, stdout());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    server.start();
    try {
      JsonNode created =
          ask(
              stdin,
              "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":"
                  + "\"trigger_dag_and_wait\",\"arguments\":{\"dag_id\":\"etl\"},"
                  + "\"_meta\":{\"progressToken\":\"p\","
                  + META.substring("\"_meta\":{".length())
                  + "}}");
      assertThat(created.at("/result/resultType").asString()).isEqualTo("task");
      String taskId = created.at("/result/taskId").asString();
      JsonNode done =
          ask(
              stdin,
              "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tasks/get\",\"params\":{\"taskId\":\""
                  + taskId
                  + "\","
                  + META
                  + "}}");
      assertThat(done.at("/result/status").asString()).isEqualTo("completed");
      JsonNode text = JSON.readTree(done.at("/result/result/content/0/text").asString());
      assertThat(text.at("/dag_run/state").asString()).isEqualTo("success");
      airflow.verify(
          getRequestedFor(urlPathEqualTo("/api/v2/dags/etl/dagRuns/" + RUN_IN_PATH))
              .withHeader("Authorization", equalTo("Bearer stdio-token")));
      // A task call sends no progress notifications, even with a progressToken: the two replies
      // were the only lines.
      assertThat(replies).isEmpty();
    } finally {
      stdin.close();
      server.join(20_000);
    }
    assertThat(server.isAlive()).isFalse();
  }
}
