package dev.airflowmcp.runtime.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The results of the early {@code initialize} and {@code tools/list} answers ({@link EarlyAnswers})
 * as JSON text, kept in a file next to the launcher's class-data-sharing archive so that a later
 * start writes them without the SDK's schema records and Jackson's introspection of them.
 *
 * <p>Never trusted blindly: the file carries the key it was written for (what the answers depend
 * on: the class path's files, the tools, the hidden names, the server's name, version and
 * capabilities) and a checksum of its content; a file that is missing, truncated, corrupted, of
 * another format or written for another key reads as nothing, and the answers are computed fresh.
 * It is written to a private temporary file and moved into place atomically, so two servers that
 * start at once each write a whole file and a reader sees one whole file or the other.
 */
final class EarlyAnswerStore {
  private static final byte[] MAGIC =
      "AIRFLOW-MCP-EARLY-ANSWERS/1\n".getBytes(StandardCharsets.UTF_8);

  /** Far above any real tools/list; a length above it is corruption. */
  private static final int MAX_BYTES = 64 << 20;

  /**
   * What is stored.
   *
   * @param initialize the {@code initialize} result for each protocol version the SDK negotiates
   *     ({@link EarlyAnswers#SDK_PROTOCOL_VERSIONS}, in that order)
   * @param toolsList the {@code tools/list} result
   * @param seen the opening's two requests as the start that stored them read them, each with its
   *     whole answer line and its id's key ({@link #SEEN} strings; empty when none): the same
   *     request line again (the same client) gets the same line without being read at all
   */
  record Results(List<String> initialize, String toolsList, List<String> seen) {
    Results {
      initialize = List.copyOf(initialize);
      seen = List.copyOf(seen);
      if (seen.size() != SEEN) {
        throw new IllegalArgumentException("seen: " + seen.size());
      }
    }

    Results(List<String> initialize, String toolsList) {
      this(initialize, toolsList, java.util.Collections.nCopies(SEEN, ""));
    }
  }

  /** Request line, answer line, id key; for initialize, then tools/list. */
  static final int SEEN = 6;

  private EarlyAnswerStore() {}

  /**
   * How old a temporary file of a store must be before {@link #sweep} removes it: a write takes
   * milliseconds, so one this old was left by a server killed while writing, not one still at work.
   */
  static final long STALE_TEMPORARY_MILLIS = 60L * 60 * 1000;

  /**
   * The store's file for a key: {@code base}'s name with a hash of the key before its extension
   * ({@code X.answers} becomes {@code X.1a2b3c4d.answers}). Two configurations whose answers differ
   * (other hidden tools, structured output on or off) with the same jar and launcher mode thus keep
   * one file each instead of rewriting one file in turn. The hash only picks the file: the full key
   * inside it is still checked ({@link #read}), so two keys with one hash share a file as before.
   */
  static Path named(Path base, String key) {
    CRC32C crc = new CRC32C();
    crc.update(key.getBytes(StandardCharsets.UTF_8));
    String hex = Long.toHexString(0x1_0000_0000L | crc.getValue()).substring(1);
    String name = base.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String named =
        dot > 0 ? name.substring(0, dot) + "." + hex + name.substring(dot) : name + "." + hex;
    return base.resolveSibling(named);
  }

  /**
   * Removes the temporary files of stores ({@code *.answers.*.tmp}, as {@link #write} names them)
   * in {@code file}'s directory that were last modified more than {@code maxAgeMillis} before
   * {@code nowMillis}: what servers killed while writing a store left behind. Younger ones are kept
   * whatever their name, since another start may be writing one right now. Links and anything but
   * regular files are left alone; a failure only leaves files behind.
   *
   * @return how many were removed
   */
  static int sweep(Path file, long nowMillis, long maxAgeMillis) {
    Path dir = file.toAbsolutePath().getParent();
    int removed = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path p : files) {
        String name = p.getFileName().toString();
        if (!name.endsWith(".tmp") || !name.contains(".answers.")) {
          continue;
        }
        try {
          BasicFileAttributes a =
              Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
          if (a.isRegularFile() && nowMillis - a.lastModifiedTime().toMillis() > maxAgeMillis) {
            Files.deleteIfExists(p);
            removed++;
          }
        } catch (IOException | RuntimeException e) {
          // Gone meanwhile, or not ours to remove: leave it.
        }
      }
    } catch (IOException | RuntimeException e) {
      // No directory to sweep.
    }
    return removed;
  }

  /** The results stored in {@code file} for {@code key}, or null on any doubt. */
  static Results read(Path file, String key) {
    byte[] bytes;
    try {
      // Only a regular file, not followed through a link (a FIFO would block the start, a device
      // would never end), and never more than MAX_BYTES even if the file grows while it is read.
      if (!Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
          .isRegularFile()) {
        return null;
      }
      try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
        bytes = in.readNBytes(MAX_BYTES + 1);
      }
      if (bytes.length > MAX_BYTES) {
        return null;
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return decode(bytes, key);
  }

  static Results decode(byte[] bytes, String key) {
    try {
      ByteBuffer in = ByteBuffer.wrap(bytes);
      for (byte b : MAGIC) {
        if (in.get() != b) {
          return null;
        }
      }
      int crc = in.getInt();
      int length = in.getInt();
      if (length != in.remaining()) {
        return null;
      }
      CRC32C check = new CRC32C();
      check.update(bytes, in.position(), length);
      if ((int) check.getValue() != crc) {
        return null;
      }
      int count = in.getInt();
      int versions = EarlyAnswers.SDK_PROTOCOL_VERSIONS.size();
      if (count != 1 + versions + 1 + SEEN) {
        return null;
      }
      List<String> texts = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
          return null;
        }
        texts.add(new String(bytes, in.position(), n, StandardCharsets.UTF_8));
        in.position(in.position() + n);
      }
      if (in.hasRemaining() || !texts.get(0).equals(key)) {
        return null;
      }
      return new Results(
          texts.subList(1, 1 + versions),
          texts.get(1 + versions),
          texts.subList(2 + versions, count));
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      return null;
    }
  }

  static byte[] encode(String key, Results results) {
    List<String> texts = new ArrayList<>();
    texts.add(key);
    texts.addAll(results.initialize());
    texts.add(results.toolsList());
    texts.addAll(results.seen());
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    writeInt(body, texts.size());
    for (String t : texts) {
      byte[] b = t.getBytes(StandardCharsets.UTF_8);
      writeInt(body, b.length);
      body.writeBytes(b);
    }
    byte[] content = body.toByteArray();
    CRC32C crc = new CRC32C();
    crc.update(content);
    ByteArrayOutputStream out = new ByteArrayOutputStream(MAGIC.length + 8 + content.length);
    out.writeBytes(MAGIC);
    writeInt(out, (int) crc.getValue());
    writeInt(out, content.length);
    out.writeBytes(content);
    return out.toByteArray();
  }

  /**
   * Writes the results for {@code key}: a private temporary file in the same directory, moved into
   * place atomically (replacing what was there).
   *
   * @throws IOException when it cannot be written (the caller goes on without a store)
   */
  static void write(Path file, String key, Results results) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, file.getFileName().toString() + ".", ".tmp");
    try {
      Files.write(tmp, encode(key, results));
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        // No atomic rename here: leave no store rather than one a reader could see half-written.
        throw new IOException("atomic move not supported", e);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void writeInt(ByteArrayOutputStream out, int v) {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }
}
