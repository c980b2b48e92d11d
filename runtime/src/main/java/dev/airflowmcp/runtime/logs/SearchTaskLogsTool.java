package dev.airflowmcp.runtime.logs;

import dev.airflowmcp.runtime.airflow.AirflowCallException;
import dev.airflowmcp.runtime.generated.ArgumentReader;
import dev.airflowmcp.runtime.tool.CustomTool;
import dev.airflowmcp.runtime.tool.InvalidArgumentsException;
import dev.airflowmcp.runtime.tool.ToolContext;
import dev.airflowmcp.runtime.tool.ToolDescriptor;
import dev.airflowmcp.runtime.tool.ToolFailure;
import dev.airflowmcp.runtime.tool.ToolPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code search_task_logs}: the lines of one task try's log that contain a text or match a regular
 * expression, with their line numbers and optional context lines, for logs of any size. It walks
 * Airflow's log pages like {@link GetLogTailTool} (one page in memory at a time) and keeps only the
 * matches ({@link LogSearch}); regular expressions run on RE2/J in linear time and over-complex
 * ones are refused ({@link SearchPattern}). An optional level filter keeps lines at a level or
 * above (the records' level on Airflow 3; the standard line format on Airflow 2). The search stops
 * at the end of the log, after {@code max_matches} matches, after {@value #MAX_PAGES} pages or
 * {@link #TIME_BUDGET}, and says which and whether the whole log was read. Every line is redacted
 * before it is matched and again, with the whole result, by the pipeline.
 */
public final class SearchTaskLogsTool implements CustomTool {
  static final String NAME = "search_task_logs";
  static final int DEFAULT_MAX_MATCHES = 20;
  static final int MAX_MATCHES = 200;
  static final int MAX_CONTEXT = 10;

  /** Pages read at most in one call. */
  static final int MAX_PAGES = 4_096;

  /** How long one search reads at most before it answers with what it found. */
  static final Duration TIME_BUDGET = Duration.ofSeconds(45);

  /** Characters of matches and context returned at most. */
  static final int MAX_CONTENT_CHARS = 40_000;

  private static final List<String> LEVELS =
      List.of("debug", "info", "warning", "error", "critical");
  private static final Set<String> ARGUMENTS =
      TaskTry.argumentsAnd(
          "pattern",
          "regex",
          "case_sensitive",
          "context_before",
          "context_after",
          "level",
          "max_matches");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Duration timeBudget;

  /** The tool as every server registers it, with the {@link #TIME_BUDGET}. */
  public SearchTaskLogsTool() {
    this(TIME_BUDGET);
  }

  /**
   * The tool with another time budget (for a server that registers its own instance, and for
   * benchmarks).
   */
  public SearchTaskLogsTool(Duration timeBudget) {
    if (timeBudget == null || timeBudget.isNegative() || timeBudget.isZero()) {
      throw new IllegalArgumentException("the time budget must be positive");
    }
    this.timeBudget = timeBudget;
  }

  private static final ToolPolicy POLICY =
      new ToolPolicy(
          false,
          "logs",
          List.of("dag_id", "dag_run_id", "task_id", "try_number"),
          Map.of(),
          List.of(),
          List.of("text", "before", "after"));

  @Override
  public ToolDescriptor descriptor() {
    Map<String, Object> props = new LinkedHashMap<>();
    TaskTry.describe(props, "search");
    props.put(
        "pattern",
        TaskTry.property("string", "The text to find, or a regular expression (RE2 syntax)."));
    Map<String, Object> regex =
        TaskTry.property("boolean", "Treat pattern as a regular expression.");
    regex.put("default", false);
    props.put("regex", regex);
    Map<String, Object> caseSensitive =
        TaskTry.property("boolean", "Match upper and lower case exactly.");
    caseSensitive.put("default", false);
    props.put("case_sensitive", caseSensitive);
    props.put("context_before", context("Lines to show before each match."));
    props.put("context_after", context("Lines to show after each match."));
    Map<String, Object> level =
        TaskTry.property(
            "string",
            "Only lines at this level or above (Airflow 3 records; Airflow 2 lines in"
                + " the standard format).");
    level.put("enum", LEVELS);
    props.put("level", level);
    Map<String, Object> max = TaskTry.property("integer", "Stop after this many matches.");
    max.put("default", DEFAULT_MAX_MATCHES);
    max.put("minimum", 1);
    max.put("maximum", MAX_MATCHES);
    props.put("max_matches", max);
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", props);
    List<String> required = new ArrayList<>(TaskTry.REQUIRED);
    required.add("pattern");
    schema.put("required", List.copyOf(required));
    schema.put("additionalProperties", false);
    return new ToolDescriptor(
        NAME,
        "Search a task log",
        "Find the lines of one task try's log that contain a text or match a regular expression,"
            + " with line numbers and context, however long the log is. Defaults to the latest"
            + " try. The result says whether the whole log was searched.",
        schema,
        true,
        false,
        true,
        true);
  }

  private static Map<String, Object> context(String description) {
    Map<String, Object> p = TaskTry.property("integer", description);
    p.put("default", 0);
    p.put("minimum", 0);
    p.put("maximum", MAX_CONTEXT);
    return p;
  }

  @Override
  public ToolPolicy policy() {
    return POLICY;
  }

  @Override
  public JsonNode call(ToolContext context, Map<String, Object> arguments)
      throws InvalidArgumentsException, AirflowCallException, ToolFailure {
    ArgumentReader reader = ArgumentReader.of(arguments, ARGUMENTS);
    TaskTry task = TaskTry.read(reader);
    String pattern = reader.string("pattern", true, null, List.of());
    Boolean regex = reader.bool("regex", false, false);
    Boolean caseSensitive = reader.bool("case_sensitive", false, false);
    Long before = reader.integer("context_before", false, 0L, 0L, (long) MAX_CONTEXT);
    Long after = reader.integer("context_after", false, 0L, 0L, (long) MAX_CONTEXT);
    String level = reader.string("level", false, null, LEVELS);
    Long maxMatches =
        reader.integer("max_matches", false, (long) DEFAULT_MAX_MATCHES, 1L, (long) MAX_MATCHES);
    reader.finish();
    SearchPattern compiled = SearchPattern.compile(pattern, regex, caseSensitive);

    LogPager.Target target = task.target(context);
    long tryNumber = task.resolve(context, target);

    LogSearch search =
        new LogSearch(
            compiled,
            LogSearch.Level.parse(level),
            before.intValue(),
            after.intValue(),
            maxMatches.intValue(),
            MAX_CONTENT_CHARS,
            context::redact);
    LogPager.Outcome read =
        LogPager.read(
            context,
            target,
            tryNumber,
            MAX_PAGES,
            timeBudget,
            search,
            search::enough,
            pages -> context.progress(pages, null, "searched " + search.seen() + " lines"));

    ObjectNode out = NODES.objectNode();
    task.echo(out, tryNumber);
    ArrayNode matches = out.putArray("matches");
    for (LogSearch.Match m : search.matches()) {
      ObjectNode n = matches.addObject();
      n.put("line", m.line);
      n.put("text", m.text);
      if (before > 0) {
        ArrayNode b = n.putArray("before");
        m.before.forEach(b::add);
      }
      if (after > 0) {
        ArrayNode a = n.putArray("after");
        m.after.forEach(a::add);
      }
    }
    out.put("returned_count", search.matches().size());
    out.put("lines_searched", search.searched());
    out.put("pages_read", read.pages());
    boolean complete = read.complete() && search.full() == null;
    out.put("complete", complete);
    String stoppedBy = stoppedBy(read, search);
    out.put("stopped_by", stoppedBy);
    if (!complete) {
      out.put("hint", hint(stoppedBy, search.searched(), timeBudget));
    }
    return out;
  }

  private static String stoppedBy(LogPager.Outcome read, LogSearch search) {
    if (search.full() != null) {
      return search.full().name().toLowerCase(Locale.ROOT);
    }
    return switch (read.stop()) {
      case END_OF_LOG -> "end_of_log";
      case PAGE_LIMIT -> "page_limit";
      case TIME_LIMIT -> "time_limit";
      case SINK -> "max_matches";
    };
  }

  private static String hint(String stoppedBy, long searched, Duration budget) {
    return switch (stoppedBy) {
      case "max_matches" ->
          "More lines may match after line "
              + searched
              + "; raise max_matches or narrow the"
              + " pattern.";
      case "size_limit" ->
          "The matches filled the size budget after line "
              + searched
              + "; ask for fewer context"
              + " lines or narrow the pattern.";
      case "page_limit" ->
          "The log has more than "
              + MAX_PAGES
              + " pages; only its first "
              + searched
              + " lines were searched.";
      default ->
          "The search ran out of time after "
              + searched
              + " lines ("
              + budget.toSeconds()
              + " s); narrow it with level, or read the end with"
              + " get_log_tail.";
    };
  }
}
