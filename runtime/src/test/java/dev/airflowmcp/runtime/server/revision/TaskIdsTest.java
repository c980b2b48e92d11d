package dev.airflowmcp.runtime.server.revision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airflowmcp.runtime.tool.TaskTool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sealed task ids: they open only for their caller, under their key, until they expire. */
class TaskIdsTest {
  private static final Instant CREATED = Instant.parse("2026-07-28T10:00:00Z");
  private static final TaskIds.Sealed TASK =
      new TaskIds.Sealed(
          "trigger_dag_and_wait",
          new TaskTool.Task(
              List.of("etl_daily", "manual__2026-07-28T10:00:00+00:00"),
              CREATED,
              CREATED.plusSeconds(600)),
          Duration.ofSeconds(5));

  private final TaskIds ids = TaskIds.random();

  @Test
  void anIdOpensForItsCallerWithEverythingItWasSealedWith() {
    String id = ids.seal(TASK, "caller:abc");
    TaskIds.Opened opened = ids.open(id, "caller:abc", CREATED.plusSeconds(1));
    assertThat(opened).isEqualTo(new TaskIds.Found(TASK));
  }

  @Test
  void theIdDoesNotShowWhatItHolds() {
    String id = ids.seal(TASK, "caller:abc");
    String decoded =
        new String(Base64.getUrlDecoder().decode(id.substring(3)), StandardCharsets.ISO_8859_1);
    assertThat(id + decoded).doesNotContain("etl_daily").doesNotContain("manual__");
    // Two seals of the same task differ (a fresh nonce each time).
    assertThat(ids.seal(TASK, "caller:abc")).isNotEqualTo(id);
  }

  @Test
  void anotherCallersIdIsUnknown() {
    String id = ids.seal(TASK, "caller:abc");
    assertThat(ids.open(id, "caller:abd", CREATED)).isInstanceOf(TaskIds.Unknown.class);
    assertThat(ids.open(id, null, CREATED)).isInstanceOf(TaskIds.Unknown.class);
  }

  @Test
  void anIdOfAnotherKeyIsUnknown() {
    String id = TaskIds.random().seal(TASK, "caller:abc");
    assertThat(ids.open(id, "caller:abc", CREATED)).isInstanceOf(TaskIds.Unknown.class);
  }

  @Test
  void everyAlteredCharacterMakesTheIdUnknown() {
    String id = ids.seal(TASK, "caller:abc");
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      String forged = id.substring(0, i) + (c == 'A' ? 'B' : 'A') + id.substring(i + 1);
      assertThat(ids.open(forged, "caller:abc", CREATED))
          .as("altered at %d", i)
          .isInstanceOf(TaskIds.Unknown.class);
    }
  }

  @Test
  void malformedIdsAreUnknown() {
    for (String bad :
        List.of(
            "", "t1.", "t1.!!!", "t2.AAAA", "786512e2-9e0d-44bd-8f29-789f320fe840", "t1.AAAA")) {
      assertThat(ids.open(bad, "caller:abc", CREATED)).as(bad).isInstanceOf(TaskIds.Unknown.class);
    }
    assertThat(ids.open(null, "caller:abc", CREATED)).isInstanceOf(TaskIds.Unknown.class);
  }

  @Test
  void anIdExpiresOneRetentionAfterItsDeadline() {
    String id = ids.seal(TASK, "caller:abc");
    Instant lastMoment = TASK.task().deadline().plus(TaskIds.RETENTION);
    assertThat(ids.open(id, "caller:abc", lastMoment)).isInstanceOf(TaskIds.Found.class);
    assertThat(ids.open(id, "caller:abc", lastMoment.plusMillis(1)))
        .isInstanceOf(TaskIds.Expired.class);
    // Expiry is only told to the caller the id belongs to.
    assertThat(ids.open(id, "caller:zzz", lastMoment.plusMillis(1)))
        .isInstanceOf(TaskIds.Unknown.class);
  }

  @Test
  void replicasGivenTheSameSecretFileOpenEachOthersIds(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("key"), "a-shared-secret-of-at-least-32-bytes!\n");
    TaskIds one = TaskIds.fromFile(file);
    TaskIds other = TaskIds.fromFile(file);
    String id = one.seal(TASK, "caller:abc");
    assertThat(other.open(id, "caller:abc", CREATED)).isEqualTo(new TaskIds.Found(TASK));
    assertThat(other.open(id, "caller:abd", CREATED)).isInstanceOf(TaskIds.Unknown.class);
    // Another secret, or none (a key per process), does not open it.
    Path another =
        Files.writeString(dir.resolve("other"), "another-shared-secret-of-32-bytes-at-least");
    assertThat(TaskIds.fromFile(another).open(id, "caller:abc", CREATED))
        .isInstanceOf(TaskIds.Unknown.class);
    assertThat(TaskIds.fromFile(null).open(id, "caller:abc", CREATED))
        .isInstanceOf(TaskIds.Unknown.class);
  }

  @Test
  void aShortSecretIsRefusedWithoutBeingRepeated(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("key"), "  hunter2-but-only-31-bytes-long \n");
    assertThatThrownBy(() -> TaskIds.fromFile(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes")
        .hasMessageNotContaining("hunter2");
  }
}
