package dev.airflowmcp.runtime.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SpansTest {

  /** The question {@link Spans#covers} answers, asked of every range added and not dropped. */
  private static boolean coveredByOne(List<int[]> ranges, int start, int end) {
    for (int[] r : ranges) {
      if (r[0] <= start && end <= r[1]) {
        return true;
      }
    }
    return false;
  }

  @Test
  void coversAnswersAsAScanOfEveryRangeWhileRangesAreAddedAndDropped() {
    Random rnd = new Random(26);
    for (int round = 0; round < 200; round++) {
      Spans spans = new Spans();
      List<int[]> added = new ArrayList<>();
      int asked = 0;
      for (int step = 0; step < 400; step++) {
        int op = rnd.nextInt(20);
        if (op < 8) {
          int s = rnd.nextInt(1000);
          int e = s + 1 + rnd.nextInt(40);
          spans.add(s, e);
          added.add(new int[] {s, e});
        } else if (op == 8) {
          int cut = rnd.nextInt(1000);
          spans.dropIf((s, e, family) -> s < cut && cut < e);
          added.removeIf(r -> r[0] < cut && cut < r[1]);
        } else {
          int s = rnd.nextInt(1040);
          int e = s + rnd.nextInt(30);
          assertThat(spans.covers(s, e))
              .as("round %d step %d: [%d, %d)", round, step, s, e)
              .isEqualTo(coveredByOne(added, s, e));
          asked++;
        }
      }
      assertThat(asked).isPositive();
    }
  }

  @Test
  @Timeout(30) // generous: about 0.1 s; a scan of every range per question took minutes
  void coversStaysFastWhenAReaderAsksOnceForEachRangeItAdds() {
    // The shape that made a reader quadratic: one question per value, then one more range.
    Spans spans = new Spans();
    int n = 200_000;
    int covered = 0;
    for (int i = 0; i < n; i++) {
      if (spans.covers(i * 10, i * 10 + 5)) {
        covered++;
      }
      spans.add(i * 10 + 1, i * 10 + 6);
    }
    assertThat(covered).isZero();
    assertThat(spans.covers(10 * (n - 1) + 2, 10 * (n - 1) + 6)).isTrue();
  }
}
