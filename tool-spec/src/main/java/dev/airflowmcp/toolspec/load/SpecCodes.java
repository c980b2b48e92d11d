package dev.airflowmcp.toolspec.load;

/**
 * The stable diagnostic codes of the tool-spec loader. Build logs, IDE problem matchers and tests
 * key on these strings, so they never change meaning once released.
 */
public final class SpecCodes {
  private SpecCodes() {}

  /** The text is not well-formed YAML, not a single document, not UTF-8, or too large. */
  public static final String YAML_SYNTAX = "YAML_SYNTAX";

  /** {@code version} names a format version this loader does not read. */
  public static final String UNSUPPORTED_VERSION = "UNSUPPORTED_VERSION";

  /** A key appears twice in one map. */
  public static final String DUPLICATE_KEY = "DUPLICATE_KEY";

  /** A map holds a key the format does not define there. */
  public static final String UNKNOWN_KEY = "UNKNOWN_KEY";

  /** A required key is absent. */
  public static final String MISSING_KEY = "MISSING_KEY";

  /** A value has the wrong YAML type (for example a string where a boolean belongs). */
  public static final String WRONG_TYPE = "WRONG_TYPE";

  /** A value has the right type but is not allowed (empty, out of range, contradictory, ...). */
  public static final String INVALID_VALUE = "INVALID_VALUE";

  /** A binding refers to a tool argument that the tool does not declare. */
  public static final String UNKNOWN_ARGUMENT = "UNKNOWN_ARGUMENT";

  /** Two parameters of one tool have the same name. */
  public static final String DUPLICATE_PARAMETER = "DUPLICATE_PARAMETER";

  /** An overlay removes a tool its base does not have. */
  public static final String UNKNOWN_TOOL = "UNKNOWN_TOOL";

  /** The spec an overlay extends cannot be found, or overlays extend each other in a circle. */
  public static final String UNRESOLVED_EXTENDS = "UNRESOLVED_EXTENDS";
}
