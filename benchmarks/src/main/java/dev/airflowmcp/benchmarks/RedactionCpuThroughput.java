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
 * taskset -c 1 java -cp benchmarks/target/benchmarks.jar \
 *     dev.airflowmcp.benchmarks.RedactionCpuThroughput --compare BEFORE_CLASSES AFTER_CLASSES
 * </pre>
 *
 * <p>{@code --compare A B} runs the harmless log line by line (no secrets, no registered values)
 * through two builds of the runtime in one JVM, each loaded by its own class loader from a classes
 * directory or jar put before this jar, alternating passes (and which goes first), so that a change
 * in the machine's load falls on both alike; it prints both medians and the median of the per-pair
 * ratios of CPU time.
 */
public final class RedactionCpuThroughput {
  private RedactionCpuThroughput() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 3 && args[0].equals("--compare")) {
      compare(args[1], args[2]);
      return;
    }
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

  /** The harmless log line by line through two builds, alternating; see the class comment. */
  static void compare(String before, String after) throws Exception {
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    int size = 1 << 22;
    String text = AirflowLogText.generate(size, 0, 42).substring(0, size);
    String[] lines = text.split("\n");
    java.net.URL self =
        RedactionCpuThroughput.class.getProtectionDomain().getCodeSource().getLocation();
    Object[] redactors = new Object[2];
    java.lang.reflect.Method[] once = new java.lang.reflect.Method[2];
    String[] builds = {before, after};
    for (int k = 0; k < 2; k++) {
      ClassLoader loader =
          new java.net.URLClassLoader(
              new java.net.URL[] {java.nio.file.Path.of(builds[k]).toUri().toURL(), self},
              ClassLoader.getPlatformClassLoader());
      Class<?> keys = loader.loadClass("dev.airflowmcp.runtime.redaction.SensitiveKeys");
      Class<?> registry = loader.loadClass("dev.airflowmcp.runtime.redaction.SecretRegistry");
      Class<?> redactor = loader.loadClass("dev.airflowmcp.runtime.redaction.AirflowRedactor");
      redactors[k] =
          redactor
              .getConstructor(keys, registry)
              .newInstance(
                  keys.getConstructor(java.util.Collection.class).newInstance(List.of()),
                  registry.getConstructor().newInstance());
      once[k] = redactor.getMethod("redactTextOnce", String.class);
    }
    List<Double> rateA = new ArrayList<>();
    List<Double> rateB = new ArrayList<>();
    List<Double> ratio = new ArrayList<>();
    int passes = 60;
    for (int p = 0; p < passes; p++) {
      double[] seconds = new double[2];
      for (int q = 0; q < 2; q++) {
        int k = (p + q) % 2;
        long t0 = cpu.getCurrentThreadCpuTime();
        for (String l : lines) {
          once[k].invoke(redactors[k], l);
        }
        seconds[k] = (cpu.getCurrentThreadCpuTime() - t0) / 1e9;
      }
      if (p >= passes / 3) {
        rateA.add(size / 1e6 / seconds[0]);
        rateB.add(size / 1e6 / seconds[1]);
        ratio.add(seconds[0] / seconds[1]);
      }
    }
    java.util.Collections.sort(rateA);
    java.util.Collections.sort(rateB);
    java.util.Collections.sort(ratio);
    int n = ratio.size();
    System.out.printf(
        Locale.ROOT,
        "harmless log line by line, %d warm pairs: A median %.1f, B median %.1f MB/s of CPU time;"
            + " B's speed / A's, median of pairs %.3f (quartiles %.3f-%.3f)%n",
        n,
        rateA.get(n / 2),
        rateB.get(n / 2),
        ratio.get(n / 2),
        ratio.get(n / 4),
        ratio.get(3 * n / 4));
  }
}
