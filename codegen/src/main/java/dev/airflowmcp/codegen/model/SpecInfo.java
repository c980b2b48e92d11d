package dev.airflowmcp.codegen.model;

import dev.airflowmcp.common.AirflowMajor;

/**
 * One loaded Airflow REST spec.
 *
 * @param label the file name as given (never an absolute path, so output stays reproducible)
 * @param major the Airflow major version it describes ({@code /api/v1} → 2, {@code /api/v2} → 3)
 * @param infoVersion {@code info.version} of the document
 * @param operationCount number of operations in it
 */
public record SpecInfo(String label, AirflowMajor major, String infoVersion, int operationCount) {}
