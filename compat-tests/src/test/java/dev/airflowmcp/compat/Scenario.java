package dev.airflowmcp.compat;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One combination the end-to-end tests run: which Airflow the fake plays and which MCP transport
 * the client uses.
 *
 * @param mode the Airflow major version of the fake
 * @param transport the MCP transport between client and server
 */
record Scenario(FakeAirflow.Mode mode, Transport transport) {

  /** The MCP transports of the server. */
  enum Transport {
    STDIO,
    HTTP
  }

  Scenario {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(transport, "transport");
  }

  /** {Airflow 2, Airflow 3} × {stdio, HTTP}. */
  static List<Scenario> all() {
    List<Scenario> out = new ArrayList<>();
    for (FakeAirflow.Mode mode : FakeAirflow.Mode.values()) {
      for (Transport transport : Transport.values()) {
        out.add(new Scenario(mode, transport));
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return mode + " over " + transport;
  }
}
