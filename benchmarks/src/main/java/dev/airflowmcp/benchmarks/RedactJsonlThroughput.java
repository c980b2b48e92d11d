package dev.airflowmcp.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Steady-state throughput of {@code java -jar airflow-mcp-server.jar redact --jsonl} on a
 * secret-dense corpus, as a user measures it: the corpus is fed once and 101 times to a fresh
 * process each, and the difference of the wall times, divided by 100, is the time of one pass
 * without start-up and warm-up. Prints characters of {@code text} per second.
 *
 * <p>The corpus ({@link #corpus}) is generated here from a fixed seed: Airflow 2 and 3 log lines,
 * env dumps, config files, connection JSON, SQL and shell commands, Kubernetes secrets, webhook
 * URLs, each carrying one or more fake secrets of some 40 formats (every line has at least one),
 * and one line in ten with a registered value.
 *
 * <pre>
 * ./mvnw -B -DskipTests package -pl generated-example,benchmarks -am
 * java -cp benchmarks/target/benchmarks.jar dev.airflowmcp.benchmarks.RedactJsonlThroughput \
 *     [--jar generated-example/target/airflow-mcp-server.jar] [--repeat 101] [--runs 3]
 * java -cp benchmarks/target/benchmarks.jar dev.airflowmcp.benchmarks.RedactJsonlThroughput \
 *     --in-thread [--passes 50]
 * java -cp benchmarks/target/benchmarks.jar dev.airflowmcp.benchmarks.RedactJsonlThroughput \
 *     --compare BEFORE_CLASSES AFTER_CLASSES [--passes 60]
 * </pre>
 *
 * <p>{@code --in-thread} runs {@code RedactCli.run(--jsonl)} in this JVM on the corpus ×10, {@code
 * passes} times, and prints the characters per second of the calling thread's CPU time for the
 * passes after the first 20 (warm): the redactor's steady state without the JIT's and the
 * collector's threads, which a loaded shared machine makes dominate the process figure.
 *
 * <p>{@code --compare A B} does the same for two builds of the runtime in one JVM, each loaded by
 * its own class loader from a classes directory or jar ({@code A}, {@code B}) put before this jar:
 * passes alternate between them (which goes first alternates too), so a change in the machine's
 * load falls on both alike. It prints both medians and the median of the per-pair ratios of CPU
 * time, the figure a busy machine disturbs least.
 */
public final class RedactJsonlThroughput {
  private RedactJsonlThroughput() {}

  public static void main(String[] args) throws Exception {
    String jar = "generated-example/target/airflow-mcp-server.jar";
    int repeat = 101;
    int runs = 3;
    List<String> jvm = new ArrayList<>();
    boolean inThread = false;
    String[] compare = null;
    int passes = 50;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--in-thread" -> inThread = true;
        case "--compare" -> {
          compare = new String[] {args[++i], args[++i]};
          if (passes == 50) {
            passes = 60;
          }
        }
        case "--passes" -> passes = Integer.parseInt(args[++i]);
        case "--jar" -> jar = args[++i];
        case "--repeat" -> repeat = Integer.parseInt(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--jvm-arg" -> jvm.add(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    StringBuilder chars = new StringBuilder();
    String once = corpus(new Random(20261207), chars);
    long textChars = Long.parseLong(chars.toString());
    if (inThread) {
      inThread(once, textChars, passes);
      return;
    }
    if (compare != null) {
      compare(compare, once, textChars, passes);
      return;
    }
    Path one = Files.createTempFile("redact-jsonl-1-", ".jsonl");
    Path many = Files.createTempFile("redact-jsonl-n-", ".jsonl");
    try {
      Files.writeString(one, once, StandardCharsets.UTF_8);
      try (OutputStream out = Files.newOutputStream(many)) {
        byte[] b = once.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < repeat; i++) {
          out.write(b);
        }
      }
      System.out.printf(
          "corpus: %d lines, %d characters of text (%d bytes of JSON lines)%n",
          once.split("\n").length, textChars, once.getBytes(StandardCharsets.UTF_8).length);
      for (int r = 0; r < runs; r++) {
        double[] t1 = time(jar, jvm, one);
        double[] tn = time(jar, jvm, many);
        double perPass = (tn[0] - t1[0]) / (repeat - 1);
        System.out.printf(
            "run %d: wall 1x %.3f s, %dx %.3f s -> %.1f M characters/s steady state",
            r + 1, t1[0], repeat, tn[0], textChars / perPass / 1e6);
        if (t1[1] >= 0 && tn[1] >= 0) {
          double cpuPerPass = (tn[1] - t1[1]) / (repeat - 1);
          System.out.printf(
              "; CPU (user+sys, all threads) 1x %.3f s, %dx %.3f s -> %.1f M"
                  + " characters per CPU second",
              t1[1], repeat, tn[1], textChars / cpuPerPass / 1e6);
        }
        System.out.println();
      }
    } finally {
      Files.deleteIfExists(one);
      Files.deleteIfExists(many);
    }
  }

  /** {@code RedactCli.run(--jsonl)} in this thread; prints CPU-time throughput of warm passes. */
  static void inThread(String once, long textChars, int passes) {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    byte[] ten = once.repeat(10).getBytes(StandardCharsets.UTF_8);
    List<Double> rates = new ArrayList<>();
    for (int p = 0; p < passes; p++) {
      long t0 = mx.getCurrentThreadCpuTime();
      int code =
          dev.airflowmcp.runtime.redaction.RedactCli.run(
              new String[] {"--jsonl"},
              java.util.Map.of(),
              new java.io.ByteArrayInputStream(ten),
              OutputStream.nullOutputStream(),
              System.err);
      double cpu = (mx.getCurrentThreadCpuTime() - t0) / 1e9;
      if (code != 0) {
        throw new IllegalStateException("redact --jsonl exited with " + code);
      }
      if (p >= Math.min(20, passes / 2)) {
        rates.add(10 * textChars / cpu / 1e6);
      }
    }
    java.util.Collections.sort(rates);
    System.out.printf(
        java.util.Locale.ROOT,
        "in thread, %d warm passes of the corpus x10: median %.1f, best %.1f, worst %.1f"
            + " M characters per CPU second%n",
        rates.size(),
        rates.get(rates.size() / 2),
        rates.get(rates.size() - 1),
        rates.get(0));
  }

  /** {@code RedactCli.run(--jsonl)} of two builds, alternating; see the class comment. */
  static void compare(String[] builds, String once, long textChars, int passes) throws Exception {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    byte[] ten = once.repeat(10).getBytes(StandardCharsets.UTF_8);
    java.net.URL self =
        RedactJsonlThroughput.class.getProtectionDomain().getCodeSource().getLocation();
    java.lang.reflect.Method[] run = new java.lang.reflect.Method[2];
    for (int k = 0; k < 2; k++) {
      ClassLoader loader =
          new java.net.URLClassLoader(
              new java.net.URL[] {Path.of(builds[k]).toUri().toURL(), self},
              ClassLoader.getPlatformClassLoader());
      run[k] =
          loader
              .loadClass("dev.airflowmcp.runtime.redaction.RedactCli")
              .getMethod(
                  "run",
                  String[].class,
                  java.util.Map.class,
                  InputStream.class,
                  OutputStream.class,
                  java.io.PrintStream.class);
    }
    java.io.PrintStream quiet = new java.io.PrintStream(OutputStream.nullOutputStream());
    List<Double> rateA = new ArrayList<>();
    List<Double> rateB = new ArrayList<>();
    List<Double> ratio = new ArrayList<>();
    for (int p = 0; p < passes; p++) {
      double[] cpu = new double[2];
      for (int q = 0; q < 2; q++) {
        int k = (p + q) % 2;
        long t0 = mx.getCurrentThreadCpuTime();
        Object code =
            run[k].invoke(
                null,
                new String[] {"--jsonl"},
                java.util.Map.of(),
                new java.io.ByteArrayInputStream(ten),
                OutputStream.nullOutputStream(),
                quiet);
        cpu[k] = (mx.getCurrentThreadCpuTime() - t0) / 1e9;
        if (!Integer.valueOf(0).equals(code)) {
          throw new IllegalStateException("redact --jsonl exited with " + code);
        }
      }
      if (p >= passes / 3) {
        rateA.add(10 * textChars / cpu[0] / 1e6);
        rateB.add(10 * textChars / cpu[1] / 1e6);
        ratio.add(cpu[0] / cpu[1]);
      }
    }
    java.util.Collections.sort(rateA);
    java.util.Collections.sort(rateB);
    java.util.Collections.sort(ratio);
    int n = ratio.size();
    System.out.printf(
        java.util.Locale.ROOT,
        "%d warm pairs of passes of the corpus x10: A median %.1f, B median %.1f M characters per"
            + " CPU second; B's speed / A's, median of pairs %.3f (quartiles %.3f-%.3f)%n",
        n,
        rateA.get(n / 2),
        rateB.get(n / 2),
        ratio.get(n / 2),
        ratio.get(n / 4),
        ratio.get(3 * n / 4));
  }

  /**
   * Wall time and CPU time (user + system of the process, -1 when {@code /usr/bin/time} is missing)
   * of one {@code redact --jsonl} process reading {@code input}.
   */
  static double[] time(String jar, List<String> jvm, Path input)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    Path times = null;
    if (Files.isExecutable(Path.of("/usr/bin/time"))) {
      times = Files.createTempFile("redact-time-", ".txt");
      cmd.addAll(List.of("/usr/bin/time", "-f", "%U %S", "-o", times.toString()));
    }
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvm);
    cmd.add("-jar");
    cmd.add(jar);
    cmd.add("redact");
    cmd.add("--jsonl");
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectInput(input.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    long start = System.nanoTime();
    Process p = pb.start();
    long lines = 0;
    try (InputStream in = p.getInputStream()) {
      byte[] buf = new byte[1 << 16];
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        for (int i = 0; i < n; i++) {
          if (buf[i] == '\n') {
            lines++;
          }
        }
      }
    }
    int code = p.waitFor();
    double seconds = (System.nanoTime() - start) / 1e9;
    if (code != 0 || lines == 0) {
      throw new IOException("redact --jsonl exited with " + code + " after " + lines + " lines");
    }
    double cpu = -1;
    if (times != null) {
      String[] us = Files.readString(times).trim().split("\\s+");
      cpu = Double.parseDouble(us[us.length - 2]) + Double.parseDouble(us[us.length - 1]);
      Files.deleteIfExists(times);
    }
    return new double[] {seconds, cpu};
  }

  private static final String AN = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String HEX = "0123456789abcdef";
  private static final String PUNCT = "!#%^&*()[]{}=:,";

  /**
   * The secret-dense corpus, one JSON request per line; {@code chars} receives the number of
   * characters of {@code text} in it.
   */
  static String corpus(Random r, StringBuilder chars) {
    StringBuilder out = new StringBuilder();
    long total = 0;
    int id = 0;
    for (int round = 0; round < 40; round++) {
      for (String t : templates(r)) {
        String registered = "";
        if (id % 10 == 0) {
          String v = pick(r, AN, 18);
          t = t + " (and the registered value " + v + ")";
          registered = ", \"registered\": [\"" + v + "\"]";
        }
        total += t.length();
        out.append("{\"id\": ")
            .append(id++)
            .append(", \"text\": ")
            .append(json(t))
            .append(registered)
            .append("}\n");
      }
    }
    chars.append(total);
    return out.toString();
  }

  private static List<String> templates(Random r) {
    String ts2 = "[2025-03-04, 10:11:12 UTC] {base.py:84} INFO - ";
    String pw = pick(r, AN, 10) + PUNCT.charAt(r.nextInt(PUNCT.length())) + pick(r, AN, 5);
    List<String> t = new ArrayList<>();
    t.add(
        ts2
            + "Using AWS key AKIA"
            + pick(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)
            + " secret "
            + pick(r, AN + "/+", 40));
    t.add(
        "{\"timestamp\": \"2025-03-04T10:11:12.123456Z\", \"level\": \"info\", \"event\":"
            + " \"Connecting to postgresql://etl:"
            + pick(r, AN, 16)
            + "@db.internal:5432/etl\","
            + " \"logger\": \"airflow.task\"}");
    t.add("DB_HOST=db.internal\nDB_PASSWORD=" + pw + "\nDB_PORT=5432");
    t.add("[database]\nhost = db\npassword = " + pw + "\nuser = etl");
    t.add(
        ts2
            + "Connecting with dsn: host=db port=5432 dbname=etl user=etl password="
            + pw
            + " sslmode=require");
    t.add(
        "Driver={ODBC Driver 18 for SQL Server};Server=tcp:sql,1433;Uid=etl;Pwd="
            + pw
            + ";Encrypt=yes;");
    t.add(ts2 + "Running statement: CREATE USER etl WITH PASSWORD '" + pw + "';, parameters: None");
    t.add("+ echo '" + pw + "' | docker login registry.example.com -u ci --password-stdin");
    t.add(
        "{\"conn_type\": \"http\", \"host\": \"api.example.com\", \"extra\": \"{\\\"api_token\\\": \\\""
            + pick(r, AN, 32)
            + "\\\", \\\"timeout\\\": 30}\"}");
    t.add(
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: etl\ndata:\n  password: "
            + java.util.Base64.getEncoder().encodeToString(pw.getBytes(StandardCharsets.UTF_8))
            + "\n");
    t.add(
        ts2
            + "Posting to https://hooks.slack.com/services/T"
            + pick(r, "ABCDEFGHJK0123456789", 10)
            + "/B"
            + pick(r, "ABCDEFGHJK0123456789", 10)
            + "/"
            + pick(r, AN, 24));
    t.add(
        "{\"key\": \"partner_feed_ref\", \"value\": \""
            + pick(r, AN, 28)
            + "\", \"description\": null}");
    t.add("export GITHUB_TOKEN=ghp_" + pick(r, AN, 36));
    t.add(
        ts2
            + "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9."
            + pick(r, AN, 40)
            + "."
            + pick(r, AN, 43));
    t.add("curl -u admin:" + pick(r, AN, 14) + " https://nexus.internal/service/rest/v1/status");
    t.add(
        "stripe key sk_live_"
            + pick(r, AN, 24)
            + " and slack xoxb-"
            + pick(r, "0123456789", 12)
            + "-"
            + pick(r, AN, 24));
    t.add("| key | val |\n| partner_ref | " + pick(r, AN, 24) + " |");
    t.add(
        "-----BEGIN RSA PRIVATE KEY-----\n"
            + pick(r, AN + "+/", 64)
            + "\n"
            + pick(r, AN + "+/", 64)
            + "\n-----END RSA PRIVATE KEY-----");
    t.add(
        ts2
            + "Loaded AIRFLOW_CONN_ETL="
            + java.util.Base64.getEncoder()
                .encodeToString(
                    ("mysql://etl:" + pick(r, AN, 12) + "@db:3306/etl")
                        .getBytes(StandardCharsets.UTF_8)));
    t.add(
        "sha "
            + pick(r, HEX, 40)
            + " run manual__2025-03-04T10:11:12+00:00 api key AIza"
            + pick(r, AN, 35));
    return t;
  }

  private static String pick(Random r, String alphabet, int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  private static String json(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        default -> b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
