package dev.airflowmcp.runtime.auth;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/** Where tokens and keys may come from: {@code https}, or plain {@code http} on loopback only. */
public final class SecureUrls {
  private SecureUrls() {}

  /**
   * Whether {@code host} is {@code localhost} or a literal loopback address (127.0.0.0/8, ::1).
   * Other names are never looked up, so this costs no DNS query and cannot be fooled by one.
   */
  public static boolean isLoopbackHost(String host) {
    if (host == null) {
      return false;
    }
    String h = host.strip().toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.equals("localhost")) {
      return true;
    }
    if (!h.matches("[0-9.]{1,15}|[0-9a-f.]{0,39}:[0-9a-f:.]{0,39}")) {
      return false;
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** An absolute {@code https} URL, or {@code http} with a loopback host. */
  public static boolean isHttpsOrLoopback(URI uri) {
    if (uri == null || !uri.isAbsolute() || uri.getHost() == null || uri.getScheme() == null) {
      return false;
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    return scheme.equals("https") || (scheme.equals("http") && isLoopbackHost(uri.getHost()));
  }
}
