package dev.airflowmcp.codegen.model;

/** Where an Airflow parameter goes in the request. */
public enum ParamLocation {
  PATH,
  QUERY,
  HEADER,
  /** A top-level field of the JSON request body. */
  BODY
}
