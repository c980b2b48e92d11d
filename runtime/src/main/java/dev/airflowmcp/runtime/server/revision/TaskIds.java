package dev.airflowmcp.runtime.server.revision;

import dev.airflowmcp.runtime.tool.TaskTool;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Task ids that are the task: the tool, what identifies its work (for {@code trigger_dag_and_wait}
 * the DAG id and run id), the creation time, the deadline and the poll interval, sealed with
 * AES-256-GCM under a server key, with the caller's principal as associated data. Nothing about a
 * task is kept on the server.
 *
 * <p>Sealing authenticates like an HMAC and also hides the contents from whoever sees the id on its
 * way (the {@code Mcp-Name} header, proxies' logs). An id opens only with the same key and for the
 * same caller: a changed byte, another caller's id, or an id sealed by a server with another key
 * all fail the same way, as an unknown task. An id that opens but is past its deadline plus {@link
 * #RETENTION} is expired.
 *
 * <p>The key is made per process ({@link #random()}), so ids survive neither a restart nor a move
 * to another replica, unless the operator gives every replica the same secret ({@code
 * --tasks-key-file}, {@link #fromFile}).
 */
public final class TaskIds {
  /** How long a task can still be read after its deadline. */
  public static final Duration RETENTION = Duration.ofHours(1);

  private static final String PREFIX = "t1.";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final byte[] CONTEXT = "airflow-mcp task id v1\0".getBytes(StandardCharsets.UTF_8);

  /**
   * The random source and the mapper, made when a task is first sealed or opened: a server that
   * never does so (most stdio sessions) does not pay for them at start.
   */
  private static final class Shared {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final SecureRandom RANDOM = new SecureRandom();
  }

  /** The key, or null until first use for a key made for this process ({@link #random()}). */
  private volatile SecretKeySpec key;

  /**
   * @param key 32 bytes
   */
  public TaskIds(byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException("a task key has 32 bytes");
    }
    this.key = new SecretKeySpec(key.clone(), "AES");
  }

  /** The shortest shared secret accepted, in bytes. */
  public static final int MIN_SECRET_BYTES = 32;

  /**
   * Ids under the secret in {@code file} (whitespace around it ignored; the key is its SHA-256), or
   * under a key made for this process when {@code file} is null. Replicas given the same secret
   * open each other's ids.
   *
   * @throws IllegalArgumentException when the secret is shorter than {@value #MIN_SECRET_BYTES}
   *     bytes (the message never repeats it)
   * @throws java.io.IOException when the file cannot be read
   */
  public static TaskIds fromFile(java.nio.file.Path file) throws java.io.IOException {
    if (file == null) {
      return random();
    }
    String secret = java.nio.file.Files.readString(file, StandardCharsets.UTF_8).strip();
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    if (bytes.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "holds "
              + (bytes.length == 0 ? "nothing" : "fewer than " + MIN_SECRET_BYTES + " bytes")
              + "; put a random secret of at least "
              + MIN_SECRET_BYTES
              + " bytes in it (for"
              + " example the output of openssl rand -base64 32), the same on every replica");
    }
    try {
      java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
      sha.update(CONTEXT);
      return new TaskIds(sha.digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private TaskIds() {}

  /** Ids under a key made for this process (when the first id is sealed or opened). */
  public static TaskIds random() {
    return new TaskIds();
  }

  private SecretKeySpec key() {
    SecretKeySpec k = key;
    if (k == null) {
      synchronized (this) {
        k = key;
        if (k == null) {
          byte[] bytes = new byte[32];
          Shared.RANDOM.nextBytes(bytes);
          k = new SecretKeySpec(bytes, "AES");
          key = k;
        }
      }
    }
    return k;
  }

  /**
   * A sealed task.
   *
   * @param tool the tool's name
   * @param task what the tool's poll needs
   * @param pollInterval the poll interval to suggest
   */
  public record Sealed(String tool, TaskTool.Task task, Duration pollInterval) {
    public Sealed {
      Objects.requireNonNull(tool, "tool");
      Objects.requireNonNull(task, "task");
      Objects.requireNonNull(pollInterval, "pollInterval");
    }

    /** When the task can no longer be read. */
    public Instant expiresAt() {
      return task.deadline().plus(RETENTION);
    }
  }

  /** What opening an id found. */
  public sealed interface Opened permits Found, Unknown, Expired {}

  /** A task of this caller. */
  public record Found(Sealed task) implements Opened {}

  /** Not an id of this server's key for this caller (malformed, altered, another caller's). */
  public record Unknown() implements Opened {}

  /** This caller's task, past its retention. */
  public record Expired() implements Opened {}

  /** Seals a task for {@code principal}. */
  public String seal(Sealed task, String principal) {
    Map<String, Object> plain = new LinkedHashMap<>();
    plain.put("tool", task.tool());
    plain.put("ref", task.task().ref());
    plain.put("created", task.task().createdAt().toEpochMilli());
    plain.put("deadline", task.task().deadline().toEpochMilli());
    plain.put("poll", task.pollInterval().toMillis());
    byte[] nonce = new byte[NONCE_BYTES];
    Shared.RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, principal);
      byte[] sealed = cipher.doFinal(Shared.JSON.writeValueAsBytes(plain));
      byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
      return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is missing from this JVM", e);
    }
  }

  /** Opens an id for {@code principal} at {@code now}; never throws for a bad id. */
  public Opened open(String id, String principal, Instant now) {
    if (id == null || principal == null || !id.startsWith(PREFIX)) {
      return new Unknown();
    }
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(id.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      return new Unknown();
    }
    // Only the one spelling this server writes: no second id for the same bytes (unused trailing
    // bits of the last character altered).
    if (raw.length < NONCE_BYTES + TAG_BITS / 8
        || !Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(raw)
            .equals(id.substring(PREFIX.length()))) {
      return new Unknown();
    }
    byte[] plain;
    try {
      Cipher cipher =
          cipher(Cipher.DECRYPT_MODE, java.util.Arrays.copyOf(raw, NONCE_BYTES), principal);
      plain = cipher.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES);
    } catch (GeneralSecurityException e) {
      return new Unknown();
    }
    Sealed task;
    try {
      JsonNode n = Shared.JSON.readTree(plain);
      List<String> ref = new ArrayList<>();
      n.path("ref").forEach(r -> ref.add(r.asString()));
      task =
          new Sealed(
              n.path("tool").asString(),
              new TaskTool.Task(
                  ref,
                  Instant.ofEpochMilli(n.path("created").asLong()),
                  Instant.ofEpochMilli(n.path("deadline").asLong())),
              Duration.ofMillis(n.path("poll").asLong()));
    } catch (RuntimeException e) {
      // Only this server seals with this key, so this is not expected (Jackson fails here too);
      // treat it as unknown.
      return new Unknown();
    }
    return now.isAfter(task.expiresAt()) ? new Expired() : new Found(task);
  }

  private Cipher cipher(int mode, byte[] nonce, String principal) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, key(), new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(CONTEXT);
    cipher.updateAAD(principal.getBytes(StandardCharsets.UTF_8));
    return cipher;
  }
}
