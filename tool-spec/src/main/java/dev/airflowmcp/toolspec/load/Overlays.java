package dev.airflowmcp.toolspec.load;

import dev.airflowmcp.toolspec.PromptDef;
import dev.airflowmcp.toolspec.ResourceDef;
import dev.airflowmcp.toolspec.ToolDef;
import dev.airflowmcp.toolspec.ToolSpec;
import dev.airflowmcp.toolspec.diag.DidYouMean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies an overlay to the spec it extends: a tool of the overlay with the name of a base tool
 * replaces it in place, others are added at the end; {@code remove:} drops base tools; resources
 * and prompts merge the same way by URI and name, rate-limit classes by name; the overlay's
 * server, when it declares one, wins.
 */
final class Overlays {
  private Overlays() {}

  static ToolSpec merge(
      ToolSpec base, ToolSpec overlay, SpecReader.Overlay info, Reporter reporter) {
    Map<String, ToolDef> tools = new LinkedHashMap<>();
    for (ToolDef t : base.tools()) {
      tools.put(t.name(), t);
    }
    for (SpecReader.Removal r : info.removed()) {
      if (tools.remove(r.name()) == null) {
        reporter.error(
            r.at(),
            SpecCodes.UNKNOWN_TOOL,
            "remove names '" + r.name() + "', which the extended spec does not have",
            DidYouMean.hint(r.name(), tools.keySet()));
      }
    }
    for (ToolDef t : overlay.tools()) {
      tools.put(t.name(), t); // in place when replacing, at the end when new
    }
    Map<String, ResourceDef> resources = new LinkedHashMap<>();
    for (ResourceDef r : base.resources()) {
      resources.put(r.uri(), r);
    }
    for (ResourceDef r : overlay.resources()) {
      resources.put(r.uri(), r);
    }
    Map<String, PromptDef> prompts = new LinkedHashMap<>();
    for (PromptDef p : base.prompts()) {
      prompts.put(p.name(), p);
    }
    for (PromptDef p : overlay.prompts()) {
      prompts.put(p.name(), p);
    }
    Map<String, dev.airflowmcp.toolspec.RateLimitDef> rateLimits =
        new LinkedHashMap<>(base.rateLimits());
    rateLimits.putAll(overlay.rateLimits());
    return new ToolSpec(
        overlay.location(),
        overlay.version(),
        info.hasServer() ? overlay.server() : base.server(),
        new ArrayList<>(tools.values()),
        new ArrayList<>(resources.values()),
        List.copyOf(prompts.values()),
        rateLimits);
  }
}
