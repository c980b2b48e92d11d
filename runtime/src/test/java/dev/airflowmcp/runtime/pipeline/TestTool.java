package dev.airflowmcp.runtime.pipeline;

import dev.airflowmcp.common.AirflowMajor;
import dev.airflowmcp.runtime.airflow.AirflowRequest;
import dev.airflowmcp.runtime.generated.ArgumentReader;
import dev.airflowmcp.runtime.tool.GeneratedTool;
import dev.airflowmcp.runtime.tool.InvalidArgumentsException;
import dev.airflowmcp.runtime.tool.ResponseShape;
import dev.airflowmcp.runtime.tool.ToolPolicy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * A hand-written tool shaped like a generated one: a typed argument record read with {@link
 * ArgumentReader}, a policy, and a request per Airflow major. Shared by the pipeline and server
 * tests.
 */
public final class TestTool implements GeneratedTool<TestTool.Args> {

  /**
   * The tool's arguments.
   *
   * @param dagId required DAG id
   * @param password an optional argument whose name is sensitive
   * @param limit page size, 1..1000, default 100
   * @param states optional state filter
   */
  public record Args(String dagId, String password, Long limit, List<String> states) {}

  /** Every argument name the tool knows. */
  public static final Set<String> NAMES = Set.of("dag_id", "password", "limit", "states");

  private final String name;
  private final ToolPolicy policy;
  private final BiFunction<AirflowMajor, Args, AirflowRequest> request;
  private final Set<AirflowMajor> majors;

  public TestTool(
      String name, ToolPolicy policy, BiFunction<AirflowMajor, Args, AirflowRequest> request) {
    this(name, policy, request, Set.of(AirflowMajor.values()));
  }

  private TestTool(
      String name,
      ToolPolicy policy,
      BiFunction<AirflowMajor, Args, AirflowRequest> request,
      Set<AirflowMajor> majors) {
    this.name = name;
    this.policy = policy;
    this.request = request;
    this.majors = Set.copyOf(majors);
  }

  /** A tool calling {@link #getDag} that has a binding only for {@code major}. */
  public static TestTool getDagToolOnlyFor(String name, AirflowMajor major) {
    return new TestTool(
        name, policy(ResponseShape.PASS_THROUGH, List.of()), TestTool::getDag, Set.of(major));
  }

  /** A policy echoing {@code dag_id} and {@code password}, with one shape for both majors. */
  public static ToolPolicy policy(ResponseShape shape, List<String> sensitiveFields) {
    return new ToolPolicy(
        false,
        "default",
        List.of("dag_id", "password"),
        Map.of(AirflowMajor.AIRFLOW2, shape, AirflowMajor.AIRFLOW3, shape),
        sensitiveFields,
        List.of());
  }

  /** {@code GET <prefix>/dags/{dag_id}} with {@code limit} as a query value. */
  public static AirflowRequest getDag(AirflowMajor major, Args args) {
    return AirflowRequest.get("get_dag", major.apiPrefix() + "/dags/{dag_id}")
        .path("dag_id", args.dagId())
        .query("limit", args.limit())
        .build();
  }

  /** A tool calling {@link #getDag} with a pass-through shape. */
  public static TestTool getDagTool(String name) {
    return new TestTool(name, policy(ResponseShape.PASS_THROUGH, List.of()), TestTool::getDag);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ToolPolicy policy() {
    return policy;
  }

  @Override
  public Args parseArguments(Map<String, Object> raw) throws InvalidArgumentsException {
    ArgumentReader reader = ArgumentReader.of(raw, NAMES);
    Args args =
        new Args(
            reader.string("dag_id", true, null, List.of()),
            reader.string("password", false, null, List.of()),
            reader.integer("limit", false, 100L, 1L, 1000L),
            reader.stringList("states", false, List.of("success", "failed")));
    reader.finish();
    return args;
  }

  @Override
  public boolean supports(AirflowMajor major) {
    return majors.contains(major);
  }

  @Override
  public AirflowRequest request(AirflowMajor major, Args arguments) {
    return request.apply(major, arguments);
  }
}
