package dev.airflowmcp.runtime.tool;

import dev.airflowmcp.runtime.airflow.AirflowCallException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A hand-written tool that can also run as an MCP task (the tasks extension of the 2026-07-28
 * revision): {@link #start} begins the work and returns at once, {@link #poll} later reads where it
 * is. The server keeps nothing between the two: what {@code poll} needs travels in the task id
 * ({@link Started#ref()}, sealed by the server), so every poll reads the state afresh, with the
 * polling caller's own credentials. Clients that do not use tasks get {@link #call}, which blocks.
 *
 * <p>Both steps run through the tool pipeline like any call (rate limit, redaction, budget, error
 * rendering, audit); a failure they throw becomes the same error result {@code call} would have
 * given.
 */
public interface TaskTool extends CustomTool {

  /**
   * Starts the work.
   *
   * @throws InvalidArgumentsException when the arguments are wrong (nothing was started)
   * @throws AirflowCallException when Airflow refused or failed
   * @throws ToolFailure for any other failure the model should see
   */
  Started start(ToolContext context, Map<String, Object> arguments)
      throws InvalidArgumentsException, AirflowCallException, ToolFailure;

  /**
   * Reads where started work is, {@code now}.
   *
   * @throws AirflowCallException when the state cannot be read for a lasting reason (the task then
   *     ends with the error result {@code call} would have ended with)
   * @throws ToolFailure likewise
   */
  Polled poll(ToolContext context, Task task, Instant now) throws AirflowCallException, ToolFailure;

  /** The policy of a poll: a read, never a write, in the rate-limit class of reads. */
  ToolPolicy pollPolicy();

  /**
   * Started work.
   *
   * @param ref what identifies the work (for example a DAG id and a run id); sealed into the task
   *     id, never shown in clear
   * @param timeout how long the task may stay working before it ends as timed out
   * @param pollInterval how often a client should poll
   * @param message a short status for people
   */
  record Started(List<String> ref, Duration timeout, Duration pollInterval, String message) {
    public Started {
      ref = List.copyOf(ref);
      Objects.requireNonNull(timeout, "timeout");
      Objects.requireNonNull(pollInterval, "pollInterval");
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * A task as its id carries it.
   *
   * @param ref {@link Started#ref()}
   * @param createdAt when it was started
   * @param deadline {@code createdAt} plus the timeout
   */
  record Task(List<String> ref, Instant createdAt, Instant deadline) {
    public Task {
      ref = List.copyOf(ref);
      Objects.requireNonNull(createdAt, "createdAt");
      Objects.requireNonNull(deadline, "deadline");
    }

    /** The timeout in seconds. */
    public double timeoutSeconds() {
      return Duration.between(createdAt, deadline).toMillis() / 1000.0;
    }
  }

  /** Where started work is. */
  sealed interface Polled permits Working, Done {
    /** A short status for people. */
    String message();

    /** When the work last changed, as far as is known. */
    Instant lastUpdated();
  }

  /** Still running: poll again. */
  record Working(String message, Instant lastUpdated) implements Polled {}

  /** Ended: {@code result} is what {@code call} would have returned. */
  record Done(JsonNode result, String message, Instant lastUpdated) implements Polled {
    public Done {
      Objects.requireNonNull(result, "result");
    }
  }
}
