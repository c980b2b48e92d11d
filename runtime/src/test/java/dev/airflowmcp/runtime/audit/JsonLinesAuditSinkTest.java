package dev.airflowmcp.runtime.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airflowmcp.runtime.pipeline.AuditSink;
import dev.airflowmcp.runtime.pipeline.AuditSink.AuditEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonLinesAuditSinkTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-06-01T12:00:00.123456Z"), ZoneOffset.UTC);
  private static final AuditEvent EVENT =
      new AuditEvent("get_dag", "token:3f9a0c1b2d4e", "ok", 2, 42, 1830);

  @Test
  void oneJsonObjectPerCallWithExactlyTheDocumentedKeys(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("logs/audit.log");
    try (JsonLinesAuditSink sink =
        JsonLinesAuditSink.open(new AuditLogSettings(file, 0, 5), CLOCK, System.err)) {
      sink.record(EVENT);
      sink.record(new AuditEvent("list_dags", "caller:abc", "RateLimitError", 0, 1, 250));
    }
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0))
        .isEqualTo(
            "{\"time\":\"2025-06-01T12:00:00.123Z\",\"tool\":\"get_dag\",\"caller\":"
                + "\"token:3f9a0c1b2d4e\",\"outcome\":\"ok\",\"airflow_calls\":2,\"duration_ms\":42,"
                + "\"result_chars\":1830}");
    JsonNode second = JSON.readTree(lines.get(1));
    assertThat(second.get("outcome").asString()).isEqualTo("RateLimitError");
  }

  @Test
  void standardErrorGetsTheSameLines() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (JsonLinesAuditSink sink =
        JsonLinesAuditSink.open(
            new AuditLogSettings(null, 0, 1),
            CLOCK,
            new PrintStream(err, true, StandardCharsets.UTF_8))) {
      sink.record(EVENT);
    }
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("{\"time\":").endsWith("}\n");
  }

  @Test
  void theFileRotatesBySizeAndKeepsOnlyTheNewestFiles(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("audit.log");
    try (JsonLinesAuditSink sink =
        JsonLinesAuditSink.open(new AuditLogSettings(file, 4096, 2), CLOCK, System.err)) {
      for (int i = 0; i < 200; i++) {
        sink.record(new AuditEvent("get_dag", "token:" + i, "ok", 1, i, i));
      }
    }
    assertThat(Files.size(file)).isLessThanOrEqualTo(4096);
    assertThat(Files.size(JsonLinesAuditSink.sibling(file, 1))).isLessThanOrEqualTo(4096);
    assertThat(JsonLinesAuditSink.sibling(file, 2)).exists();
    assertThat(JsonLinesAuditSink.sibling(file, 3)).doesNotExist();
    // The newest event is in the live file; files hold whole lines only.
    List<String> live = Files.readAllLines(file);
    assertThat(live.get(live.size() - 1)).contains("\"caller\":\"token:199\"");
    for (Path p : List.of(file, JsonLinesAuditSink.sibling(file, 1))) {
      for (String line : Files.readAllLines(p)) {
        assertThat(JSON.readTree(line).get("tool").asString()).isEqualTo("get_dag");
      }
    }
  }

  @Test
  void concurrentCallsNeverInterleaveLines(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("audit.log");
    try (JsonLinesAuditSink sink =
        JsonLinesAuditSink.open(new AuditLogSettings(file, 0, 1), CLOCK, System.err)) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      for (int i = 0; i < 2000; i++) {
        pool.execute(() -> sink.record(EVENT));
      }
      pool.shutdown();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(2000);
    assertThat(new ArrayList<>(lines))
        .allSatisfy(l -> assertThat(JSON.readTree(l).size()).isEqualTo(7));
  }

  @Test
  void sinksAreCombinedAndOneFailingSinkDoesNotStopTheOthers() {
    List<AuditEvent> seen = new ArrayList<>();
    AuditSink broken =
        e -> {
          throw new IllegalStateException("boom");
        };
    AuditSinks.all(broken, null, AuditSink.NONE, seen::add).record(EVENT);
    assertThat(seen).containsExactly(EVENT);
    assertThat(AuditSinks.all(AuditSink.NONE, null)).isSameAs(AuditSink.NONE);
  }

  @Test
  void sizesAreParsed() {
    assertThat(AuditLogSettings.parseSize("100M")).isEqualTo(100L * 1024 * 1024);
    assertThat(AuditLogSettings.parseSize("1g")).isEqualTo(1024L * 1024 * 1024);
    assertThat(AuditLogSettings.parseSize("512KB")).isEqualTo(512L * 1024);
    assertThat(AuditLogSettings.parseSize("0")).isZero();
    assertThat(AuditLogSettings.parseSize("8192")).isEqualTo(8192);
    for (String bad : List.of("", "-1", "ten", "100T", "10", "99999999999999G")) {
      assertThatThrownBy(() -> AuditLogSettings.parseSize(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
