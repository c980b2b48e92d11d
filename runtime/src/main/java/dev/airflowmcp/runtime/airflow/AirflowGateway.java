package dev.airflowmcp.runtime.airflow;

import dev.airflowmcp.common.AirflowMajor;
import dev.airflowmcp.runtime.airflow.AirflowCallException.Kind;
import dev.airflowmcp.runtime.auth.AirflowCredentials;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * Runs one tool's Airflow call end to end: resolves the request's lookups (each a GET whose JSON
 * answer supplies a missing path or query value), adds the {@code Authorization} header from the
 * credentials, retries once with a fresh header when Airflow answers 401 and the credentials can
 * refresh, and turns any non-2xx answer into an {@link AirflowCallException} of kind {@link
 * Kind#HTTP_STATUS}.
 */
public final class AirflowGateway {

  /** Lookups whose sources have lookups themselves are resolved up to this depth. */
  static final int MAX_LOOKUP_DEPTH = 3;

  private final AirflowTransport http;

  public AirflowGateway(AirflowTransport http) {
    this.http = Objects.requireNonNull(http, "http");
  }

  /**
   * The successful answer to a request and how many HTTP requests it took (lookups and 401 retries
   * included).
   */
  public record Exchange(AirflowResponse response, int calls) {
    public Exchange {
      Objects.requireNonNull(response, "response");
    }
  }

  /**
   * Sends {@code request} (after its lookups) with {@code credentials} for {@code major}.
   *
   * @param credentials where the {@code Authorization} header comes from, or {@code null} to send
   *     none
   * @throws AirflowCallException {@link Kind#HTTP_STATUS} for a non-2xx answer to the request or a
   *     lookup, {@link Kind#BAD_RESPONSE} when a lookup's answer lacks its field, or whatever the
   *     transport or the credentials raise
   */
  public Exchange execute(
      AirflowRequest request, AirflowCredentials credentials, AirflowMajor major)
      throws AirflowCallException {
    return execute(request, credentials, major, new AtomicInteger());
  }

  /**
   * As {@link #execute(AirflowRequest, AirflowCredentials, AirflowMajor)}, counting every HTTP
   * request into {@code sent} as it goes out, so that calls which end in an exception are counted
   * too.
   */
  public Exchange execute(
      AirflowRequest request,
      AirflowCredentials credentials,
      AirflowMajor major,
      AtomicInteger sent)
      throws AirflowCallException {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(major, "major");
    Counter counter = new Counter(sent);
    AirflowRequest resolved = resolve(request, credentials, major, counter, 0);
    AirflowResponse response = sendAuthorized(resolved, credentials, major, counter);
    if (!response.isSuccess()) {
      throw statusError(resolved, response);
    }
    return new Exchange(response, counter.calls);
  }

  /**
   * Refuses, without sending anything, a request the transport would refuse (see {@link
   * AirflowTransport#check}).
   */
  public void check(AirflowRequest request) throws AirflowCallException {
    http.check(request);
  }

  /**
   * The exception for a non-2xx answer: {@code "Airflow answered HTTP 404 for GET
   * /api/v2/dags/{dag_id}"}, followed by {@code ": <detail>"} when Airflow's JSON body explains it
   * (capped at 500 characters). Carries the status and {@code Retry-After}.
   */
  public static AirflowCallException statusError(AirflowRequest request, AirflowResponse response) {
    String detail = JsonBodies.detail(response);
    return new AirflowCallException(
        Kind.HTTP_STATUS,
        response.status(),
        response.retryAfterSeconds(),
        "Airflow answered HTTP "
            + response.status()
            + " for "
            + request.describe()
            + (detail == null ? "" : ": " + detail),
        null);
  }

  private AirflowRequest resolve(
      AirflowRequest request,
      AirflowCredentials credentials,
      AirflowMajor major,
      Counter counter,
      int depth)
      throws AirflowCallException {
    if (request.lookups().isEmpty()) {
      return request;
    }
    if (depth >= MAX_LOOKUP_DEPTH) {
      throw new AirflowCallException(
          Kind.REFUSED, "refused " + request.describe() + ": lookups are nested too deeply");
    }
    List<AirflowRequest.Param> path = new ArrayList<>(request.pathParams());
    List<AirflowRequest.Param> query = new ArrayList<>(request.query());
    for (AirflowRequest.Lookup lookup : request.lookups()) {
      AirflowRequest source = resolve(lookup.source(), credentials, major, counter, depth + 1);
      AirflowResponse answer = sendAuthorized(source, credentials, major, counter);
      if (!answer.isSuccess()) {
        throw statusError(source, answer);
      }
      String found = lookupValue(source, answer, lookup.field());
      if (lookup.minimum() != null && isBelow(found, lookup.minimum())) {
        throw new AirflowCallException(Kind.NOT_YET, lookup.belowMinimum());
      }
      AirflowRequest.Param value = new AirflowRequest.Param(lookup.name(), found);
      if (lookup.location() == AirflowRequest.Location.PATH) {
        path.add(value);
      } else {
        query.add(value);
      }
    }
    String template = request.pathTemplate();
    path.sort(Comparator.comparingInt(p -> placeholderIndex(template, p.name())));
    return new AirflowRequest(
        request.operationId(),
        request.method(),
        template,
        path,
        query,
        request.headers(),
        List.of(),
        request.body());
  }

  /** Whether a looked-up value is a number below {@code minimum} (other values pass). */
  private static boolean isBelow(String value, long minimum) {
    try {
      return Long.parseLong(value.strip()) < minimum;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static int placeholderIndex(String template, String name) {
    int index = template.indexOf("{" + name + "}");
    return index < 0 ? Integer.MAX_VALUE : index;
  }

  /** {@code list[*].name}: the {@code name} of every item of {@code list}, joined with commas. */
  private static String listValue(AirflowRequest source, JsonNode body, String list, String name)
      throws AirflowCallException {
    JsonNode items = body.get(list);
    if (items == null || !items.isArray()) {
      throw new AirflowCallException(
          Kind.BAD_RESPONSE, "lookup " + source.operationId() + " returned no '" + list + "' list");
    }
    List<String> values = new ArrayList<>();
    for (JsonNode item : items) {
      JsonNode v = item.get(name);
      if (v == null || !(v.isString() || v.isNumber())) {
        throw new AirflowCallException(
            Kind.BAD_RESPONSE,
            "lookup "
                + source.operationId()
                + " returned an item of '"
                + list
                + "' without '"
                + name
                + "'");
      }
      values.add(v.asString());
    }
    return String.join(",", values);
  }

  private static String lookupValue(AirflowRequest source, AirflowResponse answer, String field)
      throws AirflowCallException {
    JsonNode body = JsonBodies.object(answer);
    if (body == null) {
      throw new AirflowCallException(
          Kind.BAD_RESPONSE, "lookup " + source.operationId() + " did not return a JSON object");
    }
    int star = field.indexOf("[*].");
    if (star > 0) {
      return listValue(source, body, field.substring(0, star), field.substring(star + 4));
    }
    JsonNode value = body.get(field);
    if (value != null && (value.isString() || value.isNumber())) {
      return value.asString();
    }
    if (value == null || value.isNull()) {
      throw new AirflowCallException(
          Kind.BAD_RESPONSE, "lookup " + source.operationId() + " returned no '" + field + "'");
    }
    throw new AirflowCallException(
        Kind.BAD_RESPONSE,
        "lookup "
            + source.operationId()
            + " returned a '"
            + field
            + "' that is not a string or number");
  }

  private AirflowResponse sendAuthorized(
      AirflowRequest request, AirflowCredentials credentials, AirflowMajor major, Counter counter)
      throws AirflowCallException {
    String header = credentials == null ? null : credentials.authorization(major);
    counter.add();
    AirflowResponse response = http.send(request, header);
    if (response.status() == 401
        && credentials != null
        && credentials.refreshAfterUnauthorized(header)) {
      String fresh = credentials.authorization(major);
      counter.add();
      response = http.send(request, fresh);
    }
    return response;
  }

  /** HTTP requests made for one {@link #execute} call. */
  private static final class Counter {
    private final AtomicInteger sent;
    private int calls;

    Counter(AtomicInteger sent) {
      this.sent = sent;
    }

    void add() {
      calls++;
      sent.incrementAndGet();
    }
  }
}
