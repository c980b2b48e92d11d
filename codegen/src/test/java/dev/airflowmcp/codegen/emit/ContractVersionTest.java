package dev.airflowmcp.codegen.emit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airflowmcp.runtime.generated.Contract;
import org.junit.jupiter.api.Test;

class ContractVersionTest {

  @Test
  void theGeneratorWritesForTheContractVersionOfTheRuntimeOfItsRelease() {
    assertThat(RuntimeTypes.CONTRACT_VERSION).isEqualTo(Contract.VERSION);
    assertThat(RuntimeTypes.CONTRACT_PACKAGE).isEqualTo(Contract.class.getPackageName());
  }
}
