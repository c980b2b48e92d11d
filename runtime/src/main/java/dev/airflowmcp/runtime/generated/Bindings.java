package dev.airflowmcp.runtime.generated;

import dev.airflowmcp.common.AirflowMajor;
import dev.airflowmcp.runtime.airflow.AirflowRequest;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Which Airflow majors a generated tool is bound to and how it builds its request on each. A
 * binding that is the same on several majors but for the API prefix is written once ({@link #same})
 * and takes the major, whose {@link AirflowMajor#apiPrefix()} it puts before its path.
 *
 * @param <A> the tool's argument record
 */
public final class Bindings<A extends Record> {
  private final Map<AirflowMajor, Function<A, AirflowRequest>> requests;

  private Bindings(Map<AirflowMajor, Function<A, AirflowRequest>> requests) {
    Map<AirflowMajor, Function<A, AirflowRequest>> copy = new EnumMap<>(AirflowMajor.class);
    copy.putAll(requests);
    this.requests = Collections.unmodifiableMap(copy);
  }

  /** No binding: the tool is not callable on any major. */
  public static <A extends Record> Bindings<A> none() {
    return new Bindings<>(Map.of());
  }

  /** One request builder for every major named, each call given the major it runs on. */
  public static <A extends Record> Bindings<A> same(
      BiFunction<AirflowMajor, A, AirflowRequest> request, AirflowMajor... majors) {
    Objects.requireNonNull(request, "request");
    if (majors.length == 0) {
      throw new IllegalArgumentException("a binding needs at least one Airflow major");
    }
    Map<AirflowMajor, Function<A, AirflowRequest>> out = new EnumMap<>(AirflowMajor.class);
    for (AirflowMajor major : majors) {
      out.put(major, arguments -> request.apply(major, arguments));
    }
    return new Bindings<>(out);
  }

  /** The request builder of one major; add others with {@link #and}. */
  public static <A extends Record> Bindings<A> of(
      AirflowMajor major, Function<A, AirflowRequest> request) {
    return new Bindings<A>(Map.of()).and(major, request);
  }

  /** These bindings and the request builder of one more major. */
  public Bindings<A> and(AirflowMajor major, Function<A, AirflowRequest> request) {
    Objects.requireNonNull(major, "major");
    Objects.requireNonNull(request, "request");
    if (requests.containsKey(major)) {
      throw new IllegalArgumentException(major + " is bound twice");
    }
    Map<AirflowMajor, Function<A, AirflowRequest>> out = new EnumMap<>(AirflowMajor.class);
    out.putAll(requests);
    out.put(major, request);
    return new Bindings<>(out);
  }

  /** Whether there is a binding for this major. */
  public boolean supports(AirflowMajor major) {
    return requests.containsKey(major);
  }

  /**
   * The request of {@code tool} for these arguments on {@code major}.
   *
   * @throws UnsupportedOperationException when the tool has no binding for it
   */
  public AirflowRequest request(String tool, AirflowMajor major, A arguments) {
    Function<A, AirflowRequest> request = requests.get(major);
    if (request == null) {
      throw new UnsupportedOperationException(tool + " has no binding for " + major);
    }
    return request.apply(arguments);
  }
}
