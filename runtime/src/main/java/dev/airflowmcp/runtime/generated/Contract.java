package dev.airflowmcp.runtime.generated;

import dev.airflowmcp.runtime.tool.ToolCatalog;

/** The version of the contract between generated code and this runtime (see the package doc). */
public final class Contract {
  /** The contract version this runtime implements; generated catalogs must state the same. */
  public static final int VERSION = 1;

  private Contract() {}

  /**
   * Refuses a catalog generated for another contract version.
   *
   * @throws IllegalStateException saying which versions differ and what to do
   */
  public static void requireSupported(ToolCatalog catalog) {
    int stated = catalog.contractVersion();
    if (stated != VERSION) {
      throw new IllegalStateException(
          "the generated tool catalog "
              + catalog.getClass().getName()
              + " was generated for runtime contract version "
              + stated
              + ", but this airflow-mcp-runtime implements contract version "
              + VERSION
              + ": regenerate the tools with the airflow-mcp generator of the same release as"
              + " the runtime (or use the runtime release that implements version "
              + stated
              + ")");
    }
  }
}
