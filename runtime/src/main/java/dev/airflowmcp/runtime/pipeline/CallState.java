package dev.airflowmcp.runtime.pipeline;

import dev.airflowmcp.common.LayoutSource;
import dev.airflowmcp.runtime.airflow.AirflowCallException;
import dev.airflowmcp.runtime.airflow.AirflowGateway;
import dev.airflowmcp.runtime.airflow.AirflowRequest;
import dev.airflowmcp.runtime.airflow.AirflowVersion;
import dev.airflowmcp.runtime.airflow.RequestGuard;
import dev.airflowmcp.runtime.auth.AirflowCredentials;
import dev.airflowmcp.runtime.tool.CompositeStep;
import dev.airflowmcp.runtime.tool.ErrorType;
import dev.airflowmcp.runtime.tool.InvalidArgumentsException;
import dev.airflowmcp.runtime.tool.ResponseShape;
import dev.airflowmcp.runtime.tool.Tool;
import dev.airflowmcp.runtime.tool.ToolContext;
import dev.airflowmcp.runtime.tool.ToolError;
import dev.airflowmcp.runtime.tool.ToolFailure;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Everything one call (including its composite steps) shares; also its {@link ToolContext}: Airflow
 * access limited to GETs for a read tool, progress, redaction, and steps (single calls, or the
 * pages of a list). Part of {@link ToolPipeline}.
 */
final class CallState implements ToolContext {
  // Logs under the pipeline's name, as before this class was split out of it.
  private static final Logger LOG = LoggerFactory.getLogger(ToolPipeline.class);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Executions executions;
  final AirflowCredentials credentials;
  final boolean writes;
  final ProgressSink progress;
  final AtomicInteger calls = new AtomicInteger();
  volatile String outcome = "ok";
  volatile ResponseShape shape;
  int chars;

  /** The size of the Airflow answer the result is shaped from (0: unknown), a size hint. */
  long answerBytes;

  int depth;

  /**
   * Whether the result is known to hold no character {@link UntrustedText#strip} would change (set
   * for a top-level generated call whose result is Airflow's answer, shaped without a layout, when
   * the answer's text is {@link UntrustedText#plainJson plain}): the pipeline skips its walk.
   */
  boolean plainText;

  /** The heap share this call's answer holds while it is processed; released by the pipeline. */
  private LargeAnswers.Share share = LargeAnswers.NONE;

  /**
   * @param writes whether the tool is a write tool: only then may it send more than GETs
   * @param progress where its progress notifications go
   */
  CallState(
      Executions executions,
      AirflowCredentials credentials,
      boolean writes,
      ProgressSink progress) {
    this.executions = executions;
    this.credentials = credentials;
    this.writes = writes;
    this.progress = progress;
  }

  /**
   * Waits for the heap share of an answer of {@code bytes} bytes (see {@link LargeAnswers}).
   *
   * @param read whether the request that got the answer changed nothing in Airflow: only then may
   *     the wait end in a refusal the client can retry
   * @throws AirflowCallException when interrupted while waiting, as a timeout, or as busy when a
   *     read's share is not free within the pool's wait bound
   */
  void holdShare(LargeAnswers answers, long bytes, boolean read) throws AirflowCallException {
    releaseShare();
    try {
      share = answers.enter(bytes, read);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AirflowCallException(
          AirflowCallException.Kind.TIMEOUT, "interrupted while waiting to process the answer", e);
    }
  }

  /** Gives back the heap share this call holds, if any. */
  void releaseShare() {
    LargeAnswers.Share held = share;
    share = LargeAnswers.NONE;
    held.release();
  }

  @Override
  public AirflowVersion airflowVersion() throws AirflowCallException {
    return executions.versions.detect(credentials);
  }

  @Override
  public JsonNode getJson(AirflowRequest request) throws AirflowCallException {
    if (!writes && !"GET".equals(request.method())) {
      // Defence in depth: the client allows writes for the whole server once it has any write
      // tool; a tool not marked as one still only reads.
      throw RequestGuard.readOnly(request, "only write tools may change Airflow");
    }
    AirflowGateway.Exchange exchange =
        executions.gateway.execute(request, credentials, airflowVersion().major(), calls);
    byte[] body = exchange.response().body();
    try {
      return Executions.isBlank(body) ? NODES.objectNode() : Executions.readJson(body);
    } catch (JacksonException e) {
      throw new AirflowCallException(
          AirflowCallException.Kind.BAD_RESPONSE,
          "Airflow's answer to " + request.describe() + " is not valid JSON");
    }
  }

  @Override
  public String redact(String text) {
    return executions.redactor.redactText(UntrustedText.strip(text, null));
  }

  @Override
  public void progress(double value, Double total, String message) {
    try {
      progress.notify(value, total, message);
    } catch (RuntimeException e) {
      // A lost notification must not fail the call.
      LOG.debug("progress notification failed: {}", e.getClass().getSimpleName());
    }
  }

  @Override
  public StepResult callTool(String name, Map<String, Object> arguments) {
    Tool step = executions.tools.apply(name);
    if (step == null) {
      return new StepResult(
          null,
          new ToolError(
              "No tool named " + name + ".",
              ErrorType.INTERNAL,
              "This is a server configuration problem.",
              false));
    }
    if (depth >= Executions.MAX_STEP_DEPTH) {
      return new StepResult(
          null,
          new ToolError(
              "Steps nest too deeply.",
              ErrorType.INTERNAL,
              "This is a server configuration problem.",
              false));
    }
    CallState child =
        new CallState(executions, credentials, step.policy().write(), ProgressSink.NONE);
    child.depth = depth + 1;
    try {
      JsonNode result = executions.prepare(step, arguments).run(child);
      return new StepResult(result, null);
    } catch (InvalidArgumentsException e) {
      return new StepResult(null, ErrorRenderer.invalidArguments(step.name(), e));
    } catch (AirflowCallException e) {
      if (credentials != null) {
        executions.admission.noteTooManyRequests(e, credentials.principal());
      }
      return new StepResult(null, ErrorMapper.from(e));
    } catch (ToolFailure e) {
      if (credentials != null) {
        executions.admission.noteTooManyRequests(e, credentials.principal());
      }
      return new StepResult(null, e.error());
    } catch (RuntimeException e) {
      LOG.warn("step {} failed unexpectedly: {}", name, e.getClass().getSimpleName());
      return new StepResult(null, ErrorRenderer.INTERNAL);
    } finally {
      calls.addAndGet(child.calls.get());
    }
  }

  /** Runs one composite step: a single call, or the pages of a list when it has maxItems. */
  StepResult callStep(CompositeStep step) {
    return step.maxItems() > 0
        ? callPages(step.tool(), step.arguments(), step.maxItems())
        : callTool(step.tool(), step.arguments());
  }

  /**
   * Calls a list tool page after page, raising {@code offset} by the size of each page (Airflow may
   * return fewer items than {@code limit} asks for: its {@code maximum_page_limit} caps a page),
   * until a page is empty, Airflow's total is reached or {@code maxItems} items are collected. The
   * result is the first page's result with every collected item in its list and the count updated.
   * A page that fails fails the step: a partial list would pass for a whole.
   */
  private StepResult callPages(String name, Map<String, Object> arguments, int maxItems) {
    Tool handle = executions.tools.apply(name);
    if (handle == null) {
      return callTool(name, arguments);
    }
    ListKeys keys;
    try {
      keys = ListKeys.of(handle.policy().response(airflowVersion().major()));
    } catch (AirflowCallException e) {
      return new StepResult(null, ErrorMapper.from(e));
    }
    if (keys == null) {
      LOG.warn("step calling {} cannot page: the tool has no list result", name);
      return new StepResult(null, ErrorRenderer.INTERNAL);
    }
    ObjectNode merged = null;
    ArrayNode items = NODES.arrayNode();
    long offset = 0;
    while (items.size() < maxItems) {
      Map<String, Object> pageArguments = new LinkedHashMap<>(arguments);
      pageArguments.put("offset", offset);
      StepResult page = callTool(name, pageArguments);
      if (!page.ok()) {
        return page;
      }
      JsonNode list = page.result().get(keys.items());
      if (!(page.result() instanceof ObjectNode object) || list == null || !list.isArray()) {
        return new StepResult(null, ErrorRenderer.INTERNAL);
      }
      if (merged == null) {
        merged = object;
      }
      for (JsonNode item : list) {
        if (items.size() < maxItems) {
          items.add(item);
        }
      }
      offset += list.size();
      JsonNode total = keys.total() == null ? null : object.get(keys.total());
      if (list.isEmpty() || (total != null && total.isNumber() && offset >= total.asLong())) {
        break;
      }
    }
    merged.set(keys.items(), items);
    if (keys.count() != null && merged.has(keys.count())) {
      merged.put(keys.count(), items.size());
    }
    return new StepResult(merged, null);
  }

  /**
   * Where a list tool's result keeps its items, its total and its count (the count and total may be
   * absent from a custom layout).
   */
  private record ListKeys(String items, String total, String count) {
    static ListKeys of(ResponseShape shape) {
      if (shape.listKey() == null) {
        return null;
      }
      if (shape.layout().isEmpty()) {
        return new ListKeys(shape.envelopeKey(), "total_" + shape.envelopeKey(), "returned_count");
      }
      String items = null;
      String total = null;
      String count = null;
      for (Map.Entry<String, LayoutSource> e : shape.layout().entrySet()) {
        switch (e.getValue()) {
          case ITEMS -> items = e.getKey();
          case TOTAL -> total = e.getKey();
          case COUNT -> count = e.getKey();
          default -> {
            // Other keys are carried over from the first page.
          }
        }
      }
      return items == null ? null : new ListKeys(items, total, count);
    }
  }
}
