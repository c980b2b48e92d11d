package dev.airflowmcp.codegen.bind;

/**
 * The stable codes of the generator's diagnostics ({@code path:line:col: error [CODE]: message}).
 * Build scripts and tests may match on them; they never change meaning.
 */
public final class CodegenCodes {
  private CodegenCodes() {}

  /** A configured Airflow spec file does not exist. */
  public static final String SPEC_NOT_FOUND = "SPEC_NOT_FOUND";

  /** A spec file is not a valid OpenAPI document (or has duplicate operationIds). */
  public static final String SPEC_INVALID = "SPEC_INVALID";

  /** A valid OpenAPI document that is no Airflow {@code /api/v1} or {@code /api/v2} spec. */
  public static final String UNKNOWN_SPEC_KIND = "UNKNOWN_SPEC_KIND";

  /** Warning: a spec parameter tools cannot send (a cookie) is left out. */
  public static final String UNSUPPORTED_PARAMETER = "UNSUPPORTED_PARAMETER";

  /** The generated code's package is not a valid Java package name. */
  public static final String INVALID_PACKAGE = "INVALID_PACKAGE";

  /** A tool name or alias does not match {@code [A-Za-z0-9_.-]{1,64}}. */
  public static final String INVALID_TOOL_NAME = "INVALID_TOOL_NAME";

  /** A tool name or alias is used twice. */
  public static final String DUPLICATE_TOOL = "DUPLICATE_TOOL";

  /** Two tools map to one class name, or two arguments of a tool to one Java name. */
  public static final String NAME_CLASH = "NAME_CLASH";

  /** A {@code write: true} tool while the build does not allow writes. */
  public static final String WRITE_NOT_ENABLED = "WRITE_NOT_ENABLED";

  /** A tool that is not {@code write: true} binds a non-GET operation. */
  public static final String WRITE_OPERATION = "WRITE_OPERATION";

  /** A binding or lookup to login/logout, which is never allowed. */
  public static final String FORBIDDEN_OPERATION = "FORBIDDEN_OPERATION";

  /** An operationId that no configured spec of the binding's major version has. */
  public static final String UNKNOWN_OPERATION = "UNKNOWN_OPERATION";

  /** An operationId that some, but not all, configured specs of a major version have. */
  public static final String OPERATION_NOT_IN_SPEC = "OPERATION_NOT_IN_SPEC";

  /** Warning: a binding for a major version with no configured spec; it is dropped. */
  public static final String NO_SPEC_FOR_BINDING = "NO_SPEC_FOR_BINDING";

  /** A bound Airflow parameter name that the operation does not have. */
  public static final String UNKNOWN_PARAMETER = "UNKNOWN_PARAMETER";

  /** A source or lookup names a tool argument the tool does not have. */
  public static final String UNKNOWN_ARGUMENT = "UNKNOWN_ARGUMENT";

  /** A tool argument that no parameter of a binding's operation receives. */
  public static final String UNBOUND_ARGUMENT = "UNBOUND_ARGUMENT";

  /**
   * An argument a binding ignores although the operation has a parameter of that name in every
   * spec, or although a source of the same binding sends it.
   */
  public static final String IGNORED_ARGUMENT = "IGNORED_ARGUMENT";

  /** A required Airflow parameter (every path parameter) that gets no value. */
  public static final String UNBOUND_REQUIRED_PARAMETER = "UNBOUND_REQUIRED_PARAMETER";

  /** A path parameter bound to an optional argument that has no fallback value. */
  public static final String OPTIONAL_PATH_PARAMETER = "OPTIONAL_PATH_PARAMETER";

  /** An argument, constant or ifAbsent value whose type does not fit the Airflow parameter. */
  public static final String TYPE_MISMATCH = "TYPE_MISMATCH";

  /** One operationId with different methods or paths in two specs of one major version. */
  public static final String PATH_DIFFERS = "PATH_DIFFERS";

  /** A lookup that is unknown, not a GET, or leaves required parameters unbound. */
  public static final String LOOKUP_INVALID = "LOOKUP_INVALID";

  /** A layout key whose source does not fit the tool (e.g. a step key outside a composite). */
  public static final String INVALID_LAYOUT = "INVALID_LAYOUT";

  /** A composite step that calls a tool the build does not have, or another composite. */
  public static final String UNKNOWN_STEP_TOOL = "UNKNOWN_STEP_TOOL";

  /** A composite step that does not give a required argument of the tool it calls. */
  public static final String STEP_MISSING_ARGUMENT = "STEP_MISSING_ARGUMENT";

  /**
   * A composite step with {@code maxItems} calls a tool that cannot page: it needs integer {@code
   * limit} and {@code offset} arguments and a list response.
   */
  public static final String STEP_CANNOT_PAGE = "STEP_CANNOT_PAGE";

  /** A composite step or a before-read calls a write tool: steps only read. */
  public static final String STEP_CALLS_WRITE_TOOL = "STEP_CALLS_WRITE_TOOL";

  /** A composite summary the generator does not know (vendors may add their own: warning). */
  public static final String UNKNOWN_SUMMARY = "UNKNOWN_SUMMARY";

  /** A tool's rate-limit class that the tool spec's {@code rateLimits} does not define. */
  public static final String UNDEFINED_RATE_LIMIT_CLASS = "UNDEFINED_RATE_LIMIT_CLASS";

  /** The configured vendor template directory does not exist or is not a directory. */
  public static final String TEMPLATE_DIRECTORY_NOT_FOUND = "TEMPLATE_DIRECTORY_NOT_FOUND";

  /** Warning: a {@code .mustache} file of the template directory that replaces no template. */
  public static final String UNKNOWN_TEMPLATE = "UNKNOWN_TEMPLATE";

  /** A doc template that is not valid Mustache. */
  public static final String TEMPLATE_ERROR = "TEMPLATE_ERROR";
}
