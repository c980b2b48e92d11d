package dev.airflowmcp.toolspec.load;

import dev.airflowmcp.toolspec.SourceLocation;
import dev.airflowmcp.toolspec.ToolSpec;
import dev.airflowmcp.toolspec.diag.Diagnostics;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Reads tool-spec YAML (format version 1) into a {@link ToolSpec}, with a {@code file:line:col}
 * location for every element and a diagnostic for every problem found, never only the first.
 *
 * <p>The YAML is composed into SnakeYAML's node tree and never constructed into objects, so no tag
 * can instantiate a type; custom tags, merge keys and duplicate keys are reported, scalars are
 * resolved by the YAML 1.2 core schema (so {@code yes} and {@code on} are strings), and the
 * document size, nesting depth and number of collection aliases are bounded. The JSON Schema at
 * {@link #SCHEMA_RESOURCE} describes the same format for editors; the loader additionally checks
 * what a schema cannot express (default within bounds, arguments that bindings name, ...).
 *
 * <p>Thread-safe: every call works on its own state.
 */
public final class ToolSpecLoader {

  /** The class-path resource holding the curated Airflow tool spec. */
  public static final String CURATED_RESOURCE = "dev/airflowmcp/toolspec/airflow-tools.yaml";

  /** The file name used in the locations of the curated spec's diagnostics. */
  public static final String CURATED_NAME = "airflow-tools.yaml";

  /** The class-path resource holding the JSON Schema (draft 2020-12) of the format. */
  public static final String SCHEMA_RESOURCE = "dev/airflowmcp/toolspec/tool-spec.schema.json";

  /** The largest document read, in code points (5 MiB of ASCII). */
  static final int MAX_CODE_POINTS = 5 * 1024 * 1024;

  /** Aliases to maps or lists allowed per document; bounds "billion laughs" expansion. */
  static final int MAX_COLLECTION_ALIASES = 20;

  /** The deepest nesting of maps and lists allowed; the format itself needs fewer than ten. */
  static final int MAX_NESTING_DEPTH = 30;

  private static final Pattern CAPITALISED_WORD = Pattern.compile("\\b\\p{Lu}\\p{Ll}+\\b");

  private ToolSpecLoader() {}

  /**
   * Reads and checks a file.
   *
   * @param file the file to read (UTF-8)
   * @param displayName the file as it appears in every {@code SourceLocation}, for example {@code
   *     src/main/airflow-mcp/tools.yaml}; never made absolute
   * @throws IOException when the file cannot be read
   */
  public static LoadResult load(Path file, String displayName) throws IOException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(displayName, "displayName");
    // UTF-8 needs at most 4 bytes per code point: anything larger is over the limit for sure.
    if (Files.size(file) > 4L * MAX_CODE_POINTS) {
      return failure(displayName, tooLarge());
    }
    return parseBytes(displayName, Files.readAllBytes(file), fileResolver(file, displayName), 0);
  }

  /**
   * Checks tool-spec text already in memory.
   *
   * @param displayName the file name used in every {@code SourceLocation}
   * @param yaml the document
   */
  public static LoadResult parse(String displayName, String yaml) {
    return parse(displayName, yaml, ToolSpecLoader::curatedOnly, 0);
  }

  /**
   * The files a load of this tool spec reads: the file itself, then the file it {@code extends},
   * that file's base, and so on (resolved as {@link #load} resolves them; the curated spec, which
   * ships in this jar, ends the chain). Stops at a file that is missing, unreadable or not YAML,
   * and at a circle. For build tools that must notice when any of them changes.
   *
   * @return absolute, normalised paths, the given file first
   */
  public static List<Path> files(Path toolSpec) {
    List<Path> files = new ArrayList<>();
    Path current = toolSpec;
    while (current != null && files.size() <= MAX_EXTENDS_DEPTH) {
      Path file = current.toAbsolutePath().normalize();
      if (files.contains(file) || !Files.isRegularFile(file)) {
        break;
      }
      files.add(file);
      String base = extendsOf(file);
      current =
          base == null || base.equals(CURATED_REFERENCE) ? null : file.getParent().resolve(base);
    }
    return List.copyOf(files);
  }

  /** The top-level {@code extends} of a YAML file, or {@code null}. */
  private static String extendsOf(Path file) {
    try {
      Node root =
          newYaml().compose(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
      if (root instanceof org.yaml.snakeyaml.nodes.MappingNode map) {
        for (org.yaml.snakeyaml.nodes.NodeTuple t : map.getValue()) {
          if (t.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode key
              && key.getValue().equals("extends")
              && t.getValueNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode value) {
            return value.getValue();
          }
        }
      }
      return null;
    } catch (IOException | YAMLException e) {
      return null; // loading reports it
    }
  }

  /** Loads the spec an overlay extends; {@code null} when it cannot be found. */
  @FunctionalInterface
  private interface BaseResolver {
    LoadResult resolve(String reference, int depth) throws IOException;
  }

  /** The name under which an overlay refers to the curated spec shipped in this jar. */
  public static final String CURATED_REFERENCE = "curated";

  /** Overlays refer to other specs by relative path, or to {@value #CURATED_REFERENCE}. */
  static final int MAX_EXTENDS_DEPTH = 8;

  private static LoadResult curatedOnly(String reference, int depth) {
    return CURATED_REFERENCE.equals(reference)
        ? loadCuratedResource(CURATED_RESOURCE, CURATED_NAME, depth)
        : null;
  }

  private static BaseResolver fileResolver(Path file, String displayName) {
    return (reference, depth) -> {
      if (CURATED_REFERENCE.equals(reference)) {
        return loadCuratedResource(CURATED_RESOURCE, CURATED_NAME, depth);
      }
      Path dir = file.toAbsolutePath().getParent();
      Path base = dir.resolve(reference).normalize();
      if (!Files.isRegularFile(base)) {
        return null;
      }
      int slash = Math.max(displayName.lastIndexOf('/'), displayName.lastIndexOf('\\'));
      String baseName =
          (slash < 0 ? "" : displayName.substring(0, slash + 1)) + reference.replace('\\', '/');
      return parseBytes(baseName, Files.readAllBytes(base), fileResolver(base, baseName), depth);
    };
  }

  private static LoadResult parse(String displayName, String yaml, BaseResolver bases, int depth) {
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(yaml, "yaml");
    Reporter reporter = new Reporter(displayName);
    if (yaml.length() > MAX_CODE_POINTS
        && yaml.codePointCount(0, yaml.length()) > MAX_CODE_POINTS) {
      return failure(displayName, tooLarge());
    }
    Node root;
    try {
      root = newYaml().compose(new StringReader(yaml));
    } catch (MarkedYAMLException e) {
      reporter.error(
          syntaxLocation(reporter, e), SpecCodes.YAML_SYNTAX, syntaxMessage(reporter, e));
      return result(reporter, null);
    } catch (YAMLException e) {
      // Limits without a position: alias count, nesting depth, recursive keys.
      reporter.error(reporter.fileLocation(), SpecCodes.YAML_SYNTAX, sentence(e.getMessage()));
      return result(reporter, null);
    }
    if (root != null) {
      TreeChecks.check(root, reporter);
    }
    SpecReader reader = new SpecReader(reporter);
    ToolSpec spec = reader.read(root);
    SpecReader.Overlay overlay = reader.overlay();
    if (overlay == null || overlay.base() == null) {
      return result(reporter, spec);
    }
    if (depth >= MAX_EXTENDS_DEPTH) {
      reporter.error(
          overlay.at(),
          SpecCodes.UNRESOLVED_EXTENDS,
          "extends '"
              + overlay.base()
              + "' nests more than "
              + MAX_EXTENDS_DEPTH
              + " specs deep; do the specs extend each other in a circle?");
      return result(reporter, null);
    }
    LoadResult base;
    try {
      base = bases.resolve(overlay.base(), depth + 1);
    } catch (IOException e) {
      reporter.error(
          overlay.at(),
          SpecCodes.UNRESOLVED_EXTENDS,
          "cannot read '" + overlay.base() + "': " + e.getMessage());
      return result(reporter, null);
    }
    if (base == null) {
      reporter.error(
          overlay.at(),
          SpecCodes.UNRESOLVED_EXTENDS,
          "extends '" + overlay.base() + "', which is not found",
          "name a tool-spec file relative to this one, or '"
              + CURATED_REFERENCE
              + "' for the curated spec");
      return result(reporter, null);
    }
    Diagnostics merged = new Diagnostics();
    merged.addAll(base.diagnostics());
    if (base.spec() != null && spec != null) {
      spec = Overlays.merge(base.spec(), spec, overlay, reporter);
    }
    merged.addAll(reporter.sorted());
    return new LoadResult(merged.hasErrors() || base.spec() == null ? null : spec, merged.sorted());
  }

  /**
   * Loads the curated Airflow tool spec shipped in this jar, with {@link #CURATED_NAME} as file
   * name in diagnostics.
   *
   * @throws IllegalStateException when the resource is missing from the class path
   * @throws UncheckedIOException when the resource cannot be read
   */
  public static LoadResult loadCurated() {
    return loadCuratedResource(CURATED_RESOURCE, CURATED_NAME, 0);
  }

  /**
   * The curated write tools: an overlay of the curated spec adding the tools that change Airflow.
   */
  public static final String CURATED_WRITES_RESOURCE =
      "dev/airflowmcp/toolspec/airflow-write-tools.yaml";

  /** The file name of {@link #CURATED_WRITES_RESOURCE} in diagnostics. */
  public static final String CURATED_WRITES_NAME = "airflow-write-tools.yaml";

  /** Loads the curated write tools (an overlay of the curated spec). */
  public static LoadResult loadCuratedWrites() {
    return loadCuratedResource(CURATED_WRITES_RESOURCE, CURATED_WRITES_NAME, 0);
  }

  private static LoadResult loadCuratedResource(String resource, String displayName, int depth) {
    ClassLoader loader = ToolSpecLoader.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "the curated tool spec " + resource + " is not on the class path");
      }
      String dir = resource.substring(0, resource.lastIndexOf('/') + 1);
      BaseResolver siblings =
          (reference, d) -> {
            if (CURATED_REFERENCE.equals(reference) || reference.equals(CURATED_NAME)) {
              return loadCuratedResource(CURATED_RESOURCE, CURATED_NAME, d);
            }
            if (reference.contains("/") || loader.getResource(dir + reference) == null) {
              return null;
            }
            return loadCuratedResource(dir + reference, reference, d);
          };
      return parseBytes(displayName, in.readAllBytes(), siblings, depth);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  private static LoadResult parseBytes(
      String displayName, byte[] bytes, BaseResolver bases, int depth) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      return failure(displayName, "the file is not valid UTF-8");
    }
    return parse(displayName, text, bases, depth);
  }

  private static Yaml newYaml() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_CODE_POINTS);
    options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
    options.setNestingDepthLimit(MAX_NESTING_DEPTH);
    options.setAllowRecursiveKeys(false);
    options.setMergeOnCompose(false);
    // Nodes are never constructed into objects; refuse every global tag should that ever change.
    options.setTagInspector(tag -> false);
    DumperOptions dumperOptions = new DumperOptions();
    return new Yaml(
        new SafeConstructor(options),
        new Representer(dumperOptions),
        dumperOptions,
        options,
        new CoreSchemaResolver());
  }

  private static String tooLarge() {
    return "the document is larger than the limit of " + MAX_CODE_POINTS + " characters";
  }

  private static LoadResult failure(String displayName, String message) {
    Reporter reporter = new Reporter(displayName);
    reporter.error(reporter.fileLocation(), SpecCodes.YAML_SYNTAX, message);
    return result(reporter, null);
  }

  private static LoadResult result(Reporter reporter, ToolSpec spec) {
    return new LoadResult(reporter.hasErrors() ? null : spec, reporter.sorted());
  }

  private static SourceLocation syntaxLocation(Reporter reporter, MarkedYAMLException e) {
    Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    return mark == null ? reporter.fileLocation() : reporter.at(mark);
  }

  /**
   * SnakeYAML's problem, with its context when that adds something, for example {@code expected ','
   * or ']', but got : (while parsing a flow sequence at 1:4)}.
   */
  private static String syntaxMessage(Reporter reporter, MarkedYAMLException e) {
    String problem = e.getProblem() == null ? "malformed YAML" : e.getProblem();
    String context = e.getContext();
    if (context == null) {
      return sentence(problem);
    }
    if (problem.startsWith("but ")) {
      return sentence(context + " " + problem);
    }
    Mark contextMark = e.getContextMark();
    if (contextMark == null || contextMark.equals(e.getProblemMark())) {
      return sentence(problem + " (" + context + ")");
    }
    SourceLocation at = reporter.at(contextMark);
    return sentence(problem + " (" + context + " at " + at.line() + ":" + at.column() + ")");
  }

  /**
   * A SnakeYAML message in the diagnostics' style: no final period, capitalised words in lower case
   * ("Nesting Depth exceeded" becomes "nesting depth exceeded"; acronyms such as YAML stay).
   */
  private static String sentence(String message) {
    String m = message.strip();
    if (m.endsWith(".")) {
      m = m.substring(0, m.length() - 1);
    }
    return CAPITALISED_WORD.matcher(m).replaceAll(w -> w.group().toLowerCase(Locale.ROOT));
  }
}
