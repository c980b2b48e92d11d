package dev.airflowmcp.runtime.redaction;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an operator adds to redaction: secret values to mask wherever they appear (as Airflow's
 * {@code mask_secret}) and extra sensitive key names (as Airflow's {@code [core]
 * sensitive_var_conn_names}).
 *
 * <p>Sources, all added together: {@code --redact-value VALUE} (repeatable), {@code
 * --redact-values-file PATH} or {@code AIRFLOW_MCP_REDACT_VALUES_FILE} (one value per line), {@code
 * AIRFLOW_MCP_REDACT_VALUES} (comma-separated); {@code --sensitive-key NAME} (repeatable), {@code
 * AIRFLOW_MCP_SENSITIVE_KEYS} and Airflow's own {@code AIRFLOW__CORE__SENSITIVE_VAR_CONN_NAMES}
 * (comma-separated).
 *
 * <p>Values an operator knows are harmless: {@code --keep-value VALUE} (repeatable) and {@code
 * AIRFLOW_MCP_KEEP_VALUES} (comma-separated). The detectors leave them alone wherever they find
 * them; Airflow's sensitive-key rule and registered values still mask them.
 *
 * @param values secret values (never printed)
 * @param sensitiveKeys extra key names
 * @param keepValues values the detectors must not mask
 */
public record RedactionSettings(
    List<String> values, List<String> sensitiveKeys, List<String> keepValues) {

  public static final RedactionSettings NONE =
      new RedactionSettings(List.of(), List.of(), List.of());

  public static final String ENV_KEEP_VALUES = "AIRFLOW_MCP_KEEP_VALUES";

  public RedactionSettings(List<String> values, List<String> sensitiveKeys) {
    this(values, sensitiveKeys, List.of());
  }

  public static final String ENV_VALUES = "AIRFLOW_MCP_REDACT_VALUES";
  public static final String ENV_VALUES_FILE = "AIRFLOW_MCP_REDACT_VALUES_FILE";
  public static final String ENV_KEYS = "AIRFLOW_MCP_SENSITIVE_KEYS";
  public static final String ENV_AIRFLOW_KEYS = "AIRFLOW__CORE__SENSITIVE_VAR_CONN_NAMES";

  public RedactionSettings {
    values = List.copyOf(values);
    sensitiveKeys = List.copyOf(sensitiveKeys);
    keepValues = List.copyOf(keepValues);
  }

  @Override
  public String toString() {
    return "RedactionSettings[values="
        + values.size()
        + " registered, sensitiveKeys="
        + sensitiveKeys
        + ", keepValues="
        + keepValues.size()
        + "]";
  }

  /** Collects flag values and reads the environment while flags are parsed. */
  public static final class Builder {
    private final List<String> values = new ArrayList<>();
    private final List<String> keys = new ArrayList<>();
    private final List<String> files = new ArrayList<>();
    private final List<String> keep = new ArrayList<>();

    /** Handles {@code flag value} when it is a redaction flag; false otherwise. */
    public boolean accept(String flag, String value) {
      switch (flag) {
        case "--redact-value" -> values.add(value);
        case "--redact-values-file" -> files.add(value);
        case "--sensitive-key" -> keys.addAll(splitCommas(value, true));
        case "--keep-value" -> keep.add(value);
        default -> {
          return false;
        }
      }
      return true;
    }

    /** Whether {@code flag} is one this builder takes (each takes a value). */
    public static boolean isFlag(String flag) {
      return flag.equals("--redact-value")
          || flag.equals("--redact-values-file")
          || flag.equals("--sensitive-key")
          || flag.equals("--keep-value");
    }

    /**
     * The settings from the flags seen plus the environment.
     *
     * @throws IOException naming the file that cannot be read (never its content)
     */
    public RedactionSettings build(Map<String, String> env) throws IOException {
      List<String> allValues = new ArrayList<>(values);
      String fromEnv = env.get(ENV_VALUES);
      if (fromEnv != null && !fromEnv.isEmpty()) {
        allValues.addAll(splitCommas(fromEnv, false));
      }
      List<String> allFiles = new ArrayList<>(files);
      String fileEnv = env.get(ENV_VALUES_FILE);
      if (fileEnv != null && !fileEnv.isEmpty() && files.isEmpty()) {
        allFiles.add(fileEnv);
      }
      for (String f : allFiles) {
        allValues.addAll(readValues(Path.of(f)));
      }
      List<String> allKeys = new ArrayList<>(keys);
      for (String name : List.of(ENV_KEYS, ENV_AIRFLOW_KEYS)) {
        String v = env.get(name);
        if (v != null && !v.isEmpty()) {
          allKeys.addAll(splitCommas(v, true));
        }
      }
      List<String> allKeep = new ArrayList<>(keep);
      String keepEnv = env.get(ENV_KEEP_VALUES);
      if (keepEnv != null && !keepEnv.isEmpty()) {
        allKeep.addAll(splitCommas(keepEnv, false));
      }
      return new RedactionSettings(allValues, allKeys, allKeep);
    }
  }

  /** One value per line; empty lines are skipped, a trailing {@code \r} is dropped. */
  static List<String> readValues(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("redaction values file not found: " + file);
    }
    List<String> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String v = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        if (!v.isEmpty()) {
          out.add(v);
        }
      }
    } catch (IOException e) {
      throw new IOException("cannot read the redaction values file " + file, e);
    }
    return out;
  }

  /** Comma-separated parts; names are stripped of spaces, values are kept as they are. */
  private static List<String> splitCommas(String s, boolean strip) {
    List<String> out = new ArrayList<>();
    for (String part : s.split(",")) {
      String t = strip ? part.strip() : part;
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }
}
