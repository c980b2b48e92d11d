package dev.airflowmcp.runtime.tool;

import java.util.List;

/** The arguments of a tool call are wrong; every problem is listed, in argument order. */
public final class InvalidArgumentsException extends Exception {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public InvalidArgumentsException(List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
