package dev.airflowmcp.codegen.bind;

import dev.airflowmcp.codegen.openapi.SpecParameter;
import dev.airflowmcp.toolspec.ParameterDef;
import dev.airflowmcp.toolspec.ParameterType;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Which tool arguments and values fit which Airflow parameters. An integer fits a number, nothing
 * else converts; an untyped Airflow parameter takes any scalar; arrays fit arrays whose item types
 * fit, and a scalar fits an array of its type (it is sent as a one-item array, which is how one
 * argument spans Airflow releases where a parameter became an array, such as {@code order_by} in
 * 3.1). An array never fits a scalar. Enums are not compared: the runtime and Airflow enforce them.
 */
final class TypeRules {
  private TypeRules() {}

  /** Whether a value of the argument's type can be sent as the parameter. */
  static boolean argumentFits(ParameterDef argument, SpecParameter parameter) {
    if ("array".equals(parameter.type())) {
      if (argument.type() != ParameterType.ARRAY) {
        return typeFits(argument.type(), parameter.itemType());
      }
      return itemFits(argument.itemType(), parameter.itemType());
    }
    return typeFits(argument.type(), parameter.type());
  }

  /** Whether a YAML value (a scalar, or a list for arrays) can be sent as the parameter. */
  static boolean valueFits(Object value, SpecParameter parameter) {
    return valueFits(value, parameter.type(), parameter.itemType());
  }

  /** The argument's type as people write it: {@code string}, {@code array of integer}. */
  static String describe(ParameterDef argument) {
    String type = argument.type().jsonName();
    return argument.type() == ParameterType.ARRAY && argument.itemType() != null
        ? type + " of " + argument.itemType().jsonName()
        : type;
  }

  /** A value as messages show it: strings quoted, lists in brackets. */
  static String show(Object value) {
    if (value instanceof String s) {
      return "'" + s + "'";
    }
    if (value instanceof List<?> list) {
      StringJoiner j = new StringJoiner(", ", "[", "]");
      for (Object o : list) {
        j.add(show(o));
      }
      return j.toString();
    }
    return String.valueOf(value);
  }

  private static boolean itemFits(ParameterType argumentItem, String parameterItem) {
    if (argumentItem == null) {
      return parameterItem == null;
    }
    return typeFits(argumentItem, parameterItem);
  }

  private static boolean typeFits(ParameterType type, String jsonType) {
    if (jsonType == null) {
      return isScalar(type);
    }
    switch (jsonType) {
      case "string":
        return type == ParameterType.STRING;
      case "integer":
        return type == ParameterType.INTEGER;
      case "number":
        return type == ParameterType.INTEGER || type == ParameterType.NUMBER;
      case "boolean":
        return type == ParameterType.BOOLEAN;
      case "object":
        return type == ParameterType.OBJECT;
      default:
        return false;
    }
  }

  private static boolean isScalar(ParameterType type) {
    return type != ParameterType.ARRAY && type != ParameterType.OBJECT;
  }

  private static boolean valueFits(Object value, String jsonType, String itemType) {
    if (jsonType == null) {
      return value instanceof String || value instanceof Number || value instanceof Boolean;
    }
    switch (jsonType) {
      case "string":
        return value instanceof String;
      case "integer":
        return value instanceof Long
            || value instanceof Integer
            || value instanceof Short
            || value instanceof Byte
            || value instanceof BigInteger;
      case "number":
        return value instanceof Number;
      case "boolean":
        return value instanceof Boolean;
      case "object":
        return value instanceof Map;
      case "array":
        if (!(value instanceof List<?> list)) {
          return value != null && !(value instanceof Map) && valueFits(value, itemType, null);
        }
        for (Object item : list) {
          if (item == null || !valueFits(item, itemType, null)) {
            return false;
          }
        }
        return true;
      default:
        return false;
    }
  }
}
