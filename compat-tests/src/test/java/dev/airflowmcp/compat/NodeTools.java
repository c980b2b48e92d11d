package dev.airflowmcp.compat;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The third-party npm tools the compat tests drive (MCP Inspector, the MCP conformance suite,
 * Prism), installed by {@code scripts/install-test-tools.sh} into {@code .tools/node_modules} with
 * their own Node 24. A test calls {@link #require} first: without the tools it is skipped, unless
 * {@code -Dcompat.requireTools=true} (set by {@code .ci/run}) makes their absence a failure.
 */
final class NodeTools {
  private NodeTools() {}

  /**
   * {@code .tools/node_modules}: system property {@code tools.dir}, else relative to the module.
   */
  static Path modules() {
    String configured = System.getProperty("tools.dir");
    Path dir =
        configured == null || configured.isBlank() ? Path.of("../.tools") : Path.of(configured);
    return dir.resolve("node_modules").toAbsolutePath().normalize();
  }

  /** The installed command {@code name} ({@code node_modules/.bin/<name>}). */
  static Path bin(String name) {
    return modules().resolve(".bin").resolve(name);
  }

  /**
   * Skips the calling test (or fails it when the tools are required) unless these are installed.
   */
  static void require(String... names) {
    List<String> missing = new ArrayList<>();
    for (String name : names) {
      if (!Files.isExecutable(bin(name))) {
        missing.add(name);
      }
    }
    requireNothingMissing(missing);
  }

  /**
   * As {@link #require}, for packages without a command ({@code node_modules/<name>} must exist),
   * e.g. libraries the scripts of {@link #scripts} import.
   */
  static void requirePackages(String... names) {
    List<String> missing = new ArrayList<>();
    for (String name : names) {
      if (!Files.isDirectory(modules().resolve(name))) {
        missing.add(name);
      }
    }
    requireNothingMissing(missing);
  }

  /** Skips (or fails, when the tools are required) if {@code missing} or Node is not installed. */
  private static void requireNothingMissing(List<String> missing) {
    if (!Files.isExecutable(bin("node"))) {
      missing.add("node");
    }
    if (missing.isEmpty()) {
      return;
    }
    String message =
        "not installed in " + modules() + ": " + missing + " (run scripts/install-test-tools.sh)";
    if (Boolean.getBoolean("compat.requireTools")) {
      fail(message);
    }
    assumeTrue(false, message);
  }

  /**
   * A fresh temporary directory holding copies of these scripts from {@code src/test/node} and a
   * {@code node_modules} link to the installed tools, so that their imports resolve there. Run them
   * with {@link #run} or {@link #start} as tool {@code node} with the script's path first.
   */
  static Path scripts(String... names) {
    try {
      Path dir = Files.createTempDirectory("node-scripts-");
      for (String name : names) {
        Files.copy(Path.of("src/test/node", name), dir.resolve(name));
      }
      Files.createSymbolicLink(dir.resolve("node_modules"), modules());
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes a directory made by {@link #scripts} (the link, not what it points to). */
  static void deleteScripts(Path dir) {
    deleteTree(dir);
  }

  /**
   * The outcome of one tool run.
   *
   * @param exitCode the process exit code
   * @param stdout everything written to stdout
   * @param stderr everything written to stderr
   */
  record Result(int exitCode, String stdout, String stderr) {
    /** For assertion messages. */
    String describe() {
      return "exit "
          + exitCode
          + "\nstdout:\n"
          + abbreviate(stdout)
          + "\nstderr:\n"
          + abbreviate(stderr);
    }

    private static String abbreviate(String s) {
      return s.length() <= 4000 ? s : s.substring(0, 4000) + "… (" + s.length() + " chars)";
    }
  }

  /**
   * Runs {@code node_modules/.bin/<tool> args} with the installed Node first on {@code PATH} and
   * {@code HOME} set to a fresh temporary directory (so no user configuration is read or written),
   * and waits for it to end.
   *
   * @param extraEnv further environment variables
   * @param limit killed after this long (then the test fails)
   */
  static Result run(String tool, List<String> args, Map<String, String> extraEnv, Duration limit) {
    Path home;
    Path out;
    Path err;
    try {
      home = Files.createTempDirectory("node-tool-home-");
      out = Files.createTempFile("node-tool-", ".out");
      err = Files.createTempFile("node-tool-", ".err");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> command = new ArrayList<>();
    command.add(bin(tool).toString());
    command.addAll(args);
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    Map<String, String> env = pb.environment();
    env.put(
        "PATH",
        bin("node").getParent() + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("HOME", home.toString());
    env.put("NO_COLOR", "1");
    env.put("SCARF_ANALYTICS", "false");
    env.put("DO_NOT_TRACK", "1");
    env.putAll(extraEnv);
    try {
      Process p = pb.redirectInput(ProcessBuilder.Redirect.PIPE).start();
      p.getOutputStream().close();
      if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
        fail(
            tool
                + " "
                + args
                + " did not end within "
                + limit.toSeconds()
                + " s; stderr:\n"
                + Files.readString(err, StandardCharsets.UTF_8));
      }
      return new Result(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + tool, e);
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
      deleteTree(home);
    }
  }

  /**
   * Starts {@code node_modules/.bin/<tool> args} in the background with the installed Node first on
   * {@code PATH}; stdout and stderr go to {@code log}. The caller ends the process.
   */
  static Process start(String tool, List<String> args, Path log) {
    List<String> command = new ArrayList<>();
    command.add(bin(tool).toString());
    command.addAll(args);
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment()
        .put(
            "PATH",
            bin("node").getParent() + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    pb.environment().put("NO_COLOR", "1");
    pb.environment().put("FORCE_COLOR", "0");
    try {
      return pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  /** Ends a process started by {@link #start} and its children. */
  static void stop(Process p) {
    p.descendants().forEach(ProcessHandle::destroy);
    p.destroy();
    try {
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // A temporary file; leaving it behind is harmless.
    }
  }

  private static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(NodeTools::deleteQuietly);
    } catch (IOException e) {
      // A temporary directory; leaving it behind is harmless.
    }
  }
}
