package dev.airflowmcp.codegen.coverage;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.airflowmcp.codegen.diff.ToolSurfaceDiff;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The size budget of {@code tools/list}: every tool's name, description and schema is sent to the
 * model, so a tool set that grows without limit costs every conversation. Sizes are estimated as
 * characters / 4 of the tools manifest (the exact {@code tools/list} content) in compact JSON, as
 * clients receive it.
 */
public final class ToolsListBudget {

  /**
   * The default budget: room above the curated read-only tools (about 5,720 tokens) and the curated
   * tools with the write tools (about 6,580) for a vendor's additions.
   */
  public static final int DEFAULT_MAX_TOKENS = 10_000;

  private static final ObjectMapper JSON = new ObjectMapper();

  private ToolsListBudget() {}

  /**
   * A tool's share of the manifest.
   *
   * @param name the tool name
   * @param tokens its estimated tokens
   */
  public record ToolSize(String name, int tokens) {}

  /** The estimated tokens of a manifest. */
  public static int tokens(String manifestJson) {
    return ToolSurfaceDiff.manifestTokens(manifestJson);
  }

  /** Every tool's estimated size, largest first. */
  public static List<ToolSize> largest(String manifestJson) {
    List<ToolSize> sizes = new ArrayList<>();
    try {
      for (JsonNode tool : JSON.readTree(manifestJson).path("tools")) {
        sizes.add(
            new ToolSize(
                tool.path("name").asText(), ToolSurfaceDiff.estimateTokens(tool.toString())));
      }
    } catch (JacksonException e) {
      throw new IllegalArgumentException("not a tools manifest: " + e.getOriginalMessage());
    }
    sizes.sort(Comparator.comparingInt(ToolSize::tokens).reversed().thenComparing(ToolSize::name));
    return sizes;
  }

  /**
   * Checks a manifest against a budget.
   *
   * @return {@code null} when within budget, else a message naming the size, the budget and the
   *     five largest tools
   */
  public static String check(String manifestJson, int maxTokens) {
    int tokens = tokens(manifestJson);
    if (tokens <= maxTokens) {
      return null;
    }
    List<String> top = new ArrayList<>();
    List<ToolSize> sizes = largest(manifestJson);
    for (ToolSize s : sizes.subList(0, Math.min(5, sizes.size()))) {
      top.add(s.name() + " (" + s.tokens() + ")");
    }
    return "tools/list is about "
        + tokens
        + " tokens ("
        + ToolSurfaceDiff.compact(manifestJson).length()
        + " characters / 4), over the budget of "
        + maxTokens
        + " (maxToolsListTokens)."
        + " Largest tools: "
        + String.join(", ", top)
        + ". Remove or shorten tools (an overlay can), or raise maxToolsListTokens.";
  }
}
