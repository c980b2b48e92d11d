package dev.airflowmcp.runtime.airflow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One call to the Airflow REST API, as a generated tool describes it: which operation, the path
 * template with its values, query parameters and headers. The runtime expands and percent-encodes
 * it; generated code never builds URLs itself.
 *
 * @param operationId the operationId in Airflow's spec (for errors and audit)
 * @param method the HTTP method, upper case
 * @param pathTemplate the path including the API prefix, e.g. {@code /api/v2/dags/{dag_id}}
 * @param pathParams values for the template's placeholders, in template order
 * @param query query parameters, in order; arrays already expanded according to their style
 * @param headers request headers other than auth, in order
 * @param lookups path or query values that must first be read from another operation
 * @param body JSON body fields in order (a value may be {@code null}: sent as JSON null); POST, PUT
 *     and PATCH always send a JSON object, {@code {}} when this is empty
 */
public record AirflowRequest(
    String operationId,
    String method,
    String pathTemplate,
    List<Param> pathParams,
    List<Param> query,
    List<Param> headers,
    List<Lookup> lookups,
    Map<String, Object> body) {

  public AirflowRequest {
    Objects.requireNonNull(operationId, "operationId");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(pathTemplate, "pathTemplate");
    pathParams = List.copyOf(pathParams);
    query = List.copyOf(query);
    headers = List.copyOf(headers);
    lookups = List.copyOf(lookups);
    body = Collections.unmodifiableMap(new LinkedHashMap<>(body));
  }

  /** A request without a body. */
  public AirflowRequest(
      String operationId,
      String method,
      String pathTemplate,
      List<Param> pathParams,
      List<Param> query,
      List<Param> headers,
      List<Lookup> lookups) {
    this(operationId, method, pathTemplate, pathParams, query, headers, lookups, Map.of());
  }

  /** A name and its string value. */
  public record Param(String name, String value) {
    public Param {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * A path or query parameter whose value is the top-level {@code field} of the JSON answer to
   * {@code source}, used when the tool argument that would give it is absent.
   *
   * @param minimum the smallest number the value may be, or {@code null}; a smaller one fails the
   *     call ({@link AirflowCallException.Kind#NOT_YET}) with {@code belowMinimum}
   * @param belowMinimum the message then, set exactly when {@code minimum} is
   */
  public record Lookup(
      Location location,
      String name,
      AirflowRequest source,
      String field,
      Long minimum,
      String belowMinimum) {
    public Lookup {
      Objects.requireNonNull(location, "location");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(field, "field");
      if ((minimum == null) != (belowMinimum == null)) {
        throw new IllegalArgumentException("minimum and belowMinimum go together");
      }
    }

    /** A lookup of any value. */
    public Lookup(Location location, String name, AirflowRequest source, String field) {
      this(location, name, source, field, null, null);
    }
  }

  /** Where a looked-up value goes. */
  public enum Location {
    PATH,
    QUERY
  }

  /** How an array query parameter is written. */
  public enum ArrayStyle {
    /** {@code style: form, explode: true}: {@code ?x=a&x=b} (Airflow 3 default). */
    REPEAT,
    /** {@code style: form, explode: false}: {@code ?x=a,b} (Airflow 2). */
    COMMA
  }

  /** The method and path template (never the values, which may be sensitive), for messages. */
  public String describe() {
    return method + " " + pathTemplate;
  }

  public static Builder get(String operationId, String pathTemplate) {
    return new Builder(operationId, "GET", pathTemplate);
  }

  public static Builder of(String method, String operationId, String pathTemplate) {
    return new Builder(operationId, method, pathTemplate);
  }

  /** Builds requests; {@code null} values are skipped so optional arguments can be passed as-is. */
  public static final class Builder {
    private final String operationId;
    private final String method;
    private final String pathTemplate;
    private final List<Param> path = new ArrayList<>();
    private final List<Param> query = new ArrayList<>();
    private final List<Param> headers = new ArrayList<>();
    private final List<Lookup> lookups = new ArrayList<>();
    private final Map<String, Object> body = new LinkedHashMap<>();

    private Builder(String operationId, String method, String pathTemplate) {
      this.operationId = operationId;
      this.method = method;
      this.pathTemplate = pathTemplate;
    }

    /** A path value. Must not be null: required arguments are checked before this is called. */
    public Builder path(String name, Object value) {
      path.add(new Param(name, stringify(Objects.requireNonNull(value, name))));
      return this;
    }

    /** A path value, or, when {@code value} is null, a lookup that finds it. */
    public Builder path(String name, Object value, AirflowRequest source, String field) {
      if (value != null) {
        return path(name, value);
      }
      lookups.add(new Lookup(Location.PATH, name, source, field));
      return this;
    }

    /** A path value always read from another operation's answer. */
    public Builder pathLookup(String name, AirflowRequest source, String field) {
      lookups.add(new Lookup(Location.PATH, name, source, field));
      return this;
    }

    /** A query value always read from another operation's answer. */
    public Builder queryLookup(String name, AirflowRequest source, String field) {
      lookups.add(new Lookup(Location.QUERY, name, source, field));
      return this;
    }

    /**
     * Requires the value the lookup of {@code name} finds to be at least {@code minimum}; a smaller
     * one fails the call with {@code belowMinimum}. No effect when the value was given and nothing
     * is looked up.
     */
    public Builder lookupMinimum(String name, long minimum, String belowMinimum) {
      for (int i = 0; i < lookups.size(); i++) {
        Lookup l = lookups.get(i);
        if (l.name().equals(name)) {
          lookups.set(
              i,
              new Lookup(
                  l.location(),
                  l.name(),
                  l.source(),
                  l.field(),
                  minimum,
                  Objects.requireNonNull(belowMinimum, "belowMinimum")));
        }
      }
      return this;
    }

    /** A query value; skipped when null. Collections are written with {@code style}. */
    public Builder query(String name, Object value) {
      return query(name, value, ArrayStyle.REPEAT);
    }

    /** A query value; skipped when null. Collections are written with {@code style}. */
    public Builder query(String name, Object value, ArrayStyle style) {
      if (value == null) {
        return this;
      }
      if (value instanceof Collection<?> values) {
        if (style == ArrayStyle.COMMA) {
          List<String> parts = new ArrayList<>();
          for (Object v : values) {
            parts.add(stringify(v));
          }
          query.add(new Param(name, String.join(",", parts)));
        } else {
          for (Object v : values) {
            query.add(new Param(name, stringify(v)));
          }
        }
        return this;
      }
      query.add(new Param(name, stringify(value)));
      return this;
    }

    /** A query value, or, when {@code value} is null, a lookup that finds it. */
    public Builder query(String name, Object value, AirflowRequest source, String field) {
      return query(name, value, ArrayStyle.REPEAT, source, field);
    }

    /**
     * A query value written with {@code style} (for example Airflow 2's comma-joined {@code
     * dag_ids}), or, when {@code value} is null, a lookup that finds it.
     */
    public Builder query(
        String name, Object value, ArrayStyle style, AirflowRequest source, String field) {
      if (value != null) {
        return query(name, value, style);
      }
      lookups.add(new Lookup(Location.QUERY, name, source, field));
      return this;
    }

    /** A header; skipped when null. */
    public Builder header(String name, Object value) {
      if (value != null) {
        headers.add(new Param(name, stringify(value)));
      }
      return this;
    }

    /** A JSON body field; skipped when null (use {@link #bodyNull} to send JSON null). */
    public Builder body(String name, Object value) {
      if (value != null) {
        body.put(name, value);
      }
      return this;
    }

    /** A JSON body field sent as {@code null} (Airflow fields that are required but nullable). */
    public Builder bodyNull(String name) {
      body.put(name, null);
      return this;
    }

    public AirflowRequest build() {
      return new AirflowRequest(
          operationId, method, pathTemplate, path, query, headers, lookups, body);
    }

    private static String stringify(Object value) {
      if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
        return Long.toString(d.longValue());
      }
      return String.valueOf(value);
    }
  }
}
