package dev.airflowmcp.codegen.bind;

import dev.airflowmcp.codegen.openapi.AirflowSpec;
import dev.airflowmcp.common.AirflowMajor;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/** The configured specs grouped by Airflow major version, each group in the order given. */
final class SpecCatalog {
  private final Map<AirflowMajor, List<AirflowSpec>> byMajor = new EnumMap<>(AirflowMajor.class);

  SpecCatalog(List<AirflowSpec> specs) {
    for (AirflowMajor m : AirflowMajor.values()) {
      byMajor.put(m, new ArrayList<>());
    }
    for (AirflowSpec s : specs) {
      byMajor.get(s.major()).add(s);
    }
  }

  /** The specs of one major version, oldest (first given) to newest (last given). */
  List<AirflowSpec> specs(AirflowMajor major) {
    return List.copyOf(byMajor.get(major));
  }

  /** Every operationId of one major version, sorted (for "did you mean" hints). */
  SortedSet<String> operationIds(AirflowMajor major) {
    SortedSet<String> ids = new TreeSet<>();
    for (AirflowSpec s : byMajor.get(major)) {
      ids.addAll(s.operations().keySet());
    }
    return ids;
  }
}
