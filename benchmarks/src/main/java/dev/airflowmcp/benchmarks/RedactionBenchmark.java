package dev.airflowmcp.benchmarks;

import dev.airflowmcp.runtime.redaction.AirflowRedactor;
import dev.airflowmcp.runtime.redaction.SecretRegistry;
import dev.airflowmcp.runtime.redaction.SensitiveKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Redaction throughput on realistic Airflow task log text (see {@link AirflowLogText}), on one
 * thread. Each operation redacts {@value #SIZE} characters (1 MiB of ASCII text), so the score in
 * ops/s is the throughput in MiB/s (<b>MB/s = ops/s × 1.048576</b>). Two shapes: the whole log as
 * one string (how {@code get_task_logs} content arrives) and line by line (how {@code get_log_tail}
 * and the {@code redact} CLI see it). {@code secretEvery} sets how often a line carries a secret
 * (0: never); {@code registered} how many values are registered.
 *
 * <pre>
 * ./mvnw -B -DskipTests package -pl benchmarks -am
 * taskset -c 1 java -jar benchmarks/target/benchmarks.jar RedactionBenchmark -f 1
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class RedactionBenchmark {
  static final int SIZE = 1 << 20;

  @Param({"0", "200"})
  public int secretEvery;

  @Param({"0", "1000"})
  public int registered;

  private AirflowRedactor redactor;
  private String text;
  private String[] lines;

  @Setup(Level.Trial)
  public void setUp() {
    text = AirflowLogText.generate(SIZE, secretEvery, 42);
    text = text.substring(0, SIZE);
    lines = text.split("\n");
    SecretRegistry registry = new SecretRegistry();
    List<String> values = new ArrayList<>();
    for (int i = 0; i < registered; i++) {
      values.add("registered-Secret-" + Integer.toHexString(0x5f3759df * (i + 1)));
    }
    registry.addConfigured(values);
    redactor = new AirflowRedactor(new SensitiveKeys(List.of()), registry);
  }

  @Benchmark
  public String wholeLog() {
    return redactor.redactTextOnce(text);
  }

  @Benchmark
  public void lineByLine(Blackhole bh) {
    for (String line : lines) {
      bh.consume(redactor.redactTextOnce(line));
    }
  }
}
