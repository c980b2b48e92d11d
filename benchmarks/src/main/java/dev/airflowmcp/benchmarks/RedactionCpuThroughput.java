package dev.airflowmcp.benchmarks;

import dev.airflowmcp.runtime.redaction.AirflowRedactor;
import dev.airflowmcp.runtime.redaction.SecretRegistry;
import dev.airflowmcp.runtime.redaction.SensitiveKeys;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The same workloads as {@link RedactionBenchmark}, measured in MB per second of the measuring
 * thread's CPU time rather than wall-clock time: on a shared or busy machine wall-clock numbers
 * mostly measure the other processes. Run:
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.airflowmcp.benchmarks.RedactionCpuThroughput
 * </pre>
 */
public final class RedactionCpuThroughput {
  private RedactionCpuThroughput() {}

  public static void main(String[] args) {
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    int size = 1 << 22;
    for (int secretEvery : new int[] {0, 200}) {
      for (int registered : new int[] {0, 1000}) {
        String text = AirflowLogText.generate(size, secretEvery, 42).substring(0, size);
        String[] lines = text.split("\n");
        SecretRegistry registry = new SecretRegistry();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < registered; i++) {
          values.add("registered-Secret-" + Integer.toHexString(0x5f3759df * (i + 1)));
        }
        registry.addConfigured(values);
        AirflowRedactor r = new AirflowRedactor(new SensitiveKeys(List.of()), registry);
        for (int w = 0; w < 8; w++) {
          r.redactTextOnce(text);
          for (String l : lines) {
            r.redactTextOnce(l);
          }
        }
        long t0 = cpu.getCurrentThreadCpuTime();
        int rounds = 10;
        for (int i = 0; i < rounds; i++) {
          r.redactTextOnce(text);
        }
        double whole = rounds * (double) size / 1e6 / ((cpu.getCurrentThreadCpuTime() - t0) / 1e9);
        t0 = cpu.getCurrentThreadCpuTime();
        for (int i = 0; i < rounds; i++) {
          for (String l : lines) {
            r.redactTextOnce(l);
          }
        }
        double byLine = rounds * (double) size / 1e6 / ((cpu.getCurrentThreadCpuTime() - t0) / 1e9);
        System.out.printf(
            Locale.ROOT,
            "secretEvery=%-4d registered=%-5d wholeLog %6.1f MB/s   lineByLine %6.1f MB/s (CPU time)%n",
            secretEvery,
            registered,
            whole,
            byLine);
      }
    }
  }
}
