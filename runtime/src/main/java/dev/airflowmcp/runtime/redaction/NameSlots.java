package dev.airflowmcp.runtime.redaction;

/**
 * Small facts about property names for one walk of a tree, found by the name's identity: the parser
 * shares one instance per distinct name, so after the first object of a page a name's facts cost an
 * array read. Open addressing over {@value #SIZE} slots, probed up to {@value #PROBES} in a row, so
 * that the few dozen names of an Airflow page do not push each other out (a table indexed by the
 * hash alone, as before, lost about one name in six of a list page to a collision and judged it
 * again in every item). A name that finds no slot is simply not remembered. Not thread-safe: one
 * per walk.
 */
final class NameSlots {
  private static final int SIZE = 256;
  private static final int PROBES = 4;

  private final String[] names = new String[SIZE];
  private final byte[] facts = new byte[SIZE];

  /** The facts remembered for this name instance, or -1. */
  int get(String name) {
    int i = name.hashCode();
    for (int p = 0; p < PROBES; p++) {
      int at = (i + p) & (SIZE - 1);
      String held = names[at];
      if (held == name) {
        return facts[at];
      }
      if (held == null) {
        return -1;
      }
    }
    return -1;
  }

  /** Remembers {@code fact} (0 to 127) for this name instance, when a slot is free. */
  void put(String name, int fact) {
    int i = name.hashCode();
    for (int p = 0; p < PROBES; p++) {
      int at = (i + p) & (SIZE - 1);
      String held = names[at];
      if (held == null || held == name) {
        names[at] = name;
        facts[at] = (byte) fact;
        return;
      }
    }
  }
}
