package dev.airflowmcp.codegen.bind;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamesTest {

  @ParameterizedTest
  @CsvSource({
    "list_dags, ListDagsTool",
    "get.dag-runs, GetDagRunsTool",
    "getDAG, GetDAGTool",
    "1x, _1xTool",
    "---, Tool"
  })
  void className(String toolName, String expected) {
    assertThat(Names.className(toolName)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "dag_run_id, dagRunId",
    "DagId, dagId",
    "limit, limit",
    "dag-id, dagId",
    "class, class_",
    "null, null_",
    "record, record_",
    "hashCode, hashCode_",
    "1x, _1x",
    "__, value_"
  })
  void javaName(String name, String expected) {
    assertThat(Names.javaName(name)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"dag_run_id, DAG_RUN_ID", "limit, LIMIT", "2fa, _2FA", "-, VALUE_"})
  void constantName(String name, String expected) {
    assertThat(Names.constantName(name)).isEqualTo(expected);
  }

  @Test
  void packageNames() {
    assertThat(Names.isPackageName("com.example.airflow")).isTrue();
    assertThat(Names.isPackageName("dev.airflowmcp.server")).isTrue();
    assertThat(Names.isPackageName("")).isFalse();
    assertThat(Names.isPackageName("com..example")).isFalse();
    assertThat(Names.isPackageName("com.example.")).isFalse();
    assertThat(Names.isPackageName("com.1example")).isFalse();
    assertThat(Names.isPackageName("com.class.x")).isFalse();
    assertThat(Names.isPackageName("com-example")).isFalse();
  }
}
