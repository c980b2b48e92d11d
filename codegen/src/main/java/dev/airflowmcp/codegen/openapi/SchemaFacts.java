package dev.airflowmcp.codegen.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reduces a parameter schema to its type, item type, enum, const, default and format.
 *
 * <p>Handles both OpenAPI 3.0 schemas ({@code type}, {@code nullable}, {@code allOf: [$ref]}) and
 * the OpenAPI 3.1 JSON Schema model ({@code types}, nullability as {@code anyOf: [X, {type:
 * 'null'}]}, {@code $ref} with sibling keys such as {@code default}). Keys written next to a {@code
 * $ref} or around an {@code anyOf} win over the same keys of the schema they wrap.
 */
final class SchemaFacts {

  /** The reduced facts of one schema. */
  record Facts(
      String type,
      String itemType,
      List<Object> enumValues,
      Object constValue,
      Object defaultValue,
      String format,
      String bounds) {}

  /** Guards against cyclic {@code $ref}s; Airflow's longest chain is four hops. */
  private static final int MAX_DEPTH = 32;

  private static final String SCHEMA_REF_PREFIX = "#/components/schemas/";

  private final Map<String, Schema<?>> components;

  SchemaFacts(Map<String, Schema<?>> components) {
    this.components = components;
  }

  Facts of(Schema<?> schema) {
    Partial p = reduce(schema, 0);
    String itemType = "array".equals(p.type) && p.items != null ? reduce(p.items, 0).type : null;
    return new Facts(
        p.type, itemType, p.enumValues, p.constValue, p.defaultValue, p.format, p.bounds);
  }

  /** What one schema node says, with the gaps filled from the schema it wraps. */
  private record Partial(
      String type,
      Schema<?> items,
      List<Object> enumValues,
      Object constValue,
      Object defaultValue,
      String format,
      String bounds) {

    static final Partial EMPTY = new Partial(null, null, List.of(), null, null, null, null);

    Partial orElse(Partial inner) {
      return new Partial(
          type != null ? type : inner.type,
          items != null ? items : inner.items,
          !enumValues.isEmpty() ? enumValues : inner.enumValues,
          constValue != null ? constValue : inner.constValue,
          defaultValue != null ? defaultValue : inner.defaultValue,
          format != null ? format : inner.format,
          bounds != null ? bounds : inner.bounds);
    }
  }

  private Partial reduce(Schema<?> schema, int depth) {
    if (schema == null || depth > MAX_DEPTH) {
      return Partial.EMPTY;
    }
    Partial own =
        new Partial(
            ownType(schema),
            schema.getItems(),
            enumValues(schema.getEnum()),
            plain(schema.getConst()),
            plain(schema.getDefault()),
            schema.getFormat(),
            bounds(schema));
    if (schema.get$ref() != null) {
      return own.orElse(reduce(resolve(schema.get$ref()), depth + 1));
    }
    List<Schema<?>> branches = nonNullBranches(schema.getAnyOf());
    if (branches.isEmpty()) {
      branches = nonNullBranches(schema.getOneOf());
    }
    if (branches.isEmpty() && schema.getAllOf() != null && schema.getAllOf().size() == 1) {
      branches = nonNullBranches(schema.getAllOf());
    }
    if (branches.size() == 1) {
      return own.orElse(reduce(branches.get(0), depth + 1));
    }
    if (branches.size() > 1 && own.type == null) {
      return own.orElse(commonType(branches, depth + 1));
    }
    return own;
  }

  /**
   * The numeric bounds a schema declares, as text such as {@code minimum 0} or {@code
   * exclusiveMinimum 0, maximum 10}, or {@code null}. OpenAPI 3.0's boolean {@code
   * exclusiveMinimum} and 3.1's numeric one are both understood.
   */
  private static String bounds(Schema<?> schema) {
    List<String> parts = new ArrayList<>();
    if (schema.getMinimum() != null) {
      parts.add(
          (Boolean.TRUE.equals(schema.getExclusiveMinimum()) ? "exclusiveMinimum " : "minimum ")
              + schema.getMinimum().stripTrailingZeros().toPlainString());
    }
    if (schema.getExclusiveMinimumValue() != null) {
      parts.add(
          "exclusiveMinimum "
              + schema.getExclusiveMinimumValue().stripTrailingZeros().toPlainString());
    }
    if (schema.getMaximum() != null) {
      parts.add(
          (Boolean.TRUE.equals(schema.getExclusiveMaximum()) ? "exclusiveMaximum " : "maximum ")
              + schema.getMaximum().stripTrailingZeros().toPlainString());
    }
    if (schema.getExclusiveMaximumValue() != null) {
      parts.add(
          "exclusiveMaximum "
              + schema.getExclusiveMaximumValue().stripTrailingZeros().toPlainString());
    }
    return parts.isEmpty() ? null : String.join(", ", parts);
  }

  /** Several non-null alternatives: typed only when they all agree on the type. */
  private Partial commonType(List<Schema<?>> branches, int depth) {
    Set<String> types = new LinkedHashSet<>();
    for (Schema<?> b : branches) {
      types.add(reduce(b, depth).type);
    }
    if (types.size() == 1 && types.iterator().next() != null) {
      return new Partial(types.iterator().next(), null, List.of(), null, null, null, null);
    }
    return Partial.EMPTY;
  }

  /** Whether a schema accepts null: {@code nullable: true}, a null type, or a null branch. */
  @SuppressWarnings("rawtypes") // swagger-models declares List<Schema>
  boolean nullable(Schema<?> schema) {
    if (schema == null) {
      return false;
    }
    if (Boolean.TRUE.equals(schema.getNullable())
        || (schema.getTypes() != null && schema.getTypes().contains("null"))) {
      return true;
    }
    for (List<Schema> branches : Arrays.asList(schema.getAnyOf(), schema.getOneOf())) {
      if (branches != null) {
        for (Schema b : branches) {
          if (isNullType(b)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * The top-level properties of an object schema (a {@code $ref} and a single {@code allOf} are
   * followed; several {@code allOf} members are merged), with their required names.
   */
  Map<String, Schema<?>> properties(Schema<?> schema, Set<String> required) {
    Map<String, Schema<?>> out = new LinkedHashMap<>();
    collect(schema, out, required, 0);
    return out;
  }

  @SuppressWarnings("rawtypes") // swagger-models' raw Schema maps
  private void collect(
      Schema<?> schema, Map<String, Schema<?>> out, Set<String> required, int depth) {
    if (schema == null || depth > MAX_DEPTH) {
      return;
    }
    if (schema.get$ref() != null) {
      collect(resolve(schema.get$ref()), out, required, depth + 1);
      return;
    }
    if (schema.getAllOf() != null) {
      for (Schema part : schema.getAllOf()) {
        collect(part, out, required, depth + 1);
      }
    }
    if (schema.getProperties() != null) {
      for (Map.Entry<String, Schema> e : schema.getProperties().entrySet()) {
        out.put(e.getKey(), e.getValue());
      }
    }
    if (schema.getRequired() != null) {
      required.addAll(schema.getRequired());
    }
  }

  private Schema<?> resolve(String ref) {
    if (!ref.startsWith(SCHEMA_REF_PREFIX)) {
      return null;
    }
    return components.get(ref.substring(SCHEMA_REF_PREFIX.length()));
  }

  private static String ownType(Schema<?> schema) {
    if (schema.getType() != null && !"null".equals(schema.getType())) {
      return schema.getType();
    }
    if (schema.getTypes() == null) {
      return null;
    }
    List<String> nonNull = new ArrayList<>();
    for (String t : schema.getTypes()) {
      if (!"null".equals(t)) {
        nonNull.add(t);
      }
    }
    return nonNull.size() == 1 ? nonNull.get(0) : null;
  }

  @SuppressWarnings("rawtypes") // swagger-models declares List<Schema>
  private static List<Schema<?>> nonNullBranches(List<Schema> branches) {
    List<Schema<?>> result = new ArrayList<>();
    if (branches != null) {
      for (Schema<?> b : branches) {
        if (!isNullType(b)) {
          result.add(b);
        }
      }
    }
    return result;
  }

  private static boolean isNullType(Schema<?> schema) {
    if ("null".equals(schema.getType())) {
      return true;
    }
    Set<String> types = schema.getTypes();
    return schema.get$ref() == null && types != null && types.equals(Set.of("null"));
  }

  private static List<Object> enumValues(List<?> values) {
    if (values == null) {
      return List.of();
    }
    List<Object> result = new ArrayList<>();
    for (Object v : values) {
      Object p = plain(v);
      if (p != null) {
        result.add(p);
      }
    }
    return List.copyOf(result);
  }

  /**
   * A parsed value as a plain Java value: {@link String}, {@link Long}, {@link Double}, {@link
   * Boolean}, an unmodifiable {@link List} or {@link Map} of those, or {@code null}. Other values
   * (dates the parser converted) become their string form.
   */
  static Object plain(Object value) {
    if (value == null || value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof JsonNode node) {
      return fromNode(node);
    }
    if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger big) {
      return big.bitLength() < Long.SIZE ? (Object) big.longValue() : (Object) big.doubleValue();
    }
    if (value instanceof BigDecimal || value instanceof Double || value instanceof Float) {
      return ((Number) value).doubleValue();
    }
    if (value instanceof List<?> list) {
      List<Object> result = new ArrayList<>();
      for (Object o : list) {
        result.add(plain(o));
      }
      return Collections.unmodifiableList(result);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> result = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        result.put(String.valueOf(e.getKey()), plain(e.getValue()));
      }
      return Collections.unmodifiableMap(result);
    }
    return value.toString();
  }

  private static Object fromNode(JsonNode node) {
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return node.longValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isArray()) {
      List<Object> result = new ArrayList<>();
      for (JsonNode e : node) {
        result.add(fromNode(e));
      }
      return Collections.unmodifiableList(result);
    }
    if (node.isObject()) {
      Map<String, Object> result = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        result.put(e.getKey(), fromNode(e.getValue()));
      }
      return Collections.unmodifiableMap(result);
    }
    return null;
  }
}
