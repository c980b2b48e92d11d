package dev.airflowmcp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The common pool that the JDK HTTP client completes its exchanges on. */
class MainPoolTest {
  private final String before = System.getProperty(Main.COMMON_POOL_PARALLELISM);

  @AfterEach
  void restore() {
    if (before == null) {
      System.clearProperty(Main.COMMON_POOL_PARALLELISM);
    } else {
      System.setProperty(Main.COMMON_POOL_PARALLELISM, before);
    }
  }

  @Test
  void smallMachinesGetAPoolOfTwoOthersKeepTheJvmDefault() {
    System.clearProperty(Main.COMMON_POOL_PARALLELISM);
    Main.poolForAsyncCompletions();
    if (Runtime.getRuntime().availableProcessors() <= 2) {
      assertEquals("2", System.getProperty(Main.COMMON_POOL_PARALLELISM));
    } else {
      assertNull(System.getProperty(Main.COMMON_POOL_PARALLELISM));
    }
  }

  @Test
  void aValueTheUserChoseIsKept() {
    System.setProperty(Main.COMMON_POOL_PARALLELISM, "1");
    Main.poolForAsyncCompletions();
    assertEquals("1", System.getProperty(Main.COMMON_POOL_PARALLELISM));
  }
}
