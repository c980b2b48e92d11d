package dev.airflowmcp.toolspec;

import dev.airflowmcp.common.AirflowMajor;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a tool maps onto one operation of one Airflow major version.
 *
 * <p>{@code params} is keyed by the <em>Airflow</em> parameter name and says where each value comes
 * from. Tool arguments that are not named here are bound to the Airflow parameter of the same name.
 *
 * @param location where the binding starts
 * @param major the Airflow major version
 * @param operationId the operationId in that version's REST spec
 * @param params explicit parameter sources, in file order
 * @param response a response shape that replaces the tool's for this version, or {@code null}
 * @param ignore tool arguments this binding does not send, because the operation has no parameter
 *     for them in this Airflow version (for example paging that Airflow 2's {@code /providers}
 *     lacks); in file order
 */
public record Binding(
    SourceLocation location,
    AirflowMajor major,
    String operationId,
    Map<String, ParamSource> params,
    ResponseDef response,
    List<String> ignore) {

  public Binding {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(major, "major");
    Objects.requireNonNull(operationId, "operationId");
    params = Immutables.orderedMap(params);
    ignore = List.copyOf(ignore);
  }

  /** A binding that sends every argument it does not map elsewhere. */
  public Binding(
      SourceLocation location,
      AirflowMajor major,
      String operationId,
      Map<String, ParamSource> params,
      ResponseDef response) {
    this(location, major, operationId, params, response, List.of());
  }
}
