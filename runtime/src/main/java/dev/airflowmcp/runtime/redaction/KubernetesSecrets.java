package dev.airflowmcp.runtime.redaction;

/**
 * Kubernetes {@code Secret} manifests in YAML: every value under {@code data:} (base64) and {@code
 * stringData:} is a secret whatever its key, so each is masked by structure, without decoding.
 * (JSON manifests are handled by {@link JsonText}.) Only texts that say {@code kind: Secret} are
 * looked at; one pass over their lines.
 */
final class KubernetesSecrets {
  private KubernetesSecrets() {}

  static void find(String text, Spans spans) {
    int kind = text.indexOf("kind: Secret");
    if (kind < 0) {
      return;
    }
    int n = text.length();
    int blockIndent = -1;
    int i = 0;
    while (i < n) {
      int nl = text.indexOf('\n', i);
      int end = nl < 0 ? n : nl;
      int indent = 0;
      while (i + indent < end && text.charAt(i + indent) == ' ') {
        indent++;
      }
      int ls = i + indent;
      if (ls < end) {
        if (blockIndent >= 0 && indent > blockIndent) {
          value(text, ls, end, spans);
        } else {
          blockIndent = -1;
          if (text.startsWith("data:", ls) || text.startsWith("stringData:", ls)) {
            int colon = ls + (text.startsWith("data:", ls) ? 4 : 10);
            if (onlySpaces(text, colon + 1, end)) {
              blockIndent = indent;
            }
          }
        }
      }
      i = end + 1;
    }
  }

  private static void value(String text, int ls, int end, Spans spans) {
    int colon = -1;
    for (int i = ls; i + 1 < end; i++) {
      if (text.charAt(i) == ':' && text.charAt(i + 1) == ' ') {
        colon = i;
        break;
      }
    }
    if (colon < 0) {
      return;
    }
    int vs = colon + 2;
    while (vs < end && text.charAt(vs) == ' ') {
      vs++;
    }
    int ve = end;
    while (ve > vs && Character.isWhitespace(text.charAt(ve - 1))) {
      ve--;
    }
    if (ve - vs >= 2
        && (text.charAt(vs) == '"' || text.charAt(vs) == '\'')
        && text.charAt(ve - 1) == text.charAt(vs)) {
      vs++;
      ve--;
    }
    if (ve > vs && !Masks.isPlaceholder(text.substring(vs, ve))) {
      spans.add(vs, ve);
    }
  }

  private static boolean onlySpaces(String text, int from, int end) {
    for (int i = from; i < end; i++) {
      if (!Character.isWhitespace(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
