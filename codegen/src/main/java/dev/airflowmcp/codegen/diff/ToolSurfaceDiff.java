package dev.airflowmcp.codegen.diff;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.airflowmcp.codegen.emit.JsonWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compares the {@code tools/list} of two builds (their {@code META-INF/airflow-mcp/tools.json}
 * manifests): tools added and removed, and for each tool in both, what an agent sees differently
 * (title, description, annotations, arguments added, removed or changed).
 */
public final class ToolSurfaceDiff {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ToolSurfaceDiff() {}

  /**
   * The differences between two tools manifests.
   *
   * @param oldLabel how the report names the old manifest
   * @param newLabel how the report names the new manifest
   * @param added tools only in the new manifest, in its order
   * @param removed tools only in the old manifest, in its order
   * @param changed tools in both that differ, in the new manifest's order
   * @param oldTokens estimated tokens of the old {@code tools/list} (characters / 4)
   * @param newTokens estimated tokens of the new {@code tools/list}
   */
  public record Report(
      String oldLabel,
      String newLabel,
      List<String> added,
      List<String> removed,
      List<ToolChange> changed,
      int oldTokens,
      int newTokens) {
    public Report {
      Objects.requireNonNull(oldLabel, "oldLabel");
      Objects.requireNonNull(newLabel, "newLabel");
      added = List.copyOf(added);
      removed = List.copyOf(removed);
      changed = List.copyOf(changed);
    }

    /** Whether the two manifests offer the same tools with the same schemas. */
    public boolean isEmpty() {
      return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }
  }

  /**
   * What changed in one tool.
   *
   * @param tool the tool name
   * @param changes one sentence per change, in a stable order
   */
  public record ToolChange(String tool, List<String> changes) {
    public ToolChange {
      Objects.requireNonNull(tool, "tool");
      changes = List.copyOf(changes);
    }
  }

  /** Estimated tokens of a text: characters / 4, rounded up (a common rule of thumb). */
  public static int estimateTokens(String text) {
    return (text.length() + 3) / 4;
  }

  /**
   * Estimated tokens of a tools manifest as clients receive it: its compact JSON (the manifest file
   * is indented for review, which would count its white space about 1.5 times over).
   *
   * @throws IllegalArgumentException when the text is not JSON
   */
  public static int manifestTokens(String manifestJson) {
    return estimateTokens(compact(manifestJson));
  }

  /** The manifest's JSON without white space between tokens. */
  public static String compact(String manifestJson) {
    try {
      return JSON.readTree(manifestJson).toString();
    } catch (JacksonException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
    }
  }

  /**
   * Compares two manifests.
   *
   * @throws IllegalArgumentException when either is not a tools manifest ({@code {"tools": [...]}}
   *     with a name per tool)
   */
  public static Report compare(String oldLabel, String oldJson, String newLabel, String newJson) {
    Map<String, JsonNode> before = tools(oldLabel, oldJson);
    Map<String, JsonNode> after = tools(newLabel, newJson);
    List<String> added = new ArrayList<>();
    List<ToolChange> changed = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : after.entrySet()) {
      JsonNode old = before.get(e.getKey());
      if (old == null) {
        added.add(e.getKey());
        continue;
      }
      List<String> changes = toolChanges(old, e.getValue());
      if (!changes.isEmpty()) {
        changed.add(new ToolChange(e.getKey(), changes));
      }
    }
    List<String> removed = new ArrayList<>();
    for (String name : before.keySet()) {
      if (!after.containsKey(name)) {
        removed.add(name);
      }
    }
    return new Report(
        oldLabel,
        newLabel,
        added,
        removed,
        changed,
        manifestTokens(oldJson),
        manifestTokens(newJson));
  }

  private static Map<String, JsonNode> tools(String label, String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(label + " is not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.path("tools").isArray()) {
      throw new IllegalArgumentException(
          label + " is not a tools manifest: expected {\"tools\": [...]}");
    }
    Map<String, JsonNode> tools = new LinkedHashMap<>();
    for (JsonNode tool : root.get("tools")) {
      JsonNode name = tool.get("name");
      if (name == null || !name.isTextual()) {
        throw new IllegalArgumentException(label + " has a tool without a name");
      }
      tools.put(name.asText(), tool);
    }
    return tools;
  }

  private static List<String> toolChanges(JsonNode old, JsonNode now) {
    List<String> changes = new ArrayList<>();
    if (!Objects.equals(old.get("title"), now.get("title"))) {
      changes.add("title: " + text(old.get("title")) + " → " + text(now.get("title")));
    }
    if (!Objects.equals(old.get("description"), now.get("description"))) {
      changes.add("description changed");
    }
    if (!Objects.equals(old.get("annotations"), now.get("annotations"))) {
      changes.add(
          "annotations: " + text(old.get("annotations")) + " → " + text(now.get("annotations")));
    }
    JsonNode oldSchema = old.path("inputSchema");
    JsonNode newSchema = now.path("inputSchema");
    JsonNode oldProps = oldSchema.path("properties");
    JsonNode newProps = newSchema.path("properties");
    Set<String> oldRequired = names(oldSchema.path("required"));
    Set<String> newRequired = names(newSchema.path("required"));
    for (String arg : fieldNames(newProps)) {
      if (!oldProps.has(arg)) {
        changes.add(
            "argument "
                + arg
                + " added ("
                + text(newProps.get(arg).get("type"))
                + (newRequired.contains(arg) ? ", required" : "")
                + ")");
      }
    }
    for (String arg : fieldNames(oldProps)) {
      if (!newProps.has(arg)) {
        changes.add("argument " + arg + " removed");
        continue;
      }
      JsonNode a = oldProps.get(arg);
      JsonNode b = newProps.get(arg);
      Set<String> keys = new LinkedHashSet<>(fieldNames(a));
      keys.addAll(fieldNames(b));
      for (String key : keys) {
        if (Objects.equals(a.get(key), b.get(key))) {
          continue;
        }
        changes.add(
            "description".equals(key)
                ? "argument " + arg + ": description changed"
                : "argument "
                    + arg
                    + ": "
                    + key
                    + " "
                    + text(a.get(key))
                    + " → "
                    + text(b.get(key)));
      }
      if (oldRequired.contains(arg) != newRequired.contains(arg)) {
        changes.add(
            "argument "
                + arg
                + (newRequired.contains(arg) ? ": now required" : ": no longer required"));
      }
    }
    return changes;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  private static Set<String> names(JsonNode array) {
    Set<String> names = new LinkedHashSet<>();
    for (JsonNode n : array) {
      names.add(n.asText());
    }
    return names;
  }

  private static String text(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "(none)";
    }
    return node.isTextual() ? node.asText() : node.toString();
  }

  /** The report as Markdown, for a release pull request. */
  public static String markdown(Report r) {
    StringBuilder out = new StringBuilder();
    out.append("# tools/list changes: ")
        .append(r.oldLabel())
        .append(" → ")
        .append(r.newLabel())
        .append("\n\n");
    out.append("Estimated size: ")
        .append(r.oldTokens())
        .append(" → ")
        .append(r.newTokens())
        .append(" tokens (characters / 4).\n\n");
    if (r.isEmpty()) {
      return out.append("Agents see the same tools.\n").toString();
    }
    out.append("## Added tools\n\n").append(list(r.added())).append('\n');
    out.append("## Removed tools\n\n").append(list(r.removed())).append('\n');
    out.append("## Changed tools\n\n");
    if (r.changed().isEmpty()) {
      out.append("None.\n");
    }
    for (ToolChange c : r.changed()) {
      out.append("- `").append(c.tool()).append("`\n");
      for (String change : c.changes()) {
        out.append("  - ").append(change).append('\n');
      }
    }
    return out.toString();
  }

  private static String list(List<String> names) {
    return names.isEmpty() ? "None.\n" : "`" + String.join("`, `", names) + "`\n";
  }

  /** The report as JSON. */
  public static String json(Report r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("old", r.oldLabel());
    m.put("new", r.newLabel());
    m.put("oldTokens", r.oldTokens());
    m.put("newTokens", r.newTokens());
    m.put("added", new ArrayList<Object>(r.added()));
    m.put("removed", new ArrayList<Object>(r.removed()));
    List<Object> changed = new ArrayList<>();
    for (ToolChange c : r.changed()) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("tool", c.tool());
      t.put("changes", new ArrayList<Object>(c.changes()));
      changed.add(t);
    }
    m.put("changed", changed);
    return JsonWriter.write(m);
  }
}
