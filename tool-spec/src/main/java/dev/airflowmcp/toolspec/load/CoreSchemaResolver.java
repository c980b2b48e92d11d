package dev.airflowmcp.toolspec.load;

import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Resolves plain scalars by the YAML 1.2 core schema instead of SnakeYAML's YAML 1.1 rules: only
 * {@code true}/{@code false} are booleans (so {@code yes}, {@code on} and {@code no} stay strings),
 * numbers have no {@code _} separators or sexagesimal forms, and nothing resolves to a timestamp or
 * a merge key. Editors using yaml-language-server read the file the same way.
 */
final class CoreSchemaResolver extends Resolver {
  private static final Pattern CORE_BOOL =
      Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");
  private static final Pattern CORE_INT =
      Pattern.compile("^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$");
  private static final Pattern CORE_FLOAT =
      Pattern.compile(
          "^(?:[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
              + "|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
  private static final Pattern CORE_NULL = Pattern.compile("^(?:~|null|Null|NULL)$");
  private static final Pattern EMPTY_SCALAR = Pattern.compile("^$");

  @Override
  protected void addImplicitResolvers() {
    // Registration order matters: the first matching pattern wins, and "1" is also a float.
    addImplicitResolver(Tag.BOOL, CORE_BOOL, "tTfF", 10);
    addImplicitResolver(Tag.INT, CORE_INT, "-+0123456789");
    addImplicitResolver(Tag.FLOAT, CORE_FLOAT, "-+0123456789.");
    addImplicitResolver(Tag.NULL, CORE_NULL, "~nN", 10);
    addImplicitResolver(Tag.NULL, EMPTY_SCALAR, null, 10);
  }
}
