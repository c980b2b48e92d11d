package dev.airflowmcp.toolspec;

/** The JSON type of a tool argument. The YAML spelling is the lower-case JSON Schema name. */
public enum ParameterType {
  STRING("string"),
  INTEGER("integer"),
  NUMBER("number"),
  BOOLEAN("boolean"),
  ARRAY("array"),
  OBJECT("object");

  private final String jsonName;

  ParameterType(String jsonName) {
    this.jsonName = jsonName;
  }

  /** The JSON Schema {@code type} keyword value. */
  public String jsonName() {
    return jsonName;
  }

  /** The constant for a JSON Schema type name, or {@code null}. */
  public static ParameterType fromJsonName(String name) {
    for (ParameterType t : values()) {
      if (t.jsonName.equals(name)) {
        return t;
      }
    }
    return null;
  }
}
