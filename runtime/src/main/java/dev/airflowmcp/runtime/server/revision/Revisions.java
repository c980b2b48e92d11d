package dev.airflowmcp.runtime.server.revision;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/** The protocol revisions the server speaks, and which generation answers a message. */
public final class Revisions {
  private Revisions() {}

  /** The session-less revision, served by {@link ModernServer}. */
  public static final String MODERN = "2026-07-28";

  /** The revisions negotiated with {@code initialize}, newest first. */
  public static final List<String> LEGACY =
      List.of("2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05");

  /** The {@code _meta} key of a 2026-era request that names its protocol version. */
  public static final String META_PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";

  static final String HEADER_PROTOCOL_VERSION = "MCP-Protocol-Version";

  private static final Set<String> LEGACY_SET = Set.copyOf(LEGACY);

  /** Which generation of the protocol answers a message. */
  public enum Generation {
    /** 2025-era: {@code initialize} first, then requests on that session. */
    LEGACY,
    /** 2026-07-28: per-request {@code _meta}, no handshake. */
    MODERN
  }

  /**
   * Decides who answers one JSON-RPC message.
   *
   * @param message the parsed message (a JSON object as a map; anything else is 2025-era, which
   *     answers malformed input as it always has)
   * @param header the value of an HTTP header by name, or null; on stdio always null
   */
  public static Generation classify(Object message, UnaryOperator<String> header) {
    if (!(message instanceof Map<?, ?> m)) {
      return Generation.LEGACY;
    }
    boolean claim = claimsVersion(m.get("params"));
    String headerVersion = header.apply(HEADER_PROTOCOL_VERSION);
    boolean headerModern = headerVersion != null && !LEGACY_SET.contains(headerVersion.trim());
    if ("initialize".equals(m.get("method")) && !claim && !headerModern) {
      return Generation.LEGACY;
    }
    if (claim || headerModern) {
      return Generation.MODERN;
    }
    return Generation.LEGACY;
  }

  /** Whether a request's params carry {@code _meta["io.modelcontextprotocol/protocolVersion"]}. */
  static boolean claimsVersion(Object params) {
    return params instanceof Map<?, ?> p
        && p.get("_meta") instanceof Map<?, ?> meta
        && meta.containsKey(META_PROTOCOL_VERSION);
  }
}
