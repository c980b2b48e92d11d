package dev.airflowmcp.runtime.pipeline;

import dev.airflowmcp.runtime.tool.InvalidArgumentsException;

/**
 * Checks parsed arguments beyond their schema (for example identifier patterns or site policy).
 * Runs after a generated tool has parsed its arguments and before any Airflow call.
 */
public interface ArgumentValidator {

  /**
   * @param tool the tool's canonical name
   * @param arguments the tool's typed argument record
   * @throws InvalidArgumentsException to reject the call
   */
  void validate(String tool, Record arguments) throws InvalidArgumentsException;

  /** Accepts everything the generated parser accepted. */
  ArgumentValidator NONE = (tool, arguments) -> {};
}
