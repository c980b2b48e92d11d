package dev.airflowmcp.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommonTest {

  @Test
  void placeholdersAreNamedInOrderAndFilledOnce() {
    assertThat(Placeholders.names("{dag_id} of {dag_id} at {run}"))
        .containsExactly("dag_id", "dag_id", "run");
    Map<String, String> values = Map.of("dag_id", "{run}", "run", "r1");
    assertThat(Placeholders.fill("{dag_id}/{run}/{missing}", values::get))
        .isEqualTo("{run}/r1/{missing}");
  }

  @Test
  void didYouMeanSuggestsOnlyPlausibleTypos() {
    List<String> names = List.of("dag_id", "dag_run_id", "limit");
    assertThat(DidYouMean.hint("dag_idd", names)).isEqualTo("did you mean 'dag_id'?");
    assertThat(DidYouMean.closest("LIMT", names)).isEqualTo("limit");
    assertThat(DidYouMean.hint("completely_unrelated", names)).isNull();
  }

  @Test
  void majorsKnowTheirApiAndYamlKey() {
    assertThat(AirflowMajor.fromNumber(3)).isEqualTo(AirflowMajor.AIRFLOW3);
    assertThat(AirflowMajor.fromNumber(4)).isNull();
    assertThat(AirflowMajor.fromYamlKey("airflow2").apiPrefix()).isEqualTo("/api/v1");
    assertThat(LayoutSource.SUMMARY.yamlName()).isEqualTo("summary");
  }
}
