package dev.airflowmcp.runtime.logs;

/** Receives a log as {@link LogPages} reads it from Airflow's pages. */
interface LogSink {

  /**
   * A piece of a text stream (Airflow 2): complete lines go in, a trailing piece without a line
   * break waits for the next piece or the end.
   */
  void addText(String text);

  /** Whole lines (a plain-string element of an Airflow 3 page, possibly several lines). */
  void addLines(String text);

  /**
   * One structured record of an Airflow 3 page, already formatted as readable lines (see {@link
   * LogPages#format}), with its level as Airflow wrote it (or null).
   */
  default void addRecord(String text, String level) {
    addLines(text);
  }

  /** The end of the log: a held unfinished line becomes the last line. */
  void finish();

  /** How many lines went in so far. */
  long seen();
}
