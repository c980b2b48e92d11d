package dev.airflowmcp.codegen.bind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Java names for tool-spec names, derived deterministically: the name is split into words at every
 * character other than an ASCII letter or digit, and the words are joined in the requested case.
 * Results that would not be legal (a leading digit) get a leading {@code _}; results that are Java
 * keywords, literals, restricted identifiers or names of {@link Object}'s methods get a trailing
 * {@code _}. Distinct names can map to the same Java name ({@code dag_id}, {@code dag-id}); {@link
 * ModelBuilder} reports such clashes.
 */
public final class Names {
  private Names() {}

  /** Suffix of every generated tool class. */
  private static final String TOOL_SUFFIX = "Tool";

  /** Keywords and literals: never legal as an identifier or package name part. */
  private static final Set<String> KEYWORDS =
      Set.of(
          "abstract",
          "assert",
          "boolean",
          "break",
          "byte",
          "case",
          "catch",
          "char",
          "class",
          "const",
          "continue",
          "default",
          "do",
          "double",
          "else",
          "enum",
          "extends",
          "final",
          "finally",
          "float",
          "for",
          "goto",
          "if",
          "implements",
          "import",
          "instanceof",
          "int",
          "interface",
          "long",
          "native",
          "new",
          "package",
          "private",
          "protected",
          "public",
          "return",
          "short",
          "static",
          "strictfp",
          "super",
          "switch",
          "synchronized",
          "this",
          "throw",
          "throws",
          "transient",
          "try",
          "void",
          "volatile",
          "while",
          "_",
          "true",
          "false",
          "null");

  /**
   * Restricted identifiers, and names of {@link Object}'s methods that a record accessor of that
   * name would clash with.
   */
  private static final Set<String> RESERVED_MEMBERS =
      Set.of(
          "var",
          "yield",
          "record",
          "sealed",
          "permits",
          "getClass",
          "hashCode",
          "equals",
          "toString",
          "notify",
          "notifyAll",
          "wait",
          "clone",
          "finalize");

  /**
   * The simple name of a tool's generated class: {@code list_dags} → {@code ListDagsTool}, {@code
   * 1x} → {@code _1xTool}.
   */
  public static String className(String toolName) {
    StringBuilder b = new StringBuilder();
    for (String word : words(toolName)) {
      b.append(capitalize(word));
    }
    return legalStart(b.append(TOOL_SUFFIX).toString());
  }

  /**
   * A lower-camel-case Java identifier: {@code dag_run_id} → {@code dagRunId}, {@code class} →
   * {@code class_}, {@code 1x} → {@code _1x}; a name without letters or digits → {@code value_}.
   */
  public static String javaName(String name) {
    List<String> words = words(name);
    if (words.isEmpty()) {
      return "value_";
    }
    StringBuilder b = new StringBuilder(decapitalize(words.get(0)));
    for (String word : words.subList(1, words.size())) {
      b.append(capitalize(word));
    }
    return escape(legalStart(b.toString()));
  }

  /**
   * An upper-snake-case constant name: {@code dag_run_id} → {@code DAG_RUN_ID}, {@code dagRunId} →
   * {@code DAGRUNID}, {@code 1x} → {@code _1X}; a name without letters or digits → {@code VALUE_}.
   */
  public static String constantName(String name) {
    List<String> words = words(name);
    if (words.isEmpty()) {
      return "VALUE_";
    }
    return legalStart(String.join("_", words).toUpperCase(Locale.ROOT));
  }

  /** Whether {@code name} is a usable Java package name, such as {@code com.example.airflow}. */
  public static boolean isPackageName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (String part : name.split("\\.", -1)) {
      if (part.isEmpty()
          || !Character.isJavaIdentifierStart(part.codePointAt(0))
          || !part.codePoints().allMatch(Character::isJavaIdentifierPart)
          || KEYWORDS.contains(part)) {
        return false;
      }
    }
    return true;
  }

  private static List<String> words(String name) {
    List<String> words = new ArrayList<>();
    for (String w : name.split("[^A-Za-z0-9]+")) {
      if (!w.isEmpty()) {
        words.add(w);
      }
    }
    return words;
  }

  private static String legalStart(String s) {
    return Character.isDigit(s.charAt(0)) ? "_" + s : s;
  }

  private static String escape(String s) {
    return KEYWORDS.contains(s) || RESERVED_MEMBERS.contains(s) ? s + "_" : s;
  }

  private static String capitalize(String w) {
    return Character.toUpperCase(w.charAt(0)) + w.substring(1);
  }

  private static String decapitalize(String w) {
    return Character.toLowerCase(w.charAt(0)) + w.substring(1);
  }
}
