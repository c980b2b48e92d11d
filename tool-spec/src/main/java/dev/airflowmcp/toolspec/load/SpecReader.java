package dev.airflowmcp.toolspec.load;

import dev.airflowmcp.common.AirflowMajor;
import dev.airflowmcp.toolspec.Annotations;
import dev.airflowmcp.toolspec.Binding;
import dev.airflowmcp.toolspec.ParameterDef;
import dev.airflowmcp.toolspec.PromptDef;
import dev.airflowmcp.toolspec.RateLimitDef;
import dev.airflowmcp.toolspec.RedactionDef;
import dev.airflowmcp.toolspec.ResourceDef;
import dev.airflowmcp.toolspec.ResponseDef;
import dev.airflowmcp.toolspec.ServerInfo;
import dev.airflowmcp.toolspec.SourceLocation;
import dev.airflowmcp.toolspec.StepDef;
import dev.airflowmcp.toolspec.ToolDef;
import dev.airflowmcp.toolspec.ToolSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Builds a {@link ToolSpec} from a composed YAML document, reporting every problem it meets and
 * carrying on with the rest of the document. The result is only meaningful when nothing was
 * reported.
 */
final class SpecReader {
  static final List<String> TOP_KEYS =
      List.of(
          "version",
          "extends",
          "remove",
          "rename",
          "override",
          "server",
          "defaults",
          "rateLimits",
          "tools",
          "resources",
          "prompts");

  /**
   * What an overlay says beyond a plain spec: its base, the tools it removes, renames and partly
   * overrides, and which of the settings it would otherwise inherit it sets itself.
   *
   * @param serverName {@code server.name}, or {@code null} to keep the base's
   * @param serverInstructions {@code server.instructions}, or {@code null} to keep the base's
   * @param defaultRateLimitClass {@code defaults.rateLimitClass}, or {@code null} to inherit the
   *     base's default class
   * @param inheritRateLimitClass the overlay's own tools that name no rate-limit class: they get
   *     the default class in force (the overlay's, else the base's)
   */
  record Overlay(
      String base,
      SourceLocation at,
      List<Removal> removed,
      String serverName,
      String serverInstructions,
      String defaultRateLimitClass,
      Set<String> inheritRateLimitClass,
      List<Rename> renames,
      List<Override> overrides) {}

  /** One {@code old: new} entry under {@code rename:}. */
  record Rename(String from, String to, SourceLocation at) {}

  /**
   * One entry under {@code override:}: fields of a base tool to change, the rest kept.
   *
   * @param parameters per argument name, the fields to change
   */
  record Override(
      SourceLocation at,
      String name,
      String title,
      String description,
      String rateLimitClass,
      Map<String, ParameterOverride> parameters) {}

  /** Fields of one argument to change; {@code null} keeps the base value. */
  record ParameterOverride(
      SourceLocation at,
      String description,
      boolean setsDefault,
      Object defaultValue,
      Number minimum,
      Number maximum,
      Boolean hidden) {}

  static final List<String> OVERRIDE_KEYS =
      List.of("name", "title", "description", "rateLimitClass", "parameters");
  static final List<String> PARAMETER_OVERRIDE_KEYS =
      List.of("description", "default", "minimum", "maximum", "hidden");

  /** One name under {@code remove:}, with where it is written. */
  record Removal(String name, SourceLocation at) {}

  private Overlay overlay;

  /** The overlay part of the last document read, or {@code null} for a plain spec. */
  Overlay overlay() {
    return overlay;
  }

  static final List<String> SERVER_KEYS = List.of("name", "instructions");
  static final List<String> DEFAULTS_KEYS = List.of("rateLimitClass");
  static final List<String> TOOL_KEYS =
      List.of(
          "name",
          "aliases",
          "title",
          "description",
          "write",
          "annotations",
          "rateLimitClass",
          "parameters",
          "bindings",
          "steps",
          "summary",
          "before",
          "response",
          "redaction");
  static final List<String> ANNOTATION_KEYS =
      List.of("readOnly", "destructive", "idempotent", "openWorld");
  static final List<String> REDACTION_KEYS = List.of("sensitiveFields", "freeTextFields");
  static final List<String> RATE_LIMIT_KEYS =
      List.of("capacity", "refillPerMinute", "maxConcurrent");

  /**
   * What a rate-limit class may be called: it is written in {@code --rate-limit CLASS=...} flags
   * and lists, so no {@code =}, {@code ,}, {@code /} or spaces.
   */
  static final Pattern RATE_LIMIT_CLASS = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  /** The rate-limit class of tools when neither the tool nor any {@code defaults} names one. */
  static final String BUILT_IN_RATE_LIMIT_CLASS = ToolSpec.BUILT_IN_RATE_LIMIT_CLASS;

  /** Names of the tools read that named no rate-limit class. */
  private final Set<String> withoutRateLimitClass = new LinkedHashSet<>();

  /** The annotations of a {@code write: true} tool before its own {@code annotations:} apply. */
  private static final Annotations WRITE_DEFAULTS = new Annotations(false, false, false, true);

  private final Reporter reporter;

  SpecReader(Reporter reporter) {
    this.reporter = reporter;
  }

  /** The spec, or {@code null} when a required part is unusable (always reported). */
  ToolSpec read(Node root) {
    if (root == null) {
      reporter.error(
          reporter.fileLocation(),
          SpecCodes.WRONG_TYPE,
          "the document is empty; a tool spec is a map with the keys version, server and tools");
      return null;
    }
    if (!(root instanceof MappingNode rootMap)) {
      reporter.error(
          root, SpecCodes.WRONG_TYPE, "the top level must be a map, got " + YamlValues.kind(root));
      return null;
    }
    if (unsupportedVersion(rootMap)) {
      return null; // the rest of the file follows rules this loader does not know
    }
    YamlMap top = new YamlMap(rootMap, "at the top level", TOP_KEYS, reporter);
    Long version = top.has("version") ? top.optionalInteger("version") : null;
    if (!top.has("version")) {
      top.missing("version");
    }
    String base = top.optionalText("extends");
    boolean isOverlay = top.has("extends");
    ServerInfo server;
    List<Removal> removed = new ArrayList<>();
    String declaredDefaultClass = readDefaults(top.optionalMap("defaults"));
    String defaultRateLimitClass =
        declaredDefaultClass == null ? BUILT_IN_RATE_LIMIT_CLASS : declaredDefaultClass;
    Map<String, RateLimitDef> rateLimits = readRateLimits(top.optionalMap("rateLimits"));
    List<ToolDef> tools =
        isOverlay
            ? readTools(top.optionalList("tools"), top, defaultRateLimitClass, true)
            : readTools(top.requiredList("tools"), top, defaultRateLimitClass, false);
    if (isOverlay) {
      // Every part of server: is optional in an overlay; what it leaves out is inherited.
      ServerInfo overlayServer =
          top.has("server") ? readOverlayServer(top.requiredMap("server")) : null;
      server =
          overlayServer != null ? overlayServer : new ServerInfo(reporter.at(rootMap), "", null);
      SequenceNode removeList = top.optionalList("remove");
      if (removeList != null) {
        for (Node item : removeList.getValue()) {
          if (YamlValues.isString(item) && !YamlValues.text(item).isBlank()) {
            removed.add(new Removal(YamlValues.text(item), reporter.at(item)));
          } else {
            reporter.error(
                item,
                SpecCodes.WRONG_TYPE,
                "items of "
                    + top.subject("remove")
                    + " must be tool names, got "
                    + YamlValues.kind(item));
          }
        }
      }
      overlay =
          new Overlay(
              base,
              reporter.at(top.value("extends")),
              removed,
              overlayServer == null || overlayServer.name().isEmpty() ? null : overlayServer.name(),
              overlayServer == null ? null : overlayServer.instructions(),
              declaredDefaultClass,
              Set.copyOf(withoutRateLimitClass),
              readRenames(top),
              readOverrides(top));
    } else {
      for (String key : List.of("remove", "rename", "override")) {
        if (top.has(key)) {
          reporter.error(
              top.keyNode(key),
              SpecCodes.INVALID_VALUE,
              top.subject(key) + " only applies to a spec that extends another");
        }
      }
      server = readServer(top.requiredMap("server"));
    }
    ExtrasReader extras = new ExtrasReader(reporter);
    List<ResourceDef> resources = extras.resources(top.optionalList("resources"));
    List<PromptDef> prompts = extras.prompts(top.optionalList("prompts"));
    if (version == null || server == null) {
      return null;
    }
    return new ToolSpec(
        reporter.at(rootMap),
        version.intValue(),
        server,
        tools,
        resources,
        prompts,
        rateLimits,
        defaultRateLimitClass);
  }

  private Map<String, RateLimitDef> readRateLimits(MappingNode node) {
    Map<String, RateLimitDef> limits = new LinkedHashMap<>();
    if (node == null) {
      return limits;
    }
    YamlMap classes = new YamlMap(node, "in rateLimits", null, reporter);
    if (classes.entries().isEmpty()) {
      reporter.error(
          node,
          SpecCodes.INVALID_VALUE,
          "'rateLimits' must define at least one class; leave it out to use the built-in limit ("
              + RateLimitDef.BUILT_IN_CAPACITY
              + " calls, refilled at "
              + RateLimitDef.BUILT_IN_REFILL_PER_MINUTE
              + " per minute) for every class");
    }
    for (YamlMap.Entry entry : classes.entries()) {
      String name = entry.key();
      if (!RATE_LIMIT_CLASS.matcher(name).matches()) {
        reporter.error(
            entry.keyNode(),
            SpecCodes.INVALID_VALUE,
            "rate-limit class '"
                + name
                + "' is invalid: use 1 to 64 characters from A-Z, a-z, 0-9, '_', '.' and '-'");
        continue;
      }
      if (!(entry.value() instanceof MappingNode limitNode)) {
        classes.wrongType(name, entry.value(), "a map with capacity and refillPerMinute");
        continue;
      }
      YamlMap limit =
          new YamlMap(limitNode, "in rate-limit class '" + name + "'", RATE_LIMIT_KEYS, reporter);
      Long capacity = boundedCount(limit, "capacity");
      Long refill = boundedCount(limit, "refillPerMinute");
      Long concurrent = limit.optionalInteger("maxConcurrent");
      if (concurrent != null && (concurrent < 1 || concurrent > RateLimitDef.MAX_CONCURRENT)) {
        reporter.error(
            limit.value("maxConcurrent"),
            SpecCodes.INVALID_VALUE,
            limit.subject("maxConcurrent")
                + " must be between 1 and "
                + RateLimitDef.MAX_CONCURRENT
                + ", got "
                + concurrent);
        continue;
      }
      if (capacity != null && refill != null) {
        limits.put(
            name,
            new RateLimitDef(
                reporter.at(limitNode),
                name,
                capacity,
                refill,
                concurrent == null ? 0 : concurrent.intValue()));
      }
    }
    return limits;
  }

  /** A required integer from 1 to {@link RateLimitDef#MAX}; {@code null} (reported) otherwise. */
  private Long boundedCount(YamlMap map, String key) {
    if (!map.has(key)) {
      map.missing(key);
      return null;
    }
    Long value = map.optionalInteger(key);
    if (value != null && (value < 1 || value > RateLimitDef.MAX)) {
      reporter.error(
          map.value(key),
          SpecCodes.INVALID_VALUE,
          map.subject(key) + " must be between 1 and " + RateLimitDef.MAX + ", got " + value);
      return null;
    }
    return value;
  }

  private List<Rename> readRenames(YamlMap top) {
    List<Rename> renames = new ArrayList<>();
    MappingNode node = top.optionalMap("rename");
    if (node == null) {
      return renames;
    }
    for (org.yaml.snakeyaml.nodes.NodeTuple t : node.getValue()) {
      Node key = t.getKeyNode();
      Node value = t.getValueNode();
      if (!YamlValues.isString(key)
          || !YamlValues.isString(value)
          || YamlValues.text(value).isBlank()) {
        reporter.error(
            value,
            SpecCodes.WRONG_TYPE,
            "entries of "
                + top.subject("rename")
                + " map an old tool name to a new one, got "
                + YamlValues.kind(value));
        continue;
      }
      renames.add(new Rename(YamlValues.text(key), YamlValues.text(value), reporter.at(key)));
    }
    return renames;
  }

  private List<Override> readOverrides(YamlMap top) {
    List<Override> overrides = new ArrayList<>();
    SequenceNode list = top.optionalList("override");
    if (list == null) {
      return overrides;
    }
    int index = 0;
    for (Node item : list.getValue()) {
      index++;
      if (!(item instanceof MappingNode map)) {
        reporter.error(
            item,
            SpecCodes.WRONG_TYPE,
            "items of " + top.subject("override") + " must be maps, got " + YamlValues.kind(item));
        continue;
      }
      String peeked = YamlMap.peekName(map, "name");
      String label = "override of " + (peeked != null ? "tool '" + peeked + "'" : "#" + index);
      YamlMap o = new YamlMap(map, "in " + label, OVERRIDE_KEYS, reporter);
      String name = o.requiredText("name");
      Map<String, ParameterOverride> params = new java.util.LinkedHashMap<>();
      MappingNode paramsNode = o.optionalMap("parameters");
      if (paramsNode != null) {
        for (org.yaml.snakeyaml.nodes.NodeTuple t : paramsNode.getValue()) {
          if (!YamlValues.isString(t.getKeyNode())
              || !(t.getValueNode() instanceof MappingNode pm)) {
            reporter.error(
                t.getValueNode(),
                SpecCodes.WRONG_TYPE,
                "entries of parameters in "
                    + label
                    + " map an argument name to the fields to"
                    + " change, got "
                    + YamlValues.kind(t.getValueNode()));
            continue;
          }
          String arg = YamlValues.text(t.getKeyNode());
          YamlMap p =
              new YamlMap(
                  pm, "in parameter '" + arg + "' of " + label, PARAMETER_OVERRIDE_KEYS, reporter);
          Object defaultValue =
              p.has("default")
                  ? YamlValues.constant(p.value("default"), p.subject("default"), reporter)
                  : null;
          params.put(
              arg,
              new ParameterOverride(
                  reporter.at(t.getKeyNode()),
                  p.optionalText("description"),
                  p.has("default"),
                  defaultValue,
                  p.optionalNumber("minimum"),
                  p.optionalNumber("maximum"),
                  p.optionalBoolean("hidden")));
        }
      }
      if (name != null) {
        overrides.add(
            new Override(
                reporter.at(map),
                name,
                o.optionalText("title"),
                o.optionalText("description"),
                o.optionalName("rateLimitClass"),
                params));
      }
    }
    return overrides;
  }

  private boolean unsupportedVersion(MappingNode root) {
    Node node = YamlMap.peekValue(root, "version");
    if (node instanceof ScalarNode scalar && Tag.INT.equals(node.getTag())) {
      Object version = YamlValues.scalar(scalar, "'version' at the top level", reporter);
      if (version != null && !version.equals((long) ToolSpec.CURRENT_VERSION)) {
        reporter.error(
            node,
            SpecCodes.UNSUPPORTED_VERSION,
            "unsupported tool-spec version "
                + version
                + "; this loader reads version "
                + ToolSpec.CURRENT_VERSION);
        return true;
      }
    }
    return false;
  }

  private ServerInfo readServer(MappingNode node) {
    if (node == null) {
      return null;
    }
    YamlMap server = new YamlMap(node, "in server", SERVER_KEYS, reporter);
    String name = server.requiredText("name");
    String instructions = server.optionalText("instructions");
    return name == null ? null : new ServerInfo(reporter.at(node), name, instructions);
  }

  /** An overlay's {@code server:}: name and instructions both optional (empty name: inherit). */
  private ServerInfo readOverlayServer(MappingNode node) {
    if (node == null) {
      return null;
    }
    YamlMap server = new YamlMap(node, "in server", SERVER_KEYS, reporter);
    String name = server.optionalText("name");
    String instructions = server.optionalText("instructions");
    return new ServerInfo(reporter.at(node), name == null ? "" : name, instructions);
  }

  /** {@code defaults.rateLimitClass}, or {@code null} when the document sets none. */
  private String readDefaults(MappingNode node) {
    if (node == null) {
      return null;
    }
    YamlMap defaults = new YamlMap(node, "in defaults", DEFAULTS_KEYS, reporter);
    return defaults.optionalName("rateLimitClass");
  }

  private List<ToolDef> readTools(
      SequenceNode list, YamlMap top, String defaultRateLimitClass, boolean mayBeEmpty) {
    List<ToolDef> tools = new ArrayList<>();
    if (list == null) {
      return tools;
    }
    if (list.getValue().isEmpty() && !mayBeEmpty) {
      reporter.error(
          list, SpecCodes.INVALID_VALUE, top.subject("tools") + " must list at least one tool");
    }
    int index = 0;
    for (Node item : list.getValue()) {
      index++;
      if (!(item instanceof MappingNode map)) {
        reporter.error(
            item,
            SpecCodes.WRONG_TYPE,
            "items of " + top.subject("tools") + " must be maps, got " + YamlValues.kind(item));
        continue;
      }
      ToolDef tool = readTool(map, index, defaultRateLimitClass);
      if (tool != null) {
        tools.add(tool);
      }
    }
    return tools;
  }

  private ToolDef readTool(MappingNode node, int index, String defaultRateLimitClass) {
    String peeked = YamlMap.peekName(node, "name");
    String toolLabel = peeked != null ? "tool '" + peeked + "'" : "tool #" + index;
    YamlMap tool = new YamlMap(node, "in " + toolLabel, TOOL_KEYS, reporter);

    String name = tool.requiredText("name");
    List<String> aliases = tool.nameList("aliases");
    String title = tool.optionalText("title");
    String description = tool.requiredText("description");
    boolean write = tool.flag("write", false);
    Annotations annotations = readAnnotations(tool.optionalMap("annotations"), write, toolLabel);
    String rateLimitClass = tool.optionalName("rateLimitClass");
    SequenceNode parameterList = tool.optionalList("parameters");
    List<ParameterDef> parameters = new ParameterReader(reporter).read(parameterList, toolLabel);
    BindingReader bindingReader =
        new BindingReader(reporter, toolLabel, ParameterReader.declaredNames(parameterList));
    Map<AirflowMajor, Binding> bindings = Map.of();
    List<StepDef> steps = List.of();
    MappingNode stepsNode = tool.optionalMap("steps");
    if (tool.has("steps") && tool.has("bindings")) {
      reporter.error(
          tool.keyNode("steps"),
          SpecCodes.INVALID_VALUE,
          "a tool has either 'bindings' (Airflow operations) or 'steps' (a composite), not both;"
              + " "
              + toolLabel
              + " has both");
    } else if (stepsNode != null) {
      steps = new StepReader(reporter, toolLabel, bindingReader).read(stepsNode);
    } else if (!tool.has("steps")) {
      bindings = bindingReader.read(tool);
    }
    String summary = tool.optionalName("summary");
    if (summary != null && !tool.has("steps")) {
      reporter.error(
          tool.keyNode("summary"),
          SpecCodes.INVALID_VALUE,
          tool.subject("summary") + " is only for composite tools (with 'steps')");
    }
    List<StepDef> before = List.of();
    MappingNode beforeNode = tool.optionalMap("before");
    if (beforeNode != null) {
      if (tool.has("steps")) {
        reporter.error(
            tool.keyNode("before"),
            SpecCodes.INVALID_VALUE,
            tool.subject("before")
                + " is only for tools with 'bindings'; a composite's steps"
                + " already read what it needs");
      } else {
        before = new StepReader(reporter, toolLabel, bindingReader, "before").read(beforeNode);
      }
    }
    ResponseDef response = ResponseDef.passThrough(reporter.at(node));
    MappingNode responseNode = tool.optionalMap("response");
    if (responseNode != null) {
      response = ResponseReader.read(responseNode, "in response of " + toolLabel, reporter);
    }
    RedactionDef redaction = readRedaction(tool.optionalMap("redaction"), toolLabel);

    if (name == null || description == null) {
      return null;
    }
    if (rateLimitClass == null) {
      withoutRateLimitClass.add(name);
    }
    return new ToolDef(
        reporter.at(node),
        name,
        aliases,
        title,
        description,
        annotations,
        write,
        rateLimitClass == null ? defaultRateLimitClass : rateLimitClass,
        parameters,
        bindings,
        response,
        redaction,
        steps,
        summary,
        before);
  }

  private Annotations readAnnotations(MappingNode node, boolean write, String toolLabel) {
    Annotations defaults = write ? WRITE_DEFAULTS : Annotations.READ_ONLY;
    if (node == null) {
      return defaults;
    }
    YamlMap a = new YamlMap(node, "in annotations of " + toolLabel, ANNOTATION_KEYS, reporter);
    Boolean readOnly = a.optionalBoolean("readOnly");
    Boolean destructive = a.optionalBoolean("destructive");
    Boolean idempotent = a.optionalBoolean("idempotent");
    Boolean openWorld = a.optionalBoolean("openWorld");
    // Annotations are hints clients rely on, so they must tell the truth about write.
    if (readOnly != null && readOnly == write) {
      reporter.error(
          a.value("readOnly"),
          SpecCodes.INVALID_VALUE,
          a.subject("readOnly")
              + (write
                  ? " cannot be true for a tool with write: true"
                  : " cannot be false for a tool without write: true"));
    }
    if (Boolean.TRUE.equals(destructive) && !write) {
      reporter.error(
          a.value("destructive"),
          SpecCodes.INVALID_VALUE,
          a.subject("destructive") + " cannot be true for a tool without write: true");
    }
    return new Annotations(
        readOnly != null ? readOnly : defaults.readOnly(),
        destructive != null ? destructive : defaults.destructive(),
        idempotent != null ? idempotent : defaults.idempotent(),
        openWorld != null ? openWorld : defaults.openWorld());
  }

  private RedactionDef readRedaction(MappingNode node, String toolLabel) {
    if (node == null) {
      return RedactionDef.NONE;
    }
    YamlMap r = new YamlMap(node, "in redaction of " + toolLabel, REDACTION_KEYS, reporter);
    return new RedactionDef(r.nameList("sensitiveFields"), r.nameList("freeTextFields"));
  }
}
